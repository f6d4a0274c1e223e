"""The shared SDK behaviour scenarios (tests/support/scenarios.py), driven
through the generated TypeScript SDK against the scripted loopback server.

The SDK is generated from the scenario spec and compiled once with the pinned
tsc; one long-lived Node process (an ESM driver written into the tmp dir) reads
one call per line on stdin and answers one JSON outcome per line, so the suite
pays Node's start-up once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api
from support.prism import REPO_ROOT
from support.scenarios import SCENARIOS, Scenario, check_outcome, check_requests, check_wire, write_spec
from support.scripted_server import ScriptedServer, Step

TSC = REPO_ROOT / "node_modules" / ".bin" / "tsc"
KEY = "sk-test"

# Error classes, most specific first (APIConnectionTimeoutError extends
# APIConnectionError; every status class extends APIStatusError extends APIError;
# a plain APIError is what an `event: error` in a stream throws).
DRIVER = r"""
import { createInterface } from "node:readline";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Scenario, {
  APIConnectionError, APIConnectionTimeoutError, APIError, APIStatusError, AuthenticationError,
  BadRequestError, ConflictError, InternalServerError, NotFoundError, PermissionDeniedError,
  RateLimitError, Stream, UnprocessableEntityError, toFile,
} from "./dist/index.js";

const hex = (bytes) => Buffer.from(bytes).toString("hex");

// a binary result is fetch's Response: read whole, through its body stream, and into a file
async function readBinary(response) {
  if (!(response instanceof Response)) throw new Error(`not a Response: ${response?.constructor?.name}`);
  const whole = new Uint8Array(await response.clone().arrayBuffer());
  const chunks = [];
  for await (const chunk of response.clone().body) chunks.push(...chunk);
  const file = join(mkdtempSync(join(tmpdir(), "bin-")), "out.bin");
  writeFileSync(file, new Uint8Array(await (await response.blob()).arrayBuffer()));
  return { read: hex(whole), chunks: hex(chunks), file: hex(readFileSync(file)) };
}

const KINDS = [
  [BadRequestError, "bad_request"],
  [AuthenticationError, "authentication"],
  [PermissionDeniedError, "permission_denied"],
  [NotFoundError, "not_found"],
  [ConflictError, "conflict"],
  [UnprocessableEntityError, "unprocessable_entity"],
  [RateLimitError, "rate_limit"],
  [InternalServerError, "internal_server"],
  [APIStatusError, "status"],
  [APIConnectionTimeoutError, "timeout"],
  [APIConnectionError, "connection"],
  [APIError, "stream"],
];

// Beyond the shared protocol (for this file's own tests): client.headers,
// client.from_env (no apiKey/baseURL: the SCENARIO_* variables given at spawn),
// call.options (per-request options) and {"$file": {...}} argument values.
async function argument(value) {
  if (value !== null && typeof value === "object" && "$file" in value) {
    const file = value.$file;
    return toFile(new TextEncoder().encode(file.content), file.filename, { type: file.type });
  }
  return value;
}

async function drive(req) {
  const options = req.client.from_env ? {} : { apiKey: "sk-test", baseURL: req.base_url };
  if (req.client.max_retries !== undefined) options.maxRetries = req.client.max_retries;
  if (req.client.timeout !== undefined) options.timeout = req.client.timeout * 1000;
  if (req.client.headers !== undefined) options.defaultHeaders = req.client.headers;
  const client = new Scenario(options);
  const call = req.call;
  const parts = call.op.split(".");
  const name = parts.pop();
  let target = client;
  for (const part of parts) target = target[part];
  if (typeof target?.[name] !== "function") throw new Error(`no method ${call.op}`);
  const args = [...(call.path ?? [])];
  if (call.args !== undefined) {
    const params = {};
    for (const [key, value] of Object.entries(call.args)) params[key] = await argument(value);
    args.push(params);
  }
  if (call.options !== undefined) {
    const { max_retries, timeout, ...rest } = call.options;
    const perRequest = { ...rest };
    if (max_retries !== undefined) perRequest.maxRetries = max_retries;
    if (timeout !== undefined) perRequest.timeout = timeout * 1000;
    args.push(perRequest);
  }
  try {
    const value = target[name](...args);
    if (call.mode === "binary") return { result: await readBinary(await value) };
    if (call.mode === "stream" && !((await value) instanceof Stream)) throw new Error("not a Stream");
    if (call.mode === undefined && (await value) instanceof Stream) throw new Error("a Stream");
    if (call.mode === "iterate" || call.mode === "stream") {
      const items = [];
      for await (const item of call.mode === "stream" ? await value : value) items.push(item);
      return { result: items };
    }
    return { result: await value };
  } catch (err) {
    const kind = KINDS.find(([klass]) => err instanceof klass)?.[1];
    if (kind === undefined) throw err;
    return { error: { kind, status: err.status ?? null, class: err.constructor.name, message: err.message } };
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  let outcome;
  try {
    outcome = await drive(JSON.parse(line));
  } catch (err) {
    outcome = { crash: String(err?.stack ?? err) };
  }
  process.stdout.write(JSON.stringify(outcome) + "\n");
}
"""


Driver = tuple[subprocess.Popen[str], ScriptedServer]
ENV_KEY = "sk-env"


def tsc(root: Path, *args: str) -> None:
    done = subprocess.run([str(TSC), *args], cwd=root, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scenario spec's TypeScript SDK, compiled to dist/ with the pinned tsc."""
    base = tmp_path_factory.mktemp("ts-behaviour")
    spec = write_spec(base / "spec")
    diags = Diagnostics()
    generate(load_api(spec, diags), base / "out", ["typescript"], diags)
    root = base / "sdk"
    shutil.copytree(base / "out" / "typescript", root)
    tsc(root, "-p", "tsconfig.json")
    return root


@pytest.fixture(scope="module")
def driver(sdk: Path) -> Iterator[Driver]:
    root = sdk
    (root / "driver.mjs").write_text(DRIVER, encoding="utf-8")
    server = ScriptedServer().start()
    # explicit options must win over these; only `from_env` calls use them
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCENARIO_")}
    env.update(SCENARIO_API_KEY=ENV_KEY, SCENARIO_BASE_URL=server.url)
    proc = subprocess.Popen(["node", "driver.mjs"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        yield proc, server
    finally:
        server.stop()
        assert proc.stdin is not None and proc.stderr is not None
        proc.stdin.close()
        proc.wait(timeout=30)
        assert proc.returncode == 0
        assert proc.stderr.read() == ""


def ask(driver: Driver, steps: Sequence[Step], call: Mapping[str, Any],
        client: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], float]:
    """Script the server, have the driver perform one call; (outcome, seconds)."""
    proc, server = driver
    server.script(steps)
    assert proc.stdin is not None and proc.stdout is not None
    started = time.monotonic()
    proc.stdin.write(json.dumps({"base_url": server.url, "client": dict(client or {}), "call": dict(call)}) + "\n")
    proc.stdin.flush()
    line = proc.stdout.readline()
    seconds = time.monotonic() - started
    assert line, "the Node driver died"
    outcome: dict[str, Any] = json.loads(line)
    assert "crash" not in outcome, outcome["crash"]
    assert server.mismatches == []
    return outcome, seconds


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario(driver: Driver, scenario: Scenario) -> None:
    outcome, seconds = ask(driver, scenario.steps, scenario.call, scenario.client)
    server = driver[1]
    assert check_outcome(scenario, outcome) == [], outcome
    assert check_requests(scenario, server.requests) == []
    assert check_wire(scenario, server.requests) == []
    assert scenario.min_seconds <= seconds <= scenario.max_seconds, seconds
    # every attempt says which retry it is; pages are separate calls
    counts = [r.headers.get("x-sdk-retry-count") for r in server.requests]
    if scenario.call.get("mode") == "iterate":
        assert counts == ["0"] * len(counts)
    else:
        assert counts == [str(i) for i in range(len(counts))]
    assert all(r.headers.get("authorization") == f"Bearer {KEY}" for r in server.requests)


# ---------------------------------------------------------------- beyond the shared scenarios
def _file(file_id: str) -> dict[str, Any]:
    return {"id": file_id, "object": "file", "status": "processed", "bytes": 3}


RETRIEVE = {"op": "files.retrieve", "path": ["file-1"]}


def test_api_key_and_base_url_from_the_environment(driver: Driver) -> None:
    outcome, _ = ask(driver, [Step("GET", "/files/file-1", body=_file("file-1"))], RETRIEVE, {"from_env": True})
    assert outcome == {"result": _file("file-1")}
    assert driver[1].requests[0].headers["authorization"] == f"Bearer {ENV_KEY}"


def test_default_headers_and_per_request_options(driver: Driver) -> None:
    server = driver[1]
    call = {"op": "uploads.complete", "path": ["u1"], "args": {"part_ids": ["p"], "md5": None},
            "options": {"headers": {"X-Extra": "1", "X-Both": "call"}, "query": {"debug": "yes"},
                        "body": {"note": "n"}}}
    outcome, _ = ask(driver, [Step("POST", "/uploads/u1/complete", body=_file("f"))], call,
                     {"headers": {"X-Default": "d", "X-Both": "client"}})
    assert outcome == {"result": _file("f")}
    request = server.requests[0]
    assert (request.headers["x-default"], request.headers["x-extra"], request.headers["x-both"]) == ("d", "1", "call")
    assert request.query == {"debug": ["yes"]}
    assert request.json() == {"part_ids": ["p"], "md5": None, "note": "n"}
    # per-request timeout and max_retries override the client's
    outcome, seconds = ask(driver, [Step("GET", "/files/file-1", delay=0.5, body=_file("file-1"))],
                           {**RETRIEVE, "options": {"timeout": 0.1, "max_retries": 0}}, {"max_retries": 3})
    assert outcome["error"]["kind"] == "timeout" and len(server.requests) == 1 and seconds < 0.45


STATUS_KINDS = [(400, "bad_request"), (401, "authentication"), (403, "permission_denied"), (404, "not_found"),
                (409, "conflict"), (422, "unprocessable_entity"), (429, "rate_limit"), (500, "internal_server"),
                (503, "internal_server"), (418, "status")]


@pytest.mark.parametrize(("status", "kind"), STATUS_KINDS)
def test_error_class_per_status(driver: Driver, status: int, kind: str) -> None:
    body = {"error": {"message": f"failed with {status}", "type": "x"}}
    outcome, _ = ask(driver, [Step("GET", "/files/file-1", status=status, body=body)], RETRIEVE, {"max_retries": 0})
    assert outcome["error"]["kind"] == kind and outcome["error"]["status"] == status
    assert f"failed with {status}" in outcome["error"]["message"]


def test_x_should_retry_overrides_the_status(driver: Driver) -> None:
    server = driver[1]
    outcome, _ = ask(driver, [Step("GET", "/files/file-1", status=400, body={},
                                   headers={"x-should-retry": "true", "retry-after-ms": "1"}),
                              Step("GET", "/files/file-1", body=_file("file-1"))], RETRIEVE, {"max_retries": 2})
    assert outcome == {"result": _file("file-1")} and len(server.requests) == 2
    outcome, _ = ask(driver, [Step("GET", "/files/file-1", status=503, body={}, headers={"x-should-retry": "false"})],
                     RETRIEVE, {"max_retries": 2})
    assert outcome["error"]["kind"] == "internal_server" and len(server.requests) == 1


def test_retry_after_out_of_range_backs_off(driver: Driver) -> None:
    """A wait of 0 or of more than 60 s is not honoured: exponential backoff (0.5 s minus jitter).
    retry-after-ms, when it is a number, decides alone (Retry-After is then not consulted)."""
    server = driver[1]
    for headers in ({"Retry-After": "3600"}, {"Retry-After": "0"}, {"retry-after-ms": "0"},
                    {"retry-after-ms": "120000", "Retry-After": "1"}):
        outcome, _ = ask(driver, [Step("GET", "/files/file-1", status=429, headers=headers, body={}),
                                  Step("GET", "/files/file-1", body=_file("file-1"))], RETRIEVE, {"max_retries": 1})
        assert outcome == {"result": _file("file-1")}
        first, second = (r.at for r in server.requests)
        assert 0.35 <= second - first <= 0.9, (headers, second - first)


def test_multipart_upload(driver: Driver) -> None:
    call = {"op": "uploads.parts.create", "path": ["u1"],
            "args": {"data": {"$file": {"content": "chunk", "filename": "a.txt", "type": "text/plain"}}, "note": "hi"}}
    outcome, _ = ask(driver, [Step("POST", "/uploads/u1/parts", body=_file("f"))], call)
    assert outcome == {"result": _file("f")}
    parts = driver[1].requests[0].multipart()
    assert parts == [("data", "a.txt", "text/plain", b"chunk"), ("note", None, None, b"hi")]


UNION_PROBE = """\
import type { ShapeHolder } from "./dist/index.js";

// `kind` narrows the discriminated union: each branch sees only its variant's members
export function area(holder: ShapeHolder): number {
  const shape = holder.shape;
  if (shape.kind === "circle") return Math.PI * shape.radius ** 2;
  return shape.side ** 2;
}

// @ts-expect-error a circle has no `side`
export const wrong = (holder: ShapeHolder): number => (holder.shape.kind === "circle" ? holder.shape.side : 0);
"""


def test_discriminated_union_narrows(sdk: Path) -> None:
    (sdk / "union_probe.ts").write_text(UNION_PROBE, encoding="utf-8")
    tsc(sdk, "--noEmit", "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext",
        "--skipLibCheck", "union_probe.ts")


STREAM_PROBE = """\
import Scenario, { Stream } from "./dist/index.js";
import type { Completion, CompletionChunk, SpeechEvent } from "./dist/index.js";

// the call's `stream` flag decides the type; a binary download is fetch's Response
export async function probe(client: Scenario, flag: boolean): Promise<void> {
  const model: Completion = await client.completions.create({ prompt: "p" });
  const off: Completion = await client.completions.create({ prompt: "p", stream: false });
  const chunks: Stream<CompletionChunk> = await client.completions.create({ prompt: "p", stream: true });
  const either: Completion | Stream<CompletionChunk> = await client.completions.create({ prompt: "p", stream: flag });
  const audio: Response = await client.audio.speech.create({ input: "hi" });
  const events: Stream<SpeechEvent> = await client.audio.speech.create({ input: "hi", stream: true });
  const bytes: ArrayBuffer = await (await client.files.content("f")).arrayBuffer();
  // @ts-expect-error stream: true gives a Stream, not the model
  const wrong: Completion = await client.completions.create({ prompt: "p", stream: true });
  // @ts-expect-error a binary body is no string
  const text: string = await client.files.content("f");
  void [model, off, chunks, either, audio, events, bytes, wrong, text];
}
"""


def test_stream_flag_and_binary_types_follow_the_call(sdk: Path) -> None:
    (sdk / "stream_probe.ts").write_text(STREAM_PROBE, encoding="utf-8")
    tsc(sdk, "--noEmit", "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext",
        "--skipLibCheck", "stream_probe.ts")
