"""Progress on a terminal: the current phase, once a run has lasted about a second; and the
phase timings ``--timings`` prints.

Off a terminal (CI logs, pipes) nothing is shown: stderr carries diagnostics only.
The status line is redrawn in place (carriage return, erase line) by a daemon thread
and erased before anything else is printed.

This module is imported before the pipeline's heavy modules (YAML, Jinja, the targets), so a
run that stops early (an up-to-date output folder) does not pay for them.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, TextIO

_IMPORTED = time.perf_counter()  # the fallback origin where the process's start time is unknown

WORKERS = " (workers, summed)"  # the suffix of phases that ran in worker processes, added up over them


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


def since_process_start() -> tuple[float, bool]:
    """Wall seconds since this process started, and whether that is the real start (Linux:
    the kernel's start time of the process, to a clock tick, 10 ms) or only since sdkforge's
    modules were first imported (elsewhere)."""
    try:
        with open("/proc/self/stat", "rb") as f:
            # the fields after the command name, which may hold spaces and parentheses
            fields = f.read().rpartition(b")")[2].split()
        ticks = int(fields[19])  # field 22 of stat(5): starttime, clock ticks after boot
        return max(0.0, time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")), True
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter() - _IMPORTED, False


def children_cpu() -> float:
    """User + system CPU seconds of the finished child processes (worker pools) of this process."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Timings:
    """Wall and CPU seconds per phase.  CPU is this process's user + system time
    (``time.process_time``), plus its finished children's where a phase waits for worker
    processes (:meth:`add`).  Phases that ran inside workers are added up over the workers
    and named with :data:`WORKERS`: their sums are not a share of the run's wall time."""

    phases: dict[str, float] = field(default_factory=dict)  # wall seconds
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds
    progress: Progress | None = None

    @contextmanager
    def phase(self, name: str, detail: str = "") -> Iterator[None]:
        if self.progress is not None:
            self.progress.phase(name, detail)
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - wall, time.process_time() - cpu)

    def add(self, name: str, wall: float, cpu: float) -> None:
        self.phases[name] = self.phases.get(name, 0.0) + wall
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu

    def startup(self) -> None:
        """Record start-up as a phase: from the process's start (interpreter, site, sdkforge's
        and its libraries' imports, argument parsing) to now."""
        wall, exact = since_process_start()
        self.add("startup" if exact else "startup (since sdkforge's import)", wall, time.process_time())

    def lines(self) -> list[str]:
        """``--timings``: one line per phase, wall and CPU side by side, then the phases' sum
        measured against the whole process (start to now: what the phases did not cover is
        ``unmeasured``), CPU including finished worker processes."""
        width = max([len(name) for name in self.phases] + [len("unmeasured (between phases)")])
        out = [f"timing: {'phase':<{width}} {'wall':>12} {'cpu':>12}"]
        for name, wall in self.phases.items():
            out.append(_line(name, wall, self.cpu.get(name, 0.0), width))
        # the process's own phases do not overlap; worker phases overlap them and each other
        own = [name for name in self.phases if not name.endswith(WORKERS)]
        total_wall, _ = since_process_start()
        total_cpu = time.process_time() + children_cpu()
        if "startup" not in self.phases:
            total_wall = sum(self.phases[name] for name in own)  # no process start to measure from
        out.append(_line("unmeasured (between phases)", max(0.0, total_wall - sum(self.phases[n] for n in own)),
                         max(0.0, total_cpu - sum(self.cpu.get(n, 0.0) for n in own)), width))
        out.append(_line("total (process)", total_wall, total_cpu, width))
        return out


def _line(name: str, wall: float, cpu: float, width: int) -> str:
    return f"timing: {name:<{width}} {wall * 1000:9.1f} ms {cpu * 1000:9.1f} ms"
