"""The TypeScript runtime against docs/WIRE.md: the serializers one by one (wire.ts), and the
client generated with no config from the wire-conformance spec, on a recording server."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api
from support.prism import REPO_ROOT
from support.recorder import parse_multipart

TSC = REPO_ROOT / "node_modules" / ".bin" / "tsc"
WIRE_SPEC = REPO_ROOT / "tests" / "cases" / "wire" / "spec.yaml"


def node(root: Path, script: str, env: dict[str, str] | None = None) -> Any:
    (root / "probe.mjs").write_text(script, encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("WIRE_CHECK_", "NO_SERVER_"))}
    done = subprocess.run(["node", "probe.mjs"], cwd=root, capture_output=True, text=True, timeout=120, check=False,
                          env={**clean, **(env or {})})
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def build(spec: Path, out: Path) -> Path:
    diags = Diagnostics()
    generate(load_api(spec, diags), out, ["typescript"], diags)
    root = out / "sdk"
    shutil.copytree(out / "typescript", root)
    done = subprocess.run([str(TSC), "-p", "tsconfig.json"], cwd=root, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(WIRE_SPEC, tmp_path_factory.mktemp("ts-wire"))


class Recorder:
    """A loopback server that records each request and answers as the wire spec's operation would."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def handle_any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                recorder.requests.append({"method": self.command, "target": self.path, "body": body,
                                          "headers": {k.lower(): v for k, v in self.headers.items()}})
                path = self.path.split("?")[0]
                status, ctype, data = 200, "application/json", b'{"ok": true}'
                if self.command == "DELETE":
                    status, ctype, data = 204, None, b""
                elif path.startswith("/v1/blobs") and self.command == "GET":
                    ctype, data = "application/octet-stream", b"\x00\xffabc"
                elif path == "/v1/echo":
                    ctype, data = "text/plain", b"hello"
                elif path == "/v1/status-text":
                    data = b'"all good"'
                elif path == "/v1/search":
                    data = b"[]"
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    yield rec
    rec.stop()


# ------------------------------------------------------------------ serializers
SERIALIZERS = r"""
import { encode, pathValue, queryPairs, headerValue, cookiePairs, formBody, applyAuth } from "./dist/wire.js";

const out = {};
const path = (style, explode, value, name = "id", shape) => pathValue({ in: "path", name, style, explode, value, shape });
out.encode = encode("a b/?#%&=;,.|é!'()*~");
out.path = {};
for (const style of ["simple", "label", "matrix"]) {
  for (const explode of [false, true]) {
    out.path[`${style} ${explode}`] = [path(style, explode, 5), path(style, explode, [3, 4], "id", "array"),
                                       path(style, explode, { a: 1, b: 2 }, "id", "object")];
  }
}
out.dots = [path("simple", false, ".."), path("simple", false, "."), path("simple", false, "a.b")];
const refuse = (fn) => { try { fn(); return null; } catch (err) { return err.message; } };
out.refused = [refuse(() => path("simple", false, "")), refuse(() => path("simple", false, { a: 1 })),
               refuse(() => path("simple", false, null)), refuse(() => headerValue("X-A", false, "a\r\nb"))];
out.query = {
  formExplode: [queryPairs("id", "form", true, [3, 4]), queryPairs("id", "form", true, { a: 1, b: 2 })],
  form: [queryPairs("id", "form", false, [3, 4]), queryPairs("id", "form", false, { a: 1, b: 2 })],
  space: queryPairs("id", "spaceDelimited", false, [3, 4]),
  pipe: queryPairs("id", "pipeDelimited", false, [3, 4]),
  deep: [queryPairs("id", "deepObject", true, [3, 4]), queryPairs("id", "deepObject", true, { a: 1, b: { c: 2 } })],
  scalars: [queryPairs("q", "form", true, "a b&c"), queryPairs("b", "form", true, false),
            queryPairs("n", "form", true, 0.5), queryPairs("e", "form", true, []), queryPairs("u", "form", true, null)],
};
out.header = [headerValue("X", false, [1, 2]), headerValue("X", false, { a: 1, b: 2 }),
              headerValue("X", true, { a: 1, b: 2 }), headerValue("X", false, "a b/c")];
out.cookie = [cookiePairs("pref", true, "dark mode"), cookiePairs("c", true, [1, 2]), cookiePairs("c", false, [1, 2])];
out.form = formBody({ name: "a b", colors: ["red", "green"], address: { city: "Paris", zip: "75001" }, no: undefined,
                      meta: { k: "v" } }, [{ name: "meta", json: true }]);
out.formStyles = [
  formBody({ expand: ["a", "b"] }, [{ name: "expand", style: "deepObject", explode: true }]),
  formBody({ ids: [3, 4] }, [{ name: "ids", explode: false }]),
  formBody({ ids: [3, 4] }, [{ name: "ids", style: "spaceDelimited", explode: false }]),
  formBody({ ids: [3, 4] }, [{ name: "ids", style: "pipeDelimited", explode: false }]),
  formBody({ items: { tags: ["x", "y"], n: { m: 1 } } }),
];
const schemes = {
  bearer: { kind: "bearer", in: "header", name: "Authorization", credentials: ["token"] },
  basic: { kind: "basic", in: "header", name: "Authorization", credentials: ["username", "password"] },
  header: { kind: "api_key", in: "header", name: "X-Key", credentials: ["headerKey"] },
  query: { kind: "api_key", in: "query", name: "api_key", credentials: ["queryKey"] },
  cookie: { kind: "api_key", in: "cookie", name: "session", credentials: ["cookieKey"] },
};
const creds = [{ option: "token", env: "T_ENV" }, { option: "username", env: "U_ENV" }, { option: "password", env: "P_ENV" },
               { option: "headerKey", env: "H_ENV" }, { option: "queryKey", env: "Q_ENV" }, { option: "cookieKey", env: "C_ENV" }];
const all = { token: "t", username: "ü", password: "p:w", headerKey: "h", queryKey: "q k", cookieKey: "c" };
out.auth = {
  first: applyAuth([["basic"], ["bearer"]], schemes, creds, all),
  fallback: applyAuth([["basic"], ["bearer"]], schemes, creds, { token: "t" }),
  both: applyAuth([["header", "query", "cookie"]], schemes, creds, all),
  anonymous: applyAuth([["bearer"], []], schemes, creds, {}),
  none: applyAuth(undefined, schemes, creds, {}),
  missing: refuse(() => applyAuth([["basic"], ["bearer"]], schemes, creds, { username: "u" })),
};
console.log(JSON.stringify(out));
"""


def test_serializers_follow_wire_md(sdk: Path) -> None:
    out = node(sdk, SERIALIZERS)
    assert out["encode"] == "a%20b%2F%3F%23%25%26%3D%3B%2C.%7C%C3%A9%21%27%28%29%2A~"
    assert out["path"] == {
        "simple false": ["5", "3,4", "a,1,b,2"],
        "simple true": ["5", "3,4", "a=1,b=2"],
        "label false": [".5", ".3,4", ".a,1,b,2"],
        "label true": [".5", ".3.4", ".a=1.b=2"],
        "matrix false": [";id=5", ";id=3,4", ";id=a,1,b,2"],
        "matrix true": [";id=5", ";id=3;id=4", ";a=1;b=2"],
    }
    assert out["dots"] == ["%2E%2E", "%2E", "a.b"]
    empty, obj, null, crlf = out["refused"]
    assert '"id" is empty' in empty and "not an object" in obj and "Missing path parameter" in null
    assert "line break" in crlf
    q = out["query"]
    assert q["formExplode"] == [["id=3", "id=4"], ["a=1", "b=2"]]
    assert q["form"] == [["id=3,4"], ["id=a,1,b,2"]]
    assert q["space"] == ["id=3%204"] and q["pipe"] == ["id=3|4"]
    assert q["deep"] == [["id%5B%5D=3", "id%5B%5D=4"], ["id%5Ba%5D=1", "id%5Bb%5D%5Bc%5D=2"]]
    assert q["scalars"] == [["q=a%20b%26c"], ["b=false"], ["n=0.5"], [], []]
    assert out["header"] == ["1,2", "a,1,b,2", "a=1,b=2", "a b/c"]
    assert out["cookie"] == [["pref=dark%20mode"], ["c=1", "c=2"], ["c=1,2"]]
    assert out["form"] == ("name=a%20b&colors=red&colors=green&address%5Bcity%5D=Paris&address%5Bzip%5D=75001"
                           "&meta=%7B%22k%22%3A%22v%22%7D")
    assert out["formStyles"] == ["expand%5B%5D=a&expand%5B%5D=b", "ids=3,4", "ids=3%204", "ids=3|4",
                                 "items%5Btags%5D%5B%5D=x&items%5Btags%5D%5B%5D=y&items%5Bn%5D%5Bm%5D=1"]
    auth = out["auth"]
    basic = "Basic " + base64.b64encode("ü:p:w".encode()).decode()
    assert auth["first"] == {"headers": {"Authorization": basic}, "query": [], "cookies": []}
    assert auth["fallback"] == {"headers": {"Authorization": "Bearer t"}, "query": [], "cookies": []}
    assert auth["both"] == {"headers": {"X-Key": "h"}, "query": [["api_key", "q k"]], "cookies": ["session=c"]}
    assert auth["anonymous"] == auth["none"] == {"headers": {}, "query": [], "cookies": []}
    assert auth["missing"] == ("Missing credentials: this request needs one of: username (or U_ENV) and password "
                               "(or P_ENV); or token (or T_ENV). Pass the option when you create the client or set "
                               "the environment variable.")


# ------------------------------------------------------------------ the generated tests, recorded
def test_generated_tests_send_what_the_spec_expects(sdk: Path, recorder: Recorder) -> None:
    import yaml

    done = subprocess.run(["node", "--test", "tests/"], cwd=sdk, capture_output=True, text=True, timeout=300,
                          check=False, env={**os.environ, "TEST_API_BASE_URL": recorder.url})
    assert done.returncode == 0 and "# fail 0" in done.stdout, done.stdout[-4000:] + done.stderr
    doc = yaml.safe_load(WIRE_SPEC.read_text())
    ops = [(method.upper(), re.compile("^/v1" + re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(path)) + "$"),
            op["x-expect"]) for path, item in doc["paths"].items() for method, op in item.items()
           if isinstance(op, dict) and "operationId" in op]
    assert len(recorder.requests) == 2 * len(ops)  # required arguments, then every argument
    for method, route, expect in ops:
        calls = [r for r in recorder.requests if r["method"] == method and _either(route.match, r["target"].split("?")[0])]
        assert len(calls) == 2, (method, route.pattern)
        rec = calls[1]
        target: str = rec["target"]
        path, _, query = target.partition("?")
        where = f"{rec['method']} {target}"
        if "path" in expect:  # the recorder's base URL ends in /v1, as the spec's server does
            assert path.removeprefix("/v1") == expect["path"].removeprefix("/v1"), where
        if "query" in expect:
            assert query == expect["query"], where
        for name, value in (expect.get("headers") or {}).items():
            got = rec["headers"].get(name)
            if name == "content-type" and got is not None:
                got = got.split(";")[0]
            assert got == value, (where, name)
        if "json" in expect:
            assert json.loads(rec["body"]) == expect["json"], where
        if "form" in expect:
            assert rec["body"].decode() == expect["form"], where
        if "body" in expect:
            assert rec["body"] == expect["body"].encode(), where
        if "multipart" in expect:
            parts = parse_multipart(rec["headers"]["content-type"], rec["body"])
            want = [{"name": p["name"], "filename": p.get("filename"), "content_type": p.get("content_type"),
                     "value": p["value"]} for p in expect["multipart"]]
            assert parts == want, where


# ------------------------------------------------------------------ the client made with no config
CLIENT = r"""
import { WireCheck } from "./dist/index.js";

const out = {};
const catching = async (fn) => { try { return { ok: await fn() }; } catch (err) { return { error: err.constructor.name, message: err.message }; } };
const env = new WireCheck({ baseURL: process.env.BASE, maxRetries: 0 });
out.fromEnv = await catching(() => env.twoKeys.retrieve());
const bare = new WireCheck({ baseURL: process.env.BASE, maxRetries: 0, headerKey: "hk" });
out.missing = await catching(() => bare.basic.retrieve());
out.anonymousOK = await catching(() => bare.public.retrieve());
out.dots = await catching(() => env.dots.retrieve(".."));
out.object = await catching(() => env.dots.retrieve({ toString: () => "x" }));
out.empty = await catching(() => env.dots.retrieve(""));
out.binary = await catching(async () => Array.from(new Uint8Array(await (await env.blobs.retrieve("b1")).arrayBuffer())));
out.text = await catching(() => env.echo.create("héllo"));
out.jsonString = await catching(() => env.statusText.retrieve());
out.deleted = await catching(() => env.items.delete("x"));
out.upload = await catching(() => env.blobs.update("b1", new Uint8Array([0, 255])));
console.log(JSON.stringify(out));
"""


def test_client_reads_the_contracts_env_vars_and_checks_per_request(sdk: Path, recorder: Recorder) -> None:
    out = node(sdk, CLIENT, {"BASE": recorder.url, "WIRE_CHECK_HEADER_KEY": "env-h", "WIRE_CHECK_QUERY_KEY": "env q",
                             "WIRE_CHECK_BEARER": "env-b"})
    reqs = recorder.requests
    # both API keys of the alternative, and no bearer beside them
    assert out["fromEnv"] == {"ok": {"ok": True}}
    assert reqs[0]["target"] == "/v1/two-keys?api_key=env%20q" and reqs[0]["headers"]["x-api-key"] == "env-h"
    assert "authorization" not in reqs[0]["headers"]
    # a missing credential is named with its option and variable, before anything is sent
    assert out["missing"]["error"] == "SDKError"
    assert "username (or WIRE_CHECK_USERNAME) and password (or WIRE_CHECK_PASSWORD)" in out["missing"]["message"]
    assert out["anonymousOK"] == {"ok": {"ok": True}}
    assert reqs[1]["target"] == "/v1/public" and "authorization" not in reqs[1]["headers"]
    # a dot segment is sent encoded, never resolved; objects and empty values are refused
    assert out["dots"] == {"ok": {"ok": True}} and reqs[2]["target"] == "/v1/dots/%2E%2E"
    assert "must be a string or a number" in out["object"]["message"]
    assert "is empty" in out["empty"]["message"]
    assert out["binary"] == {"ok": [0, 255, 97, 98, 99]} and reqs[3]["headers"]["accept"] == "application/octet-stream"
    assert out["text"] == {"ok": "hello"}
    assert reqs[4]["body"] == "héllo".encode() and reqs[4]["headers"]["content-type"] == "text/plain"
    assert out["jsonString"] == {"ok": "all good"}
    assert out["deleted"] == {} and "accept" not in reqs[6]["headers"]
    assert reqs[7]["body"] == b"\x00\xff" and reqs[7]["headers"]["content-type"] == "application/octet-stream"
    assert len(reqs) == 8


NO_SERVER = """\
openapi: 3.0.3
info: {title: No Server API, version: "1.0.0"}
paths:
  /ping:
    get:
      responses:
        "204": {description: ok}
"""


def test_base_url_is_required_when_the_spec_has_none(tmp_path: Path, recorder: Recorder) -> None:
    spec = tmp_path / "no-server.yaml"
    spec.write_text(NO_SERVER)
    root = build(spec, tmp_path / "out")
    script = r"""
import { NoServer } from "./dist/index.js";
let message = null;
try { new NoServer(); } catch (err) { message = err.message; }
await new NoServer({ baseURL: process.env.BASE }).ping.retrieve();
process.env.NO_SERVER_BASE_URL = process.env.BASE;
await new NoServer().ping.retrieve();
console.log(JSON.stringify({ message }));
"""
    out = node(root, script, {"BASE": recorder.url})
    assert out["message"] == "No base URL: pass the baseURL option or set the NO_SERVER_BASE_URL environment variable."
    assert [r["target"] for r in recorder.requests] == ["/v1/ping", "/v1/ping"]


def _either(match, path: str):  # type: ignore[no-untyped-def]
    """``match`` on the path as sent, else percent-decoded ("/<upload_url>" goes out as /%3Cupload_url%3E)."""
    return match(path) or match(unquote(path))
