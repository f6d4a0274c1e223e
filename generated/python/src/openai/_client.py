"""The OpenAI clients: `OpenAI` and `AsyncOpenAI`."""

from __future__ import annotations

import os
from functools import cached_property
from typing import TYPE_CHECKING, Dict, Mapping, Optional, Union

import httpx

from ._base_client import DEFAULT_MAX_RETRIES, AsyncAPIClient, SyncAPIClient
from ._exceptions import OpenAIError
from ._logs import setup_logging
from ._types import NOT_GIVEN, NotGiven, Timeout
from ._wire import AuthScheme

if TYPE_CHECKING:
    from .resources.files import AsyncFiles, Files
    from .resources.uploads.uploads import AsyncUploads, Uploads

__all__ = ["OpenAI", "AsyncOpenAI", "DEFAULT_BASE_URL"]

DEFAULT_BASE_URL: Optional[str] = "https://api.openai.com/v1"

AUTH_SCHEMES: Dict[str, AuthScheme] = {
    "ApiKeyAuth": AuthScheme("bearer", "header", "Authorization", (("api_key", "OPENAI_API_KEY"),)),
}

setup_logging()


def _base_url(base_url: Union[str, httpx.URL, None]) -> Union[str, httpx.URL]:
    if base_url is None:
        base_url = os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
    if base_url is None:
        raise OpenAIError(
            "The base_url client option must be set either by passing base_url to the client "
            "or by setting the OPENAI_BASE_URL environment variable"
        )
    return base_url


class OpenAI(SyncAPIClient):
    """Synchronous client for the OpenAI."""

    auth_schemes = AUTH_SCHEMES
    api_key: Optional[str]

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.Client] = None,
    ) -> None:
        """Construct a client.

        Args:
          api_key: defaults to the `OPENAI_API_KEY` environment variable.

          base_url: defaults to `OPENAI_BASE_URL`, then https://api.openai.com/v1.

          timeout: seconds (or an `httpx.Timeout`); 600 by default.

          max_retries: retries of failed requests (connection errors, 408, 409, 429, 5xx); 2 by default.
        """
        if api_key is None:
            api_key = os.environ.get("OPENAI_API_KEY")
        self.api_key = api_key
        super().__init__(
            base_url=_base_url(base_url),
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
        )

    @property
    def credentials(self) -> Dict[str, Optional[str]]:
        return {
            "api_key": self.api_key,
        }

    @cached_property
    def uploads(self) -> Uploads:
        from .resources.uploads.uploads import Uploads

        return Uploads(self)

    @cached_property
    def files(self) -> Files:
        from .resources.files import Files

        return Files(self)

    def with_options(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: Optional[int] = None,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
    ) -> OpenAI:
        """A copy of this client with some options changed; it shares the connection pool."""
        return type(self)(
            api_key=api_key if api_key is not None else self.api_key,
            base_url=base_url if base_url is not None else self.base_url,
            timeout=timeout if not isinstance(timeout, NotGiven) else self.timeout,
            max_retries=max_retries if max_retries is not None else self.max_retries,
            default_headers={**self._custom_headers, **(default_headers or {})},
            default_query={**self._custom_query, **(default_query or {})},
            http_client=self._client,
        )

    copy = with_options


class AsyncOpenAI(AsyncAPIClient):
    """Asynchronous client for the OpenAI."""

    auth_schemes = AUTH_SCHEMES
    api_key: Optional[str]

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
    ) -> None:
        """Construct a client.

        Args:
          api_key: defaults to the `OPENAI_API_KEY` environment variable.

          base_url: defaults to `OPENAI_BASE_URL`, then https://api.openai.com/v1.

          timeout: seconds (or an `httpx.Timeout`); 600 by default.

          max_retries: retries of failed requests (connection errors, 408, 409, 429, 5xx); 2 by default.
        """
        if api_key is None:
            api_key = os.environ.get("OPENAI_API_KEY")
        self.api_key = api_key
        super().__init__(
            base_url=_base_url(base_url),
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
        )

    @property
    def credentials(self) -> Dict[str, Optional[str]]:
        return {
            "api_key": self.api_key,
        }

    @cached_property
    def uploads(self) -> AsyncUploads:
        from .resources.uploads.uploads import AsyncUploads

        return AsyncUploads(self)

    @cached_property
    def files(self) -> AsyncFiles:
        from .resources.files import AsyncFiles

        return AsyncFiles(self)

    def with_options(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: Optional[int] = None,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
    ) -> AsyncOpenAI:
        """A copy of this client with some options changed; it shares the connection pool."""
        return type(self)(
            api_key=api_key if api_key is not None else self.api_key,
            base_url=base_url if base_url is not None else self.base_url,
            timeout=timeout if not isinstance(timeout, NotGiven) else self.timeout,
            max_retries=max_retries if max_retries is not None else self.max_retries,
            default_headers={**self._custom_headers, **(default_headers or {})},
            default_query={**self._custom_query, **(default_query or {})},
            http_client=self._client,
        )

    copy = with_options
