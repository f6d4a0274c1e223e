"""Public names nobody would write, per corpus spec and language: benchmarks/NAMES.md.

For every spec of ../shared/specs/real (MANIFEST.tsv) it builds the four SDKs' surfaces in
process (no files written) and counts the names tests/support/names.py rejects: a name that
repeats its resource, one made from a query string, one ending in a number the spec does not
give it.  ``--compare REV`` also measures the tree at git revision REV (in a temporary worktree)
for a before/after table.  Usage: ``python benchmarks/names_report.py [--compare REV] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LANGS = ("python", "typescript", "ruby", "go")

# runs inside the measured tree (this one or a worktree of --compare), prints JSON
_MEASURE = r'''
import json, sys
sys.path.insert(0, "tests")
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import load_api
from sdkforge.surface import op_origin, surfaces
from support.corpus import entries
sys.path.insert(0, sys.argv[1])
from names import problems, count
out = {}
for name, entry in entries():
    diags = Diagnostics()
    try:
        loaded = load_api(entry, diags)
    except SystemExit:
        continue
    ids = {op_origin(op): op.operation_id for op in loaded.api.operations}
    row = {}
    for surface in surfaces(loaded.api, loaded.config, diags, ("python", "typescript", "ruby", "go")):
        found = problems(surface.to_json(), ids)
        row[surface.language] = {"counts": count(found), "examples": [list(f) for f in found[:3]],
                                 "methods": len(surface.methods), "types": len(surface.types)}
    out[name] = row
print(json.dumps(out))
'''


def measure(tree: Path) -> dict[str, dict[str, dict]]:
    with tempfile.TemporaryDirectory() as shim:
        # `sdkforge` is the package folder `generator/` of the measured tree
        (Path(shim) / "sdkforge").symlink_to(tree / "generator")
        result = subprocess.run([sys.executable, "-c", _MEASURE, str(REPO / "tests" / "support")], cwd=tree,
                                capture_output=True, text=True, env={"PYTHONPATH": shim, "PATH": "/usr/bin:/bin"})
    if result.returncode != 0:
        raise SystemExit(f"measuring {tree} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _cell(counts: dict[str, int]) -> str:
    return " / ".join(str(counts[k]) for k in ("repeat", "query", "number"))


def render(after: dict, before: dict | None, rev: str | None, head: str) -> str:
    lines = ["# Names nobody would write", "",
             "Written by `benchmarks/names_report.py`; each cell is repeat / query / number (see",
             "tests/support/names.py for what each means). `make corpus` fails on any of them.", ""]
    for label, data, at in (("after", after, head), ("before", before, rev)):
        if data is None:
            continue
        lines += [f"## {label} ({at})", "", "| spec | " + " | ".join(LANGS) + " |", "|---|" + "---|" * len(LANGS)]
        totals = {lang: {"repeat": 0, "query": 0, "number": 0} for lang in LANGS}
        for spec, row in data.items():
            cells = []
            for lang in LANGS:
                counts = row.get(lang, {}).get("counts", {"repeat": 0, "query": 0, "number": 0})
                for k, v in counts.items():
                    totals[lang][k] += v
                cells.append(_cell(counts))
            lines.append(f"| {spec} | " + " | ".join(cells) + " |")
        lines.append("| **total** | " + " | ".join(_cell(totals[lang]) for lang in LANGS) + " |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--compare", help="a git revision to measure as 'before'")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "NAMES.md")
    args = parser.parse_args()
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    after = measure(REPO)
    before = None
    if args.compare:
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / "tree"
            subprocess.run(["git", "worktree", "add", "--detach", str(tree), args.compare], cwd=REPO, check=True,
                           capture_output=True)
            try:
                # the measured tree's generator, this tree's checker
                subprocess.run(["ln", "-s", str(REPO.parent / "shared"), str(Path(tmp) / "shared")], check=True)
                before = measure(tree)
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, capture_output=True)
    args.out.write_text(render(after, before, args.compare, head) + "\n")
    print(args.out.read_text())


if __name__ == "__main__":
    main()
