"""Turning ``FileTypes`` values into multipart parts."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, List, Mapping, Optional, Tuple, Union, cast

from ._qs import flatten
from ._types import FileContent, FileTypes, NotGiven, Omit
from ._utils import as_list

HttpxFile = Tuple[Optional[str], Union[bytes, IO[bytes]], Optional[str]]


def is_file_content(value: object) -> bool:
    """Bytes, a path or a binary file object."""
    return isinstance(value, (bytes, bytearray, io.IOBase, os.PathLike)) or hasattr(value, "read")


def _is_file(value: object) -> bool:
    return is_file_content(value) or isinstance(value, tuple)


def _read(content: FileContent) -> Tuple[str, Union[bytes, IO[bytes]]]:
    if isinstance(content, os.PathLike):
        path = Path(content)
        return path.name, path.read_bytes()
    if isinstance(content, (bytes, bytearray)):
        return "upload", bytes(content)
    name: object = getattr(content, "name", None)
    return (os.path.basename(name) if isinstance(name, str) else "upload"), content


def to_file(value: FileTypes) -> HttpxFile:
    """Normalise bytes, a binary file object, a path or a ``(name, content[, type])`` tuple."""
    if isinstance(value, tuple):
        _, content = _read(value[1])
        content_type = value[2] if len(value) > 2 else None
        return value[0], content, content_type
    name, content = _read(value)
    return name, content, None


def read_content(value: FileTypes) -> bytes:
    """The bytes of a file value (for ``application/octet-stream`` bodies)."""
    _, content, _ = to_file(value)
    return content if isinstance(content, bytes) else content.read()


def split_multipart(body: Mapping[str, object]) -> Tuple[List[Tuple[str, str]], List[Tuple[str, HttpxFile]]]:
    """Split a params dict into form fields and file parts."""
    data: List[Tuple[str, str]] = []
    files: List[Tuple[str, HttpxFile]] = []
    for key, value in body.items():
        if isinstance(value, (NotGiven, Omit)):
            continue
        listed = as_list(value) if not isinstance(value, tuple) else None
        items: List[object] = listed if listed is not None and any(_is_file(v) for v in listed) else [value]
        for item in items:
            if _is_file(item):
                files.append((key, to_file(cast(FileTypes, item))))
            elif item is not None:
                # nested values as form fields: `key[sub]=...`, arrays as repeated `key[]=...`
                data.extend(flatten({key: item}, array_brackets=True))
    return data, files
