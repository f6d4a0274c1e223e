"""Comment text that a tool would read as a directive, made plain text.

Compilers, linters and formatters read some comments as instructions: Go's ``// +build``, TypeScript's
``// @ts-nocheck``, Ruby's ``# frozen_string_literal: false``, flake8's ``# noqa``, doctest's ``>>>``.  A spec
string that lands on a comment line must never form one.  The mechanism is shared: a target's policy
lists the places, as zero-width patterns over the text that follows the comment leader (``// ``,
`` * ``, ``# ``, a docstring line), where such a directive would begin; a backslash goes at each of them.
No tool reads a directive that starts with (or has inside its keyword) a backslash, and the backslash is
visible, so the reader sees that the text was changed.  Policy (which forms each target's tools read)
lives with the target, as a :class:`DirectivePolicy` built from its patterns.
"""

from __future__ import annotations

import re


def at_start(*keywords: str) -> str:
    """A position pattern: the start of a line whose text (after spaces) begins with one of ``keywords``
    (regular expressions)."""
    return r"^(?=[ \t]*(?:" + "|".join(keywords) + "))"


class DirectivePolicy:
    """One target's directive forms; calling it on one line of comment text returns the line made
    inert (unchanged when nothing in it forms a directive)."""

    MARK = "\\"

    def __init__(self, *positions: str) -> None:
        self._positions = re.compile("|".join(f"(?:{p})" for p in positions), re.IGNORECASE | re.MULTILINE)

    def __call__(self, line: str) -> str:
        if not self._positions.search(line):
            return line
        return self._positions.sub(lambda _: self.MARK, line)

    def forms(self, line: str) -> bool:
        """True when ``line`` holds a directive form of this policy."""
        return self._positions.search(line) is not None
