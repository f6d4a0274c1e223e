"""Where links in descriptions lead: a spec's descriptions often link to pages of the vendor's own
site by path (``[Upload](/docs/api-reference/uploads/object)``), which a generated site does not
have.  Such links are resolved against a base (the config's ``docs.link_base``, else the origin of
the spec's first server URL); without one they become plain text, never a dead link."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def link_base(configured: str | None, server_urls: Sequence[str]) -> str:
    """The base for relative links: the configured one, else the origin (scheme and host) of the first
    server URL when that is an absolute http(s) URL with a literal host; "" when there is none."""
    if configured:
        return configured.rstrip("/")
    if not server_urls:
        return ""
    try:
        parts = urlsplit(server_urls[0].strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or not re.fullmatch(
            r"[A-Za-z0-9.:\[\]-]+", parts.netloc):  # no variables ({region}), credentials or odd characters
        return ""
    return f"{parts.scheme.lower()}://{parts.netloc}"


def resolve_link(href: str, base: str) -> str | None:
    """A description link's target: absolute URLs and fragments (``#part``) as they are; ``//host/x``
    over https; a path (``/docs/x``: below the base, ``x`` or ``../x``: beside it) joined to ``base``;
    None (no link, the text stays) for a path when there is no base."""
    if not href or href.startswith("#") or _SCHEME.match(href):
        return href
    if href.startswith("//"):
        return "https:" + href
    if not base:
        return None
    if href.startswith("/"):
        return base + href
    return urljoin(base + "/", href)
