"""Stage 7: write generated files.

* Only files whose bytes changed are written.  Each target's files are staged as they
  are rendered (in a staging folder inside ``.sdkforge/``), then moved into place by
  rename once every target rendered: a failed generation changes nothing.  On a cold
  run a target's whole staged folder is renamed into place at once.
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
import shutil
import tempfile
from dataclasses import dataclass, field
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)  # rel -> (size, mtime_ns) of written files
    surfaces: list[Any] = field(default_factory=list)  # the SDK targets' API surfaces (generator.surface)
    recorded: dict[str, Any] = field(default_factory=dict)  # the surfaces the last generation recorded

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
    # string checks only (called once per generated file): no leading "/" (its first part is
    # empty), no empty, "." or ".." parts, so the path is already in its normal form
    if any(part in ("", ".", "..") for part in rel.split("/")):
        raise GenerationError(f"refusing to write outside the output folder: {rel!r}")
    return rel


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


@dataclass
class Staged:
    """What one target's stager saw: every file's hash, which ones differ from the output, and diffs."""

    target: str
    files: dict[str, str] = field(default_factory=dict)  # rel -> sha256, every planned file
    rendered: dict[str, str] = field(default_factory=dict)  # rel -> sha256 before --format, formatted files
    written: list[str] = field(default_factory=list)  # differ from the output: staged (or diffed in check mode)
    diffs: dict[str, str] = field(default_factory=dict)
    cold: bool = False  # the target's folder did not exist: the staged folder is moved into place whole
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)  # rel -> (size, mtime_ns) as staged
    surface: Any = None  # the API surface of what this target wrote (SDK targets only)

    def merge(self, other: Staged) -> Staged:
        """One target staged by several processes (shards): their files must not overlap."""
        overlap = self.files.keys() & other.files.keys()
        if overlap:
            raise GenerationError(f"two shards of {self.target} wrote {sorted(overlap)[0]!r}")
        return Staged(target=self.target, files={**self.files, **other.files},
                      rendered={**self.rendered, **other.rendered}, written=self.written + other.written,
                      diffs={**self.diffs, **other.diffs}, cold=self.cold and other.cold,
                      stats={**self.stats, **other.stats}, surface=self.surface or other.surface)


class Stager:
    """Receives one target's files as they are rendered (any process) and stages the changed ones.

    A file whose bytes equal the output's is left alone; any other is written to the staging folder,
    never into the output: :meth:`Transaction.commit` moves staged files into place once every
    target rendered, so a failed generation leaves the previous output as it was.  When the target's
    folder does not exist yet (a cold run), nothing is read from the output at all."""

    def __init__(self, out: Path, staging: Path | None, target: str, check: bool,
                 formatter: Callable[[str, bytes], bytes] | None = None,
                 manifest: dict[str, dict[str, str]] | None = None) -> None:
        self.out = out
        self.formatter = formatter
        self.manifest = manifest or {}
        self.staging = staging
        self.check = check
        folder = out / target
        self.prefix = target + "/"
        self.result = Staged(target=target, cold=not os.path.lexists(folder))
        self._checked: dict[Path, bool] = {}
        self._made: set[str] = set()
        self._root = str(staging) if staging is not None else ""

    def add(self, rel: str, data: bytes) -> None:
        rel = safe_relpath(rel)
        if not rel.startswith(self.prefix):
            raise GenerationError(f"refusing to write {rel!r} for target {self.result.target!r}: outside its folder")
        result = self.result
        if rel in result.files:
            raise GenerationError(f"two files would be written to {rel!r}")
        current: bytes | None = None
        read = False
        if self.formatter is not None:
            rendered = hashlib.sha256(data).hexdigest()
            result.rendered[rel] = rendered
            known = self.manifest.get(rel, {})
            if not result.cold and known.get("rendered") == rendered:
                # the templates gave the same text as when this file was last formatted: if the file
                # is still what was written then, it is up to date and the formatter is not run
                current, read = self._read(rel), True
                if current is not None and hashlib.sha256(current).hexdigest() == known.get("sha256"):
                    result.files[rel] = known["sha256"]
                    return
            data = self.formatter(rel, data)
        result.files[rel] = hashlib.sha256(data).hexdigest()
        if not result.cold:
            if not read:
                current = self._read(rel)
            if current == data:
                return
        result.written.append(rel)
        if self.check:
            result.diffs[rel] = _diff(rel, current, data)
            return
        assert self.staging is not None
        root = self._root
        parent = rel.rpartition("/")[0]
        if parent and parent not in self._made:
            self._make(root, parent)
        # a rename keeps the size and mtime: the incremental state records them without a stat later
        result.stats[rel] = _create(f"{root}/{rel}", data)

    def _make(self, root: str, folder: str) -> None:
        """Create a staging folder (parents first), each once: no stat calls, no path objects."""
        up = folder.rpartition("/")[0]
        if up and up not in self._made:
            self._make(root, up)
        try:
            os.mkdir(f"{root}/{folder}")
        except FileExistsError:  # another shard of the same target made it
            pass
        self._made.add(folder)

    def _read(self, rel: str) -> bytes | None:
        try:
            return _inside(self.out, rel, self._checked).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None

    def finish(self) -> Staged:
        """The result, once every file was added."""
        return self.result


def _create(path: str, data: bytes) -> tuple[int, int]:
    """Write a new file; its (size, mtime_ns) once written."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        info = os.fstat(fd)
        return info.st_size, info.st_mtime_ns
    finally:
        os.close(fd)


class Transaction:
    """One generation's write: stagers for each target, then an all-or-nothing commit."""

    def __init__(self, out_dir: Path, *, check: bool = False) -> None:
        self.check = check
        if not check:
            out_dir.mkdir(parents=True, exist_ok=True)
        self.out = out_dir.resolve()
        self.old = read_manifest(self.out) if self.out.exists() else {}
        self.staging: Path | None = None
        if not check:
            state = self.out / ".sdkforge"
            if state.is_symlink() or (state.exists() and not state.is_dir()):
                raise GenerationError(f"refusing to use {state}: it is not a plain folder")
            state.mkdir(exist_ok=True)
            _remove_abandoned_staging(state)
            self.staging = Path(tempfile.mkdtemp(prefix=f"staging-{os.getpid()}-", dir=state))

    def stager(self, target: str) -> Stager:
        return Stager(self.out, self.staging, target, self.check, manifest=self.old)

    def abort(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None

    def commit(self, staged: list[Staged], *, save: bool = True) -> WriteResult:
        try:
            return self._commit(staged, save)
        finally:
            self.abort()

    def _commit(self, staged: list[Staged], save: bool) -> WriteResult:
        out, old, check = self.out, self.old, self.check
        result = WriteResult()
        targets = {st.target for st in staged}
        new_manifest = {path: meta for path, meta in old.items() if meta.get("target") not in targets}
        planned: dict[str, str] = {}
        moves: list[tuple[Path, Path]] = []
        checked: dict[Path, bool] = {}
        for st in staged:
            for rel, digest in st.files.items():
                planned[rel] = digest
                new_manifest[rel] = {"target": st.target, "sha256": digest}
                if rel in st.rendered:
                    new_manifest[rel]["rendered"] = st.rendered[rel]
            result.written += st.written
            result.diffs.update(st.diffs)
            result.stats.update(st.stats)
            written = set(st.written)
            result.unchanged += [rel for rel in st.files if rel not in written]
            if check or not st.written:
                continue
            assert self.staging is not None
            folder = out / st.target
            if st.cold and not os.path.lexists(folder):
                moves.append((self.staging / st.target, folder))
            else:  # every destination is checked before anything moves
                moves += [(self.staging / rel, _inside(out, rel, checked)) for rel in st.written]
        made: set[Path] = set()
        for source, dest in moves:
            if dest.parent not in made:
                dest.parent.mkdir(parents=True, exist_ok=True)
                made.add(dest.parent)
            os.replace(source, dest)
        result.written.sort()
        result.unchanged.sort()
        for rel, meta in sorted(old.items()):
            if meta.get("target") not in targets or rel in planned:
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


def _remove_abandoned_staging(state: Path) -> None:
    """Staging folders of runs that were killed (their process is gone)."""
    for entry in state.glob("staging-*"):
        pid = entry.name.split("-")[1]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # still running: another generation into the same folder
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        shutil.rmtree(entry, ignore_errors=True)


def write_output(out_dir: Path, files: dict[str, dict[str, bytes]], *, check: bool = False,
                 save: bool = True) -> WriteResult:
    """Write ``files`` (target -> {relpath: bytes}) under ``out_dir`` in one transaction.

    Only the targets present in ``files`` are considered for stale-file removal.  With
    ``save=False`` the manifest is not written (the caller merges ``result.entries`` of
    several writers and calls :func:`save_manifest`).
    """
    transaction = Transaction(out_dir, check=check)
    try:
        staged = []
        for target, entries in files.items():
            stager = transaction.stager(target)
            try:
                for rel, data in sorted(entries.items()):
                    stager.add(rel, data)
            finally:
                staged.append(stager.finish())
    except BaseException:
        transaction.abort()
        raise
    return transaction.commit(staged, save=save)


_json_str = json.encoder.encode_basestring_ascii  # type: ignore[attr-defined]  # what json.dumps gives a str
_ENTRY_KEYS = ("rendered", "sha256", "target")  # sorted


def _entry_json(entry: dict[str, str]) -> str:
    """``json.dumps(entry, sort_keys=True)``, written out for the entries the writer makes (string
    values under its own keys); any other entry (one kept from an edited manifest) by json.dumps."""
    if entry.keys() <= set(_ENTRY_KEYS) and all(type(value) is str for value in entry.values()):
        return "{" + ", ".join(f'"{key}": {_json_str(entry[key])}' for key in _ENTRY_KEYS if key in entry) + "}"
    return json.dumps(entry, sort_keys=True)


def save_manifest(out: Path, entries: dict[str, dict[str, str]]) -> None:
    # one line per file (readable diffs when a regeneration changes a few), encoded in C: an indented
    # dump goes through the pure-Python encoder (0.2 s for 25k files)
    files = ",\n".join(f"  {_json_str(rel)}: {_entry_json(entries[rel])}" for rel in sorted(entries))
    data = ('{\n "files": {\n' + files + ('\n' if files else '') + ' },\n "generator": "sdkforge",\n "version": 1\n}\n').encode()
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
