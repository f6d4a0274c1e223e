"""Walks over the config's schema (sdkforge.config.SCHEMA) for tests: every key's place, a config
holding a value there, and values of the wrong type for a key."""

from __future__ import annotations

import re
from typing import Any, Iterator

from sdkforge.config import Bool, Fields, ListOf, MapOf, Spec, Str

MARK = 8642  # a number no other line of a test config holds: finds the line of the value under test


def positions(spec: Spec, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Spec]]:
    """Every node of the config's schema with a path that reaches it (lists: their first item,
    maps of the user's keys: their example key)."""
    yield path, spec
    if isinstance(spec, Fields):
        for key, sub in spec.fields.items():
            yield from positions(sub, (*path, key))
    elif isinstance(spec, ListOf):
        yield from positions(spec.item, (*path, 0))
    elif isinstance(spec, MapOf):
        yield from positions(spec.value, (*path, spec.example_key or "k"))


def place(path: tuple[str | int, ...], value: Any) -> Any:
    """A config holding ``value`` at ``path``."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    inner = place(rest, value)
    return [inner] if isinstance(head, int) else {head: inner}


def with_page_names(config: Any, path: tuple[str | int, ...] = ()) -> Any:
    """``config`` with the name every pagination entry needs."""
    if isinstance(config, dict):
        return {k: with_page_names(v, (*path, k)) for k, v in config.items()}
    if isinstance(config, list):
        items = [with_page_names(v, (*path, i)) for i, v in enumerate(config)]
        if path == ("pagination",):
            items = [{"name": "P", **item} if isinstance(item, dict) and "name" not in item else item
                     for item in items]
        return items
    return config


def wrong_values(spec: Spec) -> list[Any]:
    """Values of every type but the one ``spec`` asks for, each holding MARK."""
    if isinstance(spec, Str):
        return [MARK, [MARK], {f"k{MARK}": 1}, MARK == MARK] if not spec.choices else [f"x{MARK}", MARK]
    if isinstance(spec, Bool):
        return [str(MARK), "false", MARK, [MARK]]
    if isinstance(spec, ListOf):
        return [f"s{MARK}", {f"k{MARK}": 1}, MARK]
    return [f"s{MARK}", [MARK], MARK]


def dotted(path: tuple[str | int, ...]) -> str:
    """A key's path as the messages name it; a user's key that is not a plain word is quoted."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        text = part if re.fullmatch(r"[A-Za-z0-9_.$@/-]+", part) else repr(part)
        out += f".{text}" if out else text
    return out
