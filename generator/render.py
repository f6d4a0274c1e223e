"""Stage 6: render view objects through Jinja templates.

Templates are thin: they loop over view objects and fill slots.  Every slot
that carries a spec string goes through the target's escaper filter for that
position; targets register their filters in :attr:`Target.filters`.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Protocol, runtime_checkable

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
    """One output file: a template with its context, a source file copied as it is, or literal
    content.  Templates and source files are found by the same loader, so ``--templates`` overrides
    either."""

    path: str  # relative to the target's output folder, '/'-separated
    template: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    content: str | None = None
    source: str | None = None  # a file of the target's templates folder, written without Jinja


Formatter = Callable[[str, bytes], bytes]  # (path in the target's folder, rendered bytes) -> formatted bytes


@runtime_checkable
class Target(Protocol):
    """What the pipeline uses of a target, all of it (generator/targets/<name>/__init__.py defines
    ``TARGET: Target``, so a type checker holds every target to this contract)."""

    @property
    def name(self) -> str:
        """The target's folder in the output and in templates/."""
        ...

    @property
    def filters(self) -> Mapping[str, Callable[..., Any]]:
        """Its escapers, registered as Jinja filters."""
        ...

    @property
    def shards(self) -> int:
        """The most worker processes the pipeline may split its pages over (1: planned whole)."""
        ...

    @property
    def formatter(self) -> Callable[[], Formatter] | None:
        """``--format``: makes the target's own formatter (None: it writes formatted code already)."""
        ...

    def plan(self, api: Api, config: Config, diags: Diagnostics, shard: int = 0,
             shards: int = 1) -> list[RenderJob]:
        """The files to write; with ``shards`` > 1 only the part ``shard`` (0-based) of them."""
        ...


_ENV_OPTIONS: dict[str, Any] = dict(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
                                    trim_blocks=True, lstrip_blocks=True, auto_reload=False)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """The built-in templates' compiled code, kept like Python keeps ``__pycache__``: beside the
    sources (``templates/__pycache__/jinja-<key>/``), checked against each template's source on
    load (a changed template is compiled again), keyed by the Jinja version and the environment's
    options (which shape the compiled code).  It holds no generation state: a generation into an
    empty folder still does all its work.  Where the folder cannot be written (a read-only install,
    ``PYTHONDONTWRITEBYTECODE``), templates are compiled and nothing is written."""

    def __init__(self, directory: str, writable: bool) -> None:
        super().__init__(directory)
        self.writable = writable

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not self.writable:
            return
        try:
            super().dump_bytecode(bucket)
        except OSError:
            self.writable = False


@functools.cache
def _compiled_templates(force_write: bool = False) -> _CompiledTemplates | None:
    options = repr(sorted((k, getattr(v, "__name__", v)) for k, v in _ENV_OPTIONS.items()))
    key = hashlib.sha256(f"{jinja2.__version__}|{options}".encode()).hexdigest()[:16]
    folder = builtin_templates_dir() / "__pycache__" / f"jinja-{key}"
    writable = force_write or not sys.dont_write_bytecode
    if writable:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            writable = False
    return _CompiledTemplates(str(folder), writable) if folder.is_dir() else None


def runtime_job(target: str, path: str, name: str, context: dict[str, Any]) -> RenderJob:
    """A runtime file of ``target``: the template ``name.j2`` where the file has slots, else the real
    source file ``name`` (one that linters and type checkers read in place) written as it is.  Both
    are found by the same loader: ``--templates`` overrides either."""
    if (builtin_templates_dir() / target / f"{name}.j2").is_file():
        return RenderJob(path=path, template=f"{name}.j2", context=context)
    return RenderJob(path=path, source=name)


def make_environment(target: str, filters: Mapping[str, Callable[..., Any]],
                     user_templates: Path | None = None) -> jinja2.Environment:
    search: list[jinja2.BaseLoader] = []
    if user_templates is not None:
        search.append(jinja2.FileSystemLoader(str(user_templates / target)))
    search.append(jinja2.FileSystemLoader(str(builtin_templates_dir() / target)))
    # compiled code is kept for the built-in templates only: never for a user's template folder
    cache = _compiled_templates() if user_templates is None else None
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(search), bytecode_cache=cache, **_ENV_OPTIONS)
    env.filters.update(filters)
    return env


def render_jobs(env: jinja2.Environment, jobs: Iterable[RenderJob]) -> Iterator[tuple[str, bytes]]:
    """Render and encode the jobs one at a time: the caller stages each page as it comes, so only
    one rendered page is in memory at once."""
    # by name (Jinja's own lookup costs more per page), with the template's globals as a plain dict: what
    # Template.render does, less its per-call merge of the globals' ChainMap (5 us of a docs page's 30)
    templates: dict[str, tuple[jinja2.Template, dict[str, Any]]] = {}
    for job in jobs:
        if job.content is not None:
            text = job.content
        elif job.source is not None:
            assert env.loader is not None
            text = env.loader.get_source(env, job.source)[0]
        else:
            assert job.template is not None
            hit = templates.get(job.template)
            if hit is None:
                template = env.get_template(job.template)
                hit = templates[job.template] = (template, dict(template.globals))
            template, names = hit
            context = env.context_class(env, {**names, **job.context}, template.name, template.blocks,
                                        globals=names)
            try:
                text = env.concat(template.root_render_func(context))  # type: ignore[attr-defined]
            except Exception:
                env.handle_exception()
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        if text and not text.endswith("\n"):
            text += "\n"
        yield job.path, text.encode("utf-8")


def precompile() -> int:
    """Compile every built-in template into the compiled-template cache, as ``python -m compileall``
    does for modules at install time (``python -m sdkforge.render``; run by ``make setup``).  Returns
    how many templates were compiled."""
    from .targets import TARGETS, get_target

    cache = _compiled_templates(force_write=True)
    if cache is None or not cache.writable:
        return 0
    count = 0
    for name in TARGETS:
        env = make_environment(name, get_target(name).filters)
        env.bytecode_cache = cache  # the writable one, whatever PYTHONDONTWRITEBYTECODE says
        for template in env.list_templates(filter_func=lambda t: t.endswith(".j2") and "__pycache__" not in t):
            env.get_template(template)
            count += 1
    return count


if __name__ == "__main__":
    print(f"sdkforge: {precompile()} templates compiled")
