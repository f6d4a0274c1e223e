"""Template contexts from typed views: a target builds one dataclass with everything its templates
may read about the package (names, version, credentials...), so the type checker sees each field where
it is made, and each job adds only its own values (the resource, the models) beside it."""

from __future__ import annotations

import dataclasses
from typing import Any


def slots(view: Any, **job: Any) -> dict[str, Any]:
    """A template's context: the fields of ``view`` (a dataclass instance; shallow: nested views stay
    objects) and the job's own values, which may not take a field's name."""
    context = {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}
    clash = context.keys() & job.keys()
    if clash:
        raise ValueError(f"job values named like fields of {type(view).__name__}: {sorted(clash)}")
    context.update(job)
    return context
