"""The Python SDK's wire runtime (``_wire.py``) against docs/WIRE.md: the serializers one by one,
and the generated tests of the wire-conformance spec through a recording server, every
``x-expect`` fact of the "every argument" calls checked."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from support.prism import REPO_ROOT
from support.scripted_server import ScriptedServer, Step, parse_multipart

SDKFORGE = Path(sys.executable).parent / "sdkforge"
WIRE_SPEC = REPO_ROOT / "tests" / "cases" / "wire" / "spec.yaml"


@pytest.fixture(scope="module")
def wire_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("py-wire")
    result = subprocess.run([str(SDKFORGE), "generate", str(WIRE_SPEC), "--target", "python", "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out / "python"


@pytest.fixture(scope="module")
def wc(wire_project: Path) -> ModuleType:
    src = str(wire_project / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    return importlib.import_module("wire_check")


@pytest.fixture(scope="module")
def wire(wc: ModuleType) -> ModuleType:
    return importlib.import_module("wire_check._wire")


# ---------------------------------------------------------------- serializers
ID, ARRAY, OBJECT = 5, [3, 4], {"a": 1, "b": 2}


@pytest.mark.parametrize(
    ("style", "explode", "expected"),
    [
        ("simple", False, ["5", "3,4", "a,1,b,2"]),
        ("simple", True, ["5", "3,4", "a=1,b=2"]),
        ("label", False, [".5", ".3,4", ".a,1,b,2"]),
        ("label", True, [".5", ".3.4", ".a=1.b=2"]),
        ("matrix", False, [";id=5", ";id=3,4", ";id=a,1,b,2"]),
        ("matrix", True, [";id=5", ";id=3;id=4", ";a=1;b=2"]),
    ],
)
def test_path_styles(wire: ModuleType, style: str, explode: bool, expected: list[str]) -> None:
    got = [wire.fill_path("{id}", [wire.Param("path", "id", value, style, explode)]) for value in (ID, ARRAY, OBJECT)]
    assert got == expected


def test_path_values_are_encoded_and_checked(wire: ModuleType) -> None:
    fill = wire.fill_path
    assert fill("/x/{id}", [wire.Param("path", "id", "a/b?c#d%e fé~-._", "simple", False)]) == \
        "/x/a%2Fb%3Fc%23d%25e%20f%C3%A9~-._"
    assert fill("/x/{id}", [wire.Param("path", "id", "..", "simple", False)]) == "/x/%2E%2E"
    assert fill("/x/{id}", [wire.Param("path", "id", ".", "simple", False)]) == "/x/%2E"
    assert fill("/x/{id}", [wire.Param("path", "id", 0, "simple", False)]) == "/x/0"
    with pytest.raises(ValueError, match="`id`"):
        fill("/x/{id}", [wire.Param("path", "id", "", "simple", False)])


@pytest.mark.parametrize(
    ("style", "explode", "value", "expected"),
    [
        ("form", True, ARRAY, "id=3&id=4"),
        ("form", False, ARRAY, "id=3,4"),
        ("form", True, OBJECT, "a=1&b=2"),
        ("form", False, OBJECT, "id=a,1,b,2"),
        ("spaceDelimited", False, ARRAY, "id=3%204"),
        ("pipeDelimited", False, ARRAY, "id=3|4"),
        ("deepObject", True, ARRAY, "id%5B%5D=3&id%5B%5D=4"),
        ("deepObject", True, OBJECT, "id%5Ba%5D=1&id%5Bb%5D=2"),
        ("deepObject", True, {"a": {"b": "x y"}}, "id%5Ba%5D%5Bb%5D=x%20y"),
        ("form", True, [], ""),
        ("form", True, "a,b|c d", "id=a%2Cb%7Cc%20d"),
        ("form", True, True, "id=true"),
        ("form", True, 0.5, "id=0.5"),
        ("form", True, 2.0, "id=2"),
    ],
)
def test_query_styles(wire: ModuleType, style: str, explode: bool, value: Any, expected: str) -> None:
    pairs = wire.query_pairs([wire.Param("query", "id", value, style, explode)], {}, [])
    assert "&".join(f"{k}={v}" for k, v in pairs) == expected


def test_query_order_and_api_key(wire: ModuleType) -> None:
    params = [wire.Param("query", "b", 1, "form", True), wire.Param("query", "api_key", "mine", "form", True)]
    pairs = wire.query_pairs(params, {"x": "y"}, [("api_key", "secret")])
    assert pairs == [("b", "1"), ("api_key", "mine"), ("x", "y")]  # the caller's parameter wins
    pairs = wire.query_pairs(params[:1], {}, [("api_key", "s k")])
    assert pairs == [("b", "1"), ("api_key", "s%20k")]


def test_headers_and_cookies(wire: ModuleType) -> None:
    assert wire.header_value(wire.Param("header", "X", ["a", "b"], "simple", False)) == "a,b"
    assert wire.header_value(wire.Param("header", "X", {"a": 1}, "simple", True)) == "a=1"
    assert wire.header_value(wire.Param("header", "X", "a b/c", "simple", False)) == "a b/c"
    with pytest.raises(ValueError):
        wire.header_value(wire.Param("header", "X", "a\r\nInjected: 1", "simple", False))
    cookies = [wire.Param("cookie", "pref", "dark mode", "form", True), wire.Param("cookie", "t", None, "form", True)]
    assert wire.cookie_header(cookies, [("session", "k;1")]) == "pref=dark%20mode; session=k%3B1"
    assert wire.cookie_header([], []) is None


def test_bodies(wire: ModuleType, wc: ModuleType) -> None:
    body = wire.encode_body("json", {"a": wc.NOT_GIVEN, "b": None, "c": [{"d": wc.NOT_GIVEN, "e": b"\x00"}]},
                            "application/json", {})
    assert json.loads(body.content) == {"b": None, "c": [{"e": "AA=="}]}
    assert wire.encode_body("json", wc.NOT_GIVEN, "application/json", {}) is None
    form = wire.encode_body("form", {"n": "a b", "c": ["r", "g"], "o": {"k": "v", "l": [1, 2]}}, None, {})
    assert form.content == b"n=a%20b&c=r&c=g&o%5Bk%5D=v&o%5Bl%5D%5B%5D=1&o%5Bl%5D%5B%5D=2"
    assert form.content_type == "application/x-www-form-urlencoded"
    styled = {"d": wire.Field("form", None, "deepObject", True), "f": wire.Field("form", None, "form", False),
              "p": wire.Field("form", None, "pipeDelimited", False)}
    form = wire.encode_body("form", {"d": ["r", "g"], "f": ["r", "g"], "p": ["r", "g"]}, None, styled)
    assert form.content == b"d%5B%5D=r&d%5B%5D=g&f=r,g&p=r|g"
    binary = wire.encode_body("binary", ("f.bin", b"\x00\x01"), "*/*", {})
    assert binary == (b"\x00\x01", "application/octet-stream")
    assert wire.encode_body("text", "héllo", "text/plain", {}) == ("héllo".encode(), "text/plain")
    multipart = wire.encode_body("multipart", {"f": b"x", "n": 1.5, "m": {"k": "v"}, "l": [True, False]},
                                 "multipart/form-data", {"f": wire.Field("file", "image/png"),
                                                         "m": wire.Field("json", "application/json")})
    parts = parse_multipart(multipart.content_type, multipart.content)
    assert parts == [("f", "upload", "image/png", b"x"), ("n", None, None, b"1.5"),
                     ("m", None, "application/json", b'{"k":"v"}'), ("l[]", None, None, b"true"),
                     ("l[]", None, None, b"false")]


def test_auth_selection(wire: ModuleType) -> None:
    schemes = {
        "b": wire.AuthScheme("bearer", "header", "Authorization", (("token", "T"),)),
        "u": wire.AuthScheme("basic", "header", "Authorization", (("username", "U"), ("password", "P"))),
        "q": wire.AuthScheme("api_key", "query", "key", (("query_key", "Q"),)),
    }
    creds = {"token": "t", "username": "u", "password": None, "query_key": "k"}
    chosen = wire.select_auth([["u"], ["b", "q"]], schemes, creds)
    assert chosen.headers == {"Authorization": "Bearer t"} and chosen.query == [("key", "k")]
    assert wire.select_auth([["u"], []], schemes, creds) == ({}, [], [])
    message = wire.select_auth([["u"]], schemes, creds)
    assert isinstance(message, str) and "`username` and `password`" in message and "U and P" in message
    both = wire.select_auth([["u"]], schemes, {**creds, "password": "p"})
    assert both.headers == {"Authorization": "Basic dTpw"}


# ---------------------------------------------------------------- the client
def test_credentials_are_asked_for_per_request(wc: ModuleType) -> None:
    env = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("WIRE_CHECK_")}
    try:
        with ScriptedServer() as server:
            server.script([Step("GET", "/public", body={"ok": True})])
            client = wc.WireCheck(base_url=server.url, max_retries=0)  # no credential needed to make one
            assert client.public.retrieve().ok is True
            with pytest.raises(wc.WireCheckError, match="WIRE_CHECK_USERNAME and WIRE_CHECK_PASSWORD"):
                client.basic.retrieve()
            assert len(server.requests) == 1  # nothing sent
            os.environ["WIRE_CHECK_BEARER"] = "from-env"
            server.script([Step("GET", "/items/x", body={"id": "x", "name": "n"})])
            assert wc.WireCheck(base_url=server.url).items.retrieve("x").id == "x"
            assert server.requests[0].headers["authorization"] == "Bearer from-env"
            server.script([Step("DELETE", "/items/x", status=204)])
            assert wc.WireCheck(base_url=server.url).items.delete("x") is None
            assert "accept" not in server.requests[0].headers
    finally:
        os.environ.pop("WIRE_CHECK_BEARER", None)
        os.environ.update(env)


def test_response_kinds(wc: ModuleType) -> None:
    with ScriptedServer() as server:
        client = wc.WireCheck(bearer="t", base_url=server.url, max_retries=0)
        server.script([Step("GET", "/status-text", body=b'"all good"'), Step("GET", "/blobs/b1", body=b"\x00\xff"),
                       Step("POST", "/echo", body="hello"), Step("GET", "/items/i", body={"id": 1, "extra": [1]})])
        assert client.status_text.retrieve() == "all good"
        assert client.blobs.retrieve("b1").content == b"\x00\xff"  # a BinaryResponse
        assert client.echo.create(body="hi") == "hello"
        item = client.items.retrieve("i")  # does not match the schema: kept as it arrived
        assert item.id == 1 and item.model_extra == {"extra": [1]}
        assert [r.headers.get("accept") for r in server.requests] == [
            "application/json", "application/octet-stream", "text/plain", "application/json"]


def test_a_client_without_a_base_url_asks_for_one(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("openapi: 3.0.3\ninfo: {title: No Server API, version: '1'}\npaths:\n  /x:\n    get:\n"
                    "      responses: {'204': {description: ok}}\n")
    out = tmp_path / "out"
    result = subprocess.run([str(SDKFORGE), "generate", str(spec), "--target", "python", "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith("NO_SERVER_")}
    env["PYTHONPATH"] = str(out / "python" / "src")
    run = subprocess.run([sys.executable, "-c", "import no_server; no_server.NoServer()"], capture_output=True,
                         text=True, env=env)
    assert run.returncode != 0 and "base_url" in run.stderr and "NO_SERVER_BASE_URL" in run.stderr
    run = subprocess.run([sys.executable, "-c", "import no_server; no_server.NoServer(base_url='http://h')"],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr


# ---------------------------------------------------------------- x-expect, through the generated tests
class _Recorder:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                recorder.requests.append({"method": self.command, "raw": self.path,
                                          "headers": {k.lower(): v for k, v in self.headers.items()},
                                          "body": self.rfile.read(length) if length else b""})
                status = 204 if self.command == "DELETE" else 200
                self.send_response(status)
                payload = b"" if status == 204 else b'{"ok": true, "id": "a", "name": "n"}'
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> _Recorder:
        self.thread.start()
        return self

    def __exit__(self, *args: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def recorded(wire_project: Path) -> Iterator[list[dict[str, Any]]]:
    with _Recorder() as recorder:
        host, port = recorder.httpd.server_address[:2]
        env = {**os.environ, "PYTHONPATH": str(wire_project / "src"),
               "TEST_API_BASE_URL": f"http://{host!s}:{port}"}
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                                cwd=wire_project, capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == 0, result.stdout[-4000:]
        yield recorder.requests


def _expectations() -> list[tuple[str, str, dict[str, Any]]]:
    spec = yaml.safe_load(WIRE_SPEC.read_text())
    return [(method.upper(), path, op["x-expect"]) for path, item in spec["paths"].items()
            for method, op in item.items() if isinstance(op, dict) and "x-expect" in op]


@pytest.mark.parametrize(("method", "path", "expect"), _expectations(), ids=[f"{m} {p}" for m, p, _ in _expectations()])
def test_every_argument_call_meets_x_expect(recorded: list[dict[str, Any]], method: str, path: str,
                                            expect: dict[str, Any]) -> None:
    pattern = re.compile("^" + re.sub(r"\\\{[^}]*\\\}", "[^/?]+", re.escape(path)) + r"(\?|$)")
    matching = [r for r in recorded if r["method"] == method and _either(pattern.match, r["raw"])]
    assert matching, f"no {method} {path} request"
    request = matching[-1]  # the "every argument" call comes after the "required only" one
    split = urlsplit(request["raw"])
    if "path" in expect:
        assert split.path == expect["path"]
    if "query" in expect:
        assert split.query == expect["query"]
    for name, value in (expect.get("headers") or {}).items():
        assert request["headers"].get(name) == value, name
    if "json" in expect:
        assert json.loads(request["body"]) == expect["json"]
    if "form" in expect:
        assert request["body"].decode() == expect["form"]
    if "body" in expect:
        assert request["body"].decode() == expect["body"]
    if "multipart" in expect:
        parts = parse_multipart(request["headers"]["content-type"], request["body"])
        got = [{k: v for k, v in (("name", n), ("filename", f), ("content_type", t), ("value", c.decode()))
                if v is not None} for n, f, t, c in parts]
        assert got == [{**p, "value": str(p["value"])} for p in expect["multipart"]]


def _either(match, path: str):  # type: ignore[no-untyped-def]
    """``match`` on the path as sent, else percent-decoded ("/<upload_url>" goes out as /%3Cupload_url%3E)."""
    return match(path) or match(unquote(path))
