"""The CI integrations: `.pre-commit-hooks.yaml` defines the `sdkforge-check` hook as pre-commit
reads it, and its entry, run with a user's arguments, exits 0 on fresh output, 1 on stale output
and 3 when regenerating breaks users (as the README's "In CI" section says)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "spec" / "openai-uploads.yaml"


def hooks() -> list[dict[str, object]]:
    data = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(data, list)
    return data


def test_pre_commit_hook_definition_has_what_pre_commit_needs() -> None:
    (hook,) = [h for h in hooks() if h.get("id") == "sdkforge-check"]
    for key, kind in (("id", str), ("name", str), ("entry", str), ("language", str), ("pass_filenames", bool)):
        assert isinstance(hook.get(key), kind), key
    assert hook["language"] == "python"  # pre-commit installs this repository's package, which provides the command
    assert hook["pass_filenames"] is False  # the spec comes from the user's args, not from the changed files
    assert shlex.split(str(hook["entry"]))[:3] == ["sdkforge", "generate", "--check"]
    scripts = (REPO / "pyproject.toml").read_text("utf-8")
    assert re.search(r'^sdkforge = "sdkforge\.cli:main"$', scripts, re.M)  # the command the entry runs


def run_entry(*args: str | Path) -> subprocess.CompletedProcess[str]:
    (hook,) = [h for h in hooks() if h.get("id") == "sdkforge-check"]
    command = shlex.split(str(hook["entry"]))
    command[0] = str(Path(sys.executable).with_name(command[0]))  # the command as installed beside this Python
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_COLOR": "1"})


def test_pre_commit_entry_passes_fresh_output_and_fails_stale_or_breaking_output(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "generated"
    made = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", spec, "--out", out, "--target", "go",
                           "-q"], capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stderr
    fresh = run_entry(spec, "--out", out, "--target", "go")
    assert fresh.returncode == 0 and fresh.stdout == "" and fresh.stderr == "", fresh.stderr
    client = out / "go" / "client.go"
    client.write_text(client.read_text() + "// edited\n")
    stale = run_entry(spec, "--out", out, "--target", "go")
    assert stale.returncode == 1 and "would change: go/client.go" in stale.stdout, stale.stderr
    client.write_text(client.read_text().removesuffix("// edited\n"))
    before = client.read_text()
    spec.write_text(re.sub(r"(?m)^  title: .*$", "  title: Another Name", spec.read_text()))
    breaking = run_entry(spec, "--out", out, "--target", "go")
    assert breaking.returncode == 3 and "breaks go users" in breaking.stderr, breaking.stderr
    assert client.read_text() == before  # --check wrote nothing


def test_readme_ci_section_uses_the_check_the_hook_runs() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("### In CI", 1)[1].split("\n### ", 1)[0]
    assert "sdkforge generate spec/api.yaml --out generated --check" in section
    assert "id: sdkforge-check" in section
    for code in ("`0`", "`1`", "`3`"):
        assert code in section
