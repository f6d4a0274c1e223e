"""`sdkforge init SPEC`: a starter config that, as written, changes nothing (it loads with no
diagnostic and generates what no config generates), holds the derived names, the recognised page
schemes and the renames, never overwrites a file, and carries every spec string escaped for YAML."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import load_api
from sdkforge.starter import yaml_comment, yaml_string

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "spec" / "openai-uploads.yaml"
PETSTORE = REPO.parent / "shared" / "specs" / "real" / "petstore-3.0" / "petstore.yaml"
HOSTILE = ": #\n'\"x"  # a key, a comment, a line break and both quotes


def sdkforge(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sdkforge.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1"}, timeout=600)


def same_trees(a: Path, b: Path) -> list[str]:
    """Files that differ or exist on one side only (the generator's own records left out)."""
    def walk(cmp: filecmp.dircmp[str], rel: str) -> list[str]:
        out = [f"{rel}{name}" for name in cmp.left_only + cmp.right_only + cmp.diff_files if name != ".sdkforge"]
        for name, sub in cmp.subdirs.items():
            if name != ".sdkforge":
                out += walk(sub, f"{rel}{name}/")
        return out

    filecmp.clear_cache()
    return walk(filecmp.dircmp(a, b, ignore=[]), "")


def starter(tmp_path: Path, spec: Path, text: str | None = None) -> tuple[Path, Path]:
    """(spec copied alone into tmp_path, the config init wrote beside it)."""
    copy = tmp_path / "api" / spec.name
    copy.parent.mkdir()
    copy.write_text(text if text is not None else spec.read_text("utf-8"), "utf-8")
    result = sdkforge("init", copy)
    assert result.returncode == 0, result.stderr
    config = copy.with_name(copy.name.split(".")[0] + ".sdkforge.yaml")
    assert config.is_file() and str(config) in result.stderr
    return copy, config


@pytest.mark.parametrize("spec", [SAMPLE, PETSTORE], ids=["sample", "petstore"])
def test_starter_config_changes_nothing(tmp_path: Path, spec: Path) -> None:
    if not spec.is_file():
        pytest.fail(f"{spec} is missing (../shared/specs/real, see MANIFEST.tsv)")
    copy, config = starter(tmp_path, spec)
    data = yaml.safe_load(config.read_text("utf-8"))
    assert set(data["targets"]) == {"python", "typescript", "ruby", "go"} and data["name"]
    assert data["detect_pagination"] is True
    validated = sdkforge("validate", copy)  # finds the config beside the spec
    assert validated.returncode == 0 and config.name not in validated.stderr, validated.stderr
    with_config = sdkforge("generate", copy, "--out", tmp_path / "with", "-q")
    assert with_config.returncode == 0 and config.name not in with_config.stderr, with_config.stderr
    config.rename(tmp_path / "moved.yaml")
    without = sdkforge("generate", copy, "--out", tmp_path / "without", "-q")
    assert without.returncode == 0, without.stderr
    assert same_trees(tmp_path / "with", tmp_path / "without") == []


def test_starter_config_lists_recognised_page_schemes(tmp_path: Path) -> None:
    _, config = starter(tmp_path, SAMPLE)
    text = config.read_text("utf-8")
    assert "#   CursorPage (cursor): 1 operation (GET /files)" in text
    commented = yaml.safe_load("\n".join(line[1:] for line in text.splitlines() if line.startswith("# pagination:")
                                         or line.startswith("#   ") and ":" in line and "(" not in line))
    assert commented["pagination"][0]["request"] == {"cursor": "after", "limit": "limit"}


def test_init_never_overwrites_a_file(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_bytes(SAMPLE.read_bytes())
    for existing in (tmp_path / "api.sdkforge.yaml", tmp_path / "mine.yaml"):
        existing.write_text("mine\n")
        args = ["--out", existing] if existing.name == "mine.yaml" else []
        result = sdkforge("init", spec, *args)
        assert result.returncode == 2 and "exists" in result.stderr and "never overwrites" in result.stderr
        assert existing.read_text() == "mine\n"
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")  # a dangling link is not written through either
    assert sdkforge("init", spec, "--out", link).returncode == 2 and not (tmp_path / "nowhere.yaml").exists()


def test_init_of_an_unusable_spec_writes_nothing(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text("openapi: 3.0.3\ninfo: {title: T}\npaths: nope\n")
    result = sdkforge("init", spec)
    assert result.returncode == 2 and "api.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "api.sdkforge.yaml").exists()


def hostile_spec() -> str:
    """A spec whose title, paths and operationIds hold YAML's syntax, two operations that derive one
    name (so the starter lists a rename) and a page scheme."""
    op = {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}}}
    return json.dumps({
        "openapi": "3.0.3", "info": {"title": f"Evil{HOSTILE} API\u2028x\x85", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {
            "/things": {"post": {**op, "operationId": f"create{HOSTILE}"}},
            "/things/create": {"post": {**op, "operationId": f"make{HOSTILE}"}},
            f"/odd{HOSTILE}": {"get": {**op, "operationId": f"odd{HOSTILE}"}},
        },
    })


def test_spec_strings_reach_the_starter_escaped(tmp_path: Path) -> None:
    copy, config = starter(tmp_path, Path("api.json"), hostile_spec())
    text = config.read_text("utf-8")
    data = yaml.safe_load(text)
    config.rename(tmp_path / "aside.yaml")
    title = load_api(copy, Diagnostics()).api.title  # the title as the SDKs show it (one line)
    (tmp_path / "aside.yaml").rename(config)
    assert data["name"] == title and title.startswith("Evil: #") and "'\"x" in title  # read back exactly
    assert set(data) == {"name", "env", "targets", "detect_pagination"}  # nothing from a comment became a key
    for line in text.splitlines():  # every line is a comment, blank, or a key of the starter's own
        assert not line or line.startswith("#") or line.lstrip().split(":")[0] in {
            "name", "env", "api_key", "base_url", "log", "targets", "python", "typescript", "ruby", "go",
            "package", "client", "async_client", "gem", "module", "detect_pagination"}, line
    assert "had to be renamed" in text
    assert "\u2028" not in text and "\x85" not in text
    result = sdkforge("validate", copy)
    assert result.returncode == 0 and config.name not in result.stderr, result.stderr
    with_config = sdkforge("generate", copy, "--out", tmp_path / "with", "-q", "--target", "python")
    config.rename(tmp_path / "moved.yaml")
    without = sdkforge("generate", copy, "--out", tmp_path / "without", "-q", "--target", "python")
    assert with_config.returncode == without.returncode == 0, with_config.stderr + without.stderr
    assert same_trees(tmp_path / "with", tmp_path / "without") == []


@pytest.mark.parametrize("text", ["", "plain", HOSTILE, "a\\b", "\x00\x07\x1b\x7f", "\u2028\u2029\x85\ufeff",
                                  "😀 ñ 名前", "\t\r\n", "- [x]", "&a *b !c %d @e `f", "yes", "~", "\ud800"])
def test_yaml_string_reads_back_as_the_same_text(text: str) -> None:
    assert yaml.safe_load(f"k: {yaml_string(text)}\n") == {"k": text}
    assert yaml.safe_load(f"# {yaml_comment(text)}\nk: 1\n") == {"k": 1}
