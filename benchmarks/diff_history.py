"""`sdkforge diff` on the OpenAI spec's history: benchmarks/DIFF.md.

    .venv/bin/python benchmarks/diff_history.py [--out benchmarks/DIFF.md]

For each consecutive pair of ../shared/specs/history/openai (HISTORY.tsv gives each version's
commit summary) and for the first-to-last pair: the changes per language and class, and the run
time of `sdkforge diff` against a cold `sdkforge generate --target all` of the newer spec (CPU
time of the process, user + sys, median of 3 runs each).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HISTORY = ROOT.parent / "shared" / "specs" / "history" / "openai"
SDKFORGE = [sys.executable, "-m", "sdkforge.cli"]
LANGUAGES = ("python", "typescript", "ruby", "go")
RUNS = 3


def cpu_run(args: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(CPU seconds of the child, wall seconds, result)."""
    import time

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall, result


def median_cpu(args: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    times, last = [], None
    for _ in range(RUNS):
        cpu, _wall, last = cpu_run(args)
        times.append(cpu)
    assert last is not None
    return statistics.median(times), last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "DIFF.md")
    args = parser.parse_args()
    rows = list(csv.DictReader((HISTORY / "HISTORY.tsv").open(), delimiter="\t"))
    pairs = [(rows[i], rows[i + 1]) for i in range(len(rows) - 1)] + [(rows[0], rows[-1])]
    # a field added, then removed: the version before the addition against the one after the removal
    added = next(i for i, r in enumerate(rows) if "Add 'source'" in r["commit_subject"])
    pairs.append((rows[added - 1], rows[added + 1]))
    lines = ["# `sdkforge diff` on the OpenAI spec's history", "",
             "Written by `benchmarks/diff_history.py` (do not edit). Specs: `../shared/specs/history/openai`; "
             "each row compares two versions with `sdkforge diff OLD NEW --format json`. The summary is the "
             "newer version's commit subject (for the first-to-last pair: the last one's; the last row is the "
             "round trip over a field added and then removed).", "",
             f"Commit `{subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True, cwd=ROOT).stdout.strip()}`, "
             f"{os.cpu_count()} cores, CPU time (user + sys) medians of {RUNS} runs.", "",
             "| old → new | commit summary | " + " | ".join(LANGUAGES) + " |",
             "|---|---|" + "---|" * len(LANGUAGES)]
    timing = None
    for old, new in pairs:
        old_path, new_path = HISTORY / old["file"], HISTORY / new["file"]
        cpu, result = median_cpu(SDKFORGE + ["diff", str(old_path), str(new_path), "--format", "json"])
        if result.returncode not in (0, 3):
            sys.stderr.write(result.stderr)
            return 1
        changes = json.loads(result.stdout)
        cells = []
        for language in LANGUAGES:
            mine = [c for c in changes if c["language"] == language]
            counts = {k: sum(1 for c in mine if c["kind"] == k) for k in ("breaking", "deprecation", "addition")}
            cells.append(f"{counts['breaking']} breaking, {counts['deprecation']} deprecation, "
                         f"{counts['addition']} addition" if mine else "no change")
        label = f"{old['commit'][:7]} → {new['commit'][:7]}"
        lines.append(f"| {label} | {new['commit_subject']} | " + " | ".join(cells) + " |")
        if old is rows[0] and new is rows[-1]:
            timing = (label, cpu, new_path)
        print(label, f"{cpu:.2f} s", file=sys.stderr)
    assert timing is not None
    label, diff_cpu, newest = timing
    with tempfile.TemporaryDirectory() as tmp:
        gen_times = []
        for i in range(RUNS):
            cpu, _wall, result = cpu_run(SDKFORGE + ["generate", str(newest), "--out", f"{tmp}/cold{i}",
                                                     "--target", "all"])
            if result.returncode != 0:
                sys.stderr.write(result.stderr)
                return 1
            gen_times.append(cpu)
    gen_cpu = statistics.median(gen_times)
    lines += ["", "## Run time, first to last", "",
              "| run | CPU s |", "|---|---|",
              f"| `sdkforge diff` {label} (both specs, four languages) | {diff_cpu:.2f} |",
              f"| cold `sdkforge generate --target all` of the newer spec | {gen_cpu:.2f} |",
              f"| ratio | {diff_cpu / gen_cpu:.2f}× (target: at most about 2×) |", ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
