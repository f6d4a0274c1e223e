"""Run the Prism mock server (``@stoplight/prism-cli`` from ``node_modules``) for tests.

Prism always validates requests against the spec: a request that violates it
(e.g. a missing required query parameter) is answered with ``422`` and an
``application/problem+json`` body, unless the operation defines its own 4xx
response. With ``errors=True`` (the default here, i.e. ``--errors``) Prism also
validates its *own* responses, so an example in the spec that does not match
its schema yields ``500`` instead of being served silently.

Usage::

    with PrismServer(spec_path) as prism:
        urllib.request.urlopen(prism.url + "/ping")
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import IO, Sequence

REPO_ROOT = Path(__file__).resolve().parents[2]
PRISM_BIN = REPO_ROOT / "node_modules" / ".bin" / "prism"

START_TIMEOUT = 60.0
STOP_TIMEOUT = 5.0

# Talks to 127.0.0.1 only: never route through an *_proxy from the environment.
_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrismServer:
    """Context manager running ``prism mock`` on a free local port."""

    def __init__(
        self,
        spec_path: str | os.PathLike[str],
        *,
        dynamic: bool = False,
        errors: bool = True,
        extra_args: Sequence[str] = (),
        start_timeout: float = START_TIMEOUT,
    ) -> None:
        self.spec_path = Path(spec_path).resolve()
        self.dynamic = dynamic
        self.errors = errors
        self.extra_args = tuple(extra_args)
        self.start_timeout = start_timeout
        self.host = "127.0.0.1"
        self.port = 0
        self.startup_seconds: float | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    # -- public API -------------------------------------------------------

    @property
    def url(self) -> str:
        if not self.port:
            raise RuntimeError("PrismServer is not started")
        return f"http://{self.host}:{self.port}"

    def base_url(self, prefix: str = "") -> str:
        """``self.url`` joined with a path prefix such as ``"/v1"``."""
        prefix = prefix.strip("/")
        return f"{self.url}/{prefix}" if prefix else self.url

    def command(self) -> list[str]:
        cmd = [str(PRISM_BIN), "mock", "-h", self.host, "-p", str(self.port)]
        if self.dynamic:
            cmd.append("--dynamic")
        if self.errors:
            cmd.append("--errors")
        cmd.extend(self.extra_args)
        cmd.append(str(self.spec_path))
        return cmd

    def output(self) -> str:
        """Everything Prism has logged so far (stdout and stderr)."""
        if self._log is None or self._log.closed:
            return ""
        self._log.flush()
        with open(self._log.name, "rb") as fh:
            return fh.read().decode("utf-8", "replace")

    def start(self) -> "PrismServer":
        if self._proc is not None:
            raise RuntimeError("PrismServer already started")
        if not PRISM_BIN.exists():
            raise RuntimeError(
                f"Prism is not installed ({PRISM_BIN} is missing). "
                "Run `make test` (it runs `npm ci` at the repo root) to install it."
            )
        if not self.spec_path.is_file():
            raise RuntimeError(f"OpenAPI spec not found: {self.spec_path}")

        self.port = free_port()
        # Logs go to a file, never a pipe, so a chatty Prism can never block.
        self._log = tempfile.NamedTemporaryFile(
            prefix="prism-", suffix=".log", delete=False
        )
        started = time.monotonic()
        self._proc = subprocess.Popen(
            self.command(),
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group: we can signal all of it
        )
        try:
            self._wait_ready(started)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - started
        return self

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                self._signal(proc, signal.SIGTERM)
                try:
                    proc.wait(timeout=STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    self._signal(proc, signal.SIGKILL)
                    proc.wait()
            else:
                # Leader is gone; make sure no child outlives it.
                self._signal(proc, signal.SIGKILL)
        log, self._log = self._log, None
        if log is not None:
            log.close()
            try:
                os.unlink(log.name)
            except OSError:
                pass

    def __enter__(self) -> "PrismServer":
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = self.url if self._proc is not None else "stopped"
        return f"PrismServer({str(self.spec_path)!r}, {state})"

    # -- internals --------------------------------------------------------

    @staticmethod
    def _signal(proc: subprocess.Popen[bytes], sig: int) -> None:
        try:
            os.killpg(proc.pid, sig)  # pgid == pid thanks to start_new_session
        except ProcessLookupError:
            pass

    def _wait_ready(self, started: float) -> None:
        assert self._proc is not None
        deadline = started + self.start_timeout
        while True:
            if self._proc.poll() is not None:
                raise RuntimeError(
                    f"Prism exited with code {self._proc.returncode} before it "
                    f"was ready.\ncommand: {' '.join(self.command())}\n"
                    f"output:\n{self.output()}"
                )
            if self._answers_http():
                return
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"Prism did not accept HTTP on {self.url} within "
                    f"{self.start_timeout:.0f} s.\noutput:\n{self.output()}"
                )
            time.sleep(0.1)

    def _answers_http(self) -> bool:
        # Any HTTP answer (404 for "/" is normal) means the server is up.
        try:
            with _NO_PROXY_OPENER.open(self.url + "/", timeout=2):
                return True
        except urllib.error.HTTPError:
            return True
        except (urllib.error.URLError, ConnectionError, OSError):
            return False
