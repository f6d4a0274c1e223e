"""Stage 7: write generated files.

* Only files whose bytes changed are written, each atomically (temporary file
  in the same folder, then rename).
* A manifest (``.sdkforge/manifest.json`` in the output folder) records what the
  generator wrote; stale files of a regenerated target are removed, files the
  generator did not write are never touched.
* Nothing is written outside the output folder: every path is checked after
  resolving symlinks.
* ``check`` mode writes nothing and reports what would change, with a diff.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .diagnostics import GenerationError

MANIFEST = ".sdkforge/manifest.json"


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept_modified: list[str] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)
    entries: dict[str, dict[str, str]] = field(default_factory=dict)  # the manifest after this write

    def merge(self, other: "WriteResult") -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.removed += other.removed
        self.kept_modified += other.kept_modified
        self.diffs.update(other.diffs)

    @property
    def changed(self) -> list[str]:
        return sorted(set(self.written) | set(self.removed))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_relpath(rel: str) -> str:
    """Validate a generated relative path: no absolute paths, no '..', no empty parts."""
    if not rel or "\x00" in rel or "\\" in rel:
        raise GenerationError(f"refusing to write an unsafe path {rel!r}")
    pure = PurePosixPath(rel)
    if pure.is_absolute() or any(part in ("", ".", "..") for part in rel.split("/")):
        raise GenerationError(f"refusing to write outside the output folder: {rel!r}")
    return pure.as_posix()


def _inside(out: Path, rel: str, checked: dict[Path, bool] | None = None) -> Path:
    target = out / rel
    # resolve the parent chain: a symlinked folder must not lead out of `out` (once per folder)
    parent = target.parent
    ok = checked.get(parent) if checked is not None else None
    if ok is None:
        ok = parent.resolve().is_relative_to(out)
        if checked is not None:
            checked[parent] = ok
    if not ok:
        raise GenerationError(f"refusing to write {rel!r}: it resolves outside the output folder")
    if target.is_symlink():
        raise GenerationError(f"refusing to write {rel!r}: it is a symbolic link")
    return target


def read_manifest(out: Path) -> dict[str, dict[str, str]]:
    path = out / MANIFEST
    try:
        data = json.loads(path.read_text("utf-8"))
        files = data.get("files", {})
        return {str(k): dict(v) for k, v in files.items() if isinstance(v, dict)}
    except (OSError, ValueError, AttributeError):
        return {}


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".sdkforge-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_output(out_dir: Path, files: dict[str, dict[str, bytes]], *, check: bool = False,
                 save: bool = True) -> WriteResult:
    """Write ``files`` (target -> {relpath: bytes}) under ``out_dir``.

    Only the targets present in ``files`` are considered for stale-file removal.  With
    ``save=False`` the manifest is not written (the caller merges ``result.entries`` of
    several writers and calls :func:`save_manifest`).
    """
    out_dir.mkdir(parents=True, exist_ok=True) if not check else None
    out = out_dir.resolve()
    result = WriteResult()
    old = read_manifest(out) if out.exists() else {}
    new_manifest = {path: meta for path, meta in old.items() if meta.get("target") not in files}
    planned: dict[str, tuple[str, bytes]] = {}
    for target, entries in files.items():
        for rel, data in entries.items():
            planned[safe_relpath(rel)] = (target, data)
    exists = out.exists()
    checked: dict[Path, bool] = {}

    def one(rel: str) -> tuple[str, str, str | None]:
        target, data = planned[rel]
        path = _inside(out, rel, checked) if exists else out / rel
        try:
            current = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            current = None
        if current == data:
            return rel, "unchanged", None
        if check:
            return rel, "written", _diff(rel, current, data)
        _atomic_write(path, data)
        return rel, "written", None

    # file I/O dominates on large outputs: overlap it across threads
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(one, sorted(planned)))
    for rel, outcome, diff in outcomes:
        target, data = planned[rel]
        new_manifest[rel] = {"target": target, "sha256": sha256(data)}
        if outcome == "unchanged":
            result.unchanged.append(rel)
        else:
            result.written.append(rel)
            if diff is not None:
                result.diffs[rel] = diff
    for rel, meta in sorted(old.items()):
        if meta.get("target") not in files or rel in planned:
            continue
        path = out / rel
        try:
            current = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            continue
        if sha256(current) != meta.get("sha256"):
            result.kept_modified.append(rel)
            new_manifest[rel] = meta
            continue
        result.removed.append(rel)
        if check:
            result.diffs[rel] = _diff(rel, current, None)
            continue
        _inside(out, rel)
        path.unlink()
        _prune_empty_dirs(path.parent, out)
    result.entries = new_manifest
    if save and not check:
        save_manifest(out, new_manifest)
    return result


def save_manifest(out: Path, entries: dict[str, dict[str, str]]) -> None:
    manifest = {"generator": "sdkforge", "version": 1, "files": {k: entries[k] for k in sorted(entries)}}
    data = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()
    mpath = out / MANIFEST
    if not mpath.exists() or mpath.read_bytes() != data:
        _atomic_write(mpath, data)


def _prune_empty_dirs(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_relative_to(stop):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _diff(rel: str, old: bytes | None, new: bytes | None, limit: int = 40) -> str:
    def lines(data: bytes | None) -> list[str]:
        if data is None:
            return []
        return data.decode("utf-8", "replace").splitlines(keepends=True)

    diff = list(
        difflib.unified_diff(lines(old), lines(new), fromfile=f"a/{rel}" if old is not None else "/dev/null",
                             tofile=f"b/{rel}" if new is not None else "/dev/null", n=2)
    )
    if len(diff) > limit:
        diff = diff[:limit] + [f"... ({len(diff) - limit} more diff lines)\n"]
    return "".join(line if line.endswith("\n") else line + "\n" for line in diff)
