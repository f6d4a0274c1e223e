"""Incremental generation: when nothing that shapes the output has changed, skip the work.

The fingerprint covers every input: the generator's own code and templates, the
spec file and every file it referenced last time, the config, the user's
template folder, the targets and the options.  The state lives beside the
manifest in ``<out>/.sdkforge/state.json``, so generating into an empty folder
is always a cold run.  A hit also requires every file of the last run to be
present and untouched (same size and mtime as written), else it is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .openapi.load import MAX_FILE_BYTES

STATE = ".sdkforge/state.json"
_SELF = Path(__file__).resolve().parent


def _code_digest() -> str:
    """A digest of the generator's sources and built-in templates."""
    from .render import builtin_templates_dir

    digest = hashlib.sha256()
    for root in (_SELF, builtin_templates_dir()):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    """The file's digest; never reads what the loader refuses unread: a named pipe or device (reading one
    blocks or never ends) or a file over the loader's size limit."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return "not-a-regular-file"
        if info.st_size > MAX_FILE_BYTES:
            return f"too-large:{info.st_size}:{info.st_mtime_ns}"
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "missing"


def _tree_digest(folder: Path | None) -> str:
    if folder is None:
        return ""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class Fingerprint:
    key: str
    inputs: dict[str, str] = field(default_factory=dict)


def fingerprint(spec: Path, config: Path | None, templates: Path | None, targets: list[str],
                options: dict[str, Any]) -> Fingerprint:
    parts = {
        "code": _code_digest(),
        "spec": _file_digest(spec),
        "config": _file_digest(config) if config else "",
        "templates": _tree_digest(templates),
        "targets": ",".join(targets),
        "options": json.dumps(options, sort_keys=True),
    }
    key = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return Fingerprint(key=key, inputs=parts)


def _stat(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def lookup(out: Path, fp: Fingerprint) -> list[str] | None:
    """The diagnostics of the last run when it is still valid, else None."""
    try:
        state = json.loads((out / STATE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if state.get("key") != fp.key:
        return None
    for name, digest in state.get("referenced", {}).items():
        if _file_digest(Path(name)) != digest:
            return None
    root = str(out)
    for rel, stat in state.get("files", {}).items():
        if _stat(os.path.join(root, rel)) != stat:
            return None
    diagnostics = state.get("diagnostics", [])
    return [str(d) for d in diagnostics]


def store(out: Path, fp: Fingerprint, files: list[str], referenced: list[Path], diagnostics: list[str],
          known: dict[str, tuple[int, int]] | None = None) -> None:
    """Record this run's state; ``known`` has the (size, mtime_ns) of the files this run wrote (the
    writer took them as it wrote), the others are looked up."""
    known = known or {}
    root = str(out)
    state = {
        "key": fp.key,
        "inputs": fp.inputs,
        "referenced": {str(p): _file_digest(p) for p in sorted(referenced)},
        "files": {rel: list(known[rel]) if rel in known else _stat(os.path.join(root, rel)) for rel in sorted(files)},
        "diagnostics": diagnostics,
    }
    path = out / STATE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".state-{os.getpid()}.tmp")
    tmp.write_text(json.dumps(state, sort_keys=True, separators=(",", ":")), "utf-8")  # the C encoder
    os.replace(tmp, path)


def invalidate(out: Path) -> None:
    try:
        (out / STATE).unlink()
    except OSError:
        pass
