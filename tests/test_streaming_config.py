"""The config's ``streaming`` block: an operation whose spec declares only JSON, but which streams
server-sent events when its body's ``stream`` is true (OpenAI's completions and runs say so in
prose), gets events beside its JSON, so every SDK's ``stream`` flag decides what a call returns.
Proven by calls: the Python and TypeScript SDKs read the events a real loopback server sends, and
a wrong entry is a positioned error with a suggestion.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import load_api
from support.scripted_server import ScriptedServer, Step
from support.sdk_runs import NODE_BIN, generate_sdk

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Talk", "version": "1.0.0"},
    "servers": [{"url": "https://api.example.com"}],
    "paths": {"/completions": {"post": {
        "operationId": "createCompletion",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["prompt"],
            "properties": {"prompt": {"type": "string"}, "stream": {"type": "boolean", "nullable": True}}}}}},
        "responses": {"200": {"description": "OK", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Completion"}}}}}}}},
    "components": {"schemas": {
        "Completion": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
        "Chunk": {"type": "object", "required": ["delta"], "properties": {"delta": {"type": "string"}}},
    }},
}
EVENTS = ['data: {"delta": "hel"}\n\n', 'data: {"delta": "lo"}\n\n', "data: [DONE]\n\n"]


def _files(tmp_path: Path, streaming: dict[str, str]) -> tuple[Path, Path]:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    config = tmp_path / "sdkforge.yaml"
    config.write_text(yaml.safe_dump({"streaming": streaming}, sort_keys=False))
    return spec, config


def test_a_streaming_entry_adds_events_beside_the_json(tmp_path: Path) -> None:
    spec, config = _files(tmp_path, {"POST /completions": "Chunk"})
    api = load_api(spec, Diagnostics(), config_path=config).api
    (op,) = api.operations
    media = [(b.media_type, getattr(b.type, "name", None)) for b in op.success.contents]
    assert media == [("application/json", "Completion"), ("text/event-stream", "Chunk")]


@pytest.mark.parametrize("entry, message", [
    ({"POST /completion": "Chunk"}, "no operation is `POST /completion`; did you mean `POST /completions`?"),
    ({"createCompletion": "Chunks"}, "the spec has no schema `Chunks`; did you mean `Chunk`?"),
])
def test_a_wrong_streaming_entry_is_an_error_at_its_line(tmp_path: Path, entry: dict[str, str], message: str) -> None:
    spec, config = _files(tmp_path, entry)
    done = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--config", str(config),
                           "--out", str(tmp_path / "out"), "--target", "python"], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 2
    assert re.search(r"sdkforge\.yaml:2:\d+: error: streaming: " + re.escape(message), done.stderr), done.stderr
    assert not (tmp_path / "out").exists()


def test_python_and_typescript_read_the_declared_stream(tmp_path: Path) -> None:
    spec, config = _files(tmp_path, {"POST /completions": "Chunk"})
    py = generate_sdk(spec, tmp_path / "py", "python", config)
    script = ("import sys\nfrom talk import Talk\nclient = Talk(base_url=sys.argv[1], max_retries=0)\n"
              "print(client.completions.create(prompt='hi').text)\n"
              "print(''.join(e.delta for e in client.completions.create(prompt='hi', stream=True)))\n")
    ts = generate_sdk(spec, tmp_path / "ts", "typescript", config)
    built = subprocess.run([str(NODE_BIN / "tsc"), "-p", "tsconfig.json"], cwd=ts, capture_output=True, text=True,
                           timeout=300)
    assert built.returncode == 0, built.stdout
    (ts / "run.mjs").write_text(
        'import Talk from "./dist/index.js";\n'
        'const client = new Talk({ baseURL: process.argv[2], maxRetries: 0 });\n'
        'console.log((await client.completions.create({ prompt: "hi" })).text);\n'
        'let text = "";\n'
        'for await (const e of await client.completions.create({ prompt: "hi", stream: true })) text += e.delta;\n'
        'console.log(text);\n')
    runs = [([sys.executable, "-c", script], py / "src"), (["node", "run.mjs"], ts)]
    for command, cwd in runs:
        with ScriptedServer() as server:
            server.script([Step("POST", "/completions", body={"text": "whole"}),
                           Step("POST", "/completions", sse=EVENTS)])
            done = subprocess.run(command + [server.url], cwd=cwd, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stdout + done.stderr
            assert done.stdout.split() == ["whole", "hello"]
            assert server.mismatches == []
            first, second = server.requests
            assert first.headers["accept"] == "application/json"
            assert second.headers["accept"] == "text/event-stream"
            assert second.json() == {"prompt": "hi", "stream": True}
