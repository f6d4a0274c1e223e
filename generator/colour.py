"""Colour on a terminal: the severity of a diagnostic and the summary line, nothing else.

Only when the stream is a terminal and ``NO_COLOR`` is not set (https://no-color.org: any
non-empty value turns colour off); logs, pipes and files get plain text.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

_CODES = {"error": "1;31", "warning": "1;33", "ok": "32"}
# the severity after an optional file:line:col: prefix (Diagnostic.format's layout)
_SEVERITY = re.compile(r"^((?:[^\n]*?:\d+:\d+: )?|sdkforge: )(error|warning)(?=: )")


def enabled(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def paint(text: str, kind: str, on: bool) -> str:
    return f"\x1b[{_CODES[kind]}m{text}\x1b[0m" if on else text


def diagnostic(line: str, on: bool) -> str:
    """A diagnostic line with its severity word coloured."""
    if not on:
        return line
    return _SEVERITY.sub(lambda m: m.group(1) + paint(m.group(2), m.group(2), True), line, count=1)
