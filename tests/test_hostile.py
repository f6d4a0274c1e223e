"""Hostile specs: every string slot carries a breakout attempt (tests/hostile/spec.py).

One generation per session (all targets, through the CLI, no settings file so that package names
are derived from a hostile ``info.title``); then, per target, the real compiler or type checker,
and a load of the generated code from an empty "canary" folder: no payload may run (no
``CANARY*`` file, no ``PWNED`` line), and nothing may be dropped (every operation's and every
property's marker is in every target's output; the model with every hostile property name keeps
all of its wire names).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import checks
from hostile.spec import PAYLOADS, PROPERTY_NAMES, build, write

REPO = Path(__file__).resolve().parents[1]
TARGETS = ["python", "typescript", "ruby", "go", "docs"]
@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    spec = write(root / "spec")
    out = root / "out"
    canary = root / "canary"
    canary.mkdir()
    proc = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--out", str(out)],
                          cwd=canary, capture_output=True, text=True, errors="replace", timeout=600,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert proc.returncode == 0, proc.stderr[-5000:]
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert checks.canary_problems(root) == []
    return {"root": root, "spec": spec, "out": out, "canary": canary, "stderr": Path(root / "stderr.txt")}


def _canary(hostile: dict[str, Path], name: str) -> Path:
    folder = hostile["root"] / f"canary-{name}"
    folder.mkdir(exist_ok=True)
    return folder


def _text_of(folder: Path, suffixes: tuple[str, ...]) -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.suffix in suffixes and p.is_file())


def test_spec_really_is_hostile() -> None:
    spec = build()
    text = json.dumps(spec)
    for needle in ('\\"\\"\\"', "*/", "#{", "${", "`", "=begin", "</script>", "onerror", "javascript:", "\\u0000",
                   "\\u2028", "\\ufeff", "\\u202e", "__proto__", "constructor", "object_id", "../../evil"):
        assert needle in text, needle
    assert len(spec["paths"]) >= 100 and len(spec["components"]["schemas"]) >= 60
    assert len(PROPERTY_NAMES) == len(set(PROPERTY_NAMES)) >= 100
    assert any(len(p) >= 5000 for p in PAYLOADS)


# ------------------------------------------------------------------ python
def test_python_compiles_and_imports_without_running_payloads(hostile: dict[str, Path]) -> None:
    root = hostile["out"] / "python"
    assert checks.compile_python(root) == []
    problems, stdout = checks.import_python(root, _canary(hostile, "python"))
    assert problems == []
    assert int(stdout.split()[-1]) > 100


def test_python_model_keeps_every_wire_name(hostile: dict[str, Path]) -> None:
    src, package = checks.python_package(hostile["out"] / "python")
    payload = {name: value for name, value in zip(PROPERTY_NAMES, _values(len(PROPERTY_NAMES)))}
    script = (
        "import json, sys, importlib\n"
        f"mod = importlib.import_module('{package}.types.every_name')\n"
        "payload = json.loads(sys.stdin.read())\n"
        "model = mod.EveryName.model_validate(payload)\n"
        "print(json.dumps(sorted(model.model_dump(by_alias=True))))\n"
    )
    proc = subprocess.run([sys.executable, "-B", "-c", script], input=json.dumps(payload), capture_output=True,
                          text=True, cwd=_canary(hostile, "python-model"), env={**os.environ, "PYTHONPATH": str(src)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout) == sorted(PROPERTY_NAMES)


def _values(count: int) -> list[object]:
    """A valid value for each property kind of tests/hostile/spec.py's hostile_object."""
    kinds: list[object] = ["s", "foo", 3, ["#{a}"], {"k": "v"}, None]
    return [kinds[i % 6] for i in range(count)]


# ------------------------------------------------------------------ typescript
def test_typescript_type_checks_and_loads_without_running_payloads(hostile: dict[str, Path]) -> None:
    work = hostile["root"] / "ts-work"
    work.mkdir()
    assert checks.check_typescript(hostile["out"] / "typescript", work, _canary(hostile, "ts")) == []


def test_typescript_model_keeps_every_wire_name(hostile: dict[str, Path]) -> None:
    models = _text_of(hostile["out"] / "typescript" / "src", (".ts",))
    match = re.search(r"export (?:interface EveryName \{|type EveryName = \{)(.*?)\n\}", models, re.S)
    assert match, "no EveryName model"
    keys = re.findall(r"^  (?:readonly )?(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[A-Za-z_$][\w$]*)\??:", match.group(1),
                      re.M)
    names = [_js_string(k) if k[0] in "\"'" else k for k in keys]
    assert sorted(names) == sorted(PROPERTY_NAMES)


def _js_string(literal: str) -> str:
    """The value of a JavaScript string literal (the escapes the TypeScript escaper uses)."""
    body = literal[1:-1]
    body = re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), body)
    body = re.sub(r"\\x([0-9A-Fa-f]{2})", lambda m: "\\u00" + m.group(1), body)
    if literal[0] == "'":
        body = body.replace("\\'", "'").replace('"', '\\"')
    return json.loads('"' + body + '"')


# ------------------------------------------------------------------ ruby
def test_ruby_syntax_is_clean(hostile: dict[str, Path]) -> None:
    assert checks.ruby_syntax(hostile["out"] / "ruby") == []


def test_ruby_loads_without_running_payloads(hostile: dict[str, Path]) -> None:
    assert checks.load_ruby(hostile["out"] / "ruby", _canary(hostile, "ruby")) == []


def test_ruby_model_keeps_every_wire_name(hostile: dict[str, Path]) -> None:
    root = hostile["out"] / "ruby"
    (entry,) = list((root / "lib").glob("*.rb"))
    payload = {name: value for name, value in zip(PROPERTY_NAMES, _values(len(PROPERTY_NAMES)))}
    code = (
        "require 'json'\nrequire ARGV[0]\n"
        "model = Object.const_get(File.read(ARGV[1]).strip)::Models::EveryName\n"
        "obj = model.new(JSON.parse($stdin.read))\n"
        "values = model.fields.each_value.map { |f| [f.wire, obj.public_send(f.name)] }\n"
        "puts JSON.generate(values.map(&:first).sort)\n"
    )
    module_file = hostile["root"] / "ruby-module.txt"
    module_file.write_text(_ruby_module(root))
    proc = subprocess.run(["ruby", "--disable-gems", "-I", str(root / "lib"), "-e", code, entry.stem, str(module_file)],
                          input=json.dumps(payload), capture_output=True, text=True, cwd=_canary(hostile, "ruby-model"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout) == sorted(PROPERTY_NAMES)


def _ruby_module(root: Path) -> str:
    for path in sorted((root / "lib").rglob("*.rb")):
        match = re.search(r"^module (\w+)", path.read_text(), re.M)
        if match:
            return match.group(1)
    raise AssertionError("no top-level module")


# ------------------------------------------------------------------ go
@pytest.mark.skipif(checks.GO is None, reason="the Go toolchain is not installed")
def test_go_is_gofmt_clean_vets_and_loads_without_running_payloads(hostile: dict[str, Path]) -> None:
    work = hostile["root"] / "go-work"
    work.mkdir()
    assert checks.check_go(hostile["out"] / "go", work, _canary(hostile, "go")) == []


# ------------------------------------------------------------------ docs
def test_docs_have_no_script_handler_or_javascript_link_from_content(hostile: dict[str, Path]) -> None:
    assert checks.check_docs(hostile["out"] / "docs") == []


# ------------------------------------------------------------------ all targets
@pytest.mark.parametrize("target", TARGETS)
def test_nothing_is_dropped(hostile: dict[str, Path], target: str) -> None:
    """Every operation and every property of the hostile spec reaches every target: each carries a
    unique marker in its description."""
    markers = build()["x-markers"]
    folder = hostile["out"] / target
    suffixes = {"python": (".py",), "typescript": (".ts",), "ruby": (".rb",), "go": (".go",), "docs": (".md",)}[target]
    roots = [folder] if target != "docs" else sorted(p for p in folder.iterdir() if p.is_dir() and p.name != "assets")
    assert roots
    for root in roots:
        text = _text_of(root, suffixes)
        missing_ops = [m for m in markers["operations"] if m not in text]
        missing_props = [m for m in markers["properties"] if m not in text]
        assert missing_ops == [], f"{root.name}: operations dropped"
        assert missing_props == [], f"{root.name}: properties dropped"


@pytest.mark.parametrize("target", TARGETS)
def test_output_has_no_raw_control_characters(hostile: dict[str, Path], target: str) -> None:
    """NUL, escape sequences, U+2028/9, BOM and bidi overrides never reach a generated file raw
    (a BOM or NUL breaks compilers; bidi overrides hide code from reviewers: "Trojan Source")."""
    bad = re.compile("[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")
    found = []
    for path in sorted((hostile["out"] / target).rglob("*")):
        if path.is_file():
            for match in bad.finditer(path.read_text("utf-8")):
                found.append(f"{path.relative_to(hostile['out'])}: U+{ord(match.group(0)):04X}")
                break
    assert found == []


# ------------------------------------------------------------------ found by the fuzzer: small regressions
def _small_spec(folder: Path, info: dict[str, str], extra_path: dict[str, object] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    spec = folder / "small.json"
    paths: dict[str, object] = {"/x": {"get": {"operationId": "getX", "responses": {"200": {"description": "ok"}}}}}
    paths.update(extra_path or {})
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": info, "paths": paths}))
    return spec


def _generate_small(spec: Path, out: Path, target: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--out", str(out),
                           "--target", target], capture_output=True, text=True, errors="replace", timeout=300,
                          cwd=spec.parent, env={**os.environ, "SDKFORGE_JOBS": "1"})


@pytest.mark.parametrize("target", ["python", "typescript", "ruby", "go", "docs"])
def test_hostile_title_and_version(tmp_path: Path, target: str) -> None:
    """info.title names the package and lands in module docs of every target."""
    spec = _small_spec(tmp_path / "spec", {"title": '"""; import os; os.system("touch CANARY_t") #\\',
                                            "version": "1\"'`#{x}${y}*/", "description": "*/ \"\"\" =end"})
    out = tmp_path / "out"
    result = _generate_small(spec, out, target)
    assert result.returncode == 0, result.stderr[-3000:]
    assert checks.cheap_problems(out) == []
    canary = tmp_path / "canary"
    canary.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    problems = {
        "python": lambda: checks.import_python(out / "python", canary)[0],
        "typescript": lambda: checks.check_typescript(out / "typescript", work, canary),
        "ruby": lambda: checks.ruby_syntax(out / "ruby") + checks.load_ruby(out / "ruby", canary),
        "go": lambda: checks.check_go(out / "go", work, canary, vet=False) if checks.GO else [],
        "docs": lambda: checks.check_docs(out / "docs"),
    }[target]()
    assert problems == []
    if target == "python":
        # the title is kept, as text, in the docstrings of the package and its client module
        src, package = checks.python_package(out / "python")
        show = ("import importlib, sys; p = sys.argv[1]; print(importlib.import_module(p).__doc__.splitlines()[0]); "
                "print(importlib.import_module(p + '._client').__doc__)")
        docs = subprocess.run([sys.executable, "-B", "-c", show, package], check=False, capture_output=True,
                              text=True, cwd=canary, timeout=60,
                              env={**os.environ, "PYTHONPATH": str(src), "PYTHONDONTWRITEBYTECODE": "1"})
        title = '"""; import os; os.system("touch CANARY_t") #\\'
        assert docs.returncode == 0, docs.stderr[-3000:]
        assert docs.stdout.splitlines()[0] == f"The {title} Python SDK.", docs.stdout
        assert docs.stdout.splitlines()[1].startswith(f"The {title} clients: "), docs.stdout
        assert list(canary.iterdir()) == []


@pytest.mark.parametrize("target", ["python", "typescript", "ruby", "go", "docs"])
def test_control_characters_in_info_never_reach_output(tmp_path: Path, target: str) -> None:
    spec = _small_spec(tmp_path / "spec", {"title": "A\x00B\rC\x1bD\u202eE", "version": "1\x00\r",
                                            "description": "d\x00e\rf\x1b[2J"})
    out = tmp_path / "out"
    result = _generate_small(spec, out, target)
    assert result.returncode == 0, result.stderr[-3000:]
    assert checks.cheap_problems(out) == []
    for path in out.rglob("*"):
        if path.is_file():
            assert "\x1b" not in path.read_text("utf-8"), path


@pytest.mark.parametrize("target", ["python", "typescript", "ruby", "go", "docs"])
def test_binary_path_parameter(tmp_path: Path, target: str) -> None:
    """Binary (format: binary) path, query and header parameters: the docs' curl example crashed on them
    (json.dumps of the file sample, found by the fuzzer)."""
    binary = {"type": "string", "format": "binary"}
    extra = {"/files/{blob}": {"get": {"operationId": "getBlob", "parameters": [
        {"name": "blob", "in": "path", "required": True, "schema": binary},
        {"name": "blobs", "in": "query", "required": True, "schema": {"type": "array", "items": binary}},
        {"name": "X-Blob", "in": "header", "required": True, "schema": binary}],
        "responses": {"200": {"description": "ok"}}}}}
    spec = _small_spec(tmp_path / "spec", {"title": "T", "version": "1"}, extra)
    out = tmp_path / "out"
    result = _generate_small(spec, out, target)
    assert result.returncode == 0 and "internal error" not in result.stderr, result.stderr[-3000:]
    assert checks.cheap_problems(out) == []


@pytest.mark.parametrize("title", ["0", "Promise", "Model"])
def test_title_never_gives_an_invalid_or_shadowing_client_name(tmp_path: Path, title: str) -> None:
    """The client class is named after info.title: a digit-only title made `export type 0Options` in
    TypeScript (its "Model0" fallback lost its prefix; found by the fuzzer), and a global's name shadows it."""
    spec = _small_spec(tmp_path / "spec", {"title": title, "version": "1"})
    out = tmp_path / "out"
    for target in ("typescript", "python", "ruby"):
        result = _generate_small(spec, out, target)
        assert result.returncode == 0, result.stderr[-3000:]
    canary, work = tmp_path / "canary", tmp_path / "work"
    canary.mkdir()
    work.mkdir()
    assert checks.check_typescript(out / "typescript", work, canary) == []
    assert checks.import_python(out / "python", canary)[0] == []
    assert checks.ruby_syntax(out / "ruby") + checks.load_ruby(out / "ruby", canary) == []


def test_python_parameter_named_like_a_shadowed_builtin(tmp_path: Path) -> None:
    """A resource with a method `list` spells the builtin `builtins.list` in its annotations; a parameter
    named `list` kept its name wrongly rewritten too (`builtins.list: X = ...`, a SyntaxError; found by the
    fuzzer)."""
    ok = {"200": {"description": "ok"}}
    extra = {"/items": {
        "get": {"operationId": "list", "responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"type": "array", "items": {"type": "string"}}}}}}},
        "delete": {"operationId": "delete", "parameters": [
            {"name": "list", "in": "query", "required": False, "schema": {"type": "string"}},
            {"name": "type", "in": "query", "required": True, "schema": {"type": "string"}}], "responses": ok}}}
    spec = _small_spec(tmp_path / "spec", {"title": "T", "version": "1"}, extra)
    out = tmp_path / "out"
    result = _generate_small(spec, out, "python")
    assert result.returncode == 0, result.stderr[-3000:]
    assert checks.cheap_problems(out) == []
    canary = tmp_path / "canary"
    canary.mkdir()
    assert checks.import_python(out / "python", canary)[0] == []
    source = "\n".join(p.read_text() for p in (out / "python").rglob("items.py"))
    assert "    def list(" in source and "        list: str | NotGiven = NOT_GIVEN," in source, source
