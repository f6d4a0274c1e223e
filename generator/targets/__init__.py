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


class _Registry(dict):  # type: ignore[type-arg]
    """Lazily filled mapping of target name -> target."""

    _filled = False

    def _fill(self) -> None:
        if not self._filled:
            self._filled = True
            self.update(available())

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._fill()
        return super().__iter__()

    def __contains__(self, key: object) -> bool:
        self._fill()
        return super().__contains__(key)

    def __getitem__(self, key: str) -> Any:
        self._fill()
        return super().__getitem__(key)

    def __len__(self) -> int:
        self._fill()
        return super().__len__()


TARGETS: dict[str, Any] = _Registry()


def get_target(name: str) -> Any:
    return TARGETS[name]
