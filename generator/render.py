"""Stage 6: render view objects through Jinja templates.

Templates are thin: they loop over view objects and fill slots.  Every slot
that carries a spec string goes through the target's escaper filter for that
position; targets register their filters in :attr:`Target.filters`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Protocol

import jinja2

from .config import Config
from .diagnostics import Diagnostics
from .ir.model import Api


def builtin_templates_dir() -> Path:
    here = Path(__file__).resolve().parent
    packaged = here / "templates"
    if packaged.is_dir():
        return packaged
    return here.parent / "templates"


@dataclass
class RenderJob:
    """One output file: a template with its context, or literal content."""

    path: str  # relative to the target's output folder, '/'-separated
    template: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    content: str | None = None


class Target(Protocol):
    name: str
    filters: dict[str, Callable[..., Any]]

    def plan(self, api: Api, config: Config, diags: Diagnostics) -> list[RenderJob]: ...


def make_environment(target: str, filters: dict[str, Callable[..., Any]],
                     user_templates: Path | None = None) -> jinja2.Environment:
    search: list[jinja2.BaseLoader] = []
    if user_templates is not None:
        search.append(jinja2.FileSystemLoader(str(user_templates / target)))
    search.append(jinja2.FileSystemLoader(str(builtin_templates_dir() / target)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(filters)
    return env


def render_jobs(env: jinja2.Environment, jobs: Iterable[RenderJob]) -> Iterator[tuple[str, bytes]]:
    """Render and encode the jobs one at a time: the caller stages each page as it comes, so only
    one rendered page is in memory at once."""
    for job in jobs:
        if job.content is not None:
            text = job.content
        else:
            assert job.template is not None
            text = env.get_template(job.template).render(**job.context)
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        if text and not text.endswith("\n"):
            text += "\n"
        yield job.path, text.encode("utf-8")
