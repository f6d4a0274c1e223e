"""Part ``peers`` of benchmarks/run.py: sdkforge beside tools that do one of its jobs.

* ``redocly build-docs`` (@redocly/cli, one HTML page for the whole API) against
  ``sdkforge generate --target docs`` (Markdown and HTML pages in five languages) and
  ``--target all``, on the OpenAI and Stripe specs;
* ``oapi-codegen`` (types and client in one Go file) against ``--target go`` on Twilio.

Both peers are installed into the git-ignored ``benchmarks/.work/peers`` (npm ``--prefix``, Go's
``GOBIN``), never into the repository's package.json or go files.  Runs alternate between the tools
of a spec, the order rotated each round, into fresh output folders after an ``os.sync()``; the
figures are medians of the rounds, wall and CPU (user + system of the process and every process it
waited for, from ``os.wait4``), and the ratios are paired: one ratio per round from the runs of that
round, then their median, so a busy spell on the shared machine weighs on both sides of a ratio.

:func:`measure_peers` only measures (it returns plain data for results.json); :func:`render_peers`
only writes the report's section from that data.
"""

from __future__ import annotations

import os
import statistics
import subprocess
from pathlib import Path
from typing import Any, Callable

REDOCLY_VERSION = "2.77.0"
OAPI_CODEGEN_VERSION = "v2.4.1"
OAPI_CODEGEN_MODULE = "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"

# wanted: sdkforge's time over the peer's, both measured in the same round
TARGETS = {
    ("docs", "sdk_docs/redocly"): 1.0,
    ("docs", "sdk_all/redocly"): 1.5,
    ("go", "sdk_go/oapi_codegen"): 0.15,
}
DOCS_SPECS = (("openai", "openai/openapi.yaml"), ("stripe", "stripe/spec3.yaml"))
GO_SPECS = (("twilio-api-v2010", "twilio-api-v2010/twilio_api_v2010.yaml"),)
LABELS = {"redocly": f"redocly build-docs ({REDOCLY_VERSION})", "sdk_docs": "sdkforge --target docs",
          "sdk_all": "sdkforge --target all", "oapi_codegen": f"oapi-codegen {OAPI_CODEGEN_VERSION} (types, client)",
          "sdk_go": "sdkforge --target go"}


def ensure_peers(peers: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """Install the peers where missing; their versions (or why one is unavailable)."""
    info: dict[str, Any] = {}
    peers.mkdir(parents=True, exist_ok=True)
    redocly = peers / "node_modules" / ".bin" / "redocly"
    if not redocly.exists():
        log(f"installing @redocly/cli@{REDOCLY_VERSION} into {peers}")
        if not (peers / "package.json").exists():
            (peers / "package.json").write_text('{"private": true}\n')
        subprocess.run(["npm", "install", "--prefix", str(peers), "--no-audit", "--no-fund",
                        f"@redocly/cli@{REDOCLY_VERSION}"], capture_output=True, text=True, timeout=600)
    info["redocly"] = _version([str(redocly), "--version"]) if redocly.exists() else None
    codegen = peers / "bin" / "oapi-codegen"
    if not codegen.exists():
        log(f"installing oapi-codegen {OAPI_CODEGEN_VERSION} into {peers / 'bin'}")
        env = {**os.environ, "GOBIN": str(peers / "bin")}
        subprocess.run(["go", "install", f"{OAPI_CODEGEN_MODULE}@{OAPI_CODEGEN_VERSION}"], env=env,
                       capture_output=True, text=True, timeout=900)
    info["oapi_codegen"] = _version([str(codegen), "--version"]) if codegen.exists() else None
    return info


def _version(cmd: list[str]) -> str:
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({type(exc).__name__})"
    return " ".join((res.stdout or res.stderr).split())[:80]


def _pages(out: Path) -> int:
    """Documentation pages (.html and .md files) below ``out``."""
    return sum(1 for _, _, files in os.walk(out) for name in files if name.endswith((".html", ".md")))


def measure_peers(*, specs_root: Path, peers: Path, runs: int, sdkforge: Path, measure: Callable[..., Any],
                  fresh: Callable[[str], Path], loadavg: Callable[[], list[float]],
                  log: Callable[[str], None]) -> dict[str, Any]:
    """Measure every spec's tools (see the module's docstring): plain data for results.json."""
    res: dict[str, Any] = {"peers": ensure_peers(peers, log), "runs_per_tool": runs, "specs": {}}
    redocly = peers / "node_modules" / ".bin" / "redocly"
    codegen = peers / "bin" / "oapi-codegen"

    def sdk(target: str) -> Callable[[Path, Path], list[str]]:
        return lambda spec, out: [str(sdkforge), "generate", str(spec), "--out", str(out), "--target", target]

    jobs: list[tuple[str, str, str, dict[str, Callable[[Path, Path], list[str]]]]] = []
    if res["peers"]["redocly"]:
        for name, rel in DOCS_SPECS:
            jobs.append(("docs", name, rel, {
                "redocly": lambda spec, out: [str(redocly), "build-docs", str(spec), "-o", str(out / "index.html")],
                "sdk_docs": sdk("docs"), "sdk_all": sdk("all")}))
    if res["peers"]["oapi_codegen"]:
        for name, rel in GO_SPECS:
            jobs.append(("go", name, rel, {
                # oapi-codegen writes the Go file to stdout; the shell puts it in the output folder
                "oapi_codegen": lambda spec, out: ["sh", "-c", 'mkdir -p "$2" && exec "$0" -generate types,client '
                                                   '-package api "$1" > "$2/api.go"', str(codegen), str(spec), str(out)],
                "sdk_go": sdk("go")}))
    for kind, name, rel, tools in jobs:
        spec = specs_root / rel
        if not spec.exists():
            res["specs"][name] = {"kind": kind, "error": f"spec not found: {rel}"}
            continue
        res["specs"][name] = _measure_spec(kind, spec, tools, runs, measure, fresh, loadavg, log)
    return res


def _measure_spec(kind: str, spec: Path, tools: dict[str, Callable[[Path, Path], list[str]]], runs: int,
                  measure: Callable[..., Any], fresh: Callable[[str], Path], loadavg: Callable[[], list[float]],
                  log: Callable[[str], None]) -> dict[str, Any]:
    names = list(tools)
    info: dict[str, Any] = {"kind": kind, "spec": rel_name(spec), "loadavg_before": loadavg(), "rounds": [],
                            "pages": {}, "errors": {}}
    for r in range(runs):
        order = names[r % len(names):] + names[:r % len(names)]  # no tool always runs first
        round_: dict[str, dict[str, float]] = {}
        for tool in order:
            out = fresh(f"peers-{spec.stem}-{tool}")
            os.sync()  # the run before's files are written back before this run is timed
            run = measure(tools[tool](spec, out), keep_output=True)
            if not run.ok:
                info["errors"][tool] = f"rc {run.rc}: {(run.stderr or run.stdout)[-300:]}"
                continue
            round_[tool] = {"wall_s": round(run.wall, 4), "cpu_s": round(run.cpu, 4)}
            if kind == "docs" and tool not in info["pages"]:  # sdkforge's docs are in docs/, redocly's page alone
                info["pages"][tool] = _pages(out / "docs" if tool.startswith("sdk") else out)
            log(f"  {spec.stem} {tool:<12} run {r + 1}: {run.wall:6.2f} s wall, {run.cpu:6.2f} s cpu")
        info["rounds"].append(round_)
    info["loadavg_after"] = loadavg()
    info["tools"] = {}
    for tool in names:
        walls = [rnd[tool]["wall_s"] for rnd in info["rounds"] if tool in rnd]
        cpus = [rnd[tool]["cpu_s"] for rnd in info["rounds"] if tool in rnd]
        if walls:
            info["tools"][tool] = {"n": len(walls), "wall_median_s": statistics.median(walls),
                                   "wall_min_s": min(walls), "wall_max_s": max(walls),
                                   "cpu_median_s": statistics.median(cpus)}
    peer = names[0]
    info["ratios"] = {}
    for tool in names[1:]:
        for stat in ("wall_s", "cpu_s"):
            paired = [rnd[tool][stat] / rnd[peer][stat] for rnd in info["rounds"]
                      if tool in rnd and peer in rnd and rnd[peer][stat] > 0]
            if paired:
                info["ratios"][f"{tool}/{peer} ({stat[:-2]})"] = round(statistics.median(paired), 3)
    return info


def rel_name(spec: Path) -> str:
    return f"{spec.parent.name}/{spec.name}"


# ------------------------------------------------------------------------------------------ the report
def render_peers(res: dict[str, Any], stamp: str) -> tuple[list[str], list[tuple[str, str, str, str]]]:
    """The report's section and its rows for the summary table, from :func:`measure_peers`' data."""
    peers = res.get("peers") or {}
    lines = ["## i. Peers: redocly build-docs and oapi-codegen", "",
             f"_{stamp}; redocly {peers.get('redocly')}, oapi-codegen {peers.get('oapi_codegen')}; "
             f"{res.get('runs_per_tool')} alternating rounds (order rotated each round), fresh output folders, "
             "`os.sync()` before each run; CPU is user + system time of the process and its children; "
             "ratios are medians of the per-round ratios (paired)._", ""]
    summary: list[tuple[str, str, str, str]] = []
    if res.get("error"):
        return lines + [f"Error: `{res['error']}`", ""], summary
    lines += ["| spec | tool | wall median (min–max) | CPU median | pages written | per page (wall / CPU) |",
              "|---|---|---|---|---|---|"]
    ratio_rows: list[str] = []
    for name, info in (res.get("specs") or {}).items():
        if info.get("error"):
            lines.append(f"| {name} | — | {info['error']} | | | |")
            continue
        for tool, t in info.get("tools", {}).items():
            pages = info.get("pages", {}).get(tool, 0)
            per_page = (f"{1000 * t['wall_median_s'] / pages:.2f} ms / {1000 * t['cpu_median_s'] / pages:.2f} ms"
                        if pages else "—")
            pages_text = f"{pages} (the whole API on one page)" if pages == 1 else str(pages or "—")
            lines.append(f"| {name} | {LABELS.get(tool, tool)} | {t['wall_median_s']:.2f} s "
                         f"({t['wall_min_s']:.2f}–{t['wall_max_s']:.2f}) | {t['cpu_median_s']:.2f} s | {pages_text} | "
                         f"{per_page} |")
        for tool, error in info.get("errors", {}).items():
            lines.append(f"| {name} | {LABELS.get(tool, tool)} | failed: {error.replace('|', '/')[:200]} | | | |")
        lines.append(f"| {name} | load average | before {info.get('loadavg_before')}, "
                     f"after {info.get('loadavg_after')} | | | |")
        ratios = info.get("ratios", {})
        for (kind, key), wanted in TARGETS.items():
            if kind != info.get("kind"):
                continue
            wall, cpu = ratios.get(f"{key} (wall)"), ratios.get(f"{key} (cpu)")
            if wall is None:
                continue
            mine, theirs = key.split("/")
            label = f"{LABELS[mine]} / {LABELS[theirs]}"
            judged = name in ("openai", "twilio-api-v2010")
            ratio_rows.append(f"| {name} | {label} | {wall:.3f}× | {cpu:.3f}× | ≤ {wanted}×"
                              f"{'' if judged else ' (target is for ' + ('OpenAI' if kind == 'docs' else 'Twilio') + ')'} | "
                              f"{_met(wall, cpu, wanted) if judged else '—'} |")
            if judged:
                summary.append((f"{name}: {label}", f"{wall:.3f}× wall, {cpu:.3f}× CPU", f"≤ {wanted}×",
                                _met(wall, cpu, wanted)))
    lines += ["", "| spec | ratio | wall | CPU | target | met? |", "|---|---|---|---|---|---|", *ratio_rows, ""]
    return lines, summary


def _met(wall: float, cpu: float, wanted: float) -> str:
    if wall <= wanted and cpu <= wanted:
        return "**met** (wall and CPU)"
    if wall <= wanted:
        return "wall only"
    if cpu <= wanted:
        return "CPU only"
    return "not met"
