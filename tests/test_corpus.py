"""Real-world specs (../shared/specs/real): every operation and schema generated, outputs compile.

The small specs run in `make test`; all 19 run in `make corpus` (SDKFORGE_CORPUS=full), which CI
also runs.  Each spec's checks (pass/fail) go to tests/.artifacts/corpus-results.json, which
benchmarks/corpus_report.py turns into benchmarks/CORPUS.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from support.corpus import entries
from support.names import count, problems

REPO = Path(__file__).resolve().parents[1]
FULL = os.environ.get("SDKFORGE_CORPUS") == "full"
ARTIFACTS = REPO / "tests" / ".artifacts" / "corpus"
RESULTS = REPO / "tests" / ".artifacts" / "corpus-results.json"
QUICK = {"petstore-3.0", "petstore-expanded-3.0", "callback-example-3.0", "link-example-3.0", "tictactoe-3.1",
         "webhook-example-3.1"}
ENTRIES = [e for e in entries() if FULL or e[0] in QUICK]


def _generate(name: str, spec: Path, out: Path) -> tuple[dict[str, Any], str]:
    report = out / "report.json"
    result = subprocess.run(
        [sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--out", str(out), "--report", str(report)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=REPO,
    )
    assert result.returncode == 0, f"{name}: exit {result.returncode}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr
    return json.loads(report.read_text()), result.stderr


def _run(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


def _record(name: str, summary: dict[str, Any]) -> None:
    """This spec's summary (tests/.artifacts/corpus/<name>.json) and its line in
    tests/.artifacts/corpus-results.json, which benchmarks/corpus_report.py reads."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.json").write_text(json.dumps(summary, indent=1))
    results: dict[str, Any] = {}
    if RESULTS.exists():
        try:
            results = json.loads(RESULTS.read_text())
        except ValueError:
            results = {}
    results[name] = {"mode": "full" if FULL else "quick", "checks": summary["checks"],
                     "python_modules": summary.get("python_modules"), "mypy": summary.get("mypy")}
    RESULTS.write_text(json.dumps(dict(sorted(results.items())), indent=1) + "\n")


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "spec"), ENTRIES, ids=[e[0] for e in ENTRIES])
def test_corpus_spec_generates_everything(name: str, spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report, _stderr = _generate(name, spec, out)
    ops, schemas = report["operations"], report["schemas"]
    assert ops["dropped"] == [] and ops["generated"] == ops["in_spec"], ops
    assert schemas["dropped"] == [] and schemas["generated"] == schemas["in_spec"], schemas
    assert report["webhooks"]["generated"] == report["webhooks"]["in_spec"]
    # every check runs (the results file gets them all), then the failures are reported together
    checks: dict[str, bool] = {}
    failures: dict[str, str] = {}
    summary: dict[str, Any] = {"name": name, "report": report, "checks": checks}

    def check(key: str, ok: bool, output: str) -> None:
        checks[key] = ok
        if not ok:
            failures[key] = output[-3000:]

    # no resource or method name nobody would write, in any language (types: counted, see benchmarks/NAMES.md)
    surfaces = json.loads((out / ".sdkforge" / "surface.json").read_text())["surfaces"]
    ids = {entry["operation"]: entry["operation_id"] for entry in report["names"]}
    summary["names"] = {}
    for lang, surface in sorted(surfaces.items()):
        methods = problems({"methods": surface["methods"]}, ids)
        summary["names"][lang] = {"methods": count(methods), "types": count(problems({"types": surface["types"]}, ids))}
        check(f"names_{lang}", not methods, "\n".join(f"{kind}: {name} ({origin})" for kind, name, origin in methods))
    print(f"{name}: names nobody would write (repeat/query/number):",
          {lang: entry["methods"] for lang, entry in summary["names"].items()})
    # the Python package imports, every module of it
    src = out / "python" / "src"
    (package,) = [p.name for p in src.iterdir() if p.is_dir()]
    script = (
        "import importlib, pkgutil, sys\n"
        f"import {package} as root\n"
        "count = 0\n"
        "for info in pkgutil.walk_packages(root.__path__, root.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "    count += 1\n"
        "print(count)\n"
    )
    result = _run([sys.executable, "-c", script], timeout=600, env={**os.environ, "PYTHONPATH": str(src)})
    modules = int(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip().isdigit() else 0
    summary["python_modules"] = modules
    check("python_import", result.returncode == 0 and modules > 0, result.stderr)
    # TypeScript type-checks, Go builds
    if (out / "typescript").is_dir():
        tsc = _run([str(REPO / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p", str(out / "typescript")],
                   timeout=900)
        check("tsc", tsc.returncode == 0, tsc.stdout)
    if (out / "go").is_dir():
        env = {**os.environ, "GOFLAGS": "-mod=mod", "GOPROXY": "off", "GOTOOLCHAIN": "local"}
        build = _run(["go", "build", "./..."], cwd=out / "go", timeout=1800, env=env)
        check("go_build", build.returncode == 0, build.stderr)
    if FULL:
        # formatter-stable output: no formatter runs during generation
        black = _run([sys.executable, "-m", "black", "--check", "-q", str(out / "python")], timeout=1800)
        check("black", black.returncode == 0, black.stderr)
        gofmt = _run(["gofmt", "-l", str(out / "go")], timeout=900)
        check("gofmt", gofmt.returncode == 0 and not gofmt.stdout, gofmt.stdout + gofmt.stderr)
        prettier = _run([str(REPO / "node_modules" / ".bin" / "prettier"), "--check", "src"],
                        cwd=out / "typescript", timeout=1800)
        check("prettier", prettier.returncode == 0, prettier.stdout + prettier.stderr)
        mypy = _run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", package], cwd=src, timeout=1800)
        summary["mypy"] = mypy.stdout.strip().splitlines()[-1] if mypy.stdout.strip() else mypy.stderr[-200:]
        check("mypy", mypy.returncode == 0, mypy.stdout)
    _record(name, summary)
    assert not failures, "\n\n".join(f"{key}:\n{output}" for key, output in failures.items())
