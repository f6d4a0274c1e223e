"""Specs spread over files and folders: links that loop, Swagger 2.0 split over sibling folders,
3.1 specs that refer to sibling folders (the Matrix layout), and the root folder ``$ref``s may reach.

Fixtures: tests/cases/layouts/swagger-split (a 2.0 pet shelter: spec/ refers to ../common/) and
tests/cases/layouts/matrix-like (data/api/client-server/ refers to ../../event-schemas/).  Each test
copies its fixture to a temporary folder, so whether a ``.git`` sits above it is the test's choice.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from hostile import checks
from sdkforge.openapi.load import MAX_FILE_BYTES, MAX_STRING_CHARS
from test_hostile_inputs import HEAD, assert_refused, sdkforge

REPO = Path(__file__).resolve().parents[1]
LAYOUTS = REPO / "tests" / "cases" / "layouts"
SWAGGER = "spec/swagger.yaml"
MATRIX = "data/api/client-server/sync.yaml"
LIFTS = ("--root DIR", "`root: DIR`")


def layout(name: str, tmp_path: Path, *, repository: bool) -> Path:
    """A copy of the fixture; ``repository``: with a ``.git`` folder at its top."""
    folder = tmp_path / name
    shutil.copytree(LAYOUTS / name, folder)
    if repository:
        (folder / ".git").mkdir()
    return folder


def assert_generated(result: object, out: Path) -> None:
    output = result.stdout + result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in output and "internal error" not in output, output[-3000:]
    assert result.returncode == 0, output[-3000:]  # type: ignore[attr-defined]
    assert checks.cheap_problems(out) == []


# ---------------------------------------------------------------- loops of symbolic links
def _ref_spec(folder: Path, target: str) -> Path:
    spec = folder / "spec.yaml"
    spec.write_text(HEAD + f"paths:\n  /a:\n    get:\n      responses:\n        '200': {{$ref: '{target}#/R'}}\n")
    return spec


@pytest.mark.parametrize("command", ["validate", "generate"])
@pytest.mark.parametrize("links", [{"self.yaml": "self.yaml"}, {"a.yaml": "b.yaml", "b.yaml": "a.yaml"}],
                         ids=["self", "pair"])
def test_ref_to_a_symlink_loop_is_refused_at_the_ref(tmp_path: Path, command: str, links: dict[str, str]) -> None:
    for name, target in links.items():
        (tmp_path / name).symlink_to(target)
    spec = _ref_spec(tmp_path, next(iter(links)))
    extra = ["--out", tmp_path / "out"] if command == "generate" else []
    error = assert_refused(sdkforge(command, spec, *extra, cwd=tmp_path, timeout=60), message="loop of symbolic links",
                           line=7)
    assert error["file"] == "spec.yaml"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("role", ["spec", "config"])
@pytest.mark.parametrize("command", ["validate", "generate"])
def test_input_path_that_is_a_symlink_loop_is_refused(tmp_path: Path, command: str, role: str) -> None:
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    good = tmp_path / "good.yaml"
    good.write_text(HEAD + "paths: {}\n")
    args: list[str | Path] = [command, "a.yaml"] if role == "spec" else [command, good, "--config", "a.yaml"]
    if command == "generate":
        args += ["--out", tmp_path / "out"]
    error = assert_refused(sdkforge(*args, cwd=tmp_path, timeout=60), message="loop of symbolic links", line=1)
    assert error["file"] == "a.yaml"


def test_ref_through_a_link_that_escapes_the_root_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "api"
    folder.mkdir()
    (tmp_path / "outside.yaml").write_text("R: {description: ok}\n")
    (folder / "inside.yaml").symlink_to(tmp_path / "outside.yaml")
    spec = _ref_spec(folder, "inside.yaml")
    assert_refused(sdkforge("validate", spec, cwd=folder, timeout=60), message="points outside", line=7)


# ---------------------------------------------------------------- Swagger 2.0 split over sibling folders
def test_swagger_split_over_sibling_folders_generates_and_compiles(tmp_path: Path) -> None:
    folder = layout("swagger-split", tmp_path, repository=True)
    out = tmp_path / "out"
    assert_generated(sdkforge("generate", folder / SWAGGER, "--out", out, cwd=folder, timeout=300), out)
    canary, work = tmp_path / "canary", tmp_path / "work"
    canary.mkdir()
    work.mkdir()
    problems = checks.import_python(out / "python", canary)[0]
    problems += checks.check_typescript(out / "typescript", work, canary)
    problems += checks.ruby_syntax(out / "ruby") + checks.load_ruby(out / "ruby", canary)
    if checks.GO is not None:
        problems += checks.check_go(out / "go", work, canary)
    problems += checks.check_docs(out / "docs")
    assert problems == []
    # every part from another file arrived with its role: parameters, the body, both kinds of responses
    pets = (out / "python" / "src" / "pet_shelter" / "resources" / "pets.py").read_text()
    for wire in ('"query", "species"', '"query", "limit"', '"path", "petId"'):
        assert wire in pets
    types = out / "python" / "src" / "pet_shelter" / "types"
    pet = (types / "pet.py").read_text()
    assert "adopted: Optional[bool]" in pet and "id: int" in pet and "name: str" in pet
    assert (types / "error_model.py").is_file() and (types / "missing.py").is_file()


def test_swagger_split_with_the_shared_files_beside_the_spec(tmp_path: Path) -> None:
    folder = layout("swagger-split", tmp_path, repository=False)
    for path in (folder / "common").iterdir():
        path.rename(folder / "spec" / path.name)
    spec = folder / SWAGGER
    spec.write_text(spec.read_text().replace("../common/", ""))
    out = tmp_path / "out"
    assert_generated(sdkforge("generate", spec, "--out", out, "--target", "python,go", cwd=folder, timeout=300), out)


def test_swagger_split_outside_the_root_names_the_option(tmp_path: Path) -> None:
    folder = layout("swagger-split", tmp_path, repository=False)
    result = sdkforge("validate", folder / SWAGGER, cwd=folder, timeout=60)
    error = assert_refused(result, message="points outside the spec's folder", line=27)
    assert all(lift in error["msg"] for lift in LIFTS)
    assert sdkforge("validate", folder / SWAGGER, "--root", folder, cwd=folder, timeout=60).returncode == 0


def test_swagger_part_in_a_missing_file_is_refused_at_the_ref(tmp_path: Path) -> None:
    folder = layout("swagger-split", tmp_path, repository=True)
    spec = folder / SWAGGER
    spec.write_text(spec.read_text().replace('"parameters.yaml#/pageSize"', '"nowhere.yaml#/pageSize"'))
    assert_refused(sdkforge("validate", spec, cwd=folder, timeout=60), message="file not found", line=18)


# ---------------------------------------------------------------- the root folder (the Matrix layout)
def test_spec_beside_sibling_folders_generates_inside_its_repository(tmp_path: Path) -> None:
    folder = layout("matrix-like", tmp_path, repository=True)
    out = tmp_path / "out"
    assert_generated(sdkforge("generate", folder / MATRIX, "--out", out, "--target", "python,typescript",
                              cwd=folder, timeout=300), out)
    # the schemas from the sibling folder arrived: the message content, the event it extends, the error
    models = "\n".join(path.read_text() for path in (out / "python" / "src").rglob("types/*.py"))
    for field in ("msgtype: str", "origin_server_ts: Optional[int]", "errcode: Optional[str]", "next_batch: str"):
        assert field in models


def test_refusal_outside_the_spec_folder_names_the_option(tmp_path: Path) -> None:
    folder = layout("matrix-like", tmp_path, repository=False)
    error = assert_refused(sdkforge("validate", folder / MATRIX, cwd=folder, timeout=60),
                           message="points outside the spec's folder")
    assert all(lift in error["msg"] for lift in LIFTS), error["msg"]


@pytest.mark.parametrize("how", ["cli", "config"])
def test_root_option_lifts_the_refusal(tmp_path: Path, how: str) -> None:
    folder = layout("matrix-like", tmp_path, repository=False)
    spec = folder / MATRIX
    if how == "cli":
        result = sdkforge("validate", spec, "--root", folder / "data", cwd=folder, timeout=60)
    else:
        (spec.parent / "sync.sdkforge.yaml").write_text("root: ../..\n")
        result = sdkforge("validate", spec, cwd=folder, timeout=60)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "warning" not in result.stderr


@pytest.mark.parametrize("how", ["cli", "config"])
def test_strict_root_refuses_inside_a_repository(tmp_path: Path, how: str) -> None:
    """The spec's own folder as the root refuses what the repository would allow, and says whose limit it is."""
    folder = layout("matrix-like", tmp_path, repository=True)
    spec = folder / MATRIX
    if how == "cli":
        result = sdkforge("validate", spec, "--root", spec.parent, cwd=folder, timeout=60)
        origin = "--root"
    else:
        (spec.parent / "sync.sdkforge.yaml").write_text("root: .\n")
        result = sdkforge("validate", spec, cwd=folder, timeout=60)
        origin = "the config's root"
    error = assert_refused(result, message="points outside")
    assert origin in error["msg"] and all(lift in error["msg"] for lift in LIFTS), error["msg"]


def test_repository_root_still_refuses_what_is_outside_it(tmp_path: Path) -> None:
    folder = layout("matrix-like", tmp_path / "repo", repository=True)
    (tmp_path / "secret.yaml").write_text("R: {description: secret}\n")
    spec = folder / MATRIX
    spec.write_text(spec.read_text().replace("definitions/since.yaml", "../../../../secret.yaml#/R"))
    error = assert_refused(sdkforge("validate", spec, cwd=folder, timeout=60), message="points outside the repository")
    assert all(lift in error["msg"] for lift in LIFTS)


def test_ref_into_the_git_folder_is_refused(tmp_path: Path) -> None:
    folder = layout("matrix-like", tmp_path, repository=True)
    (folder / ".git" / "config.yaml").write_text("R: {in: query, name: x, schema: {type: string}}\n")
    spec = folder / MATRIX
    spec.write_text(spec.read_text().replace("definitions/since.yaml", "../../../.git/config.yaml#/R"))
    assert_refused(sdkforge("validate", spec, cwd=folder, timeout=60), message="inside a .git folder", line=14)


def test_root_that_is_not_a_folder_or_not_above_the_spec(tmp_path: Path) -> None:
    folder = layout("matrix-like", tmp_path, repository=False)
    spec = folder / MATRIX
    assert_refused(sdkforge("validate", spec, "--root", folder / "nope", cwd=folder, timeout=60),
                   message="--root: not a folder")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert_refused(sdkforge("validate", spec, "--root", elsewhere, cwd=folder, timeout=60),
                   message="the spec is outside --root")
    (spec.parent / "sync.sdkforge.yaml").write_text("root: ../nope\n")
    assert_refused(sdkforge("validate", spec, cwd=folder, timeout=60), message="is not a folder", line=1)


def test_allow_refs_outside_root_still_works_and_is_deprecated(tmp_path: Path) -> None:
    folder = layout("matrix-like", tmp_path, repository=False)
    spec = folder / MATRIX
    (spec.parent / "sync.sdkforge.yaml").write_text("name: chat\nallow_refs_outside_root: true\n")
    result = sdkforge("validate", spec, cwd=folder, timeout=60)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "sync.sdkforge.yaml:2:26: warning: `allow_refs_outside_root` is deprecated" in result.stderr
    assert "--root DIR" in result.stderr


def test_root_option_changes_the_cache_key(tmp_path: Path) -> None:
    """A cached run under a wide root must not answer for a run under a strict one."""
    folder = layout("matrix-like", tmp_path, repository=True)
    spec, out = folder / MATRIX, tmp_path / "out"
    first = sdkforge("generate", spec, "--out", out, "--target", "python", cwd=folder, timeout=300)
    assert first.returncode == 0, first.stderr[-3000:]
    assert_refused(sdkforge("generate", spec, "--out", out, "--target", "python", "--root", spec.parent,
                            cwd=folder, timeout=300), message="points outside")
    assert os.listdir(out)


# ---------------------------------------------------------------- memory: the longest accepted strings
def _memory_ceiling() -> object:
    spec = importlib.util.spec_from_file_location("memory_ceiling", REPO / "benchmarks" / "memory_ceiling.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CEILING_BYTES = 1024 * 1024 * 1024  # measured 313 MiB for 60 strings at the limit (a 63 MB file), every target


def test_longest_accepted_strings_stay_under_the_memory_ceiling() -> None:
    """As many strings at the per-string limit as fit in the largest accepted file, every target: the docs
    repeat a schema's description on several pages per language, and a 60 MB one took 7.3 GiB before."""
    memory = _memory_ceiling()
    strings = MAX_FILE_BYTES // (MAX_STRING_CHARS + 512) - 1
    assert len(json.dumps(memory.spec(strings, MAX_STRING_CHARS))) <= MAX_FILE_BYTES  # type: ignore[attr-defined]
    peak, seconds, code = memory.measure(strings, MAX_STRING_CHARS, "all")  # type: ignore[attr-defined]
    assert code == 0
    assert peak < CEILING_BYTES, f"peak RSS {peak / 2**20:.0f} MiB in {seconds:.1f} s"


@pytest.mark.parametrize("where", ["description", "example", "key"])
def test_string_over_the_length_limit_is_refused_where_it_is(tmp_path: Path, where: str) -> None:
    long = "y" * (MAX_STRING_CHARS + 1)
    schema = {"description": {"type": "string", "description": long},
              "example": {"type": "string", "example": ["short", long]},
              "key": {"type": "object", "properties": {long: {"type": "string"}}}}[where]
    doc = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
           "components": {"schemas": {"A": schema}}}
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(doc, width=1 << 30))
    error = assert_refused(sdkforge("validate", spec, cwd=tmp_path, timeout=60),
                           message=f"the limit is {MAX_STRING_CHARS} characters per string")
    assert int(error["line"]) > 1
