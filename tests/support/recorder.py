"""A recording HTTP proxy on loopback, for wire tests.

``RecordingProxy(upstream)`` listens on ``127.0.0.1:<free port>``, forwards every request unchanged
to ``upstream`` (a Prism mock, which validates it against the spec) and records what arrived (the
raw request line's path and query, the headers, the body bytes) with the upstream's answer.  Only
loopback addresses are used.  :func:`canonical` turns a recorded request into a comparable,
language-independent form: what the wire contract (docs/WIRE.md) fixes, and nothing a client may
choose freely (header order, multipart boundary, User-Agent, Content-Length, part order).
"""

from __future__ import annotations

import email.parser
import email.policy
import http.client
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Iterable
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection",
              "content-length", "host"}


@dataclass
class Recorded:
    method: str
    target: str  # the raw request target: path and query as sent
    headers: list[tuple[str, str]]
    body: bytes
    status: int = 0  # the upstream's status
    answer: bytes = b""  # the upstream's body (Prism explains a rejection there)
    tag: str = ""
    answer_headers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    @property
    def query(self) -> str:
        return self.target.split("?", 1)[1] if "?" in self.target else ""

    def header(self, name: str) -> str | None:
        values = [v for k, v in self.headers if k.lower() == name.lower()]
        return ", ".join(values) if values else None


@dataclass
class RecordingProxy:
    upstream: str  # http://127.0.0.1:PORT
    requests: list[Recorded] = field(default_factory=list)
    tag: str = ""

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "RecordingProxy":
        proxy = self
        parts = urlsplit(self.upstream)
        assert parts.hostname in ("127.0.0.1", "localhost", "::1"), "the recorder only forwards to loopback"

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    body = self._read_chunked()
                else:
                    body = self.rfile.read(length) if length else b""
                rec = Recorded(self.command, self.path, list(self.headers.items()), body, tag=proxy.tag)
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                    headers["Content-Length"] = str(len(body))
                    conn.request(self.command, self.path, body=body or None, headers=headers)
                    resp = conn.getresponse()
                    answer = resp.read()
                    rec.status, rec.answer, rec.answer_headers = resp.status, answer, resp.getheaders()
                    self.send_response(resp.status)
                    for key, value in resp.getheaders():
                        if key.lower() not in HOP_BY_HOP:
                            self.send_header(key, value)
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                finally:
                    conn.close()
                    with proxy._lock:
                        proxy.requests.append(rec)

            def _read_chunked(self) -> bytes:
                out = b""
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        self.rfile.readline()
                        return out
                    out += self.rfile.read(size)
                    self.rfile.readline()

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "RecordingProxy":
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


# ---------------------------------------------------------------------------- canonical form

def _media(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


def parse_multipart(content_type: str, body: bytes) -> list[dict[str, Any]]:
    """The parts of a multipart body: name, filename, content type (None when not sent), value."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
    parts = []
    for part in message.iter_parts():
        disposition = part.get("Content-Disposition", "")
        params = dict(part["Content-Disposition"].params) if disposition else {}
        payload = part.get_payload(decode=True) or b""
        parts.append({"name": params.get("name"), "filename": params.get("filename"),
                      "content_type": _media(part.get("Content-Type")) if "Content-Type" in part else None,
                      "value": payload.decode("utf-8", "replace")})
    return parts


def canonical(rec: Recorded, headers: Iterable[str]) -> dict[str, Any]:
    """What the contract fixes about a request, in a form equal across languages."""
    content_type = rec.header("content-type")
    media = _media(content_type)
    body: Any
    if not rec.body:
        body = None
    elif media == "application/json" or media.endswith("+json"):
        try:
            body = {"json": json.loads(rec.body)}
        except ValueError:
            body = {"invalid json": rec.body.decode("utf-8", "replace")}
    elif media == "multipart/form-data":
        body = {"multipart": sorted(parse_multipart(content_type or "", rec.body),
                                    key=lambda p: json.dumps(p, sort_keys=True))}
    elif media == "application/x-www-form-urlencoded":
        body = {"form": sorted(rec.body.decode("latin-1").split("&"))}
    else:
        body = {"bytes": rec.body.decode("latin-1")}
    wanted = {h.lower() for h in headers}
    return {
        "method": rec.method,
        "path": rec.path,
        "query": sorted(q for q in rec.query.split("&") if q),
        "headers": {k: (_media(v) if k == "content-type" else v) for k in sorted(wanted)
                    if (v := rec.header(k)) is not None},
        "body": body,
    }
