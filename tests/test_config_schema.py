"""The config's one typed description (sdkforge.config.SCHEMA) covers every key: each key has a
description and a value it accepts, that value is accepted where the key stands and a value of the
wrong type is a positioned error with exit 2; the JSON Schema, `sdkforge config docs/--help` and the
README are read off it (and cannot drift from it); real configs validate against the JSON Schema."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from sdkforge import config_schema
from sdkforge.cli import main
from sdkforge.config import SCHEMA, Bool, Fields, ListOf, MapOf, Str, Tree
from sdkforge.diagnostics import Diagnostics, SpecError
from sdkforge.pipeline import load_api
from support.configs import MARK, dotted, place, positions, with_page_names, wrong_values

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "spec" / "openai-uploads.yaml"
DIAG = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$", re.M)
KEYS = [(path, spec) for path, spec in positions(SCHEMA) if path]
IDS = [dotted(path) for path, _ in KEYS]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write_config(tmp_path: Path, config: Any) -> Path:
    path = tmp_path / "api.sdkforge.yaml"
    path.write_text(yaml.safe_dump(config, default_flow_style=None, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def config_diagnostics(config: Path) -> list[str]:
    """The diagnostics loading the sample spec (copied beside ``config``) with ``config`` gives."""
    diags = Diagnostics()
    spec = config.with_name("api.yaml")
    spec.write_bytes(SPEC.read_bytes())
    try:
        load_api(spec, diags, config_path=config)
    except SpecError as exc:
        diags.items += [d for d in exc.diagnostics if d not in diags.items]
    return diags.lines()


def test_every_key_has_a_description_and_an_example() -> None:
    """A key added without them fails here (the tests below place each key's example)."""
    for path, spec in positions(SCHEMA):
        if path:
            assert getattr(spec, "doc", ""), f"{dotted(path)} has no description"
        if isinstance(spec, (Str, Bool)):
            assert spec.example is not None, f"{dotted(path)} has no example"
        if isinstance(spec, MapOf):
            assert spec.key and spec.example_key, f"{dotted(path)}: its keys are not named"
        if isinstance(spec, Tree):
            assert spec.example, f"{dotted(path)} has no example"


@pytest.mark.parametrize("path,spec", KEYS, ids=IDS)
def test_every_config_key_accepts_its_example_and_refuses_a_wrong_type(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], path: tuple[str | int, ...], spec: Any) -> None:
    """(a) the key's example, alone in a config, loads with the sample spec (the IR built: references
    to the spec checked) with no diagnostic; (b) a value of another type is an error at its line naming
    the key, exit 2, and generate writes nothing."""
    config = write_config(tmp_path, with_page_names(place(path, config_schema.example_of(spec))))
    assert config_diagnostics(config) == []
    wrong = wrong_values(spec)[0]
    config = write_config(tmp_path, with_page_names(place(path, wrong)))
    out = tmp_path / "out"
    code, _, err = run(capsys, "generate", SPEC, "--config", config, "--out", out)
    assert code == 2, err
    errors = [m for m in DIAG.finditer(err) if m["sev"] == "error"]
    assert len(errors) == 1 and errors[0]["file"].endswith("api.sdkforge.yaml"), err
    assert f"`{dotted(path)}` must be " in errors[0]["msg"], err
    line = [n for n, text in enumerate(config.read_text().splitlines(), 1) if str(MARK) in text][0]
    assert int(errors[0]["line"]) == line, err
    assert not out.exists()


def test_whole_example_config_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, config_schema.example_of(SCHEMA))
    assert config_diagnostics(config) == []
    code, _, err = run(capsys, "validate", tmp_path / "api.yaml")  # the config beside the spec
    assert code == 0 and "api.sdkforge.yaml" not in err, err


@pytest.mark.parametrize("config,message", [
    ("targets:\n  pyhton: {}\n", "unknown config key `targets.pyhton`; did you mean `python`?"),
    ("targets:\n  typescript: {pakage: x}\n", "unknown config key `targets.typescript.pakage`; did you mean `package`?"),
    ("targets:\n  python: {clinet: X}\n", "unknown config key `targets.python.clinet`; did you mean `client`?"),
    ("nmae: X\n", "unknown config key `nmae`; did you mean `name`?"),
    ("resources:\n  uploads:\n    methods:\n      createUplod: start\n",
     "resources: the spec has no operation `createUplod`; did you mean `createUpload`?"),
    ("layout:\n  uploads:\n    start: createUplod\n", "did you mean `createUpload`?"),
    ("layout:\n  up:\n    from: uplods\n", "did you mean `uploads`?"),
    ("models:\n  Uplod: Thing\n", "models: the spec has no schema `Uplod`; did you mean `Upload`?"),
])
def test_config_typo_is_a_positioned_error_with_a_suggestion(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, message: str) -> None:
    path = tmp_path / "api.sdkforge.yaml"
    path.write_text(config, "utf-8")
    for command in ("validate", "generate"):
        out = tmp_path / "out"
        code, _, err = run(capsys, command, SPEC, "--config", path, *(["--out", out] if command == "generate" else []))
        assert code == 2, err
        errors = [m for m in DIAG.finditer(err) if m["sev"] == "error"]
        assert len(errors) == 1 and message in errors[0]["msg"], err
        assert errors[0]["file"].endswith("api.sdkforge.yaml") and int(errors[0]["line"]) == len(config.splitlines())
        assert not out.exists()


def test_operation_named_twice_under_resources_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "api.sdkforge.yaml"
    path.write_text("resources:\n  a: {methods: {createUpload: start}}\n  b: {methods: {createUpload: begin}}\n")
    code, _, err = run(capsys, "validate", SPEC, "--config", path)
    assert code == 2 and "already named `a.start`" in err and "api.sdkforge.yaml:3:" in err, err


# ------------------------------------------------------------------ what is read off SCHEMA
def test_shipped_json_schema_is_what_the_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "config", "schema")
    assert code == 0
    assert (REPO / "docs" / "sdkforge.config.schema.json").read_text("utf-8") == out, \
        "docs/sdkforge.config.schema.json is stale: sdkforge config schema > docs/sdkforge.config.schema.json"
    jsonschema.Draft202012Validator.check_schema(json.loads(out))


def test_readme_lists_every_key_as_the_command_does(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    table = re.search(r"<!-- config keys:[^\n]*-->\n(.*?)<!-- end of config keys -->", readme, re.S)
    assert table, "the README has no config key table"
    code, out, _ = run(capsys, "config", "docs", "--format", "markdown")
    assert code == 0 and table.group(1) == out, "README's key table is stale: sdkforge config docs --format markdown"


def row_key(path: tuple[str | int, ...]) -> str:
    """The reference's name of the key at ``path``: a list's item ``[]``, a key of the user's ``<what>``."""
    out, node = "", SCHEMA
    for token in path:
        if isinstance(node, Fields):
            out, node = f"{out}.{token}".lstrip("."), node.fields[str(token)]
        elif isinstance(node, ListOf):
            out, node = out + "[]", node.item
        elif isinstance(node, MapOf):
            out, node = f"{out}.<{node.key}>", node.value
    return out


def test_config_help_and_docs_list_every_key(capsys: pytest.CaptureFixture[str]) -> None:
    keys = {row.key for row in config_schema.rows()}
    for path, spec in KEYS:  # every key of the schema has its row (the user's own keys as placeholders)
        if isinstance(spec, Fields) and isinstance(path[-1], int):
            continue  # a list's mapping items: their keys have rows
        assert row_key(path) in keys, row_key(path)
    with pytest.raises(SystemExit) as exited:
        main(["config", "--help"])
    assert exited.value.code == 0
    help_text = capsys.readouterr().out
    code, docs, _ = run(capsys, "config", "docs")
    assert code == 0
    for row in config_schema.rows():
        assert f"  {row.key}: {row.type}" in help_text and f"  {row.key}: {row.type}" in docs, row.key
        for word in row.description.replace("`", "").split()[:4]:
            assert word in docs


# ------------------------------------------------------------------ the JSON Schema agrees with the checker
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(config_schema.json_schema())


@pytest.mark.parametrize("file", ["examples/openai/openai.sdkforge.yaml", "spec/openai-uploads.sdkforge.yaml"])
def test_real_configs_validate_against_the_json_schema(file: str) -> None:
    errors = list(_validator().iter_errors(yaml.safe_load((REPO / file).read_text("utf-8"))))
    assert errors == [], [e.message for e in errors]


def test_json_schema_accepts_every_example_and_refuses_every_wrong_type() -> None:
    validator = _validator()
    assert list(validator.iter_errors(config_schema.example_of(SCHEMA))) == []
    for path, spec in KEYS:
        config = with_page_names(place(path, config_schema.example_of(spec)))
        assert list(validator.iter_errors(config)) == [], dotted(path)
        for wrong in wrong_values(spec):
            assert list(validator.iter_errors(with_page_names(place(path, wrong)))), (dotted(path), wrong)
        if isinstance(spec, Fields):
            assert list(validator.iter_errors(with_page_names(place(path, {"nope": 1})))), dotted(path)


def test_json_schema_reads_the_layout_tree_at_any_depth() -> None:
    validator = _validator()
    assert list(validator.iter_errors({"layout": {"a": {"b": {"c": "GET /x", "from": "y"}}}})) == []
    assert list(validator.iter_errors({"layout": {"a": {"b": {"c": 1}}}}))
    assert list(validator.iter_errors({"layout": {"a": {"from": ["y"]}}}))


def test_list_and_mapping_keys_are_typed_in_the_json_schema() -> None:
    validator = _validator()
    assert list(validator.iter_errors({"pagination": [{"type": "cursor"}]}))  # name is required
    assert list(validator.iter_errors({"pagination": [{"name": "P", "type": "cursr"}]}))
    assert not list(validator.iter_errors({"pagination": [None], "env": None, "targets": {"go": {"tests": None}}}))
    assert isinstance(SCHEMA.fields["pagination"], ListOf)
