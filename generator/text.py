"""Text rules shared by the IR and every target.

:func:`display_line` is what a one-line human-readable name (the API's title, its version, a package's
summary in a manifest) may hold: no control characters, no bidi controls (Trojan Source), no zero-width
or other invisible format characters, no line or paragraph separators; whitespace runs become one space.
"""

from __future__ import annotations

import re
from typing import Any

# line breaks of every kind (and tabs) become a space
_BREAKS = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]")
# C0/C1 controls and DEL, the bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F,
# U+202A-E, U+2066-9), zero-width and other invisible format characters, BOM, interlinear annotations
INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
                       r"\ud800-\udfff]")


def display_line(value: Any) -> str:
    """``value`` as one line of visible text (see the module's docstring)."""
    text = str(value)
    if text.isascii() and text.isprintable():
        return " ".join(text.split()) if "  " in text or text != text.strip() else text
    return " ".join(INVISIBLE.sub("", _BREAKS.sub(" ", text)).split())
