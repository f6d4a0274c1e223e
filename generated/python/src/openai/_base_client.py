"""The HTTP core shared by every resource: request building, retries, errors, parsing."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import platform
import random
import time
from types import NoneType
from typing import Any, ClassVar, Dict, Mapping, Optional, Sequence, Tuple, Union

import httpx
from typing_extensions import Self, TypedDict

from . import _exceptions
from ._exceptions import APIConnectionError, APIError, APIStatusError, APITimeoutError, make_status_error
from ._logs import logger, redact_headers, redact_url
from ._models import construct_type
from ._response import RAW_RESPONSE_HEADER, APIResponse, AsyncAPIResponse, AsyncBinaryResponse, BinaryResponse
from ._streaming import AsyncStream, Stream
from ._types import NOT_GIVEN, Body, Headers, NotGiven, Omit, Query, Timeout, is_given
from ._utils import as_mapping
from ._version import __version__
from ._wire import (
    AuthScheme,
    EncodedBody,
    Field,
    Param,
    cookie_header,
    encode,
    encode_body,
    fill_path,
    header_value,
    query_pairs,
    select_auth,
)

DEFAULT_TIMEOUT = httpx.Timeout(timeout=600.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
RETRY_COUNT_HEADER = "x-sdk-retry-count"
RETRYABLE_STATUS = frozenset({408, 409, 429})


class RequestOptions(TypedDict, total=False):
    headers: Headers
    query: Query
    body: Body
    timeout: Union[Timeout, NotGiven]
    max_retries: int


def make_request_options(
    *,
    extra_headers: Optional[Headers] = None,
    extra_query: Optional[Query] = None,
    extra_body: Optional[Body] = None,
    timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
    max_retries: Union[int, NotGiven] = NOT_GIVEN,
) -> RequestOptions:
    options: RequestOptions = {}
    if extra_headers is not None:
        options["headers"] = extra_headers
    if extra_query is not None:
        options["query"] = extra_query
    if extra_body is not None:
        options["body"] = extra_body
    if is_given(timeout):
        options["timeout"] = timeout
    if isinstance(max_retries, int):
        options["max_retries"] = max_retries
    return options


class FinalRequest:
    """Everything needed to send (and re-send) one request: the operation's facts and the caller's values."""

    def __init__(
        self,
        *,
        method: str,
        path: str,
        params: Sequence[Param],
        query: Mapping[str, object],
        headers: Dict[str, str],
        security: Sequence[Sequence[str]],
        accept: Optional[str],
        body: Optional[EncodedBody],
        timeout: Union[Timeout, NotGiven],
        max_retries: Union[int, NotGiven],
    ) -> None:
        self.method = method
        self.path = path
        self.params = list(params)
        self.query = query
        self.headers = headers
        self.security = security
        self.accept = accept
        self.body = body
        self.timeout = timeout
        self.max_retries = max_retries

    def query_value(self, name: str) -> object:
        """The value the request sends for a query parameter (None when it sends none)."""
        for p in self.params:
            if p.location == "query" and p.name == name:
                return p.value
        return self.query.get(name)

    def with_query(self, new: Mapping[str, object]) -> FinalRequest:
        """The same request with some query values changed (the next page's cursor)."""
        changes = dict(new)
        params = [
            p._replace(value=changes.pop(p.name)) if p.location == "query" and p.name in changes else p
            for p in self.params
        ]
        return FinalRequest(
            method=self.method,
            path=self.path,
            params=params,
            query={**self.query, **changes},
            headers=dict(self.headers),
            security=self.security,
            accept=self.accept,
            body=self.body,
            timeout=self.timeout,
            max_retries=self.max_retries,
        )


def _parse_retry_after(headers: httpx.Headers) -> Optional[float]:
    """Seconds to wait from ``retry-after-ms``, or ``retry-after`` (seconds or an HTTP date)."""
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            return float(value) / 1000.0
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return float(email.utils.mktime_tz(parsed) - time.time())


class BaseClient:
    """What the sync and async clients share: configuration and every decision."""

    _version = __version__

    def __init__(
        self,
        *,
        base_url: Union[str, httpx.URL],
        timeout: Union[Timeout, NotGiven],
        max_retries: int,
        default_headers: Optional[Mapping[str, str]],
        default_query: Optional[Mapping[str, object]],
    ) -> None:
        self.base_url = httpx.URL(str(base_url).rstrip("/") + "/")
        self.timeout: Timeout = DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else timeout
        if max_retries < 0:
            raise ValueError("max_retries must be a non-negative integer")
        self.max_retries = max_retries
        self._custom_headers: Dict[str, str] = dict(default_headers or {})
        self._custom_query: Dict[str, object] = dict(default_query or {})

    # ---- set by the generated client
    auth_schemes: ClassVar[Mapping[str, AuthScheme]] = {}

    @property
    def credentials(self) -> Dict[str, Optional[str]]:
        """The credentials the client was given (or found in the environment), by option name."""
        return {}

    @property
    def default_headers(self) -> Dict[str, str]:
        return {
            "User-Agent": f"openai-python/{self._version}",
            "X-Sdk-Lang": "python",
            "X-Sdk-Runtime-Version": platform.python_version(),
            **self._custom_headers,
        }

    # ---- building requests
    def _final(
        self,
        method: str,
        path: str,
        *,
        params: Sequence[Param],
        security: Sequence[Sequence[str]],
        accept: Optional[str],
        body: object,
        body_kind: Optional[str],
        content_type: Optional[str],
        fields: Optional[Mapping[str, Field]],
        options: Optional[RequestOptions],
    ) -> Tuple[FinalRequest, Optional[str]]:
        options = options or {}
        fill_path(path, params)  # an empty path value is refused before anything else
        merged_headers: Dict[str, Union[str, Omit]] = dict(self.default_headers)
        if accept is not None:
            merged_headers["Accept"] = accept
        for param in params:
            if param.location == "header":
                value = header_value(param)
                if value is not None:
                    merged_headers[param.name] = value
        merged_headers.update(options.get("headers") or {})
        raw_mode = merged_headers.pop(RAW_RESPONSE_HEADER, None)
        final_headers = {k: v for k, v in merged_headers.items() if isinstance(v, str)}
        extra_body = options.get("body")
        if extra_body is not None:
            body_map, extra_map = as_mapping(body), as_mapping(extra_body)
            if body_map is not None and extra_map is not None:
                body = {**body_map, **extra_map}
            elif body is None or isinstance(body, NotGiven):
                body = extra_body
                body_kind = body_kind or "json"
        final = FinalRequest(
            method=method.upper(),
            path=path,
            params=params,
            query={**self._custom_query, **(options.get("query") or {})},
            headers=final_headers,
            security=security,
            accept=accept,
            body=encode_body(body_kind, body, content_type, fields or {}),
            timeout=options.get("timeout", NOT_GIVEN),
            max_retries=options.get("max_retries", NOT_GIVEN),
        )
        return final, raw_mode if isinstance(raw_mode, str) else None

    def _url(self, final: FinalRequest, auth_query: Sequence[Tuple[str, str]]) -> str:
        """The base URL, the filled path and the query string, exactly as the wire rules write them."""
        url = str(self.base_url).rstrip("/") + "/" + fill_path(final.path, final.params).lstrip("/")
        pairs = query_pairs(final.params, final.query, auth_query)
        if pairs:
            # a path that carries its own query ("/items?beta=true", as some specs write it) goes on with "&"
            url += ("&" if "?" in url else "?") + "&".join(f"{k}={v}" for k, v in pairs)
        return url

    def _build_request(
        self, client: Union[httpx.Client, httpx.AsyncClient], final: FinalRequest, retries_taken: int
    ) -> httpx.Request:
        auth = select_auth(final.security, self.auth_schemes, self.credentials)
        if isinstance(auth, str):
            raise _exceptions.OpenAIError(auth)
        headers = {**auth.headers, **final.headers}
        cookie = cookie_header(final.params, auth.cookies)
        if cookie is not None:
            headers["Cookie"] = cookie
        headers[RETRY_COUNT_HEADER] = str(retries_taken)
        timeout = self.timeout if isinstance(final.timeout, NotGiven) else final.timeout
        content: Optional[bytes] = None
        if final.body is not None:
            content = final.body.content
            if final.body.content_type is not None:
                headers["Content-Type"] = final.body.content_type
        request = client.build_request(
            final.method, self._url(final, auth.query), headers=headers, content=content, timeout=timeout
        )
        if not any(key.lower() == "accept" for key in headers):
            request.headers.pop("Accept", None)  # no content expected: no Accept (not httpx's default)
        return request

    # ---- retry decisions
    def _max_retries(self, final: FinalRequest) -> int:
        return final.max_retries if isinstance(final.max_retries, int) else self.max_retries

    def _should_retry(self, response: httpx.Response) -> bool:
        override = response.headers.get("x-should-retry")
        if override == "true":
            return True
        if override == "false":
            return False
        return response.status_code in RETRYABLE_STATUS or response.status_code >= 500

    def _retry_delay(self, retries_taken: int, headers: Optional[httpx.Headers]) -> float:
        if headers is not None:
            wait = _parse_retry_after(headers)
            if wait is not None and 0 < wait <= MAX_RETRY_AFTER:
                return wait
        delay = min(INITIAL_RETRY_DELAY * (2.0**retries_taken), MAX_RETRY_DELAY)
        return delay * (1.0 - 0.25 * random.random())

    def _status_error(self, response: httpx.Response) -> APIStatusError:
        try:
            body: object = response.json()
        except ValueError:
            body = response.text or None
        detail: object = body
        body_map = as_mapping(body)
        if body_map is not None and as_mapping(body_map.get("error")) is not None:
            detail = body_map["error"]
        message = f"Error code: {response.status_code} - {detail}"
        return make_status_error(message, response=response, body=body)

    def _secret_query(self) -> set[str]:
        """The query keys that carry API keys (redacted in logs)."""
        schemes = self.auth_schemes.values()
        return {encode(s.wire_name) for s in schemes if s.kind == "api_key" and s.location == "query"}

    def _log_request(self, request: httpx.Request, retries_taken: int) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            schemes = self.auth_schemes.values()
            headers = {s.wire_name.lower() for s in schemes if s.kind == "api_key" and s.location == "header"}
            logger.debug(
                "request: %s %s headers=%s retries_taken=%d",
                request.method,
                redact_url(str(request.url), self._secret_query()),
                redact_headers(dict(request.headers), headers),
                retries_taken,
            )

    def _log_response(self, response: httpx.Response) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "response: %s %s -> %d %s",
                response.request.method,
                redact_url(str(response.request.url), self._secret_query()),
                response.status_code,
                response.reason_phrase,
            )

    # ---- parsing
    def _parse_body(self, response: httpx.Response, cast_to: Any, kind: str) -> Any:
        """The result for a response kind: json decoded (kept as it arrived when it does not fit
        ``cast_to``), text as a string, binary as a (Async)BinaryResponse, empty as ``None``."""
        if cast_to is httpx.Response:
            return response
        if kind == "empty" or cast_to is NoneType:
            return None
        if kind == "binary":
            return self._binary(response)
        if kind == "text":
            return response.text
        if not response.content:
            return None
        try:
            data = response.json()
        except ValueError:
            return response.text
        return construct_type(value=data, type_=cast_to)

    def _binary(self, response: httpx.Response) -> Any:
        return BinaryResponse(response)

    @staticmethod
    def _stream_mismatch(response: httpx.Response, streaming: Optional[bool]) -> Optional[str]:
        """Why an answer does not fit a call that asked for events (``streaming``), if it does not."""
        content_type = response.headers.get("content-type", "")
        if streaming and not content_type.startswith("text/event-stream"):
            return f"the call asked for server-sent events (stream=True), but the server answered {content_type!r}"
        return None


class SyncAPIClient(BaseClient):

    def __init__(
        self,
        *,
        base_url: Union[str, httpx.URL],
        timeout: Union[Timeout, NotGiven],
        max_retries: int,
        default_headers: Optional[Mapping[str, str]],
        default_query: Optional[Mapping[str, object]],
        http_client: Optional[httpx.Client],
    ) -> None:
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
        )
        self._owns_client = http_client is None
        self._http_client: Optional[httpx.Client] = http_client

    @property
    def _client(self) -> httpx.Client:
        """The connection pool, created on first use (building its TLS context is slow)."""
        if self._http_client is None:
            self._http_client = httpx.Client(timeout=self.timeout, follow_redirects=True)
        return self._http_client

    def close(self) -> None:
        """Release the connection pool (only if this client created it)."""
        if self._owns_client and self._http_client is not None:
            self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Any,
        params: Sequence[Param] = (),
        security: Sequence[Sequence[str]] = (),
        accept: Optional[str] = None,
        response: str = "json",
        body: object = None,
        body_kind: Optional[str] = None,
        content_type: Optional[str] = None,
        fields: Optional[Mapping[str, Field]] = None,
        options: Optional[RequestOptions] = None,
        stream_cast_to: Any = None,
        streaming: Optional[bool] = None,
        page: Any = None,
    ) -> Any:
        final, raw_mode = self._final(
            method,
            path,
            params=params,
            security=security,
            accept=accept,
            body=body,
            body_kind=body_kind,
            content_type=content_type,
            fields=fields,
            options=options,
        )
        return self._send(
            final,
            cast_to=cast_to,
            raw_mode=raw_mode,
            stream_cast_to=stream_cast_to if streaming is not False else None,
            streaming=streaming,
            page=page,
            kind=response,
        )

    def _send(
        self,
        final: FinalRequest,
        *,
        cast_to: Any,
        raw_mode: Optional[str],
        stream_cast_to: Any,
        page: Any,
        kind: str = "json",
        streaming: Optional[bool] = None,
    ) -> Any:
        max_retries = self._max_retries(final)
        lazy = stream_cast_to is not None or raw_mode == "stream"
        retries_taken = 0
        while True:
            request = self._build_request(self._client, final, retries_taken)
            self._log_request(request, retries_taken)
            try:
                response = self._client.send(request, stream=lazy)
            except httpx.TimeoutException as err:
                if retries_taken < max_retries:
                    time.sleep(self._retry_delay(retries_taken, None))
                    retries_taken += 1
                    continue
                raise APITimeoutError(request=request) from err
            except httpx.TransportError as err:
                if retries_taken < max_retries:
                    time.sleep(self._retry_delay(retries_taken, None))
                    retries_taken += 1
                    continue
                raise APIConnectionError(request=request) from err
            self._log_response(response)
            if response.is_success:
                break
            if retries_taken < max_retries and self._should_retry(response):
                response.close()
                time.sleep(self._retry_delay(retries_taken, response.headers))
                retries_taken += 1
                continue
            response.read()
            raise self._status_error(response)

        def parse(resp: httpx.Response) -> Any:
            if stream_cast_to is not None and resp.headers.get("content-type", "").startswith("text/event-stream"):
                return Stream[Any](cast_to=stream_cast_to, response=resp, client=self)
            resp.read()
            mismatch = self._stream_mismatch(resp, streaming)
            if mismatch is not None:
                raise APIError(mismatch, resp.request, body=resp.text or None)
            if page is not None:
                return page.from_response(client=self, request=final, model=cast_to, response=resp)
            return self._parse_body(resp, cast_to, kind)

        if raw_mode is not None:
            if raw_mode == "raw":
                response.read()
            return APIResponse[Any](raw=response, parser=parse, retries_taken=retries_taken)
        return parse(response)


class AsyncAPIClient(BaseClient):

    def __init__(
        self,
        *,
        base_url: Union[str, httpx.URL],
        timeout: Union[Timeout, NotGiven],
        max_retries: int,
        default_headers: Optional[Mapping[str, str]],
        default_query: Optional[Mapping[str, object]],
        http_client: Optional[httpx.AsyncClient],
    ) -> None:
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
        )
        self._owns_client = http_client is None
        self._http_client: Optional[httpx.AsyncClient] = http_client

    @property
    def _client(self) -> httpx.AsyncClient:
        """The connection pool, created on first use (building its TLS context is slow)."""
        if self._http_client is None:
            self._http_client = httpx.AsyncClient(timeout=self.timeout, follow_redirects=True)
        return self._http_client

    async def close(self) -> None:
        if self._owns_client and self._http_client is not None:
            await self._client.aclose()

    def _binary(self, response: httpx.Response) -> Any:
        return AsyncBinaryResponse(response)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.close()

    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Any,
        params: Sequence[Param] = (),
        security: Sequence[Sequence[str]] = (),
        accept: Optional[str] = None,
        response: str = "json",
        body: object = None,
        body_kind: Optional[str] = None,
        content_type: Optional[str] = None,
        fields: Optional[Mapping[str, Field]] = None,
        options: Optional[RequestOptions] = None,
        stream_cast_to: Any = None,
        streaming: Optional[bool] = None,
        page: Any = None,
    ) -> Any:
        final, raw_mode = self._final(
            method,
            path,
            params=params,
            security=security,
            accept=accept,
            body=body,
            body_kind=body_kind,
            content_type=content_type,
            fields=fields,
            options=options,
        )
        return await self._send(
            final,
            cast_to=cast_to,
            raw_mode=raw_mode,
            stream_cast_to=stream_cast_to if streaming is not False else None,
            streaming=streaming,
            page=page,
            kind=response,
        )

    async def _send(
        self,
        final: FinalRequest,
        *,
        cast_to: Any,
        raw_mode: Optional[str],
        stream_cast_to: Any,
        page: Any,
        kind: str = "json",
        streaming: Optional[bool] = None,
    ) -> Any:
        max_retries = self._max_retries(final)
        lazy = stream_cast_to is not None or raw_mode == "stream"
        retries_taken = 0
        while True:
            request = self._build_request(self._client, final, retries_taken)
            self._log_request(request, retries_taken)
            try:
                response = await self._client.send(request, stream=lazy)
            except httpx.TimeoutException as err:
                if retries_taken < max_retries:
                    await asyncio.sleep(self._retry_delay(retries_taken, None))
                    retries_taken += 1
                    continue
                raise APITimeoutError(request=request) from err
            except httpx.TransportError as err:
                if retries_taken < max_retries:
                    await asyncio.sleep(self._retry_delay(retries_taken, None))
                    retries_taken += 1
                    continue
                raise APIConnectionError(request=request) from err
            self._log_response(response)
            if response.is_success:
                break
            if retries_taken < max_retries and self._should_retry(response):
                await response.aclose()
                await asyncio.sleep(self._retry_delay(retries_taken, response.headers))
                retries_taken += 1
                continue
            await response.aread()
            raise self._status_error(response)

        async def parse(resp: httpx.Response) -> Any:
            if stream_cast_to is not None and resp.headers.get("content-type", "").startswith("text/event-stream"):
                return AsyncStream[Any](cast_to=stream_cast_to, response=resp, client=self)
            await resp.aread()
            mismatch = self._stream_mismatch(resp, streaming)
            if mismatch is not None:
                raise APIError(mismatch, resp.request, body=resp.text or None)
            if page is not None:
                return page.from_response(client=self, request=final, model=cast_to, response=resp)
            return self._parse_body(resp, cast_to, kind)

        if raw_mode is not None:
            if raw_mode == "raw":
                await response.aread()
            return AsyncAPIResponse[Any](raw=response, parser=parse, retries_taken=retries_taken)
        return await parse(response)


class SyncAPIResource:
    _client: SyncAPIClient

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncAPIResource:
    _client: AsyncAPIClient

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client


__all__ = [
    "AsyncAPIClient",
    "AsyncAPIResource",
    "BaseClient",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "FinalRequest",
    "RequestOptions",
    "SyncAPIClient",
    "SyncAPIResource",
    "make_request_options",
]
