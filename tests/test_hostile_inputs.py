"""Broken and hostile input files, through the CLI (``python -m sdkforge.cli generate|validate``).

Every case must end in exit 2 with a compiler-style ``file:line:col: error:`` diagnostic, never a
traceback or an "internal error", and write nothing.  Resource-exhaustion inputs (alias bombs,
10 000-deep nesting, a 70 MB file) must be refused quickly with bounded memory.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import checks

REPO = Path(__file__).resolve().parents[1]
DIAG = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): error: (?P<msg>.+)$", re.M)
# proxies that go nowhere: any attempt to fetch a remote $ref would hang or fail, not succeed
NO_NETWORK = {"HTTP_PROXY": "http://10.255.255.1:9", "HTTPS_PROXY": "http://10.255.255.1:9",
              "ALL_PROXY": "http://10.255.255.1:9", "http_proxy": "http://10.255.255.1:9",
              "https_proxy": "http://10.255.255.1:9", "NO_PROXY": "", "no_proxy": ""}

HEAD = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n"
OK_OP = "  /a:\n    get:\n      responses:\n        '200': {description: ok}\n"


def sdkforge(*args: str | Path, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sdkforge.cli", *map(str, args)], capture_output=True, text=True,
                          errors="replace", cwd=cwd or REPO, timeout=timeout,
                          env={**os.environ, **NO_NETWORK, "PYTHONDONTWRITEBYTECODE": "1"})


def assert_refused(result: subprocess.CompletedProcess[str], *, message: str | None = None,
                   line: int | None = None) -> re.Match[str]:
    """Exit 2, at least one positioned error, no traceback; returns the first error."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-3000:]
    assert result.returncode == 2, f"exit {result.returncode}\n{output[-3000:]}"
    errors = list(DIAG.finditer(result.stderr))
    assert errors, f"no file:line:col: error: diagnostic in\n{result.stderr[-3000:]}"
    if message is not None:
        assert any(message in e["msg"] for e in errors), result.stderr[-3000:]
    if line is not None:
        assert any(int(e["line"]) == line for e in errors if message is None or message in e["msg"]), result.stderr
    return errors[0]


# ---------------------------------------------------------------- broken files: (name, content, message, line)
def _cases() -> list[tuple[str, bytes | None, str, int | None]]:
    return [
        ("yaml-syntax.yaml", (HEAD + "paths:\n  /a: [unclosed\n").encode(), "YAML syntax error", None),
        ("yaml-tab-indent.yaml", (HEAD + "paths:\n\t/a: {}\n").encode(), "YAML syntax error", 4),
        ("duplicate-key.yaml", (HEAD + "paths:\n" + OK_OP + OK_OP).encode(), "duplicate key '/a'", 8),
        ("duplicate-key.json", b'{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {}, '
                               b'"paths": {}}', "duplicate key 'paths'", None),
        ("dangling-ref.yaml", (HEAD + "paths:\n  /a:\n    get:\n      responses:\n"
                               "        '200': {$ref: '#/components/responses/Nope'}\n").encode(),
         "dangling $ref", 7),
        ("malformed-ref.yaml", (HEAD + "paths:\n  /a:\n    get:\n      responses:\n"
                                "        '200': {$ref: '#components/responses/Nope'}\n").encode(),
         "malformed $ref", 7),
        ("ref-not-string.yaml", (HEAD + "paths:\n  /a:\n    get:\n      responses:\n"
                                 "        '200': {$ref: 42}\n").encode(), "$ref must be a string", 7),
        ("ref-outside.yaml", (HEAD + "paths:\n  /a:\n    get:\n      responses:\n"
                              "        '200': {$ref: '../outside/ok.yaml#/R'}\n").encode(),
         "points outside the spec's folder", 7),
        ("ref-absolute.yaml", (HEAD + "paths:\n  /a:\n    get:\n      responses:\n"
                               "        '200': {$ref: '/etc/passwd#/R'}\n").encode(),
         "points outside the spec's folder", 7),
        ("ref-remote.yaml", (HEAD + "paths:\n  /a:\n    get:\n      responses:\n"
                             "        '200': {$ref: 'https://example.com/spec.yaml#/R'}\n").encode(),
         "remote $ref", 7),
        ("ref-remote-schemeless.yaml", (HEAD + "paths:\n  /a:\n    get:\n      responses:\n"
                                        "        '200': {$ref: '//example.com/spec.yaml#/R'}\n").encode(),
         "remote $ref", 7),
        ("ref-cycle.yaml", (HEAD + "paths:\n" + OK_OP + "components:\n  schemas:\n"
                            "    A: {$ref: '#/components/schemas/B'}\n"
                            "    B: {$ref: '#/components/schemas/A'}\n").encode(), "reference cycle", None),
        ("ref-self.yaml", (HEAD + "paths:\n" + OK_OP + "components:\n  schemas:\n"
                           "    A: {$ref: '#/components/schemas/A'}\n").encode(), "reference cycle", 10),
        ("paths-list.yaml", (HEAD + "paths: []\n").encode(), "`paths` must be a mapping", 3),
        ("parameters-map.yaml", (HEAD + "paths:\n  /a:\n    get:\n      parameters: {}\n      responses: {}\n").encode(),
         "`parameters` must be a list", 6),
        ("responses-string.yaml", (HEAD + "paths:\n  /a:\n    get:\n      responses: x\n").encode(),
         "`responses` must be a mapping", 6),
        ("operation-list.yaml", (HEAD + "paths:\n  /a:\n    get: []\n").encode(), "an operation must be a mapping", 5),
        ("components-list.yaml", (HEAD + "paths: {}\ncomponents: []\n").encode(), "`components` must be a mapping", 4),
        ("schemas-list.yaml", (HEAD + "paths: {}\ncomponents:\n  schemas: []\n").encode(),
         "`components.schemas` must be a mapping", 5),
        ("no-paths.yaml", HEAD.encode(), "no `paths`", 1),
        ("openapi-3.0-no-paths.yaml", b"openapi: 3.0.3\ninfo: {title: T, version: '1'}\ncomponents: {}\n",
         "no `paths`", 1),
        ("no-version.yaml", b"info: {title: T}\npaths: {}\n", "no `openapi`", 1),
        ("bad-version.yaml", b"openapi: 9.9.9\ninfo: {title: T, version: '1'}\npaths: {}\n",
         "unsupported OpenAPI version", 1),
        ("empty.yaml", b"", "the file is empty", 1),
        ("blank.yaml", b"   \n\n  \n", "the file is empty", 1),
        ("binary.yaml", bytes(range(256)) * 4, "binary file", 1),
        ("not-utf8.yaml", HEAD.encode() + b"paths: {}\nx-name: \xff\xfe\n", "not valid UTF-8", 4),
        ("null.json", b"null", "must be a mapping at the top level", 1),
        ("list.json", b"[1, 2, 3]", "must be a mapping at the top level", 1),
        ("scalar.yaml", b"just a string\n", "must be a mapping at the top level", 1),
        ("null.yaml", b"~\n", "must be a mapping at the top level", 1),
        ("truncated.json", b'{"openapi": "3.1.0", "paths": {', "invalid JSON", 1),
        ("python-tag.yaml", b"openapi: !!python/object/apply:os.system ['touch CANARY']\npaths: {}\n",
         "unsupported YAML tag", 1),
        ("custom-tag.yaml", HEAD.encode() + b"paths: !include other.yaml\n", "unsupported YAML tag", 3),
        ("multi-doc.yaml", (HEAD + "paths: {}\n---\n" + HEAD + "paths: {}\n").encode(), "YAML", None),
        ("complex-key.yaml", (HEAD + "paths:\n  ? [a, b]\n  : {}\n").encode(), "mapping keys must be plain scalars", 4),
        ("lone-surrogate.json", b'{"openapi": "3.1.0", "info": {"title": "\\ud800", "version": "1"}, "paths": {}, '
                                b'"components": {"schemas": {"\\udfff": {"type": "string"}}}}', "surrogate pair", 1),
    ]


CASES = _cases()


@pytest.fixture(scope="module")
def broken_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("broken")
    specs = root / "specs"
    specs.mkdir()
    (root / "outside").mkdir()
    (root / "outside" / "ok.yaml").write_text("R: {description: ok}\n")
    for name, content, _, _ in CASES:
        (specs / name).write_bytes(content or b"")
    return specs


def _broken_params() -> list[object]:
    params = []
    for command in ("validate", "generate"):
        for name, _, message, line in CASES:
            params.append(pytest.param(command, name, message, line, id=f"{command}-{name}"))
    return params


@pytest.mark.parametrize(("command", "name", "message", "line"), _broken_params())
def test_broken_file_is_refused_cleanly(broken_dir: Path, tmp_path: Path, command: str, name: str, message: str,
                                        line: int | None) -> None:
    out = tmp_path / "out"
    extra = ["--out", out] if command == "generate" else []
    result = sdkforge(command, broken_dir / name, *extra, cwd=tmp_path)
    first = assert_refused(result, message=message or None, line=line)
    assert first["file"].endswith(name)
    assert not out.exists()
    assert list(tmp_path.rglob("CANARY*")) == [] and list(broken_dir.rglob("CANARY*")) == []



@pytest.mark.parametrize("command", ["validate", "generate"])
def test_directory_and_missing_file(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    for spec, message in ((folder, "not a regular file"), (tmp_path / "missing.yaml", "no such file")):
        extra = ["--out", tmp_path / "out"] if command == "generate" else []
        result = sdkforge(command, spec, *extra, cwd=tmp_path, timeout=30)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert message in result.stderr
        assert re.search(r"^\S.*?:1:1: error: ", result.stderr, re.M), result.stderr
        assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["validate", "generate"])
def test_named_pipe_is_refused_without_reading(tmp_path: Path, command: str) -> None:
    """A named pipe (or a device) as the spec: `generate` hung, its incremental-generation fingerprint
    read the file before the loader's regular-file check."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    extra = ["--out", tmp_path / "out"] if command == "generate" else []
    result = sdkforge(command, fifo, *extra, cwd=tmp_path, timeout=10)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "not a regular file" in result.stderr


def test_remote_ref_makes_no_network_attempt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """In-process: any socket connection or DNS lookup while loading fails the test."""
    from sdkforge.diagnostics import Diagnostics, SpecError
    from sdkforge.pipeline import load_api

    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError(f"network attempt: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    spec = tmp_path / "remote.yaml"
    spec.write_text(HEAD + "paths:\n  /a:\n    get:\n      responses:\n"
                    "        '200': {$ref: 'http://127.0.0.1:9/spec.yaml#/R'}\n"
                    "        '201': {$ref: 'https://example.com/x.json'}\n")
    config = tmp_path / "remote.sdkforge.yaml"
    for allow in (False, True):  # even when the config allows remote refs, nothing is fetched
        config.write_text(f"allow_remote_refs: {str(allow).lower()}\n")
        diags = Diagnostics()
        with pytest.raises(SpecError):
            load_api(spec, diags)
        assert attempts == []
        assert sum("remote $ref" in d.message for d in diags.errors()) == 2


# ---------------------------------------------------------------- resource limits
LIMIT_SECONDS = 10.0
LIMIT_RSS = 1 << 30


def _measured(args: list[str], cwd: Path, timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """Run the CLI under a wrapper that reports its child's max RSS (bytes) and wall time."""
    wrapper = textwrap.dedent(
        """
        import json, resource, subprocess, sys, time
        start = time.perf_counter()
        proc = subprocess.run(sys.argv[1:], capture_output=True, text=True, errors="replace")
        seconds = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        print(json.dumps({"rc": proc.returncode, "out": proc.stdout, "err": proc.stderr, "s": seconds, "rss": rss}))
        """
    )
    outer = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "sdkforge.cli", *args],
                           capture_output=True, text=True, cwd=cwd, timeout=timeout,
                           env={**os.environ, **NO_NETWORK, "PYTHONDONTWRITEBYTECODE": "1"})
    report = json.loads(outer.stdout)
    result = subprocess.CompletedProcess(args, report["rc"], report["out"], report["err"])
    return result, report["s"], report["rss"]


def _alias_bomb() -> bytes:
    lines = [HEAD + "paths: {}\n", 'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n']
    prev = "a"
    for name in "bcdefghijk":
        lines.append(f"x-{name}: &{name} [{', '.join(['*' + prev] * 9)}]\n")
        prev = name
    return "".join(lines).encode()


def _deep_yaml_flow() -> bytes:
    return (HEAD + "paths: {}\nx-deep: " + "[" * 10_000 + "]" * 10_000 + "\n").encode()


def _deep_yaml_block() -> bytes:
    body = "".join(f"{' ' * i}k:\n" for i in range(10_000))
    return (HEAD + "paths: {}\nx-deep:\n" + "".join(" " + line for line in body.splitlines(True))).encode()


def _deep_json() -> bytes:
    return b'{"openapi": "3.1.0", "paths": {}, "x": ' + b'{"a": ' * 10_000 + b"1" + b"}" * 10_000 + b"}"


def _deep_json_lists() -> bytes:
    return b'{"openapi": "3.1.0", "paths": {}, "x": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"


def _ref_chain(n: int) -> bytes:
    """A chain of ``n`` schemas, each a bare $ref to the next."""
    schemas = "".join(f"    S{i}: {{$ref: '#/components/schemas/S{i + 1}'}}\n" for i in range(n))
    op = ("  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n"
          "            application/json:\n              schema: {$ref: '#/components/schemas/S0'}\n")
    return (HEAD + "paths:\n" + op + "components:\n  schemas:\n" + schemas + f"    S{n}: {{type: string}}\n").encode()


RESOURCE_CASES: list[tuple[str, Callable[[], bytes], str]] = [
    ("alias-bomb.yaml", _alias_bomb, "alias"),
    ("deep-flow.yaml", _deep_yaml_flow, "nest"),
    ("deep-block.yaml", _deep_yaml_block, "nest"),
    ("deep.json", _deep_json, "nest"),
    ("deep-lists.json", _deep_json_lists, "nest"),
]


@pytest.mark.parametrize(("name", "make", "message"), RESOURCE_CASES, ids=[c[0] for c in RESOURCE_CASES])
def test_resource_exhaustion_is_refused_quickly(tmp_path: Path, name: str, make: Callable[[], bytes],
                                                message: str) -> None:
    spec = tmp_path / name
    spec.write_bytes(make())
    for command in ("validate", "generate"):
        extra = ["--out", str(tmp_path / "out")] if command == "generate" else []
        result, seconds, rss = _measured([command, str(spec), *extra], tmp_path)
        assert_refused(result, message=message)
        assert seconds < LIMIT_SECONDS, f"{name}: {seconds:.1f} s"
        assert rss < LIMIT_RSS, f"{name}: max RSS {rss / 2**20:.0f} MiB"
        assert not (tmp_path / "out").exists()


def test_long_ref_chain_is_handled_quickly(tmp_path: Path) -> None:
    """A chain of 1000 bare $refs: the cycle check re-walked it from every link (quadratic: ~10 s) and the IR
    build recursed once per link (RecursionError past ~500)."""
    spec = tmp_path / "chain.yaml"
    spec.write_bytes(_ref_chain(1000))
    result, seconds, rss = _measured(["generate", str(spec), "--out", str(tmp_path / "out"), "--target", "typescript"],
                                     tmp_path, timeout=60)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-3000:]
    assert result.returncode == 0, output[-3000:]
    assert seconds < LIMIT_SECONDS and rss < LIMIT_RSS, (seconds, rss)


def test_cycle_through_a_map_model_does_not_amplify_the_docs(tmp_path: Path) -> None:
    """M = map of map of oneOf [M, N, ...], N = oneOf [M, array of ...]: the docs expanded M inside itself
    32 times with branching (a 1 KB spec gave 70 MB of docs in 4 s; found by the fuzzer).  A model that
    is a list or map of something now links to its page when it comes back."""
    def ref(name: str) -> dict[str, str]:
        return {"$ref": f"#/components/schemas/{name}"}

    schemas = {
        "M": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": {
            "oneOf": [ref("M"), ref("N"), ref("B")]}}},
        "N": {"oneOf": [ref("M"), ref("L")]},
        "L": {"type": "array", "items": {"type": "object", "properties": {"m": ref("M"), "l": ref("L")}}},
        "B": {"type": "object", "additionalProperties": {"type": "string", "format": "binary"}},
    }
    spec = tmp_path / "amp.json"
    spec.write_text(json.dumps({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"},
        "paths": {"/m": {"post": {"requestBody": {"content": {"application/json": {"schema": ref("N")}}},
                                  "responses": {"200": {"description": "ok", "content": {
                                      "application/json": {"schema": ref("M")}}}}}}},
        "components": {"schemas": schemas}}))
    result, seconds, rss = _measured(["generate", str(spec), "--out", str(tmp_path / "out"), "--target", "docs"],
                                     tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    size = sum(p.stat().st_size for p in (tmp_path / "out" / "docs").rglob("*") if p.is_file())
    assert size < 4 * 2**20, f"{size / 2**20:.1f} MiB of docs from a {spec.stat().st_size} byte spec"
    assert seconds < LIMIT_SECONDS and rss < LIMIT_RSS
    assert checks.check_docs(tmp_path / "out" / "docs") == []


def _schema_chain(n: int, shape: str) -> dict[str, object]:
    """``n`` component schemas, each referring to the next (through a property, a union, array items...)."""
    def link(i: int) -> dict[str, object]:
        ref = {"$ref": f"#/components/schemas/S{i + 1}"}
        return {"object": {"type": "object", "properties": {"next": ref}},
                "oneOf": {"oneOf": [ref, {"type": "integer"}]},
                "items": {"type": "array", "items": ref}}[shape]

    schemas: dict[str, object] = {f"S{i}": link(i) for i in range(n)}
    schemas[f"S{n}"] = {"type": "string"}
    media = {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}
    return {"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
            "paths": {"/a": {"post": {"requestBody": {"content": media},
                                      "responses": {"200": {"description": "ok", "content": media}}}}},
            "components": {"schemas": schemas}}


@pytest.mark.parametrize("shape", ["object", "oneOf", "items"])
def test_long_chain_of_referencing_schemas_generates(tmp_path: Path, shape: str) -> None:
    """Schemas that each refer to the next, 600 links: shallow documents, but the IR build (and the Python
    target's alias walk) recursed once per link: RecursionError past ~200 links."""
    spec = tmp_path / "chain.json"
    spec.write_text(json.dumps(_schema_chain(600, shape)))
    result = sdkforge("generate", spec, "--out", tmp_path / "out", cwd=tmp_path, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "internal error" not in output, output[-3000:]
    assert checks.cheap_problems(tmp_path / "out") == []


def test_chain_of_referencing_schemas_past_the_build_limit_is_refused(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the IR build's recursion room the spec is refused with a positioned error at the chain's start
    (the room is lowered here so that the test stays quick)."""
    from sdkforge.diagnostics import Diagnostics, SpecError
    from sdkforge.ir import build
    from sdkforge.pipeline import load_api

    monkeypatch.setattr(build, "BUILD_RECURSION_LIMIT", 2000)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        spec = tmp_path / "chain.json"
        spec.write_text(json.dumps(_schema_chain(1000, "object"), indent=1))
        with pytest.raises(SpecError) as refused:
            load_api(spec, Diagnostics())
    finally:
        sys.setrecursionlimit(limit)
    [error] = refused.value.diagnostics
    assert "refer to each other too deeply" in error.message
    assert error.file.endswith("chain.json") and error.pointer == "#/components/schemas/S0"
    assert sys.getrecursionlimit() == limit


def test_moderate_ref_chain_generates(tmp_path: Path) -> None:
    spec = tmp_path / "chain.yaml"
    spec.write_bytes(_ref_chain(100))
    result, seconds, _ = _measured(["generate", str(spec), "--out", str(tmp_path / "out")], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert seconds < 60


# The loader refuses documents nested deeper than MAX_DEPTH levels; everything after it (IR build, each
# target's views, Jinja) recurses once or a few times per level.  A 400-object schema (800 levels, under the
# old 1000-level limit) crashed the IR build with RecursionError: the limit is now one every stage survives,
# proven here for the shapes that nest fastest (one level per schema: items, additionalProperties) with a
# stack already 300 frames deep.
SHAPES: dict[str, Callable[[dict[str, object]], dict[str, object]]] = {
    "properties": lambda s: {"type": "object", "properties": {"a": s}},
    "items": lambda s: {"type": "array", "items": s},
    "additionalProperties": lambda s: {"type": "object", "additionalProperties": s},
    "allOf": lambda s: {"allOf": [s]},
    "oneOf": lambda s: {"oneOf": [s, {"type": "integer"}]},
    "anyOf-nullable": lambda s: {"anyOf": [s, {"type": "null"}]},
}


def _depth(value: object) -> int:
    best, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        best = max(best, level)
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else []
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return best


def _nested_to(levels: int, shapes: list[str]) -> dict[str, object]:
    """A document exactly ``levels`` deep: one schema nesting ``shapes`` in turn, used by a request body
    and a response (so that every target writes it in models, params, examples and docs)."""

    def doc(schema: dict[str, object]) -> dict[str, object]:
        media = {"application/json": {"schema": {"$ref": "#/components/schemas/Deep"}}}
        return {"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
                "paths": {"/a": {"post": {"requestBody": {"required": True, "content": media},
                                          "responses": {"200": {"description": "ok", "content": media}}}}},
                "components": {"schemas": {"Deep": schema}}}

    schema: dict[str, object] = {"type": "string"}
    index = 0
    while True:
        deeper = SHAPES[shapes[index % len(shapes)]](schema)
        if _depth(doc(deeper)) > levels:
            break
        schema, index = deeper, index + 1
    return doc(schema)


def _nested_objects(n: int) -> bytes:
    """One schema ``n`` objects deep (2n + 4 levels of JSON)."""
    schema: dict[str, object] = {"type": "string"}
    for _ in range(n):
        schema = {"type": "object", "properties": {"a": schema}}
    doc = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
           "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {
               "application/json": {"schema": {"$ref": "#/components/schemas/Deep"}}}}}}}},
           "components": {"schemas": {"Deep": schema}}}
    return json.dumps(doc).encode()


def _with_frames(frames: int, call: Callable[[], object]) -> object:
    return call() if frames == 0 else _with_frames(frames - 1, call)


@pytest.mark.parametrize("shapes", [[name] for name in SHAPES] + [list(SHAPES)], ids=[*SHAPES, "mixed"])
def test_schema_nested_to_the_loader_limit_generates_everywhere(tmp_path: Path, shapes: list[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from sdkforge.diagnostics import Diagnostics
    from sdkforge.openapi.load import MAX_DEPTH
    from sdkforge.pipeline import generate, load_api
    from sdkforge.targets import TARGETS

    monkeypatch.setenv("SDKFORGE_JOBS", "1")  # render in this process, on this stack
    # the JSON reader counts the root as level 0: MAX_DEPTH + 1 levels is the deepest JSON it accepts
    doc = _nested_to(MAX_DEPTH + 1, shapes)
    assert _depth(doc) >= MAX_DEPTH  # shapes of two levels per step may stop one short
    spec = tmp_path / "deep.json"
    spec.write_text(json.dumps(doc))
    diags = Diagnostics()

    def run() -> None:
        generate(load_api(spec, diags), tmp_path / "out", list(TARGETS), diags)

    _with_frames(300, run)  # margin: the pipeline runs deeper inside pytest, Hypothesis or an embedding tool
    assert not diags.has_errors
    assert checks.cheap_problems(tmp_path / "out") == []
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == sorted(TARGETS)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_schema_nested_beyond_the_loader_limit_is_refused(tmp_path: Path, fmt: str) -> None:
    """Past the limit: refused before anything recurses (it was a RecursionError in the IR
    build at 800 levels), with a positioned error naming the limit."""
    from sdkforge.openapi.load import MAX_DEPTH

    doc = _nested_to(MAX_DEPTH + 2, ["items"])  # one level per step (JSON accepts MAX_DEPTH + 1, see above)
    assert _depth(doc) == MAX_DEPTH + 2
    spec = tmp_path / f"deep.{fmt}"
    spec.write_text(json.dumps(doc, indent=1 if fmt == "yaml" else None))  # JSON is YAML: block layout
    for command in ("validate", "generate"):
        extra = ["--out", str(tmp_path / "out")] if command == "generate" else []
        result = sdkforge(command, spec, *extra, cwd=tmp_path)
        assert_refused(result, message=f"document nests deeper than {MAX_DEPTH} levels")
        assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("target", ["python", "typescript", "ruby", "go", "docs"])
def test_deeply_nested_schema_is_refused_quickly(tmp_path: Path, target: str) -> None:
    spec = tmp_path / "deep.json"
    spec.write_bytes(_nested_objects(400))  # 804 levels: crashed the IR build before the limit was lowered
    result, seconds, rss = _measured(["generate", str(spec), "--out", str(tmp_path / "out"), "--target", target],
                                     tmp_path, timeout=120)
    assert_refused(result, message="nests deeper than")
    assert seconds < LIMIT_SECONDS and rss < LIMIT_RSS


def test_long_names_give_short_file_names(tmp_path: Path) -> None:
    """A hoisted type's name joins every enclosing name: long ones gave a module file name over 255 bytes
    (ENAMETOOLONG, an internal error, in the Python target).  Every target keeps file names short."""
    long = "very_long_property_name_" * 6
    schema: dict[str, object] = {"type": "string"}
    for i in range(12):
        schema = {"type": "object", "properties": {f"{long}{i}": schema}}
    spec = tmp_path / "long.json"
    spec.write_text(json.dumps({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"},
        "paths": {"/a": {"post": {"operationId": long, "requestBody": {"content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Deep"}}}}, "responses": {"200": {"description": "ok"}}}}},
        "components": {"schemas": {"Deep": schema}}}))
    result = sdkforge("generate", spec, "--out", tmp_path / "out", cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "internal error" not in output, output[-3000:]
    names = [p.name for p in (tmp_path / "out").rglob("*")]
    assert names and max(len(n.encode()) for n in names) <= 128, max(names, key=len)
    canary = tmp_path / "canary"
    canary.mkdir()
    assert checks.import_python(tmp_path / "out" / "python", canary)[0] == []


def test_very_large_file_is_refused_quickly(tmp_path: Path) -> None:
    spec = tmp_path / "huge.yaml"
    chunk = ("  x-pad-{}: " + "y" * 1000 + "\n")
    with spec.open("w") as handle:
        handle.write(HEAD + "paths: {}\nx-big:\n")
        for i in range(70_000):
            handle.write(chunk.format(i))
    assert spec.stat().st_size > 70 * 10**6
    for command in ("validate", "generate"):
        extra = ["--out", str(tmp_path / "out")] if command == "generate" else []
        result, seconds, rss = _measured([command, str(spec), *extra], tmp_path)
        assert_refused(result, message="the limit is", line=1)
        assert seconds < LIMIT_SECONDS and rss < LIMIT_RSS, (seconds, rss)


@pytest.mark.parametrize("target", ["python", "typescript", "ruby", "go", "docs"])
def test_self_referencing_allof_generates_quickly(tmp_path: Path, target: str) -> None:
    spec = tmp_path / "selfref.json"
    spec.write_text(json.dumps({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}}},
        "components": {"schemas": {"A": {"allOf": [{"$ref": "#/components/schemas/A"}]},
                                   "B": {"type": "object", "properties": {"b": {"allOf": [
                                       {"$ref": "#/components/schemas/B"}]}}}}}}))
    result = sdkforge("generate", spec, "--out", tmp_path / "out", "--target", target, cwd=tmp_path, timeout=20)
    output = result.stdout + result.stderr
    assert result.returncode in (0, 2) and "Traceback" not in output and "internal error" not in output, output[-3000:]


@pytest.mark.parametrize("target", ["python", "typescript", "ruby", "go", "docs"])
def test_self_referencing_union_and_array_generate_quickly(tmp_path: Path, target: str) -> None:
    spec = tmp_path / "selfref.json"
    spec.write_text(json.dumps({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"},
        "paths": {"/a/{p}": {"put": {
            "parameters": [{"name": "p", "in": "path", "required": True, "schema": {"type": "string"}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["u", "l", "a", "b", "c"],
                "properties": {"u": {"$ref": "#/components/schemas/U"}, "l": {"$ref": "#/components/schemas/L"},
                               "a": {"$ref": "#/components/schemas/A"}, "b": {"$ref": "#/components/schemas/B"},
                               "c": {"$ref": "#/components/schemas/C"}}}}}},
            "responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/U"}}}}}}}},
        "components": {"schemas": {"U": {"oneOf": [{"$ref": "#/components/schemas/U"}, {"type": "string"}]},
                                   "L": {"type": "array", "items": {"$ref": "#/components/schemas/L"}},
                                   # the Go examples followed alias chains without end here (fixed)
                                   "A": {"allOf": [{"$ref": "#/components/schemas/A"}]},
                                   "B": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/B"}]}},
                                   "C": {"oneOf": [{"$ref": "#/components/schemas/C"},
                                                   {"type": "array", "items": {"$ref": "#/components/schemas/C"}}]},
                                   # tsc: "type alias 'D' circularly references itself" (fixed)
                                   "D": {"anyOf": [{"type": "string"}, {"oneOf": [
                                       {"$ref": "#/components/schemas/D"}, {"$ref": "#/components/schemas/L"}]}]}}}}))
    result = sdkforge("generate", spec, "--out", tmp_path / "out", "--target", target, cwd=tmp_path, timeout=20)
    output = result.stdout + result.stderr
    assert result.returncode in (0, 2) and "Traceback" not in output and "internal error" not in output, output[-3000:]
    out, work, canary = tmp_path / "out", tmp_path / "work", tmp_path / "canary"
    work.mkdir()
    canary.mkdir()
    if target == "typescript":
        assert checks.check_typescript(out / "typescript", work, canary) == []
    elif target == "go" and checks.GO:
        assert checks.check_go(out / "go", work, canary, vet=False) == []
    elif target == "ruby":
        assert checks.ruby_syntax(out / "ruby") + checks.load_ruby(out / "ruby", canary) == []
    elif target == "python":
        # the generated tests' sample arguments recursed without end (U, C: found by the fuzzer)
        assert checks.import_python(out / "python", canary)[0] == []
        tests = (out / "python" / "tests" / "test_api.py").read_text("utf-8")
        assert "u=" in tests and "c=" in tests
    elif target == "docs":
        # the docs' model tables and Go examples recursed without end (A, L, U: found by the fuzzer)
        assert checks.check_docs(out / "docs") == []
