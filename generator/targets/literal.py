"""The mechanism the targets' string-literal escapers share; each target supplies its own rules.

A literal's body is escaped in one regex pass: the pattern finds the characters that may need an
escape (the target's short escapes, C0 controls and DEL, everything beyond ASCII) and only those go
through the rules: the short escapes, then a format for controls, then the target's decision for a
non-ASCII character (itself, or an escape).  Plain ASCII text never leaves C code.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class LiteralEscaper:
    def __init__(self, short: dict[str, str], control: str, wide: Callable[[str, int], str]) -> None:
        """``short``: character -> escape; ``control``: a format of the code point for C0 controls and
        DEL without a short escape; ``wide``: what a character above DEL becomes, given it and its code."""
        self.short = short
        self.control = control
        self.wide = wide
        specials = "".join(re.escape(ch) for ch in short if " " <= ch < "\x7f")
        self._may_escape = re.compile("[" + specials + r"\x00-\x1f\x7f-\U0010ffff]")

    def char(self, ch: str) -> str:
        short = self.short.get(ch)
        if short is not None:
            return short
        code = ord(ch)
        if code < 0x20 or code == 0x7F:
            return self.control.format(code)
        return self.wide(ch, code)

    def __call__(self, text: str) -> str:
        return self._may_escape.sub(self._found, text)

    def _found(self, match: re.Match[str]) -> str:
        return self.char(match.group())


def written_as_itself(ch: str, code: int) -> bool:
    """Whether a character above DEL may stand as itself inside a literal: printable and none of
    the characters a reader or tool takes for something else (a lone surrogate, the line and
    paragraph separators that end a JavaScript line, the byte order mark)."""
    return not (0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029, 0xFEFF)) and ch.isprintable()


@dataclass(frozen=True)
class JsonSpelling:
    """How a language writes JSON values as expressions: its words for null, true and false, its string
    literal, its spelling of NaN and the infinities, and a map entry's shape (``{key}: {value}``)."""

    null: str
    true: str
    false: str
    string: Callable[[str], str]
    odd_float: Callable[[float], str]  # NaN, +inf, -inf
    entry: str

    def __call__(self, value: Any) -> str:
        """The expression for a JSON value (defaults, consts, examples); arrays and objects written as the
        language's list and map literals, anything else as the string of its JSON."""
        if value is None:
            return self.null
        if value is True:
            return self.true
        if value is False:
            return self.false
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            return self.odd_float(value) if math.isnan(value) or math.isinf(value) else repr(value)
        if isinstance(value, str):
            return self.string(value)
        if isinstance(value, list):
            return "[" + ", ".join(self(v) for v in value) + "]"
        if isinstance(value, dict):
            entries = (self.entry.format(key=self.string(k), value=self(v)) for k, v in value.items())
            return "{" + ", ".join(entries) + "}"
        return self.string(json.dumps(value, default=str))
