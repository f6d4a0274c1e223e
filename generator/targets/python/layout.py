"""Formatter-stable layout: imports in ruff/isort order and long expressions wrapped
the way black wraps them, so generated Python needs no formatter."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Iterator

LINE_WIDTH = 120

_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"typing", "types", "functools", "os", "json"}
_CONSTANT_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


_DIGIT_RUNS = re.compile(r"(\d+)")


def natural(text: str) -> tuple[object, ...]:
    """ruff's natural order: digit runs compare as numbers (``x_2`` before ``x_10``)."""
    if _DIGIT_RUNS.search(text) is None:  # the common case: one part
        return (int(text),) if text.isdigit() else (text,)
    return tuple(int(part) if part.isdigit() else part for part in _DIGIT_RUNS.split(text))


# the same few thousand names are sorted in every module's import block: their keys are computed once
@lru_cache(maxsize=1 << 16)
def _name_key(name: str) -> tuple[int, tuple[object, ...]]:
    """isort's order-by-type: CONSTANTS, then Classes, then functions/variables."""
    if set(name) <= _CONSTANT_CHARS and len(name) > 1:
        return 0, natural(name)
    if name[:1].isupper():
        return 1, natural(name)
    return 2, natural(name.lower())


name_key = _name_key


@lru_cache(maxsize=1 << 16)
def module_key(module: str) -> tuple[object, ...]:
    return natural(module.lower())


def as_import(module: str, name: str, indent: str = "") -> str:
    """``from module import name as name``, wrapped the way black and ruff want it."""
    line = f"{indent}from {module} import {name} as {name}"
    if len(line) <= LINE_WIDTH:
        return line
    return f"{indent}from {module} import (\n{indent}    {name} as {name},\n{indent})"


@dataclass
class ImportBlock:
    """Collects imports and renders them grouped and sorted as ruff's isort rules want."""

    plain: set[str] = field(default_factory=set)
    names: dict[str, set[str]] = field(default_factory=dict)

    def add(self, module: str, *names: str) -> None:
        self.names.setdefault(module, set()).update(names)

    def add_module(self, module: str) -> None:
        self.plain.add(module)

    def render(self, indent: str = "") -> str:
        """The import block; ``indent`` is where it will stand (e.g. under ``if TYPE_CHECKING:``)."""
        sections: dict[int, list[str]] = {}
        # (sort key, section, line); the key: section, plain imports before from-imports (not among
        # relative ones), furthest-to-closest relative imports, module names case-insensitively
        entries: list[tuple[tuple[object, ...], int, str]] = []
        for module in self.plain:
            section = _section(module)
            entries.append(((section, 0, (0, 0, module_key(module))), section, f"import {module}"))
        for module, names in self.names.items():
            sorted_names = sorted(names, key=_name_key)
            line = f"from {module} import {', '.join(sorted_names)}"
            if len(indent) + len(line) > LINE_WIDTH:
                inner = "".join(f"    {n},\n" for n in sorted_names)
                line = f"from {module} import (\n{inner})"
            bare = module.lstrip(".")
            section = _section(module)
            key = (1, len(bare) - len(module), module_key(bare))
            entries.append(((section, 1 if section != 3 else 0, key), section, line))
        entries.sort(key=itemgetter(0))  # stable: equal keys keep the order they came in
        for _, section, line in entries:
            sections.setdefault(section, []).append(line)
        return "\n\n".join("\n".join(lines) for _, lines in sorted(sections.items()))


@lru_cache(maxsize=1 << 16)
def _section(module: str) -> int:
    """isort's section: __future__, the standard library, third party, this package (relative)."""
    if module == "__future__":
        return 0
    if module.startswith("."):
        return 3
    return 1 if module.split(".")[0] in _STDLIB else 2


# the characters a scan stops at: quotes and brackets, plus what the caller looks for
_SCAN_COMMAS = re.compile(r"[\"'()\[\]{},]")
_SCAN_SPACES = re.compile(r"[\"'()\[\]{} ]")
_SCAN_BRACKETS = re.compile(r"[\"'()\[\]{}]")
# the rest of a string literal after its opening quote (a backslash escapes the next character)
_STRING_REST = {'"': re.compile(r'(?:[^"\\]|\\.)*"', re.S), "'": re.compile(r"(?:[^'\\]|\\.)*'", re.S)}


def _outside_strings(text: str, scan: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    """``(index, character)`` of what ``scan`` stops at (quotes, brackets and the caller's
    characters) outside the string literals of a Python expression."""
    pos = 0
    search = scan.search
    while True:
        found = search(text, pos)
        if found is None:
            return
        i = found.start()
        ch = text[i]
        if ch == '"' or ch == "'":
            closing = _STRING_REST[ch].match(text, i + 1)
            if closing is None:
                return  # an unterminated literal runs to the end
            pos = closing.end()
            continue
        yield i, ch
        pos = i + 1


def _top_level(text: str, scan: re.Pattern[str] = _SCAN_COMMAS) -> Iterator[int]:
    """Indices of the characters ``scan`` stops at (besides quotes and brackets) that stand
    outside string literals and brackets in a Python expression."""
    depth = 0
    for i, ch in _outside_strings(text, scan):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0:
            yield i


def _top_level_split(body: str) -> list[str]:
    """Split ``a, b[c, d], "e,f"`` at top-level commas."""
    parts: list[str] = []
    start = 0
    for i in _top_level(body, _SCAN_COMMAS):
        parts.append(body[start:i].strip())
        start = i + 1
    tail = body[start:].strip()
    if tail:
        parts.append(tail)
    return parts


_EMPTY_TRAILERS = re.compile(r"(?:\.[A-Za-z_][A-Za-z_0-9]*|\(\))*")


def _last_bracket(expr: str) -> tuple[int, int] | None:
    """Positions of the outermost bracket pair that closes last (black's right-hand split);
    trailing empty calls and attributes (``.lower()``) are left to the tail, as black omits them."""
    if not expr or expr[-1] not in ")]}":
        return None
    depth = 0
    opens: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in _outside_strings(expr, _SCAN_BRACKETS):
        if ch in "([{":
            opens.append(i)
            depth += 1
        else:
            start = opens.pop()
            depth -= 1
            if depth == 0:
                pairs.append((start, i))
    for start, end in reversed(pairs):
        if expr[start + 1 : end].strip() and _EMPTY_TRAILERS.fullmatch(expr, end + 1):
            return start, end
    # black never opens an empty pair (`.list()`): nothing to split at
    nonempty = [(start, end) for start, end in pairs if expr[start + 1 : end].strip()]
    return nonempty[-1] if nonempty else None


def _is_trailer(expr: str, start: int) -> bool:
    """The bracket at ``start`` opens a call or a subscript (not a list/dict/tuple literal)."""
    return start > 0 and (expr[start - 1].isalnum() or expr[start - 1] in "_)]")


def _split_operators(expr: str, ops: tuple[str, ...]) -> list[str]:
    """Split ``expr`` before its top-level binary operators ``ops`` (outside brackets and strings):
    ``a | b[c | d]`` -> ``["a", "| b[c | d]"]``."""
    pieces: list[str] = []
    start = 0
    for i in _top_level(expr, _SCAN_SPACES):
        if i >= start and any(expr.startswith(op, i) for op in ops):
            pieces.append(expr[start:i])
            start = i + 1
    pieces.append(expr[start:])
    return pieces


# black splits a too-long line inside brackets at its lowest-priority operators first
_OPERATOR_LEVELS = ((" or ", " and "), (" | ",))


def wrap(head: str, expr: str, indent: str = "", tail: str = "", width: int = LINE_WIDTH,
         inside: bool = False) -> str:
    """``indent + head + expr + tail`` on one line if it fits, else split like black:
    inside brackets (``inside``) at the lowest-priority top-level operators (``or``, then ``|``),
    else the last bracket pair opens the split, its body goes one element per line with a
    trailing comma (a single element gets no comma), recursively.  The right-hand side of an
    assignment or ``return`` whose first line would still be too long goes in parentheses."""
    line = f"{indent}{head}{expr}{tail}"
    if len(line) <= width:
        return line
    inner_indent = indent + "    "
    if inside and not head:
        for ops in _OPERATOR_LEVELS:
            pieces = _split_operators(expr, ops)
            if len(pieces) > 1:
                last = len(pieces) - 1
                return "\n".join(wrap("", piece, indent, tail if i == last else "", width, inside=True)
                                 for i, piece in enumerate(pieces))
    rhs = head.endswith("= ") or head.startswith("return ")
    pair = _last_bracket(expr)
    if pair is None:
        if rhs:
            # black's invisible parentheses around a right-hand side
            return f"{indent}{head}(\n{wrap('', expr, inner_indent, '', width, True)}\n{indent}){tail}"
        return line
    start, end = pair
    opener, body, closer = expr[: start + 1], expr[start + 1 : end], expr[end:]
    parts = _top_level_split(body)
    if len(parts) <= 1:
        # a one-element tuple's comma stays after the element (which may split in turn)
        element = body.strip()
        comma = "," if element.endswith(",") else ""
        inner = wrap("", element[: len(element) - len(comma)], inner_indent, comma, width, True)
    elif _is_trailer(expr, start) and len(inner_indent) + len(", ".join(parts)) <= width:
        # call arguments or a subscript that fit on one line stay there (no trailing comma);
        # black always explodes a split collection literal, one element per line
        inner = inner_indent + ", ".join(parts)
    else:
        inner = "\n".join(wrap("", part, inner_indent, ",", width, True) for part in parts)
    split = f"{indent}{head}{opener}\n{inner}\n{indent}{closer}{tail}"
    if rhs and len(f"{indent}{head}{opener}") > width:
        # black's second opinion: the right-hand side in parentheses, if every line then fits
        wrapped = f"{indent}{head}(\n{wrap('', expr, inner_indent, '', width, True)}\n{indent}){tail}"
        if all(len(row) <= width for row in wrapped.split("\n")):
            return wrapped
    return split


def def_line(name: str, returns: str, indent: str = "    ", params: str = "self") -> str:
    """``def name(params) -> returns:``; too long, the parameters go one per line with black's
    magic trailing comma (no parameters: the return annotation in parentheses)."""
    line = f"{indent}def {name}({params}) -> {returns}:"
    if len(line) <= LINE_WIDTH:
        return line
    if not params:
        return f"{indent}def {name}() -> (\n{indent}    {returns}\n{indent}):"
    inner = "".join(f"{indent}    {param},\n" for param in _top_level_split(params))
    return f"{indent}def {name}(\n{inner}{indent}) -> {returns}:"


def from_import(module: str, names: list[str], indent: str = "") -> str:
    """``from module import a, b`` (names as given), parenthesised one per line when too long."""
    line = f"{indent}from {module} import {', '.join(names)}"
    if len(line) <= LINE_WIDTH:
        return line
    inner = "".join(f"{indent}    {n},\n" for n in names)
    return f"{indent}from {module} import (\n{inner}{indent})"


# an ASCII expression's tokens that matter here: string literals (an unterminated one runs to the
# end) and identifiers
_TOKENS = re.compile(r"""(?:"(?:[^"\\]|\\.)*(?:"|\\?\Z)|'(?:[^'\\]|\\.)*(?:'|\\?\Z))|([A-Za-z_][A-Za-z0-9_]*)""", re.S)


def replace_identifiers(text: str, mapping: dict[str, str]) -> str:
    """Replace whole identifiers of a Python expression (outside string literals and
    not after a ``.``) by their ``mapping`` value."""
    if not text.isascii():
        return _replace_identifiers_unicode(text, mapping)

    def replace(token: re.Match[str]) -> str:
        word = token.group(1)
        if word is None:
            return token.group()  # a string literal
        at = token.start()
        if at and text[at - 1] == ".":
            return word
        return mapping.get(word, word)

    return _TOKENS.sub(replace, text)


def _replace_identifiers_unicode(text: str, mapping: dict[str, str]) -> str:
    """``replace_identifiers`` with Unicode identifiers, a character at a time."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
            continue
        if ch.isalpha() or ch == "_":
            j = i
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            word = text[i:j]
            after_dot = bool(out) and out[-1].endswith(".")
            out.append(mapping.get(word, word) if not after_dot else word)
            i = j
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def identifiers(text: str) -> set[str]:
    """The bare identifiers a Python expression uses (outside string literals)."""
    found: set[str] = set()
    if text.isascii():
        for token in _TOKENS.finditer(text):
            word = token.group(1)
            if word is not None and not (token.start() and text[token.start() - 1] == "."):
                found.add(word)
        return found

    class _Collect(dict[str, str]):
        def get(self, key: str, default: str | None = None) -> str:  # type: ignore[override]
            found.add(key)
            return key

    _replace_identifiers_unicode(text, _Collect())
    return found


def _split_annotated(text: str) -> tuple[str, str, str | None] | None:
    """``name: annotation = default`` -> its three parts (top-level ``=`` only)."""
    name, sep, rest = text.partition(": ")
    if not sep or not name.isidentifier():
        return None
    depth = 0
    quote: str | None = None
    i = 0
    while i < len(rest):
        ch = rest[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and rest.startswith(" = ", i):
            return name, rest[:i], rest[i + 3 :]
        i += 1
    return name, rest, None


def annotated_line(text: str, indent: str, tail: str = "", width: int = LINE_WIDTH) -> str:
    """``name: annotation[ = default]`` at ``indent``; when too long, black's form with the
    annotation in parentheses on its own line."""
    line = f"{indent}{text}{tail}"
    if len(line) <= width:
        return line
    parts = _split_annotated(text)
    if parts is None:
        return line
    name, annotation, default = parts
    after = f" = {default}" if default is not None else ""
    if default is not None and default.endswith(")") and "(" in default:
        # a call default (`FieldInfo(...)`) is split first, the way black does
        split = wrap(f"{name}: {annotation} = ", default, indent, tail, width)
        if all(len(row) <= width for row in split.split("\n")):
            return split
    if default is None and _last_bracket(annotation) is not None:
        # nothing after the annotation: black splits its own brackets
        return wrap(f"{name}: ", annotation, indent, tail, width)
    inner = wrap("", annotation, indent + "    ", "", width, True)
    if "\n" not in inner and len(inner) > width:
        return line  # one atom too long even alone: black leaves the line as it is
    return f"{indent}{name}: (\n{inner}\n{indent}){after}{tail}"
