"""The models and params types of the `uploads` resource, imported lazily on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..add_upload_part_request import AddUploadPartRequest as AddUploadPartRequest
    from ..add_upload_part_request_param import AddUploadPartRequestParam as AddUploadPartRequestParam
    from ..complete_upload_request import CompleteUploadRequest as CompleteUploadRequest
    from ..complete_upload_request_param import CompleteUploadRequestParam as CompleteUploadRequestParam
    from ..create_upload_request import CreateUploadRequest as CreateUploadRequest
    from ..create_upload_request_param import CreateUploadRequestParam as CreateUploadRequestParam
    from ..error import Error as Error
    from ..error_response import ErrorResponse as ErrorResponse
    from ..file_expiration_after import FileExpirationAfter as FileExpirationAfter
    from ..file_expiration_after_param import FileExpirationAfterParam as FileExpirationAfterParam
    from ..file_object import FileObject as FileObject
    from ..upload import Upload as Upload
    from ..upload_part import UploadPart as UploadPart

_LAZY: dict[str, str] = {
    "AddUploadPartRequest": "..add_upload_part_request",
    "AddUploadPartRequestParam": "..add_upload_part_request_param",
    "CompleteUploadRequest": "..complete_upload_request",
    "CompleteUploadRequestParam": "..complete_upload_request_param",
    "CreateUploadRequest": "..create_upload_request",
    "CreateUploadRequestParam": "..create_upload_request_param",
    "Error": "..error",
    "ErrorResponse": "..error_response",
    "FileExpirationAfter": "..file_expiration_after",
    "FileExpirationAfterParam": "..file_expiration_after_param",
    "FileObject": "..file_object",
    "Upload": "..upload",
    "UploadPart": "..upload_part",
}

__all__ = [
    "AddUploadPartRequest",
    "AddUploadPartRequestParam",
    "CompleteUploadRequest",
    "CompleteUploadRequestParam",
    "CreateUploadRequest",
    "CreateUploadRequestParam",
    "Error",
    "ErrorResponse",
    "FileExpirationAfter",
    "FileExpirationAfterParam",
    "FileObject",
    "Upload",
    "UploadPart",
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
