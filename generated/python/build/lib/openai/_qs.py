"""Query-string and form encoding (``a=1&b=x&b=y&c[d]=e``)."""

from __future__ import annotations

from typing import List, Mapping, Tuple

from ._types import NotGiven, Omit
from ._utils import as_list, as_mapping


def _scalar(value: object) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    return str(value)


def flatten(params: Mapping[str, object], *, array_brackets: bool = False) -> List[Tuple[str, str]]:
    """Flatten nested params: lists repeat their key, dicts nest with brackets."""
    out: List[Tuple[str, str]] = []

    def walk(key: str, value: object) -> None:
        if isinstance(value, (NotGiven, Omit)):
            return
        mapping = as_mapping(value)
        items = as_list(value)
        if mapping is not None:
            for sub_key, sub_value in mapping.items():
                walk(f"{key}[{sub_key}]", sub_value)
        elif items is not None:
            for index, item in enumerate(items):
                if as_mapping(item) is not None or as_list(item) is not None:
                    walk(f"{key}[{index}]", item)
                else:
                    walk(f"{key}[]" if array_brackets else key, item)
        else:
            out.append((key, _scalar(value)))

    for key, value in params.items():
        walk(key, value)
    return out
