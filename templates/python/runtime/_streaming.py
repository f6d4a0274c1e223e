"""Server-sent events: a decoder and typed streams."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, AsyncIterator, Generic, Iterator, List, Optional, TypeVar

import httpx

from ._exceptions import APIError
from ._models import construct_type
from ._utils import as_mapping

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, SyncAPIClient

_T = TypeVar("_T")


class ServerSentEvent:
    def __init__(self, *, event: Optional[str], data: str, id: Optional[str], retry: Optional[int]) -> None:
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry

    def json(self) -> Any:
        return json.loads(self.data)

    def __repr__(self) -> str:
        return f"ServerSentEvent(event={self.event!r}, data={self.data!r}, id={self.id!r})"


class SSEDecoder:
    """Decodes the ``text/event-stream`` format line by line (per the HTML spec)."""

    def __init__(self) -> None:
        self._event: Optional[str] = None
        self._data: List[str] = []
        self._id: Optional[str] = None
        self._retry: Optional[int] = None

    def decode_line(self, line: str) -> Optional[ServerSentEvent]:
        if not line:
            if self._event is None and not self._data and self._id is None and self._retry is None:
                return None
            sse = ServerSentEvent(event=self._event, data="\n".join(self._data), id=self._id, retry=self._retry)
            self._event, self._data, self._retry = None, [], None
            return sse
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        elif name == "id":
            if "\0" not in value:
                self._id = value
        elif name == "retry":
            try:
                self._retry = int(value)
            except ValueError:
                pass
        return None

    def iter_lines(self, chunks: Iterator[bytes]) -> Iterator[str]:
        buffer = b""
        for chunk in chunks:
            buffer += chunk
            while True:
                positions = [p for p in (buffer.find(b"\r\n"), buffer.find(b"\n"), buffer.find(b"\r")) if p >= 0]
                if not positions:
                    break
                cut = min(positions)
                width = 2 if buffer[cut : cut + 2] == b"\r\n" else 1
                if buffer[cut : cut + 1] == b"\r" and cut + 1 == len(buffer):
                    break  # a lone CR at the end may be the first half of CRLF
                yield buffer[:cut].decode("utf-8")
                buffer = buffer[cut + width :]
        if buffer:
            yield buffer.rstrip(b"\r").decode("utf-8")

    def iter_events(self, chunks: Iterator[bytes]) -> Iterator[ServerSentEvent]:
        for line in self.iter_lines(chunks):
            sse = self.decode_line(line)
            if sse is not None:
                yield sse
        sse = self.decode_line("")
        if sse is not None:
            yield sse

    async def aiter_events(self, chunks: AsyncIterator[bytes]) -> AsyncIterator[ServerSentEvent]:
        buffer: List[bytes] = []
        async for chunk in chunks:
            buffer.append(chunk)
            if b"\n" in chunk or b"\r" in chunk:
                joined = b"".join(buffer)
                cut = max(joined.rfind(b"\n"), joined.rfind(b"\r"))
                if joined[cut : cut + 1] == b"\r" and cut + 1 == len(joined):
                    continue
                complete, rest = joined[: cut + 1], joined[cut + 1 :]
                buffer = [rest] if rest else []
                for line in self.iter_lines(iter([complete])):
                    sse = self.decode_line(line)
                    if sse is not None:
                        yield sse
        tail = b"".join(buffer)
        for line in self.iter_lines(iter([tail])) if tail else iter(()):
            sse = self.decode_line(line)
            if sse is not None:
                yield sse
        sse = self.decode_line("")
        if sse is not None:
            yield sse


def _event_value(sse: ServerSentEvent, cast_to: Any, response: httpx.Response) -> Any:
    data: object = sse.json()
    body = as_mapping(data)
    error = as_mapping(body.get("error")) if body is not None else None
    # an `event: error`, or a bare `{"error": {...}}` payload, ends the stream with an APIError
    if sse.event == "error" or (sse.event is None and error is not None and body is not None and len(body) <= 2):
        message = error.get("message") if error is not None else None
        raise APIError(
            message if isinstance(message, str) else "An error occurred during streaming",
            response.request,
            body=data,
        )
    return construct_type(value=data, type_=cast_to)


class Stream(Generic[_T]):
    """Iterate over the typed events of a streaming response; ``[DONE]`` ends it."""

    response: httpx.Response

    def __init__(self, *, cast_to: Any, response: httpx.Response, client: SyncAPIClient) -> None:
        self.response = response
        self._cast_to = cast_to
        self._client = client
        self._iterator = self._stream()

    def __iter__(self) -> Iterator[_T]:
        return self._iterator

    def __next__(self) -> _T:
        return next(self._iterator)

    def _stream(self) -> Iterator[_T]:
        try:
            for sse in SSEDecoder().iter_events(self.response.iter_bytes()):
                if sse.data.startswith("[DONE]"):
                    break
                if not sse.data:
                    continue
                yield _event_value(sse, self._cast_to, self.response)
        finally:
            self.response.close()

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> Stream[_T]:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()


class AsyncStream(Generic[_T]):
    """The async twin of :class:`Stream`."""

    response: httpx.Response

    def __init__(self, *, cast_to: Any, response: httpx.Response, client: AsyncAPIClient) -> None:
        self.response = response
        self._cast_to = cast_to
        self._client = client
        self._iterator = self._stream()

    def __aiter__(self) -> AsyncIterator[_T]:
        return self._iterator

    async def __anext__(self) -> _T:
        return await self._iterator.__anext__()

    async def _stream(self) -> AsyncIterator[_T]:
        try:
            async for sse in SSEDecoder().aiter_events(self.response.aiter_bytes()):
                if sse.data.startswith("[DONE]"):
                    break
                if not sse.data:
                    continue
                yield _event_value(sse, self._cast_to, self.response)
        finally:
            await self.response.aclose()

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncStream[_T]:
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.close()
