"""Shared types of the OpenAI SDK runtime."""

from __future__ import annotations

import os
from types import NoneType as NoneType
from typing import (
    IO,
    Any,
    Dict,
    Iterator,
    Mapping,
    Optional,
    Protocol,
    Sequence,
    Tuple,
    TypeVar,
    Union,
    overload,
)

import httpx
from typing_extensions import Literal, SupportsIndex, TypeAlias

_T_co = TypeVar("_T_co", covariant=True)


class NotGiven:
    """Sentinel for "this argument was not given".

    It is distinct from ``None``: ``md5=None`` sends ``null``, while leaving the
    argument out (``NOT_GIVEN``) sends nothing at all.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


class Omit:
    """Pass as a header value to remove a default header from one request."""

    def __bool__(self) -> Literal[False]:
        return False


def is_given(value: object) -> bool:
    return not isinstance(value, (NotGiven, Omit))


Headers: TypeAlias = Mapping[str, Union[str, Omit]]
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = object
Timeout: TypeAlias = Union[float, httpx.Timeout, None]

FileContent: TypeAlias = Union[IO[bytes], bytes, "os.PathLike[str]"]
FileTypes: TypeAlias = Union[
    FileContent,
    Tuple[Optional[str], FileContent],
    Tuple[Optional[str], FileContent, Optional[str]],
    Tuple[Optional[str], FileContent, Optional[str], Mapping[str, str]],
]

JSONObject: TypeAlias = Dict[str, Any]


class SequenceNotStr(Protocol[_T_co]):
    """A sequence that is not a ``str``: ``["a"]`` is accepted, ``"a"`` is a type error."""

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> _T_co: ...

    @overload
    def __getitem__(self, index: slice, /) -> Sequence[_T_co]: ...

    def __contains__(self, value: object, /) -> bool: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[_T_co]: ...

    def index(self, value: Any, start: int = 0, stop: int = ..., /) -> int: ...

    def count(self, value: Any, /) -> int: ...

    def __reversed__(self) -> Iterator[_T_co]: ...
