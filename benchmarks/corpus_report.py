#!/usr/bin/env python3
"""The corpus coverage report: benchmarks/CORPUS.md.

Usage (from the repository root)::

    make corpus                                  # first: writes tests/.artifacts/corpus-results.json
    .venv/bin/python benchmarks/corpus_report.py # then: generates every spec once (timed) -> CORPUS.md
    .venv/bin/python benchmarks/corpus_report.py --only openai,stripe --out /tmp/CORPUS.md

For every spec of ../shared/specs/real (MANIFEST.tsv) it runs
``sdkforge generate SPEC --out DIR --target all --report R.json`` once, timed (wall clock and CPU of
the process tree), and tabulates the coverage report: operations, webhooks and schemas in the spec,
generated and dropped, warnings and renames.  The compile and type-check results come from the JSON
file tests/test_corpus.py writes (pass/fail per spec per check, with the mode it ran in: ``make
corpus`` runs every check, ``make test`` the quick ones on the small specs); a check that did not
run is shown as such.  Nothing in CORPUS.md is typed in by hand except the list of constructs below.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(BENCH))

from run import SDKFORGE, loadavg, measure, rmtree
from support.corpus import entries

RESULTS = ROOT / "tests" / ".artifacts" / "corpus-results.json"
CALLS = ROOT / "tests" / ".artifacts" / "corpus-calls"
LANGS = ("python", "typescript", "ruby", "go")
CHECKS = ("python_import", "mypy", "black", "tsc", "prettier", "go_build", "gofmt")

# What the corpus needed from the loader and the IR builder (where it lives, relative to the repository).
CONSTRUCTS = (
    ("Swagger 2.0 converted to OpenAPI 3.0 in memory: definitions, body/formData parameters, collectionFormat, "
     "produces/consumes, `type: file`, `x-nullable` (Kubernetes, Slack)", "generator/openapi/upgrade.py"),
    ("Multi-file specs: relative `$ref` chains across ~2900 files, refs outside the root folder and remote "
     "URLs refused unless allowed (DigitalOcean)", "generator/openapi/load.py, resolve.py"),
    ("A property *named* `$ref` (or `example`, ...) is a name, not a reference or keyword",
     "generator/openapi/resolve.py (path_is_schema_map)"),
    ("`nullable`, 3.1 type arrays with `null` (`[string, null]`, Discord, Slack), `anyOf [X, {type: null}]` "
     "all become one `nullable` flag", "generator/ir/build.py"),
    ("`$recursiveRef` / `$dynamicRef` to the enclosing named schema (OpenAI CompoundFilter)",
     "generator/ir/build.py"),
    ("`exclusiveMinimum` / `exclusiveMaximum` in both the 3.0 boolean and the 3.1 number style",
     "generator/ir/build.py"),
    ("Response keys `4XX` / `4xx` / `default` (Cloudflare writes `4xx`)", "generator/ir/build.py"),
    ("Discriminators with and without `mapping`, the Swagger 2.0 string spelling, and implicit ones: a "
     "oneOf whose object variants share a required const / one-value enum property; ambiguity reported",
     "generator/ir/build.py (_implicit_discriminator)"),
    ("allOf merged with explicit rules, conflicting property types reported with both locations (Box, "
     "Cloudflare)", "generator/ir/build.py"),
    ("Recursive and mutually recursive schemas (Stripe: 92); self-referencing aliases (A = oneOf [A, string]) "
     "cut where they come back", "generator/ir/build.py, targets"),
    ("RPC-style dotted paths (`/admin.apps.approve`, Slack) as resources + method",
     "generator/ir/naming.py (derive_names)"),
    ("Google-style custom methods (`/things/{id}:archive`)", "generator/ir/naming.py (derive_names)"),
    ("Version prefixes with `rest` / `api` around them (`/rest/api/3/`, `/api/v1/`, `/2010-04-01/`) left out "
     "of resource names", "generator/ir/naming.py (derive_names)"),
    ("Webhooks (3.1) generated and counted apart from operations (callbacks and links are not generated)",
     "generator/ir/build.py (_webhooks)"),
)


def _cell(value: Any) -> str:
    if value is True:
        return "pass"
    if value is False:
        return "**FAIL**"
    return "–" if value is None else str(value)


def generate(name: str, spec: Path, work: Path) -> dict[str, Any]:
    out = work / name
    report_path = work / f"{name}.json"
    run = measure([str(SDKFORGE), "generate", str(spec), "--out", str(out), "--target", "all",
                   "--report", str(report_path)], cwd=ROOT)
    row: dict[str, Any] = {"name": name, "rc": run.rc, "wall_s": round(run.wall, 2), "cpu_s": round(run.cpu, 2),
                           "spec": spec.relative_to(ROOT.parent).as_posix()}
    if run.rc == 0 and report_path.exists():
        report = json.loads(report_path.read_text())
        row["version"] = report.get("version")
        for key in ("operations", "webhooks", "schemas"):
            part = report.get(key, {})
            row[key] = {"in_spec": part.get("in_spec"), "generated": part.get("generated"),
                        "dropped": len(part.get("dropped", [])), "inline_named": part.get("inline_named")}
        row["warnings"] = len(report.get("warnings", []))
        row["renames"] = len(report.get("renames", []))
    else:
        row["error"] = run.stderr[-400:]
    rmtree(out)
    return row


def _commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


def render(rows: list[dict[str, Any]], results: dict[str, Any], load: tuple[list[float], list[float]]) -> str:
    lines = [
        f"# Corpus: {len(rows)} real-world specs",
        "",
        "Written by `benchmarks/corpus_report.py` (do not edit): every spec of `../shared/specs/real` "
        "generated once with `sdkforge generate SPEC --target all --report R.json`; the check columns come "
        "from `tests/.artifacts/corpus-results.json`, written by `tests/test_corpus.py` (`make corpus` runs "
        "every check on every spec).",
        "",
        f"Date {_dt.date.today().isoformat()}, commit `{_commit()}`, load average (1/5/15 min) "
        f"{' / '.join(map(str, load[0]))} at the start and {' / '.join(map(str, load[1]))} at the end (2 shared cores: wall times are noisy, CPU is the process tree's user+sys).",
        "",
        "## Coverage and generation",
        "",
        "| spec | version | operations in / generated / dropped | webhooks | schemas in / generated / dropped "
        "| inline types named | warnings | renames | wall s | CPU s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        if "error" in row:
            lines.append(f"| {row['name']} | – | **generation failed (exit {row['rc']})** | | | | | | "
                         f"{row['wall_s']} | {row['cpu_s']} |")
            continue
        ops, hooks, schemas = row["operations"], row["webhooks"], row["schemas"]
        lines.append(
            f"| {row['name']} | {row['version']} | {ops['in_spec']} / {ops['generated']} / {ops['dropped']} "
            f"| {hooks['generated']} of {hooks['in_spec']} | {schemas['in_spec']} / {schemas['generated']} / "
            f"{schemas['dropped']} | {schemas['inline_named']} | {row['warnings']} | {row['renames']} "
            f"| {row['wall_s']} | {row['cpu_s']} |")
    total_ops = sum(r["operations"]["in_spec"] for r in rows if "operations" in r)
    total_schemas = sum(r["schemas"]["in_spec"] for r in rows if "schemas" in r)
    dropped = sum(r["operations"]["dropped"] + r["schemas"]["dropped"] for r in rows if "operations" in r)
    lines += ["", f"{len(rows)} specs, {total_ops} operations, {total_schemas} component schemas, {dropped} "
                  "dropped.", "", "## Compile and type checks", "",
              "`python_import`: every module of the generated package imported; `mypy`: `mypy --strict` on it; "
              "`black`, `prettier`, `gofmt`: the output is already formatted; `tsc`: `tsc --noEmit` (strict); "
              "`go_build`: `go build ./...`. `–`: not run in the recorded mode.", "",
              "| spec | mode | " + " | ".join(CHECKS) + " | Python modules |",
              "|---|---|" + "---|" * len(CHECKS) + "---|"]
    for row in rows:
        result = results.get(row["name"])
        if result is None:
            lines.append(f"| {row['name']} | not run | " + " | ".join("–" for _ in CHECKS) + " | – |")
            continue
        checks = result.get("checks", {})
        lines.append(f"| {row['name']} | {result.get('mode')} | "
                     + " | ".join(_cell(checks.get(c)) for c in CHECKS)
                     + f" | {_cell(result.get('python_modules'))} |")
    lines += calls_section(rows)
    lines += ["", "## Constructs that needed new IR or loader support", ""]
    lines += [f"- {text} — `{where}`" for text, where in CONSTRUCTS]
    return "\n".join(lines) + "\n"


def calls_section(rows: list[dict[str, Any]]) -> list[str]:
    """Operations called and accepted per spec and language (tests/test_corpus_calls.py), and every
    operation not accepted with Prism's reason."""
    lines = ["", "## Operations called from every SDK", "",
             "`tests/test_corpus_calls.py`: at most 60 operations per spec, sampled deterministically; each "
             "SDK generated with no config, its own generated tests run through a recording proxy in front "
             "of Prism (which validates every request against the spec). A cell is operations accepted / "
             "called / sampled.", "",
             "| spec | sampled | " + " | ".join(LANGS) + " |", "|---|---|" + "---|" * len(LANGS)]
    known = _known_failures()
    failures: list[str] = []
    totals = {lang: [0, 0, 0] for lang in LANGS}
    for row in rows:
        path = CALLS / f"{row['name']}.json"
        if not path.exists():
            lines.append(f"| {row['name']} | not run | " + " | ".join("–" for _ in LANGS) + " |")
            continue
        data = json.loads(path.read_text())
        if data.get("prism_cannot_load"):
            lines.append(f"| {row['name']} | {data['sampled']} | " + " | ".join("–" for _ in LANGS) + " |")
            failures.append(f"| {row['name']} | all | every sampled operation | Prism does not start | "
                            f"{_text_cell(data['prism_cannot_load'])} |")
            continue
        cells = []
        for lang in LANGS:
            result = data["languages"].get(lang)
            if result is None:
                cells.append("–")
                continue
            totals[lang][0] += result["accepted"]
            totals[lang][1] += result["called"]
            totals[lang][2] += result["sampled"]
            cells.append(f"{result['accepted']} / {result['called']} / {result['sampled']}")
        # one row per operation: the languages that did not get it accepted ("all" when none did)
        missed: dict[str, dict[str, str]] = {}
        for lang in LANGS:
            result = data["languages"].get(lang) or {"not_called": [], "rejected": {}}
            for op in result["not_called"]:
                missed.setdefault(op, {})[lang] = "not called by the generated tests"
            for op, why in result["rejected"].items():
                missed.setdefault(op, {})[lang] = why
        spec_known = known.get(row["name"], {})
        for op, by_lang in sorted(missed.items()):
            langs = "all" if len(by_lang) == len(LANGS) else ", ".join(by_lang)
            reasons = " / ".join(sorted(set(by_lang.values())))
            cause = spec_known.get("all", {}).get(op) or next(
                (spec_known.get(lang, {}).get(op) for lang in by_lang if spec_known.get(lang, {}).get(op)), "")
            failures.append(f"| {row['name']} | {langs} | `{op}` | {_text_cell(reasons)} | {_text_cell(cause) or '**not listed**'} |")
        lines.append(f"| {row['name']} | {data['sampled']} | " + " | ".join(cells) + " |")
    lines.append("| **total** | | " + " | ".join(f"**{a} / {c} / {s}**" for a, c, s in totals.values()) + " |")
    if failures:
        lines += ["", "Not accepted, with Prism's answer and the cause (from "
                      "`tests/cases/corpus-known-failures.yaml`, which the test keeps true):", "",
                  "| spec | languages | operation | Prism's answer | cause |", "|---|---|---|---|---|", *failures]
    return lines


def _text_cell(text: str, limit: int = 300) -> str:
    """Free text (Prism's answers, causes) as one table cell of at most ``limit`` characters."""
    text = " ".join(text.split()).replace("|", "/")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _known_failures() -> dict[str, dict[str, dict[str, str]]]:
    """spec -> language or "all" -> "METHOD /path" -> cause (tests/cases/corpus-known-failures.yaml)."""
    path = ROOT / "tests" / "cases" / "corpus-known-failures.yaml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text()) or {}
    # a spec's `prism-cannot-load` entry is a cause, not operations: the calls' table shows it apart
    return {str(spec): {str(lang): {str(op): str(why) for op, why in (ops or {}).items()}
                        for lang, ops in (langs or {}).items() if lang != "prism-cannot-load"}
            for spec, langs in data.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated spec names")
    parser.add_argument("--out", type=Path, default=BENCH / "CORPUS.md")
    args = parser.parse_args()
    wanted = set(args.only.split(",")) if args.only else None
    specs = [(name, spec) for name, spec in entries() if wanted is None or name in wanted]
    if not specs:
        print("no corpus specs found beside the repository (../shared/specs/real)", file=sys.stderr)
        return 1
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    start = loadavg()
    rows = []
    with tempfile.TemporaryDirectory(prefix="sdkforge-corpus-") as tmp:
        for name, spec in specs:
            print(f"{name} ...", file=sys.stderr, flush=True)
            rows.append(generate(name, spec, Path(tmp)))
    args.out.write_text(render(rows, results, (start, loadavg())))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0 if all("error" not in r for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
