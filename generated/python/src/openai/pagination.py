"""Page types: iterate a list operation's items across every page."""

from __future__ import annotations

import re
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Awaitable,
    Dict,
    Generator,
    Generic,
    Iterator,
    List,
    Mapping,
    Optional,
    Tuple,
    TypeVar,
    cast,
)
from urllib.parse import parse_qsl, urlsplit

import httpx

from ._models import construct_type
from ._utils import as_list, as_mapping

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, FinalRequest, SyncAPIClient

_T = TypeVar("_T")
_PageT = TypeVar("_PageT", bound="BaseAsyncPage[Any]")

__all__ = [
    "AsyncPaginator",
    "SyncCursorPage",
    "AsyncCursorPage",
]


_LINK = re.compile(r"<([^>]*)>([^<]*)")
_REL = re.compile(r"""\brel\s*=\s*(?:"([^"]*)"|([^\s;,]+))""", re.IGNORECASE)


def _dig(body: object, path: Tuple[str, ...]) -> object:
    """The value at ``path`` (keys from the body down), or None."""
    value = body
    for key in path:
        mapping = as_mapping(value)
        if mapping is None:
            return None
        value = mapping.get(key)
    return value


def _link_next(header: str) -> Optional[str]:
    """The ``rel="next"`` URL of a ``Link`` header (RFC 8288), or None."""
    for match in _LINK.finditer(header):
        rel = _REL.search(match.group(2))
        if rel is not None and "next" in (rel.group(1) or rel.group(2) or "").lower().split():
            return match.group(1)
    return None


def _query_of(url: object) -> Optional[Dict[str, object]]:
    """A next page's URL as the query to send to the same operation (never another host)."""
    if not isinstance(url, str) or not url:
        return None
    query: Dict[str, object] = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    return query or None


class _PageState(Generic[_T]):
    """Items and the request that fetched them; the class constants say how to get the next page."""

    style: str = "cursor"  # cursor | offset | page | next_link | link_header | single (never a next page)
    items_field: str = "data"  # "": the body is the list of items
    cursor_param: Optional[str] = None
    has_more_field: Optional[str] = None
    next_path: Tuple[str, ...] = ()  # where the next cursor (cursor) or URL (next_link) is

    def __init__(
        self, *, items: List[_T], body: Mapping[str, Any], headers: Mapping[str, str], request: FinalRequest, model: Any
    ) -> None:
        self.items = items
        self.body = body
        self.headers = headers
        self._request = request
        self._model = model

    @property
    def data(self) -> List[_T]:
        """The items of this page."""
        return self.items

    def _next_query(self) -> Optional[Dict[str, object]]:
        if not self.items or self.style == "single":
            return None
        if self.has_more_field is not None and self.body.get(self.has_more_field) is False:
            return None
        if self.style == "next_link":
            return _query_of(_dig(self.body, self.next_path))
        if self.style == "link_header":
            return _query_of(_link_next(self.headers.get("link", "")))
        param = self.cursor_param
        if param is None:
            return None
        current = self._request.query_value(param)
        if self.style == "offset":
            return {param: (current if isinstance(current, int) else 0) + len(self.items)}
        if self.style == "page":
            return {param: (current if isinstance(current, int) else 1) + 1}
        cursor = _dig(self.body, self.next_path) if self.next_path else None
        if cursor is None or cursor == "":
            if self.next_path and self.has_more_field is None:
                return None  # the next cursor is the only sign of a next page
            last_map = as_mapping(self.items[-1])
            cursor = last_map.get("id") if last_map is not None else getattr(self.items[-1], "id", None)
        return None if cursor is None or cursor == "" else {param: cursor}

    def has_next_page(self) -> bool:
        return self._next_query() is not None

    @classmethod
    def _items_from(cls, body: object, model: Any) -> List[Any]:
        mapping = as_mapping(body)
        raw = as_list(mapping.get(cls.items_field) if mapping is not None else body)
        if raw is None:
            return []
        return [construct_type(value=item, type_=model) for item in raw]


class BaseSyncPage(_PageState[_T]):
    _client: SyncAPIClient

    @classmethod
    def from_response(
        cls, *, client: SyncAPIClient, request: FinalRequest, model: Any, response: httpx.Response
    ) -> Any:
        body: object = response.json() if response.content else {}
        page = cls(
            items=cls._items_from(body, model),
            body=as_mapping(body) or {},
            headers=response.headers,
            request=request,
            model=model,
        )
        page._client = client
        return page

    def get_next_page(self) -> BaseSyncPage[_T]:
        query = self._next_query()
        if query is None:
            raise RuntimeError("No next page: check has_next_page() first")
        request = self._request.with_query(query)
        return cast(
            "BaseSyncPage[_T]",
            self._client._send(request, cast_to=self._model, raw_mode=None, stream_cast_to=None, page=type(self)),
        )

    def iter_pages(self) -> Iterator[BaseSyncPage[_T]]:
        page: BaseSyncPage[_T] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def __iter__(self) -> Iterator[_T]:
        for page in self.iter_pages():
            yield from page.items


class BaseAsyncPage(_PageState[_T]):
    _client: AsyncAPIClient

    @classmethod
    def from_response(
        cls, *, client: AsyncAPIClient, request: FinalRequest, model: Any, response: httpx.Response
    ) -> Any:
        body: object = response.json() if response.content else {}
        page = cls(
            items=cls._items_from(body, model),
            body=as_mapping(body) or {},
            headers=response.headers,
            request=request,
            model=model,
        )
        page._client = client
        return page

    async def get_next_page(self) -> BaseAsyncPage[_T]:
        query = self._next_query()
        if query is None:
            raise RuntimeError("No next page: check has_next_page() first")
        request = self._request.with_query(query)
        return cast(
            "BaseAsyncPage[_T]",
            await self._client._send(request, cast_to=self._model, raw_mode=None, stream_cast_to=None, page=type(self)),
        )

    async def iter_pages(self) -> AsyncIterator[BaseAsyncPage[_T]]:
        page: BaseAsyncPage[_T] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncPaginator(Generic[_T, _PageT]):
    """What an async list method returns: ``await`` it for the first page, or
    ``async for`` over it for every item of every page."""

    def __init__(self, fetch: Awaitable[_PageT]) -> None:
        self._fetch = fetch

    def __await__(self) -> Generator[Any, None, _PageT]:
        return self._fetch.__await__()

    async def __aiter__(self) -> AsyncIterator[_T]:
        page = await self
        async for item in page:
            yield item


class SyncCursorPage(BaseSyncPage[_T]):
    """A page of a cursor-paginated list; iterate it for every item of every page."""

    style = "cursor"
    items_field = "data"
    cursor_param = "after"
    has_more_field = "has_more"
    next_path = ("last_id",)


class AsyncCursorPage(BaseAsyncPage[_T]):
    """The async twin of :class:`SyncCursorPage`."""

    style = "cursor"
    items_field = "data"
    cursor_param = "after"
    has_more_field = "has_more"
    next_path = ("last_id",)
