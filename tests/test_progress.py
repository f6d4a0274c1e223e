"""Progress per phase on a terminal; nothing but diagnostics off a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "spec" / "openai-uploads.yaml"


def _run(tmp_path: Path, *, terminal: bool, delay: str) -> str:
    env = {**os.environ, "SDKFORGE_PROGRESS_DELAY": delay}
    command = [sys.executable, "-m", "sdkforge.cli", "generate", str(SPEC), "--out", str(tmp_path / "out"),
               "--target", "python,typescript,go"]
    if not terminal:
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == 0, result.stderr
        return result.stderr
    master, slave = pty.openpty()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=300) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_terminal_shows_each_phase_then_erases_the_status_line(tmp_path: Path) -> None:
    text = _run(tmp_path, terminal=True, delay="0")
    statuses = [part for part in text.split("\r") if part.startswith("\x1b[Ksdkforge: ")]
    assert statuses, text
    seen = " ".join(statuses)
    # each phase change redraws at once (the first one is the loading of the spec)
    assert any(phase in seen for phase in ("load", "resolve", "ir", "views", "render", "write")), seen
    # the last status line is erased before the summary (coloured, on a terminal), so nothing is left half-drawn
    summary = text.rindex("\x1b[32msdkforge: wrote ")
    assert text[:summary].endswith("\r\x1b[K"), repr(text[-300:])


def test_short_runs_show_nothing_on_a_terminal(tmp_path: Path) -> None:
    text = _run(tmp_path, terminal=True, delay="600")
    assert "\x1b[K" not in text


def test_off_a_terminal_only_diagnostics_and_the_summary(tmp_path: Path) -> None:
    stderr = _run(tmp_path, terminal=False, delay="0")
    assert "\x1b" not in stderr and "\r" not in stderr
    *diagnostics, summary = stderr.splitlines()
    for line in diagnostics:
        assert ": warning: " in line or ": error: " in line, line
    assert summary.startswith("sdkforge: wrote "), summary
