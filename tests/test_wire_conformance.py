"""Wire conformance: the four SDKs put the same, spec-conforming requests on the wire.

All four SDKs are generated from ``tests/cases/wire/spec.yaml`` (one operation per rule of
docs/WIRE.md: every auth kind and combination, every parameter style, every body encoding and
response kind, path safety) with no config file.  Each SDK's own generated tests call every
operation with required arguments only and with every argument, through a recording proxy in
front of Prism, which validates each request against the spec (auth included).  Then:

* every request is accepted (2xx), and every operation was called by every SDK; an operation
  marked ``x-prism-fails`` is one whose correct request Prism itself mishandles (the spec says how):
  it must get exactly that failure, and its request is checked by ``x-expect``;
* the ``x-expect`` facts of each operation hold for one of its calls (raw path, query, headers,
  JSON / multipart / form / binary body);
* the four recordings are equal in what the contract fixes (``support.recorder.canonical``).
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml

from support.prism import REPO_ROOT
from support.recorder import Recorded, RecordingProxy, canonical, parse_multipart
from support.sdk_runs import LANGUAGES, SdkRun, generate_sdk, have_toolchain, run_generated_tests

SPEC = REPO_ROOT / "tests" / "cases" / "wire" / "spec.yaml"
DOC = yaml.safe_load(SPEC.read_text())
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
OPERATIONS = [(op["operationId"], method, path, op) for path, item in DOC["paths"].items()
              for method, op in item.items() if method in METHODS]
# the headers the contract fixes: auth, content negotiation, and the spec's own header parameters
HEADERS = sorted({"authorization", "cookie", "accept", "content-type"}
                 | {s["name"].lower() for s in DOC["components"]["securitySchemes"].values()
                    if s["type"] == "apiKey" and s["in"] == "header"}
                 | {p["name"].lower() for *_, op in OPERATIONS for p in op.get("parameters", [])
                    if p["in"] == "header"})

pytestmark = pytest.mark.wire


def _route(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(path)) + "$")


# operations whose correct request Prism itself cannot take (the spec says why, per operation)
PRISM_FAILS = {op_id: op["x-prism-fails"] for op_id, _, _, op in OPERATIONS if "x-prism-fails" in op}
ROUTES = [(op_id, method.upper(), _route(path)) for op_id, method, path, _ in OPERATIONS]


def operation_of(rec: Recorded) -> str | None:
    # the path as sent, or percent-decoded (a key's own "<upload_url>" goes out as %3Cupload_url%3E)
    paths = (rec.path, unquote(rec.path))
    matches = [op_id for op_id, method, route in ROUTES if method == rec.method
               and any(route.match(path) for path in paths)]
    return matches[0] if matches else None


@pytest.fixture(scope="module")
def recordings(prism_for: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[SdkRun, list[Recorded]]]:
    prism = prism_for(SPEC)
    root = tmp_path_factory.mktemp("wire")

    def one(lang: str) -> tuple[SdkRun, list[Recorded]]:
        sdk = generate_sdk(SPEC, root / lang, lang)
        with RecordingProxy(prism.url, tag=lang) as proxy:
            run = run_generated_tests(lang, sdk, proxy.url, root)
            return run, list(proxy.requests)

    langs = [lang for lang in LANGUAGES if have_toolchain(lang)]
    assert langs == list(LANGUAGES), "every toolchain is installed by `make test`"
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(langs, pool.map(one, langs)))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_generated_tests_call_every_operation(recordings: dict[str, tuple[SdkRun, list[Recorded]]],
                                              lang: str) -> None:
    run, requests = recordings[lang]
    # a generated test of an x-prism-fails operation fails with Prism's error (one request each, not
    # retried: the status is checked below); every other generated test passes
    prism_failures = sum(1 for rec in requests if operation_of(rec) in PRISM_FAILS)
    assert run.passed > 0 and run.failed == prism_failures, (
        f"{lang} generated tests: {run.passed} passed, {run.failed} failed "
        f"({prism_failures} calls of x-prism-fails operations)\n{run.output[-6000:]}")
    called: dict[str, int] = {}
    for rec in requests:
        op = operation_of(rec)
        assert op is not None, f"{lang} sent a request no operation has: {rec.method} {rec.target}"
        called[op] = called.get(op, 0) + 1
    missing = [op_id for op_id, *_ in OPERATIONS if called.get(op_id, 0) < 2]
    assert not missing, f"{lang} did not call these twice (required and every argument): {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_request_is_accepted_by_prism(recordings: dict[str, tuple[SdkRun, list[Recorded]]],
                                            lang: str) -> None:
    _, requests = recordings[lang]
    assert requests, f"{lang} sent nothing"
    rejected, prism_now_accepts = [], []
    for rec in requests:
        fails = PRISM_FAILS.get(operation_of(rec) or "")
        if fails is not None:
            # Prism's own failure, shown to be one: the request on the wire is checked by x-expect
            if 200 <= rec.status < 300:
                prism_now_accepts.append(f"{rec.method} {rec.target}")
            elif rec.status != fails["status"]:
                rejected.append(f"{rec.method} {rec.target} -> {rec.status} (Prism's known failure is "
                                f"{fails['status']}): {rec.answer[:400].decode('utf-8', 'replace')}")
        elif not 200 <= rec.status < 300:
            rejected.append(f"{rec.method} {rec.target} -> {rec.status}: {rec.answer[:400].decode('utf-8', 'replace')}")
    assert not rejected, f"{lang}: Prism rejected {len(rejected)} requests:\n" + "\n".join(rejected)
    assert not prism_now_accepts, f"Prism accepts these now: drop their x-prism-fails: {prism_now_accepts}"


def _facts(rec: Recorded, expect: dict[str, Any]) -> list[str]:
    """The expected facts that ``rec`` does not meet (empty: all met)."""
    wrong = []
    if "path" in expect and rec.path != expect["path"]:
        wrong.append(f"path {rec.path!r} != {expect['path']!r}")
    if "query" in expect and sorted(rec.query.split("&")) != sorted(expect["query"].split("&")):
        wrong.append(f"query {rec.query!r} != {expect['query']!r}")
    for name, value in (expect.get("headers") or {}).items():
        got = rec.header(name)
        if name == "content-type" and got is not None:
            got = got.split(";")[0].strip()
        if got != value:
            wrong.append(f"header {name}: {got!r} != {value!r}")
    if "json" in expect:
        try:
            body = json.loads(rec.body)
        except ValueError:
            body = rec.body
        if body != expect["json"]:
            wrong.append(f"json body {body!r} != {expect['json']!r}")
    if "form" in expect and sorted(rec.body.decode("latin-1").split("&")) != sorted(expect["form"].split("&")):
        wrong.append(f"form body {rec.body!r} != {expect['form']!r}")
    if "body" in expect and rec.body != expect["body"].encode():
        wrong.append(f"body {rec.body!r} != {expect['body']!r}")
    if "multipart" in expect:
        parts = parse_multipart(rec.header("content-type") or "", rec.body) if rec.body else []
        want = [{"name": p["name"], "filename": p.get("filename"), "content_type": p.get("content_type"),
                 "value": p["value"]} for p in expect["multipart"]]
        got = [{**p, "content_type": p["content_type"] if p["filename"] or p["content_type"] not in (
            "text/plain",) else None} for p in parts]
        key = lambda p: json.dumps(p, sort_keys=True)  # noqa: E731
        if sorted(got, key=key) != sorted(want, key=key):
            wrong.append(f"multipart parts {got!r} != {want!r}")
    return wrong


EXPECTING = [(op_id, op["x-expect"]) for op_id, _, _, op in OPERATIONS if "x-expect" in op]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("op_id", "expect"), EXPECTING, ids=[e[0] for e in EXPECTING])
def test_requests_match_the_spec(recordings: dict[str, tuple[SdkRun, list[Recorded]]], lang: str, op_id: str,
                                 expect: dict[str, Any]) -> None:
    _, requests = recordings[lang]
    calls = [rec for rec in requests if operation_of(rec) == op_id]
    assert calls, f"{lang} never called {op_id}"
    misses = [_facts(rec, expect) for rec in calls]
    assert any(not m for m in misses), f"{lang} {op_id}: no call meets the spec's x-expect:\n" + "\n".join(
        f"  {rec.method} {rec.target}: " + "; ".join(m) for rec, m in zip(calls, misses))


def _by_operation(requests: list[Recorded]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for rec in requests:
        out.setdefault(operation_of(rec) or "?", []).append(json.dumps(canonical(rec, HEADERS), sort_keys=True))
    # distinct requests: a language may call an operation once more (Python's async client test)
    return {op: sorted(set(reqs)) for op, reqs in out.items()}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "python"])
def test_sdks_send_the_same_requests_as_python(recordings: dict[str, tuple[SdkRun, list[Recorded]]],
                                               lang: str) -> None:
    reference = _by_operation(recordings["python"][1])
    other = _by_operation(recordings[lang][1])
    differences = []
    for op_id in sorted(set(reference) | set(other)):
        ref, got = reference.get(op_id, []), other.get(op_id, [])
        if ref != got:
            only_ref = [r for r in ref if r not in got]
            only_got = [g for g in got if g not in ref]
            differences.append(f"{op_id}:\n  python: {only_ref}\n  {lang}: {only_got}")
    assert not differences, f"{lang} and python differ on the wire:\n" + "\n".join(differences)
