"""Every model and params type of the API, imported lazily on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .add_upload_part_request import AddUploadPartRequest as AddUploadPartRequest
    from .add_upload_part_request_param import AddUploadPartRequestParam as AddUploadPartRequestParam
    from .complete_upload_request import CompleteUploadRequest as CompleteUploadRequest
    from .complete_upload_request_param import CompleteUploadRequestParam as CompleteUploadRequestParam
    from .create_upload_request import CreateUploadRequest as CreateUploadRequest
    from .create_upload_request_param import CreateUploadRequestParam as CreateUploadRequestParam
    from .delete_file_response import DeleteFileResponse as DeleteFileResponse
    from .error import Error as Error
    from .error_response import ErrorResponse as ErrorResponse
    from .file_expiration_after import FileExpirationAfter as FileExpirationAfter
    from .file_expiration_after_param import FileExpirationAfterParam as FileExpirationAfterParam
    from .file_list_params import FileListParams as FileListParams
    from .file_object import FileObject as FileObject
    from .list_files_response import ListFilesResponse as ListFilesResponse
    from .upload import Upload as Upload
    from .upload_complete_params import UploadCompleteParams as UploadCompleteParams
    from .upload_create_params import UploadCreateParams as UploadCreateParams
    from .upload_part import UploadPart as UploadPart
    from .upload_part_create_params import UploadPartCreateParams as UploadPartCreateParams

_LAZY: dict[str, str] = {
    "AddUploadPartRequest": ".add_upload_part_request",
    "AddUploadPartRequestParam": ".add_upload_part_request_param",
    "CompleteUploadRequest": ".complete_upload_request",
    "CompleteUploadRequestParam": ".complete_upload_request_param",
    "CreateUploadRequest": ".create_upload_request",
    "CreateUploadRequestParam": ".create_upload_request_param",
    "DeleteFileResponse": ".delete_file_response",
    "Error": ".error",
    "ErrorResponse": ".error_response",
    "FileExpirationAfter": ".file_expiration_after",
    "FileExpirationAfterParam": ".file_expiration_after_param",
    "FileListParams": ".file_list_params",
    "FileObject": ".file_object",
    "ListFilesResponse": ".list_files_response",
    "Upload": ".upload",
    "UploadCompleteParams": ".upload_complete_params",
    "UploadCreateParams": ".upload_create_params",
    "UploadPart": ".upload_part",
    "UploadPartCreateParams": ".upload_part_create_params",
}

__all__ = [
    "AddUploadPartRequest",
    "AddUploadPartRequestParam",
    "CompleteUploadRequest",
    "CompleteUploadRequestParam",
    "CreateUploadRequest",
    "CreateUploadRequestParam",
    "DeleteFileResponse",
    "Error",
    "ErrorResponse",
    "FileExpirationAfter",
    "FileExpirationAfterParam",
    "FileListParams",
    "FileObject",
    "ListFilesResponse",
    "Upload",
    "UploadCompleteParams",
    "UploadCreateParams",
    "UploadPart",
    "UploadPartCreateParams",
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
