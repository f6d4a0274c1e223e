"""File names derived from spec names, kept short enough for every file system.

A file name stops at 255 bytes on the common file systems (and a path at 4096): a schema, resource or
operation name from the spec may be far longer.  Every target names its files through :func:`short_stem`,
which keeps a short name as it is and gives a long one a prefix and a hash of the whole name, so that two
long names that share the prefix still get different files, and the same name always the same one.
"""

from __future__ import annotations

import hashlib

STEM_MAX_BYTES = 100  # with the target's suffixes and counters (`_2`, `.test.ts`, `.html`) far below 255


def short_stem(stem: str, sep: str = "_", max_bytes: int = STEM_MAX_BYTES) -> str:
    """``stem`` when it fits in ``max_bytes`` (UTF-8), else its head, ``sep`` and 10 hex digits of its hash."""
    data = stem.encode("utf-8")
    if len(data) <= max_bytes:
        return stem
    digest = hashlib.sha256(data).hexdigest()[:10]
    head = data[: max_bytes - 11].decode("utf-8", "ignore").rstrip(sep + "_-")
    return f"{head}{sep}{digest}"
