"""Page schemes recognised from the spec, once for every target.

A list operation (a GET whose success body is an object holding one array field, or, for the
``Link`` header style, an array) gets a :class:`~generator.config.PageScheme` when its query
parameters and its response show one of the common page shapes:

``cursor``
    a cursor query parameter (``after``, ``starting_after``, ``cursor``, ``page_token``,
    ``next_token``, ``continuation``, ``continue`` ...) and a response ``has_more`` and/or a
    next-cursor field (``last_id``, ``next_cursor``, ``next_page_token``, ``cursor`` ..., also one object deep:
    ``response_metadata.next_cursor``, Kubernetes' ``metadata.continue``);
``offset``
    an ``offset`` query parameter;
``page``
    a ``page`` query parameter (the page number);
``next_link``
    a response field ``next`` / ``next_url`` / ``next_link`` (or ``links.next``) holding a URL;
``link_header``
    a ``Link`` response header (RFC 8288 ``rel="next"``);
``single``
    no page parameter at all, and an envelope of the items and nothing but text fields (OpenAI's
    ``{"object": "list", "data": [...]}``): one page holding every item, iterable like the others,
    never a next one.

Following a next link or a ``Link`` header sends the link's query parameters to the same
operation (same host, path and credentials): a URL from a response never chooses where the
client's API key goes.

A configured scheme that fits the operation always wins; ``detect_pagination: false`` in the
config switches detection off.  Detected schemes are named after their style (``CursorPage``,
``OffsetPage``, ``PageNumberPage``, ``NextLinkPage``, ``LinkHeaderPage``); when one style comes in
several shapes (other fields), the most used shape takes the plain name and the others are named
after their items field (``MembersCursorPage``), numbered if that is taken too.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from ..config import PageScheme
from .model import ArrayType, ConstType, EnumType, ObjectType, Operation, Pagination, PrimitiveType, TypeNode

STYLE_NAMES = {"cursor": "CursorPage", "offset": "OffsetPage", "page": "PageNumberPage",
               "next_link": "NextLinkPage", "link_header": "LinkHeaderPage", "single": "Page"}

# compared with _ and - removed, lower-cased
CURSOR_PARAMS = ("after", "startingafter", "cursor", "pagetoken", "nextpagetoken", "nexttoken", "continuation",
                 "continuationtoken", "continue", "pagecursor", "nextcursor")
NEXT_CURSOR_FIELDS = ("nextcursor", "lastid", "nextpagetoken", "nexttoken", "cursor", "continuation",
                      "continuationtoken", "continue", "next", "nextpage")
HAS_MORE_FIELDS = ("hasmore",)
# a field named so holds a URL; ``next`` / ``next_page`` only when typed as one (format: uri) or
# inside a links object (``links.next``): elsewhere they are often cursors (OpenAI's ``next``)
NEXT_URL_FIELDS = ("nexturl", "nexturi", "nextlink", "nextpageurl", "nextpageuri", "odatanextlink")
NEXT_LINK_FIELDS = ("next", "nextpage")
URL_FORMATS = ("uri", "url", "uri-reference", "iri", "iri-reference")
LINK_HOLDERS = ("links", "link", "pagination", "paging")
CURSOR_HOLDERS = ("responsemetadata", "meta", "metadata", "pagination", "paging")
OFFSET_PARAMS = ("offset",)
PAGE_PARAMS = ("page", "pagenumber")
LIMIT_PARAMS = ("limit", "perpage", "pagesize", "size", "count", "maxresults")
ITEM_FIELDS = ("data", "items", "results", "entries", "records", "values")

Resolve = Callable[[TypeNode], TypeNode]


def _key(name: str) -> str:
    return re.sub(r"[_\-\s]", "", name).lower()


def _find(names: list[str], wanted: tuple[str, ...]) -> str | None:
    """The first of ``names`` that is one of ``wanted`` (compared loosely), by ``wanted``'s order."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(_key(name), name)
    for key in wanted:
        if key in by_key:
            return by_key[key]
    return None


def _scalar(node: TypeNode, *types: str) -> bool:
    return isinstance(node, PrimitiveType) and node.primitive in types


def _items_field(body: ObjectType, resolve: Resolve) -> tuple[str, TypeNode] | None:
    """The object's one array field (or, among several, the one called data/items/results...)."""
    arrays = [(p.name, t.items) for p in body.properties if isinstance(t := resolve(p.type), ArrayType)]
    if len(arrays) == 1:
        return arrays[0]
    name = _find([n for n, _ in arrays], ITEM_FIELDS)
    return next((a for a in arrays if a[0] == name), None)


def _is_url(node: TypeNode) -> bool:
    return isinstance(node, PrimitiveType) and node.primitive == "string" and (node.format or "") in URL_FORMATS


def _fields(body: ObjectType, resolve: Resolve, wanted: tuple[str, ...], *types: str,
            url: bool = False) -> str | None:
    scalars = [p.name for p in body.properties if _scalar(t := resolve(p.type), *types) and (not url or _is_url(t))]
    return _find(scalars, wanted)


def _field_path(body: ObjectType, resolve: Resolve, wanted: tuple[str, ...], holders: tuple[str, ...],
                *types: str) -> tuple[str, ...]:
    """A response field named one of ``wanted`` of a scalar type: at the top, else one object deep."""
    name = _fields(body, resolve, wanted, *types)
    if name is not None:
        return (name,)
    for prop in body.properties:
        inner = resolve(prop.type)
        if isinstance(inner, ObjectType) and _key(prop.name) in holders:
            leaf = _fields(inner, resolve, wanted, *types)
            if leaf is not None:
                return (prop.name, leaf)
    return ()


def _next_link(body: ObjectType, resolve: Resolve) -> tuple[str, ...]:
    """The response field holding the next page's URL: ``next_url`` and kin, a ``next`` typed as a URL,
    or a ``next`` in a links object."""
    name = _fields(body, resolve, NEXT_URL_FIELDS, "string") or _fields(body, resolve, NEXT_LINK_FIELDS, "string",
                                                                        url=True)
    if name is not None:
        return (name,)
    for prop in body.properties:
        inner = resolve(prop.type)
        if isinstance(inner, ObjectType) and _key(prop.name) in LINK_HOLDERS:
            leaf = _fields(inner, resolve, NEXT_URL_FIELDS + NEXT_LINK_FIELDS, "string")
            if leaf is not None:
                return (prop.name, leaf)
    return ()


def detect(op: Operation, resolve: Resolve) -> tuple[PageScheme, Pagination] | None:
    """The page shape of ``op`` (a scheme without its final name, and the operation's record), or None."""
    if op.method != "get" or op.success is None:
        return None
    body_media = op.success_body
    if body_media is None or not body_media.is_json:
        return None
    body = resolve(body_media.type)
    query = [p.name for p in op.params_in("query")]
    limit = _find(query, LIMIT_PARAMS)
    link_header = any(h.name.lower() == "link" for h in op.success.headers)

    def found(style: str, items: str, item: TypeNode, cursor: str | None = None, has_more: str | None = None,
              next_path: tuple[str, ...] = ()) -> tuple[PageScheme, Pagination]:
        scheme = PageScheme(name="", style=style, request_cursor=cursor, request_limit=limit, items=items,
                            has_more=has_more, next_cursor=next_path[-1] if next_path else None,
                            next_path=next_path, detected=True)
        return scheme, Pagination(scheme="", style=style, item=item, items_field=items, request_cursor=cursor,
                                  request_limit=limit, has_more_field=has_more,
                                  next_cursor_field=".".join(next_path) or None)

    if isinstance(body, ArrayType):  # only a Link header can page a bare array
        return found("link_header", "", body.items) if link_header else None
    if not isinstance(body, ObjectType):
        return None
    items = _items_field(body, resolve)
    if items is None:
        return None
    items_name, item = items
    if link_header:
        return found("link_header", items_name, item)
    next_link = _next_link(body, resolve)
    if next_link:
        return found("next_link", items_name, item, next_path=next_link)
    # a `page` parameter answered with a next-page token (Stripe's search) is a cursor too
    cursor = _find(query, CURSOR_PARAMS) or (
        _find(query, PAGE_PARAMS) if _fields(body, resolve, NEXT_CURSOR_FIELDS, "string") else None)
    if cursor is not None:
        has_more = _find([p.name for p in body.properties if _scalar(resolve(p.type), "boolean")], HAS_MORE_FIELDS)
        # a string field is the next cursor of a string parameter only (Spotify's integer `after`
        # beside a `next` URL is not a cursor pair)
        param = next(p for p in op.params_in("query") if p.name == cursor)
        next_cursor = _field_path(body, resolve, NEXT_CURSOR_FIELDS, CURSOR_HOLDERS, "string") \
            if _scalar(resolve(param.type), "string", "any") else ()
        if has_more or next_cursor:
            return found("cursor", items_name, item, cursor=cursor, has_more=has_more, next_path=next_cursor)
    offset = _find(query, OFFSET_PARAMS)
    if offset is not None:
        return found("offset", items_name, item, cursor=offset)
    page = _find(query, PAGE_PARAMS)
    if page is not None:
        return found("page", items_name, item, cursor=page)
    paged = CURSOR_PARAMS + OFFSET_PARAMS + PAGE_PARAMS + LIMIT_PARAMS
    envelope = all(p.name == items_name or _scalar(resolve(p.type), "string") or _is_text(resolve(p.type))
                   for p in body.properties)
    # the items under a list's usual name (a tree node's `children` beside its `name` is no list)
    if envelope and _key(items_name) in ITEM_FIELDS and not any(_key(name) in paged for name in query):
        return found("single", items_name, item)
    return None


def _is_text(node: TypeNode) -> bool:
    """An enum or constant of strings (a list envelope's ``object: "list"``)."""
    return isinstance(node, (EnumType, ConstType)) and node.primitive == "string"


def _shape(scheme: PageScheme) -> tuple[object, ...]:
    # not the limit parameter: a page type only reads the fields and the cursor parameter
    return (scheme.style, scheme.request_cursor, scheme.items, scheme.has_more, scheme.next_path)


def name_schemes(found: list[tuple[Operation, PageScheme]], taken: set[str]) -> list[PageScheme]:
    """Give the detected schemes their names (see the module's text) and the operations theirs; return
    one scheme per shape, in order of first use.  ``taken``: the configured schemes' names."""
    counts = Counter(_shape(s) for _, s in found)
    first: dict[tuple[object, ...], PageScheme] = {}
    for _, scheme in found:
        first.setdefault(_shape(scheme), scheme)
    used = set(taken)
    # the plain style name goes to the most used shape of that style (ties: the first seen)
    order = sorted(first, key=lambda shape: -counts[shape])
    names: dict[tuple[object, ...], str] = {}
    for shape in order:
        base = STYLE_NAMES[first[shape].style]
        if base not in used and not any(n == base for n in names.values()):
            names[shape] = base
            used.add(base)
    for shape in order:
        if shape in names:
            continue
        base = STYLE_NAMES[first[shape].style]
        stem = "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", first[shape].items) if w)
        candidate = f"{stem}{base}" if stem and stem[0].isalpha() else base
        number = 2
        name = candidate
        while name in used:
            name = f"{candidate}{number}"
            number += 1
        names[shape] = name
        used.add(name)
    for op, scheme in found:
        assert op.pagination is not None
        op.pagination.scheme = names[_shape(scheme)]
    out = []
    for shape, scheme in first.items():
        scheme.name = names[shape]
        out.append(scheme)
    return out
