"""Name allocation within one scope, shared by every target (policy, such as reserved words and
casing, stays in each target's ``names.py``).

A scope hands out names in the order asked, so callers that claim in a deterministic order get
deterministic names. A name already taken gets a number (``name2``, or ``name_2`` with a separator);
``claim_first`` tries names by meaning before any number.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

from ...ir import naming

_PASCAL = re.compile(r"[A-Z][A-Za-z0-9]*")


def pascal_type_name(parts: tuple[str, ...], reserved: Container[str]) -> str:
    """A PascalCase type name from name parts (a component name, or a parent and a path): a part
    already in PascalCase keeps the spec's spelling (OpenAIFile stays OpenAIFile), any other is
    PascalCased; a name that starts with a digit or is one of the target's ``reserved`` words gets
    ``Model`` before or after it."""
    ident = "".join(part if _PASCAL.fullmatch(part) else naming.pascal(part) for part in parts) or "Model"
    if ident[0].isdigit():
        ident = f"Model{ident}"
    if ident in reserved:
        ident += "Model"
    return ident


class Namer:
    """Unique names within a scope; with ``fold``, names that differ only by case clash (file
    names, Python modules)."""

    def __init__(self, taken: Iterable[str] | None = None, *, fold: bool = False, sep: str = ""):
        self.fold = fold
        self.sep = sep
        self._taken: set[str] = {self._key(t) for t in (taken or ())}

    def _key(self, name: str) -> str:
        return name.lower() if self.fold else name

    def taken(self, name: str) -> bool:
        return self._key(name) in self._taken

    def __contains__(self, name: str) -> bool:
        return self.taken(name)

    def claim(self, wanted: str, sep: str | None = None) -> str:
        joint = self.sep if sep is None else sep
        name = wanted
        counter = 2
        while self._key(name) in self._taken:
            name = f"{wanted}{joint}{counter}"
            counter += 1
        self._taken.add(self._key(name))
        return name

    def claim_first(self, *candidates: str) -> str:
        """The first free candidate (names by meaning before any number), else the first numbered."""
        for candidate in candidates:
            if candidate and not self.taken(candidate):
                return self.claim(candidate)
        return self.claim(candidates[0])
