"""Runtime behaviour of the generated Ruby client against a scripted loopback
server: retries (Retry-After, retry-after-ms, backoff, x-should-retry), status
errors, timeouts, connection errors, pagination across pages, SSE streams and
open enums.  All scenarios run in one Ruby process; each has its own base URL
(``/s/<scenario>``) and its own queue of scripted responses."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import textwrap
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import OPENAI_UPLOADS_SPEC
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api

UPLOAD = {"id": "upload_abc123", "bytes": 1, "created_at": 1, "expires_at": 2, "filename": "a.jsonl",
          "object": "upload", "purpose": "batch", "status": "completed"}


def file_obj(ident: str) -> dict[str, Any]:
    return {"id": ident, "bytes": 1, "created_at": 1, "filename": "f", "object": "file", "purpose": "batch",
            "status": "processed"}


def page(ids: list[str], has_more: bool) -> dict[str, Any]:
    return {"object": "list", "data": [file_obj(i) for i in ids], "first_id": ids[0], "last_id": ids[-1],
            "has_more": has_more}


JSON_HEADERS = {"Content-Type": "application/json"}
SSE_HEADERS = {"Content-Type": "text/event-stream"}

# scenario -> scripted responses, in order: (status, headers, body chunks, delay before answering)
SCRIPTS: dict[str, list[tuple[int, dict[str, str], list[bytes], float]]] = {
    "retry_after": [
        (429, {**JSON_HEADERS, "Retry-After": "1"}, [b'{"error":{"message":"slow down"}}'], 0),
        (200, JSON_HEADERS, [json.dumps(UPLOAD).encode()], 0),
    ],
    "retry_after_ms": [
        (503, {**JSON_HEADERS, "retry-after-ms": "200"}, [b"{}"], 0),
        (200, JSON_HEADERS, [json.dumps(UPLOAD).encode()], 0),
    ],
    "server_error": [(500, JSON_HEADERS, [b'{"error":{"message":"boom"}}'], 0)] * 3,
    "not_found": [(404, {**JSON_HEADERS, "x-request-id": "req_123"}, [b'{"error":{"message":"nope"}}'], 0)],
    "should_retry_false": [(500, {**JSON_HEADERS, "x-should-retry": "false"}, [b"{}"], 0)],
    "should_retry_true": [
        (400, {**JSON_HEADERS, "x-should-retry": "true", "retry-after-ms": "10"}, [b"{}"], 0),
        (200, JSON_HEADERS, [json.dumps(UPLOAD).encode()], 0),
    ],
    "conflict": [
        (409, {**JSON_HEADERS, "retry-after-ms": "10"}, [b"{}"], 0),
        (408, {**JSON_HEADERS, "retry-after-ms": "10"}, [b"{}"], 0),
        (200, JSON_HEADERS, [json.dumps(UPLOAD).encode()], 0),
    ],
    "timeout": [(200, JSON_HEADERS, [json.dumps(UPLOAD).encode()], 2.0)] * 2,
    "pages": [
        (200, JSON_HEADERS, [json.dumps(page(["f1", "f2"], True)).encode()], 0),
        (200, JSON_HEADERS, [json.dumps(page(["f3", "f4"], True)).encode()], 0),
        (200, JSON_HEADERS, [json.dumps(page(["f5"], False)).encode()], 0),
    ],
    "sse": [(200, SSE_HEADERS, [
        b": comment\n\nevent: file\ndata: {\"id\": \"e1\", \"object\": \"file\", \"purpose\": \"batch\"}\n\n",
        b"data: {\"id\": \"e2\", \"object\": \"file\",\r\ndata:  \"purpose\": \"new_purpose\"}\r\n\r",
        b"\ndata: [DONE]\n\ndata: {\"id\": \"after-done\"}\n\n",
    ], 0)],
    "sse_error": [(200, SSE_HEADERS, [
        b"data: {\"id\": \"e1\"}\n\n",
        b"event: error\ndata: {\"error\": {\"message\": \"stream broke\"}}\n\n",
    ], 0)],
    "unknown_enum": [
        (200, JSON_HEADERS, [json.dumps({**UPLOAD, "status": "brand_new", "extra_field": [1, 2]}).encode()], 0)],
}

RUBY = textwrap.dedent(
    """
    require "openai"
    base = ARGV[0]
    out = {}
    client = lambda do |name, **opts|
      OpenAI::Client.new(api_key: "sk-test", base_url: "#{base}/s/#{name}", **opts)
    end
    timed = lambda do |&block|
      started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
      value = begin
        block.call
      rescue OpenAI::Errors::Error => e
        {error: e.class.name, status: e.respond_to?(:status) ? e.status : nil, message: e.message,
         request_id: e.respond_to?(:request_id) ? e.request_id : nil}
      end
      [value, Process.clock_gettime(Process::CLOCK_MONOTONIC) - started]
    end
    describe = ->(v) { v.is_a?(Hash) ? v : {class: v.class.name, status: v.respond_to?(:status) ? v.status.inspect : nil} }

    %w[retry_after retry_after_ms server_error not_found should_retry_false should_retry_true conflict].each do |name|
      value, seconds = timed.call { client.call(name).uploads.complete("upload_abc123", part_ids: ["a"]) }
      out[name] = {value: describe.call(value), seconds: seconds}
    end
    value, seconds = timed.call do
      client.call("timeout", timeout: 0.3, max_retries: 1).uploads.cancel("upload_abc123")
    end
    out["timeout"] = {value: describe.call(value), seconds: seconds}
    value, seconds = timed.call do
      OpenAI::Client.new(api_key: "k", base_url: "http://127.0.0.1:#{ARGV[1]}", max_retries: 0).files.list
    end
    out["refused"] = {value: describe.call(value), seconds: seconds}

    first = client.call("pages").files.list(limit: 2)
    out["pages"] = {
      first_ids: first.data.map(&:id), next: first.next_page?,
      all_ids: first.auto_paging_each.map(&:id)
    }
    stream = client.call("sse").files.retrieve("file-1")
    events = stream.to_a
    out["sse"] = {class: stream.class.name, ids: events.map(&:id), purposes: events.map(&:purpose).map(&:inspect),
                  kinds: events.map { |e| e.class.name }}
    collected = []
    begin
      client.call("sse_error").files.retrieve("file-1").each { |e| collected << e.id }
    rescue OpenAI::Errors::APIError => e
      out["sse_error"] = {collected: collected, error: e.class.name, message: e.message}
    end
    upload = client.call("unknown_enum").uploads.complete("upload_abc123", part_ids: ["a"])
    out["unknown_enum"] = {status: upload.status.inspect, extra: upload[:extra_field], object: upload.object.inspect}
    puts JSON.generate(out)
    """
)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = self.path.split("/")
        scenario = parts[2] if len(parts) > 2 and parts[1] == "s" else ""
        with self.server.lock:
            self.server.log.setdefault(scenario, []).append(
                {"method": self.command, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                 "body": body.decode("utf-8", "replace")})
            queue = self.server.scripts.get(scenario) or []
            step = queue.pop(0) if queue else (599, JSON_HEADERS, [b'{"error":"script exhausted"}'], 0)
        status, headers, chunks, delay = step
        if delay:
            time.sleep(delay)
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(sum(len(c) for c in chunks)))
            self.end_headers()
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(0.01)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_POST = do_DELETE = _serve


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.scripts = {name: list(steps) for name, steps in SCRIPTS.items()}
        self.log: dict[str, list[dict[str, Any]]] = {}


@pytest.fixture(scope="module")
def scenario_results(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    out = tmp_path_factory.mktemp("ruby-runtime")
    diags = Diagnostics()
    generate(load_api(OPENAI_UPLOADS_SPEC, diags), out, ["ruby"], diags)
    root = out / "ruby"
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    try:
        proc = subprocess.run(["ruby", "-w", "-I", "lib", "-e", RUBY, f"http://127.0.0.1:{server.server_port}",
                               str(closed_port)], check=False, cwd=root, capture_output=True, text=True, timeout=120,
                              env={k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")})
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert proc.stderr == ""
        yield json.loads(proc.stdout), server.log
    finally:
        server.shutdown()
        server.server_close()


def attempts(log: dict[str, Any], name: str) -> list[str]:
    return [entry["headers"].get("x-sdk-retry-count", "") for entry in log.get(name, [])]


def test_retry_after_is_honoured(scenario_results: tuple[dict[str, Any], dict[str, Any]]) -> None:
    out, log = scenario_results
    assert out["retry_after"]["value"] == {"class": "OpenAI::Models::Upload", "status": ":completed"}
    assert attempts(log, "retry_after") == ["0", "1"]
    assert 0.9 <= out["retry_after"]["seconds"] < 3
    assert out["retry_after_ms"]["value"]["class"] == "OpenAI::Models::Upload"
    assert 0.15 <= out["retry_after_ms"]["seconds"] < 1.5
    assert log["retry_after"][0]["headers"]["authorization"] == "Bearer sk-test"


def test_server_errors_are_retried_then_raised(scenario_results: tuple[dict[str, Any], dict[str, Any]]) -> None:
    out, log = scenario_results
    value = out["server_error"]["value"]
    assert value["error"] == "OpenAI::Errors::InternalServerError" and value["status"] == 500
    assert "boom" in value["message"]
    assert attempts(log, "server_error") == ["0", "1", "2"]
    # backoff 0.5 s then 1 s, each minus up to 25% jitter
    assert 1.1 <= out["server_error"]["seconds"] < 3


def test_not_found_is_not_retried(scenario_results: tuple[dict[str, Any], dict[str, Any]]) -> None:
    out, log = scenario_results
    assert out["not_found"]["value"] == {"error": "OpenAI::Errors::NotFoundError", "status": 404,
                                         "message": "Error code: 404 - nope", "request_id": "req_123"}
    assert attempts(log, "not_found") == ["0"]


def test_x_should_retry_overrides_status(scenario_results: tuple[dict[str, Any], dict[str, Any]]) -> None:
    out, log = scenario_results
    assert out["should_retry_false"]["value"]["error"] == "OpenAI::Errors::InternalServerError"
    assert attempts(log, "should_retry_false") == ["0"]
    assert out["should_retry_true"]["value"]["class"] == "OpenAI::Models::Upload"
    assert attempts(log, "should_retry_true") == ["0", "1"]
    assert out["conflict"]["value"]["class"] == "OpenAI::Models::Upload"
    assert attempts(log, "conflict") == ["0", "1", "2"]


def test_timeouts_and_connection_errors(scenario_results: tuple[dict[str, Any], dict[str, Any]]) -> None:
    out, log = scenario_results
    assert out["timeout"]["value"]["error"] == "OpenAI::Errors::APITimeoutError"
    assert attempts(log, "timeout") == ["0", "1"]
    assert out["timeout"]["seconds"] < 1.9
    assert out["refused"]["value"]["error"] == "OpenAI::Errors::APIConnectionError"


def test_pagination_across_three_pages(scenario_results: tuple[dict[str, Any], dict[str, Any]]) -> None:
    out, log = scenario_results
    assert out["pages"] == {"first_ids": ["f1", "f2"], "next": True, "all_ids": ["f1", "f2", "f3", "f4", "f5"]}
    paths = [entry["path"] for entry in log["pages"]]
    assert paths == ["/s/pages/files?limit=2", "/s/pages/files?limit=2&after=f2", "/s/pages/files?limit=2&after=f4"]


def test_sse_stream(scenario_results: tuple[dict[str, Any], dict[str, Any]]) -> None:
    out, _ = scenario_results
    assert out["sse"] == {"class": "OpenAI::Internal::Stream", "ids": ["e1", "e2"],
                          "purposes": [":batch", ":new_purpose"],
                          "kinds": ["OpenAI::Models::FileObject", "OpenAI::Models::FileObject"]}
    assert out["sse_error"] == {"collected": ["e1"], "error": "OpenAI::Errors::APIError", "message": "stream broke"}


def test_unknown_enum_value_and_fields_are_kept(scenario_results: tuple[dict[str, Any], dict[str, Any]]) -> None:
    out, _ = scenario_results
    assert out["unknown_enum"] == {"status": ":brand_new", "extra": [1, 2], "object": ":upload"}


def test_request_shape(scenario_results: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, log = scenario_results
    first = log["retry_after"][0]
    assert first["method"] == "POST" and first["path"] == "/s/retry_after/uploads/upload_abc123/complete"
    assert json.loads(first["body"]) == {"part_ids": ["a"]}
    assert first["headers"]["content-type"] == "application/json"
    assert first["headers"]["user-agent"].startswith("OpenAI/Ruby ")


def test_generated_runtime_is_standard_library_only(scenario_results: tuple[dict[str, Any], dict[str, Any]],
                                                     tmp_path: Path) -> None:
    diags = Diagnostics()
    generate(load_api(OPENAI_UPLOADS_SPEC, diags), tmp_path, ["ruby"], diags)
    requires = set()
    for path in (tmp_path / "ruby" / "lib").rglob("*.rb"):
        for line in path.read_text().splitlines():
            if line.startswith("require "):
                requires.add(line.split()[1].strip('"'))
    assert requires <= {"json", "net/http", "openssl", "pathname", "securerandom", "stringio", "time", "uri", "zlib"}
