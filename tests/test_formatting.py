"""No formatter on the hot path: the committed output is already formatter-stable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GENERATED = REPO / "generated"


def test_generated_python_passes_black() -> None:
    result = subprocess.run([sys.executable, "-m", "black", "--check", "-q", str(GENERATED / "python")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr


def test_generated_go_passes_gofmt() -> None:
    result = subprocess.run(["gofmt", "-l", str(GENERATED / "go")], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_generated_typescript_passes_prettier() -> None:
    result = subprocess.run([str(REPO / "node_modules" / ".bin" / "prettier"), "--check", "."],
                            cwd=GENERATED / "typescript", capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
