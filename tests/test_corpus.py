"""Real-world specs (../shared/specs/real): every operation and schema generated, outputs compile.

The small specs run in `make test`; all 19 run in `make corpus` (SDKFORGE_CORPUS=full), which CI
also runs.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "specs" / "real"
FULL = os.environ.get("SDKFORGE_CORPUS") == "full"
ARTIFACTS = REPO / "tests" / ".artifacts" / "corpus"
QUICK = {"petstore-3.0", "petstore-expanded-3.0", "callback-example-3.0", "link-example-3.0", "tictactoe-3.1",
         "webhook-example-3.1"}


def _entries() -> list[tuple[str, Path]]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    out = []
    with manifest.open(newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            folder = CORPUS / row["name"]
            entry = folder / row["entry_file"] if row.get("entry_file") else None
            if entry is None or not entry.exists():
                candidates = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))
                entry = candidates[0]
            out.append((row["name"], entry))
    return out


ENTRIES = [e for e in _entries() if FULL or e[0] in QUICK]


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


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "spec"), ENTRIES, ids=[e[0] for e in ENTRIES])
def test_corpus_spec_generates_everything(name: str, spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report, stderr = _generate(name, spec, out)
    ops, schemas = report["operations"], report["schemas"]
    assert ops["dropped"] == [] and ops["generated"] == ops["in_spec"], ops
    assert schemas["dropped"] == [] and schemas["generated"] == schemas["in_spec"], schemas
    assert report["webhooks"]["generated"] == report["webhooks"]["in_spec"]
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
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600,
                            env={**os.environ, "PYTHONPATH": str(src)})
    assert result.returncode == 0, result.stderr[-3000:]
    assert int(result.stdout.strip()) > 0
    summary: dict[str, Any] = {"name": name, "report": report, "python_modules": int(result.stdout.strip())}
    # TypeScript type-checks, Go builds
    if (out / "typescript").is_dir():
        tsc = subprocess.run([str(REPO / "node_modules" / ".bin" / "tsc"), "--noEmit", "-p", str(out / "typescript")],
                             capture_output=True, text=True, timeout=900)
        summary["tsc"] = tsc.returncode == 0
        assert tsc.returncode == 0, tsc.stdout[-3000:]
    if (out / "go").is_dir():
        env = {**os.environ, "GOFLAGS": "-mod=mod", "GOPROXY": "off", "GOTOOLCHAIN": "local"}
        build = subprocess.run(["go", "build", "./..."], cwd=out / "go", capture_output=True, text=True, timeout=1800,
                               env=env)
        summary["go_build"] = build.returncode == 0
        assert build.returncode == 0, build.stderr[-3000:]
    if FULL:
        # formatter-stable output: no formatter runs during generation
        black = subprocess.run([sys.executable, "-m", "black", "--check", "-q", str(out / "python")],
                               capture_output=True, text=True, timeout=1800)
        summary["black"] = black.returncode == 0
        gofmt = subprocess.run(["gofmt", "-l", str(out / "go")], capture_output=True, text=True, timeout=900)
        summary["gofmt"] = gofmt.returncode == 0 and not gofmt.stdout
        prettier = subprocess.run([str(REPO / "node_modules" / ".bin" / "prettier"), "--check", "src"],
                                  cwd=out / "typescript", capture_output=True, text=True, timeout=1800)
        summary["prettier"] = prettier.returncode == 0
        mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", package],
                              cwd=src, capture_output=True, text=True, timeout=1800)
        summary["mypy"] = mypy.stdout.strip().splitlines()[-1] if mypy.stdout.strip() else mypy.stderr[-200:]
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"{name}.json").write_text(json.dumps(summary, indent=1))
        assert mypy.returncode == 0, mypy.stdout[-3000:]
        assert black.returncode == 0, black.stderr[-3000:]
        assert summary["gofmt"], gofmt.stdout[-3000:]
        assert prettier.returncode == 0, prettier.stdout[-3000:]
