"""Target registry.

A target is a package ``sdkforge.targets.<name>`` that defines ``TARGET``, an
object that keeps the contract :class:`sdkforge.render.Target` (``name``,
``filters``, ``shards``, ``formatter``, ``plan``).  Its templates live in
``templates/<name>/``.  The registry lists the targets in this order; a target
whose package does not define ``TARGET`` does not exist yet.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the CLI lists the targets without importing Jinja)
    from ..render import Target

ORDER = ("python", "typescript", "ruby", "go", "docs")


def _load(name: str) -> Target | None:
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(f"{__name__}.{name}"):
            return None
        raise
    return getattr(module, "TARGET", None)


def available() -> dict[str, Target]:
    out: dict[str, Target] = {}
    for name in ORDER:
        target = _load(name)
        if target is not None:
            out[name] = target
    return out


def names() -> list[str]:
    """The targets that exist, found without importing them (importing all five costs ~0.4 s)."""
    import importlib.util

    return [name for name in ORDER if importlib.util.find_spec(f"{__name__}.{name}") is not None]


class Registry(Mapping[str, "Target"]):
    """Target name -> target, in :data:`ORDER`: names are listed without imports, a target is
    imported when it is first looked up."""

    def __init__(self) -> None:
        self._names: list[str] | None = None
        self._loaded: dict[str, Target] = {}

    def _known(self) -> list[str]:
        if self._names is None:
            self._names = names()
        return self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._known())

    def __len__(self) -> int:
        return len(self._known())

    def __contains__(self, key: object) -> bool:  # without importing the target
        return key in self._known()

    def __getitem__(self, key: str) -> Target:
        target = self._loaded.get(key)
        if target is None:
            target = _load(key) if key in self._known() else None
            if target is None:
                raise KeyError(key)
            self._loaded[key] = target
        return target


TARGETS: Registry = Registry()


def get_target(name: str) -> Target:
    return TARGETS[name]
