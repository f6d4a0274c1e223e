#!/usr/bin/env python3
"""How many list operations of each corpus spec got a page scheme, and of which style.

Usage (from the repository root)::

    .venv/bin/python benchmarks/pages_detected.py              # every spec of ../shared/specs/real
    .venv/bin/python benchmarks/pages_detected.py --only openai,github --schemes

Each spec is loaded as ``sdkforge generate`` loads it (its settings file beside it, if any) and the
IR's operations are counted by page style (cursor, offset, page, next_link, link_header) and by
whether the scheme was configured or detected (generator/ir/pages.py); "sampled" is how many of the
paginated operations are among those tests/test_corpus_calls.py calls (whose generated tests iterate
the first page).  ``--schemes`` also lists the schemes with their fields.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from generator.diagnostics import Diagnostics, SpecError  # noqa: E402
from generator.pipeline import load_api  # noqa: E402
from support.corpus import entries  # noqa: E402
from support.corpus_calls import operations, sample  # noqa: E402

STYLES = ("cursor", "offset", "page", "next_link", "link_header")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated spec names")
    parser.add_argument("--schemes", action="store_true", help="list each spec's schemes")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    print("| spec | GET ops | paginated | sampled | " + " | ".join(STYLES) + " | schemes |")
    print("|---|---:|---:|---:|" + "---:|" * len(STYLES) + "---:|")
    for name, entry in entries():
        if only and name not in only:
            continue
        diags = Diagnostics()
        try:
            loaded = load_api(entry, diags)
            api = loaded.api
        except SpecError as exc:
            print(f"| {name} | not loaded: {str(exc).splitlines()[0][:80]} |")
            continue
        ops = api.operations
        styles = Counter(op.pagination.style for op in ops if op.pagination)
        gets = sum(op.method == "get" for op in ops)
        called = set(sample(operations(loaded.document.data)))
        sampled = sum((op.path, op.method) in called for op in ops if op.pagination)
        print(f"| {name} | {gets} | {sum(styles.values())} | {sampled} | "
              + " | ".join(str(styles[s]) for s in STYLES)
              + f" | {len(api.page_schemes)} |")
        if args.schemes:
            used = Counter(op.pagination.scheme for op in ops if op.pagination)
            for s in api.page_schemes:
                where = "detected" if s.detected else "configured"
                print(f"|   {s.name} ({where}, {used[s.name]} ops): {s.style} param={s.request_cursor} "
                      f"limit={s.request_limit} items={s.items!r} has_more={s.has_more} "
                      f"next={'.'.join(s.next_path) or None} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
