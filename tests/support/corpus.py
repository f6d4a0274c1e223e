"""The real-world spec corpus beside the repository (../shared/specs/real, see its MANIFEST.tsv):
shared by tests/test_corpus.py and benchmarks/corpus_report.py."""

from __future__ import annotations

import csv
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "specs" / "real"


def entries() -> list[tuple[str, Path]]:
    """``(name, entry file)`` of every corpus spec, in MANIFEST order (empty without the corpus)."""
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
