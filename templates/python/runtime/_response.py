"""Raw and streamed access to HTTP responses (``with_raw_response``, ``with_streaming_response``)."""

from __future__ import annotations

import datetime
import functools
import inspect
import os
from typing import Any, AsyncIterator, Awaitable, Callable, Dict, Generic, Iterator, Optional, TypeVar, Union, cast

import httpx
from typing_extensions import ParamSpec

_R = TypeVar("_R")
_P = ParamSpec("_P")

RAW_RESPONSE_HEADER = "X-Sdkforge-Raw-Response"


class _ResponseFacts:
    """What sync and async raw responses both tell about the exchange."""

    http_response: httpx.Response

    @property
    def http_request(self) -> httpx.Request:
        """The request as it was sent (the last attempt's, after retries)."""
        return self.http_response.request

    @property
    def method(self) -> str:
        return self.http_request.method

    @property
    def is_closed(self) -> bool:
        """Whether the body was read to its end or the response closed."""
        return self.http_response.is_closed

    @property
    def elapsed(self) -> datetime.timedelta:
        """The time from sending the request to the end of the response (once it is read)."""
        return self.http_response.elapsed


class APIResponse(_ResponseFacts, Generic[_R]):
    """The HTTP response of a call, with ``parse()`` for the typed result."""

    http_response: httpx.Response

    def __init__(self, *, raw: httpx.Response, parser: Callable[[httpx.Response], Any], retries_taken: int) -> None:
        self.http_response = raw
        self._parser = parser
        self.retries_taken = retries_taken
        self._parsed: Optional[_R] = None
        self._is_parsed = False

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def request_id(self) -> Optional[str]:
        value = self.http_response.headers.get("x-request-id")
        return str(value) if value is not None else None

    def parse(self) -> _R:
        """The typed result the method returns without ``with_raw_response``."""
        if not self._is_parsed:
            self._parsed = cast(_R, self._parser(self.http_response))
            self._is_parsed = True
        return cast(_R, self._parsed)

    def read(self) -> bytes:
        return self.http_response.read()

    def text(self) -> str:
        self.read()
        return self.http_response.text

    def json(self) -> object:
        self.read()
        return self.http_response.json()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        return self.http_response.iter_bytes(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.http_response.iter_lines()

    def close(self) -> None:
        self.http_response.close()


class AsyncAPIResponse(_ResponseFacts, Generic[_R]):
    """The async twin of :class:`APIResponse`."""

    http_response: httpx.Response

    def __init__(self, *, raw: httpx.Response, parser: Callable[[httpx.Response], Any], retries_taken: int) -> None:
        self.http_response = raw
        self._parser = parser
        self.retries_taken = retries_taken
        self._parsed: Optional[_R] = None
        self._is_parsed = False

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def request_id(self) -> Optional[str]:
        value = self.http_response.headers.get("x-request-id")
        return str(value) if value is not None else None

    async def parse(self) -> _R:
        if not self._is_parsed:
            result = self._parser(self.http_response)
            if inspect.isawaitable(result):
                result = await result
            self._parsed = cast(_R, result)
            self._is_parsed = True
        return cast(_R, self._parsed)

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def text(self) -> str:
        await self.read()
        return self.http_response.text

    async def json(self) -> object:
        await self.read()
        return self.http_response.json()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        return self.http_response.aiter_bytes(chunk_size)

    async def close(self) -> None:
        await self.http_response.aclose()


class _Binary:
    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def content(self) -> bytes:
        """Every byte of the body, as it arrived."""
        return self.response.content

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers


class BinaryResponse(_Binary):
    """The bytes of a binary response (a file, audio, video), never decoded as text.

    ``content`` and ``read()`` give every byte, ``iter_bytes(chunk_size)`` yields them in chunks,
    ``write_to_file(path)`` saves them; ``text()`` decodes them when you ask for it."""

    def read(self) -> bytes:
        return self.response.read()

    def text(self, encoding: Optional[str] = None) -> str:
        return self.read().decode(encoding or self.response.encoding or "utf-8")

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        return self.response.iter_bytes(chunk_size)

    def write_to_file(self, file: Union[str, os.PathLike[str]]) -> None:
        with open(file, mode="wb") as out:
            for chunk in self.iter_bytes():
                out.write(chunk)

    def close(self) -> None:
        self.response.close()


class AsyncBinaryResponse(_Binary):
    """The async twin of :class:`BinaryResponse`: ``await read()``, ``async for`` over
    ``iter_bytes(chunk_size)``, ``await write_to_file(path)``."""

    async def read(self) -> bytes:
        return await self.response.aread()

    async def text(self, encoding: Optional[str] = None) -> str:
        return (await self.read()).decode(encoding or self.response.encoding or "utf-8")

    async def iter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        async for chunk in self.response.aiter_bytes(chunk_size):
            yield chunk

    async def write_to_file(self, file: Union[str, os.PathLike[str]]) -> None:
        with open(file, mode="wb") as out:
            async for chunk in self.iter_bytes():
                out.write(chunk)

    async def close(self) -> None:
        await self.response.aclose()


def _set_mode(kwargs: Dict[str, Any], mode: str) -> None:
    """Ask the client for the response itself, through a header it removes before sending."""
    headers: Dict[str, Any] = dict(kwargs.get("extra_headers") or {})
    headers[RAW_RESPONSE_HEADER] = mode
    kwargs["extra_headers"] = headers


def to_raw_response_wrapper(func: Callable[_P, _R]) -> Callable[_P, APIResponse[_R]]:
    """Wrap a method so that it returns the :class:`APIResponse` (body read eagerly)."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_R]:
        _set_mode(kwargs, "raw")
        return cast(APIResponse[_R], func(*args, **kwargs))

    return wrapped


def async_to_raw_response_wrapper(func: Callable[_P, Awaitable[_R]]) -> Callable[_P, Awaitable[AsyncAPIResponse[_R]]]:
    @functools.wraps(func)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> AsyncAPIResponse[_R]:
        _set_mode(kwargs, "raw")
        return cast(AsyncAPIResponse[_R], await func(*args, **kwargs))

    return wrapped


class ResponseContextManager(Generic[_R]):
    """``with client.x.with_streaming_response.y(...) as response:`` — the body is not read
    until you read it, and the connection is released on exit."""

    def __init__(self, make: Callable[[], APIResponse[_R]]) -> None:
        self._make = make
        self._response: Optional[APIResponse[_R]] = None

    def __enter__(self) -> APIResponse[_R]:
        self._response = self._make()
        return self._response

    def __exit__(self, *args: object) -> None:
        if self._response is not None:
            self._response.close()


class AsyncResponseContextManager(Generic[_R]):
    def __init__(self, make: Callable[[], Awaitable[AsyncAPIResponse[_R]]]) -> None:
        self._make = make
        self._response: Optional[AsyncAPIResponse[_R]] = None

    async def __aenter__(self) -> AsyncAPIResponse[_R]:
        self._response = await self._make()
        return self._response

    async def __aexit__(self, *args: object) -> None:
        if self._response is not None:
            await self._response.close()


def to_streamed_response_wrapper(func: Callable[_P, _R]) -> Callable[_P, ResponseContextManager[_R]]:
    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> ResponseContextManager[_R]:
        _set_mode(kwargs, "stream")
        return ResponseContextManager(lambda: cast(APIResponse[_R], func(*args, **kwargs)))

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, AsyncResponseContextManager[_R]]:
    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> AsyncResponseContextManager[_R]:
        _set_mode(kwargs, "stream")

        async def make() -> AsyncAPIResponse[_R]:
            return cast(AsyncAPIResponse[_R], await func(*args, **kwargs))

        return AsyncResponseContextManager(make)

    return wrapped
