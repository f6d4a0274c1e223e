"""Page schemes recognised from the spec (generator/ir/pages.py), once for every target: each common
shape, the near misses that are not pages, and the config's precedence and switch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile import checks
from hostile.spec import PAYLOADS
from sdkforge.config import find_config, load_config
from sdkforge.diagnostics import Diagnostics
from sdkforge.ir.build import build_ir
from sdkforge.ir.model import Api, Operation
from sdkforge.openapi.load import load_file
from sdkforge.openapi.resolve import resolve

ITEM = {"type": "object", "properties": {"id": {"type": "string"}}}


def _q(name: str, type_: str = "string") -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": type_}}


def _op(params: list[dict[str, Any]], body: dict[str, Any], headers: dict[str, Any] | None = None,
        method: str = "get") -> dict[str, Any]:
    response: dict[str, Any] = {"description": "OK", "content": {"application/json": {"schema": body}}}
    if headers:
        response["headers"] = headers
    return {method: {"operationId": "listThings", "parameters": params, "responses": {"200": response}}}


def _list(field: str = "data", **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": {field: {"type": "array", "items": ITEM}, **extra}}


def build(tmp_path: Path, paths: dict[str, Any], config: str | None = None) -> tuple[Api, Diagnostics]:
    spec = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": paths}
    path = tmp_path / "api.json"
    path.write_text(json.dumps(spec))
    if config is not None:
        (tmp_path / "api.sdkforge.yaml").write_text(config)
    diags = Diagnostics()
    api, _ = build_ir(resolve(load_file(path), diags), load_config(find_config(path), diags), diags)
    return api, diags


def only_op(api: Api) -> Operation:
    (op,) = api.operations
    return op


@pytest.mark.parametrize("params, body, style, fields", [
    # OpenAI: after + has_more + last_id
    ([_q("after"), _q("limit", "integer")],
     _list(has_more={"type": "boolean"}, last_id={"type": "string"}),
     "cursor", {"request_cursor": "after", "request_limit": "limit", "has_more": "has_more",
                "next_path": ("last_id",), "items": "data"}),
    # Stripe: starting_after + has_more, the last item's id is the cursor
    ([_q("starting_after")], _list(has_more={"type": "boolean"}),
     "cursor", {"request_cursor": "starting_after", "has_more": "has_more", "next_path": ()}),
    # Slack: cursor + response_metadata.next_cursor, one object deep
    ([_q("cursor")], _list("channels", response_metadata={"type": "object", "properties": {
        "next_cursor": {"type": "string"}}}),
     "cursor", {"request_cursor": "cursor", "next_path": ("response_metadata", "next_cursor"), "items": "channels"}),
    # Kubernetes: continue + metadata.continue
    ([_q("continue"), _q("limit", "integer")], _list("items", metadata={"type": "object", "properties": {
        "continue": {"type": "string"}, "resourceVersion": {"type": "string"}}}),
     "cursor", {"request_cursor": "continue", "next_path": ("metadata", "continue"), "has_more": None}),
    # a page token
    ([_q("page_token")], _list("items", next_page_token={"type": "string"}),
     "cursor", {"request_cursor": "page_token", "next_path": ("next_page_token",)}),
    # a `page` answered with a next-page token is a cursor (Stripe's search)
    ([_q("page")], _list(next_page={"type": ["string", "null"]}),
     "cursor", {"request_cursor": "page", "next_path": ("next_page",)}),
    ([_q("offset", "integer"), _q("limit", "integer")], _list("results", total={"type": "integer"}),
     "offset", {"request_cursor": "offset", "request_limit": "limit", "items": "results"}),
    ([_q("page", "integer"), _q("per_page", "integer")], _list("invoices"),
     "page", {"request_cursor": "page", "request_limit": "per_page", "items": "invoices"}),
    ([_q("page", "integer"), _q("page_size", "integer")], _list(),
     "page", {"request_limit": "page_size"}),
    # a next link: typed as a URL, named as one, or inside a links object
    ([_q("limit", "integer")], _list("results", next={"type": ["string", "null"], "format": "uri"}),
     "next_link", {"next_path": ("next",), "request_cursor": None}),
    ([], _list(next_url={"type": "string"}), "next_link", {"next_path": ("next_url",)}),
    # Twilio: a relative next_page_uri beside Page/PageSize/PageToken
    ([_q("Page", "integer"), _q("PageSize", "integer"), _q("PageToken")],
     _list("calls", next_page_uri={"type": ["string", "null"]}, page={"type": "integer"}),
     "next_link", {"next_path": ("next_page_uri",), "request_limit": "PageSize"}),
    ([], _list(links={"type": "object", "properties": {"next": {"type": "string"}}}),
     "next_link", {"next_path": ("links", "next")}),
    # no page parameter, an envelope of the items and text (OpenAI's models): one whole page
    ([], _list(object={"type": "string", "enum": ["list"]}), "single", {"name": "Page", "request_cursor": None}),
])
def test_each_page_shape_is_detected(tmp_path: Path, params: list[dict[str, Any]], body: dict[str, Any],
                                     style: str, fields: dict[str, Any]) -> None:
    api, diags = build(tmp_path, {"/things": _op(params, body)})
    op = only_op(api)
    assert op.pagination is not None and op.pagination.style == style
    (scheme,) = api.page_schemes
    assert scheme.detected and scheme.name == op.pagination.scheme
    assert {key: getattr(scheme, key) for key in fields} == fields
    assert diags.warnings() == []


def test_link_header_pages_a_bare_array(tmp_path: Path) -> None:
    link = {"Link": {"schema": {"type": "string"}}}
    api, _ = build(tmp_path, {"/repos": _op([_q("page", "integer"), _q("per_page", "integer")],
                                            {"type": "array", "items": ITEM}, headers=link)})
    op = only_op(api)
    assert op.pagination is not None and op.pagination.style == "link_header"
    (scheme,) = api.page_schemes
    assert (scheme.name, scheme.items) == ("LinkHeaderPage", "")


@pytest.mark.parametrize("paths", [
    # an array response without any page parameter or Link header
    {"/things": _op([_q("limit", "integer")], {"type": "array", "items": ITEM})},
    # an object list without a page parameter
    {"/things": _op([_q("limit", "integer")], _list())},
    # a `page` parameter on something that is not a list
    {"/things": _op([_q("page", "integer")], ITEM)},
    # a cursor parameter with no sign of a next page in the response
    {"/things": _op([_q("after")], _list())},
    # an integer cursor parameter beside a string `next` (a URL, Spotify): not a cursor pair
    {"/things": _op([_q("after", "integer")], _list("items", next={"type": "string"}))},
    # a `next` string that is neither typed as a URL nor inside links: not followed as a link
    {"/things": _op([_q("limit", "integer")], _list(next={"type": "string"}))},
    # a page-like POST
    {"/things": _op([_q("offset", "integer")], _list(), method="post")},
    # no page parameter, but the envelope holds more than text (a count): a model, not a page
    {"/things": _op([], _list(total={"type": "integer"}))},
    # no page parameter, and the one array is not under a list's name (a tree node's children)
    {"/things": _op([], _list("children", name={"type": "string"}))},
    # two arrays, none of them the usual items field
    {"/things": _op([_q("offset", "integer")], {"type": "object", "properties": {
        "a": {"type": "array", "items": ITEM}, "b": {"type": "array", "items": ITEM}}})},
])
def test_near_misses_are_not_pages(tmp_path: Path, paths: dict[str, Any]) -> None:
    api, _ = build(tmp_path, paths)
    assert only_op(api).pagination is None
    assert api.page_schemes == []


CONFIGURED = """\
pagination:
  - name: MyPage
    type: cursor
    request: {cursor: after}
    response: {items: data, has_more: has_more}
"""


def test_a_configured_scheme_wins_and_detection_fills_the_rest(tmp_path: Path) -> None:
    paths = {"/a": _op([_q("after")], _list(has_more={"type": "boolean"}, last_id={"type": "string"})),
             "/b": _op([_q("offset", "integer")], _list())}
    api, _ = build(tmp_path, paths, CONFIGURED)
    by_path = {op.path: op.pagination for op in api.operations}
    assert by_path["/a"] is not None and by_path["/a"].scheme == "MyPage"
    assert by_path["/b"] is not None and by_path["/b"].scheme == "OffsetPage"
    assert [(s.name, s.detected) for s in api.page_schemes] == [("MyPage", False), ("OffsetPage", True)]


def test_detection_can_be_switched_off(tmp_path: Path) -> None:
    paths = {"/a": _op([_q("after")], _list(has_more={"type": "boolean"})),
             "/b": _op([_q("offset", "integer")], _list())}
    api, _ = build(tmp_path, paths, CONFIGURED + "detect_pagination: false\n")
    by_path = {op.path: op.pagination for op in api.operations}
    assert by_path["/a"] is not None and by_path["/a"].scheme == "MyPage"
    assert by_path["/b"] is None
    assert [s.name for s in api.page_schemes] == ["MyPage"]


def test_detected_names_avoid_configured_ones_and_shapes_share_a_scheme(tmp_path: Path) -> None:
    config = "pagination:\n  - name: OffsetPage\n    type: page\n    request: {page: nope}\n"
    paths = {f"/{name}": _op([_q("offset", "integer")], _list(field)) for name, field in
             [("a", "data"), ("b", "data"), ("c", "members"), ("d", "data")]}
    paths["/e"] = _op([_q("offset", "integer")], _list("members"))
    api, _ = build(tmp_path, paths, config)
    names = {op.path: op.pagination.scheme for op in api.operations if op.pagination}
    # the most used shape takes the plain name (taken here: so it is named after its items), the
    # others theirs; operations of one shape share one scheme
    assert names == {"/a": "DataOffsetPage", "/b": "DataOffsetPage", "/d": "DataOffsetPage",
                     "/c": "MembersOffsetPage", "/e": "MembersOffsetPage"}
    assert [s.name for s in api.page_schemes] == ["OffsetPage", "DataOffsetPage", "MembersOffsetPage"]


def test_hostile_items_fields_of_detected_pages_reach_every_target_escaped(tmp_path: Path) -> None:
    """The items field is the free part of a detected shape (the rest are known names): hostile ones,
    in every style, reach every SDK through its escapers, and every SDK still builds, lints and loads."""
    hostile = [p for p in PAYLOADS if "\x00" not in p][:6] + ["Cursor\nPage", "class", "each", "名前"]
    link = {"Link": {"schema": {"type": "string"}}}
    shapes = [
        ([_q("cursor")], {"response_metadata": {"type": "object", "properties": {"next_cursor": {"type": "string"}}}},
         None),
        ([_q("after")], {"has_more": {"type": "boolean"}, "last_id": {"type": "string"}}, None),
        ([_q("offset", "integer"), _q("limit", "integer")], {}, None),
        ([_q("page", "integer"), _q("per_page", "integer")], {}, None),
        ([], {"links": {"type": "object", "properties": {"next": {"type": "string"}}}}, None),
        ([_q("per_page", "integer")], {}, link),
    ]
    paths = {}
    for i, field in enumerate(hostile):
        params, extra, headers = shapes[i % len(shapes)]
        paths[f"/list{i}"] = _op(params, _list(field, **extra), headers=headers)
        paths[f"/list{i}"]["get"]["operationId"] = f"list{i}"
    spec = tmp_path / "api.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "Hostile", "version": "1"}, "paths": paths}))
    diags = Diagnostics()
    api, _ = build_ir(resolve(load_file(spec), diags), load_config(None, diags), diags)
    assert all(op.pagination is not None for op in api.operations)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--out", str(out)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Traceback" not in result.stderr
    assert checks.cheap_problems(out) == []
    (tmp_path / "scratch").mkdir()
    problems = checks.real_tool_problems(out, tmp_path / "scratch")
    assert problems == [], "\n".join(problems)[:8000]
