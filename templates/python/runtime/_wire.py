"""What goes on the wire, one serializer per concern (the rules of sdkforge's docs/WIRE.md).

Generated methods pass the facts of each operation as plain data (:class:`Param`, the security
alternatives, the body kind and its field encodings, ``Accept``, the response kind); everything
below is generic.
"""

from __future__ import annotations

import base64
import datetime
import io
import json
import math
import os
import secrets
from pathlib import Path
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union, cast
from urllib.parse import quote

from ._types import FileContent, FileTypes, NotGiven, Omit
from ._utils import as_list, as_mapping

__all__ = [
    "AuthScheme",
    "EncodedBody",
    "Field",
    "Param",
    "cookie_header",
    "encode",
    "encode_body",
    "fill_path",
    "header_value",
    "query_pairs",
    "scalar",
    "to_json",
]


class Param(NamedTuple):
    """One parameter of a call: where it goes, its wire name, its value and how it is written."""

    location: str  # path | query | header | cookie
    name: str
    value: object
    style: str  # simple | label | matrix | form | spaceDelimited | pipeDelimited | deepObject
    explode: bool


class Field(NamedTuple):
    """How a body field is sent when not by default: a multipart file or JSON part, or a form
    field's style and explode (default ``form``, exploded)."""

    kind: str  # file | json | form
    content_type: Optional[str] = None
    style: str = "form"
    explode: bool = True


class AuthScheme(NamedTuple):
    """A security scheme: ``credentials`` are (client option, environment variable) pairs."""

    kind: str  # bearer | basic | api_key
    location: str  # header | query | cookie
    wire_name: str
    credentials: Tuple[Tuple[str, str], ...]


class EncodedBody(NamedTuple):
    content: bytes
    content_type: Optional[str]


def is_unset(value: object) -> bool:
    return value is None or isinstance(value, (NotGiven, Omit))


# ---------------------------------------------------------------- scalars and percent-encoding
def _number(value: float) -> str:
    """The shortest text that reads back as ``value``, written as JavaScript writes numbers."""
    if math.isnan(value) or math.isinf(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        text = f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    return text


def scalar(value: object) -> str:
    """A single value as text: strings as they are, ``true``/``false``, numbers in their shortest form."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if as_mapping(value) is not None or as_list(value) is not None:
        return json.dumps(to_json(value), ensure_ascii=False, separators=(",", ":"))
    return str(value)


def encode(text: str) -> str:
    """UTF-8 percent-encoding of everything but ``A-Z a-z 0-9 - . _ ~``, with upper-case hex."""
    return quote(text, safe="")


def _encode_segment(text: str) -> str:
    """``encode`` for a path value; a value made only of dots has them encoded (never a dot segment)."""
    if text and text.strip(".") == "":
        return "%2E" * len(text)
    return encode(text)


def _items(value: object) -> Optional[List[object]]:
    items = as_list(value)
    if items is None:
        return None
    return [item for item in items if not isinstance(item, (NotGiven, Omit))]


def _pairs(value: object) -> Optional[List[Tuple[str, object]]]:
    mapping = as_mapping(value)
    if mapping is None:
        return None
    return [(str(k), v) for k, v in mapping.items() if not is_unset(v)]


# ---------------------------------------------------------------- path
def _path_value(param: Param) -> str:
    name, value, style, explode = param.name, param.value, param.style, param.explode
    enc = _encode_segment
    items, pairs = _items(value), _pairs(value)
    if items is not None:
        values = [enc(scalar(item)) for item in items]
        if style == "label":
            return "." + (".".join(values) if explode else ",".join(values))
        if style == "matrix":
            if explode:
                return "".join(f";{enc(name)}={v}" for v in values)
            return f";{enc(name)}=" + ",".join(values)
        return ",".join(values)
    if pairs is not None:
        encoded = [(enc(k), enc(scalar(v))) for k, v in pairs]
        flat = ",".join(f"{k},{v}" for k, v in encoded)
        if style == "label":
            return "." + (".".join(f"{k}={v}" for k, v in encoded) if explode else flat)
        if style == "matrix":
            return "".join(f";{k}={v}" for k, v in encoded) if explode else f";{enc(name)}={flat}"
        return ",".join(f"{k}={v}" for k, v in encoded) if explode else flat
    text = enc(scalar(value))
    if style == "label":
        return "." + text
    if style == "matrix":
        return f";{enc(name)}={text}"
    return text


def fill_path(template: str, params: Sequence[Param]) -> str:
    """The path with every ``{name}`` slot filled; an unset or empty value is refused."""
    out = template
    for param in params:
        if param.location != "path":
            continue
        if is_unset(param.value) or param.value == "":
            raise ValueError(
                f"Expected a non-empty value for the path parameter `{param.name}` but received {param.value!r}"
            )
        out = out.replace("{" + param.name + "}", _path_value(param))
    return out


# ---------------------------------------------------------------- query, form and cookie pairs
def _structured(value: object) -> bool:
    """An object or array (in bracket form an array item that is one is indexed: ``name[0][key]``)."""
    return _items(value) is not None or _pairs(value) is not None


def _deep(key: str, value: object, out: List[Tuple[str, str]]) -> None:
    if is_unset(value):
        return
    items, pairs = _items(value), _pairs(value)
    if items is not None:
        for index, item in enumerate(items):
            _deep(f"{key}[{index}]" if _structured(item) else key + "[]", item, out)
    elif pairs is not None:
        for sub_key, sub_value in pairs:
            _deep(f"{key}[{sub_key}]", sub_value, out)
    else:
        out.append((encode(key), encode(scalar(value))))


def _styled_pairs(param: Param) -> List[Tuple[str, str]]:
    name, value, style, explode = param.name, param.value, param.style, param.explode
    if is_unset(value):
        return []
    key = encode(name)
    if style == "deepObject":
        out: List[Tuple[str, str]] = []
        _deep(name, value, out)
        return out
    items, pairs = _items(value), _pairs(value)
    if items is not None:
        if not items:
            return []
        values = [encode(scalar(item)) for item in items]
        if explode:
            return [(key, v) for v in values]
        joiner = {"spaceDelimited": "%20", "pipeDelimited": "|"}.get(style, ",")
        return [(key, joiner.join(values))]
    if pairs is not None:
        encoded = [(encode(k), encode(scalar(v))) for k, v in pairs]
        if explode:
            return encoded
        return [(key, ",".join(f"{k},{v}" for k, v in encoded))] if encoded else []
    return [(key, encode(scalar(value)))]


def query_pairs(
    params: Sequence[Param], extra: Mapping[str, object], auth: Sequence[Tuple[str, str]]
) -> List[Tuple[str, str]]:
    """The query: the operation's parameters in their order, then extra query, then an API key
    (left out when the caller gave a parameter of the same name)."""
    out: List[Tuple[str, str]] = []
    given: set[str] = set()
    for param in params:
        if param.location == "query" and not is_unset(param.value):
            out.extend(_styled_pairs(param))
            given.add(param.name)
    for key, value in extra.items():
        if not is_unset(value):
            out.extend(_styled_pairs(Param("query", key, value, "form", True)))
            given.add(key)
    for key, value in auth:
        if key not in given:
            out.append((encode(key), encode(value)))
    return out


def form_pairs(body: Mapping[str, object], fields: Mapping[str, Field]) -> List[Tuple[str, str]]:
    """Form body pairs: each field by its style and explode, as for the query; objects and arrays
    holding objects always in bracket form (``name[key]``, arrays inside ``name[key][]``, an object
    or array item of an array indexed: ``name[0][key]``)."""
    out: List[Tuple[str, str]] = []
    for key, value in body.items():
        spec = fields.get(key)
        style, explode = (spec.style, spec.explode) if spec is not None else ("form", True)
        items = _items(value)
        if _pairs(value) is not None or (items is not None and any(_structured(item) for item in items)):
            style = "deepObject"
        out.extend(_styled_pairs(Param("query", str(key), value, style, explode)))
    return out


def cookie_header(params: Sequence[Param], auth: Sequence[Tuple[str, str]]) -> Optional[str]:
    """One ``Cookie`` header: the cookie parameters' ``name=value`` pairs, then a cookie API key."""
    pairs: List[Tuple[str, str]] = []
    for param in params:
        if param.location == "cookie":
            pairs.extend(_styled_pairs(param._replace(style="form")))
    pairs.extend((encode(key), encode(value)) for key, value in auth)
    if not pairs:
        return None
    return "; ".join(f"{k}={v}" for k, v in pairs)


# ---------------------------------------------------------------- headers
def header_value(param: Param) -> Optional[str]:
    """A header parameter in ``simple`` style, not percent-encoded; CR and LF are refused."""
    value = param.value
    if is_unset(value):
        return None
    items, pairs = _items(value), _pairs(value)
    if items is not None:
        text = ",".join(scalar(item) for item in items)
    elif pairs is not None:
        if param.explode:
            text = ",".join(f"{k}={scalar(v)}" for k, v in pairs)
        else:
            text = ",".join(f"{k},{scalar(v)}" for k, v in pairs)
    else:
        text = scalar(value)
    if "\r" in text or "\n" in text:
        raise ValueError(f"The header parameter `{param.name}` contains a line break")
    return text


# ---------------------------------------------------------------- bodies
def to_json(value: object) -> Any:
    """``value`` as plain JSON data: unset entries left out, models by their wire names, bytes as base64."""
    dump = getattr(value, "model_dump", None)
    if callable(dump) and not isinstance(value, type):
        return to_json(dump(mode="json", by_alias=True, exclude_unset=True))
    mapping = as_mapping(value)
    if mapping is not None:
        return {str(k): to_json(v) for k, v in mapping.items() if not isinstance(v, (NotGiven, Omit))}
    if isinstance(value, (list, tuple)):
        items = cast("Sequence[object]", value)
        return [to_json(v) for v in items if not isinstance(v, (NotGiven, Omit))]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def is_file(value: object) -> bool:
    """Bytes, a path, a binary file object or a ``(filename, content[, type])`` tuple."""
    return (
        isinstance(value, (bytes, bytearray, io.IOBase, os.PathLike))
        or hasattr(value, "read")
        or isinstance(value, tuple)
    )


def _content(content: FileContent) -> Tuple[Optional[str], bytes]:
    if isinstance(content, os.PathLike):
        path = Path(content)
        return path.name, path.read_bytes()
    if isinstance(content, (bytes, bytearray)):
        return None, bytes(content)
    name: object = getattr(content, "name", None)
    data = content.read()
    return (os.path.basename(name) if isinstance(name, str) else None), data


def read_file(value: FileTypes) -> Tuple[Optional[str], bytes, Optional[str]]:
    """(filename, bytes, content type) of a file value."""
    if isinstance(value, tuple):
        given_name, data = _content(value[1])
        content_type = value[2] if len(value) > 2 else None
        return value[0] or given_name, data, content_type
    name, data = _content(value)
    return name, data, None


def _media(declared: Optional[str]) -> Optional[str]:
    """The first of a declared list of media types; ``None`` for a wildcard."""
    if not declared:
        return None
    first = declared.split(",")[0].strip()
    return None if not first or "*" in first else first


def _quoted(text: str) -> str:
    return text.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")


class _Multipart:
    def __init__(self) -> None:
        self.boundary = "sdkforge-" + secrets.token_hex(16)
        self.chunks: List[bytes] = []

    def part(
        self, name: str, data: bytes, *, filename: Optional[str] = None, content_type: Optional[str] = None
    ) -> None:
        head = f'--{self.boundary}\r\nContent-Disposition: form-data; name="{_quoted(name)}"'
        if filename is not None:
            head += f'; filename="{_quoted(filename)}"'
        head += "\r\n"
        if content_type is not None:
            head += f"Content-Type: {content_type}\r\n"
        self.chunks.append(head.encode("utf-8") + b"\r\n" + data + b"\r\n")

    def value(self, name: str, value: object) -> None:
        if is_unset(value):
            return
        if is_file(value):
            self.file(name, cast(FileTypes, value), None)
            return
        items, pairs = _items(value), _pairs(value)
        if items is not None:
            for index, item in enumerate(items):
                self.value(f"{name}[{index}]" if _structured(item) else name + "[]", item)
        elif pairs is not None:
            for key, sub in pairs:
                self.value(f"{name}[{key}]", sub)
        else:
            self.part(name, scalar(value).encode("utf-8"))

    def file(self, name: str, value: FileTypes, declared: Optional[str]) -> None:
        filename, data, content_type = read_file(value)
        self.part(
            name,
            data,
            filename=filename or "upload",
            content_type=content_type or _media(declared) or "application/octet-stream",
        )

    def body(self) -> bytes:
        return b"".join(self.chunks) + f"--{self.boundary}--\r\n".encode("ascii")


def _multipart(body: Mapping[str, object], fields: Mapping[str, Field]) -> EncodedBody:
    out = _Multipart()
    for key, value in body.items():
        if is_unset(value):
            continue
        spec = fields.get(key)
        if spec is not None and spec.kind == "json":
            data = json.dumps(to_json(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            out.part(key, data, content_type="application/json")
        elif spec is not None and spec.kind == "file" and is_file(value):
            out.file(key, cast(FileTypes, value), spec.content_type)
        elif spec is not None and spec.kind == "file" and as_list(value) is not None:
            for item in _items(value) or []:
                if is_file(item):
                    out.file(key + "[]", cast(FileTypes, item), spec.content_type)
                else:
                    out.value(key + "[]", item)
        else:
            out.value(key, value)
    return EncodedBody(out.body(), f"multipart/form-data; boundary={out.boundary}")


def encode_body(
    kind: Optional[str], body: object, content_type: Optional[str], fields: Mapping[str, Field]
) -> Optional[EncodedBody]:
    """The request body's bytes and ``Content-Type`` for a body kind (json, multipart, form, binary, text)."""
    if kind is None or kind == "none" or isinstance(body, (NotGiven, Omit)):
        return None
    if kind == "json":
        data = json.dumps(to_json(body), ensure_ascii=False, separators=(",", ":"))
        return EncodedBody(data.encode("utf-8"), content_type or "application/json")
    if kind == "multipart":
        return _multipart(as_mapping(body) or {}, fields)
    if kind == "form":
        pairs = form_pairs(as_mapping(body) or {}, fields)
        data = "&".join(f"{k}={v}" for k, v in pairs)
        return EncodedBody(data.encode("ascii"), content_type or "application/x-www-form-urlencoded")
    if kind == "text":
        text = body if isinstance(body, str) else scalar(body)
        return EncodedBody(text.encode("utf-8"), content_type or "text/plain")
    if isinstance(body, str):
        data_bytes = body.encode("utf-8")
    else:
        _, data_bytes, _ = read_file(cast(FileTypes, body))
    return EncodedBody(data_bytes, _media(content_type) or "application/octet-stream")


# ---------------------------------------------------------------- auth
Credentials = Mapping[str, Optional[str]]


class AuthParts(NamedTuple):
    headers: Dict[str, str]
    query: List[Tuple[str, str]]
    cookies: List[Tuple[str, str]]


def _satisfied(names: Sequence[str], schemes: Mapping[str, AuthScheme], credentials: Credentials) -> bool:
    return all(name in schemes and all(credentials.get(key) for key, _ in schemes[name].credentials) for name in names)


def _describe(names: Sequence[str], schemes: Mapping[str, AuthScheme]) -> str:
    creds = [cred for name in names if name in schemes for cred in schemes[name].credentials]
    options = " and ".join(f"`{key}`" for key, _ in creds)
    envs = " and ".join(env for _, env in creds)
    return f"{options} (or the {envs} environment variable{'s' if len(creds) > 1 else ''})"


def select_auth(
    security: Sequence[Sequence[str]], schemes: Mapping[str, AuthScheme], credentials: Credentials
) -> Union[AuthParts, str]:
    """What the first alternative whose credentials are all set sends; anonymous when an empty
    alternative allows it; else the message of the error to raise (before anything is sent)."""
    parts = AuthParts({}, [], [])
    if not security:
        return parts
    chosen = next((alt for alt in security if alt and _satisfied(alt, schemes, credentials)), None)
    if chosen is None:
        if any(not alt for alt in security):
            return parts
        options = [_describe(alt, schemes) for alt in security]
        return "This request needs credentials: set " + ", or ".join(options) + "."
    for name in chosen:
        scheme = schemes[name]
        values = [credentials.get(key) or "" for key, _ in scheme.credentials]
        if scheme.kind == "basic":
            token = base64.b64encode(":".join(values[:2]).encode("utf-8")).decode("ascii")
            parts.headers["Authorization"] = "Basic " + token
        elif scheme.kind == "bearer":
            parts.headers["Authorization"] = "Bearer " + values[0]
        elif scheme.location == "query":
            parts.query.append((scheme.wire_name, values[0]))
        elif scheme.location == "cookie":
            parts.cookies.append((scheme.wire_name, values[0]))
        else:
            parts.headers[scheme.wire_name] = values[0]
    return parts
