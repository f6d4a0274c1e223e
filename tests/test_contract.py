"""The wire contract (sdkforge.contract) and the neutral sample values: spec in, facts out.

Small specs, no toolchain: these run in well under a second and say which rule of docs/WIRE.md
a change broke before any SDK is generated.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from sdkforge.contract import Contract, build_contract, title_words
from sdkforge.diagnostics import Diagnostics
from sdkforge.ir.model import Api, RefType
from sdkforge.pipeline import load_api
from sdkforge.targets.common.samples import (
    FileSample,
    credential_sample,
    operation_samples,
    pattern_sample,
    sample_value,
)

REPO = Path(__file__).resolve().parents[1]


def spec(tmp_path: Path, doc: dict[str, Any], config: dict[str, Any] | None = None) -> tuple[Api, Contract, Diagnostics]:
    doc = {"openapi": "3.0.3", "info": {"title": "Box Platform API", "version": "1"}, **doc}
    doc.setdefault("paths", {})
    path = tmp_path / "api.json"
    path.write_text(json.dumps(doc))
    config_path = None
    if config is not None:
        config_path = tmp_path / "api.sdkforge.yaml"
        config_path.write_text(yaml.safe_dump(config))
    diags = Diagnostics()
    loaded = load_api(path, diags, config_path=config_path)
    assert loaded.api.wire is not None
    return loaded.api, loaded.api.wire, diags


def op(**fields: Any) -> dict[str, Any]:
    return {"responses": {"200": {"description": "OK", "content": {"application/json": {
        "schema": {"type": "object"}}}}}, **fields}


# ------------------------------------------------------------------------------ names

@pytest.mark.parametrize(("title", "words"), [
    ("Box Platform API", ("Box", "Platform")),
    ("OpenAI API", ("OpenAI",)),
    ("API", ("API",)),
    ("", ("Client",)),
    ("3scale admin", ("Api", "3scale", "admin")),
])
def test_title_words(title: str, words: tuple[str, ...]) -> None:
    assert title_words(title) == words


def test_names_are_decided_once_for_every_target(tmp_path: Path) -> None:
    _, contract, _ = spec(tmp_path, {"components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}}})
    assert contract.names.client == "BoxPlatform"
    assert contract.names.env_prefix == "BOX_PLATFORM"
    assert contract.names.env_base_url == "BOX_PLATFORM_BASE_URL"
    assert [(c.key, c.env) for c in contract.credentials] == [("api_key", "BOX_PLATFORM_API_KEY")]


def test_config_names_the_api_key_and_base_url_variables(tmp_path: Path) -> None:
    _, contract, _ = spec(tmp_path, {"components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}}},
                          {"name": "Acme", "env": {"api_key": "ACME_TOKEN", "base_url": "ACME_URL"}})
    assert contract.names.client == "Acme"
    assert [(c.key, c.env) for c in contract.credentials] == [("api_key", "ACME_TOKEN")]
    assert contract.names.env_base_url == "ACME_URL"


# ------------------------------------------------------------------------------ auth

def test_a_credential_never_takes_a_resource_name(tmp_path: Path) -> None:
    """Discord: an OAuth2 scheme beside `/oauth2/...` paths; `client.oauth2` stays the resource."""
    _, contract, _ = spec(tmp_path, {
        "components": {"securitySchemes": {"BotToken": {"type": "apiKey", "in": "header", "name": "Authorization"},
                                           "OAuth2": {"type": "oauth2", "flows": {}}}},
        "paths": {"/oauth2/keys": {"get": {"responses": {"200": {"description": "ok"}}}}}})
    assert [c.key for c in contract.credentials] == ["bot_token", "oauth2_token"]


def test_each_scheme_kind_goes_on_the_wire_its_own_way(tmp_path: Path) -> None:
    _, contract, _ = spec(tmp_path, {"components": {"securitySchemes": {
        "bearerAuth": {"type": "http", "scheme": "bearer"},
        "basicAuth": {"type": "http", "scheme": "basic"},
        "HeaderKey": {"type": "apiKey", "in": "header", "name": "X-Key"},
        "queryKey": {"type": "apiKey", "in": "query", "name": "key"},
        "cookieKey": {"type": "apiKey", "in": "cookie", "name": "sid"},
        "OAuth2": {"type": "oauth2", "flows": {}},
        "oidc": {"type": "openIdConnect", "openIdConnectUrl": "https://x.invalid"},
    }}})
    got = {s.name: (s.kind, s.location, s.wire_name, [c.key for c in s.credentials]) for s in contract.schemes}
    assert got == {
        "bearerAuth": ("bearer", "header", "Authorization", ["bearer"]),
        "basicAuth": ("basic", "header", "Authorization", ["username", "password"]),
        "HeaderKey": ("api_key", "header", "X-Key", ["header_key"]),
        "queryKey": ("api_key", "query", "key", ["query_key"]),
        "cookieKey": ("api_key", "cookie", "sid", ["cookie_key"]),
        "OAuth2": ("bearer", "header", "Authorization", ["oauth2"]),
        "oidc": ("bearer", "header", "Authorization", ["oidc"]),
    }
    assert contract.scheme("basicAuth").credentials[1].env == "BOX_PLATFORM_PASSWORD"  # type: ignore[union-attr]
    assert contract.scheme("bearerAuth").prefix == "Bearer "  # type: ignore[union-attr]


def test_unsupported_scheme_is_a_warning_and_not_required(tmp_path: Path) -> None:
    api, contract, diags = spec(tmp_path, {
        "components": {"securitySchemes": {"mtls": {"type": "mutualTLS"}}},
        "security": [{"mtls": []}],
        "paths": {"/a": {"get": op()}}})
    assert contract.schemes == []
    assert any("mutualTLS" in d.message for d in diags.items)
    assert not contract.of(api.operations[0]).needs_auth


def test_per_operation_security(tmp_path: Path) -> None:
    schemes = {"bearer": {"type": "http", "scheme": "bearer"}, "basic": {"type": "http", "scheme": "basic"},
               "key": {"type": "apiKey", "in": "header", "name": "X-Key"}}
    api, contract, _ = spec(tmp_path, {
        "components": {"securitySchemes": schemes},
        "security": [{"bearer": []}],
        "paths": {
            "/inherit": {"get": op()},
            "/none": {"get": op(security=[])},
            "/anonymous": {"get": op(security=[{}, {"basic": []}])},
            "/both": {"get": op(security=[{"key": [], "bearer": []}])},
            "/either": {"get": op(security=[{"basic": []}, {"key": []}])},
        }})
    wires = {o.path: contract.of(o) for o in api.operations}
    assert wires["/inherit"].security == (("bearer",),) and wires["/inherit"].needs_auth
    assert wires["/none"].security == () and not wires["/none"].needs_auth
    assert wires["/anonymous"].security == ((), ("basic",)) and not wires["/anonymous"].needs_auth
    assert wires["/both"].security == (("key", "bearer"),)
    assert wires["/either"].security == (("basic",), ("key",))


def test_no_security_means_no_credentials(tmp_path: Path) -> None:
    api, contract, _ = spec(tmp_path, {"paths": {"/a": {"get": op()}}})
    assert contract.credentials == [] and not contract.of(api.operations[0]).needs_auth


# ------------------------------------------------------------------------------ parameters

def test_parameter_styles_take_the_openapi_defaults(tmp_path: Path) -> None:
    arr = {"type": "array", "items": {"type": "string"}}
    api, contract, diags = spec(tmp_path, {"paths": {"/a/{id}": {"get": op(parameters=[
        {"name": "id", "in": "path", "required": True, "schema": arr},
        {"name": "q", "in": "query", "schema": arr},
        {"name": "csv", "in": "query", "explode": False, "schema": arr},
        {"name": "f", "in": "query", "style": "deepObject", "schema": {"type": "object"}},
        {"name": "h", "in": "header", "schema": {"type": "string"}},
        {"name": "c", "in": "cookie", "schema": {"type": "string"}},
        {"name": "bad", "in": "query", "style": "matrix", "schema": {"type": "string"}},
        {"name": "sp", "in": "query", "style": "spaceDelimited", "schema": {"type": "string"}},
    ])}}})
    params = {p.name: (p.style, p.explode, p.shape) for p in contract.of(api.operations[0]).params}
    assert params == {
        "id": ("simple", False, "array"), "q": ("form", True, "array"), "csv": ("form", False, "array"),
        "f": ("deepObject", False, "object"), "h": ("simple", False, "primitive"),
        "c": ("form", True, "primitive"), "bad": ("form", True, "primitive"), "sp": ("form", True, "primitive"),
    }
    assert any("style 'matrix' is not allowed for a query parameter" in d.message for d in diags.items)


# ------------------------------------------------------------------------------ bodies and responses

def body(media: str, schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {media: {"schema": schema, **extra}}}}


def test_request_encodings(tmp_path: Path) -> None:
    obj = {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary"}, "meta": {"type": "object"},
        "tags": {"type": "array", "items": {"type": "string"}}, "n": {"type": "integer"}}}
    api, contract, _ = spec(tmp_path, {"paths": {
        "/json": {"post": op(**body("application/json", obj))},
        "/vnd": {"post": op(**body("application/vnd.api+json", obj))},
        "/multi": {"post": op(**body("multipart/form-data", obj, encoding={"meta": {"contentType": "application/json"}}))},
        "/form": {"post": op(**body("application/x-www-form-urlencoded", obj))},
        "/bin": {"post": op(**body("application/octet-stream", {"type": "string", "format": "binary"}))},
        "/png": {"post": op(**body("image/png", {"type": "string"}))},
        "/text": {"post": op(**body("text/plain", {"type": "string"}))},
        "/none": {"post": op()},
    }})
    wires = {o.path: contract.of(o).request for o in api.operations}
    assert {p: (w.kind, w.media_type) for p, w in wires.items()} == {
        "/json": ("json", "application/json"), "/vnd": ("json", "application/vnd.api+json"),
        "/multi": ("multipart", "multipart/form-data"), "/form": ("form", "application/x-www-form-urlencoded"),
        "/bin": ("binary", "application/octet-stream"), "/png": ("binary", "image/png"),
        "/text": ("text", "text/plain"), "/none": ("none", None)}
    fields = {f.name: (f.shape, f.file, f.json) for f in wires["/multi"].fields}
    assert fields == {"file": ("primitive", True, False), "meta": ("object", False, True),
                      "tags": ("array", False, False), "n": ("primitive", False, False)}


def test_accept_and_response_kinds(tmp_path: Path) -> None:
    def resp(*medias: str, status: str = "200") -> dict[str, Any]:
        return {"responses": {status: {"description": "x", "content": {m: {"schema": {"type": "string"}}
                                                                     for m in medias}}}}

    api, contract, _ = spec(tmp_path, {"paths": {
        "/json": {"get": resp("application/json")},
        "/text": {"get": resp("text/plain")},
        "/csv": {"get": resp("text/csv", "application/json")},
        "/bin": {"get": resp("application/octet-stream")},
        "/sse": {"get": resp("text/event-stream")},
        "/pdf": {"get": resp("application/pdf")},
        "/empty": {"get": {"responses": {"204": {"description": "gone"}}}},
    }})
    wires = {o.path: contract.of(o) for o in api.operations}
    assert {p: (w.accept, w.response) for p, w in wires.items()} == {
        "/json": ("application/json", "json"), "/text": ("text/plain", "text"),
        "/csv": ("application/json, text/csv", "json"), "/bin": ("application/octet-stream", "binary"),
        "/sse": ("text/event-stream", "sse"), "/pdf": ("application/pdf", "binary"), "/empty": (None, "empty")}


def test_stream_flag_decides_between_events_and_the_other_kind(tmp_path: Path) -> None:
    """A boolean `stream` body property next to events and another kind: the call decides, the
    Accept of each call names only what it reads; without the flag (or the events) nothing changes."""
    def post(content: dict[str, Any], stream_type: str = "boolean") -> dict[str, Any]:
        return {"post": {
            **body("application/json", {"type": "object", "properties": {
                "input": {"type": "string"}, "stream": {"type": stream_type}}}),
            "responses": {"200": {"description": "x", "content": content}}}}

    event = {"schema": {"type": "object"}}
    audio = {"schema": {"type": "string", "format": "binary"}}
    model = {"schema": {"type": "object"}}
    api, contract, _ = spec(tmp_path, {"paths": {
        "/chat": post({"application/json": model, "text/event-stream": event}),
        "/speech": post({"audio/mpeg": audio, "text/event-stream": event}),
        "/events": post({"text/event-stream": event}),
        "/not-a-flag": post({"application/json": model, "text/event-stream": event}, stream_type="string"),
        "/no-events": post({"application/json": model}),
    }})
    wires = {o.path: contract.of(o) for o in api.operations}
    got = {p: (w.stream_flag, w.accept, w.response, w.stream_accept) for p, w in wires.items()}
    assert got == {
        "/chat": ("stream", "application/json", "json", "text/event-stream"),
        "/speech": ("stream", "audio/mpeg", "binary", "text/event-stream"),
        "/events": (None, "text/event-stream", "sse", None),
        "/not-a-flag": (None, "application/json, text/event-stream", "json", None),
        "/no-events": (None, "application/json", "json", None),
    }
    assert wires["/events"].always_streams and not wires["/speech"].always_streams


def test_binary_beside_a_json_string_is_read_as_bytes(tmp_path: Path) -> None:
    """Bytes (video/mp4, image/webp) offered beside a JSON schema that is only a string are the same
    content loosely described: read as binary, asked for by their media types first."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    api, contract, _ = spec(tmp_path, {"paths": {
        "/video": {"get": {"responses": {"200": {"description": "x", "content": {
            "video/mp4": binary, "image/webp": binary, "application/json": {"schema": {"type": "string"}}}}}}},
        "/either": {"get": {"responses": {"200": {"description": "x", "content": {
            "image/png": binary, "application/json": {"schema": {"type": "object"}}}}}}},
    }})
    wires = {o.path: contract.of(o) for o in api.operations}
    assert (wires["/video"].response, wires["/video"].accept) == ("binary", "video/mp4, image/webp, application/json")
    assert (wires["/either"].response, wires["/either"].accept) == ("json", "application/json, image/png")


# ------------------------------------------------------------------------------ base URL

def test_base_url_fills_server_variables(tmp_path: Path) -> None:
    _, contract, _ = spec(tmp_path, {"servers": [{"url": "https://{region}.example.com/{v}", "variables": {
        "region": {"default": "eu", "enum": ["eu", "us"]}, "v": {"default": "v2"}}}]})
    assert contract.base_url == "https://eu.example.com/v2"


@pytest.mark.parametrize("servers", [[], [{"url": "/api/v3"}], [{"url": "{scheme}://x"}]])
def test_relative_or_missing_server_asks_for_a_base_url(tmp_path: Path, servers: list[Any]) -> None:
    doc: dict[str, Any] = {"paths": {"/a": {"get": op()}}}
    if servers:
        doc["servers"] = servers
    _, contract, diags = spec(tmp_path, doc)
    assert contract.base_url is None
    assert any("base_url" in d.message and d.severity == "warning" for d in diags.items)
    _, configured, _ = spec(tmp_path, doc, {"base_url": "https://x.example/"})
    assert configured.base_url == "https://x.example"


# ------------------------------------------------------------------------------ samples

def test_samples_follow_the_schema(tmp_path: Path) -> None:
    api, _, _ = spec(tmp_path, {"components": {"schemas": {"Node": {
        "type": "object", "required": ["name", "children"], "properties": {
            "name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}}}})
    cases: list[tuple[dict[str, Any], Any]] = [
        ({"type": "string", "format": "date-time"}, "2024-01-01T00:00:00Z"),
        ({"type": "string", "format": "uuid"}, "00000000-0000-4000-8000-000000000000"),
        ({"type": "string", "minLength": 8}, "fieldxxx"),
        ({"type": "string", "maxLength": 3}, "fie"),
        ({"type": "integer", "minimum": 10}, 10),
        ({"type": "integer", "maximum": 0}, 0),
        ({"type": "number", "exclusiveMinimum": 2}, 3),
        ({"type": "string", "enum": ["b", "a"]}, "b"),
        ({"type": "string", "example": "ex"}, "ex"),
        ({"type": "integer", "minimum": 5, "example": 1}, 5),  # an example outside the bounds is not used
        ({"type": "array", "items": {"type": "integer"}, "minItems": 2}, [1, 1]),
        ({"type": "string", "format": "binary"}, FileSample()),
    ]
    for schema, expected in cases:
        node_api, _, _ = spec(tmp_path, {"paths": {"/x": {"post": op(**body("application/json", {
            "type": "object", "required": ["field"], "properties": {"field": schema}}))}}})
        [arg] = operation_samples(node_api, node_api.operations[0], only_required=True)
        assert arg.value == expected, schema
    tree = sample_value(api, RefType(name="Node"))
    assert tree == {"name": "name", "children": []}  # recursion ends


def test_operation_samples_use_examples_that_fit(tmp_path: Path) -> None:
    api, _, _ = spec(tmp_path, {"paths": {"/pets/{petId}": {"get": op(parameters=[
        {"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}, "example": 10},
        {"name": "tags", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "example": ["a"]},
        {"name": "bad", "in": "query", "schema": {"type": "integer"}, "example": "not a number"},
    ])}}})
    args = operation_samples(api, api.operations[0], only_required=False)
    assert [(a.location, a.name, a.value) for a in args] == [
        ("path", "petId", 10), ("query", "tags", ["a"]), ("query", "bad", 1)]
    assert [a.name for a in operation_samples(api, api.operations[0], only_required=True)] == ["petId"]


def test_credential_samples_are_shared() -> None:
    assert credential_sample("api_key") == "sample-api-key"
    expected = base64.b64encode(b"sample-username:sample-password").decode()
    spec_text = (REPO / "tests" / "cases" / "wire" / "spec.yaml").read_text()
    assert expected in spec_text  # the conformance spec's basic-auth expectation is these samples'


def test_conformance_spec_builds_without_diagnostics() -> None:
    diags = Diagnostics()
    loaded = load_api(REPO / "tests" / "cases" / "wire" / "spec.yaml", diags)
    assert [d.message for d in diags.items] == []
    contract = loaded.api.wire
    assert {s.kind for s in contract.schemes} == {"bearer", "basic", "api_key"}
    kinds = {contract.of(o).request.kind for o in loaded.api.operations}
    assert kinds == {"none", "json", "multipart", "form", "binary", "text"}
    assert {contract.of(o).response for o in loaded.api.operations} == {"json", "text", "binary", "empty"}
    styles = {(p.location, p.style, p.explode) for o in loaded.api.operations for p in contract.of(o).params}
    assert {("query", "form", True), ("query", "form", False), ("query", "spaceDelimited", False),
            ("query", "pipeDelimited", False), ("query", "deepObject", True), ("header", "simple", False),
            ("cookie", "form", True), ("path", "simple", False)} <= styles


def test_contract_is_built_once_by_the_pipeline() -> None:
    diags = Diagnostics()
    loaded = load_api(REPO / "spec" / "openai-uploads.yaml", diags)
    assert isinstance(loaded.api.wire, Contract)
    rebuilt = build_contract(loaded.api, loaded.config)
    assert rebuilt.names == loaded.api.wire.names
    assert [(c.key, c.env) for c in loaded.api.wire.credentials] == [("api_key", "OPENAI_API_KEY")]


@pytest.mark.parametrize(("pattern", "min_length", "max_length", "expected"), [
    ("^AC[0-9a-fA-F]{32}$", None, None, "AC" + "0" * 32),  # Twilio's account SIDs
    ("^(foo|bar)-\\d{3}$", None, None, "foo-000"),
    ("^[a-z]+$", 5, 10, "aaaaa"),
    ("^v(\\d+)\\.\\1$", None, None, "v0.0"),
    ("[^/]+", None, None, "a"),
    ("^[A-Z]{2}$", 3, None, None),  # no text of that pattern is that long
    ("(?<=x", None, None, None),  # not a pattern Python reads
])
def test_pattern_samples_match_their_pattern(pattern: str, min_length: int | None, max_length: int | None,
                                             expected: str | None) -> None:
    got = pattern_sample(pattern, min_length, max_length)
    assert got == expected
    if got is not None:
        import re
        assert re.search(pattern, got)


def test_string_samples_and_examples_meet_the_pattern(tmp_path: Path) -> None:
    api, _, _ = spec(tmp_path, {"components": {"schemas": {
        "Sid": {"type": "string", "pattern": "^PN[0-9a-fA-F]{32}$", "minLength": 34, "maxLength": 34},
        "Bad": {"type": "string", "pattern": "^[0-9]+$", "example": "abc"},
    }}})
    assert sample_value(api, RefType("Sid")) == "PN" + "0" * 32
    assert sample_value(api, RefType("Bad")) == "0"  # the example does not match: not used


def test_wildcard_bodies_with_object_schemas_are_json(tmp_path: Path) -> None:
    obj = {"type": "object", "properties": {"a": {"type": "string"}}}
    api, contract, _ = spec(tmp_path, {"paths": {
        "/k": {"put": {"operationId": "replace",
                       "requestBody": {"required": True, "content": {"*/*": {"schema": obj}}},
                       "responses": {"200": {"description": "ok", "content": {"*/*": {"schema": obj}}}}}},
        "/b": {"put": {"operationId": "raw",
                       "requestBody": {"content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}},
                       "responses": {"200": {"description": "ok",
                                             "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}}}}},
    }})
    replace, raw = (contract.of(op) for op in sorted(api.operations, key=lambda o: o.path, reverse=True))
    assert (replace.request.kind, replace.request.media_type) == ("json", "application/json")
    assert (replace.response, replace.accept) == ("json", "application/json")
    assert (raw.request.kind, raw.request.media_type, raw.response, raw.accept) == ("binary", "*/*", "binary", "*/*")


def test_a_parameter_union_of_integer_and_string_samples_the_string(tmp_path: Path) -> None:
    """On the wire "1" is an integer and a string alike, which a oneOf forbids (GitHub's workflow_id)."""
    api, _, _ = spec(tmp_path, {"paths": {"/w/{workflow_id}": {"get": {
        "operationId": "getWorkflow",
        "parameters": [{"name": "workflow_id", "in": "path", "required": True,
                        "schema": {"oneOf": [{"type": "integer"}, {"type": "string"}]}}],
        "responses": {"204": {"description": "ok"}}}}}})
    (op,) = api.operations
    (arg,) = operation_samples(api, op, only_required=True)
    assert arg.value == "workflow_id"


def test_generated_calls_send_the_stream_flag_off(tmp_path: Path) -> None:
    """Every SDK's generated tests call a stream-flag operation's plain form (a mock server cannot
    write events of an object schema); other booleans keep their sample."""
    api, _, _ = spec(tmp_path, {"paths": {"/chat": {"post": {
        **body("application/json", {"type": "object", "properties": {
            "stream": {"type": "boolean"}, "store": {"type": "boolean"}}}),
        "responses": {"200": {"description": "x", "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/event-stream": {"schema": {"type": "object"}}}}}}}}})
    samples = {s.name: s.value for s in operation_samples(api, api.operations[0], only_required=False)}
    assert samples == {"stream": False, "store": True}
