"""Ruby escapers, one per position.  Every spec string reaches generated Ruby
(and RBS) through exactly one of these.

* :func:`string_literal` - a double-quoted Ruby string; ``#`` is always escaped,
  so ``#{...}`` / ``#@x`` / ``#$x`` can never interpolate.
* :func:`symbol_literal` - ``:name`` or ``:"..."`` (same escaping).
* :func:`literal` - any JSON value as a Ruby expression.
* :func:`doc_lines` / :func:`comment` - text for ``#`` comment lines: one
  physical line each, no control characters, no magic comments.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from ...text import display_line
from ..common.directives import DirectivePolicy, at_start
from ..literal import JsonSpelling, LiteralEscaper

# control characters, and the bidi embeddings/overrides/isolates that can make a comment
# display as something else than what it is ("Trojan Source")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")
_PLAIN_SYMBOL = re.compile(r"\A[A-Za-z_][A-Za-z0-9_]*\Z")
# comment text Ruby reads as a magic comment (`# frozen_string_literal: false`, `# shareable_constant_value: ...`
# work anywhere in a file, emacs-style `-*- ... -*-` too, which _clean_line takes apart), Sorbet's sigil,
# RuboCop's and Steep's directive comments
DIRECTIVES = DirectivePolicy(at_start(r"(?:coding|encoding|frozen[-_]string[-_]literal|shareable[-_]constant[-_]value|"
                                      r"warn[-_]indent|warn[-_]past[-_]scope)\s*[:=]", r"typed:", r"rubocop:",
                                      r"steep:", r"@type\s", r"!"))


def _ruby_wide(ch: str, code: int) -> str:
    if 0xD800 <= code <= 0xDFFF:
        return "\\u{FFFD}"  # a lone surrogate cannot be encoded in UTF-8
    if not ch.isprintable() or code in (0x2028, 0x2029, 0xFEFF, 0x85):
        return f"\\u{{{code:X}}}"
    return ch


_escape_body = LiteralEscaper({"\\": "\\\\", '"': '\\"', "#": "\\#", "\n": "\\n", "\r": "\\r", "\t": "\\t"},
                              "\\x{:02X}", _ruby_wide)


def string_literal(value: Any) -> str:
    """A double-quoted Ruby string literal for ``value`` (never interpolates)."""
    return '"' + _escape_body(str(value)) + '"'


def bytes_literal(data: bytes) -> str:
    """A binary Ruby String literal holding exactly ``data`` (``"...".b``)."""
    out = []
    for byte in data:
        ch = chr(byte)
        if 0x20 <= byte < 0x7F:
            out.append({"\\": "\\\\", '"': '\\"', "#": "\\#"}.get(ch, ch))
        else:
            out.append(f"\\x{byte:02X}")
    return '"' + "".join(out) + '".b'


def symbol_literal(value: Any) -> str:
    """A Ruby Symbol literal: ``:pending``, ``:"fine-tune"``."""
    text = str(value)
    if _PLAIN_SYMBOL.match(text):
        return f":{text}"
    return ':"' + _escape_body(text) + '"'


def _odd_float(value: float) -> str:
    if math.isnan(value):
        return "Float::NAN"
    return "Float::INFINITY" if value > 0 else "-Float::INFINITY"


# a Ruby expression for a JSON value (defaults, consts, examples)
literal = JsonSpelling("nil", "true", "false", string_literal, _odd_float, "{key} => {value}")


def _clean_line(line: str) -> str:
    line = _CONTROL.sub("", line.expandtabs(2)).rstrip()
    return DIRECTIVES(line.replace("-*-", "- * -"))


def doc_lines(text: Any) -> list[str]:
    """The lines of a ``#`` doc comment (without the ``# `` prefix): one physical
    line each, no control characters, trimmed blank runs, magic comments defused."""
    if text is None or text == "":
        return []
    return list(_doc_lines(str(text)))


# a description is written for a model's field, its RBS twin and the methods that take it: the
# same text's lines are worked out once per process
@lru_cache(maxsize=1 << 14)
def _doc_lines(text: str) -> tuple[str, ...]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n")
    raw = raw.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    lines = [_clean_line(line) for line in raw.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    out: list[str] = []
    for line in lines:
        if not line.strip() and out and not out[-1].strip():
            continue
        out.append(line)
    return tuple(out)


def comment(text: Any) -> str:
    """Text safe on a single ``#`` comment line."""
    return _clean_line(" ".join(str(text).split()))


def doc(text: Any, indent: str, prefix: str = "") -> str:
    """A ready ``#`` comment block at ``indent`` (empty string when no text)."""
    lines = doc_lines(text)
    return "\n".join(f"{indent}#{(' ' + prefix + line) if line else ''}" for line in lines)


def rbs_comment(text: Any, indent: str) -> str:
    """RBS comments are ``#`` lines too."""
    return doc(text, indent)


def manifest_string(value: Any) -> str:
    """A gemspec value: one line of visible text (no control, bidi or invisible character) as a Ruby
    string literal."""
    return string_literal(display_line(value))
