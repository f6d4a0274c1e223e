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
        # the generation runs under a fresh Python process that reports the largest of its children
        # (the CLI and its workers): ru_maxrss of this process's children would also count whatever
        # it ran before (a test suite's compilers, a Prism)
        runner = ("import resource, subprocess, sys\n"
                  "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
                  "sys.stderr.write(r.stderr[-3000:])\n"
                  "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", runner, sys.executable, "-m", "sdkforge.cli", "generate",
                                 str(path), "--out", str(Path(tmp) / "out"), "--target", target],
                                capture_output=True, text=True)
        seconds = time.perf_counter() - start
        code, peak_kib = (int(x) for x in result.stdout.split())
        if code != 0:
            sys.stderr.write(result.stderr)
        return peak_kib * 1024, seconds, code  # ru_maxrss is in KiB on Linux


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
