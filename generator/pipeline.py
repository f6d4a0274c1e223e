"""The pipeline, one direction: load -> validate -> resolve -> IR -> views -> render -> write."""

from __future__ import annotations

import dataclasses
import gc
import importlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Config, find_config, load_config
from .contract import build_contract
from .diagnostics import Diagnostic, Diagnostics, Location, SpecError
from .ir.build import BuildReport, build_ir
from .ir.model import Api
from .openapi.load import Document, load_file
from .progress import WORKERS, Timings, children_cpu
from .openapi.bundle import bundle, has_file_refs
from .openapi.resolve import ResolvedSpec, resolve
from .openapi.root import LIFT, RefRoot, choose_root
from .openapi.upgrade import Origins, upgrade
from .openapi.validate import check_schema, check_structure
from . import versioning
from .render import RenderJob, make_environment, render_jobs
from .surface import LANGUAGES, recorded
from .targets import TARGETS, get_target
from .targets.common.package import files as package_files
from .write import Staged, Stager, Transaction, WriteResult


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
             timings: Timings | None = None, root: Path | None = None, find: bool = True) -> Loaded:
    """``root``: the folder ``$ref``s may reach (``--root``); see generator/openapi/root.py for the default.
    ``find``: without ``config_path``, read the config beside the spec (False: none)."""
    timings = timings or Timings()
    with timings.phase("load"):
        document = load_file(spec_path)
        diags.register(document.display, document)
        config = load_config(config_path or (find_config(spec_path) if find else None), diags)
        boundary = _boundary(document, config, root, diags)
    with timings.phase("validate"):
        version = check_structure(document, diags)
        if full_validation or strict:
            check_schema(document, diags, strict=strict)
    if version.startswith("2"):
        with timings.phase("upgrade"):
            # parts in other files are brought in first: the upgrade rewrites each by its role
            files = resolve(document, diags, boundary=boundary, allow_remote=config.allow_remote_refs)
            data = bundle(files) if has_file_refs(files) else document.data
            origins = Origins()
            original = document
            document = dataclasses.replace(document, data=upgrade(data, origins), pointer_map=origins.original,
                                           _root_node=None, _composed=False)
            # what is reported from here on points into the upgraded document: each diagnostic shows
            # (and is placed at) the user's own node instead
            diags.map_pointers(document.display, original, origins.original)
    with timings.phase("resolve"):
        spec = resolve(document, diags, boundary=boundary, allow_remote=config.allow_remote_refs)
    with timings.phase("ir"):
        api, report = build_ir(spec, config, diags)
        api.wire = build_contract(api, config, diags)
    return Loaded(document, spec, config, api, report, version)


def _boundary(document: Document, config: Config, root: Path | None, diags: Diagnostics) -> RefRoot:
    if root is not None:
        try:
            root = root.resolve(strict=True)
        except (OSError, RuntimeError, ValueError):  # ValueError: a NUL in the name
            root = None
        if root is None or not root.is_dir():
            diags.error("--root: not a folder", Location(document.display))
            raise SpecError(diags.errors())
    boundary = choose_root(document.path.parent, root, config.root, config.allow_refs_outside_root)
    if boundary.folder is not None and not document.path.is_relative_to(boundary.folder):
        diags.error(f"the spec is outside {boundary.origin}; {LIFT}", Location(document.display))
        raise SpecError(diags.errors())
    return boundary


def _render_target(loaded: Loaded, name: str, diags: Diagnostics, templates: Path | None,
                   timings: Timings, stager: Stager, format_code: bool = False,
                   shard: tuple[int, int] = (0, 1)) -> Staged:
    """Plan, render and stage one target (or one shard of it: a target with ``shards`` splits its
    pages over worker processes); each page goes to the stager as soon as it is rendered."""
    target = get_target(name)
    if format_code and target.formatter is not None:  # --format: the target's own (targets without one: as they are)
        stager.formatter = target.formatter()
    with timings.phase("views", name):
        jobs = target.plan(loaded.api, loaded.config, diags, shard=shard[0], shards=shard[1])
    surface = None
    if name in LANGUAGES:
        with timings.phase("surface", name):  # read from the views just built
            module, surface = _surface(loaded, name, jobs, diags)
            # the version and the changelog follow from what changed since the last generation
            new = versioning.release(surface, _RECORD.get(name), versioning.pinned(loaded.config, name))
            module.apply_version(jobs, new.version)
            surface.version, surface.changelog = new.version, new.changelog
            jobs.append(RenderJob(path="CHANGELOG.md", content=versioning.changelog_text(new.changelog)))
            jobs += package_files(name, loaded.api, loaded.config)
    with timings.phase("render", name):
        env = make_environment(name, target.filters, templates)
        add = stager.add
        try:
            for rel, data in render_jobs(env, jobs):
                add(f"{name}/{rel}", data)
        finally:
            staged = stager.finish()
    staged.surface = surface
    return staged


def _surface(loaded: Loaded, name: str, jobs: list[RenderJob], diags: Diagnostics) -> tuple[Any, Any]:
    """(the SDK target's surface module, the surface of its views) with the version checked."""
    module = importlib.import_module(f"{__package__}.targets.{name}.surface")
    surface = module.surface_of(jobs, loaded.api)
    if not surface.version:  # Go: no manifest carries it, but the README and the changelog do
        surface.version = versioning.configured_version(
            loaded.api, loaded.config, name, versioning.PORTABLE.fullmatch, "MAJOR.MINOR.PATCH", diags)
    return module, surface


def plan_targets(loaded: Loaded, targets: list[str], diags: Diagnostics) -> None:
    """What generating ``targets`` reports about the spec and config, without rendering or writing
    (``validate``, so that it finds what ``generate`` finds): each target's views, each SDK's version."""
    for name in targets:
        jobs = get_target(name).plan(loaded.api, loaded.config, diags)
        if name in LANGUAGES:
            _surface(loaded, name, jobs, diags)


# the surfaces the last generation into the output folder recorded (set by generate())
_RECORD: dict[str, Any] = {}

# set in the parent just before forking workers, read by them (fork shares it for free)
_SHARED: tuple[Loaded, Path | None, bool, Transaction, bool] | None = None


def _render_in_worker(task: tuple[str, int, int]) -> tuple[tuple[str, int, int], Staged, list[Diagnostic],
                                                            Timings]:
    assert _SHARED is not None
    loaded, templates, strict, transaction, format_code = _SHARED
    name, shard, shards = task
    diags = Diagnostics(strict=strict)
    timings = Timings()
    staged = _render_target(loaded, name, diags, templates, timings, transaction.stager(name),
                            format_code, (shard, shards))
    return task, staged, diags.items, timings


def _tasks(targets: list[str], workers: int) -> list[tuple[str, int, int]]:
    """(target, shard, shards) for the worker pool, the biggest first so the pool stays balanced."""
    tasks = []
    for name in sorted(targets, key=lambda t: 0 if t == "docs" else 1):
        shards = min(get_target(name).shards, workers)
        tasks += [(name, shard, shards) for shard in range(shards)]
    return tasks


def _jobs() -> int:
    wanted = os.environ.get("SDKFORGE_JOBS")
    if wanted and wanted.isdigit():
        return max(1, int(wanted))
    return max(1, min(os.cpu_count() or 1, 8))


def generate(loaded: Loaded, out_dir: Path, targets: list[str], diags: Diagnostics, *,
             templates: Path | None = None, check: bool = False,
             timings: Timings | None = None, format_code: bool = False) -> WriteResult:
    """Render every target (in parallel worker processes when there are several targets or
    shards, and cores), staging changed files as they are rendered; then commit them all at once.  Nothing
    in the output changes unless every target rendered."""
    global _SHARED, _RECORD
    timings = timings or Timings()
    with timings.phase("prepare output"):  # the staging folder, the last generation's records
        transaction = Transaction(out_dir, check=check)
        _RECORD = recorded(out_dir)
    with timings.phase("imports"):  # the targets' modules
        # one worker per task: a target with shards (the docs) uses several cores even on its own
        workers = min(_jobs(), len(_tasks(targets, _jobs())))
    staged: dict[str, Staged] = {}
    try:
        if timings.progress is not None:
            timings.progress.phase("views and render", ", ".join(targets))
        if workers > 1:
            import multiprocessing  # only where there are workers (a few ms of a small spec's start-up)
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            _SHARED = (loaded, templates, diags.strict, transaction, format_code)
            try:
                tasks = _tasks(targets, workers)
                # what a target's shards share is built here once, and the forks inherit it
                for name in sorted({task[0] for task in tasks if task[2] > 1}):
                    prepare = getattr(get_target(name), "prepare", None)
                    if prepare is not None:
                        with timings.phase("shared by shards", name):
                            prepare(loaded.api, loaded.config)
                            gc.freeze()  # it lives until the end: no worker's collector walks it
                start, start_cpu, start_children = time.perf_counter(), time.process_time(), children_cpu()
                # a fresh fork of the parent per task: a task never pays for the heap the one before it
                # left in the same worker (at 8x the OpenAI spec, 1.1 s of 19 s went to that)
                with multiprocessing.get_context("fork").Pool(workers, maxtasksperchild=1) as pool:
                    results: dict[tuple[str, int, int], list[Any]] = {}
                    for task, *rest in pool.imap_unordered(_render_in_worker, tasks):
                        results[task] = rest
                        if timings.progress is not None:
                            pending = sorted({t[0] for t in tasks if t not in results}, key=targets.index)
                            done = len(targets) - len(pending)
                            timings.progress.phase("views and render", f"{done}/{len(targets)} targets "
                                                   f"done, still {', '.join(pending)}" if pending else "done")
                    pool.close()
                    pool.join()  # the workers exit and are waited for: their CPU time counts below
                for task in sorted(results, key=lambda t: (targets.index(t[0]), t[1])):  # deterministic order
                    target_staged, items, worker = results[task]
                    staged[task[0]] = (staged[task[0]].merge(target_staged) if task[0] in staged
                                       else target_staged)
                    diags.items.extend(items)
                    for phase, seconds in worker.phases.items():
                        timings.add(phase + WORKERS, seconds, worker.cpu.get(phase, 0.0))
                # wall: the pool's; CPU: this process's and every worker's
                timings.add("views and render (worker pool)", time.perf_counter() - start,
                            time.process_time() - start_cpu + children_cpu() - start_children)
            finally:
                _SHARED = None
        else:
            for name in targets:
                if timings.progress is not None:
                    timings.progress.phase("views and render", name)
                staged[name] = _render_target(loaded, name, diags, templates, timings, transaction.stager(name),
                                              format_code)
    except BaseException:
        transaction.abort()
        raise
    with timings.phase("write"):
        result = transaction.commit([staged[name] for name in targets])
    result.surfaces = [staged[name].surface for name in targets if staged[name].surface is not None]
    result.recorded = _RECORD
    return result


__all__ = ["TARGETS", "Loaded", "Timings", "generate", "load_api"]
