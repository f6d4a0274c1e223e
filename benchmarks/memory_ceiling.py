"""Peak memory of a generation whose spec holds the longest strings the loader accepts.

    python benchmarks/memory_ceiling.py [--strings N] [--chars C] [--target all]

Writes a spec whose N schemas each carry a description of C characters (default: one string of
MAX_STRING_CHARS, the longest accepted), runs ``sdkforge generate`` on it in a child process and
prints the child's peak RSS (``resource.getrusage(RUSAGE_CHILDREN)``) and wall time.
tests/test_hostile_layouts.py::test_longest_accepted_string_stays_under_the_memory_ceiling runs it.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sdkforge.openapi.load import MAX_STRING_CHARS


def spec(strings: int, chars: int) -> dict[str, object]:
    words = ("lorem ipsum *dolor* sit `amet` " * (chars // 30 + 1))[:chars]
    schemas = {f"Big{i}": {"type": "object", "description": words, "properties": {"x": {"type": "string"}}}
               for i in range(strings)}
    paths = {f"/big{i}": {"get": {"operationId": f"getBig{i}", "responses": {"200": {
        "description": "ok", "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/Big{i}"}}}}}}}
        for i in range(strings)}
    return {"openapi": "3.1.0", "info": {"title": "Big", "version": "1"},
            "servers": [{"url": "https://api.example.com"}], "paths": paths, "components": {"schemas": schemas}}


def measure(strings: int, chars: int, target: str) -> tuple[int, float, int]:
    """(peak RSS of the child in bytes, seconds, exit code)."""
    with tempfile.TemporaryDirectory(prefix="sdkforge-memory-") as tmp:
        path = Path(tmp) / "big.json"
        path.write_text(json.dumps(spec(strings, chars)))
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(path), "--out",
                                 str(Path(tmp) / "out"), "--target", target], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if result.returncode != 0:
            sys.stderr.write(result.stderr[-3000:])
        # ru_maxrss is the largest child so far (KiB on Linux): only a new maximum is this run's
        return max(peak, before) * 1024 if peak > before else peak * 1024, seconds, result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strings", type=int, default=1)
    parser.add_argument("--chars", type=int, default=MAX_STRING_CHARS)
    parser.add_argument("--target", default="all")
    args = parser.parse_args()
    peak, seconds, code = measure(args.strings, args.chars, args.target)
    print(f"{args.strings} x {args.chars} chars, --target {args.target}: exit {code}, "
          f"peak RSS {peak / 2**20:.0f} MiB, {seconds:.1f} s")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
