"""The config's ``layout``: a tree that nests and renames resources, maps methods to endpoints and
moves whole derived resources; language-neutral (the IR), reported in ``--report`` names, every
mistake an error at its place in the config."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from sdkforge.diagnostics import Diagnostics, SpecError
from sdkforge.pipeline import load_api

REPO = Path(__file__).resolve().parents[1]
DIAG = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$", re.M)


def _op(op_id: str, item: bool = False) -> dict[str, Any]:
    schema = {"type": "object", "properties": {"id": {"type": "string"}}}
    if not item and op_id.startswith("list"):
        schema = {"type": "object", "properties": {"data": {"type": "array", "items": {"type": "string"}}}}
    return {"operationId": op_id, "responses": {"200": {"description": "ok",
                                                       "content": {"application/json": {"schema": schema}}}}}


def _param(name: str) -> list[dict[str, Any]]:
    return [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}]


SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Layout", "version": "1"},
    "servers": [{"url": "https://api.example.com"}],
    "paths": {
        "/threads": {"post": _op("createThread")},
        "/threads/{thread_id}": {"get": _op("getThread", True), "parameters": _param("thread_id")},
        "/threads/{thread_id}/runs": {"get": _op("listRuns"), "post": _op("createRun"),
                                      "parameters": _param("thread_id")},
        "/threads/{thread_id}/runs/{run_id}/steps": {"get": _op("listRunSteps"),
                                                     "parameters": _param("thread_id") + _param("run_id")},
        "/threads/runs": {"post": _op("createThreadAndRun")},
        "/images/generations": {"post": _op("createImage")},
        "/images/variations": {"post": _op("createImageVariation")},
        "/files": {"get": _op("listFiles")},
    },
}


def names(tmp_path: Path, layout: Any) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(endpoint -> dotted name, endpoint -> rule, warnings) for SPEC with ``layout``."""
    spec = tmp_path / "api.yaml"
    spec.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    config = tmp_path / "api.sdkforge.yaml"
    config.write_text(yaml.safe_dump({"layout": layout}, sort_keys=False))
    diags = Diagnostics()
    loaded = load_api(spec, diags, config_path=config)
    got = {f"{op.method.upper()} {op.path}": ".".join((*op.resource, op.name)) for op in loaded.api.operations}
    rules = {n["operation"]: n["rule"] for n in loaded.report.names}
    return got, rules, [d for d in diags.lines() if ": warning: " in d]


def errors(tmp_path: Path, config_text: str) -> list[re.Match[str]]:
    spec = tmp_path / "api.yaml"
    spec.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    config = tmp_path / "api.sdkforge.yaml"
    config.write_text(config_text)
    result = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--out",
                             str(tmp_path / "out"), "--target", "python"], capture_output=True, text=True,
                            cwd=tmp_path, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, timeout=300)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    return [m for m in DIAG.finditer(result.stderr) if m["sev"] == "error"]


def test_layout_nests_and_renames_endpoints_and_leaves_the_rest_derived(tmp_path: Path) -> None:
    got, rules, warnings = names(tmp_path, {
        "beta": {"threads": {"create_and_run": "POST /threads/runs", "runs": {"start": "createRun"}}},
        "images": {"generate": "post /images/generations", "createVariation": "POST /images/variations"},
    })
    assert got["POST /threads/runs"] == "beta.threads.create_and_run"
    assert got["POST /threads/{thread_id}/runs"] == "beta.threads.runs.start"  # by operationId
    assert got["POST /images/generations"] == "images.generate"  # the verb in any case
    assert got["POST /images/variations"] == "images.create_variation"  # IR words, each target cases them
    assert got["GET /threads/{thread_id}/runs"] == "threads.runs.list"  # not placed: derived
    assert got["GET /files"] == "files.list"
    assert rules["POST /threads/runs"] == "the config's layout"
    assert "config's layout" not in rules["GET /files"]
    assert warnings == [], warnings


def test_layout_move_carries_every_operation_under_a_resource(tmp_path: Path) -> None:
    got, rules, warnings = names(tmp_path, {
        "beta": {"threads": {"from": "threads", "create_and_run": "POST /threads/runs"}},
        "agents": {"steps": {"from": "threads.runs.steps"}},  # the innermost move wins
    })
    assert got["POST /threads"] == "beta.threads.create"
    assert got["GET /threads/{thread_id}"] == "beta.threads.retrieve"
    assert got["GET /threads/{thread_id}/runs"] == "beta.threads.runs.list"
    assert got["POST /threads/{thread_id}/runs"] == "beta.threads.runs.create"
    assert got["POST /threads/runs"] == "beta.threads.create_and_run"
    assert got["GET /threads/{thread_id}/runs/{run_id}/steps"] == "agents.steps.list"
    assert got["GET /files"] == "files.list"
    assert rules["GET /threads/{thread_id}/runs"].startswith("the config's layout: moved from `threads`")
    assert warnings == [], warnings


def test_layout_endpoint_parameter_names_may_differ_from_the_spec(tmp_path: Path) -> None:
    got, _, _ = names(tmp_path, {"runs": {"all": "GET /threads/{id}/runs"}})
    assert got["GET /threads/{thread_id}/runs"] == "runs.all"


@pytest.mark.parametrize("entry,line,wanted", [
    ("images:\n  generate: POST /image/generations\n", 2, "did you mean `POST /images/generations`?"),
    ("images:\n  generate: createImag\n", 2, "did you mean `createImage`?"),
    ("beta:\n  t:\n    from: thread\n", 3, "did you mean `threads`?"),
    ("from: threads\n", 1, "a move needs a place"),
])
def test_layout_entry_that_matches_nothing_is_a_positioned_error_with_the_nearest(
        tmp_path: Path, entry: str, line: int, wanted: str) -> None:
    text = "layout:\n" + "".join("  " + row + "\n" for row in entry.splitlines())
    found = errors(tmp_path, text)
    assert len(found) == 1, found
    assert int(found[0]["line"]) == line + 1 and found[0]["file"].endswith("api.sdkforge.yaml")
    assert wanted in found[0]["msg"], found[0]["msg"]


@pytest.mark.parametrize("layout,line,wanted", [
    ("a: {go: GET /files}\nb:\n  c: {}\na2: {go: listFiles}\n", 4, "already placed at `a.go`"),
    ("a: {go: GET /files}\nb: 1\n", 2, "`layout.b` must be a string or a mapping, not the number 1"),
    ("x: {go: GET /files}\nX: {go: POST /threads}\n", 2, "`x.go` already calls `GET /files`"),
    ("threads:\n  runs: GET /files\n", 2, "`threads.runs` is both a method and a resource"),
])
def test_layout_place_or_endpoint_given_twice_is_an_error_at_the_second(tmp_path: Path, layout: str, line: int,
                                                                       wanted: str) -> None:
    text = "layout:\n" + "".join("  " + row + "\n" for row in layout.splitlines())
    found = errors(tmp_path, text)
    assert len(found) == 1, found
    assert int(found[0]["line"]) == line + 1, (text, found[0][0])
    assert wanted in found[0]["msg"], found[0]["msg"]


@pytest.mark.parametrize("name", ["a\nb", "1st", "délete", "_", "list()", "from x"])
@pytest.mark.parametrize("as_resource", [False, True])
def test_layout_names_must_be_identifiers(tmp_path: Path, name: str, as_resource: bool) -> None:
    value: Any = {"list": "GET /files"} if as_resource else "GET /files"
    text = yaml.safe_dump({"layout": {"top": {name: value}}}, allow_unicode=True)
    found = errors(tmp_path, text)
    assert len(found) == 1 and "must be an identifier" in found[0]["msg"], found
    assert ("resource name" if as_resource else "method name") in found[0]["msg"]


def test_layout_reaches_every_sdk_and_the_report(tmp_path: Path) -> None:
    """The layout is the IR's: Python, TypeScript, Ruby and Go all have the moved and renamed
    methods where it puts them (checked by calling or compiling them), and --report names the rule."""
    spec = tmp_path / "api.yaml"
    spec.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    config = tmp_path / "api.sdkforge.yaml"
    config.write_text(yaml.safe_dump({"layout": {
        "beta": {"threads": {"from": "threads", "create_and_run": "POST /threads/runs"}},
        "images": {"generate": "POST /images/generations"}}}))
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--out", str(out),
                             "--target", "python,typescript,ruby,go", "--report", str(tmp_path / "r.json")],
                            capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert {"operation": "POST /threads/runs", "operation_id": "createThreadAndRun",
            "name": "beta.threads.create_and_run", "rule": "the config's layout"} in report["names"]
    check = ("import layout\nc = layout.Layout()\n"
             "for f in (c.beta.threads.create_and_run, c.beta.threads.runs.list, c.images.generate, c.files.list):\n"
             "    assert callable(f)\n"
             "assert not hasattr(c, 'threads')\n")
    subprocess.run([sys.executable, "-c", check], check=True, cwd=tmp_path,
                   env={**os.environ, "PYTHONPATH": str(out / "python" / "src")})
    ts = (out / "typescript" / "src").rglob("*.ts")
    ts_text = "\n".join(p.read_text() for p in ts)
    assert "createAndRun(" in ts_text and "generate(" in ts_text
    rb = "\n".join(p.read_text() for p in (out / "ruby" / "lib").rglob("*.rb"))
    assert "def create_and_run(" in rb and "def generate(" in rb
    go = "\n".join(p.read_text() for p in (out / "go").glob("*.go"))
    assert ") CreateAndRun(" in go and ") Generate(" in go
    subprocess.run(["go", "vet", "./..."], check=True, cwd=out / "go", capture_output=True, timeout=600)
    with pytest.raises(SpecError):  # the same layout against a spec without `images`: an error, not a guess
        bad = tmp_path / "bad.yaml"
        bad.write_text(yaml.safe_dump({**SPEC, "paths": {"/files": SPEC["paths"]["/files"]}}))
        load_api(bad, Diagnostics(), config_path=config)


# ------------------------------------------------------------------ aliases
ALIASES = {"beta": {"threads": {"create_and_run": "POST /threads/runs", "run_thread": "createThreadAndRun",
                                "runs": {"list": "GET /threads/{thread_id}/runs", "all": "listRuns"}}},
           "files": {"list": "listFiles", "every": "GET /files"}}


def test_layout_alias_is_a_second_method_calling_the_first_in_every_sdk(tmp_path: Path) -> None:
    """An endpoint written twice in one resource: the first name is the method, the second calls
    it (Python and TypeScript: the same function, Ruby an alias_method, Go a method forwarding every
    argument); the docs name the alias on the method's page, and the API surface has it (so that
    removing an alias is a breaking change)."""
    from sdkforge import apidiff
    from sdkforge.surface import surfaces

    spec = tmp_path / "api.yaml"
    spec.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    config = tmp_path / "api.sdkforge.yaml"
    config.write_text(yaml.safe_dump({"layout": ALIASES}, sort_keys=False))
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--out", str(out)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert result.returncode == 0, result.stderr
    py = ("import layout\n"
          "for c in (layout.Layout(), layout.AsyncLayout()):\n"
          "    threads, runs, files = type(c.beta.threads), type(c.beta.threads.runs), type(c.files)\n"
          "    assert threads.run_thread is threads.create_and_run and runs.all is runs.list\n"
          "    assert files.every is files.list\n")
    subprocess.run([sys.executable, "-c", py], check=True,
                   env={**os.environ, "PYTHONPATH": str(out / "python" / "src")})

    ts = out / "typescript"
    subprocess.run([str(REPO / "node_modules" / ".bin" / "tsc"), "-p", str(ts)], check=True, capture_output=True)
    js = ('import Layout from "./dist/index.js";\nconst c = new Layout();\n'
          "if (c.beta.threads.runThread !== c.beta.threads.createAndRun || c.beta.threads.runs.all !== "
          "c.beta.threads.runs.list || c.files.every !== c.files.list) process.exit(1);\n")
    (ts / "check.mjs").write_text(js)
    subprocess.run(["node", "check.mjs"], check=True, cwd=ts)

    rb = ("require 'layout'\nc = Layout::Client.new\n"
          "raise 'alias' unless c.beta.threads.method(:run_thread).original_name == :create_and_run\n"
          "raise 'alias' unless c.files.method(:every).original_name == :list\n")
    subprocess.run(["ruby", "-I", str(out / "ruby" / "lib"), "-e", rb], check=True)

    go = out / "go"
    (go / "cmd" / "check").mkdir(parents=True)
    (go / "cmd" / "check" / "main.go").write_text(
        'package main\n\nimport (\n\t"context"\n\n\tlayout "example.com/layout-go"\n)\n\nfunc main() {\n'
        "\tc := layout.NewClient()\n\t_, _ = c.Beta.Threads.Runs.All(context.Background(), \"t\")\n"
        "\t_, _ = c.Files.Every(context.Background())\n}\n")
    found = subprocess.run(["go", "vet", "./..."], cwd=go, capture_output=True, text=True, timeout=600)
    assert found.returncode == 0, found.stderr

    page = (out / "docs" / "python" / "resources" / "beta" / "subresources" / "threads" / "methods" /
            "create_and_run.md").read_text()
    assert "Also called as `beta.threads.run_thread`" in page

    diags = Diagnostics()
    loaded = load_api(spec, diags, config_path=config)
    with_alias = {s.language: s for s in surfaces(loaded.api, loaded.config, diags)}
    config.write_text(yaml.safe_dump({"layout": {**ALIASES, "files": {"list": "listFiles"}}}, sort_keys=False))
    loaded = load_api(spec, diags, config_path=config)
    without = {s.language: s for s in surfaces(loaded.api, loaded.config, diags)}
    for language, surface in with_alias.items():
        removed = [c for c in apidiff.compare(surface, without[language]) if c.kind == "breaking"]
        assert len(removed) == 1 and removed[0].symbol.lower().endswith("every"), (language, removed)


def test_layout_alias_in_another_resource_is_an_error(tmp_path: Path) -> None:
    found = errors(tmp_path, "layout:\n  files: {list: listFiles}\n  docs: {list: GET /files}\n")
    assert len(found) == 1 and int(found[0]["line"]) == 3, found
    assert "already placed at `files.list`" in found[0]["msg"] and "same resource" in found[0]["msg"]


# ------------------------------------------------------------------ model names
MODELS_SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Models", "version": "1"},
    "servers": [{"url": "https://api.example.com"}],
    "paths": {"/threads": {"post": {
        "operationId": "createThread",
        "requestBody": {"content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/CreateThreadRequest"}}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/ThreadObject"}}}}}}}},
    "components": {"schemas": {
        "ThreadObject": {"type": "object", "required": ["id"], "properties": {
            "id": {"type": "string"}, "tool_resources": {"type": "object", "properties": {"a": {"type": "string"}}}}},
        "CreateThreadRequest": {"type": "object", "properties": {"name": {"type": "string"}}},
        "Thread2": {"type": "object", "properties": {"b": {"type": "string"}}},
    }},
}


def test_model_names_rename_a_schema_in_every_sdk(tmp_path: Path) -> None:
    """``models: {ThreadObject: Thread}``: the model and the inline types named after it
    (`ThreadToolResources`) take the name in every SDK, language-neutrally (each cases it)."""
    spec = tmp_path / "api.yaml"
    spec.write_text(yaml.safe_dump(MODELS_SPEC, sort_keys=False))
    config = tmp_path / "api.sdkforge.yaml"
    config.write_text("models:\n  ThreadObject: Thread\n  CreateThreadRequest: thread_create_params\n")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--out", str(out),
                             "--target", "python,typescript,ruby,go"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    py = ("from models.types import Thread, ThreadToolResources, ThreadCreateParams\n"
          "import models.types as t\nassert not hasattr(t, 'ThreadObject')\n")
    subprocess.run([sys.executable, "-c", py], check=True,
                   env={**os.environ, "PYTHONPATH": str(out / "python" / "src")})
    ts = (out / "typescript" / "src" / "models.ts").read_text()
    assert "export interface Thread {" in ts and "ThreadObject" not in ts and "interface ThreadCreateParams" in ts
    go = "\n".join(p.read_text() for p in (out / "go").glob("*.go"))
    assert "type Thread struct" in go and "ThreadObject" not in go
    found = subprocess.run(["go", "vet", "./..."], cwd=out / "go", capture_output=True, text=True, timeout=600)
    assert found.returncode == 0, found.stderr
    rb = "\n".join(p.read_text() for p in (out / "ruby" / "lib").rglob("*.rb"))
    assert "class Thread <" in rb and "ThreadObject" not in rb


@pytest.mark.parametrize("models,wanted", [
    ("ThreadObjekt: Thread", "no schema `ThreadObjekt`; did you mean `ThreadObject`?"),
    ("ThreadObject: Thread2", "`Thread2` is the name of the model `Thread2` too"),
    ("ThreadObject: Thread\n  CreateThreadRequest: thread", "`thread` is the name of the model `ThreadObject` too"),
    ("ThreadObject: \"Thread Object\"", "must be an identifier"),
    ("ThreadObject: _Thread", "must be an identifier"),
])
def test_model_name_that_matches_nothing_or_is_taken_is_a_positioned_error(tmp_path: Path, models: str,
                                                                          wanted: str) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(yaml.safe_dump(MODELS_SPEC, sort_keys=False))
    (tmp_path / "api.sdkforge.yaml").write_text(f"models:\n  {models}\n")
    result = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--out",
                             str(tmp_path / "out"), "--target", "python"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    found = [m for m in DIAG.finditer(result.stderr) if m["sev"] == "error"]
    assert len(found) == 1 and wanted in found[0]["msg"], result.stderr
    assert found[0]["file"].endswith("api.sdkforge.yaml") and int(found[0]["line"]) == models.count("\n") + 2
