"""The models and params types of the `files` resource, imported lazily on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..delete_file_response import DeleteFileResponse as DeleteFileResponse
    from ..error import Error as Error
    from ..error_response import ErrorResponse as ErrorResponse
    from ..file_object import FileObject as FileObject
    from ..list_files_response import ListFilesResponse as ListFilesResponse

_LAZY: dict[str, str] = {
    "DeleteFileResponse": "..delete_file_response",
    "Error": "..error",
    "ErrorResponse": "..error_response",
    "FileObject": "..file_object",
    "ListFilesResponse": "..list_files_response",
}

__all__ = [
    "DeleteFileResponse",
    "Error",
    "ErrorResponse",
    "FileObject",
    "ListFilesResponse",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
