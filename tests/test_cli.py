"""The command line: exit codes, compiler-style diagnostics, --check, --templates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "spec" / "openai-uploads.yaml"
OPENAI = REPO.parent / "shared" / "specs" / "real" / "openai" / "openapi.yaml"
DIAG = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): .+", re.M)


def sdkforge(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sdkforge.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=300,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int = 2) -> list[re.Match[str]]:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    return list(DIAG.finditer(result.stderr))


@pytest.mark.parametrize("command", ["validate", "generate"])
def test_yaml_syntax_error(tmp_path: Path, command: str) -> None:
    spec = tmp_path / "broken.yaml"
    spec.write_text("openapi: 3.1.0\ninfo:\n  title: [unclosed\npaths: {}\n")
    diags = assert_clean_failure(sdkforge(command, spec, *(["--out", tmp_path / "o"] if command == "generate" else [])))
    assert diags and diags[0]["sev"] == "error" and diags[0]["line"] == "4"


@pytest.mark.parametrize("command", ["validate", "generate"])
def test_dangling_ref(tmp_path: Path, command: str) -> None:
    spec = tmp_path / "dangling.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n"
        "        '200': {$ref: '#/components/responses/Nope'}\n"
    )
    extra = ["--out", tmp_path / "o"] if command == "generate" else []
    diags = [d for d in assert_clean_failure(sdkforge(command, spec, *extra)) if d["sev"] == "error"]
    assert diags[0]["line"] == "7" and "dangling $ref" in diags[0].group(0)
    assert "(#/paths/~1a/get/responses/200/$ref)" in diags[0].group(0)
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("command", ["validate", "generate"])
def test_not_an_openapi_document(tmp_path: Path, command: str) -> None:
    spec = tmp_path / "plain.yaml"
    spec.write_text("hello: world\n")
    diags = assert_clean_failure(sdkforge(command, spec, *(["--out", tmp_path / "o"] if command == "generate" else [])))
    assert "no `openapi` (3.x) or `swagger` (2.0) version key" in diags[0].group(0)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert sdkforge("generate").returncode == 2
    assert sdkforge("generate", SAMPLE, "--target", "cobol", "--out", tmp_path).returncode == 2
    assert sdkforge("frobnicate").returncode == 2


@pytest.mark.skipif(not OPENAI.exists(), reason="the shared corpus is not beside the repo")
def test_public_openai_spec_validates_with_warnings_and_fails_strict() -> None:
    lenient = sdkforge("validate", OPENAI)
    assert lenient.returncode == 0, lenient.stderr[-2000:]
    warnings = [m for m in DIAG.finditer(lenient.stderr) if m["sev"] == "warning"]
    assert len([w for w in warnings if "schema validation" in w.group(0)]) >= 10
    strict = sdkforge("validate", "--strict", OPENAI)
    assert strict.returncode == 2
    assert "Traceback" not in strict.stderr


def test_check_mode(tmp_path: Path) -> None:
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    shutil.copy(SAMPLE, spec_dir / "api.yaml")
    out = tmp_path / "out"
    assert sdkforge("generate", spec_dir / "api.yaml", "--out", out, "--target", "python").returncode == 0
    clean = sdkforge("generate", spec_dir / "api.yaml", "--out", out, "--target", "python", "--check")
    assert clean.returncode == 0, clean.stdout
    text = (spec_dir / "api.yaml").read_text().replace("The ordered list of Part IDs.", "The list of Part IDs.")
    (spec_dir / "api.yaml").write_text(text)
    changed = sdkforge("generate", spec_dir / "api.yaml", "--out", out, "--target", "python", "--check")
    assert changed.returncode == 1
    assert "would change: python/src/api/types/upload_complete_params.py" in changed.stdout or re.search(
        r"would change: python/src/\w+/types/upload_complete_params.py", changed.stdout)
    assert "+" in changed.stdout and "The list of Part IDs." in changed.stdout


def test_templates_folder_overrides_a_builtin_template(tmp_path: Path) -> None:
    custom = tmp_path / "templates" / "python"
    custom.mkdir(parents=True)
    (custom / "README.md.j2").write_text("# Custom readme for {{ pkg.title }}\n")
    out = tmp_path / "out"
    result = sdkforge("generate", SAMPLE, "--out", out, "--target", "python", "--templates", tmp_path / "templates")
    assert result.returncode == 0, result.stderr
    assert (out / "python" / "README.md").read_text() == "# Custom readme for OpenAI\n"
    assert (out / "python" / "src" / "openai" / "_client.py").exists()


def test_user_file_survives_regeneration(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert sdkforge("generate", SAMPLE, "--out", out, "--target", "python").returncode == 0
    custom = out / "python" / "src" / "openai" / "custom.py"
    custom.write_text("# mine\n")
    assert sdkforge("generate", SAMPLE, "--out", out, "--target", "python").returncode == 0
    assert custom.read_text() == "# mine\n"


def test_generation_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert sdkforge("generate", SAMPLE, "--out", a).returncode == 0
    assert sdkforge("generate", SAMPLE, "--out", b, cwd=tmp_path).returncode == 0
    def files(root: Path) -> dict[Path, bytes]:
        # state.json is the incremental cache (file sizes and mtimes of this machine), not output
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != "state.json"}

    files_a, files_b = files(a), files(b)
    assert files_a == files_b
    assert all(b"\r\n" not in data for data in files_a.values())
