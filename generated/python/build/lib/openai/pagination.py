"""Page types: iterate a list operation's items across every page."""

from __future__ import annotations

from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Awaitable,
    Generator,
    Generic,
    Iterator,
    List,
    Mapping,
    Optional,
    TypeVar,
    cast,
)

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


class _PageState(Generic[_T]):
    """Items and the request that fetched them; subclasses say how to get the next page."""

    items_field: str = "data"

    def __init__(self, *, items: List[_T], body: Mapping[str, Any], request: FinalRequest, model: Any) -> None:
        self.items = items
        self.body = body
        self._request = request
        self._model = model

    def _next_query(self) -> Optional[dict[str, object]]:
        raise NotImplementedError

    def has_next_page(self) -> bool:
        return bool(self.items) and self._next_query() is not None

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
            request=request,
            model=model,
        )
        page._client = client
        return page

    def get_next_page(self) -> BaseSyncPage[_T]:
        query = self._next_query()
        if query is None or not self.items:
            raise RuntimeError("No next page: check has_next_page() first")
        request = self._request.with_query(**query)
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
            request=request,
            model=model,
        )
        page._client = client
        return page

    async def get_next_page(self) -> BaseAsyncPage[_T]:
        query = self._next_query()
        if query is None or not self.items:
            raise RuntimeError("No next page: check has_next_page() first")
        request = self._request.with_query(**query)
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


class _CursorPageRules:
    """cursor pagination: data holds the items."""

    items_field = "data"

    @staticmethod
    def next_query(body: Mapping[str, Any], items: List[Any], request: FinalRequest) -> Optional[dict[str, object]]:
        if body.get("has_more") is False:
            return None
        if not items:
            return None
        cursor: object = None
        cursor = body.get("last_id")
        if cursor is None:
            last: object = items[-1]
            last_map = as_mapping(last)
            cursor = last_map.get("id") if last_map is not None else getattr(last, "id", None)
        if cursor is None:
            return None
        return {"after": cursor}


class SyncCursorPage(BaseSyncPage[_T]):
    """A page of a cursor-paginated list; iterate it for every item of every page."""

    items_field = _CursorPageRules.items_field

    def _next_query(self) -> Optional[dict[str, object]]:
        return _CursorPageRules.next_query(self.body, self.items, self._request)


class AsyncCursorPage(BaseAsyncPage[_T]):
    """The async twin of :class:`SyncCursorPage`."""

    items_field = _CursorPageRules.items_field

    def _next_query(self) -> Optional[dict[str, object]]:
        return _CursorPageRules.next_query(self.body, self.items, self._request)
