"""Sample values, language-neutral: JSON values (and :class:`FileSample` for binary content) that
every target prints with its own literal writer.

The generated per-method tests of the four SDKs and the docs examples all take their arguments
from here, so the four SDKs' tests send the same requests (the wire-conformance test compares
them) and a validating mock server (Prism) accepts them: values follow the schema's type, format,
enum, bounds, lengths and the spec's own examples where those fit.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Literal

try:  # Python 3.11+
    import re._parser as _sre_parser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parser  # type: ignore[no-redef]

from ...contract import contract_of
from ...ir.model import (
    Api,
    ArrayType,
    ConstType,
    EnumType,
    MapType,
    ObjectType,
    Operation,
    PrimitiveType,
    RefType,
    TypeNode,
    UnionType,
)

SampleLocation = Literal["path", "query", "header", "cookie", "body"]

FILE_CONTENT = b"raw file contents"
DATE_TIME = "2024-01-01T00:00:00Z"
DATE = "2024-01-01"
TIME = "00:00:00Z"


@dataclass(frozen=True)
class FileSample:
    """Binary content for a file or binary body: the SDK's own file type around these bytes."""

    content: bytes = FILE_CONTENT
    filename: str = "upload.txt"


@dataclass(frozen=True)
class SampleArg:
    location: SampleLocation
    name: str  # wire name; "" for a whole body that is not an object of named fields
    value: Any  # a JSON value, or a FileSample (possibly inside lists/objects)
    required: bool
    # a path parameter SDKs with named arguments take by position (the operation's subject); the
    # parents are passed by name there (Go takes every path parameter by position, in path order)
    positional: bool = False


def credential_sample(key: str) -> str:
    """The value a generated test gives the credential option ``key``."""
    return "sample-" + key.replace("_", "-")


_FORMATS: dict[str, Any] = {
    "date-time": DATE_TIME,
    "date": DATE,
    "time": TIME,
    "uuid": "00000000-0000-4000-8000-000000000000",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uri": "https://example.com",
    "url": "https://example.com",
    "iri": "https://example.com",
    "uri-reference": "https://example.com",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "ipv4": "127.0.0.1",
    "ipv6": "::1",
    "byte": "cmF3",
    "duration": "P1D",
    "regex": ".*",
}


def _fits(value: Any, node: TypeNode, api: Api, depth: int = 0, reading: bool = False) -> bool:
    """Whether a spec example can stand for ``node``: type, enum, bounds, lengths and required
    properties, recursively (binary content never: the SDKs take files there).  ``reading``: as a
    value the API returns (read-only properties welcome, missing ones allowed: response examples
    are often abridged)."""
    node = api.resolve(node)
    if value is None:
        return node.nullable
    if isinstance(node, PrimitiveType):
        if node.primitive == "string":
            if not isinstance(value, str):
                return False
            if node.min_length is not None and len(value) < node.min_length:
                return False
            if node.max_length is not None and len(value) > node.max_length:
                return False
            if node.pattern is not None and not _matches(node.pattern, value):
                return False
            if node.format in ("date-time", "date", "uuid", "email", "uri") and value != _FORMATS[node.format]:
                return _format_ok(value, node.format)
            return not node.is_binary
        if node.primitive == "integer":
            return isinstance(value, int) and not isinstance(value, bool) and _in_bounds(value, node)
        if node.primitive == "number":
            return isinstance(value, (int, float)) and not isinstance(value, bool) and _in_bounds(value, node)
        if node.primitive == "boolean":
            return isinstance(value, bool)
        return node.primitive == "any"
    if isinstance(node, EnumType):
        return value in node.values
    if isinstance(node, ConstType):
        return value == node.value
    if depth > 8:
        return False
    if isinstance(node, ArrayType):
        return isinstance(value, list) and bool(value) \
            and all(_fits(v, node.items, api, depth + 1, reading) for v in value) \
            and (node.min_items is None or len(value) >= node.min_items) \
            and (node.max_items is None or len(value) <= node.max_items)
    if isinstance(node, MapType):
        return isinstance(value, dict) \
            and all(_fits(v, node.values, api, depth + 1, reading) for v in value.values())
    if isinstance(node, ObjectType):
        if not isinstance(value, dict):
            return False
        for prop in node.properties:
            if prop.name in value:
                if (prop.read_only and not reading
                        or not _fits(value[prop.name], prop.type, api, depth + 1, reading)):
                    return False
            elif prop.required and not reading:
                return False
        known = {p.name for p in node.properties}
        return node.additional is not False or all(k in known for k in value)
    if isinstance(node, UnionType):
        return any(_fits(value, v, api, depth + 1, reading) for v in node.variants)
    return False


def example_fits(value: Any, node: TypeNode, api: Api, *, reading: bool = False) -> bool:
    """Whether a spec example (of a parameter, a media type or a schema) can stand for a value of
    ``node``: sent (``reading`` false: see :func:`sample_value`) or returned by the API."""
    return _fits(value, node, api, reading=reading)


def _format_ok(value: str, fmt: str) -> bool:
    try:
        if fmt == "date-time":
            _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif fmt == "date":
            _dt.date.fromisoformat(value)
        elif fmt == "uuid":
            import uuid

            uuid.UUID(value)
        elif fmt == "email":
            return "@" in value
        elif fmt == "uri":
            return "://" in value
    except ValueError:
        return False
    return True


def _in_bounds(value: float, node: PrimitiveType) -> bool:
    if node.minimum is not None and value < node.minimum:
        return False
    if node.maximum is not None and value > node.maximum:
        return False
    if node.exclusive_minimum is not None and value <= node.exclusive_minimum:
        return False
    if node.exclusive_maximum is not None and value >= node.exclusive_maximum:
        return False
    return True


def _number(node: PrimitiveType) -> int | float:
    low = node.minimum if node.minimum is not None else None
    if node.exclusive_minimum is not None:
        low = node.exclusive_minimum + 1 if low is None or low <= node.exclusive_minimum else low
    high = node.maximum
    if node.exclusive_maximum is not None:
        high = node.exclusive_maximum - 1 if high is None or high >= node.exclusive_maximum else high
    value: float = 1
    if low is not None and value < low:
        value = low
    if high is not None and value > high:
        value = high
    if node.primitive == "integer":
        return int(value) if float(value).is_integer() else int(value) + 1
    return int(value) if float(value).is_integer() else value


def _string(node: PrimitiveType, name: str) -> str:
    if node.format in _FORMATS:
        return str(_FORMATS[node.format])
    value = name or "string"
    if node.pattern is not None:
        # the shortest text the pattern matches, padded within its lengths (`^AC[0-9a-fA-F]{32}$`
        # -> "AC000..."); the spec's own example is preferred where it fits
        matched = pattern_sample(node.pattern, node.min_length, node.max_length)
        if matched is not None:
            return matched
        value = "string"
    if node.max_length is not None and len(value) > node.max_length:
        value = value[: max(node.max_length, 0)]
    if node.min_length is not None and len(value) < node.min_length:
        value = value + "x" * (node.min_length - len(value))
    return value


def sample_value(api: Api, node: TypeNode, name: str = "", *, depth: int = 0,
                 entered: frozenset[str] = frozenset(), optional: bool = False) -> Any:
    """A value of type ``node``: the node's own example where it fits, else one built from the
    schema.  ``optional`` also fills an object's optional properties (one level: the top-level
    arguments of an "all arguments" call are the caller's choice, nested ones stay minimal).
    Self-referencing types end: a union skips variants that come back to a type being expanded,
    arrays and maps end empty past a depth."""
    if isinstance(node, RefType):
        entered = entered | {node.name}
    for example in node.examples[:1]:
        if _fits(example, node, api):
            return example
    resolved = api.resolve(node)
    if resolved is not node:
        for example in resolved.examples[:1]:
            if _fits(example, resolved, api):
                return example
    if isinstance(resolved, PrimitiveType):
        if resolved.is_binary:
            return FileSample()
        if resolved.primitive == "string":
            return _string(resolved, name)
        if resolved.primitive in ("integer", "number"):
            return _number(resolved)
        if resolved.primitive == "boolean":
            return True
        if resolved.primitive == "null":
            return None
        return "string"
    if isinstance(resolved, EnumType):
        values = [v for v in resolved.values if v is not None]
        return values[0] if values else None
    if isinstance(resolved, ConstType):
        return resolved.value
    if isinstance(resolved, ArrayType):
        if depth > 6 or isinstance(resolved.items, RefType) and resolved.items.name in entered:
            return []
        item = sample_value(api, resolved.items, name, depth=depth + 1, entered=entered)
        count = max(resolved.min_items or 1, 1)
        if resolved.max_items is not None:
            count = min(count, resolved.max_items)
        if resolved.unique and count > 1:
            count = 1
        return [item] * count
    if isinstance(resolved, MapType):
        if depth > 6:
            return {}
        return {"key": sample_value(api, resolved.values, "value", depth=depth + 1, entered=entered)}
    if isinstance(resolved, ObjectType):
        if depth > 5:
            return {}
        out: dict[str, Any] = {}
        for prop in resolved.properties:
            if prop.read_only or not (prop.required or optional):
                continue
            if isinstance(prop.type, RefType) and prop.type.name in entered and not prop.required:
                continue
            out[prop.name] = sample_value(api, prop.type, prop.name, depth=depth + 1, entered=entered)
        return out
    if isinstance(resolved, UnionType) and resolved.variants and depth <= 6:
        variant = next((v for v in resolved.variants if not (isinstance(v, RefType) and v.name in entered)
                        and not (isinstance(api.resolve(v), PrimitiveType) and
                                 api.resolve(v).primitive == "null")),  # type: ignore[union-attr]
                       resolved.variants[0])
        return sample_value(api, variant, name, depth=depth + 1, entered=entered)
    return "string"


def operation_samples(api: Api, op: Operation, *, only_required: bool) -> list[SampleArg]:
    """The arguments of a generated test call: path parameters, then the other parameters and the
    body's fields (an object body) or the whole body, required ones only or every one."""
    out: list[SampleArg] = []
    for param in op.path_params:
        out.append(SampleArg("path", param.name, _param_sample(api, param), True, op.is_subject(param)))
    for param in op.parameters:
        if param.location == "path" or only_required and not param.required:
            continue
        out.append(SampleArg(param.location, param.name, _param_sample(api, param), param.required))
    if op.body is not None:
        media = op.body.primary
        node = api.resolve(media.type)
        # the contract's stream flag is sent off: the call returns the plain result, which a mock
        # server can answer (Prism cannot write events of an object schema)
        flag = contract_of(api).of(op).stream_flag
        if isinstance(node, ObjectType) and node.properties and (media.is_json or media.is_multipart
                                                                   or media.is_form):
            for prop in node.properties:
                if prop.read_only or only_required and not prop.required:
                    continue
                value = False if prop.name == flag else sample_value(api, prop.type, prop.name, depth=1)
                out.append(SampleArg("body", prop.name, value, prop.required))
        elif not only_required or op.body.required:
            if media.is_json or media.is_form or media.is_multipart:
                value = sample_value(api, media.type, "body", depth=0, optional=False)
            elif media.media_type.split(";")[0].strip().lower().startswith("text/"):
                value = "text body"
            else:
                value = FileSample()
            out.append(SampleArg("body", "", value, op.body.required))
    return out


def _param_sample(api: Api, param: Any) -> Any:
    for example in param.examples[:1]:
        if _fits(example, param.type, api):
            return example
    node = param.type
    resolved = api.resolve(node)
    if isinstance(resolved, UnionType):
        # a parameter is text on the wire, where "1" reads as an integer and as a string alike: a oneOf
        # of both (GitHub's workflow_id) takes its plain-string variant's sample, which is one only
        plain = [v for v in resolved.variants if isinstance(api.resolve(v), PrimitiveType)
                 and api.resolve(v).primitive == "string" and not api.resolve(v).format  # type: ignore[union-attr]
                 and api.resolve(v).pattern is None]  # type: ignore[union-attr]
        if plain and len(resolved.variants) > 1:
            node = plain[0]
    value = sample_value(api, node, param.name)
    if param.location == "path" and value in ("", None):
        return param.name
    return value


__all__ = ["DATE", "DATE_TIME", "FILE_CONTENT", "FileSample", "SampleArg", "credential_sample",
           "operation_samples", "sample_value"]


# ----------------------------------------------------------------------------- pattern samples

def _compiled(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None  # an ECMA-262 construct Python's re does not read: the pattern is not checked


def _matches(pattern: str, value: str) -> bool:
    """Whether ``value`` matches the schema's ``pattern`` (unanchored, as JSON Schema says); a
    pattern Python cannot read accepts every value."""
    compiled = _compiled(pattern)
    return compiled is None or compiled.search(value) is not None


_CATEGORY_CHARS = {"CATEGORY_DIGIT": "0", "CATEGORY_WORD": "a", "CATEGORY_SPACE": " ",
                   "CATEGORY_NOT_DIGIT": "a", "CATEGORY_NOT_WORD": "-", "CATEGORY_NOT_SPACE": "a"}
_PATTERN_REPEAT_CAP = 64  # an open-ended repeat gives at most this many items when a minimum length asks


def _class_char(items: list[tuple[Any, Any]]) -> str | None:
    """A character a character class ``[...]`` allows (the first it names; "a" for a negated class
    that allows it)."""
    if items and str(items[0][0]) == "NEGATE":
        banned = items[1:]
        for candidate in "a0-_ A":
            if not any(_class_allows(op, arg, candidate) for op, arg in banned):
                return candidate
        return None
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            return chr(arg)
        if name == "RANGE":
            return chr(arg[0])
        if name == "CATEGORY":
            return _CATEGORY_CHARS.get(str(arg))
    return None


def _class_allows(op: Any, arg: Any, char: str) -> bool:
    name = str(op)
    if name == "LITERAL":
        return chr(arg) == char
    if name == "RANGE":
        return arg[0] <= ord(char) <= arg[1]
    if name == "CATEGORY":
        return re.fullmatch({"CATEGORY_DIGIT": r"\d", "CATEGORY_WORD": r"\w", "CATEGORY_SPACE": r"\s",
                             "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_NOT_WORD": r"\W",
                             "CATEGORY_NOT_SPACE": r"\S"}.get(str(arg), "."), char) is not None
    return False


def _emit(items: Any, groups: dict[int, str], extra: int) -> str | None:
    """The shortest text the parsed pattern ``items`` match; open-ended repeats take up to ``extra``
    more items (to reach a minimum length).  None: a construct this walk does not follow."""
    out: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append("a" if chr(arg) != "a" else "b")
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            char = _class_char(list(arg))
            if char is None:
                return None
            out.append(char)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = arg
            one = _emit(sub, groups, extra)
            if one is None:
                return None
            count = low
            if extra > 0 and one and (high is None or high > low or str(high) == "MAXREPEAT"):
                room = _PATTERN_REPEAT_CAP if str(high) == "MAXREPEAT" else int(high) - low
                more = min(room, -(-extra // len(one)))
                count += more
                extra -= more * len(one)
            out.append(one * count)
        elif name == "SUBPATTERN":
            group, _, _, sub = arg
            text = _emit(sub, groups, extra)
            if text is None:
                return None
            if group is not None:
                groups[group] = text
            out.append(text)
        elif name == "BRANCH":
            text = _emit(arg[1][0], groups, extra)
            if text is None:
                return None
            out.append(text)
        elif name == "GROUPREF":
            out.append(groups.get(arg, ""))
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        else:
            return None
    return "".join(out)


def pattern_sample(pattern: str, min_length: int | None = None, max_length: int | None = None) -> str | None:
    """The shortest text ``pattern`` matches, lengthened within its repeats to ``min_length``;
    None when the pattern cannot be read or the text would break a length bound."""
    compiled = _compiled(pattern)
    if compiled is None:
        return None
    try:
        parsed = _sre_parser.parse(pattern)
    except Exception:  # noqa: BLE001  (the parser's own errors vary by Python version)
        return None
    text = _emit(list(parsed), {}, 0)
    if text is not None and min_length is not None and len(text) < min_length:
        text = _emit(list(parsed), {}, min_length - len(text))
    if text is None or compiled.search(text) is None:
        return None
    if (min_length is not None and len(text) < min_length) or (max_length is not None and len(text) > max_length):
        return None
    return text
