"""The runtime written as real source (no slots) is read in place, where it lives under templates/,
by the tools its SDK is checked with: ruff, black and mypy --strict for Python (with the generated
project's settings), gofmt and go vet for Go, tsc (with the generated tsconfig) and prettier for
TypeScript.  A runtime file with slots stays a template and is checked in the generated SDKs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api
from sdkforge.render import builtin_templates_dir

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "spec" / "openai-uploads.yaml"
VENV_BIN = Path(sys.executable).parent
NODE_BIN = REPO / "node_modules" / ".bin"
TEMPLATES = builtin_templates_dir()


def _sources(target: str, suffix: str) -> list[Path]:
    found = sorted(p for p in (TEMPLATES / target).rglob(f"*{suffix}") if "__pycache__" not in p.parts)
    assert found, f"no {suffix} runtime source under templates/{target}"
    return found


def _run(cmd: list[str | Path], cwd: Path = REPO, env: dict[str, str] | None = None) -> None:
    run = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
                         check=False)
    assert run.returncode == 0, f"{' '.join(map(str, cmd))}\n{run.stdout}\n{run.stderr}"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample spec's Python and TypeScript SDKs: their settings are the ones the runtime must pass."""
    out = tmp_path_factory.mktemp("sample")
    diags = Diagnostics()
    generate(load_api(SAMPLE, diags), out, ["python", "typescript"], diags)
    return out


def test_python_runtime_sources_pass_ruff_black_and_mypy_in_place(sample: Path, tmp_path: Path) -> None:
    files = _sources("python", ".py")
    config = sample / "python" / "pyproject.toml"
    _run([VENV_BIN / "ruff", "check", "--no-cache", "--config", config, *files])
    _run([VENV_BIN / "black", "--check", "-q", "--config", config, *files])
    # as modules of one package (`runtime`), so each file's imports of the others are checked; a
    # sibling that is still a template is not there and is read as Any
    root = TEMPLATES / "python"
    _run([VENV_BIN / "mypy", "--strict", "--ignore-missing-imports", "--explicit-package-bases",
          "--cache-dir", tmp_path / "mypy", *(f.relative_to(root) for f in files)], cwd=root,
         env={**os.environ, "MYPYPATH": str(root)})


@pytest.mark.skipif(shutil.which("go") is None, reason="the Go toolchain is not installed")
def test_go_runtime_sources_pass_gofmt_and_vet_in_place(tmp_path: Path) -> None:
    files = _sources("go", ".go")
    unformatted = subprocess.run(["gofmt", "-l", *map(str, files)], capture_output=True, text=True, check=True)
    assert unformatted.stdout == ""
    env = {**os.environ, "GOFLAGS": "", "GOPROXY": "off", "GOTOOLCHAIN": "local", "GOSUMDB": "off",
           "CGO_ENABLED": "0", "GOCACHE": os.environ.get("SDKFORGE_GOCACHE") or str(tmp_path / "gocache"),
           "GOPATH": str(tmp_path / "gopath")}
    for package in sorted({f.parent for f in files}):  # each package's files together (standard library only)
        _run(["go", "vet", *sorted(f.name for f in files if f.parent == package)], cwd=package, env=env)


def test_typescript_runtime_sources_pass_tsc_and_prettier_in_place(sample: Path, tmp_path: Path) -> None:
    files = _sources("typescript", ".ts")
    config = tmp_path / "tsconfig.json"
    config.write_text(json.dumps({
        "extends": str(sample / "typescript" / "tsconfig.json"),  # the generated SDK's compiler options
        "compilerOptions": {"noEmit": True, "rootDir": str(TEMPLATES / "typescript" / "src")},
        "files": [str(f) for f in files], "include": [],
    }))
    _run([NODE_BIN / "tsc", "-p", config])
    _run([NODE_BIN / "prettier", "--check", *files])
