"""The Ruby SDK against the wire contract (docs/WIRE.md): the runtime's serializers checked
against the rule tables, and the SDK generated from the wire-conformance spec
(tests/cases/wire/spec.yaml) driven by its own generated minitest suite through a recording
loopback server, every ``x-expect`` fact checked on what it recorded."""

from __future__ import annotations

import json
import os
import re
import subprocess
import textwrap
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api
from support.recorder import parse_multipart

REPO = Path(__file__).resolve().parents[1]
WIRE_SPEC = REPO / "tests" / "cases" / "wire" / "spec.yaml"


def generate_ruby(spec: Path, out: Path) -> Path:
    diags = Diagnostics()
    generate(load_api(spec, diags), out, ["ruby"], diags)
    assert not diags.has_errors
    return out / "ruby"


def run_ruby(root: Path, code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("WIRE_CHECK_", "NO_SERVER_", "TEST_API_"))}
    return subprocess.run(["ruby", "-w", "-I", "lib", "-e", code, *args], cwd=root, check=False, capture_output=True,
                          text=True, timeout=180, env={**clean, **(env or {})})


# ------------------------------------------------------------------ recorder
class _Recorder(BaseHTTPRequestHandler):
    server: _RecordingServer

    def log_message(self, *args: Any) -> None:
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with self.server.lock:
            self.server.log.append({"method": self.command, "target": self.path, "body": body,
                                    "headers": {k.lower(): v for k, v in self.headers.items()}})
        path = urlsplit(self.path).path
        if self.command == "DELETE":
            status, kind, data = 204, None, b""
        elif self.command == "GET" and path.startswith("/blobs/"):
            status, kind, data = 200, "application/octet-stream", b"\x00\xffbytes\r\n"
        elif path == "/echo":
            status, kind, data = 200, "text/plain; charset=utf-8", "h\u00e9llo".encode()
        elif path == "/status-text":
            status, kind, data = 200, "application/json", b'"all good"'
        elif path == "/search":
            status, kind, data = 200, "application/json", b'[{"id": "a", "name": "n"}]'
        else:
            status, kind, data = 200, "application/json", b'{"ok": true, "id": "a", "name": "n"}'
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve


class _RecordingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Recorder)
        self.lock = threading.Lock()
        self.log: list[dict[str, Any]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"


@pytest.fixture()
def recorder() -> Iterator[_RecordingServer]:
    server = _RecordingServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def wire_sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_ruby(WIRE_SPEC, tmp_path_factory.mktemp("ruby-wire"))


# ------------------------------------------------------------------ serializers
SERIALIZERS = """
W = WireCheck::Internal::Wire
out = {}
prim, arr, obj = 5, [3, 4], {"a" => 1, "b" => 2}
out[:path] = %w[simple label matrix].flat_map do |style|
  [false, true].map do |explode|
    [prim, arr, obj].map { |v| W.path_param({in: :path, name: "id", style: style, explode: explode, value: v}) }
  end
end
out[:query] = [
  ["form", true, arr], ["form", true, obj], ["form", false, arr], ["form", false, obj],
  ["spaceDelimited", false, arr], ["pipeDelimited", false, arr], ["deepObject", true, arr],
  ["deepObject", true, obj], ["deepObject", true, {"a" => {"b" => 1}}], ["form", true, []], ["form", true, nil]
].map { |style, explode, v| W.query_param({in: :query, name: "id", style: style, explode: explode, value: v}).join("&") }
out[:encode] = [W.encode("a b+c/é~._-%"), W.encode("ok")]
out[:scalars] = [true, false, 10, 0.5, 3.0, 1e20, 1.5e-7, :sym].map { |v| W.scalar(v) }
out[:dots] = [".", "..", "...", "a.."].map { |v| W.path_param({in: :path, name: "x", style: :simple, explode: false, value: v}) }
out[:empty] = ["", nil, []].map do |v|
  W.path_param({in: :path, name: "item_id", style: :simple, explode: false, value: v})
rescue ArgumentError => e
  e.message
end
out[:header] = [
  W.header_param({in: :header, name: "X", style: :simple, explode: false, value: ["red", "green"]}),
  W.header_param({in: :header, name: "X", style: :simple, explode: true, value: obj}),
  W.header_param({in: :header, name: "X", style: :simple, explode: false, value: nil})
]
begin
  W.header_param({in: :header, name: "X", style: :simple, explode: false, value: "a\\r\\nInjected: 1"})
rescue ArgumentError => e
  out[:crlf] = e.message
end
out[:cookies] = W.cookies([{in: :cookie, name: "pref", style: :form, explode: true, value: "dark mode;x"},
                           {in: :cookie, name: "unset", style: :form, explode: true, value: nil}])
out[:form] = W.form({"name" => "a b", "tags" => ["x", "y"], "addr" => {"city" => "Paris", "geo" => {"lat" => 1},
                                                                         "ids" => [1, 2]},
                     "skip" => nil, "meta" => {"k" => "v"}, "deep" => ["a", "b"], "flat" => ["a", "b"],
                     "pipe" => ["a", "b"], "space" => ["a", "b"]},
                    {"meta" => {"json" => true}, "deep" => {"style" => "deepObject", "explode" => true},
                     "flat" => {"style" => "form", "explode" => false},
                     "pipe" => {"style" => "pipeDelimited", "explode" => false},
                     "space" => {"style" => "spaceDelimited", "explode" => false}})
body, type = W.multipart({"f" => StringIO.new("abc"), "g" => WireCheck::FilePart.new("xyz", filename: "g.txt",
                                                                                       content_type: "text/plain"),
                          "h" => WireCheck::FilePart.new(StringIO.new("q")), "list" => [1, 2],
                          "obj" => {"a" => {"b" => [true]}}, "meta" => {"k" => "v"}, "none" => nil},
                         {"meta" => {"json" => true}, "h" => {"content_type" => "image/png"}})
out[:multipart_type] = type.sub(/boundary=.*/, "boundary=B")
out[:multipart] = body.split(/--sdkforge-[0-9a-f]+/).map { |part| part.sub(/\\A\\r\\n/, "") }
puts JSON.generate(out)
"""


def test_serializers_follow_the_wire_tables(wire_sdk: Path) -> None:
    proc = run_ruby(wire_sdk, 'require "wire_check"\n' + SERIALIZERS)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    out = json.loads(proc.stdout)
    # docs/WIRE.md, path styles: rows simple/label/matrix x explode false/true, columns primitive/array/object
    assert out["path"] == [
        ["5", "3,4", "a,1,b,2"], ["5", "3,4", "a=1,b=2"],
        [".5", ".3,4", ".a,1,b,2"], [".5", ".3.4", ".a=1.b=2"],
        [";id=5", ";id=3,4", ";id=a,1,b,2"], [";id=5", ";id=3;id=4", ";a=1;b=2"],
    ]
    assert out["query"] == [
        "id=3&id=4", "a=1&b=2", "id=3,4", "id=a,1,b,2", "id=3%204", "id=3|4", "id%5B%5D=3&id%5B%5D=4",
        "id%5Ba%5D=1&id%5Bb%5D=2", "id%5Ba%5D%5Bb%5D=1", "", "",
    ]
    assert out["encode"] == ["a%20b%2Bc%2F%C3%A9~._-%25", "ok"]
    assert out["scalars"] == ["true", "false", "10", "0.5", "3", "1e+20", "1.5e-7", "sym"]
    assert out["dots"] == ["%2E", "%2E%2E", "%2E%2E%2E", "a.."]
    assert all("item_id" in message for message in out["empty"])
    assert out["header"] == ["red,green", "a=1,b=2", None]
    assert "CR or LF" in out["crlf"]
    assert out["cookies"] == ["pref=dark%20mode%3Bx"]
    assert out["form"] == ("name=a%20b&tags=x&tags=y&addr%5Bcity%5D=Paris&addr%5Bgeo%5D%5Blat%5D=1"
                           "&addr%5Bids%5D%5B%5D=1&addr%5Bids%5D%5B%5D=2&meta=%7B%22k%22%3A%22v%22%7D"
                           "&deep%5B%5D=a&deep%5B%5D=b&flat=a,b&pipe=a|b&space=a%20b")
    assert out["multipart_type"] == "multipart/form-data; boundary=B"
    assert out["multipart"] == [
        "",
        ('Content-Disposition: form-data; name="f"; filename="upload"\r\nContent-Type: application/octet-stream'
         "\r\n\r\nabc\r\n"),
        'Content-Disposition: form-data; name="g"; filename="g.txt"\r\nContent-Type: text/plain\r\n\r\nxyz\r\n',
        'Content-Disposition: form-data; name="h"; filename="upload"\r\nContent-Type: image/png\r\n\r\nq\r\n',
        'Content-Disposition: form-data; name="list[]"\r\n\r\n1\r\n',
        'Content-Disposition: form-data; name="list[]"\r\n\r\n2\r\n',
        'Content-Disposition: form-data; name="obj[a][b][]"\r\n\r\ntrue\r\n',
        'Content-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"k":"v"}\r\n',
        "--\r\n",
    ]


# ------------------------------------------------------------------ generated suite
def _multipart(headers: dict[str, str], body: bytes) -> list[dict[str, Any]]:
    """The parts (support.recorder.parse_multipart) with the fields not sent left out."""
    return [{k: v for k, v in part.items() if v is not None} for part in parse_multipart(headers['content-type'], body)]


def _meets(expect: dict[str, Any], request: dict[str, Any]) -> list[str]:
    """The x-expect facts a recorded request does not meet."""
    problems = []
    target = urlsplit(request["target"])
    headers = request["headers"]
    if "path" in expect and target.path != expect["path"]:
        problems.append(f"path {target.path} != {expect['path']}")
    if "query" in expect and target.query != expect["query"]:
        problems.append(f"query {target.query} != {expect['query']}")
    for name, value in (expect.get("headers") or {}).items():
        got = headers.get(name)
        if name == "content-type" and got is not None:
            got = got.split(";")[0]
        if got != value:
            problems.append(f"header {name}: {got!r} != {value!r}")
    if "json" in expect and json.loads(request["body"]) != expect["json"]:
        problems.append(f"json {request['body']!r}")
    if "form" in expect and request["body"].decode() != expect["form"]:
        problems.append(f"form {request['body']!r}")
    if "body" in expect and request["body"].decode() != expect["body"]:
        problems.append(f"body {request['body']!r}")
    if "multipart" in expect and _multipart(headers, request["body"]) != expect["multipart"]:
        problems.append(f"multipart {_multipart(headers, request['body'])}")
    return problems


def test_generated_suite_meets_every_expectation(wire_sdk: Path, recorder: _RecordingServer) -> None:
    tests = sorted(p.relative_to(wire_sdk).as_posix() for p in (wire_sdk / "test").rglob("*_test.rb"))
    loader = "ARGV.each { |f| require File.expand_path(f) }"
    proc = subprocess.run(["ruby", "-w", "-I", "lib", "-I", "test", "-e", loader, *tests], check=False, cwd=wire_sdk,
                          capture_output=True, text=True, timeout=180,
                          env={**{k: v for k, v in os.environ.items() if not k.startswith("WIRE_CHECK_")},
                               "TEST_API_BASE_URL": recorder.url})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "warning" not in proc.stderr
    spec = yaml.safe_load(WIRE_SPEC.read_text())
    operations = [(path, method.upper(), op) for path, item in spec["paths"].items() for method, op in item.items()]
    assert " 0 failures, 0 errors, 0 skips" in proc.stdout
    assert len(recorder.log) == 2 * len(operations)
    for path, method, op in operations:
        pattern = re.compile(re.sub(r"\\{[^}]*\\}", "[^/]+", re.escape(path)))
        calls = [r for r in recorder.log if r["method"] == method and _either(pattern.fullmatch, urlsplit(r["target"]).path)]
        assert len(calls) == 2, (method, path)
        misses = [_meets(op.get("x-expect") or {}, call) for call in calls]
        assert [] in misses, (op["operationId"], misses)  # the every-argument call meets every fact


# ------------------------------------------------------------------ behaviour
BEHAVIOUR = """
out = {}
base = ARGV[0]
anonymous = WireCheck::Client.new(bearer: nil, username: nil, base_url: base, max_retries: 0)
begin
  anonymous.basic.retrieve
rescue WireCheck::Errors::Error => e
  out[:basic_missing] = e.message
end
begin
  anonymous.either.retrieve
rescue WireCheck::Errors::Error => e
  out[:either_missing] = e.message
end
out[:public] = anonymous.public.retrieve.ok
from_env = WireCheck::Client.new(base_url: base)
out[:env] = [from_env.bearer, from_env.username]
out[:either_bearer] = from_env.either.retrieve.ok
full = WireCheck::Client.new(bearer: "b", username: "u", password: "p", header_key: "h", query_key: "q",
                             cookie_key: "c", base_url: base)
out[:binary] = full.blobs.retrieve("b1").then { |io| io.read }.then { |b| [b.encoding.name, b.bytes] }
out[:text] = full.echo.create(body: "x").then { |t| [t.encoding.name, t] }
out[:json_string] = full.status_text.retrieve
out[:empty] = full.items.delete("x").inspect
out[:upload] = full.upload.create(file: StringIO.new("io bytes"), purpose: "batch").ok
File.write("named.txt", "file bytes")
File.open("named.txt") { |f| full.upload.create(file: f, purpose: "batch") }
full.upload.create(file: Pathname.new("named.txt"), purpose: "batch")
out[:override] = full.two_keys.retrieve(request_options: {extra_query: {"api_key" => "mine"}}).ok
puts JSON.generate(out)
"""


def test_credentials_bodies_and_response_kinds(wire_sdk: Path, recorder: _RecordingServer) -> None:
    proc = run_ruby(wire_sdk, 'require "wire_check"\n' + BEHAVIOUR, recorder.url,
                    env={"WIRE_CHECK_BEARER": "env-token", "WIRE_CHECK_USERNAME": "env-user"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    out = json.loads(proc.stdout)
    # no credential: an error before sending, naming the options and their environment variables
    assert "username: (or ENV[\"WIRE_CHECK_USERNAME\"]) and password: (or ENV[\"WIRE_CHECK_PASSWORD\"])" in \
        out["basic_missing"]
    assert "bearer: (or ENV[\"WIRE_CHECK_BEARER\"])" in out["either_missing"]
    assert out["public"] is True
    # credentials fall back to their environment variables; basic needs both, so bearer is used
    assert out["env"] == ["env-token", "env-user"]
    assert out["either_bearer"] is True
    assert out["binary"] == ["ASCII-8BIT", list(b"\x00\xffbytes\r\n")]
    assert out["text"] == ["UTF-8", "h\u00e9llo"]
    assert out["json_string"] == "all good"
    assert out["empty"] == "nil"
    assert out["upload"] is True
    log = recorder.log
    paths = [(r["method"], urlsplit(r["target"]).path) for r in log]
    assert ("GET", "/basic") not in paths  # the missing credential stopped it before sending
    public = next(r for r in log if r["target"] == "/public")
    assert "authorization" not in public["headers"]
    either = next(r for r in log if r["target"] == "/either")
    assert either["headers"]["authorization"] == "Bearer env-token"
    uploads = [_multipart(r["headers"], r["body"])[0] for r in log if r["target"] == "/upload"]
    assert uploads == [
        {"name": "file", "filename": "upload", "content_type": "application/octet-stream", "value": "io bytes"},
        {"name": "file", "filename": "named.txt", "content_type": "application/octet-stream", "value": "file bytes"},
        {"name": "file", "filename": "named.txt", "content_type": "application/octet-stream", "value": "file bytes"},
    ]
    two = next(r for r in log if r["target"].startswith("/two-keys"))
    assert urlsplit(two["target"]).query == "api_key=mine"  # the caller's parameter wins over the API key


NO_SERVER = """\
openapi: 3.0.3
info: {title: No Server API, version: "1.0.0"}
servers: [{url: /relative}]
paths:
  /ping:
    get:
      operationId: ping
      responses:
        "204": {description: none}
"""


def test_a_missing_base_url_is_asked_for(tmp_path: Path, recorder: _RecordingServer) -> None:
    spec = tmp_path / "no-server.yaml"
    spec.write_text(NO_SERVER, encoding="utf-8")
    root = generate_ruby(spec, tmp_path / "out")
    code = textwrap.dedent(
        """
        require "no_server"
        begin
          NoServer::Client.new
        rescue NoServer::Errors::Error => e
          puts e.message
        end
        p NoServer::Client.new.ping.retrieve
        """
    )
    proc = run_ruby(root, code, env={"NO_SERVER_BASE_URL": recorder.url})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "nil"  # the environment variable gives it
    proc = run_ruby(root, code)
    assert "No base URL given: pass base_url: to NoServer::Client.new or set the NO_SERVER_BASE_URL" in proc.stdout


def _either(match, path: str):  # type: ignore[no-untyped-def]
    """``match`` on the path as sent, else percent-decoded ("/<upload_url>" goes out as /%3Cupload_url%3E)."""
    return match(path) or match(unquote(path))
