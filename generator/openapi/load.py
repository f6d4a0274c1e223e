"""Stage 1: load a spec file (YAML or JSON) into plain Python data.

* YAML is parsed with libyaml (PyYAML's C parser) when present, the pure
  parser otherwise, under YAML 1.2 core-schema rules so that meaning matches
  JSON: ``2024-10-01`` stays a string, ``on``/``yes``/``no`` stay strings,
  ``0755`` is the decimal 755, and mapping keys are always strings
  (``200:`` is the key ``"200"``).
* Duplicate keys, alias bombs, absurd nesting, binary and oversize files are
  refused with a positioned diagnostic, never a traceback.
* Positions are not recorded while loading (that would slow the hot path);
  :meth:`Document.locate` composes the node tree lazily the first time a
  diagnostic needs a line and column.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from ..diagnostics import Diagnostic, SpecError, split_pointer

try:  # libyaml bindings
    from yaml.cyaml import CParser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - exercised where libyaml is missing
    HAVE_LIBYAML = False

if HAVE_LIBYAML:

    class _Parser(CParser):  # type: ignore[misc]
        pass

else:  # pragma: no cover
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str | bytes) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

        def dispose(self) -> None:
            pass


MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_EXPANDED_NODES = 5_000_000
# real specs nest at most ~30 levels; every later stage (IR build, each target's views, Jinja) recurses
# per level and survives 128 levels with over half of Python's stack to spare
# (tests/test_hostile_inputs.py::test_schema_nested_to_the_loader_limit_generates_everywhere)
MAX_DEPTH = 128
# one string (a description, an example) is at most this long: the docs show a schema's description on its
# model page and on every method page that uses it, in each language and format, and a long text's Markdown
# parse takes ~150 times its size for a moment (benchmarks/memory_ceiling.py measures the largest accepted one)
MAX_STRING_CHARS = 1024 * 1024
SYMLINK_LOOP = "a loop of symbolic links (the link leads back to itself); not a file"


# YAML 1.2 core schema numbers (the resolver below and the fast constructor's _plain share them)
_INT_PATTERN = r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
_FLOAT_PATTERN = r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"


class _Resolver(BaseResolver):
    """YAML 1.2 core schema: the scalars JSON would give, nothing more."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(f"^(?:{_INT_PATTERN})$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(f"^(?:{_FLOAT_PATTERN}|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


class _LoadProblem(Exception):
    def __init__(self, message: str, node: Node | None):
        super().__init__(message)
        self.node = node


class _Constructor(SafeConstructor):
    alias_uses = 0

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            self.alias_uses += 1
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[str, Any]:  # type: ignore[override]
        if not isinstance(node, MappingNode):
            raise _LoadProblem("expected a mapping", node)
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                if key_node.value in seen:
                    raise _LoadProblem(f"duplicate key {key_node.value!r}", key_node)
                seen.add(key_node.value)
        self.flatten_mapping(node)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                key = key_node.value
            else:
                raise _LoadProblem("mapping keys must be plain scalars", key_node)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_int(self, node: ScalarNode) -> int:  # type: ignore[override]
        text = self.construct_scalar(node)
        assert isinstance(text, str)
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)

    def construct_undefined(self, node: Node) -> Any:
        raise _LoadProblem(f"unsupported YAML tag {node.tag!r}", node)


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
_Constructor.add_constructor("tag:yaml.org,2002:map", _Constructor.construct_yaml_map)
_Constructor.add_constructor(None, _Constructor.construct_undefined)  # type: ignore[arg-type]


class _Loader(_Parser, _Constructor, _Resolver):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str | bytes) -> None:
        _Parser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


class _NodeLoader(_Parser, _Resolver):  # type: ignore[misc, valid-type]
    """Composes the node tree only: used lazily for positions."""

    def __init__(self, stream: str | bytes) -> None:
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)


class _UsePyYAML(Exception):
    """The fast constructor met a construct it leaves to PyYAML's (explicit tags, merge keys, alias keys)."""


_INT = re.compile(_INT_PATTERN)
_FLOAT = re.compile(_FLOAT_PATTERN)
_SPECIAL_FLOATS = {".inf": math.inf, ".Inf": math.inf, ".INF": math.inf, "+.inf": math.inf, "+.Inf": math.inf,
                   "+.INF": math.inf, "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
                   ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan}
_WORDS: dict[str, Any] = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
                          "FALSE": False, "~": None, "null": None, "Null": None, "NULL": None, "": None}


def _plain(value: str) -> Any:
    """A plain scalar under the YAML 1.2 core schema (the same rules as ``_Resolver``)."""
    if value in _WORDS:
        return _WORDS[value]
    first = value[0]
    if first in "-+0123456789.":
        if _INT.fullmatch(value):
            if value.startswith("0o"):
                return int(value[2:], 8)
            if value.startswith("0x"):
                return int(value[2:], 16)
            return int(value, 10)
        if _FLOAT.fullmatch(value):
            return float(value)
        if value in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[value]
    return value


def _construct_events(text: str) -> tuple[Any, bool]:
    """Build the document straight from libyaml's events: one pass, no node tree, no per-node dispatch.

    Returns ``(data, aliases_used)``. Raises :class:`_LoadProblem` (with a mark) on duplicate keys, non-scalar
    keys, undefined aliases, several documents or nesting deeper than MAX_DEPTH; :class:`_UsePyYAML` for
    constructs handled by the PyYAML constructor (explicit tags, ``<<`` merge keys, aliases used as keys);
    ``yaml.YAMLError`` on syntax errors."""
    parser = _Parser(text)
    get = parser.get_event
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    anchors: dict[str, Any] = {}
    aliases_used = False
    # the open containers: (container, is_mapping, pending key or _NO_KEY, key event)
    stack: list[list[Any]] = []
    no_key = _NO_KEY
    root: Any = None
    documents = 0
    try:
        while True:
            event = get()
            cls = type(event)
            if cls is scalar_event:
                tag = event.tag
                if tag is not None and tag != "!":
                    raise _UsePyYAML
                value: Any = _plain(event.value) if event.implicit[0] else event.value
                if event.anchor is not None:
                    anchors[event.anchor] = value
            elif cls is mapping_start or cls is sequence_start:
                tag = event.tag
                if tag is not None and tag != "!":
                    raise _UsePyYAML
                value = {} if cls is mapping_start else []
                if event.anchor is not None:
                    anchors[event.anchor] = value
                if stack:
                    top = stack[-1]
                    if top[1] and top[2] is no_key:
                        raise _LoadProblem("mapping keys must be plain scalars", _MarkNode(event))
                if len(stack) >= MAX_DEPTH:
                    raise _LoadProblem(f"document nests deeper than {MAX_DEPTH} levels", _MarkNode(event))
                if stack:
                    _add(stack[-1], value, event)
                else:
                    root = value
                    documents += 1
                stack.append([value, cls is mapping_start, no_key, None])
                continue
            elif cls is mapping_end or cls is sequence_end:
                stack.pop()
                continue
            elif cls is alias_event:
                if event.anchor not in anchors:
                    raise _LoadProblem(f"found undefined alias {event.anchor!r}", _MarkNode(event))
                aliases_used = True
                value = anchors[event.anchor]
                if stack and stack[-1][1] and stack[-1][2] is no_key:
                    raise _UsePyYAML
            elif cls is yaml.StreamEndEvent:
                break
            elif cls is yaml.DocumentStartEvent and documents:
                raise _LoadProblem("YAML syntax error: expected a single document in the stream, but found another document",
                                   _MarkNode(event))
            else:  # stream start, document start/end
                continue
            # a scalar or an alias: a key, a value or an item
            if not stack:
                root = value
                documents += 1
                continue
            top = stack[-1]
            if top[1]:
                if top[2] is no_key:
                    if cls is not scalar_event:
                        raise _UsePyYAML
                    key = event.value
                    if key == "<<" and event.implicit[0]:
                        raise _UsePyYAML
                    if key in top[0]:
                        raise _LoadProblem(f"duplicate key {key!r}", _MarkNode(event))
                    top[2] = key
                else:
                    top[0][top[2]] = value
                    top[2] = no_key
            else:
                top[0].append(value)
    finally:
        parser.dispose()
    return root, aliases_used


_NO_KEY = object()


def _add(top: list[Any], value: Any, event: Any) -> None:
    if top[1]:
        top[0][top[2]] = value
        top[2] = _NO_KEY
    else:
        top[0].append(value)


class _MarkNode:
    """Carries an event's position where :class:`_LoadProblem` expects a node."""

    def __init__(self, event: Any) -> None:
        self.start_mark = event.start_mark


@dataclass
class Document:
    """One loaded input file."""

    path: Path  # absolute, resolved
    display: str  # how diagnostics name it
    data: Any
    raw: bytes
    format: str  # "yaml" | "json"
    _root_node: Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)
    _lookups: int = field(default=0, repr=False)
    _located: dict[tuple[str, bool], tuple[int, int] | None] = field(default_factory=dict, repr=False)
    # maps a pointer into ``data`` to one into the file (set when ``data`` was upgraded from 2.0)
    pointer_map: Callable[[str], str] | None = field(default=None, repr=False)

    @functools.cached_property
    def text(self) -> str:
        return self.raw.decode("utf-8-sig", "replace")

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def locate(self, pointer: str, *, fast: bool = True) -> tuple[int, int] | None:
        """1-based (line, column) of the node at ``pointer``, or of its nearest ancestor.

        ``fast`` tries a line scanner (block YAML) or a skipping decoder (JSON) first; the
        YAML composer (slow on big files) is the fallback."""
        if self.pointer_map is not None:
            pointer = self.pointer_map(pointer)
        key = (pointer, fast)
        if key not in self._located:
            self._located[key] = self._locate(pointer, fast)
        return self._located[key]

    def prefetch(self, pointers: list[str]) -> None:
        """Find many pointers' positions in one pass over the file (diagnostics are rendered in
        batches: one pass each would make the cost grow with warnings x file size)."""
        mapped = [self.pointer_map(p) if self.pointer_map is not None else p for p in pointers]
        todo = sorted({p for p in mapped if (p, True) not in self._located})
        # a few pointers: the line scanner (per pointer) is cheaper than a pass over the whole file
        if len(todo) <= 6 or not HAVE_LIBYAML:
            return
        paths: list[list[str]] = []
        for pointer in todo:
            try:
                paths.append(split_pointer(pointer))
            except ValueError:
                paths.append([])
        try:
            found = _locate_events_many(self.text, paths)
        except yaml.YAMLError:  # e.g. JSON that libyaml does not read: per pointer, later
            return
        for pointer, position in zip(todo, found):
            self._located[(pointer, True)] = position

    def _locate(self, pointer: str, fast: bool) -> tuple[int, int] | None:
        try:
            tokens = split_pointer(pointer)
        except ValueError:
            tokens = []
        # the fast scanners cost a pass over the file each; after a few lookups, composing the
        # node tree once (then O(depth) per lookup) is cheaper
        self._lookups += 1
        if fast and self._lookups <= 16 and not self._composed:
            found = (_locate_json(self.text, tokens) if self.format == "json"
                     else _locate_block_yaml(self.lines, tokens, self.text))
            if found is not None:
                return found
        if fast and self.format != "json" and HAVE_LIBYAML and not self._composed:
            try:
                return _locate_events(self.text, tokens)
            except yaml.YAMLError:
                pass
        if not self._composed:
            self._composed = True
            try:
                loader = _NodeLoader(self.raw)
                try:
                    self._root_node = loader.get_single_node()
                finally:
                    loader.dispose()
            except Exception:
                self._root_node = None
        node = self._root_node
        if node is None:
            return None
        best = node
        for token in tokens:
            nxt: Node | None = None
            if isinstance(node, MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, ScalarNode) and key_node.value == token:
                        nxt = value_node
                        break
            elif isinstance(node, SequenceNode) and token.isdigit() and int(token) < len(node.value):
                nxt = node.value[int(token)]
            if nxt is None:
                break
            node = nxt
            best = node
        return best.start_mark.line + 1, best.start_mark.column + 1


class _Fallback(Exception):
    """The fast locator met something it does not handle; compose instead."""


class _AllFound(Exception):
    """Every wanted path has its position: the rest of the file need not be read."""


def _locate_events_many(text: str, paths: list[list[str]]) -> list[tuple[int, int]]:
    """Positions of many token paths (each: the node, or its nearest ancestor) in one event pass;
    subtrees that lead to none of them are skipped."""
    trie: dict[str, Any] = {}
    for tokens in paths:
        node = trie
        for token in tokens:
            node = node.setdefault(token, {})
    marks: dict[tuple[str, ...], tuple[int, int]] = {}
    wanted = {tuple(tokens) for tokens in paths}
    left = [len(wanted)]  # paths not reached yet: the walk stops when none is left
    parser = _Parser(text)
    get = parser.get_event
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)

    def skip(event: Any) -> None:
        if isinstance(event, starts):
            depth = 1
            while depth:
                event = get()
                if isinstance(event, starts):
                    depth += 1
                elif isinstance(event, ends):
                    depth -= 1

    def walk(event: Any, node: dict[str, Any], path: tuple[str, ...]) -> None:
        """Record ``event``'s position, descend into wanted children; consumes the whole node."""
        marks[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if path in wanted:
            left[0] -= 1
            if not left[0]:
                raise _AllFound
        if not node or not isinstance(event, starts):
            skip(event)
            return
        if isinstance(event, yaml.MappingStartEvent):
            while True:
                key = get()
                if isinstance(key, yaml.MappingEndEvent):
                    return
                if not isinstance(key, yaml.ScalarEvent):
                    skip(key)
                    skip(get())
                    continue
                value = get()
                if key.value in node:
                    walk(value, node[key.value], path + (key.value,))
                else:
                    skip(value)
        index = 0
        while True:
            item = get()
            if isinstance(item, yaml.SequenceEndEvent):
                return
            token = str(index)
            if token in node:
                walk(item, node[token], path + (token,))
            else:
                skip(item)
            index += 1

    try:
        event = get()
        while not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, *starts, yaml.StreamEndEvent)):
            event = get()
        if not isinstance(event, yaml.StreamEndEvent):
            walk(event, trie, ())
    except _AllFound:
        pass
    finally:
        parser.dispose()
    out = []
    for tokens in paths:
        position = (1, 1)
        for length in range(len(tokens), -1, -1):
            if tuple(tokens[:length]) in marks:
                position = marks[tuple(tokens[:length])]
                break
        out.append(position)
    return out


def _locate_events(text: str, tokens: list[str]) -> tuple[int, int]:
    """Position of one node (or its nearest ancestor): the batched walk with a single path."""
    return _locate_events_many(text, [tokens])[0]


_PLAIN_KEY = re.compile(r"^([^\s#'\"\[\]{},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)\s*:(?:\s|$)")


def _block_key(line: str, col: int) -> tuple[str, int] | None:
    """The key of a ``key: value`` line starting at ``col`` and the column after its colon."""
    rest = line[col:]
    if rest[:1] in ("'", '"'):
        quote = rest[0]
        end = 1
        while True:
            end = rest.find(quote, end)
            if end < 0:
                raise _Fallback
            if quote == "'" and rest[end + 1 : end + 2] == "'":
                end += 2
                continue
            if quote == '"' and rest[end - 1] == "\\":
                end += 1
                continue
            break
        raw = rest[: end + 1]
        after = rest[end + 1 :].lstrip(" ")
        if not after.startswith(":"):
            return None
        key = json.loads(raw) if quote == '"' else raw[1:-1].replace("''", "'")
        return key, col + len(rest) - len(after) + 1
    match = _PLAIN_KEY.match(rest)
    if match is None:
        return None
    return match.group(1).rstrip(), col + match.end() - (1 if match.group(0)[-1:].isspace() else 0)


def _next_content(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index
    return None


def _value_start(lines: list[str], line: int, col: int, parent_indent: int) -> tuple[int, int]:
    """Where the value that follows ``col`` on ``line`` starts (same line, or the next ones)."""
    text = lines[line]
    rest = text[col:]
    stripped = rest.lstrip(" ")
    if stripped and not stripped.startswith("#"):
        return line, col + len(rest) - len(stripped)
    nxt = _next_content(lines, line + 1)
    if nxt is None:
        raise _Fallback
    indent = len(lines[nxt]) - len(lines[nxt].lstrip(" "))
    if indent > parent_indent or (indent == parent_indent and lines[nxt].lstrip(" ").startswith("- ")):
        return nxt, indent
    raise _Fallback  # an empty value: let the composer say where it is


@functools.lru_cache(maxsize=None)
def _shallow_line(col: int) -> re.Pattern[str]:
    """A content line (not blank, not a comment) indented by at most ``col`` spaces."""
    return re.compile(rf"^ {{0,{col}}}(?=[^\s#])", re.MULTILINE)


class _Lines:
    """Line numbers <-> offsets in ``text`` for a walk that only moves forward: each step costs
    what it skips (counted in C), never a table of every line's offset."""

    def __init__(self, lines: list[str], text: str) -> None:
        self.lines, self.text = lines, text
        self.line, self.offset = 0, 0  # a line and the offset where it starts

    def offset_of(self, line: int) -> int:
        if line < self.line:
            self.line, self.offset = 0, 0
        while self.line < line:
            self.offset += len(self.lines[self.line]) + 1
            self.line += 1
        return self.offset

    def line_of(self, offset: int) -> int:
        if offset < self.offset:
            self.line, self.offset = 0, 0
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = self.text.rfind("\n", 0, offset) + 1
        return self.line


def _locate_block_yaml(lines: list[str], tokens: list[str], text: str | None = None) -> tuple[int, int] | None:
    """Fast positions for block-style YAML (what specs are written in); None to fall back.
    ``text`` is ``lines`` joined by newlines (joined here when not given)."""
    if text is None:
        text = "\n".join(lines)
    cursor = _Lines(lines, text)
    try:
        first = _next_content(lines, 0)
        if first is None or lines[first].startswith(("---", "%")):
            return None
        line, col = first, len(lines[first]) - len(lines[first].lstrip(" "))
        for token in tokens:
            head = lines[line][col:]
            if head[:1] in ("{", "[", "&", "*", "!", "|", ">"):
                raise _Fallback
            if head.startswith("- ") or head == "-":
                if not token.isdigit():
                    raise _Fallback
                wanted, seen, index, found = int(token), -1, line, None
                while index is not None and index < len(lines):
                    row = lines[index]
                    indent = len(row) - len(row.lstrip(" "))
                    if indent < col:
                        break
                    if indent == col:
                        if not row[col:].startswith("-"):
                            break
                        seen += 1
                        if seen == wanted:
                            found = index
                            break
                    index = _next_content(lines, index + 1)
                if found is None:
                    raise _Fallback
                line, col = _value_start(lines, found, col + 1, col)
                continue
            # the mapping's keys: its first line (a list item's first key sits after the "- "), then
            # every content line indented no deeper than the mapping, found by a regex (deeper lines
            # are the values, skipped at C speed) until one is shallower or starts a list item
            index, hit = line, None
            parsed = _block_key(lines[line], col)
            if parsed is None:
                raise _Fallback
            if parsed[0] == token:
                hit = (line, parsed[1])
            shallow = _shallow_line(col)
            while hit is None and index + 1 < len(lines):
                match = shallow.search(text, cursor.offset_of(index + 1))
                if match is None or match.end() - match.start() < col:
                    break
                index = cursor.line_of(match.start())
                if text.startswith("- ", match.end()):
                    break
                parsed = _block_key(lines[index], col)
                if parsed is None:
                    raise _Fallback
                if parsed[0] == token:
                    hit = (index, parsed[1])
            if hit is None:
                raise _Fallback
            line, col = _value_start(lines, hit[0], hit[1], col)
        return line + 1, col + 1
    except _Fallback:
        return None
    except (IndexError, ValueError):
        return None


def _locate_json(text: str, tokens: list[str]) -> tuple[int, int] | None:
    """Positions in JSON by skipping sibling values with the C decoder."""
    decoder = json.JSONDecoder()
    ws = re.compile(r"[ \t\n\r]*")
    try:
        pos = ws.match(text, 0).end()  # type: ignore[union-attr]
        for token in tokens:
            opener = text[pos]
            if opener == "{":
                pos = ws.match(text, pos + 1).end()  # type: ignore[union-attr]
                found = False
                while text[pos] != "}":
                    key, pos = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
                    pos = ws.match(text, pos).end()  # type: ignore[union-attr]
                    pos = ws.match(text, pos + 1).end()  # type: ignore[union-attr]  # past ':'
                    if key == token:
                        found = True
                        break
                    _, pos = decoder.raw_decode(text, pos)
                    pos = ws.match(text, pos).end()  # type: ignore[union-attr]
                    if text[pos] == ",":
                        pos = ws.match(text, pos + 1).end()  # type: ignore[union-attr]
                if not found:
                    return None
            elif opener == "[":
                if not token.isdigit():
                    return None
                pos = ws.match(text, pos + 1).end()  # type: ignore[union-attr]
                for _ in range(int(token)):
                    if text[pos] == "]":
                        return None
                    _, pos = decoder.raw_decode(text, pos)
                    pos = ws.match(text, pos).end()  # type: ignore[union-attr]
                    if text[pos] == ",":
                        pos = ws.match(text, pos + 1).end()  # type: ignore[union-attr]
                if text[pos] == "]":
                    return None
            else:
                return None
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        return line, col
    except (IndexError, ValueError):
        return None


def _diag(display: str, message: str, line: int = 1, col: int = 1, pointer: str | None = None) -> Diagnostic:
    return Diagnostic("error", message, file=display, line=line, col=col, pointer=pointer)


def _check_expansion(data: Any, display: str) -> None:
    """Refuse documents whose aliases expand into a huge tree (billion laughs)."""
    sizes: dict[int, int] = {}
    depth_limit_hit = False

    def size(obj: Any, depth: int) -> int:
        nonlocal depth_limit_hit
        if depth > MAX_DEPTH:
            depth_limit_hit = True
            raise _LoadProblem("nesting", None)
        if isinstance(obj, dict):
            key = id(obj)
            if key in sizes:
                return sizes[key]
            total = 1
            for value in obj.values():
                total += size(value, depth + 1)
                if total > MAX_EXPANDED_NODES:
                    break
            sizes[key] = total
            return total
        if isinstance(obj, list):
            key = id(obj)
            if key in sizes:
                return sizes[key]
            total = 1
            for value in obj:
                total += size(value, depth + 1)
                if total > MAX_EXPANDED_NODES:
                    break
            sizes[key] = total
            return total
        return 1

    try:
        total = size(data, 0)
    except _LoadProblem:
        raise SpecError([_diag(display, f"document nests deeper than {MAX_DEPTH} levels")])
    if total > MAX_EXPANDED_NODES:
        raise SpecError(
            [_diag(display, f"YAML aliases expand to more than {MAX_EXPANDED_NODES} nodes; refusing (alias bomb?)")]
        )


def _depth_ok(data: Any) -> bool:
    """Iterative depth check (documents without aliases)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        obj, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(obj, dict):
            stack.extend((v, depth + 1) for v in obj.values() if isinstance(v, (dict, list)))
        elif isinstance(obj, list):
            stack.extend((v, depth + 1) for v in obj if isinstance(v, (dict, list)))
    return True


def parse_bytes(raw: bytes, display: str, fmt: str | None = None) -> tuple[Any, str]:
    """Parse bytes as JSON or YAML. Raises :class:`SpecError` on unusable input."""
    if not raw.strip():
        raise SpecError([_diag(display, "the file is empty")])
    if b"\x00" in raw[:8192]:
        raise SpecError([_diag(display, "this is a binary file, not a YAML or JSON document")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SpecError([_diag(display, f"the file is not valid UTF-8 (byte {exc.start})", line)]) from None
    if fmt is None:
        fmt = "json" if text.lstrip().startswith(("{", "[")) else "yaml"
    if fmt == "json":
        try:
            data = json.loads(text, object_pairs_hook=_json_object)
        except json.JSONDecodeError as exc:
            raise SpecError([_diag(display, f"invalid JSON: {exc.msg}", exc.lineno, exc.colno)]) from None
        except _LoadProblem as exc:
            raise SpecError([_diag(display, str(exc))]) from None
        except RecursionError:
            raise SpecError([_diag(display, "document nests too deeply")]) from None
        if not _depth_ok(data):
            raise SpecError([_diag(display, f"document nests deeper than {MAX_DEPTH} levels")])
        if _SURROGATE_ESCAPE.search(text) is not None:
            _refuse_lone_surrogates(data, text, display)
        return data, fmt
    loader: _Loader | None = None
    try:
        try:
            data, aliases_used = _construct_events(text)
        except _UsePyYAML:
            loader = _Loader(text)
            data = loader.get_single_data()
            aliases_used = bool(loader.alias_uses)
            if not aliases_used and not _depth_ok(data):
                raise SpecError([_diag(display, f"document nests deeper than {MAX_DEPTH} levels")]) from None
    except _LoadProblem as exc:
        mark = exc.node.start_mark if exc.node is not None else None
        raise SpecError(
            [_diag(display, str(exc), mark.line + 1 if mark else 1, mark.column + 1 if mark else 1)]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise SpecError(
            [_diag(display, f"YAML syntax error: {message}", mark.line + 1 if mark else 1, mark.column + 1 if mark else 1)]
        ) from None
    except yaml.YAMLError as exc:
        raise SpecError([_diag(display, f"YAML error: {exc}")]) from None
    except RecursionError:
        raise SpecError([_diag(display, "document nests too deeply")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if aliases_used:
        _check_expansion(data, display)
    return data, fmt


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_lone_surrogates(data: Any, text: str, display: str) -> None:
    """JSON may escape half of a UTF-16 surrogate pair (``"\\ud800"``): that is no character, cannot be
    written as UTF-8, and is refused here (valid pairs were joined into one character by the decoder)."""
    stack = [data]
    found = False
    while stack and not found:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if _LONE_SURROGATE.search(key):
                    found = True
                    break
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str) and _LONE_SURROGATE.search(node):
            found = True
    if not found:
        return
    # the first escape that is not half of a pair: a high one not followed by a low one, or a low one alone
    offset = 0
    for match in _SURROGATE_ESCAPE.finditer(text):
        code = int(match.group(0)[2:], 16)
        backslashes = len(text[: match.start()]) - len(text[: match.start()].rstrip("\\"))
        if backslashes % 2:  # an escaped backslash followed by "ud800": text, not an escape
            continue
        following = text[match.end(): match.end() + 6]
        if code < 0xDC00 and re.fullmatch(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}", following):
            continue
        preceding = text[max(0, match.start() - 6): match.start()]
        if code >= 0xDC00 and re.fullmatch(r"\\u[dD][89abAB][0-9a-fA-F]{2}", preceding):
            continue
        offset = match.start()
        break
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    raise SpecError([_diag(display, "a string holds half of a UTF-16 surrogate pair "
                                    f"({text[offset:offset + 6]}): not a character, cannot be written as UTF-8",
                           line, col)])


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _LoadProblem(f"duplicate key {key!r}", None)
        out[key] = value
    return out


def display_name(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith("../../..") else str(path)


def load_file(path: str | os.PathLike[str], display: str | None = None) -> Document:
    """Read and parse one file. Raises :class:`SpecError` on unusable input."""
    p = Path(path)
    shown = display or display_name(p)
    try:
        try:
            resolved = p.resolve(strict=True)
        except RuntimeError:  # Python < 3.13 reports a loop of symbolic links so, not as OSError(ELOOP)
            raise SpecError([_diag(shown, SYMLINK_LOOP)]) from None
        if not resolved.is_file():
            raise SpecError([_diag(shown, "not a regular file")])
        size = resolved.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SpecError(
                [_diag(shown, f"file is {size} bytes; the limit is {MAX_FILE_BYTES} bytes")]
            )
        raw = resolved.read_bytes()
    except FileNotFoundError:
        raise SpecError([Diagnostic("error", "no such file", file=shown)]) from None
    except (IsADirectoryError, PermissionError, OSError) as exc:
        if exc.errno == errno.ELOOP:
            raise SpecError([_diag(shown, SYMLINK_LOOP)]) from None
        raise SpecError([Diagnostic("error", f"cannot read: {exc.strerror or exc}", file=shown)]) from None
    suffix = resolved.suffix.lower()
    fmt = "json" if suffix == ".json" else "yaml" if suffix in (".yaml", ".yml") else None
    data, fmt = parse_bytes(raw, shown, fmt)
    doc = Document(path=resolved, display=shown, data=data, raw=raw, format=fmt)
    if len(raw) > MAX_STRING_CHARS:  # (a smaller file cannot hold a longer string)
        _refuse_long_strings(doc)
    return doc


def _refuse_long_strings(doc: Document) -> None:
    """A string or key longer than MAX_STRING_CHARS is refused where it is."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(doc.data, ())]
    limit = MAX_STRING_CHARS
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if len(key) > limit:
                    break
                if isinstance(value, (dict, list)) or (isinstance(value, str) and len(value) > limit):
                    stack.append((value, path + (key,)))
            else:
                continue
            node = key
        elif isinstance(node, list):
            stack.extend((value, path + (str(index),)) for index, value in enumerate(node)
                         if isinstance(value, (dict, list)) or (isinstance(value, str) and len(value) > limit))
            continue
        pointer = "#" + "".join("/" + token.replace("~", "~0").replace("/", "~1") for token in path)
        line, col = doc.locate(pointer) or (1, 1)
        raise SpecError([_diag(doc.display, f"a string of {len(node)} characters; the limit is {limit} characters "
                                            "per string", line, col, pointer)])
