"""Progress on a terminal: the current phase, once a run has lasted about a second.

Off a terminal (CI logs, pipes) nothing is shown: stderr carries diagnostics only.
The status line is redrawn in place (carriage return, erase line) by a daemon thread
and erased before anything else is printed.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None, delay: float | None = None):
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = _is_terminal(self.stream) and os.environ.get("SDKFORGE_PROGRESS", "1") != "0"
        self.enabled = enabled
        if delay is None:
            delay = float(os.environ.get("SDKFORGE_PROGRESS_DELAY", "1.0"))
        self.delay = delay
        self.start = time.monotonic()
        self.status = "starting"
        self.shown = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        if enabled:
            self._thread = threading.Thread(target=self._run, name="sdkforge-progress", daemon=True)
            self._thread.start()

    def phase(self, name: str, detail: str = "") -> None:
        with self._lock:
            self.status = name + (f": {detail}" if detail else "")
        self._wake.set()  # redraw now (once past the delay), not at the next tick

    def _run(self) -> None:
        while True:
            self._wake.wait(0.25)
            self._wake.clear()
            if self._stop.is_set():
                return
            elapsed = time.monotonic() - self.start
            if elapsed < self.delay:
                continue
            with self._lock:
                self.stream.write(f"\r\x1b[Ksdkforge: {self.status} ({elapsed:.1f} s)")
                self.stream.flush()
                self.shown = True

    def close(self) -> None:
        """Stop and erase the status line (call before printing diagnostics)."""
        if self._thread is None:
            return
        self._stop.set()
        self._wake.set()
        self._thread.join()
        self._thread = None
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
