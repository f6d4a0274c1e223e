"""Behaviour scenarios shared by every SDK target, as plain data.

Each :class:`Scenario` is a script for :class:`support.scripted_server.ScriptedServer`
plus a language-neutral description of one SDK call and of its expected outcome.
An SDK's *driver* (Python: ``tests/test_python_behaviour.py``; TypeScript, Ruby
and Go drivers read the same data, e.g. from ``python -m support.scenarios``
which prints them as JSON) does:

1. generate its SDK from :data:`SCENARIO_SPEC` (+ :data:`SCENARIO_CONFIG`, see
   :func:`write_spec`),
2. for each scenario: ``server.script(scenario.steps)``, build a client with
   ``base_url=server.url``, ``api_key="sk-test"`` and ``scenario.client``
   options, perform ``scenario.call``, and summarise the outcome as
   ``{"result": <JSON>}`` or ``{"error": {"kind": <kind>, "status": <int|None>}}``,
3. check it with :func:`check_outcome` (and the request count / timing with
   :attr:`Scenario.expect_requests` / :attr:`Scenario.min_seconds`).

Calls (``Scenario.call``):

``{"op": "files.content", "path": ["file-1"], "mode": "binary"}``
    a binary download, read three ways (all at once, in chunks, written to a
    file): the result is ``{"read": <hex>, "chunks": <hex>, "file": <hex>}``.
``{"op": "completions.create", "args": {..., "stream": true}, "mode": "stream"}``
    the ``stream`` flag decides: the driver calls the SDK's streaming form
    (Go: ``NewStreaming``; Ruby: ``create_streaming``) and lists the events;
    without ``mode`` (flag false or absent) the result is the model.

``{"op": "files.retrieve", "path": ["file-1"]}``
    one method call; the result is the response model as JSON (wire names).
``{"op": "files.list", "args": {"limit": 2}, "mode": "iterate"}``
    auto-pagination: the result is the list of every item of every page.
``{"op": "events.create", "args": {...}, "mode": "stream"}``
    iterate a server-sent-event stream: the result is the list of events.

Error kinds: ``bad_request`` (400), ``authentication`` (401),
``permission_denied`` (403), ``not_found`` (404), ``conflict`` (409),
``unprocessable_entity`` (422), ``rate_limit`` (429), ``internal_server`` (5xx),
``status`` (other statuses), ``timeout``, ``connection``, ``stream`` (an
``event: error`` in a stream).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from .scripted_server import Step

SCENARIO_SPEC = """\
openapi: 3.1.0
info:
  title: Scenario API
  version: "1.0.0"
  description: A small API exercising the behaviours every sdkforge SDK must share.
servers:
  - url: https://scenario.invalid/v1
security:
  - BearerAuth: []
paths:
  /files:
    get:
      operationId: listFiles
      summary: List files
      parameters:
        - name: limit
          in: query
          schema: {type: integer}
        - name: after
          in: query
          schema: {type: string}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ListFilesResponse"}
  /files/{file_id}:
    get:
      operationId: retrieveFile
      summary: Retrieve a file
      parameters:
        - name: file_id
          in: path
          required: true
          schema: {type: string}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/FileObject"}
  /uploads/{upload_id}/complete:
    post:
      operationId: completeUpload
      summary: Complete an upload
      parameters:
        - name: upload_id
          in: path
          required: true
          schema: {type: string}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [part_ids]
              properties:
                part_ids:
                  type: array
                  items: {type: string}
                md5:
                  type: [string, "null"]
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/FileObject"}
  /uploads/{upload_id}/parts:
    post:
      operationId: addUploadPart
      summary: Add a part
      parameters:
        - name: upload_id
          in: path
          required: true
          schema: {type: string}
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [data]
              properties:
                data:
                  type: string
                  format: binary
                note:
                  type: string
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/FileObject"}
  /events:
    post:
      operationId: streamEvents
      summary: Stream events
      description: Only ever answers with server-sent events.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [topic]
              properties:
                topic: {type: string}
      responses:
        "200":
          description: A stream of events.
          content:
            text/event-stream:
              schema: {$ref: "#/components/schemas/Event"}
  /completions:
    post:
      operationId: createCompletion
      summary: Create a completion
      description: JSON, or server-sent events when `stream` is true.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [prompt]
              properties:
                prompt: {type: string}
                stream:
                  type: [boolean, "null"]
                  default: false
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Completion"}
            text/event-stream:
              schema: {$ref: "#/components/schemas/CompletionChunk"}
  /files/{file_id}/content:
    get:
      operationId: retrieveFileContent
      summary: Download a file's bytes
      parameters:
        - name: file_id
          in: path
          required: true
          schema: {type: string}
      responses:
        "200":
          description: The file's bytes, as stored.
          content:
            application/octet-stream:
              schema: {type: string, format: binary}
  /audio/speech:
    post:
      operationId: createSpeech
      summary: Speak a text
      description: Audio bytes, or server-sent events when `stream` is true.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [input]
              properties:
                input: {type: string}
                stream: {type: boolean}
      responses:
        "200":
          description: OK
          content:
            audio/mpeg:
              schema: {type: string, format: binary}
            text/event-stream:
              schema: {$ref: "#/components/schemas/SpeechEvent"}
  /pets/{pet_id}:
    get:
      operationId: retrievePet
      summary: A pet (discriminated union with an explicit mapping)
      parameters:
        - name: pet_id
          in: path
          required: true
          schema: {type: string}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
  /shapes/{shape_id}:
    get:
      operationId: retrieveShape
      summary: A shape (discriminated union without a mapping)
      parameters:
        - name: shape_id
          in: path
          required: true
          schema: {type: string}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ShapeHolder"}
  /threads:
    get:
      operationId: listThreads
      summary: Threads (a cursor in response_metadata.next_cursor, no config)
      parameters:
        - {name: cursor, in: query, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                required: [threads]
                properties:
                  threads:
                    type: array
                    items: {$ref: "#/components/schemas/Item"}
                  response_metadata:
                    type: object
                    properties:
                      next_cursor: {type: string}
  /orders:
    get:
      operationId: listOrders
      summary: Orders (offset and limit, no config)
      parameters:
        - {name: offset, in: query, schema: {type: integer}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  results:
                    type: array
                    items: {$ref: "#/components/schemas/Item"}
                  total: {type: integer}
  /invoices:
    get:
      operationId: listInvoices
      summary: Invoices (page number, no config)
      parameters:
        - {name: page, in: query, schema: {type: integer}}
        - {name: per_page, in: query, schema: {type: integer}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  invoices:
                    type: array
                    items: {$ref: "#/components/schemas/Item"}
  /members:
    get:
      operationId: listMembers
      summary: Members (a next link in the body, no config)
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  members:
                    type: array
                    items: {$ref: "#/components/schemas/Item"}
                  next:
                    type: [string, "null"]
                    format: uri
  /repos:
    get:
      operationId: listRepos
      summary: Repositories (a Link header, no config)
      parameters:
        - {name: page, in: query, schema: {type: integer}}
        - {name: per_page, in: query, schema: {type: integer}}
      responses:
        "200":
          description: OK
          headers:
            Link:
              schema: {type: string}
          content:
            application/json:
              schema:
                type: array
                items: {$ref: "#/components/schemas/Item"}
  /catalog:
    get:
      operationId: listCatalog
      summary: The whole catalog in one envelope (no page parameter, no config)
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  object:
                    type: string
                    enum: [list]
                  data:
                    type: array
                    items: {$ref: "#/components/schemas/Item"}
components:
  securitySchemes:
    BearerAuth:
      type: http
      scheme: bearer
  schemas:
    Item:
      type: object
      required: [id]
      properties:
        id: {type: string}
    FileObject:
      type: object
      required: [id, object, status]
      properties:
        id: {type: string}
        object:
          type: string
          enum: [file]
        status:
          type: string
          enum: [uploaded, processed, error]
        bytes: {type: integer}
    ListFilesResponse:
      type: object
      required: [data, has_more]
      properties:
        data:
          type: array
          items: {$ref: "#/components/schemas/FileObject"}
        first_id: {type: string}
        last_id: {type: string}
        has_more: {type: boolean}
    Event:
      type: object
      required: [type]
      properties:
        type: {type: string}
        text: {type: string}
    Completion:
      type: object
      required: [id, text]
      properties:
        id: {type: string}
        text: {type: string}
    CompletionChunk:
      type: object
      required: [id, delta]
      properties:
        id: {type: string}
        delta: {type: string}
    SpeechEvent:
      type: object
      required: [type]
      properties:
        type: {type: string}
        audio: {type: string}
    Dog:
      type: object
      required: [pet_type, name]
      properties:
        pet_type: {type: string}
        name: {type: string}
        barks: {type: boolean}
    Cat:
      type: object
      required: [pet_type, name]
      properties:
        pet_type: {type: string}
        name: {type: string}
        lives: {type: integer}
    Pet:
      oneOf:
        - $ref: "#/components/schemas/Dog"
        - $ref: "#/components/schemas/Cat"
      discriminator:
        propertyName: pet_type
        mapping:
          dog: "#/components/schemas/Dog"
          cat: "#/components/schemas/Cat"
    Circle:
      type: object
      required: [kind, radius]
      properties:
        kind:
          type: string
          enum: [circle]
        radius: {type: number}
    Square:
      type: object
      required: [kind, side]
      properties:
        kind:
          type: string
          enum: [square]
        side: {type: number}
    ShapeHolder:
      type: object
      required: [shape]
      properties:
        shape:
          oneOf:
            - $ref: "#/components/schemas/Circle"
            - $ref: "#/components/schemas/Square"
          discriminator:
            propertyName: kind
"""

SCENARIO_CONFIG = """\
name: Scenario
env:
  api_key: SCENARIO_API_KEY
  base_url: SCENARIO_BASE_URL
  log: SCENARIO_LOG
targets:
  python:
    package: scenario_sdk
    client: Scenario
    async_client: AsyncScenario
  typescript:
    package: scenario-sdk
    client: Scenario
  ruby:
    gem: scenario_sdk
    module: Scenario
  go:
    module: example.com/scenario-go
    package: scenario
pagination:
  - name: CursorPage
    type: cursor
    request:
      cursor: after
      limit: limit
    response:
      items: data
      has_more: has_more
      next_cursor: last_id
"""


def write_spec(directory: Path) -> Path:
    """Write the scenario spec and its sdkforge settings into ``directory``; return the spec path."""
    directory.mkdir(parents=True, exist_ok=True)
    spec = directory / "scenario.yaml"
    spec.write_text(SCENARIO_SPEC, encoding="utf-8")
    (directory / "scenario.sdkforge.yaml").write_text(SCENARIO_CONFIG, encoding="utf-8")
    return spec


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    steps: Sequence[Step]
    call: Mapping[str, Any]
    expect: Mapping[str, Any]  # {"result": <subset>} or {"error": {"kind": ..., "status": ...}}
    expect_requests: int
    client: Mapping[str, Any] = field(default_factory=dict)  # max_retries, timeout (seconds)
    # what the request must have carried: {"accept": <Accept header>, "json": <subset of the JSON body>}
    expect_wire: Mapping[str, Any] = field(default_factory=dict)
    min_seconds: float = 0.0  # the call must take at least this long (honoured Retry-After)
    max_seconds: float = 30.0
    # the query of each request, in order (values as sent), when the scenario says
    expect_queries: Sequence[Mapping[str, Sequence[str]]] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "steps": [s.to_json() for s in self.steps],
            "call": dict(self.call),
            "expect": dict(self.expect),
            "expect_requests": self.expect_requests,
            "expect_wire": dict(self.expect_wire),
            "client": dict(self.client),
            "min_seconds": self.min_seconds,
            "max_seconds": self.max_seconds,
            "expect_queries": None if self.expect_queries is None else [dict(q) for q in self.expect_queries],
        }


def _file(file_id: str, status: str = "processed") -> dict[str, Any]:
    return {"id": file_id, "object": "file", "status": status, "bytes": 3}


_ERROR = {"error": {"message": "boom", "type": "server_error"}}

# every byte value once: not UTF-8, so a client that decodes it as text cannot give it back
EVERY_BYTE = bytes(range(256))
EVERY_BYTE_READ = {"read": EVERY_BYTE.hex(), "chunks": EVERY_BYTE.hex(), "file": EVERY_BYTE.hex()}
_CHUNKS = ['data: {"id": "c1", "delta": "He"}\n\n', 'data: {"id": "c1", "delta": "llo"}\n\n', "data: [DONE]\n\n"]

SCENARIOS: list[Scenario] = [
    Scenario(
        name="retry_429_retry_after",
        description="429 with Retry-After: 1 is retried after about a second, then succeeds",
        steps=[
            Step("GET", "/files/file-1", status=429, headers={"Retry-After": "1"}, body=_ERROR),
            Step("GET", "/files/file-1", body=_file("file-1")),
        ],
        call={"op": "files.retrieve", "path": ["file-1"]},
        client={"max_retries": 2},
        expect={"result": {"id": "file-1", "status": "processed"}},
        expect_requests=2,
        min_seconds=0.9,
    ),
    Scenario(
        name="retry_500_then_raise",
        description="a 500 is retried max_retries times, then raised",
        steps=[Step("GET", "/files/file-1", status=500, headers={"retry-after-ms": "10"}, body=_ERROR)] * 3,
        call={"op": "files.retrieve", "path": ["file-1"]},
        client={"max_retries": 2},
        expect={"error": {"kind": "internal_server", "status": 500}},
        expect_requests=3,
    ),
    Scenario(
        name="no_retry_404",
        description="a 404 is raised at once, never retried",
        steps=[Step("GET", "/files/missing", status=404, body={"error": {"message": "no such file"}})],
        call={"op": "files.retrieve", "path": ["missing"]},
        client={"max_retries": 2},
        expect={"error": {"kind": "not_found", "status": 404}},
        expect_requests=1,
    ),
    Scenario(
        name="timeout",
        description="a response slower than the timeout raises a timeout error (after one retry)",
        steps=[Step("GET", "/files/file-1", delay=0.6, body=_file("file-1"))] * 2,
        call={"op": "files.retrieve", "path": ["file-1"]},
        client={"max_retries": 1, "timeout": 0.2},
        expect={"error": {"kind": "timeout", "status": None}},
        expect_requests=2,
    ),
    Scenario(
        name="pagination_three_pages",
        description="auto-pagination follows the cursor across three pages",
        steps=[
            Step("GET", "/files", body={"data": [_file("f1"), _file("f2")], "last_id": "f2", "has_more": True}),
            Step("GET", "/files", body={"data": [_file("f3"), _file("f4")], "last_id": "f4", "has_more": True}),
            Step("GET", "/files", body={"data": [_file("f5")], "last_id": "f5", "has_more": False}),
        ],
        call={"op": "files.list", "args": {"limit": 2}, "mode": "iterate"},
        expect={"result": [{"id": f"f{i}"} for i in range(1, 6)]},
        expect_requests=3,
    ),
    Scenario(
        name="sse_stream",
        description="a server-sent event stream: multi-line data, comments, [DONE]",
        steps=[
            Step(
                "POST",
                "/events",
                sse=[
                    ": keep-alive comment\n\n",
                    'data: {"type": "start"}\n\n',
                    'event: message\ndata: {"type": "text",\ndata: "text": "hi"}\n\n',
                    'data: {"type": "end"}\n\ndata: [DONE]\n\n',
                ],
            )
        ],
        call={"op": "events.create", "args": {"topic": "news"}, "mode": "stream"},
        expect={"result": [{"type": "start"}, {"type": "text", "text": "hi"}, {"type": "end"}]},
        expect_requests=1,
    ),
    Scenario(
        name="retry_after_too_long_backs_off",
        description="Retry-After beyond 60 s is not honoured: exponential backoff instead",
        steps=[
            Step("GET", "/files/file-1", status=429, headers={"Retry-After": "3600"}, body=_ERROR),
            Step("GET", "/files/file-1", body=_file("file-1")),
        ],
        call={"op": "files.retrieve", "path": ["file-1"]},
        client={"max_retries": 1},
        expect={"result": {"id": "file-1"}},
        expect_requests=2,
        min_seconds=0.3,
        max_seconds=5.0,
    ),
    Scenario(
        name="retry_after_zero_backs_off",
        description="Retry-After: 0 is not a wait: exponential backoff instead",
        steps=[
            Step("GET", "/files/file-1", status=429, headers={"Retry-After": "0"}, body=_ERROR),
            Step("GET", "/files/file-1", body=_file("file-1")),
        ],
        call={"op": "files.retrieve", "path": ["file-1"]},
        client={"max_retries": 1},
        expect={"result": {"id": "file-1"}},
        expect_requests=2,
        min_seconds=0.3,
        max_seconds=5.0,
    ),
    Scenario(
        name="should_retry_false_on_503",
        description="x-should-retry: false stops the retry of a 503",
        steps=[Step("GET", "/files/file-1", status=503, headers={"x-should-retry": "false"}, body=_ERROR)],
        call={"op": "files.retrieve", "path": ["file-1"]},
        client={"max_retries": 2},
        expect={"error": {"kind": "internal_server", "status": 503}},
        expect_requests=1,
    ),
    Scenario(
        name="should_retry_true_on_400",
        description="x-should-retry: true retries a 400",
        steps=[
            Step("GET", "/files/file-1", status=400, headers={"x-should-retry": "true", "retry-after-ms": "10"},
                 body=_ERROR),
            Step("GET", "/files/file-1", body=_file("file-1")),
        ],
        call={"op": "files.retrieve", "path": ["file-1"]},
        client={"max_retries": 2},
        expect={"result": {"id": "file-1"}},
        expect_requests=2,
    ),
    Scenario(
        name="stream_error_event",
        description="an `event: error` in a stream raises",
        steps=[
            Step(
                "POST",
                "/events",
                sse=['data: {"type": "start"}\n\n', 'event: error\ndata: {"error": {"message": "bad"}}\n\n'],
            )
        ],
        call={"op": "events.create", "args": {"topic": "news"}, "mode": "stream"},
        expect={"error": {"kind": "stream", "status": None}},
        expect_requests=1,
    ),
    Scenario(
        name="unknown_enum_value",
        description="an enum value the spec does not list (and an unknown field) is kept",
        steps=[Step("GET", "/files/file-1", body={**_file("file-1", "archived"), "brand_new": {"x": 1}})],
        call={"op": "files.retrieve", "path": ["file-1"]},
        expect={"result": {"id": "file-1", "status": "archived", "brand_new": {"x": 1}}},
        expect_requests=1,
    ),
    Scenario(
        name="binary_download_every_byte",
        description="a binary download (256 bytes, every byte value) round-trips byte for byte, read whole, "
                    "in chunks and into a file; Accept names the spec's media type",
        steps=[Step("GET", "/files/file-1/content", body=EVERY_BYTE)],
        call={"op": "files.content", "path": ["file-1"], "mode": "binary"},
        expect={"result": EVERY_BYTE_READ},
        expect_requests=1,
        expect_wire={"accept": "application/octet-stream"},
    ),
    Scenario(
        name="binary_or_stream_flag_off_is_binary",
        description="an operation answering audio bytes or events (a `stream` flag) returns the bytes when "
                    "the flag is off, asking for audio/mpeg only",
        steps=[Step("POST", "/audio/speech", headers={"Content-Type": "audio/mpeg"}, body=EVERY_BYTE)],
        call={"op": "audio.speech.create", "args": {"input": "hi"}, "mode": "binary"},
        expect={"result": EVERY_BYTE_READ},
        expect_requests=1,
        expect_wire={"accept": "audio/mpeg"},
    ),
    Scenario(
        name="binary_or_stream_flag_on_streams",
        description="the same operation with the flag on sends stream: true and returns the events",
        steps=[Step("POST", "/audio/speech", sse=['data: {"type": "speech.audio.delta", "audio": "AAE="}\n\n',
                                                  'data: {"type": "speech.audio.done"}\n\n'])],
        call={"op": "audio.speech.create", "args": {"input": "hi", "stream": True}, "mode": "stream"},
        expect={"result": [{"type": "speech.audio.delta", "audio": "AAE="}, {"type": "speech.audio.done"}]},
        expect_requests=1,
        expect_wire={"accept": "text/event-stream", "json": {"input": "hi", "stream": True}},
    ),
    Scenario(
        name="stream_flag_on_returns_events",
        description="`stream: true` returns the stream of chunks, whatever else the operation can answer",
        steps=[Step("POST", "/completions", sse=_CHUNKS)],
        call={"op": "completions.create", "args": {"prompt": "p", "stream": True}, "mode": "stream"},
        expect={"result": [{"id": "c1", "delta": "He"}, {"id": "c1", "delta": "llo"}]},
        expect_requests=1,
        expect_wire={"accept": "text/event-stream", "json": {"prompt": "p", "stream": True}},
    ),
    Scenario(
        name="stream_flag_off_returns_the_model",
        description="`stream: false` returns the JSON model, asking for JSON only",
        steps=[Step("POST", "/completions", body={"id": "c1", "text": "Hello"})],
        call={"op": "completions.create", "args": {"prompt": "p", "stream": False}},
        expect={"result": {"id": "c1", "text": "Hello"}},
        expect_requests=1,
        expect_wire={"accept": "application/json", "json": {"prompt": "p", "stream": False}},
    ),
    Scenario(
        name="stream_flag_on_json_answer_raises",
        description="a JSON answer to `stream: true` is an error, not a model iterated as a stream",
        steps=[Step("POST", "/completions", body={"id": "c1", "text": "Hello"})],
        call={"op": "completions.create", "args": {"prompt": "p", "stream": True}, "mode": "stream"},
        expect={"error": {"kind": "stream", "status": None}},
        expect_requests=1,
        expect_wire={"json": {"stream": True}},
    ),
]


def _items(prefix: str, *numbers: int) -> list[dict[str, Any]]:
    return [{"id": f"{prefix}{n}"} for n in numbers]


def _expect_items(prefix: str, count: int) -> dict[str, Any]:
    return {"result": [{"id": f"{prefix}{n}"} for n in range(1, count + 1)]}


# iterating every item of every page, one scenario per detected page style: the items, and the exact
# query of every request (the cursor, offset, page number or link sent, and where it stopped)
PAGE_SCENARIOS: list[Scenario] = [
    Scenario(
        name="pages_cursor_nested",
        description="a cursor in response_metadata.next_cursor; an empty one ends the list",
        steps=[
            Step("GET", "/threads", body={"threads": _items("t", 1, 2), "response_metadata": {"next_cursor": "c2"}}),
            Step("GET", "/threads", body={"threads": _items("t", 3, 4), "response_metadata": {"next_cursor": "c3"}}),
            Step("GET", "/threads", body={"threads": _items("t", 5), "response_metadata": {"next_cursor": ""}}),
        ],
        call={"op": "threads.list", "args": {"limit": 2}, "mode": "iterate"},
        expect=_expect_items("t", 5),
        expect_requests=3,
        expect_queries=[{"limit": ["2"]}, {"limit": ["2"], "cursor": ["c2"]}, {"limit": ["2"], "cursor": ["c3"]}],
    ),
    Scenario(
        name="pages_offset",
        description="the offset grows by the items received; an empty page ends the list",
        steps=[
            Step("GET", "/orders", body={"results": _items("o", 1, 2), "total": 5}),
            Step("GET", "/orders", body={"results": _items("o", 3, 4), "total": 5}),
            Step("GET", "/orders", body={"results": _items("o", 5), "total": 5}),
            Step("GET", "/orders", body={"results": [], "total": 5}),
        ],
        call={"op": "orders.list", "args": {"limit": 2}, "mode": "iterate"},
        expect=_expect_items("o", 5),
        expect_requests=4,
        expect_queries=[{"limit": ["2"]}, {"limit": ["2"], "offset": ["2"]}, {"limit": ["2"], "offset": ["4"]},
                        {"limit": ["2"], "offset": ["5"]}],
    ),
    Scenario(
        name="pages_page_number",
        description="the page number counts up from 1; an empty page ends the list",
        steps=[
            Step("GET", "/invoices", body={"invoices": _items("i", 1, 2)}),
            Step("GET", "/invoices", body={"invoices": _items("i", 3)}),
            Step("GET", "/invoices", body={"invoices": []}),
        ],
        call={"op": "invoices.list", "args": {"per_page": 2}, "mode": "iterate"},
        expect=_expect_items("i", 3),
        expect_requests=3,
        expect_queries=[{"per_page": ["2"]}, {"per_page": ["2"], "page": ["2"]}, {"per_page": ["2"], "page": ["3"]}],
    ),
    Scenario(
        name="pages_next_link",
        description="a next link's query goes to the same server (not the link's host); null ends the list",
        steps=[
            Step("GET", "/members", body={"members": _items("m", 1, 2),
                                          "next": "https://elsewhere.invalid/v9/members?limit=2&after=m%202"}),
            Step("GET", "/members", body={"members": _items("m", 3), "next": None}),
        ],
        call={"op": "members.list", "args": {"limit": 2}, "mode": "iterate"},
        expect=_expect_items("m", 3),
        expect_requests=2,
        expect_queries=[{"limit": ["2"]}, {"limit": ["2"], "after": ["m 2"]}],
    ),
    Scenario(
        name="pages_link_header",
        description="a Link header's rel=next is followed (bare array body); none ends the list",
        steps=[
            Step("GET", "/repos", body=_items("r", 1, 2), headers={
                "Link": '<https://api.invalid/repos?per_page=2&page=2>; rel="next", '
                        '<https://api.invalid/repos?per_page=2&page=3>; rel="last"'}),
            Step("GET", "/repos", body=_items("r", 3, 4), headers={
                "Link": '<https://api.invalid/repos?per_page=2&page=1>; rel="prev first", '
                        '<https://api.invalid/repos?per_page=2&page=3>; rel=next'}),
            Step("GET", "/repos", body=_items("r", 5), headers={
                "Link": '<https://api.invalid/repos?per_page=2&page=2>; rel="prev"'}),
        ],
        call={"op": "repos.list", "args": {"per_page": 2}, "mode": "iterate"},
        expect=_expect_items("r", 5),
        expect_requests=3,
        expect_queries=[{"per_page": ["2"]}, {"per_page": ["2"], "page": ["2"]}, {"per_page": ["2"], "page": ["3"]}],
    ),
    Scenario(
        name="pages_single",
        description="a list envelope without page parameters iterates its items and asks for no next page",
        steps=[Step("GET", "/catalog", body={"object": "list", "data": _items("c", 1, 2, 3)})],
        call={"op": "catalog.list", "args": {}, "mode": "iterate"},
        expect=_expect_items("c", 3),
        expect_requests=1,
        expect_queries=[{}],
    ),
]
SCENARIOS += PAGE_SCENARIOS


def check_requests(scenario: Scenario, requests: Sequence[Any]) -> list[str]:
    """Problems with the requests an SDK sent for ``scenario`` (their number and, when the scenario
    says, each one's query)."""
    problems = []
    if len(requests) != scenario.expect_requests:
        problems.append(f"{len(requests)} requests, expected {scenario.expect_requests}")
    if scenario.expect_queries is not None:
        sent = [{k: list(v) for k, v in r.query.items()} for r in requests]
        wanted = [{k: list(v) for k, v in q.items()} for q in scenario.expect_queries]
        if sent != wanted:
            problems.append(f"queries sent {sent}, expected {wanted}")
    return problems


def check_wire(scenario: Scenario, requests: Sequence[Any]) -> list[str]:
    """Problems with what the SDK sent for ``scenario`` (``expect_wire``), for every request."""
    problems: list[str] = []
    for request in requests:
        accept = scenario.expect_wire.get("accept")
        if accept is not None and request.headers.get("accept") != accept:
            problems.append(f"Accept: expected {accept!r}, got {request.headers.get('accept')!r}")
        body = scenario.expect_wire.get("json")
        if body is not None and not is_subset(body, request.json()):
            problems.append(f"body {request.body!r} does not contain {body!r}")
    return problems


def by_name(name: str) -> Scenario:
    for scenario in SCENARIOS:
        if scenario.name == name:
            return scenario
    raise KeyError(name)


def is_subset(expected: Any, actual: Any) -> bool:
    """``expected`` is contained in ``actual``: dict keys recursively, lists item by item."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and is_subset(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(is_subset(e, a) for e, a in zip(expected, actual))
        )
    return bool(expected == actual)


def check_outcome(scenario: Scenario, outcome: Mapping[str, Any]) -> list[str]:
    """Problems with an SDK's outcome for ``scenario`` (empty when it behaved)."""
    problems: list[str] = []
    if "error" in scenario.expect:
        error = outcome.get("error")
        if not isinstance(error, Mapping):
            return [f"expected an error {scenario.expect['error']}, got {outcome}"]
        for key, value in scenario.expect["error"].items():
            if error.get(key) != value:
                problems.append(f"error {key}: expected {value!r}, got {error.get(key)!r}")
    else:
        if "result" not in outcome:
            return [f"expected a result, got {outcome}"]
        if not is_subset(scenario.expect["result"], outcome["result"]):
            problems.append(f"result {outcome['result']!r} does not contain {scenario.expect['result']!r}")
    return problems


if __name__ == "__main__":
    print(json.dumps([s.to_json() for s in SCENARIOS], indent=2))
