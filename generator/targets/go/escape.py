"""Go escapers, one per position.  Every spec string reaches generated Go
through exactly one of these."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from functools import lru_cache
from typing import Any

from ..common.directives import DirectivePolicy, at_start
from ..literal import LiteralEscaper

# characters dropped from comments: C0/C1 controls (but \n and \t, handled
# apart), DEL, line/paragraph separators, BOM (the Go compiler rejects a BOM
# or NUL anywhere in a source file), other format characters
_COMMENT_DROP = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u2028\u2029\ufeff\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_OLD_HEADING_BAD = set(";:!?+*/=[]{}_^°&§~%#@<\">\\")
# gofmt rewrites `` and '' in doc-comment text to typographic quotes: keep pairs apart
_QUOTE_PAIR = re.compile(r"([`'])(?=\1)")


def _unpair_quotes(text: str) -> str:
    return _QUOTE_PAIR.sub(r"\1 ", text)


def _go_wide(ch: str, code: int) -> str:
    if 0xD800 <= code <= 0xDFFF:
        return "\\uFFFD"
    if not ch.isprintable() or unicodedata.category(ch) in ("Cf", "Zl", "Zp", "Co", "Cn"):
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return ch


_ESCAPE = LiteralEscaper({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}, "\\x{:02x}", _go_wide)


def string_literal(value: Any) -> str:
    """A Go interpreted string literal for ``value``."""
    return '"' + _ESCAPE(str(value)) + '"'


def json_tag_name_ok(name: str) -> bool:
    """True when encoding/json accepts ``name`` in a struct tag (its isValidTag),
    restricted to ASCII so that the check does not depend on Unicode tables."""
    if not name or name == "-":
        return False
    for ch in name:
        if ch.isascii() and (ch.isalnum() or ch in "!#$%&()*+-./:;<=>?@[]^_{|}~ "):
            continue
        return False
    return True


def json_tag(name: str, omitempty: bool) -> str:
    """The struct tag (a raw string literal) for a JSON member named ``name``;
    a name a tag cannot carry gets ``json:"-"`` and is handled in code."""
    if not json_tag_name_ok(name):
        return '`json:"-"`'
    return f'`json:"{name}{",omitempty" if omitempty else ""}"`'


def number_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return "0"
        text = repr(value)
        return text
    return string_literal(value)


def comment_text(text: Any) -> str:
    """Text safe on one ``//`` comment line."""
    flat = " ".join(_COMMENT_DROP.sub(" ", str(text)).replace("\t", " ").split())
    return DIRECTIVES(_unpair_quotes(flat))


def doc_lines(text: str | None) -> list[str]:
    """The lines of a ``//`` doc comment, each safe and gofmt-stable: no
    control characters, no indentation (which Go doc syntax would read as code
    or lists), old-style headings written in the ``#`` form gofmt uses."""
    if not text:
        return []
    return list(_doc_lines(str(text)))


# what the go tool, vet, gofmt and the usual linters read in a comment: `// +build` is read with the space
# this generator writes after `//`; the forms read only without one (`//go:build`, `//line`, `//export`,
# `//nolint`) are defused too, should a template ever write text right after `//`
DIRECTIVES = DirectivePolicy(at_start(r"\+build", r"go:[a-z]", r"line\s", r"export\s", r"extern\s", r"nolint",
                                      r"lint:", r"#cgo"))

_LINK_DEFINITION = re.compile(r"\[[^\]]*\]:")


# a description reaches a model's field, the params struct and the method docs: the same text's
# lines are worked out once per process
@lru_cache(maxsize=1 << 14)
def _doc_lines(text: str) -> tuple[str, ...]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _unpair_quotes(_COMMENT_DROP.sub(" ", text).replace("\t", " "))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        line = DIRECTIVES(line)
        if _LINK_DEFINITION.match(line):
            line = "\\" + line  # not a doc-comment link definition
        out.append(line)
    while out and not out[-1]:
        out.pop()
    # old-style headings: a lone line between blank lines, not first nor last
    for i in range(1, len(out) - 2):
        line = out[i]
        if out[i - 1] or out[i + 1] or not out[i + 2]:
            continue
        if not line[:1].isalpha() or not line[:1].isupper() or not line[-1:].isalnum():
            continue
        if any(ch in _OLD_HEADING_BAD for ch in line):
            continue
        out[i] = "# " + line
    return tuple(out)


def doc_comment(text: str | None, indent: str = "") -> str:
    """A complete ``//`` comment block (lines joined with newlines, no final one)."""
    return "\n".join(f"{indent}// {line}" if line else f"{indent}//" for line in doc_lines(text))


def json_value(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


_MODULE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9._~-]+)*$")


def module_path(path: str) -> str:
    """A module path in go.mod: bare when it is a plain path, else quoted."""
    return path if _MODULE_PATH.match(path) else string_literal(path)
