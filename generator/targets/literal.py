"""The mechanism the targets' string-literal escapers share; each target supplies its own rules.

A literal's body is escaped in one regex pass: the pattern finds the characters that may need an
escape (the target's short escapes, C0 controls and DEL, everything beyond ASCII) and only those go
through the rules: the short escapes, then a format for controls, then the target's decision for a
non-ASCII character (itself, or an escape).  Plain ASCII text never leaves C code.
"""

from __future__ import annotations

import re
from collections.abc import Callable


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
