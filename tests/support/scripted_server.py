"""A scripted HTTP server on loopback for SDK behaviour tests.

A real ``http.server.ThreadingHTTPServer`` on ``127.0.0.1:<free port>`` in a
background thread.  Each test gives it a *script*: the responses to serve, in
order, each with the request it expects (method and path).  The server records
every request it receives (method, path, query, headers, body, arrival time) so
tests can assert on what an SDK really sent — nothing of the SDK is mocked.

Responses can be delayed (to provoke client timeouts) or sent as server-sent
events, chunk by chunk.  A request that does not match the script (or arrives
after the script is used up) is answered ``418`` with ``x-should-retry: false``
and recorded in :attr:`ScriptedServer.mismatches`, so a test fails loudly
instead of hanging.

The script format is plain data (:class:`Step`), shared by every SDK's tests
(see ``scenarios.py``).

Usage::

    with ScriptedServer() as server:
        server.script([Step("GET", "/files/f1", body={"id": "f1"})])
        ...  # point the SDK at server.url
        assert server.requests[0].headers["authorization"] == "Bearer k"
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Mapping, Sequence
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Step:
    """One scripted exchange: the request expected and the response to send.

    ``body`` may be bytes, a str, or any JSON value (sent as ``application/json``).
    ``sse`` (a list of raw chunks, e.g. ``"data: {...}\\n\\n"``) makes the response
    chunked, written chunk by chunk ``chunk_delay`` seconds apart, as ``text/event-stream``
    unless ``headers`` give another content type.
    ``delay`` holds the response back (before the status line) for that many seconds.
    A ``path`` of ``None`` accepts any path.
    """

    method: str
    path: str | None
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = None
    delay: float = 0.0
    sse: Sequence[str] | None = None
    chunk_delay: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "headers": dict(self.headers),
            "body": self.body if not isinstance(self.body, bytes) else self.body.decode("latin-1"),
            "delay": self.delay,
            "sse": list(self.sse) if self.sse is not None else None,
            "chunk_delay": self.chunk_delay,
        }


@dataclass
class RecordedRequest:
    method: str
    path: str  # without the query string, still percent-encoded as received
    raw_path: str  # as received, with the query string
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    body: bytes
    at: float  # time.monotonic() on arrival

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    def multipart(self) -> list[tuple[str, str | None, str | None, bytes]]:
        """The parts of a ``multipart/form-data`` body: (name, filename, content type, content)."""
        return parse_multipart(self.headers.get("content-type", ""), self.body)


def parse_multipart(content_type: str, body: bytes) -> list[tuple[str, str | None, str | None, bytes]]:
    """A small, strict ``multipart/form-data`` parser (RFC 7578), for asserting on uploads."""
    from email.message import Message
    from email.parser import BytesParser

    if not content_type.startswith("multipart/form-data"):
        raise ValueError(f"not a multipart body: {content_type!r}")
    raw = b"Content-Type: " + content_type.encode("latin-1") + b"\r\nMIME-Version: 1.0\r\n\r\n" + body
    message = BytesParser().parsebytes(raw)
    if not message.is_multipart():
        raise ValueError("the body is not multipart")
    parts: list[tuple[str, str | None, str | None, bytes]] = []
    for part in message.get_payload():
        assert isinstance(part, Message)
        name = part.get_param("name", header="content-disposition")
        filename = part.get_param("filename", header="content-disposition")
        payload = part.get_payload(decode=True)
        parts.append(
            (
                str(name),
                str(filename) if filename is not None else None,
                part.get("content-type"),
                payload if isinstance(payload, bytes) else b"",
            )
        )
    return parts


class ScriptedServer:
    """See the module docstring."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self.mismatches: list[str] = []
        self._steps: list[Step] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------

    def start(self) -> ScriptedServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr
                return

            def _handle(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                if self.headers.get("transfer-encoding", "").lower() == "chunked":
                    body = _read_chunked(self.rfile)
                split = urlsplit(self.path)
                record = RecordedRequest(
                    method=self.command,
                    path=split.path,
                    raw_path=self.path,
                    query=parse_qs(split.query, keep_blank_values=True),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                    at=time.monotonic(),
                )
                step = server._next(record)
                if step is None:
                    self._send(418, {"x-should-retry": "false"}, b'{"error": {"message": "unscripted request"}}',
                               "application/json")
                    return
                if step.delay:
                    time.sleep(step.delay)
                if step.sse is not None:
                    self._send_sse(step)
                    return
                payload, content_type = _encode_body(step.body)
                self._send(step.status, step.headers, payload, content_type)

            def _send(self, status: int, headers: Mapping[str, str], payload: bytes, content_type: str | None) -> None:
                try:
                    self.send_response(status)
                    lowered = {k.lower() for k in headers}
                    if content_type and "content-type" not in lowered:
                        self.send_header("Content-Type", content_type)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def _send_sse(self, step: Step) -> None:
                try:
                    self.send_response(step.status)
                    if "content-type" not in {k.lower() for k in step.headers}:
                        self.send_header("Content-Type", "text/event-stream")
                    for key, value in step.headers.items():
                        self.send_header(key, value)
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for chunk in step.sse or ():
                        data = chunk.encode("utf-8")
                        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                        self.wfile.flush()
                        if step.chunk_delay:
                            time.sleep(step.chunk_delay)
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="scripted-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the server is not started")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    # -- scripting --------------------------------------------------------

    def script(self, steps: Sequence[Step]) -> None:
        """Replace the script and forget earlier requests and mismatches."""
        with self._lock:
            self._steps = list(steps)
            self.requests = []
            self.mismatches = []

    @property
    def remaining(self) -> int:
        with self._lock:
            return len(self._steps)

    def _next(self, record: RecordedRequest) -> Step | None:
        with self._lock:
            self.requests.append(record)
            if not self._steps:
                self.mismatches.append(f"unscripted request {record.method} {record.raw_path}")
                return None
            step = self._steps[0]
            if step.method.upper() != record.method or (step.path is not None and step.path != record.path):
                self.mismatches.append(
                    f"expected {step.method} {step.path}, got {record.method} {record.path}"
                )
                return None
            self._steps.pop(0)
            return step


def _encode_body(body: Any) -> tuple[bytes, str | None]:
    if body is None:
        return b"", None
    if isinstance(body, bytes):
        return body, "application/octet-stream"
    if isinstance(body, str):
        return body.encode("utf-8"), "text/plain; charset=utf-8"
    return json.dumps(body).encode("utf-8"), "application/json"


def _read_chunked(stream: Any) -> bytes:
    out = b""
    while True:
        size_line = stream.readline().strip()
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            stream.readline()
            return out
        out += stream.read(size)
        stream.readline()
