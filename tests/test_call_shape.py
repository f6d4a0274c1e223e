"""The call shape of a nested operation, the same in every SDK with named arguments: the last path
parameter (what the call acts on) by position, the parents it lives under by name
(``runs.retrieve(run_id, thread_id=...)``, ``runs.retrieve(runID, { thread_id })``,
``runs.retrieve(run_id, thread_id: ...)``), so two ids can never be swapped by their order; Go takes
every path parameter by position, in path order.  Decided once (``Operation.subject_params`` /
``parent_params``) and proven by a call: each SDK calls a real loopback server, which sees the ids
in their places, a body property that shares a parent's name keeps its wire name, and a TypeScript
call that passes the ids in path order fails the type check.
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
    "info": {"title": "Shape", "version": "1.0.0"},
    "servers": [{"url": "https://api.example.com"}],
    "paths": {
        "/threads/{thread_id}/runs/{run_id}": {
            "get": {"operationId": "getRun", "parameters": [
                {"name": "thread_id", "in": "path", "required": True, "schema": {"type": "string"}},
                {"name": "run_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "OK", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Run"}}}}}},
            "post": {"operationId": "updateRun", "parameters": [
                {"name": "thread_id", "in": "path", "required": True, "schema": {"type": "string"}},
                {"name": "run_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["note"],
                    "properties": {"note": {"type": "string"}, "thread_id": {"type": "string"}}}}}},
                "responses": {"200": {"description": "OK", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Run"}}}}}},
        },
    },
    "components": {"schemas": {"Run": {"type": "object", "required": ["id"],
                                       "properties": {"id": {"type": "string"}}}}},
}


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shape") / "openapi.yaml"
    path.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    return path


def test_the_last_path_parameter_is_the_subject_and_the_others_its_parents(spec: Path) -> None:
    api = load_api(spec, Diagnostics()).api
    op = next(o for o in api.operations if o.operation_id == "getRun")
    assert [p.name for p in op.subject_params] == ["run_id"]
    assert [p.name for p in op.parent_params] == ["thread_id"]


def _steps() -> list[Step]:
    return [Step("GET", "/threads/t1/runs/r1", body={"id": "r1"}),
            Step("POST", "/threads/t1/runs/r1", body={"id": "r1"})]


def _check(server: ScriptedServer) -> None:
    assert server.mismatches == []
    assert [r.path for r in server.requests] == ["/threads/t1/runs/r1", "/threads/t1/runs/r1"]
    # the body's own `thread_id` is a body field; the parent id went into the path only
    assert server.requests[1].json() == {"note": "n", "thread_id": "body-value"}


def test_python_takes_the_subject_by_position_and_the_parent_by_name(spec: Path, tmp_path: Path) -> None:
    sdk = generate_sdk(spec, tmp_path / "py", "python")
    script = """
import inspect, sys
from shape import Shape
client = Shape(base_url=sys.argv[1], max_retries=0)
sig = inspect.signature(client.threads.runs.retrieve)
kinds = [(n, p.kind.name) for n, p in sig.parameters.items() if n in ("run_id", "thread_id")]
assert kinds == [("run_id", "POSITIONAL_OR_KEYWORD"), ("thread_id", "KEYWORD_ONLY")], kinds
assert client.threads.runs.retrieve("r1", thread_id="t1").id == "r1"
client.threads.runs.update("r1", thread_id="t1", note="n", body_thread_id="body-value")
"""
    names = set(_python_update_params(sdk)) - {"run_id"}
    assert "thread_id" in names and len(names) == 3, names  # the body's thread_id took another name
    body_arg = next(n for n in names if n not in ("thread_id", "note"))
    script = script.replace("body_thread_id", body_arg)
    with ScriptedServer() as server:
        server.script(_steps())
        done = subprocess.run([sys.executable, "-c", script, server.url], cwd=sdk / "src", capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        _check(server)


def _python_update_params(sdk: Path) -> list[str]:
    text = next(sdk.glob("src/*/resources/threads/runs.py")).read_text()
    head = text[text.index("    def update("):]
    head = head[:head.index(") ->")]
    return [line.strip().split(":")[0] for line in head.splitlines()[1:]
            if ":" in line and not line.strip().startswith(("self", "extra_", "timeout"))]


def test_typescript_takes_the_parent_in_the_params_object(spec: Path, tmp_path: Path) -> None:
    sdk = generate_sdk(spec, tmp_path / "ts", "typescript")
    parent_key = _ts_parent_key(sdk)
    call = ('const run = await client.threads.runs.retrieve("r1", { thread_id: "t1" });\n'
            'if (run.id !== "r1") throw new Error(run.id);\n'
            f'await client.threads.runs.update("r1", {{ {parent_key}: "t1", note: "n", thread_id: "body-value" }});\n')
    (sdk / "check_ok.ts").write_text('import Shape from "./src/index.js";\n'
                                     'const client = new Shape({ baseURL: "http://127.0.0.1:1" });\n' + call)
    (sdk / "check_swapped.ts").write_text('import Shape from "./src/index.js";\nconst client = new Shape();\n'
                                          'await client.threads.runs.retrieve("t1", "r1");\n')
    for name, ok in (("check_ok.ts", True), ("check_swapped.ts", False)):
        (sdk / "tsconfig.check.json").write_text(
            '{"extends": "./tsconfig.json", "compilerOptions": {"noEmit": true, "rootDir": "."}, '
            f'"include": ["{name}"]}}')
        done = subprocess.run([str(NODE_BIN / "tsc"), "-p", "tsconfig.check.json"], cwd=sdk, capture_output=True,
                              text=True, timeout=300)
        assert (done.returncode == 0) == ok, (name, done.stdout + done.stderr)
        assert ok or "TS2" in done.stdout, done.stdout
    built = subprocess.run([str(NODE_BIN / "tsc"), "-p", "tsconfig.json"], cwd=sdk, capture_output=True, text=True,
                           timeout=300)
    assert built.returncode == 0, built.stdout
    (sdk / "run.mjs").write_text('import Shape from "./dist/index.js";\n'
                                 'const client = new Shape({ baseURL: process.argv[2], maxRetries: 0 });\n' + call)
    with ScriptedServer() as server:
        server.script(_steps())
        done = subprocess.run(["node", "run.mjs", server.url], cwd=sdk, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        _check(server)


def _ts_parent_key(sdk: Path) -> str:
    """The params key of the parent ``thread_id`` of ``update``: the body's own ``thread_id`` keeps
    the wire name, the parent yields."""
    text = next(sdk.glob("src/resources/threads/runs.ts")).read_text()
    start = text.index("export interface ThreadRunUpdateParams")
    block = text[start:text.index("\n}", start)]
    keys = [line.strip().split(":")[0].rstrip("?") for line in block.splitlines()[1:]
            if ":" in line and not line.strip().startswith(("*", "/"))]
    assert sorted(k for k in keys if k in ("thread_id", "note")) == ["note", "thread_id"] and len(keys) == 3, keys
    return next(k for k in keys if k not in ("thread_id", "note"))


def test_ruby_takes_the_parent_as_a_keyword(spec: Path, tmp_path: Path) -> None:
    sdk = generate_sdk(spec, tmp_path / "rb", "ruby")
    script = """
require "shape"
client = Shape::Client.new(base_url: ARGV[0], max_retries: 0)
params = client.threads.runs.method(:retrieve).parameters.map { |kind, name| [kind.to_s, name.to_s] }
raise params.inspect unless params.first(2) == [["req", "run_id"], ["keyreq", "thread_id"]]
raise "id" unless client.threads.runs.retrieve("r1", thread_id: "t1").id == "r1"
names = client.threads.runs.method(:update).parameters.map { |_, name| name.to_s }
body_key = (names - ["run_id", "thread_id", "note", "request_options"]).first
client.threads.runs.update("r1", thread_id: "t1", note: "n", body_key.to_sym => "body-value")
puts "ok"
"""
    with ScriptedServer() as server:
        server.script(_steps())
        done = subprocess.run(["ruby", "-I", str(sdk / "lib"), "-e", script, server.url], capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        _check(server)


def test_docs_show_the_same_shape(spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    done = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--out", str(out),
                           "--target", "docs", "--quiet"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pages = {lang: "\n".join(p.read_text() for p in (out / "docs" / lang).rglob("*.md"))
             for lang in ("python", "typescript", "ruby")}
    flat = {lang: re.sub(r"\s+", " ", text).replace("( ", "(").replace(", }", " }") for lang, text in pages.items()}
    assert 'retrieve("run_id", thread_id="thread_id")' in flat["python"]
    assert "retrieve('run_id', { thread_id: 'thread_id' })" in flat["typescript"]
    assert 'retrieve("run_id", thread_id: "thread_id")' in flat["ruby"]
    assert "retrieve(runID, params)" in flat["typescript"]  # the params object is required: it holds the parent
