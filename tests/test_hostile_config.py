"""Hostile config files: every key's type is checked (a positioned error, exit 2, never a traceback),
unknown keys are errors naming the nearest known one, and every config string reaches generated
code only through the target's escaper or identifier maker for its position."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile import checks
from hostile.spec import PAYLOADS, page_scheme_operation
from support.configs import MARK, dotted, place, positions, with_page_names, wrong_values
from sdkforge.config import SCHEMA, Fields, load_config
from sdkforge.diagnostics import Diagnostics, SpecError

REPO = Path(__file__).resolve().parents[1]
DIAG = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$", re.M)


def sdkforge(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sdkforge.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, timeout=600)


WRONG = [(path, value) for path, spec in positions(SCHEMA) if path for value in wrong_values(spec)]


def load(tmp_path: Path, config: Any) -> tuple[str, list[str], list[str]]:
    text = yaml.safe_dump(config, default_flow_style=None, sort_keys=False, allow_unicode=True)
    file = tmp_path / "api.sdkforge.yaml"
    file.write_text(text, "utf-8")
    diags = Diagnostics()
    try:
        load_config(file, diags)
    except SpecError as exc:
        for diag in exc.diagnostics:
            if diag not in diags.items:
                diags.items.append(diag)
    lines = diags.lines()
    return text, [d for d in lines if ": error: " in d], [d for d in lines if ": warning: " in d]


@pytest.mark.parametrize("path,value", WRONG, ids=[f"{dotted(p)}={v!r}" for p, v in WRONG])
def test_config_value_of_the_wrong_type_is_a_positioned_error(tmp_path: Path, path: tuple[str | int, ...],
                                                              value: Any) -> None:
    text, errors, _ = load(tmp_path, with_page_names(place(path, value)))
    assert len(errors) == 1, (text, errors)
    found = DIAG.match(errors[0])
    assert found and found["file"].endswith("api.sdkforge.yaml"), errors
    marked = [n for n, line in enumerate(text.splitlines(), 1) if str(MARK) in line or "false" in line]
    if marked:  # the error stands where the value is written
        assert int(found["line"]) == marked[0], (text, errors)
    assert f"`{dotted(path)}` must be " in found["msg"], errors
    if value == "false":  # a quoted boolean is text, not false
        assert "without quotes" in found["msg"]


def test_every_wrong_type_in_one_file_is_reported_and_generation_exits_2(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text('openapi: 3.0.3\ninfo: {title: T, version: "1"}\npaths: {}\n')
    config = tmp_path / "api.sdkforge.yaml"
    config.write_text(
        "allow_refs_outside_root: \"false\"\n"
        "pagination: [{name: P, request: {cursor: [after]}}]\n"
        "targets:\n  go: {tests: 'no'}\n  python: {version: 1.10}\n"
        "resources: {files: {methods: {listFiles: {a: 1}}}}\n"
    )
    result = sdkforge("generate", spec, "--config", config, "--out", tmp_path / "out")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    errors = [m for m in DIAG.finditer(result.stderr) if m["sev"] == "error"]
    assert [int(m["line"]) for m in errors] == [1, 2, 4, 5, 6], result.stderr
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ unknown keys
MAPPINGS = [(path, spec) for path, spec in positions(SCHEMA) if isinstance(spec, Fields)]


@pytest.mark.parametrize("path,spec", MAPPINGS, ids=[dotted(p) or "top" for p, _ in MAPPINGS])
def test_unknown_config_key_is_an_error_naming_the_nearest_key(tmp_path: Path, path: tuple[str | int, ...],
                                                               spec: Fields) -> None:
    known = sorted(spec.fields)[0]
    typo = known[:-1] + known[-1] * 2 + "x"
    config = with_page_names(place(path, {typo: MARK}))
    text, errors, warnings = load(tmp_path, config)
    assert warnings == [], (text, warnings)
    assert len(errors) == 1, (text, errors)
    found = DIAG.match(errors[0])
    assert found and f"`{dotted((*path, typo))}`" in found["msg"] and f"did you mean `{known}`?" in found["msg"]
    assert int(found["line"]) == [n for n, line in enumerate(text.splitlines(), 1) if typo in line][0]


# ------------------------------------------------------------------ names the config sets
@pytest.mark.parametrize("key", ["api_key", "base_url", "log"])
@pytest.mark.parametrize("value", ["OK_NAME\n", "A B", "1ST", "ÄPI_KEY", "${X}"])
def test_environment_variable_name_must_be_an_identifier(tmp_path: Path, key: str, value: str) -> None:
    text, errors, _ = load(tmp_path, {"env": {key: value}})
    assert len(errors) == 1 and f"`env.{key}`" in errors[0], (text, errors)


@pytest.mark.parametrize("value", ["create\n", "list()", "1st", "délete"])
def test_method_override_must_be_an_identifier(tmp_path: Path, value: str) -> None:
    text, errors, _ = load(tmp_path, {"resources": {"files": {"methods": {"listFiles": value}}}})
    assert len(errors) == 1 and "`resources.files.methods.listFiles`" in errors[0], (text, errors)


@pytest.mark.parametrize("value", ["\0", "no-such-folder", "a\nb", "spec.yaml"])
def test_root_that_names_no_folder_is_a_positioned_error(tmp_path: Path, value: str) -> None:
    """A NUL in the name (found by `make fuzz`: ValueError from the path resolver), a missing folder,
    a file: one error at the key, never a traceback."""
    (tmp_path / "spec.yaml").write_text("openapi: 3.0.3\n", encoding="utf-8")
    text, errors, _ = load(tmp_path, {"root": value})
    assert len(errors) == 1 and "`root`" in errors[0] and "is not a folder" in errors[0], (text, errors)
    assert DIAG.match(errors[0]), errors


def test_duplicate_page_scheme_names_are_an_error(tmp_path: Path) -> None:
    text, errors, _ = load(tmp_path, {"pagination": [{"name": "P"}, {"name": "Q"}, {"name": "P"}]})
    assert len(errors) == 1 and "already names pagination[0]" in errors[0], (text, errors)
    assert DIAG.match(errors[0])["line"] == "4"  # type: ignore[index]  (line 1: pagination:)


def test_configured_python_package_never_shadows_a_module_the_sdk_imports() -> None:
    """Every standard library module and runtime dependency, as written and in fullwidth letters
    (which Python folds to the same name, NFKC): the package is renamed with a warning."""
    from sdkforge.targets.python.modules import TAKEN
    from sdkforge.targets.python.names import is_identifier, sdk_names

    for module in sorted(TAKEN):
        fullwidth = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in module)
        for wanted in (module, fullwidth):
            told: list[tuple[str, str]] = []
            package, _, _ = sdk_names("Things", {"package": wanted}, lambda message, key: told.append((message, key)))
            assert is_identifier(package) and package not in TAKEN, (wanted, package)
            assert unicodedata.normalize("NFKC", package) == package
            assert told and told[0][1] == "package" and repr(wanted) in told[0][0], (wanted, told)


# ------------------------------------------------------------------ hostile strings, every target
HOSTILE = [p for p in PAYLOADS if "\x00" not in p][:12] + ["Cursor\nPage", "class", "Paginator", "json", "名前", ""]


def hostile_setup(tmp_path: Path) -> tuple[Path, Path]:
    """A config with hostile text in every string position the generation uses (identifier positions
    that are refused, env names and method overrides, are left out), and a spec whose list operations
    match each page scheme, so that every scheme's page class is generated in every target."""
    schemes = []
    paths: dict[str, Any] = {}
    styles = ["cursor", "offset", "page"]
    for i, name in enumerate(HOSTILE):
        fields = [f"{HOSTILE[(i + k) % len(HOSTILE)]}{k}" for k in range(1, 5)]
        cursor, items, has_more, next_cursor = fields
        style = styles[i % 3]
        scheme = {"name": name or f"{i}", "type": style,
                  "request": {{"cursor": "cursor", "offset": "offset", "page": "page"}[style]: cursor,
                              "limit": f"limit{i}"},
                  "response": {"items": items, "has_more": has_more, "next_cursor": next_cursor}}
        schemes.append(scheme)
        paths[f"/list{i}"] = page_scheme_operation(scheme, f"list{i}")
    spec = tmp_path / "api.json"
    spec.write_text(json.dumps({"openapi": "3.0.3", "info": {"title": "Hostile", "version": "1"},
                                "servers": [{"url": "https://api.example.com"}], "paths": paths}))
    text = HOSTILE[0]
    config = {
        "name": HOSTILE[2],
        "base_url": "https://x.example.com/" + HOSTILE[1],
        "targets": {
            "python": {"package": HOSTILE[3], "dist": text, "client": HOSTILE[4], "async_client": HOSTILE[5],
                       "version": HOSTILE[6]},
            "typescript": {"package": HOSTILE[7], "client": HOSTILE[8], "version": HOSTILE[9]},
            "ruby": {"gem": HOSTILE[10], "module": HOSTILE[11], "version": text},
            "go": {"module": HOSTILE[12], "package": HOSTILE[13]},
        },
        "pagination": schemes,
    }
    path = tmp_path / "api.sdkforge.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return spec, path


def test_hostile_config_strings_reach_every_target_escaped(tmp_path: Path) -> None:
    spec, config = hostile_setup(tmp_path)
    out = tmp_path / "out"
    result = sdkforge("generate", spec, "--config", config, "--out", out)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Traceback" not in result.stderr
    # every warning about a configured value points into the config file
    for m in DIAG.finditer(result.stderr):
        if "targets." in m["msg"] or "python." in m["msg"] or "ruby " in m["msg"]:
            assert m["file"].endswith("api.sdkforge.yaml"), m.group(0)
    assert checks.cheap_problems(out) == []
    (tmp_path / "scratch").mkdir()
    problems = checks.real_tool_problems(out, tmp_path / "scratch")
    assert problems == [], "\n".join(problems)[:8000]
    # each scheme has its own page class in every SDK: none was lost to a name clash
    page_file = next((out / "python" / "src").glob("*/pagination.py")).read_text()
    assert len(re.findall(r"^class Sync\w+\(BaseSyncPage", page_file, re.M)) == len(HOSTILE)


SHADOWING = [
    {"python": {"package": "json"}, "ruby": {"gem": "json", "module": "URI"},
     "go": {"module": "encoding/json", "package": "http"}, "typescript": {"package": "http"}},
    {"python": {"package": "ｔｙｐｉｎｇ", "client": "Stream"}, "ruby": {"gem": "net/http", "module": "Net"},
     "go": {"module": "fmt", "package": "context"}, "typescript": {"package": "fs"}},
]


@pytest.mark.parametrize("targets", SHADOWING, ids=["json", "typing"])
def test_configured_package_names_never_shadow_what_the_sdk_needs(tmp_path: Path, targets: dict[str, Any]) -> None:
    """A package, gem, module or client named like a standard library module (or a dependency) is
    renamed with a warning at its place in the config, and every SDK still builds and loads."""
    spec = tmp_path / "api.yaml"
    spec.write_text(
        'openapi: 3.0.3\ninfo: {title: Things, version: "1"}\nservers: [{url: "https://api.example.com"}]\n'
        "paths:\n  /things:\n    get:\n      operationId: listThings\n      responses:\n"
        "        '200': {description: ok, content: {application/json: {schema: {type: object}}}}\n"
    )
    config = tmp_path / "api.sdkforge.yaml"
    config.write_text(yaml.safe_dump({"targets": targets}, allow_unicode=True), "utf-8")
    out = tmp_path / "out"
    result = sdkforge("generate", spec, "--config", config, "--out", out)
    assert result.returncode == 0, result.stderr[-4000:]
    warned = {m["line"] for m in DIAG.finditer(result.stderr) if m["sev"] == "warning"
              and m["file"].endswith("api.sdkforge.yaml")}
    settings = sum(len(v) for v in targets.values())
    assert len(warned) == settings, result.stderr  # one setting a line
    (tmp_path / "scratch").mkdir()
    problems = checks.real_tool_problems(out, tmp_path / "scratch")
    assert problems == [], "\n".join(problems)[:8000]


@pytest.mark.parametrize("key", ["\n", "a\nb", "`x`", "\u2028", "\x85", "a/b~c"])
def test_config_key_with_a_line_break_keeps_each_diagnostic_on_one_line(tmp_path: Path, key: str) -> None:
    """A key of the user's (a resource path, an operationId, an unknown key) is quoted in messages and
    in the pointer: each diagnostic stays one ``file:line:col: severity: message`` line."""
    lines = []
    for config, counts in (({"resources": {key: [MARK]}, key: 1}, (2, 0)),
                           ({"resources": {"ok": {"methods": {key: "not an identifier"}}}}, (1, 0))):
        text, errors, warnings = load(tmp_path, config)
        assert (len(errors), len(warnings)) == counts, (text, errors, warnings)
        lines += errors + warnings
    for line in lines:
        assert len(line.splitlines()) == 1 and DIAG.fullmatch(line), line
