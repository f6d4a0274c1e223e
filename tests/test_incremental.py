"""Unchanged inputs cost little more than hashing; any change in them regenerates."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "spec" / "openai-uploads.yaml"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", *map(str, args), "--timings"],
                          capture_output=True, text=True, timeout=300, cwd=REPO)


def phases(result: subprocess.CompletedProcess[str]) -> set[str]:
    """The phases --timings lists, without the lines every run has (start-up, imports, the total, the rest)."""
    every = {"phase", "startup", "imports", "unmeasured", "total"}
    return {line.split()[1] for line in result.stderr.splitlines() if line.startswith("timing:")} - every


def test_no_change_regeneration_skips_the_pipeline(tmp_path: Path) -> None:
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    spec = spec_dir / "api.yaml"
    shutil.copy(SAMPLE, spec)
    shutil.copy(SAMPLE.with_name("openai-uploads.sdkforge.yaml"), spec_dir / "api.sdkforge.yaml")
    out = tmp_path / "out"
    cold = run(spec, "--out", out, "--target", "python")
    assert cold.returncode == 0 and "load" in phases(cold)
    client = out / "python" / "src" / "openai" / "_client.py"
    warm = run(spec, "--out", out, "--target", "python")
    assert warm.returncode == 0
    assert phases(warm) == {"fingerprint"}  # nothing loaded, rendered or written
    # a hand edit to a generated file is noticed and repaired
    original = client.read_text()
    client.write_text("# edited\n")
    repaired = run(spec, "--out", out, "--target", "python")
    assert "load" in phases(repaired) and client.read_text() == original
    # the repaired file's size and mtime, recorded by the writer as it wrote it, match the file: a hit again
    assert phases(run(spec, "--out", out, "--target", "python")) == {"fingerprint"}
    # a change in the config is an input change
    config = spec_dir / "api.sdkforge.yaml"
    config.write_text(config.read_text().replace("client: OpenAI", "client: OpenAIClient"))
    changed = run(spec, "--out", out, "--target", "python")
    assert "load" in phases(changed) and "class OpenAIClient(" in client.read_text()
    # other targets are another input
    other = run(spec, "--out", out, "--target", "python,typescript")
    assert "load" in phases(other)


def test_referenced_files_are_inputs(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /x:\n    get:\n      operationId: getX\n"
        "      responses:\n        '200':\n          description: ok\n          content:\n"
        "            application/json:\n              schema: {$ref: 'models.yaml#/X'}\n"
    )
    models = tmp_path / "models.yaml"
    models.write_text("X:\n  type: object\n  properties:\n    a: {type: string}\n")
    out = tmp_path / "out"
    assert run(spec, "--out", out, "--target", "python").returncode == 0
    assert phases(run(spec, "--out", out, "--target", "python")) == {"fingerprint"}
    models.write_text("X:\n  type: object\n  properties:\n    renamed_field: {type: string}\n")
    again = run(spec, "--out", out, "--target", "python")
    assert "load" in phases(again)
    assert "renamed_field" in (out / "python" / "src" / "t" / "types" / "x.py").read_text()


def test_empty_output_folder_is_always_cold(tmp_path: Path) -> None:
    first = run(SAMPLE, "--out", tmp_path / "a", "--target", "python")
    second = run(SAMPLE, "--out", tmp_path / "b", "--target", "python")
    assert "load" in phases(first) and "load" in phases(second)
