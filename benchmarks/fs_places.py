"""What creating a file costs in different places of this machine's file systems, side by side.

    .venv/bin/python benchmarks/fs_places.py [--files 5000] [--rounds 2] [FOLDER ...]

For each folder (default: the checkout's benchmarks/.work, the system temporary folder, /var/tmp and
/dev/shm) it makes a fresh sub-folder, creates ``--files`` files of 4 KB and of 0 bytes in it, and
prints the wall and system time per file; the sub-folders are deleted at the end.  `run.py` decides
where its judged disk runs write on the grounds this shows (benchmarks/README.md, "Where the disk
runs write"); its own reports carry a shorter probe of the places it uses.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import WORK, fs_type  # noqa: E402  (the benchmark's own helpers)


def probe(folder: Path, files: int, size: int) -> tuple[float, float]:
    """(wall, system) microseconds per file for ``files`` new files of ``size`` bytes in a new folder."""
    root = folder / f"fs-places.{os.getpid()}.{time.monotonic_ns()}"
    root.mkdir(parents=True)
    data = b"x" * size
    before = resource.getrusage(resource.RUSAGE_SELF).ru_stime
    start = time.perf_counter()
    for i in range(files):
        fd = os.open(root / f"f{i}.html", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        if data:
            os.write(fd, data)
        os.close(fd)
    wall = time.perf_counter() - start
    system = resource.getrusage(resource.RUSAGE_SELF).ru_stime - before
    return 1e6 * wall / files, 1e6 * system / files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    folders = args.folders or [WORK / "fs-places", Path(tempfile.gettempdir()) / "fs-places",
                               Path("/var/tmp/fs-places"), Path("/dev/shm/fs-places")]
    print("| folder | fs | round | 4 KB: wall / sys µs per file | empty: wall / sys µs per file |")
    print("|---|---|---|---|---|")
    try:
        for r in range(args.rounds):
            for folder in folders:
                if not folder.parent.is_dir():
                    continue
                full = probe(folder, args.files, 4096)
                empty = probe(folder, args.files, 0)
                print(f"| {folder} | {fs_type(folder)} | {r + 1} | {full[0]:.0f} / {full[1]:.0f} "
                      f"| {empty[0]:.0f} / {empty[1]:.0f} |", flush=True)
    finally:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
