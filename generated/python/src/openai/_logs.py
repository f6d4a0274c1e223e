"""Logging: set OPENAI_LOG=debug (or info) to log requests and responses."""

from __future__ import annotations

import logging
import os
from typing import Collection, Mapping

logger = logging.getLogger("openai")
_SECRET_HEADERS = frozenset({"authorization", "api-key", "x-api-key", "cookie", "proxy-authorization"})


def setup_logging() -> None:
    level = os.environ.get("OPENAI_LOG", "").lower()
    if level not in ("debug", "info"):
        return
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if level == "debug" else logging.INFO)


def redact_headers(headers: Mapping[str, str], secret: Collection[str] = ()) -> dict[str, str]:
    """A copy of ``headers`` with credentials (and the ``secret`` names, lower-case) replaced by ``<redacted>``."""
    return {k: ("<redacted>" if k.lower() in _SECRET_HEADERS or k.lower() in secret else v) for k, v in headers.items()}


def redact_url(url: str, secret: Collection[str]) -> str:
    """``url`` with the values of the query keys in ``secret`` (API keys) replaced by ``<redacted>``."""
    base, sep, query = url.partition("?")
    if not sep or not secret:
        return url
    pairs = [p.partition("=") for p in query.split("&")]
    return base + "?" + "&".join(f"{k}={'<redacted>' if k in secret else v}" if eq else k for k, eq, v in pairs)
