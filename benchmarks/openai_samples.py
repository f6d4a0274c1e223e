"""OpenAI's published code samples, run unchanged against SDKs generated from the public OpenAI spec.

The spec carries, per operation, the samples OpenAI shows for its own SDKs
(``x-oaiMeta.examples[].request.python`` and ``.javascript``; ``examples`` is a list or one mapping).
This script extracts them, generates our Python and TypeScript SDKs with and without the shipped
config (examples/openai/openai.sdkforge.yaml), starts Prism on the spec and runs every sample
against each SDK: Python with the package importable as ``openai``, JavaScript with node and
``openai`` resolving to our built package, and type-checks every JavaScript sample against the
package's ``.d.ts`` with tsc.  With ``--peers`` (the default when they are installed) the same
samples run against OpenAI's own packages from PyPI and npm, installed into benchmarks/.work/peers:

    pip install --target benchmarks/.work/peers/py openai
    (cd benchmarks/.work/peers/js && npm install openai)

A run counts when the sample exits 0 within the timeout.  Samples that read local files get small
placeholder files, made by file name (extension) in the folder they run in.  The table and the
grouped failure causes go to benchmarks/SAMPLES.md; every sample's result to
benchmarks/.work/samples/results.json.  A benchmark, not a test: run it once, it takes minutes.

    .venv/bin/python benchmarks/openai_samples.py [--jobs 2] [--timeout 30] [--no-peers]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO.parent / "shared" / "specs" / "real" / "openai" / "openapi.yaml"
CONFIG = REPO / "examples" / "openai" / "openai.sdkforge.yaml"
WORK = REPO / "benchmarks" / ".work" / "samples"
PEERS = REPO / "benchmarks" / ".work" / "peers"
NODE_MODULES = REPO / "node_modules"
OUT = REPO / "benchmarks" / "SAMPLES.md"
sys.path.insert(0, str(REPO / "tests"))

from support.prism import PrismServer  # noqa: E402


@dataclass
class Sample:
    id: str  # e.g. "0042-py": the operation's place in the spec, the example's, the language
    operation: str  # "POST /threads/runs"
    lang: str  # python | javascript
    code: str


@dataclass
class Result:
    sample: str
    sdk: str
    check: str  # run | typecheck
    ok: bool
    cause: str = ""  # the failure, grouped (exception type and message with values blanked)
    seconds: float = 0.0


# ------------------------------------------------------------------ the samples
def extract(spec: dict[str, Any]) -> list[Sample]:
    out: list[Sample] = []
    number = 0
    for path, item in (spec.get("paths") or {}).items():
        for method, op in (item or {}).items():
            if not isinstance(op, dict) or not isinstance(op.get("x-oaiMeta"), dict):
                continue
            examples = op["x-oaiMeta"].get("examples")
            examples = examples if isinstance(examples, list) else [examples] if examples else []
            for example in examples:
                request = example.get("request") if isinstance(example, dict) else None
                if not isinstance(request, dict):
                    continue
                for lang, short in (("python", "py"), ("javascript", "js")):
                    code = request.get(lang)
                    if isinstance(code, str) and code.strip():
                        number += 1
                        out.append(Sample(f"{number:04d}-{short}", f"{method.upper()} {path}", lang, code))
    return out


# a quoted file name a sample reads (`open("mydata.jsonl", "rb")`, `fs.createReadStream("audio.mp3")`)
_FILE = re.compile(r"""["']([\w./-]+\.(jsonl|json|txt|pdf|png|jpg|jpeg|webp|gif|mp3|mp4|wav|m4a|webm|ogg|flac"""
                   r"""|csv|md|py))["']""")
_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")
_CONTENT = {"jsonl": b'{"messages": [{"role": "user", "content": "hi"}]}\n', "json": b"{}\n", "png": _PNG,
            "csv": b"a,b\n1,2\n", "pdf": b"%PDF-1.4\n%%EOF\n"}


def placeholders(samples: list[Sample], folder: Path) -> list[str]:
    """Small files, by name, for every file a sample reads: the same for every SDK."""
    made = []
    for sample in samples:
        for name, ext in _FILE.findall(sample.code):
            target = (folder / name).resolve()
            if not target.is_relative_to(folder.resolve()) or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_CONTENT.get(ext.lower(), b"placeholder\n"))
            made.append(name)
    return sorted(made)


# ------------------------------------------------------------------ the SDKs
@dataclass
class Sdk:
    name: str  # the table's row
    python_path: Path | None  # PYTHONPATH that makes `openai` importable
    js_package: Path | None  # the folder `openai` resolves to
    version: str = ""


def run(cmd: list[str], cwd: Path, timeout: float = 1800, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{(result.stdout + result.stderr)[-4000:]}")


def ours(name: str, config: Path | None) -> Sdk:
    out = WORK / "sdks" / name
    cmd = [str(REPO / ".venv" / "bin" / "sdkforge"), "generate", str(SPEC), "--out", str(out),
           "--target", "python,typescript", "-q"]
    # without a config the names are derived from the spec alone (no config file lies beside it)
    cmd += ["--config", str(config)] if config else []
    run(cmd, REPO)
    run([str(NODE_MODULES / ".bin" / "tsc"), "-p", str(out / "typescript")], REPO)
    return Sdk(name, out / "python" / "src", out / "typescript")


def peers() -> Sdk | None:
    py, js = PEERS / "py", PEERS / "js" / "node_modules" / "openai"
    if not (py / "openai").is_dir() or not js.is_dir():
        return None
    version = json.loads((js / "package.json").read_text())["version"]
    dist = next(py.glob("openai-*.dist-info"), None)
    py_version = dist.name.removeprefix("openai-").removesuffix(".dist-info") if dist else "?"
    return Sdk(f"OpenAI's own (Stainless: openai {py_version} PyPI, {version} npm)", py, js, version)


# ------------------------------------------------------------------ running
# values in a message are blanked (ids, numbers, long texts); a quoted name (an attribute, a type) is
# kept: it is what tells one cause from another
_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"|`([^`]*)`")
_BLANK = [(re.compile(r"0x[0-9a-f]+"), "0x…"), (re.compile(r"\b\d+\b"), "N"), (re.compile(r"\s+"), " ")]


def _cause(text: str) -> str:
    def quoted(match: re.Match[str]) -> str:
        inner = next(g for g in match.groups() if g is not None)
        return f"'{inner}'" if re.fullmatch(r"[\w.<>\[\], |]{1,40}", inner) and not inner.isdigit() else "'…'"

    text = _QUOTED.sub(quoted, text)
    for pattern, blank in _BLANK:
        text = pattern.sub(blank, text)
    return text.strip()[:120]


def python_cause(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    for line in reversed(lines):
        match = re.match(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning)\w*)(?::\s*(.*))?$", line)
        if match:
            return _cause(f"{match[1]}: {match[2] or ''}")
    return _cause(lines[-1]) if lines else "exit status without output"


def js_cause(stderr: str) -> str:
    # node prints where it was thrown (a source line), then `Name: message` at the start of a line
    for line in stderr.splitlines():
        match = re.match(r"([A-Z]\w*(?:Error|Exception))(?: \[\w+\])?:\s*(.*)", line)
        if match:
            return _cause(f"{match[1]}: {match[2]}")
    for line in stderr.splitlines():
        match = re.search(r"\b([A-Z]\w*(?:Error|Exception))\b:?\s*(.*)", line)
        if match and not line.lstrip().startswith("at "):
            return _cause(f"{match[1]}: {match[2]}")
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return _cause(lines[0]) if lines else "exit status without output"


def run_samples(sdk: Sdk, samples: list[Sample], folder: Path, base_url: str, jobs: int,
                timeout: float) -> list[Result]:
    folder.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PYTHON", "NODE_"))}
    env.update(OPENAI_BASE_URL=base_url, OPENAI_API_KEY="sk-test", OPENAI_ADMIN_API_KEY="sk-test",
               PYTHONDONTWRITEBYTECODE="1")
    if sdk.js_package is not None:
        modules = folder / "node_modules"
        modules.mkdir(exist_ok=True)
        link = modules / "openai"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(sdk.js_package, target_is_directory=True)

    def one(sample: Sample) -> Result:
        if sample.lang == "python":
            file = folder / f"s{sample.id}.py"
            cmd, cause = [sys.executable, file.name], python_cause
            run_env = {**env, "PYTHONPATH": str(sdk.python_path)}
        else:
            file = folder / f"s{sample.id}.mjs"
            cmd, cause = ["node", file.name], js_cause
            run_env = env
        file.write_text(sample.code)
        started = time.monotonic()
        try:
            done = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, timeout=timeout, env=run_env,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return Result(sample.id, sdk.name, "run", False, f"timeout after {timeout:g} s", timeout)
        seconds = round(time.monotonic() - started, 2)
        if done.returncode == 0:
            return Result(sample.id, sdk.name, "run", True, seconds=seconds)
        return Result(sample.id, sdk.name, "run", False, cause(done.stderr), seconds)

    todo = [s for s in samples
            if (s.lang == "python" and sdk.python_path) or (s.lang == "javascript" and sdk.js_package)]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, todo))


_TSC_ERROR = re.compile(r"^(?P<file>[^(\n]+)\(\d+,\d+\): error (?P<code>TS\d+): (?P<msg>.*)$", re.M)


def typecheck(sdk: Sdk, samples: list[Sample], folder: Path) -> list[Result]:
    """Every JavaScript sample as a TypeScript module, checked against the package's types in one
    tsc run (strict, as a TypeScript user compiles; Node's types from the repository's node_modules)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "node_modules").mkdir(exist_ok=True)
    link = folder / "node_modules" / "openai"
    if link.is_symlink() or link.exists():
        link.unlink()
    assert sdk.js_package is not None
    link.symlink_to(sdk.js_package, target_is_directory=True)
    (folder / "package.json").write_text('{"type": "module", "private": true}\n')
    js = [s for s in samples if s.lang == "javascript"]
    for sample in js:
        (folder / f"s{sample.id}.ts").write_text(sample.code)
    (folder / "tsconfig.json").write_text(json.dumps({"compilerOptions": {
        "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": True, "noEmit": True,
        "skipLibCheck": True, "types": ["node"], "typeRoots": [str(NODE_MODULES / "@types")],
        "lib": ["ES2023", "DOM", "DOM.Iterable"]}, "include": ["*.ts"]}, indent=1))
    first: dict[str, str] = {}
    while True:
        # a syntax error in one file stops tsc before it checks types in any: such files are failures
        # of their own, and the others are checked again without them
        done = subprocess.run([str(NODE_MODULES / ".bin" / "tsc"), "-p", str(folder)], cwd=folder,
                              capture_output=True, text=True, timeout=1800)
        errors = [(Path(m["file"]).stem.removeprefix("s"), m["code"], _cause(m["msg"]))
                  for m in _TSC_ERROR.finditer(done.stdout)]
        syntax = {sample for sample, code, _ in errors if re.fullmatch(r"TS1\d{3}", code)}
        for sample, code, message in errors:
            if not syntax or sample in syntax:
                first.setdefault(sample, f"{code}: {message}")
        if not syntax:
            break
        for sample in syntax:
            (folder / f"s{sample}.ts").unlink()
    return [Result(s.id, sdk.name, "typecheck", s.id not in first, first.get(s.id, "")) for s in js]


# ------------------------------------------------------------------ the report
def report(samples: list[Sample], sdks: list[Sdk], results: list[Result], placeholder_files: list[str],
           timing: str) -> str:
    counts = collections.Counter(s.lang for s in samples)
    by = collections.defaultdict(list)
    for r in results:
        lang = "python" if r.sample.endswith("-py") else "javascript"
        by[(r.sdk, lang, r.check)].append(r)

    def cell(sdk: Sdk, lang: str, check: str) -> str:
        rows = by.get((sdk.name, lang, check))
        return f"{sum(r.ok for r in rows)}/{len(rows)}" if rows else "–"

    lines = [
        "# OpenAI's code samples against the SDKs",
        "",
        "Written by `benchmarks/openai_samples.py`. The public OpenAI spec carries the code samples OpenAI",
        f"publishes for its own SDKs: {counts['python']} Python and {counts['javascript']} JavaScript samples "
        "(`x-oaiMeta.examples[].request`).",
        "Each runs unchanged against each SDK on a Prism mock of the spec "
        "(`prism mock`, static examples), with `OPENAI_BASE_URL` pointing at it and `OPENAI_API_KEY=sk-test`;",
        "a run counts when the sample exits 0 within the timeout. Type-checks: each JavaScript sample",
        "compiled as a TypeScript module against the package's `.d.ts` (tsc, `strict`).",
        f"Placeholder files made by name for samples that read files: {', '.join(placeholder_files) or 'none'}.",
        f"{timing} on the shared two-core machine, two samples at a time.",
        "",
        "| SDK | Python runs | JavaScript runs | JavaScript type-checks |",
        "|---|---|---|---|",
    ]
    for sdk in sdks:
        lines.append(f"| {sdk.name} | {cell(sdk, 'python', 'run')} | {cell(sdk, 'javascript', 'run')} | "
                     f"{cell(sdk, 'javascript', 'typecheck')} |")
    lines.append("")
    for sdk in sdks:
        lines += [f"## Why samples fail: {sdk.name}", ""]
        for lang, check in (("python", "run"), ("javascript", "run"), ("javascript", "typecheck")):
            failed = [r for r in by.get((sdk.name, lang, check), []) if not r.ok]
            if not failed:
                continue
            lines.append(f"{lang.capitalize()} {'runs' if check == 'run' else 'type-checks'}, "
                         f"{len(failed)} failing (top causes):")
            lines.append("")
            for cause, n in collections.Counter(r.cause for r in failed).most_common(8):
                lines.append(f"- {n} × `{cause.replace('`', chr(39))}`")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="samples run at once (at most 2 on the shared machine)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds a sample may take")
    parser.add_argument("--no-peers", action="store_true", help="leave out OpenAI's own SDKs")
    parser.add_argument("--sdk", action="append", choices=["plain", "config", "peer"], default=[],
                        help="run only these SDKs (repeatable; a quick look): plain = no config, "
                             "config = the shipped config, peer = OpenAI's own")
    parser.add_argument("--only", default="", help="run only samples whose id contains this (a quick look)")
    parser.add_argument("--reuse-python", action="store_true",
                        help="keep the Python runs of the last results.json, run the JavaScript checks again")
    args = parser.parse_args(argv)
    started = time.monotonic()
    samples = extract(yaml.safe_load(SPEC.read_text()))
    samples = [s for s in samples if args.only in s.id]
    kept: list[Result] = []
    before = 0.0
    if args.reuse_python:
        kept = [Result(**r) for r in json.loads((WORK / "results.json").read_text()) if r["sample"].endswith("-py")]
        before = json.loads((WORK / "meta.json").read_text())["seconds"]
        samples_run = [s for s in samples if s.lang != "python"]
    else:
        samples_run = samples
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    chosen = set(args.sdk) or {"plain", "config", "peer"}
    if args.no_peers:
        chosen.discard("peer")
    sdks = []
    if "plain" in chosen:
        sdks.append(ours("sdkforge, no config", None))
    if "config" in chosen:
        sdks.append(ours("sdkforge + examples/openai config", CONFIG))
    peer = peers() if "peer" in chosen else None
    if peer is not None:
        sdks.append(peer)
    results: list[Result] = list(kept)
    made: list[str] = []
    prism = PrismServer(SPEC, errors=False)
    with prism:
        for index, sdk in enumerate(sdks):
            folder = WORK / f"run-{index}"
            folder.mkdir()
            made = placeholders(samples, folder)
            print(f"{sdk.name}: running samples", file=sys.stderr)
            results += run_samples(sdk, samples_run, folder, prism.url, min(args.jobs, 2), args.timeout)
            print(f"{sdk.name}: type-checking", file=sys.stderr)
            results += typecheck(sdk, samples, WORK / f"tsc-{index}")
    (WORK / "results.json").write_text(json.dumps([asdict(r) for r in results], indent=1))
    seconds = time.monotonic() - started
    (WORK / "meta.json").write_text(json.dumps({"seconds": before or seconds}))
    timing = (f"Whole run: {before:.0f} s; the JavaScript checks run again in {seconds:.0f} s" if before
              else f"Whole run: {seconds:.0f} s")
    text = report(samples, sdks, results, made, timing)
    OUT.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
