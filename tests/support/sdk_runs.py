"""Generate an SDK and run its own generated per-method tests, for each of the four languages.

One driver for every test that calls a generated SDK's tests against a server (the wire-conformance
test, the corpus): ``generate_sdk(spec, out, lang)`` then ``run_generated_tests(lang, sdk, base_url)``.
The tests find the server in ``TEST_API_BASE_URL``, in every language.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api

from .prism import REPO_ROOT

LANGUAGES = ("python", "typescript", "ruby", "go")
NODE_BIN = REPO_ROOT / "node_modules" / ".bin"


@dataclass
class SdkRun:
    lang: str
    returncode: int
    output: str
    passed: int
    failed: int

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and self.failed == 0 and self.passed > 0


def generate_sdk(spec: Path, out: Path, lang: str, config: Path | None = None) -> Path:
    diags = Diagnostics()
    loaded = load_api(spec, diags, config_path=config)
    generate(loaded, out, [lang], diags)
    return out / lang


def go_env(cache_root: Path) -> dict[str, str]:
    cache = os.environ.get("SDKFORGE_GOCACHE") or str(cache_root / "gocache")
    return {"GOFLAGS": "-mod=mod", "GOPROXY": "off", "GOTOOLCHAIN": "local", "GOCACHE": cache,
            "GOPATH": str(cache_root / "gopath"), "GOSUMDB": "off", "CGO_ENABLED": "0"}


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_API_KEY", "_BASE_URL")) and
           not k.startswith(("PYTHON", "SDK_TEST"))}
    env.update(extra)
    return env


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def run_generated_tests(lang: str, sdk: Path, base_url: str, work: Path, timeout: float = 900,
                        env_vars: dict[str, str] | None = None) -> SdkRun:
    """Run the SDK's generated tests against ``base_url`` (with ``env_vars`` set besides);
    count passes and failures from the runner."""
    env = _env({"TEST_API_BASE_URL": base_url, **(env_vars or {})})
    if lang == "python":
        env["PYTHONPATH"] = str(sdk / "src")
        proc = _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                     "--rootdir", str(sdk), str(sdk / "tests")], sdk, env, timeout)
        out = proc.stdout + proc.stderr
        passed = _count(r"(\d+) passed", out)
        failed = _count(r"(\d+) failed", out) + _count(r"(\d+) errors?\b", out)
    elif lang == "typescript":
        build = _run([NODE_BIN / "tsc", "-p", "tsconfig.json"], sdk, env, timeout)
        if build.returncode != 0:
            return SdkRun(lang, build.returncode, build.stdout + build.stderr, 0, 1)
        proc = _run(["node", "--test", "tests/"], sdk, env, timeout)
        out = proc.stdout + proc.stderr
        passed, failed = _count(r"^# pass (\d+)", out), _count(r"^# fail (\d+)", out)
    elif lang == "ruby":
        tests = sorted(str(p.relative_to(sdk)) for p in (sdk / "test").rglob("*_test.rb"))
        loader = "ARGV.each { |f| require File.expand_path(f) }"
        proc = _run(["ruby", "-I", "lib", "-I", "test", "-e", loader, *tests], sdk, env, timeout)
        out = proc.stdout + proc.stderr
        runs = re.search(r"(\d+) runs, \d+ assertions, (\d+) failures, (\d+) errors", out)
        passed = int(runs.group(1)) - int(runs.group(2)) - int(runs.group(3)) if runs else 0
        failed = int(runs.group(2)) + int(runs.group(3)) if runs else 1
    elif lang == "go":
        env.update(go_env(work))
        proc = _run(["go", "test", "-count=1", "-v", "./..."], sdk, env, timeout)
        out = proc.stdout + proc.stderr
        passed, failed = len(re.findall(r"^\s*--- PASS", out, re.M)), len(re.findall(r"^\s*--- FAIL", out, re.M))
        failed += len(re.findall(r"^\s*--- SKIP", out, re.M))  # a skip is no call
    else:
        raise ValueError(lang)
    return SdkRun(lang, proc.returncode, out, passed, failed)


def _count(pattern: str, text: str) -> int:
    return sum(int(m) for m in re.findall(pattern, text, re.M))


def have_toolchain(lang: str) -> bool:
    return {"python": True, "typescript": (NODE_BIN / "tsc").exists() and shutil.which("node") is not None,
            "ruby": shutil.which("ruby") is not None, "go": shutil.which("go") is not None}[lang]
