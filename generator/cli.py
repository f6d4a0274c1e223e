"""Command line: ``sdkforge generate``, ``validate``, ``diff``, ``config`` and ``init``.

Exit codes: 0 success (warnings allowed); 1 ``--check`` found differences or
generation failed; 2 unusable input or a usage error; 3 ``diff`` found a breaking change.  Diagnostics go to
stderr in compiler form; a Python traceback is never shown (set
``SDKFORGE_DEBUG=1`` to see one for an internal error).
"""

from __future__ import annotations

import argparse
import difflib
import gc
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from . import colour
from .diagnostics import Diagnostics, GenerationError, SpecError

if TYPE_CHECKING:
    from .progress import Timings
    from .write import WriteResult

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_BREAKING = 0, 1, 2, 3


_INVALID_CHOICE = re.compile(r"invalid choice: '(?P<given>[^']*)' \(choose from (?P<choices>.*)\)$", re.DOTALL)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        match = _INVALID_CHOICE.search(message)
        if match:  # a mistyped subcommand or choice: the nearest one
            choices = re.findall(r"'([^']*)'", match["choices"])
            message += _did_you_mean(match["given"], choices)
        self.print_usage(sys.stderr)
        sys.stderr.write(colour.diagnostic(f"sdkforge: error: {message}", colour.enabled(sys.stderr)) + "\n")
        raise SystemExit(EXIT_USAGE)


def _did_you_mean(given: str, known: Sequence[str]) -> str:
    near = difflib.get_close_matches(given, list(known), n=1, cutoff=0.6)
    return f"; did you mean {near[0]}?" if near else ""


def _unknown_arguments(parser: argparse.ArgumentParser, extra: list[str]) -> None:
    """An error naming each argument the subcommand does not take, with the nearest option it does."""
    options = [o for action in parser._actions for o in action.option_strings if o.startswith("--")]
    parts = []
    for arg in extra:
        flag = arg.split("=", 1)[0]
        near = _did_you_mean(flag, options).removeprefix("; ") if flag.startswith("-") else ""
        parts.append(f"{arg} ({near})" if near else arg)
    parser.error("unrecognized argument" + ("s" if len(extra) > 1 else "") + ": " + ", ".join(parts))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sdkforge")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


SPEC_HELP = "the OpenAPI document (YAML or JSON)"
CONFIG_HELP = "settings file (default: <stem>.sdkforge.yaml beside the spec)"
ROOT_HELP = ("the folder the spec's $refs may reach (default: the repository that holds the spec, i.e. the nearest "
             "folder with .git, else the spec's own folder; pass the spec's folder for the strictest choice)")


def _parser() -> argparse.ArgumentParser:
    from .targets import TARGETS

    parser = _Parser(prog="sdkforge", description="Generate SDKs and API reference docs from OpenAPI.",
                     epilog="Run `sdkforge COMMAND --help` for a command's options.  NO_COLOR=1 turns colour off.")
    parser.add_argument("--version", action="version", version=f"sdkforge {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    gen = sub.add_parser(
        "generate", help="generate SDKs and docs",
        description="Generate the SDKs and API reference docs for a spec into an output folder; only files "
                    "whose content changes are rewritten.  Prints one summary line (stderr) when done.  Exit 0 "
                    "on success, 1 when --check finds differences, 2 on unusable input, 3 when --check finds "
                    "that regenerating breaks users.")
    gen.add_argument("spec", type=Path, help=SPEC_HELP)
    gen.add_argument("--config", type=Path, help=CONFIG_HELP)
    gen.add_argument("--root", type=Path, metavar="DIR", help=ROOT_HELP)
    gen.add_argument("--out", type=Path, default=Path("generated"), help="output folder (default: ./generated)")
    gen.add_argument("--target", default="all",
                     help=f"comma-separated targets: {','.join(TARGETS)} or all (default)")
    gen.add_argument("--templates", type=Path, help="a folder of templates layered over the built-in ones")
    gen.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file would change")
    gen.add_argument("--strict", action="store_true", help="validate fully; schema violations are errors")
    gen.add_argument("--timings", action="store_true", help="print per-phase timings to stderr")
    gen.add_argument("--format", action="store_true", dest="format_code",
                     help="run the target's formatter (black for Python) on changed files, for custom templates "
                          "that emit unformatted code (the built-in templates do not need it)")
    gen.add_argument("--report", type=Path, help="write a JSON coverage report (operations, schemas, renames, warnings)")
    loudness = gen.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true",
                          help="print diagnostics only (no summary line, no progress)")
    loudness.add_argument("-v", "--verbose", action="store_true",
                          help="also print one line per target (files written, unchanged, removed)")
    diff = sub.add_parser(
        "diff", help="what changing the spec does to each SDK's users",
        description="Compare the SDKs two versions of a spec generate: every change to a name users touch, "
                    "classed breaking, deprecation or addition, per language. Exit 0 when nothing breaks, "
                    "3 when something does, 2 on unusable input.")
    diff.add_argument("old", type=Path, help="the spec before the change")
    diff.add_argument("new", type=Path, help="the spec after the change")
    diff.add_argument("--config", type=Path, help="settings file for both (default: each spec's own)")
    diff.add_argument("--target", default="all", help="comma-separated SDK languages (default: all four)")
    diff.add_argument("--format", choices=("text", "json", "markdown"), default="text", dest="output_format",
                      help="text (default), json (a list of changes) or markdown")
    val = sub.add_parser(
        "validate", help="validate a spec and report problems",
        description="Load, validate and resolve a spec (and its config) and plan every target as generate "
                    "would, writing nothing: it reports what generate reports, and the full schema validator's "
                    "findings too.  Problems are printed as file:line:col: error|warning: message.  Exit 0 when "
                    "the spec is usable (warnings allowed), 2 when it is not.")
    val.add_argument("spec", type=Path, help=SPEC_HELP)
    val.add_argument("--config", type=Path, help=CONFIG_HELP)
    val.add_argument("--root", type=Path, metavar="DIR", help=ROOT_HELP)
    val.add_argument("--strict", action="store_true", help="schema violations are errors")
    cfg = sub.add_parser(
        "config", help="the config file's keys and JSON Schema",
        description="The settings file (<spec stem>.sdkforge.yaml beside the spec, or --config FILE): every key "
                    "below, with its type, default and description.  An unknown key or a value of the wrong type "
                    "is an error at its line (exit 2).")
    cfg.format_help = lambda: _Parser.format_help(cfg) + _config_keys()  # type: ignore[method-assign]
    actions = cfg.add_subparsers(dest="action", required=True, metavar="ACTION",
                                 help="schema (the JSON Schema) or docs (every key)")
    actions.add_parser("schema", help="print the config's JSON Schema (docs/sdkforge.config.schema.json)",
                       description="Print the config's JSON Schema (draft 2020-12), for editors to complete and "
                                   "check config files; the same text as docs/sdkforge.config.schema.json.")
    docs = actions.add_parser("docs", help="print every config key with its type, default and description",
                              description="Print every config key with its type, default and description.")
    docs.add_argument("--format", choices=("text", "markdown"), default="text", dest="output_format",
                      help="text (default) or markdown (the README's table)")
    init = sub.add_parser(
        "init", help="write a starter config for a spec",
        description="Write a starter config for SPEC: the names each SDK derives, its environment variables, the "
                    "page schemes recognised in the spec and the renames the naming had to make, with comments, "
                    "for you to edit.  As written it changes nothing: generating with it gives the same output "
                    "as without.  An existing file is never overwritten (exit 2).")
    init.add_argument("spec", type=Path, help=SPEC_HELP)
    init.add_argument("--out", type=Path, help="where to write it (default: <stem>.sdkforge.yaml beside the spec, "
                                               "where generate finds it)")
    init.add_argument("--root", type=Path, metavar="DIR", help=ROOT_HELP)
    parser.subcommands = sub  # type: ignore[attr-defined]
    return parser


def _config_keys() -> str:
    from .config_schema import text

    return "\nkeys (a list's items are [], your own keys <...>):\n" + text()


def _targets(arg: str) -> list[str]:
    from .targets import TARGETS

    names = [t.strip() for t in arg.split(",") if t.strip()]
    if not names or names == ["all"]:
        return list(TARGETS)
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        raise SystemExit(_usage(f"unknown target(s): {', '.join(unknown)} (known: {', '.join(TARGETS)})"))
    return names


def _usage(message: str) -> int:
    sys.stderr.write(f"sdkforge: error: {message}\n")
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        _unknown_arguments(parser.subcommands.choices[args.command], extra)  # type: ignore[attr-defined]
    diags = Diagnostics(strict=getattr(args, "strict", False))
    try:
        if args.command == "validate":
            return _validate(args, diags)
        if args.command == "diff":
            return _diff(args, diags)
        if args.command == "config":
            return _config(args)
        if args.command == "init":
            return _init(args, diags)
        return _generate(args, diags)
    except SpecError as exc:
        for diag in exc.diagnostics:
            if diag not in diags.items:
                diags.items.append(diag)
        diags.emit()
        return EXIT_USAGE
    except GenerationError as exc:
        diags.emit()
        sys.stderr.write(f"sdkforge: error: {exc}\n")
        return EXIT_FAIL
    except KeyboardInterrupt:
        sys.stderr.write("sdkforge: interrupted\n")
        return 130
    except Exception as exc:  # an internal error: say so plainly
        diags.emit()
        if os.environ.get("SDKFORGE_DEBUG"):
            import traceback

            traceback.print_exc()
        sys.stderr.write(
            f"sdkforge: internal error: {type(exc).__name__}: {exc}\n"
            "sdkforge: this is a bug in sdkforge; rerun with SDKFORGE_DEBUG=1 for details\n"
        )
        return EXIT_FAIL


def _validate(args: argparse.Namespace, diags: Diagnostics) -> int:
    from .pipeline import load_api, plan_targets
    from .targets import TARGETS

    loaded = load_api(args.spec, diags, config_path=args.config, strict=args.strict, full_validation=True,
                      root=args.root)
    if not diags.has_errors:
        plan_targets(loaded, list(TARGETS), diags)  # what generating reports about names and settings
    diags.emit()
    if diags.has_errors:
        return EXIT_USAGE
    warnings = sum(1 for line in diags.lines() if ": warning: " in line)  # as printed: duplicates once
    sys.stderr.write(f"{args.spec}: valid" + (f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else "") + "\n")
    return EXIT_OK


def _config(args: argparse.Namespace) -> int:
    from . import config_schema

    if args.action == "schema":
        sys.stdout.write(config_schema.json_schema_text())
    elif args.output_format == "markdown":
        sys.stdout.write(config_schema.markdown())
    else:
        sys.stdout.write(config_schema.text())
    return EXIT_OK


def _init(args: argparse.Namespace, diags: Diagnostics) -> int:
    from .config import config_path_for
    from .starter import starter_config

    out = args.out or config_path_for(args.spec)
    if out.exists() or out.is_symlink():
        return _usage(f"{out} exists; init never overwrites a file (remove it, or pass --out FILE)")
    text = starter_config(args.spec, diags, root=args.root)
    diags.emit()
    if diags.has_errors:
        return EXIT_USAGE
    try:
        with open(out, "x", encoding="utf-8") as handle:  # "x": a file made meanwhile is not overwritten
            handle.write(text)
    except FileExistsError:
        return _usage(f"{out} exists; init never overwrites a file (remove it, or pass --out FILE)")
    except OSError as exc:
        return _usage(f"{out}: cannot write it ({exc.strerror or exc})")
    _say(f"sdkforge: wrote {out}; edit it, then run sdkforge generate {args.spec}")
    return EXIT_OK


def _diff(args: argparse.Namespace, diags: Diagnostics) -> int:
    from . import apidiff
    from .pipeline import load_api
    from .surface import LANGUAGES, resolve_changes, surfaces

    languages = [t for t in _targets(args.target) if t in LANGUAGES]
    if not languages:
        return _usage(f"--target {args.target}: no SDK language to compare ({', '.join(LANGUAGES)})")
    both = []
    for spec in (args.old, args.new):
        loaded = load_api(spec, diags, config_path=args.config)
        if diags.has_errors:
            diags.emit(items=diags.errors())
            return EXIT_USAGE
        both.append(surfaces(loaded.api, loaded.config, diags, languages))
    by_language = {old.language: apidiff.compare(old, new) for old, new in zip(*both)}
    resolve_changes((c for changes in by_language.values() for c in changes), diags)
    if args.output_format == "json":
        sys.stdout.write(apidiff.to_json(c for changes in by_language.values() for c in changes))
    elif args.output_format == "markdown":
        sys.stdout.write(apidiff.to_markdown(by_language))
    else:
        sys.stdout.write(apidiff.to_text(by_language))
    breaking = any(c.kind == "breaking" for changes in by_language.values() for c in changes)
    return EXIT_BREAKING if breaking else EXIT_OK


def _generate(args: argparse.Namespace, diags: Diagnostics) -> int:
    from .progress import Timings

    started = time.perf_counter()
    timings = Timings()
    timings.startup()  # the interpreter, sdkforge's command-line modules, the arguments
    targets = _targets(args.target)
    if args.templates is not None and not args.templates.is_dir():
        return _usage(f"--templates {args.templates}: not a folder")
    for option, folder in (("--out", args.out), ("--report", args.report.parent if args.report else None)):
        blocker = _not_a_folder(folder) if folder is not None else None
        if blocker is not None:
            named = args.out if option == "--out" else args.report
            where = f"{option} {named}" + ("" if blocker == named else f": {blocker}")
            return _usage(f"{where} is a file, not a folder")
    with timings.phase("imports"):  # what the fingerprint needs (the pipeline's follow below)
        from . import cache
        from .config import find_config
    with timings.phase("fingerprint"):  # of the inputs: an up-to-date output folder is left as it is
        config_path = args.config or find_config(args.spec)
        fp = cache.fingerprint(args.spec, config_path, args.templates, targets,
                               {"strict": args.strict, "report": args.report is not None,
                                "root": os.path.abspath(args.root) if args.root is not None else None,
                                "format": args.format_code})
        cached = cache.lookup(args.out, fp) if args.report is None else None
    if cached is not None:
        for line in cached:
            sys.stderr.write(line + "\n")
        if args.timings:
            _print_timings(timings)
        if not args.quiet:
            _say(f"sdkforge: {args.out} is up to date in {_seconds(started)}")
        return EXIT_OK
    with timings.phase("imports"):  # the pipeline: YAML, Jinja, the IR (an up-to-date folder needs none)
        from .pipeline import generate, load_api
    from .progress import Progress

    timings.progress = Progress(enabled=False) if args.quiet else Progress()
    try:
        gc.disable()  # loading and the IR build make millions of objects and almost no cycles
        try:
            loaded = load_api(args.spec, diags, config_path=config_path, strict=args.strict, timings=timings,
                              root=args.root)
        finally:
            # the spec and the IR live until the end: the collector need not walk them again (on big
            # specs full collections over them made views and render grow faster than the spec)
            gc.freeze()
            # views are built once and live until their pages are written; what dies young is collected
            # young.  Full collections over every view (their count grows with the spec) made big specs
            # cost more than their size: 5 of them were 8% of an 8x spec's run.  Rare ones only.
            young, middle, _ = gc.get_threshold()
            gc.set_threshold(young, middle, 1000)
            gc.enable()
        if diags.has_errors:
            timings.progress.close()
            diags.emit()
            return EXIT_USAGE
        result = generate(loaded, args.out, targets, diags, templates=args.templates, check=args.check,
                          timings=timings, format_code=args.format_code)
    finally:
        timings.progress.close()
    with timings.phase("diagnostics"):  # their places in the spec's text are found now
        diags.emit()
    if args.report is not None:
        from .report import coverage_report

        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(coverage_report(loaded, diags, timings) + "\n", encoding="utf-8")
    if args.timings:
        _print_timings(timings)
    if diags.has_errors:
        cache.invalidate(args.out)
        return EXIT_FAIL
    breaking = _breaking_changes(args.out, result.surfaces, result.recorded, diags, record=not args.check,
                                 spec_folder=args.spec.parent)
    if args.check:
        if breaking:
            for rel in result.changed:
                sys.stdout.write(f"would change: {rel}\n")
            sys.stderr.write(f"sdkforge: regenerating {args.out} breaks its users ({breaking}); "
                             f"{len(result.changed)} file(s) out of date\n")
            return EXIT_BREAKING
        if result.changed:
            for rel in result.changed:
                sys.stdout.write(f"would change: {rel}\n")
            for rel in result.changed:
                sys.stdout.write(result.diffs.get(rel, ""))
            sys.stderr.write(f"sdkforge: {len(result.changed)} file(s) out of date in {args.out}\n")
            return EXIT_FAIL
        if not args.quiet:
            _say(f"sdkforge: {args.out} is up to date in {_seconds(started)}")
        return EXIT_OK
    for rel in result.kept_modified:
        sys.stderr.write(f"sdkforge: warning: {rel} is stale but was edited by hand; left in place\n")
    referenced = [doc.path for doc in loaded.spec.documents.values() if doc is not loaded.spec.root]
    cache.store(args.out, fp, result.written + result.unchanged, referenced, diags.lines(), result.stats)
    if args.verbose:
        for name in targets:
            sys.stderr.write(f"sdkforge: {name}: {_counts(result, name + '/')}\n")
    if not args.quiet:
        _say(f"sdkforge: {_counts(result, '')} to {args.out} in {_seconds(started)}")
    return EXIT_OK


def _not_a_folder(path: Path) -> Path | None:
    """The nearest of ``path`` and its parents that exists, when it is not a folder (a file there
    cannot become the output folder)."""
    for candidate in (path, *path.parents):
        if candidate.is_symlink() or candidate.exists():
            return None if candidate.is_dir() else candidate
    return None


def _counts(result: WriteResult, prefix: str) -> str:
    """``wrote 12 files (3 changed, 1 removed)``: the files of the output under ``prefix``."""
    def count(paths: list[str]) -> int:
        return sum(1 for rel in paths if rel.startswith(prefix))

    written, removed = count(result.written), count(result.removed)
    total = written + count(result.unchanged)
    extra = f", {removed} removed" if removed else ""
    return f"wrote {total} file{'s' if total != 1 else ''} ({written} changed{extra})"


def _seconds(started: float) -> str:
    return f"{time.perf_counter() - started:.2f} s"


def _say(line: str) -> None:
    """A summary line (stderr: stdout carries --check's list), green on a terminal."""
    sys.stderr.write(colour.paint(line, "ok", colour.enabled(sys.stderr)) + "\n")


def _breaking_changes(out: Path, surfaces: list, previous: dict, diags: Diagnostics, *,  # type: ignore[type-arg]
                      record: bool, spec_folder: Path) -> str:
    """Compare the surfaces just generated with ``previous``, the ones the last generation into ``out``
    recorded (read once, by the pipeline):
    print every breaking change (a warning at its place in the spec) and say which languages break;
    record the new surfaces unless only checking.  "" when nothing breaks."""
    from . import apidiff
    from .surface import record as keep
    from .surface import resolve_changes

    if not surfaces:
        return ""
    counts = []
    for surface in surfaces:
        if surface.language not in previous:
            continue
        broken = [c for c in apidiff.compare(previous[surface.language], surface) if c.kind == "breaking"]
        resolve_changes(broken, diags)
        for c in broken:
            was = f" (was at {c.old})" if c.old and not c.new else ""
            sys.stderr.write(f"{c.new + ': ' if c.new else 'sdkforge: '}warning: breaks {surface.language} users: "
                             f"{c.reason}{was}\n")
        if broken:
            counts.append(f"{surface.language}: {len(broken)} breaking change{'s' if len(broken) != 1 else ''}")
    if record:
        keep(out, surfaces, previous, spec_folder)
    return ", ".join(counts)


def _print_timings(timings: "Timings") -> None:
    sys.stderr.write("".join(line + "\n" for line in timings.lines()))


def entry() -> None:  # pragma: no cover
    raise SystemExit(main())


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
