"""Logging: set OPENAI_LOG=debug (or info) to log requests and responses."""

from __future__ import annotations

import logging
import os
from typing import Mapping

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


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A copy of ``headers`` with credentials replaced by ``<redacted>``."""
    return {k: ("<redacted>" if k.lower() in _SECRET_HEADERS else v) for k, v in headers.items()}
