"""Checks on generated output, shared by the hostile suite and the fuzzer.

Each ``check_*`` returns a list of problems (empty when the output is fine) so that callers can
report all of them at once.  Heavy checks (compilers) run in a subprocess whose working folder
is a fresh, empty "canary" folder: anything a breakout payload manages to run there shows up as a
``CANARY*`` file or a ``PWNED`` line.
"""

from __future__ import annotations

import hashlib
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TSC = REPO / "node_modules" / ".bin" / "tsc"
PYTHON = sys.executable
GO = shutil.which("go")
GOFMT = shutil.which("gofmt")
RUBY = shutil.which("ruby")
NODE = shutil.which("node")


def run(cmd: list[str | Path], cwd: Path, env: dict[str, str] | None = None,
        timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True,
                          text=True, errors="replace", timeout=timeout)


def canary_problems(folder: Path, *outputs: str) -> list[str]:
    """Files a payload created (anywhere under ``folder``) and PWNED lines in ``outputs``."""
    problems = [f"payload ran: created {p}" for p in folder.rglob("CANARY*")]
    for out in outputs:
        for line in out.splitlines():
            if line.strip() == "PWNED" or line.strip().startswith("PWNED"):
                problems.append(f"payload ran: printed {line.strip()!r}")
    return problems


def _fail(name: str, proc: subprocess.CompletedProcess[str], limit: int = 4000) -> str:
    return f"{name}: exit {proc.returncode}\n{(proc.stdout + proc.stderr)[-limit:]}"


# ------------------------------------------------------------------ python
def python_package(root: Path) -> tuple[Path, str]:
    src = root / "src"
    (package,) = [p.name for p in src.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    return src, package


def compile_python(root: Path) -> list[str]:
    """``compile()`` every .py file (the same check as ``python -m py_compile`` without .pyc files)."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        try:
            compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as exc:
            problems.append(f"{path.relative_to(root)}: {type(exc).__name__}: {exc}")
    return problems


_IMPORT_ALL = """
import importlib, pkgutil, sys
root = importlib.import_module(sys.argv[1])
count = 0
for info in pkgutil.walk_packages(root.__path__, root.__name__ + "."):
    importlib.import_module(info.name)
    count += 1
print("imported", count)
"""


def import_python(root: Path, canary: Path) -> tuple[list[str], str]:
    src, package = python_package(root)
    proc = run([PYTHON, "-B", "-c", _IMPORT_ALL, package], canary, {"PYTHONPATH": str(src), "PYTHONDONTWRITEBYTECODE": "1"})
    problems = [] if proc.returncode == 0 else [_fail("import every module", proc)]
    return problems + canary_problems(canary, proc.stdout, proc.stderr), proc.stdout


# ------------------------------------------------------------------ typescript
def check_typescript(root: Path, work: Path, canary: Path) -> list[str]:
    """tsc (strict, emitting into a copy) then import every emitted module with node."""
    copy = work / "ts"
    shutil.copytree(root, copy, dirs_exist_ok=True)
    tsc = run([TSC, "-p", "tsconfig.json"], copy)
    if tsc.returncode != 0:
        return [_fail("tsc", tsc)]
    modules = sorted((copy / "dist").rglob("*.js"))
    script = "for (const m of process.argv.slice(1)) { await import(m); }\nconsole.log('imported', process.argv.length - 1);"
    proc = run([NODE or "node", "--input-type=module", "-e", script, *[m.as_uri() for m in modules]], canary)
    problems = [] if proc.returncode == 0 and f"imported {len(modules)}" in proc.stdout else [_fail("node import", proc)]
    return problems + canary_problems(canary, proc.stdout, proc.stderr)


# ------------------------------------------------------------------ ruby
def ruby_syntax(root: Path) -> list[str]:
    files = sorted(p for p in root.rglob("*") if p.suffix in (".rb", ".gemspec"))

    def one(path: Path) -> list[str]:
        proc = run([RUBY or "ruby", "--disable-gems", "-wc", path], root)
        if proc.returncode != 0 or proc.stdout.strip() != "Syntax OK" or proc.stderr.strip():
            return [f"ruby -wc {path.relative_to(root)}: {(proc.stdout + proc.stderr)[-2000:]}"]
        return []

    with ThreadPoolExecutor(max_workers=4) as pool:
        return [p for problems in pool.map(one, files) for p in problems]


def load_ruby(root: Path, canary: Path) -> list[str]:
    """``require`` the gem, then every file under lib/ (autoloads would otherwise skip some)."""
    (entry,) = [p for p in (root / "lib").glob("*.rb")]
    code = ("require ARGV.shift\nARGV.each { |f| require f }\n"
            "puts \"loaded #{ARGV.size + 1}\"")
    files = [str(p.resolve()) for p in sorted((root / "lib").rglob("*.rb")) if p != entry]
    proc = run([RUBY or "ruby", "--disable-gems", "-w", "-I", (root / "lib").resolve(), "-e", code, entry.stem, *files],
               canary)
    problems = [] if proc.returncode == 0 else [_fail("ruby require", proc)]
    warnings = [line for line in proc.stderr.splitlines() if "warning" in line]
    problems += [f"ruby warning while loading: {w}" for w in warnings[:20]]
    return problems + canary_problems(canary, proc.stdout, proc.stderr)


# ------------------------------------------------------------------ go
def go_env(work: Path) -> dict[str, str]:
    env = {"GOFLAGS": "-mod=mod", "GOPROXY": "off", "GOTOOLCHAIN": "local", "GOPATH": str(work / "gopath"),
           "GOSUMDB": "off", "CGO_ENABLED": "0"}
    if os.environ.get("SDKFORGE_GOCACHE"):  # else the user's build cache: the standard library is in it
        env["GOCACHE"] = os.environ["SDKFORGE_GOCACHE"]
    return env


def go_module(root: Path) -> str:
    first = (root / "go.mod").read_text().splitlines()[0]
    return first.split(None, 1)[1].strip().strip('"')


def gofmt_problems(root: Path) -> list[str]:
    proc = run([GOFMT or "gofmt", "-l", "."], root)
    if proc.returncode != 0 or proc.stdout.strip():
        diff = run([GOFMT or "gofmt", "-d", "."], root)
        return [f"gofmt -l lists: {proc.stdout.split()} {proc.stderr}\n{diff.stdout[:3000]}"]
    return []


def check_go(root: Path, work: Path, canary: Path, *, vet: bool = True) -> list[str]:
    """gofmt -l, go vet (or build), then run a program that imports the package (its init runs)."""
    problems = gofmt_problems(root)
    copy = work / "go"
    shutil.copytree(root, copy, dirs_exist_ok=True)
    env = go_env(work)
    proc = run([GO or "go", "vet" if vet else "build", "./..."], copy, env)
    if proc.returncode != 0:
        return problems + [_fail("go vet" if vet else "go build", proc)]
    main = copy / "zz_canary_main"
    main.mkdir()
    (main / "main.go").write_text(f'package main\n\nimport _ "{go_module(root)}"\n\nfunc main() {{ println("loaded") }}\n')
    binary = work / "canary-bin"
    proc = run([GO or "go", "build", "-o", binary, "./zz_canary_main"], copy, env)
    if proc.returncode != 0:
        return problems + [_fail("go build main", proc)]
    proc = run([binary], canary)
    if proc.returncode != 0 or "loaded" not in proc.stderr:
        problems.append(_fail("go program", proc))
    return problems + canary_problems(canary, proc.stdout, proc.stderr)


# ------------------------------------------------------------------ docs (HTML + Markdown)
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "background"}
_FORBIDDEN_TAGS = {"iframe", "object", "embed", "svg", "math", "form", "base", "frame", "frameset", "applet"}


class _HtmlCheck(html.parser.HTMLParser):
    def __init__(self, allowed_scripts: Iterable[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_scripts = tuple(allowed_scripts)
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            src = values.get("src") or ""
            if not src.endswith(self.allowed_scripts):
                self.problems.append(f"<script> not from the generator: {self.get_starttag_text()!r}")
            self.in_script = True
        if tag in _FORBIDDEN_TAGS:
            self.problems.append(f"forbidden tag <{tag}>: {self.get_starttag_text()!r}")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("meta refresh")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name}= on <{tag}>")
            if name in _URL_ATTRS and value is not None:
                flat = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
                if flat.startswith(_BAD_SCHEMES):
                    self.problems.append(f"{name}={value[:80]!r} on <{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.in_script = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.problems.append(f"inline script content: {data[:80]!r}")


def html_problems(text: str, allowed_scripts: Iterable[str] = ("assets/docs.js",)) -> list[str]:
    checker = _HtmlCheck(allowed_scripts)
    checker.feed(text)
    checker.close()
    return checker.problems


def check_docs(root: Path, *, markdown: bool = True) -> list[str]:
    """Every HTML page parses with no script, handler or javascript: link from content; the Markdown
    pages, rendered by a CommonMark renderer that lets raw HTML through, give the same."""
    problems: list[str] = []
    pages = sorted(root.rglob("*.html"))
    if not pages:
        return ["no HTML pages"]
    for page in pages:
        for problem in html_problems(page.read_text("utf-8")):
            problems.append(f"{page.relative_to(root)}: {problem}")
    if markdown:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark", {"html": True})
        for page in sorted(root.rglob("*.md")):
            rendered = md.render(page.read_text("utf-8"))
            for problem in html_problems(rendered, allowed_scripts=("\x00never",)):
                problems.append(f"{page.relative_to(root)} (rendered): {problem}")
    return problems[:50]


# ------------------------------------------------------------------ cheap checks (fuzz loop)
def cheap_problems(out: Path, passed: set[bytes] | None = None) -> list[str]:
    """Checks fast enough to run on every fuzz example: Python compiles, JSON parses, HTML is
    clean, TOML parses, no NUL bytes or CRs anywhere, every file is UTF-8.  ``passed``: digests of (suffix, content)
    already checked clean, skipped (a fuzz run writes the same runtime files thousands of times)."""
    problems: list[str] = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        data = path.read_bytes()
        digest = hashlib.blake2b(path.suffix.encode() + b"\0" + data, digest_size=16).digest()
        if passed is not None and digest in passed:
            continue
        found = len(problems)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{rel}: not UTF-8: {exc}")
            continue
        if "\x00" in text:
            problems.append(f"{rel}: NUL byte")
        if "\r" in text:
            problems.append(f"{rel}: carriage return")
        if path.suffix == ".py":
            try:
                compile(data, rel, "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as exc:
                problems.append(f"{rel}: {type(exc).__name__}: {exc}")
        elif path.suffix == ".json":
            try:
                json.loads(text)
            except ValueError as exc:
                problems.append(f"{rel}: invalid JSON: {exc}")
        elif path.suffix == ".toml":  # pyproject.toml: the package's name and version are spec strings
            try:
                tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                problems.append(f"{rel}: invalid TOML: {exc}")
        elif path.suffix == ".html":
            problems.extend(f"{rel}: {p}" for p in html_problems(text))
        if passed is not None and len(problems) == found and len(passed) < 200_000:  # bounded memory
            passed.add(digest)
    return problems


# ------------------------------------------------------------------ every target's real tools
def real_tool_problems(out: Path, scratch: Path) -> list[str]:
    """A whole generation (``out/<target>``) through the real tools: Python import, tsc + node,
    ruby -wc + require, gofmt + go build + init, the docs' HTML and Markdown.  ``scratch``: an empty
    folder for copies and the canary."""
    canary = scratch / "canary"
    canary.mkdir()
    work = scratch / "work"
    work.mkdir()
    found: list[str] = []
    found += import_python(out / "python", canary)[0]
    found += check_typescript(out / "typescript", work, canary)
    found += ruby_syntax(out / "ruby")
    found += load_ruby(out / "ruby", canary)
    if GO is not None:
        found += check_go(out / "go", work, canary, vet=False)
    found += check_docs(out / "docs", markdown=True)
    return found
