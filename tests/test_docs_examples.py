"""Docs that cannot drift: every example request in the generated docs is run against
the Prism mock server, with the SDK generated from the same spec.

The sample code is taken from the generated Markdown (the first code block after the
"Example" heading), exactly as a reader copies it.  Only the environment changes:
``OPENAI_BASE_URL`` (read by the SDKs) points at Prism, and for curl the documented
base URL is replaced by Prism's.  Adding a language = writing one ``@runner`` function.

Compiled languages are built once per module: every TypeScript example is a file of
one tsc project (type-checked against the generated package's declarations, with
``node_modules/<package>`` linked to the generated package), every Go example the
``main`` package of its own directory in one module (``replace`` -> the generated
module), built by a single ``go build``.  Each test then runs its own program.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from sdkforge.contract import contract_of
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api
from sdkforge.targets.docs.lang_http import FILE_PATH
from test_docs import LANGS, REPO, SPEC

API_KEY = "sk-test-docs"
BIN = REPO / "node_modules" / ".bin"
SDKS = ("python", "typescript", "ruby", "go")


@dataclass
class Generated:
    out: Path
    docs: Path
    base_url: str  # the base URL the docs show
    credentials: dict[str, str]  # every credential's environment variable -> the value the test sets
    env_base_url: str


def generate_for(spec: Path, out: Path, targets: list[str]) -> Generated:
    diags = Diagnostics()
    loaded = load_api(spec, diags)
    generate(loaded, out, ["docs", *targets], diags)
    contract = contract_of(loaded.api, loaded.config)
    assert contract.base_url
    return Generated(out, out / "docs", contract.base_url, {c.env: API_KEY for c in contract.credentials},
                     contract.names.env_base_url)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    gen = generate_for(SPEC, tmp_path_factory.mktemp("examples"), [lang for lang in RUNNERS if lang in SDKS])
    assert gen.credentials == {"OPENAI_API_KEY": API_KEY} and gen.env_base_url == "OPENAI_BASE_URL"
    return gen


def methods(docs: Path, lang: str) -> list[Path]:
    return sorted((docs / lang / "resources").rglob("methods/*.md"))


def example_code(page: Path, fence: str) -> str:
    """The first code block after the "Example" heading of a method page."""
    tokens = MarkdownIt("commonmark").parse(page.read_text())
    after_heading = False
    for index, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h2" and tokens[index + 1].content == "Example":
            after_heading = True
        elif after_heading and tok.type == "fence":
            assert tok.info == fence, (page, tok.info)
            return tok.content
    raise AssertionError(f"no example in {page}")


# ------------------------------------------------------------------ runners
@dataclass
class Run:
    gen: Generated
    prism_url: str
    work: Path
    built: dict[str, Path]  # example code -> its compiled program (compiled languages)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        env.update(self.gen.credentials)
        env[self.gen.env_base_url] = self.prism_url
        env.update(extra)
        return env


Runner = Callable[[Run, str], str]
RUNNERS: dict[str, tuple[str, Runner]] = {}  # docs language -> (code fence, runner)
# Languages whose SDK target does not yet exist; their samples are checked for
# syntax/format below and get a runner here when the SDK lands.
PENDING: set[str] = set()


def runner(lang: str, fence: str) -> Callable[[Runner], Runner]:
    def register(fn: Runner) -> Runner:
        RUNNERS[lang] = (fence, fn)
        return fn

    return register


@runner("http", "bash")
def run_curl(run: Run, code: str) -> str:
    assert run.gen.base_url in code
    code = code.replace(run.gen.base_url, run.prism_url)
    target = run.work / FILE_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"raw file contents")
    # the documented command, with curl told to fail on HTTP errors and to print the status
    script = code.rstrip() + " \\\n    --fail-with-body --silent --show-error -o response.out -w '%{http_code} %{content_type}'"
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=run.work, env=run.env(),
                          check=False, capture_output=True, text=True, timeout=60)
    body = (run.work / "response.out").read_text() if (run.work / "response.out").exists() else ""
    assert proc.returncode == 0, f"{script}\n{proc.stdout}\n{proc.stderr}\n{body}"
    assert proc.stdout.startswith("2"), proc.stdout
    if body and "json" in proc.stdout.partition(" ")[2]:
        json.loads(body)
    return body


@runner("python", "python")
def run_python(run: Run, code: str) -> str:
    (run.work / "example.py").write_text(code)
    env = run.env(PYTHONPATH=str(run.gen.out / "python" / "src"))
    proc = subprocess.run([sys.executable, "example.py"], cwd=run.work, env=env, check=False, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, f"{code}\n{proc.stderr}"
    return proc.stdout


def _run_program(run: Run, cmd: list[str], code: str, **env: str) -> str:
    target = run.work / FILE_PATH  # the file the examples upload
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"raw file contents")
    proc = subprocess.run(cmd, cwd=run.work, env=run.env(**env), check=False, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, f"{code}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@runner("typescript", "typescript")
def run_typescript(run: Run, code: str) -> str:
    return _run_program(run, ["node", str(run.built[code])], code)


@runner("ruby", "ruby")
def run_ruby(run: Run, code: str) -> str:
    ruby = shutil.which("ruby")
    assert ruby, "ruby is required"
    (run.work / "example.rb").write_text(code)
    return _run_program(run, [ruby, "-I", str(run.gen.out / "ruby" / "lib"), "example.rb"], code)


@runner("go", "go")
def run_go(run: Run, code: str) -> str:
    return _run_program(run, [str(run.built[code])], code)


# ------------------------------------------------------------------ builds (once per module)
def _slug(page: Path, docs: Path) -> str:
    rel = page.relative_to(docs / "resources").with_suffix("")
    return "_".join(part for part in rel.parts if part not in ("methods", "subresources"))


def build_typescript(gen: Generated, work: Path) -> dict[str, Path]:
    """Compile the generated package, then every example against it in one tsc project."""
    sdk = gen.out / "typescript"
    tsc = BIN / "tsc"
    proc = subprocess.run([str(tsc), "-p", "tsconfig.json"], cwd=sdk, check=False, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    package = json.loads((sdk / "package.json").read_text())["name"]
    project = work / "ts-examples"
    (project / "src").mkdir(parents=True)
    link = project / "node_modules" / package
    link.parent.mkdir(parents=True)
    link.symlink_to(sdk, target_is_directory=True)
    types = project / "node_modules" / "@types"
    types.mkdir()
    (types / "node").symlink_to(REPO / "node_modules" / "@types" / "node", target_is_directory=True)
    (project / "package.json").write_text(json.dumps({"name": "docs-examples", "private": True, "type": "module"}))
    (project / "tsconfig.json").write_text(json.dumps({"compilerOptions": {
        "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": True,
        "types": ["node"], "rootDir": "src", "outDir": "dist", "skipLibCheck": True}, "include": ["src"]}))
    out: dict[str, Path] = {}
    for page in methods(gen.docs, "typescript"):
        code = example_code(page, "typescript")
        name = _slug(page, gen.docs / "typescript")
        (project / "src" / f"{name}.ts").write_text(code)
        out[code] = project / "dist" / f"{name}.js"
    proc = subprocess.run([str(tsc), "-p", "tsconfig.json"], cwd=project, check=False, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def build_go(gen: Generated, work: Path) -> dict[str, Path]:
    """Every example is the main package of its own directory; one ``go build`` builds them all."""
    go = shutil.which("go")
    assert go, "go is required"
    sdk = gen.out / "go"
    module = (sdk / "go.mod").read_text().split()[1]
    project = work / "go-examples"
    project.mkdir()
    (project / "go.mod").write_text(f"module docsexamples\n\ngo 1.22\n\nrequire {module} v0.0.0\n\n"
                                    f"replace {module} => {sdk}\n")
    out: dict[str, Path] = {}
    for page in methods(gen.docs, "go"):
        code = example_code(page, "go")
        name = _slug(page, gen.docs / "go")
        (project / name).mkdir()
        (project / name / "main.go").write_text(code)
        out[code] = project / "bin" / name
    env = dict(os.environ)
    env.update({"GOFLAGS": "-mod=mod", "GOPROXY": "off", "GOTOOLCHAIN": "local", "GOSUMDB": "off",
                "CGO_ENABLED": "0", "GOPATH": str(work / "gopath")})
    # the build cache is shared (SDKFORGE_GOCACHE, else the user's): the standard library is compiled once
    if os.environ.get("SDKFORGE_GOCACHE"):
        env["GOCACHE"] = os.environ["SDKFORGE_GOCACHE"]
    proc = subprocess.run([go, "build", "-o", str(project / "bin") + "/", "./..."], cwd=project, env=env,
                          check=False, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


BUILDERS: dict[str, Callable[[Generated, Path], dict[str, Path]]] = {"typescript": build_typescript,
                                                                    "go": build_go}


class Builds:
    """Each compiled language is built the first time one of its examples runs."""

    def __init__(self, gen: Generated, factory: pytest.TempPathFactory):
        self.gen, self.factory = gen, factory
        self.done: dict[str, dict[str, Path]] = {}

    def get(self, lang: str) -> dict[str, Path]:
        if lang not in BUILDERS:
            return {}
        if lang not in self.done:
            self.done[lang] = BUILDERS[lang](self.gen, self.factory.mktemp(f"build-{lang}"))
        return self.done[lang]


@pytest.fixture(scope="module")
def built(generated: Generated, tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(generated, tmp_path_factory)


def cases() -> list[tuple[str, str]]:
    """(language, method page) for every runnable language; pages are listed from the spec's layout."""
    out = []
    for lang in RUNNERS:
        for op in ("files/methods/delete", "files/methods/list", "files/methods/retrieve",
                   "uploads/methods/cancel", "uploads/methods/complete", "uploads/methods/create",
                   "uploads/subresources/parts/methods/create"):
            out.append((lang, op))
    return out


def test_every_language_is_run_or_pending() -> None:
    assert set(RUNNERS) | PENDING == set(LANGS)
    assert not set(RUNNERS) & PENDING


def test_cases_cover_every_method_page(generated: Generated) -> None:
    for lang in RUNNERS:
        pages = {str(p.relative_to(generated.docs / lang / "resources").with_suffix("")) for p in methods(generated.docs, lang)}
        assert pages == {op for l, op in cases() if l == lang}


@pytest.mark.parametrize(("lang", "op"), cases())
def test_example_runs_against_prism(generated: Generated, built: Builds, prism,  # type: ignore[no-untyped-def]
                                    lang: str, op: str, tmp_path: Path) -> None:
    fence, run = RUNNERS[lang]
    code = example_code(generated.docs / lang / "resources" / f"{op}.md", fence)
    output = run(Run(generated, prism.url, tmp_path, built.get(lang)), code)
    if lang != "http" and any(call in code for call in ("print(", "puts(", "console.log(", "fmt.Print")):
        assert output.strip(), "the example prints what it got back"


# ------------------------------------------------------------------ formatter-stable samples
def _all_examples(docs: Path, lang: str, fence: str) -> list[tuple[Path, str]]:
    return [(page, example_code(page, fence)) for page in methods(docs, lang)]


def test_python_examples_are_black_clean(generated: Generated, tmp_path: Path) -> None:
    black = Path(sys.executable).with_name("black")
    for index, (page, code) in enumerate(_all_examples(generated.docs, "python", "python")):
        (tmp_path / f"ex{index}.py").write_text(code)
    proc = subprocess.run([str(black), "--check", "--quiet", str(tmp_path)], check=False, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_go_examples_are_gofmt_clean(generated: Generated, tmp_path: Path) -> None:
    gofmt = shutil.which("gofmt")
    assert gofmt, "gofmt is required"
    files = []
    for index, (page, code) in enumerate(_all_examples(generated.docs, "go", "go")):
        path = tmp_path / f"ex{index}.go"
        path.write_text(code)
        files.append(str(path))
    proc = subprocess.run([gofmt, "-l", "-e", *files], check=False, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout == "", proc.stdout + proc.stderr


def test_typescript_examples_are_prettier_clean(generated: Generated, tmp_path: Path) -> None:
    prettier = REPO / "node_modules" / ".bin" / "prettier"
    files = []
    for index, (page, code) in enumerate(_all_examples(generated.docs, "typescript", "typescript")):
        path = tmp_path / f"ex{index}.ts"
        path.write_text(code)
        files.append(str(path))
    proc = subprocess.run([str(prettier), "--check", "--single-quote", "--print-width", "80", *files],
                          check=False, capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruby_examples_parse(generated: Generated, tmp_path: Path) -> None:
    ruby = shutil.which("ruby")
    assert ruby, "ruby is required"
    for index, (page, code) in enumerate(_all_examples(generated.docs, "ruby", "ruby")):
        path = tmp_path / f"ex{index}.rb"
        path.write_text(code)
        proc = subprocess.run([ruby, "-wc", str(path)], check=False, capture_output=True, text=True)
        assert proc.returncode == 0 and "Syntax OK" in proc.stdout, (page, proc.stderr)


# ------------------------------------------------------------------ the wire-conformance spec
# Every auth kind (bearer, basic, API keys in a header, the query and a cookie, two at once, none),
# parameter style, body encoding and response kind: each documented example, as a reader copies it,
# is accepted by Prism (which checks the credentials each operation's security asks for).
WIRE_SPEC = REPO / "tests" / "cases" / "wire" / "spec.yaml"
WIRE_RUN = ("python", "ruby", "http", "typescript", "go")


def prism_fails(spec: Path) -> set[tuple[str, str]]:
    """(METHOD, path) of the operations the spec marks ``x-prism-fails``: the request docs/WIRE.md
    asks for, which Prism 5.14 itself mishandles (the reason is in the spec)."""
    import yaml

    paths = yaml.safe_load(spec.read_text())["paths"]
    return {(method.upper(), path) for path, item in paths.items() for method, op in item.items()
            if isinstance(op, dict) and "x-prism-fails" in op}


def page_operation(page: Path) -> tuple[str, str]:
    """(METHOD, path) a method page documents."""
    import re

    found = re.search(r"^\*\*([A-Z]+)\*\* `([^`]+)`$", page.read_text(), re.MULTILINE)
    assert found, page
    return found[1], found[2]


@pytest.fixture(scope="module")
def wire_generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate_for(WIRE_SPEC, tmp_path_factory.mktemp("wire-examples"), list(SDKS))


@pytest.mark.parametrize("lang", WIRE_RUN)
def test_wire_spec_examples_run_against_prism(wire_generated: Generated, prism_for,  # type: ignore[no-untyped-def]
                                              lang: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    prism = prism_for(WIRE_SPEC)
    built = Builds(wire_generated, tmp_path_factory).get(lang)
    fence, run = RUNNERS[lang]
    pages = methods(wire_generated.docs, lang)
    assert len(pages) >= 15
    failures = []
    skipped = prism_fails(WIRE_SPEC)
    assert len(skipped) >= 3
    for page in pages:
        if page_operation(page) in skipped:
            continue
        work = tmp_path / _slug(page, wire_generated.docs / lang)
        work.mkdir()
        try:
            run(Run(wire_generated, prism.url, work, built), example_code(page, fence))
        except Exception as exc:  # noqa: BLE001 (every page's failure is reported)
            failures.append(f"{page.relative_to(wire_generated.docs)}: {exc!r}")
    assert not failures, "\n\n".join(failures)


WIRE_AUTH = {  # method page -> the auth its curl example shows (the operation's first alternative)
    "items/methods/retrieve": ['-H "Authorization: Bearer $WIRE_CHECK_BEARER"'],
    "basic/methods/retrieve": ['-u "$WIRE_CHECK_USERNAME:$WIRE_CHECK_PASSWORD"'],
    "search/methods/list": ['-H "X-API-Key: $WIRE_CHECK_HEADER_KEY"'],
    "two_keys/methods/retrieve": ['"https://wire.invalid/v1/two-keys?api_key=$WIRE_CHECK_QUERY_KEY"',
                                  '-H "X-API-Key: $WIRE_CHECK_HEADER_KEY"'],
    "cookie_auth/methods/retrieve": ['--cookie "session_key=$WIRE_CHECK_COOKIE_KEY"'],
    "public/methods/retrieve": [],
    "dots/methods/retrieve": ["curl https://wire.invalid/v1/dots/%2E%2E"],
}
WIRE_CLIENTS = {  # method page -> how the Python example makes its client
    "items/methods/retrieve": 'client = WireCheck(bearer="My Bearer")',
    "basic/methods/retrieve": 'client = WireCheck(username="My Username", password="My Password")',
    "search/methods/list": 'client = WireCheck(header_key="My Header Key")',
    "cookie_auth/methods/retrieve": 'client = WireCheck(cookie_key="My Cookie Key")',
    "public/methods/retrieve": "client = WireCheck()",
}


def test_wire_spec_examples_show_each_operations_auth(wire_generated: Generated) -> None:
    docs = wire_generated.docs
    for page, shown in WIRE_AUTH.items():
        code = example_code(docs / "http" / "resources" / f"{page}.md", "bash")
        for line in shown:
            assert line in code, (page, code)
        if not shown:
            assert "Authorization" not in code and "$WIRE_CHECK" not in code and "--cookie" not in code, code
    for page, client in WIRE_CLIENTS.items():
        code = example_code(docs / "python" / "resources" / f"{page}.md", "python")
        assert client in code, (page, code)
        assert ("# Reads WIRE_CHECK_" in code) == (page != "public/methods/retrieve"), code


# ------------------------------------------------------------------ names: the SDKs', not the wire's
CAMEL = """\
openapi: 3.0.3
info: {title: Box Platform API, version: "1"}
servers: [{url: "https://api.box.example/2.0"}]
security: [{token: []}]
components:
  securitySchemes:
    token: {type: http, scheme: bearer}
paths:
  /pets/{petId}:
    put:
      operationId: updatePet
      parameters:
        - {name: petId, in: path, required: true, schema: {type: integer}}
        - {name: dryRun, in: query, required: true, schema: {type: boolean}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name, photoUrls]
              properties:
                name: {type: string, example: doggie}
                photoUrls: {type: array, items: {type: string}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {type: object, required: [id], properties: {id: {type: integer}}}
"""


@pytest.fixture(scope="module")
def camel_generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    root = tmp_path_factory.mktemp("camel")
    (root / "box.yaml").write_text(CAMEL)
    return generate_for(root / "box.yaml", root / "out", ["python", "ruby"])


def test_examples_use_each_sdks_names_and_the_contracts_env_vars(camel_generated: Generated) -> None:
    """camelCase wire names are the SDKs' identifiers in the examples (Python ``photo_urls=``, not
    ``photoUrls=``, which the SDK rejects), and the client, credential options and environment
    variables are the contract's ("Box Platform API": ``BOX_PLATFORM_API_KEY``)."""
    assert camel_generated.credentials == {"BOX_PLATFORM_API_KEY": API_KEY}
    docs = camel_generated.docs
    page = "resources/pets/methods/update.md"
    expected = {
        "python": ["from box_platform import BoxPlatform", 'client = BoxPlatform(api_key="My API Key")',
                   "# Reads BOX_PLATFORM_API_KEY from the environment when not given.",
                   '1, dry_run=True, name="doggie", photo_urls=["photoUrls"]'],
        "typescript": ["const client = new BoxPlatform({ apiKey: 'My API Key' });", "dryRun: true",
                       "photoUrls: ['photoUrls']"],
        # (the Ruby SDK keeps a wire name that is a Ruby identifier: its keyword is dryRun)
        "ruby": ['box_platform = BoxPlatform::Client.new(api_key: "My API Key")', "dryRun: true",
                 'photoUrls: ["photoUrls"]'],
        "go": ['option.WithAPIKey("My API Key")', "DryRun:", 'PhotoURLs: []string{"photoUrls"}'],
        "http": ['-H "Authorization: Bearer $BOX_PLATFORM_API_KEY"', '"photoUrls": [',
                 "curl 'https://api.box.example/2.0/pets/1?dryRun=true'"],
    }
    for lang, lines in expected.items():
        text = (docs / lang / page).read_text()
        for line in lines:
            assert line in text, (lang, line)
        assert "API_API_KEY" not in text
    python = (docs / "python" / page).read_text()
    for label in ("`photo_urls: List[str]`", "`dry_run: bool`", "`pet_id: int`"):
        assert label in python, label
    assert "photoUrls=" not in python and "dryRun=" not in python


@pytest.mark.parametrize("lang", ["python", "ruby", "http"])
def test_camel_case_examples_run_against_prism(camel_generated: Generated, prism_for,  # type: ignore[no-untyped-def]
                                               lang: str, tmp_path: Path) -> None:
    prism = prism_for(camel_generated.out.parent / "box.yaml")
    fence, run = RUNNERS[lang]
    code = example_code(camel_generated.docs / lang / "resources" / "pets" / "methods" / "update.md", fence)
    output = run(Run(camel_generated, prism.url, tmp_path, {}), code)
    assert output.strip()
