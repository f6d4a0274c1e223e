"""Target registry.

A target is a package ``sdkforge.targets.<name>`` that defines ``TARGET``, an
object with ``name``, ``filters`` (its escapers, as Jinja filters) and
``plan(api, config, diags) -> list[RenderJob]``.  Its templates live in
``templates/<name>/``.  The registry lists the targets in this order; a target
whose package does not define ``TARGET`` does not exist yet.
"""

from __future__ import annotations

import importlib
from typing import Any

ORDER = ("python", "typescript", "ruby", "go", "docs")


def _load(name: str) -> Any | None:
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(f"{__name__}.{name}"):
            return None
        raise
    return getattr(module, "TARGET", None)


def available() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ORDER:
        target = _load(name)
        if target is not None:
            out[name] = target
    return out


def names() -> list[str]:
    """The targets that exist, found without importing them (importing all five costs ~0.4 s)."""
    import importlib.util

    return [name for name in ORDER if importlib.util.find_spec(f"{__name__}.{name}") is not None]


class _Registry(dict):  # type: ignore[type-arg]
    """Mapping of target name -> target: names are listed without imports, a target is imported
    when it is first looked up."""

    _names: list[str] | None = None

    def _known(self) -> list[str]:
        if self._names is None:
            self._names = names()
        return self._names

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._known())

    def __contains__(self, key: object) -> bool:
        return key in self._known()

    def __getitem__(self, key: str) -> Any:
        if not super().__contains__(key):
            target = _load(key) if key in self._known() else None
            if target is None:
                raise KeyError(key)
            super().__setitem__(key, target)
        return super().__getitem__(key)

    def __len__(self) -> int:
        return len(self._known())

    def keys(self):  # type: ignore[no-untyped-def, override]
        return list(self._known())

    def items(self):  # type: ignore[no-untyped-def, override]
        return [(name, self[name]) for name in self._known()]

    def values(self):  # type: ignore[no-untyped-def, override]
        return [self[name] for name in self._known()]


TARGETS: dict[str, Any] = _Registry()


def get_target(name: str) -> Any:
    return TARGETS[name]
