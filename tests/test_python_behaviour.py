"""Behaviour of the generated Python SDKs against a scripted HTTP server on loopback.

Two SDKs are generated once per session and imported in-process: the sample spec's
(``openai``) and the shared scenario spec's (``scenario_sdk``, see ``support/scenarios.py``).
Nothing of the SDK is mocked: requests go over real sockets to ``ScriptedServer``, which
records what arrived.
"""

from __future__ import annotations

import asyncio
import email.utils
import importlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import pytest

from support.prism import REPO_ROOT
from support.scenarios import SCENARIOS, Scenario, check_outcome, check_requests, check_wire, write_spec
from support.scripted_server import ScriptedServer, Step

SDKFORGE = Path(sys.executable).parent / "sdkforge"
KEY = "sk-test"


def _generate(spec: Path, out: Path) -> Path:
    result = subprocess.run([str(SDKFORGE), "generate", str(spec), "--target", "python", "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out / "python" / "src"


@pytest.fixture(scope="session")
def sdk_src(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("py-behaviour")
    return {
        "openai": _generate(REPO_ROOT / "spec" / "openai-uploads.yaml", root / "sample"),
        "scenario_sdk": _generate(write_spec(root / "spec"), root / "scenario"),
    }


def _import(src: Path, name: str) -> ModuleType:
    if str(src) not in sys.path:
        sys.path.insert(0, str(src))
    module = importlib.import_module(name)
    assert Path(module.__file__ or "").is_relative_to(src), f"{name} imported from {module.__file__}"
    return module


@pytest.fixture(scope="session")
def oa(sdk_src: dict[str, Path]) -> ModuleType:
    return _import(sdk_src["openai"], "openai")


@pytest.fixture(scope="session")
def sc(sdk_src: dict[str, Path]) -> ModuleType:
    return _import(sdk_src["scenario_sdk"], "scenario_sdk")


@pytest.fixture(scope="session")
def _server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as server:
        yield server


@pytest.fixture
def server(_server: ScriptedServer) -> Iterator[ScriptedServer]:
    _server.script([])
    yield _server
    assert not _server.mismatches, _server.mismatches


def gaps(server: ScriptedServer) -> list[float]:
    times = [r.at for r in server.requests]
    return [b - a for a, b in zip(times, times[1:])]


def _file(file_id: str, status: str = "processed") -> dict[str, Any]:
    return {"id": file_id, "object": "file", "bytes": 3, "created_at": 1, "filename": "a.txt",
            "purpose": "assistants", "status": status}


UPLOAD = {"id": "upload_1", "object": "upload", "bytes": 3, "created_at": 1, "expires_at": 2, "filename": "a.txt",
          "purpose": "assistants", "status": "completed"}


# ---------------------------------------------------------------- the shared scenarios (Python driver)
ERROR_KINDS = {
    "BadRequestError": "bad_request", "AuthenticationError": "authentication",
    "PermissionDeniedError": "permission_denied", "NotFoundError": "not_found", "ConflictError": "conflict",
    "UnprocessableEntityError": "unprocessable_entity", "RateLimitError": "rate_limit",
    "InternalServerError": "internal_server", "APIStatusError": "status", "APITimeoutError": "timeout",
    "APIConnectionError": "connection", "APIError": "stream",
}


def _summary(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return [_summary(v) for v in value]


def _outcome_of(sdk: ModuleType, error: BaseException) -> dict[str, Any]:
    kind = ERROR_KINDS.get(type(error).__name__)
    if kind is None or not isinstance(error, sdk.APIError):
        raise error
    return {"error": {"kind": kind, "status": getattr(error, "status_code", None)}}


# the class each call mode must return (a stream-flag call: the flag, not the answer, decides)
MODE_CLASS = {"stream": ("Stream", "AsyncStream"), "binary": ("BinaryResponse", "AsyncBinaryResponse")}


def _check_class(sdk: ModuleType, scenario: Scenario, result: Any, flavour: int) -> None:
    mode = scenario.call.get("mode")
    if mode in MODE_CLASS:
        assert isinstance(result, getattr(sdk, MODE_CLASS[mode][flavour])), type(result)
    elif mode is None:
        assert isinstance(result, sdk.BaseModel), type(result)


def _read_binary(result: Any) -> dict[str, str]:
    """The bytes of a BinaryResponse read whole, in 7-byte chunks and through a file."""
    chunks = list(result.iter_bytes(7))
    assert all(len(c) <= 7 for c in chunks) and len(chunks) > 1
    with tempfile.TemporaryDirectory() as tmp:
        result.write_to_file(Path(tmp) / "out.bin")
        written = (Path(tmp) / "out.bin").read_bytes()
    assert result.content == result.read()
    return {"read": result.read().hex(), "chunks": b"".join(chunks).hex(), "file": written.hex()}


async def _aread_binary(result: Any) -> dict[str, str]:
    chunks = [c async for c in result.iter_bytes(7)]
    assert all(len(c) <= 7 for c in chunks) and len(chunks) > 1
    with tempfile.TemporaryDirectory() as tmp:
        await result.write_to_file(Path(tmp) / "out.bin")
        written = (Path(tmp) / "out.bin").read_bytes()
    return {"read": (await result.read()).hex(), "chunks": b"".join(chunks).hex(), "file": written.hex()}


def drive(sdk: ModuleType, scenario: Scenario, url: str) -> dict[str, Any]:
    client = sdk.Scenario(api_key=KEY, base_url=url, **scenario.client)
    *path, name = scenario.call["op"].split(".")
    target: Any = client
    for part in path:
        target = getattr(target, part)
    try:
        result = getattr(target, name)(*scenario.call.get("path", []), **scenario.call.get("args", {}))
        _check_class(sdk, scenario, result, 0)
        mode = scenario.call.get("mode")
        if mode == "binary":
            return {"result": _read_binary(result)}
        return {"result": _summary(list(result) if mode in ("iterate", "stream") else result)}
    except sdk.APIError as error:
        return _outcome_of(sdk, error)


async def adrive(sdk: ModuleType, scenario: Scenario, url: str) -> dict[str, Any]:
    async with sdk.AsyncScenario(api_key=KEY, base_url=url, **scenario.client) as client:
        *path, name = scenario.call["op"].split(".")
        target: Any = client
        for part in path:
            target = getattr(target, part)
        try:
            call = getattr(target, name)(*scenario.call.get("path", []), **scenario.call.get("args", {}))
            mode = scenario.call.get("mode")
            if mode == "iterate":
                return {"result": _summary([item async for item in call])}
            result = await call
            _check_class(sdk, scenario, result, 1)
            if mode == "binary":
                return {"result": await _aread_binary(result)}
            if mode == "stream":
                return {"result": _summary([event async for event in result])}
            return {"result": _summary(result)}
        except sdk.APIError as error:
            return _outcome_of(sdk, error)


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_shared_scenario(sc: ModuleType, server: ScriptedServer, scenario: Scenario, flavour: str) -> None:
    server.script(scenario.steps)
    started = time.monotonic()
    outcome = drive(sc, scenario, server.url) if flavour == "sync" else asyncio.run(adrive(sc, scenario, server.url))
    elapsed = time.monotonic() - started
    assert check_outcome(scenario, outcome) == [], outcome
    assert check_requests(scenario, server.requests) == []
    assert check_wire(scenario, server.requests) == []
    assert scenario.min_seconds <= elapsed <= scenario.max_seconds
    assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in server.requests)


# ---------------------------------------------------------------- retries and backoff
def test_backoff_without_retry_after_is_exponential(oa: ModuleType, server: ScriptedServer) -> None:
    server.script([Step("GET", "/files/f1", status=503, body={"error": {"message": "busy"}})] * 2
                  + [Step("GET", "/files/f1", body=_file("f1"))])
    file = oa.OpenAI(api_key=KEY, base_url=server.url, max_retries=2).files.retrieve("f1")
    assert file.id == "f1"
    first, second = gaps(server)
    assert 0.35 <= first <= 0.7  # 0.5 s minus up to 25 % jitter
    assert 0.7 <= second <= 1.25  # doubled
    assert [r.headers["x-sdk-retry-count"] for r in server.requests] == ["0", "1", "2"]


@pytest.mark.parametrize(
    ("headers", "low", "high"),
    [
        ({"retry-after-ms": "300"}, 0.28, 0.6),
        ({"Retry-After": "1"}, 0.95, 1.5),
        ({"Retry-After": "http-date"}, 0.9, 2.6),
        ({"Retry-After": "3600"}, 0.3, 0.7),  # beyond the cap: ignored, normal backoff
    ],
    ids=["retry-after-ms", "seconds", "http-date", "capped"],
)
def test_retry_after(oa: ModuleType, server: ScriptedServer, headers: dict[str, str], low: float, high: float) -> None:
    if headers.get("Retry-After") == "http-date":
        headers = {"Retry-After": email.utils.formatdate(time.time() + 2, usegmt=True)}
    server.script([Step("GET", "/files/f1", status=429, headers=headers, body={"error": {"message": "slow"}}),
                   Step("GET", "/files/f1", body=_file("f1"))])
    oa.OpenAI(api_key=KEY, base_url=server.url).files.retrieve("f1")
    (gap,) = gaps(server)
    assert low <= gap <= high


def test_should_retry_header_overrides_status(oa: ModuleType, server: ScriptedServer) -> None:
    client = oa.OpenAI(api_key=KEY, base_url=server.url, max_retries=2)
    server.script([Step("GET", "/files/f1", status=500, headers={"x-should-retry": "false"}, body={})])
    with pytest.raises(oa.InternalServerError):
        client.files.retrieve("f1")
    assert len(server.requests) == 1
    server.script([Step("GET", "/files/f1", status=400, headers={"x-should-retry": "true", "retry-after-ms": "1"},
                        body={}), Step("GET", "/files/f1", body=_file("f1"))])
    assert client.files.retrieve("f1").id == "f1"
    assert len(server.requests) == 2


def test_max_retries_per_client_and_per_call(oa: ModuleType, server: ScriptedServer) -> None:
    failing = Step("GET", "/files/f1", status=500, headers={"retry-after-ms": "1"}, body={})
    client = oa.OpenAI(api_key=KEY, base_url=server.url, max_retries=3)
    server.script([failing] * 4)
    with pytest.raises(oa.InternalServerError):
        client.files.retrieve("f1")
    assert len(server.requests) == 4
    server.script([failing])
    with pytest.raises(oa.InternalServerError):
        client.with_options(max_retries=0).files.retrieve("f1")
    assert len(server.requests) == 1
    assert client.max_retries == 3


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("status", "name"),
    [(400, "BadRequestError"), (401, "AuthenticationError"), (403, "PermissionDeniedError"),
     (404, "NotFoundError"), (409, "ConflictError"), (422, "UnprocessableEntityError"), (429, "RateLimitError"),
     (500, "InternalServerError"), (503, "InternalServerError")],
)
def test_error_classes(oa: ModuleType, server: ScriptedServer, status: int, name: str) -> None:
    body = {"error": {"message": f"failed with {status}", "type": "x"}}
    server.script([Step("GET", "/files/f1", status=status, headers={"x-request-id": "req_123"}, body=body)])
    with pytest.raises(getattr(oa, name)) as info:
        oa.OpenAI(api_key=KEY, base_url=server.url, max_retries=0).files.retrieve("f1")
    error = info.value
    assert isinstance(error, oa.APIStatusError) and isinstance(error, oa.OpenAIError)
    assert error.status_code == status
    assert error.body == body
    assert error.request_id == "req_123"
    assert error.response.status_code == status and error.response.headers["x-request-id"] == "req_123"
    assert f"failed with {status}" in str(error)


def test_timeout_is_retried_then_raised(oa: ModuleType, server: ScriptedServer) -> None:
    server.script([Step("GET", "/files/f1", delay=0.5, body=_file("f1"))] * 2)
    client = oa.OpenAI(api_key=KEY, base_url=server.url, max_retries=1)
    with pytest.raises(oa.APITimeoutError):
        client.files.retrieve("f1", timeout=0.15)
    assert len(server.requests) == 2
    assert [r.headers["x-sdk-retry-count"] for r in server.requests] == ["0", "1"]


# ---------------------------------------------------------------- requests
def test_none_sends_null_and_not_given_sends_nothing(oa: ModuleType, server: ScriptedServer) -> None:
    client = oa.OpenAI(api_key=KEY, base_url=server.url)
    server.script([Step("POST", "/uploads/upload_1/complete", body=UPLOAD)] * 2)
    client.uploads.complete("upload_1", part_ids=["p1", "p2"], md5=None)
    client.uploads.complete("upload_1", part_ids=["p1"])
    assert server.requests[0].json() == {"part_ids": ["p1", "p2"], "md5": None}
    assert server.requests[1].json() == {"part_ids": ["p1"]}
    assert server.requests[0].headers["content-type"] == "application/json"


def test_path_params_are_checked_and_percent_encoded(oa: ModuleType, server: ScriptedServer) -> None:
    client = oa.OpenAI(api_key=KEY, base_url=server.url)
    with pytest.raises(ValueError, match="upload_id"):
        client.uploads.complete("", part_ids=[])
    assert server.requests == []
    server.script([Step("GET", "/files/a%2Fb%20c%3F%23%C3%A9", body=_file("x"))])
    client.files.retrieve("a/b c?#é")
    assert server.requests[0].path == "/files/a%2Fb%20c%3F%23%C3%A9"


def test_extra_headers_query_body_and_timeout_per_call(oa: ModuleType, server: ScriptedServer) -> None:
    client = oa.OpenAI(api_key=KEY, base_url=server.url, default_headers={"X-Default": "d"})
    server.script([Step("POST", "/uploads/upload_1/complete", body=UPLOAD),
                   Step("GET", "/files/f1", delay=0.4, body=_file("f1"))])
    client.uploads.complete("upload_1", part_ids=["p"], extra_headers={"X-Extra": "1"},
                            extra_query={"debug": "yes"}, extra_body={"note": "n"})
    request = server.requests[0]
    assert request.headers["x-extra"] == "1" and request.headers["x-default"] == "d"
    assert request.query == {"debug": ["yes"]}
    assert request.json() == {"part_ids": ["p"], "note": "n"}
    assert "x-sdkforge-raw-response" not in request.headers
    with pytest.raises(oa.APITimeoutError):
        client.with_options(max_retries=0).files.retrieve("f1", timeout=0.1)


def test_query_params_and_pagination(oa: ModuleType, server: ScriptedServer) -> None:
    pages = [
        Step("GET", "/files", body={"object": "list", "data": [_file("f1"), _file("f2")], "first_id": "f1",
                                    "last_id": "f2", "has_more": True}),
        Step("GET", "/files", body={"object": "list", "data": [_file("f3"), _file("f4")], "first_id": "f3",
                                    "last_id": "f4", "has_more": True}),
        Step("GET", "/files", body={"object": "list", "data": [_file("f5")], "first_id": "f5", "last_id": "f5",
                                    "has_more": False}),
    ]
    client = oa.OpenAI(api_key=KEY, base_url=server.url)
    server.script(pages)
    assert [f.id for f in client.files.list(limit=2, order="asc")] == ["f1", "f2", "f3", "f4", "f5"]
    assert [r.query for r in server.requests] == [
        {"limit": ["2"], "order": ["asc"]},
        {"limit": ["2"], "order": ["asc"], "after": ["f2"]},
        {"limit": ["2"], "order": ["asc"], "after": ["f4"]},
    ]
    server.script(pages)
    first = client.files.list(limit=2)
    assert first.has_next_page() and [f.id for f in first.items] == ["f1", "f2"]
    second = first.get_next_page()
    assert [f.id for f in second.items] == ["f3", "f4"] and second.has_next_page()
    server.script(pages)
    sizes = [len(page.items) for page in client.files.list(limit=2).iter_pages()]
    assert sizes == [2, 2, 1]
    assert isinstance(first.items[0], oa.types.FileObject)

    async def run_async() -> tuple[list[str], list[int]]:
        async with oa.AsyncOpenAI(api_key=KEY, base_url=server.url) as aclient:
            server.script(pages)
            ids = [f.id async for f in aclient.files.list(limit=2)]
            server.script(pages)
            page = await aclient.files.list(limit=2)
            assert page.has_next_page()
            sizes = [len(p.items) async for p in page.iter_pages()]
            return ids, sizes

    assert asyncio.run(run_async()) == (["f1", "f2", "f3", "f4", "f5"], [2, 2, 1])


def test_multipart_uploads(oa: ModuleType, server: ScriptedServer, tmp_path: Path) -> None:
    part = {"id": "part_1", "object": "upload.part", "created_at": 1, "upload_id": "upload_1"}
    path = tmp_path / "chunk.bin"
    path.write_bytes(b"from a path")
    values: list[Any] = [b"raw bytes", io.BytesIO(b"file object"), path, ("named.txt", b"tuple", "text/plain")]
    server.script([Step("POST", "/uploads/upload_1/parts", body=part)] * len(values))
    client = oa.OpenAI(api_key=KEY, base_url=server.url)
    for value in values:
        assert client.uploads.parts.create("upload_1", data=value).id == "part_1"
    parts = [r.multipart() for r in server.requests]
    assert [p[0][3] for p in parts] == [b"raw bytes", b"file object", b"from a path", b"tuple"]
    assert all(p[0][0] == "data" and len(p) == 1 for p in parts)
    assert parts[2][0][1] == "chunk.bin"
    assert parts[3][0][1:3] == ("named.txt", "text/plain")


def test_api_key_and_base_url_from_the_environment(oa: ModuleType, server: ScriptedServer, sdk_src: dict[str, Path],
                                                   tmp_path: Path) -> None:
    script = 'import openai\nprint("file", openai.OpenAI().files.retrieve("f1").id)'
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(PYTHONPATH=str(sdk_src["openai"]), OPENAI_API_KEY="sk-env", OPENAI_BASE_URL=server.url,
               OPENAI_LOG="debug")
    server.script([Step("GET", "/files/f1", body=_file("f1"))])
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "file f1" in result.stdout
    assert server.requests[0].headers["authorization"] == "Bearer sk-env"
    assert "GET" in result.stderr and "/files/f1" in result.stderr  # OPENAI_LOG=debug logs requests
    assert "sk-env" not in result.stderr and "<redacted>" in result.stderr
    # docs/WIRE.md: a client is made without any credential; a request that needs one raises before
    # anything is sent, naming the option and the environment variable
    env.pop("OPENAI_API_KEY")
    server.script([])
    made = subprocess.run([sys.executable, "-c", "import openai; openai.OpenAI()"], capture_output=True,
                          text=True, env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    missing = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert missing.returncode != 0
    assert "OpenAIError" in missing.stderr and "OPENAI_API_KEY" in missing.stderr and "`api_key`" in missing.stderr
    assert server.requests == []


# ---------------------------------------------------------------- responses
def test_unknown_fields_and_enum_values_are_kept(oa: ModuleType, server: ScriptedServer) -> None:
    server.script([Step("GET", "/files/f1", body={**_file("f1", "archived"), "shiny": [1, 2]})])
    file = oa.OpenAI(api_key=KEY, base_url=server.url).files.retrieve("f1")
    assert file.status == "archived"
    assert file.model_extra == {"shiny": [1, 2]}
    assert file.to_dict()["shiny"] == [1, 2]
    assert json.loads(file.to_json())["status"] == "archived"


def test_to_dict_uses_wire_names_and_leaves_unset_out(oa: ModuleType, server: ScriptedServer) -> None:
    server.script([Step("POST", "/uploads/upload_1/complete", body={**UPLOAD, "file": _file("f1")})])
    upload = oa.OpenAI(api_key=KEY, base_url=server.url).uploads.complete("upload_1", part_ids=["p"])
    assert isinstance(upload.file, oa.types.FileObject)
    assert upload.to_dict() == {**UPLOAD, "file": _file("f1")}
    assert json.loads(upload.to_json(indent=None)) == upload.to_dict()


def test_raw_and_streaming_responses(oa: ModuleType, server: ScriptedServer) -> None:
    client = oa.OpenAI(api_key=KEY, base_url=server.url)
    server.script([Step("GET", "/files/f1", headers={"x-request-id": "req_9", "x-custom": "c"}, body=_file("f1"))])
    raw = client.files.with_raw_response.retrieve("f1")
    assert raw.status_code == 200 and raw.headers["x-custom"] == "c" and raw.request_id == "req_9"
    assert raw.parse().id == "f1" and json.loads(raw.text())["id"] == "f1"
    # the exchange: the request as sent, and whether the body is done
    assert raw.method == "GET" and raw.http_request.url.path == "/files/f1"
    assert raw.http_request.headers["authorization"] == f"Bearer {KEY}"
    assert raw.is_closed and raw.elapsed.total_seconds() >= 0
    body = json.dumps(_file("f2"))
    chunks = [body[:10], body[10:]]
    server.script([Step("GET", "/files/f2", headers={"content-type": "application/json"}, sse=chunks,
                        chunk_delay=0.6)])
    started = time.monotonic()
    with client.files.with_streaming_response.retrieve("f2") as response:
        entered = time.monotonic() - started
        assert response.status_code == 200 and not response.is_closed
        assert response.parse().id == "f2"
    assert response.is_closed
    assert entered < 0.5, "the body was read eagerly"
    assert time.monotonic() - started >= 0.55


def test_discriminated_unions(sc: ModuleType, server: ScriptedServer) -> None:
    client = sc.Scenario(api_key=KEY, base_url=server.url)
    server.script([Step("GET", "/pets/p1", body={"pet_type": "cat", "name": "Tom", "lives": 9}),
                   Step("GET", "/pets/p2", body={"pet_type": "dog", "name": "Rex"}),
                   Step("GET", "/shapes/s1", body={"shape": {"kind": "square", "side": 2}}),
                   Step("GET", "/shapes/s2", body={"shape": {"kind": "circle", "radius": 1}})])
    cat, dog = client.pets.retrieve("p1"), client.pets.retrieve("p2")
    assert type(cat).__name__ == "Cat" and cat.lives == 9
    assert type(dog).__name__ == "Dog" and dog.name == "Rex"
    square, circle = client.shapes.retrieve("s1").shape, client.shapes.retrieve("s2").shape
    assert isinstance(square, sc.types.Square) and square.side == 2
    assert isinstance(circle, sc.types.Circle) and circle.radius == 1


def test_streams(sc: ModuleType, server: ScriptedServer) -> None:
    client = sc.Scenario(api_key=KEY, base_url=server.url)
    server.script([Step("POST", "/completions", body={"id": "c1", "text": "whole"}),
                   Step("POST", "/completions", sse=['data: {"id": "c1", "delta": "a"}\n\n',
                                                     'data: {"id": "c1", "delta": "b"}\n\n', "data: [DONE]\n\n"])])
    whole = client.completions.create(prompt="p")
    assert isinstance(whole, sc.types.Completion) and whole.text == "whole"
    stream = client.completions.create(prompt="p", stream=True)
    assert isinstance(stream, sc.Stream)
    assert [chunk.delta for chunk in stream] == ["a", "b"]
    assert server.requests[1].json() == {"prompt": "p", "stream": True}
    server.script([Step("POST", "/events", sse=['data: {"type": "a"}\n\n',
                                                'event: error\ndata: {"error": {"message": "overloaded"}}\n\n',
                                                'data: {"type": "never"}\n\n'])])
    received: list[str] = []
    with pytest.raises(sc.APIError, match="overloaded"):
        for event in client.events.create(topic="t"):
            received.append(event.type)
    assert received == ["a"]

    async def run_async() -> list[str]:
        async with sc.AsyncScenario(api_key=KEY, base_url=server.url) as aclient:
            server.script([Step("POST", "/completions",
                                sse=['data: {"id": "c", "delta": "x"}\n\n', ": ping\n\n",
                                     'data: {"id": "c",\ndata: "delta": "y"}\n\n', "data: [DONE]\n\n"])])
            stream = await aclient.completions.create(prompt="p", stream=True)
            return [chunk.delta async for chunk in stream]

    assert asyncio.run(run_async()) == ["x", "y"]


def test_async_client_errors_retries_and_raw(oa: ModuleType, server: ScriptedServer) -> None:
    async def run() -> None:
        async with oa.AsyncOpenAI(api_key=KEY, base_url=server.url, max_retries=1) as client:
            server.script([Step("GET", "/files/f1", status=429, headers={"retry-after-ms": "5"}, body={}),
                           Step("GET", "/files/f1", headers={"x-request-id": "r"}, body=_file("f1"))])
            raw = await client.files.with_raw_response.retrieve("f1")
            assert raw.request_id == "r" and (await raw.parse()).id == "f1"
            assert raw.retries_taken == 1 and raw.http_request.url.path == "/files/f1" and raw.is_closed
            server.script([Step("GET", "/files/f1", status=404, body={"error": {"message": "gone"}})])
            with pytest.raises(oa.NotFoundError):
                await client.files.retrieve("f1")
            server.script([Step("POST", "/uploads/upload_1/complete", body=UPLOAD)])
            upload = await client.uploads.complete("upload_1", part_ids=["p"], md5=None)
            assert upload.status == "completed" and server.requests[0].json()["md5"] is None

    asyncio.run(run())


TYPES_PROBE = """\
from typing_extensions import assert_type

from scenario_sdk import AsyncBinaryResponse, AsyncScenario, AsyncStream, BinaryResponse, Scenario, Stream
from scenario_sdk.types import Completion, CompletionChunk, SpeechEvent


def sync(client: Scenario, flag: bool) -> None:
    assert_type(client.completions.create(prompt="p"), Completion)
    assert_type(client.completions.create(prompt="p", stream=False), Completion)
    assert_type(client.completions.create(prompt="p", stream=True), Stream[CompletionChunk])
    assert_type(client.completions.create(prompt="p", stream=flag), Completion | Stream[CompletionChunk])
    assert_type(client.audio.speech.create(input="hi"), BinaryResponse)
    assert_type(client.audio.speech.create(input="hi", stream=True), Stream[SpeechEvent])
    assert_type(client.files.content("f").content, bytes)


async def asynchronous(client: AsyncScenario) -> None:
    assert_type(await client.completions.create(prompt="p"), Completion)
    assert_type(await client.completions.create(prompt="p", stream=True), AsyncStream[CompletionChunk])
    speech = await client.audio.speech.create(input="hi")
    assert_type(speech, AsyncBinaryResponse)
    assert_type(await speech.read(), bytes)
    assert_type(await client.files.content("f"), AsyncBinaryResponse)
"""


def test_stream_flag_and_binary_types_follow_the_call(sdk_src: dict[str, Path], tmp_path: Path) -> None:
    """mypy --strict sees the type the call decides: the `stream` flag's overloads, the binary class."""
    probe = tmp_path / "probe.py"
    probe.write_text(TYPES_PROBE, encoding="utf-8")
    env = {**os.environ, "MYPYPATH": str(sdk_src["scenario_sdk"])}
    done = subprocess.run([str(Path(sys.executable).parent / "mypy"), "--strict", "--cache-dir", str(tmp_path / "c"),
                           str(probe)], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    # and a wrong expectation is caught (the probe is really checked)
    probe.write_text(TYPES_PROBE.replace("stream=True), Stream[CompletionChunk]", "stream=True), Completion"))
    done = subprocess.run([str(Path(sys.executable).parent / "mypy"), "--strict", "--cache-dir", str(tmp_path / "c"),
                           str(probe)], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 1 and "[assert-type]" in done.stdout, done.stdout
