"""Small helpers shared by the generated resources."""

from __future__ import annotations

from typing import Dict, List, Mapping, Optional, Sequence, cast


class PropertyInfo:
    """Metadata for ``Annotated`` union fields: the discriminator property and, when the
    spec gives one, its mapping from wire values to variant class names."""

    def __init__(self, *, discriminator: Optional[str] = None, mapping: Optional[Mapping[str, str]] = None) -> None:
        self.discriminator = discriminator
        self.mapping: Dict[str, str] = dict(mapping or {})

    def __repr__(self) -> str:
        return f"PropertyInfo(discriminator={self.discriminator!r}, mapping={self.mapping!r})"


def as_mapping(value: object) -> Optional[Mapping[str, object]]:
    """``value`` as a string-keyed mapping (decoded JSON objects are), else ``None``."""
    if isinstance(value, Mapping):
        return cast("Mapping[str, object]", value)
    return None


def as_list(value: object) -> Optional[List[object]]:
    """``value`` as a list (a list or tuple), else ``None``."""
    if isinstance(value, (list, tuple)):
        return list(cast("Sequence[object]", value))
    return None
