"""The pipeline, one direction: load -> validate -> resolve -> IR -> views -> render -> write."""

from __future__ import annotations

import dataclasses
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .config import Config, find_config, load_config
from .diagnostics import Diagnostics
from .ir.build import BuildReport, build_ir
from .ir.model import Api
from .openapi.load import Document, load_file
from .openapi.resolve import ResolvedSpec, resolve
from .openapi.upgrade import original_pointer, upgrade
from .openapi.validate import check_schema, check_structure
from .render import make_environment, render_jobs
from .targets import TARGETS, get_target
from .write import WriteResult, write_output


@dataclass
class Timings:
    phases: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.perf_counter() - start


@dataclass
class Loaded:
    document: Document
    spec: ResolvedSpec
    config: Config
    api: Api
    report: BuildReport
    version: str


def load_api(spec_path: Path, diags: Diagnostics, *, config_path: Path | None = None,
             strict: bool = False, full_validation: bool = False,
             timings: Timings | None = None) -> Loaded:
    timings = timings or Timings()
    with timings.phase("load"):
        document = load_file(spec_path)
        diags.locators[document.display] = document.locate
        config = load_config(config_path or find_config(spec_path), diags)
    with timings.phase("validate"):
        version = check_structure(document, diags)
        if full_validation or strict:
            check_schema(document, diags, strict=strict)
    if version.startswith("2"):
        with timings.phase("upgrade"):
            document = dataclasses.replace(document, data=upgrade(document.data), pointer_map=original_pointer,
                                           _root_node=None, _composed=False)
            diags.locators[document.display] = document.locate
    with timings.phase("resolve"):
        spec = resolve(document, diags, allow_outside_root=config.allow_refs_outside_root,
                       allow_remote=config.allow_remote_refs)
    with timings.phase("ir"):
        api, report = build_ir(spec, config, diags)
    return Loaded(document, spec, config, api, report, version)


def generate(loaded: Loaded, out_dir: Path, targets: list[str], diags: Diagnostics, *,
             templates: Path | None = None, check: bool = False,
             timings: Timings | None = None) -> WriteResult:
    timings = timings or Timings()
    files: dict[str, dict[str, bytes]] = {}
    for name in targets:
        target = get_target(name)
        with timings.phase("views"):
            jobs = target.plan(loaded.api, loaded.config, diags)
        with timings.phase("render"):
            env = make_environment(name, target.filters, templates)
            rendered = render_jobs(env, jobs)
        files[name] = {f"{name}/{rel}": text.encode("utf-8") for rel, text in rendered.items()}
    with timings.phase("write"):
        return write_output(out_dir, files, check=check)


__all__ = ["TARGETS", "Loaded", "Timings", "generate", "load_api"]
