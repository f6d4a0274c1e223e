"""Small helpers shared by the generated resources."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, cast
from urllib.parse import quote

from ._types import NotGiven, Omit


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


def path_template(template: str, **params: object) -> str:
    """Fill ``{name}`` slots of a path template with percent-encoded values."""
    out = template
    for name, value in params.items():
        out = out.replace("{" + name + "}", quote(str(value), safe=""))
    return out


def strip_not_given(value: object) -> Any:
    """Drop ``NOT_GIVEN`` entries, recursively, from dicts and lists (tuples, such as
    ``(filename, content, type)`` file values, are kept as they are)."""
    mapping = as_mapping(value)
    if mapping is not None:
        return strip_not_given_mapping(mapping)
    if isinstance(value, list):
        return [strip_not_given(v) for v in cast("List[object]", value) if not isinstance(v, (NotGiven, Omit))]
    return value


def strip_not_given_mapping(value: Mapping[str, object]) -> Dict[str, object]:
    return {k: strip_not_given(v) for k, v in value.items() if not isinstance(v, (NotGiven, Omit))}
