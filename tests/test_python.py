"""The Python SDK target on the sample spec: real type checkers, formatters and linters on the
generated package, its own generated tests against Prism in a clean virtualenv, and a hostile
spec that tries to break out of every string slot."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from support.prism import REPO_ROOT

VENV_BIN = Path(sys.executable).parent
SDKFORGE = VENV_BIN / "sdkforge"
PYRIGHT = REPO_ROOT / "node_modules" / ".bin" / "pyright"
SAMPLE = REPO_ROOT / "spec" / "openai-uploads.yaml"


def generate(spec: Path, out: Path) -> Path:
    """Run the CLI for the Python target; return the generated project folder."""
    result = subprocess.run(
        [str(SDKFORGE), "generate", str(spec), "--target", "python", "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "python"


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> str:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(cmd)} failed:\n{output[-6000:]}"
    return output


@pytest.fixture(scope="session")
def sample_py(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(SAMPLE, tmp_path_factory.mktemp("py-sample"))


def test_output_is_deterministic(sample_py: Path, tmp_path: Path) -> None:
    again = generate(SAMPLE, tmp_path)
    first = {p.relative_to(sample_py): p.read_bytes() for p in sample_py.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second
    assert all(b"\r\n" not in data for data in first.values())


def test_sample_is_black_and_ruff_clean(sample_py: Path) -> None:
    run([str(VENV_BIN / "black"), "--check", "."], sample_py)
    run([str(VENV_BIN / "ruff"), "check", "--no-cache", "."], sample_py)


def test_sample_passes_mypy_strict(sample_py: Path, tmp_path: Path) -> None:
    out = run([str(VENV_BIN / "mypy"), "--strict", "--cache-dir", str(tmp_path), "src", "tests"], sample_py)
    assert "Success: no issues found" in out


def test_sample_passes_pyright_strict(sample_py: Path) -> None:
    config = tomllib.loads((sample_py / "pyproject.toml").read_text())["tool"]["pyright"]
    assert config["typeCheckingMode"] == "strict"
    # no check switched off beyond what large hand-written SDKs switch off
    assert {k for k, v in config.items() if v is False} <= {"reportPrivateUsage", "reportImportCycles"}
    out = run([str(PYRIGHT), "--pythonpath", sys.executable, "."], sample_py)
    assert "0 errors, 0 warnings" in out, out


@pytest.fixture(scope="session")
def sample_venv(sample_py: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv (no system site-packages) with the generated package installed as
    a built wheel and its declared dependencies (plus pytest) from the package index."""
    root = tmp_path_factory.mktemp("py-venv")
    venv = root / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], root)
    python = venv / "bin" / "python"
    deps = tomllib.loads((sample_py / "pyproject.toml").read_text())["project"]["dependencies"]
    pip = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check"]
    run(pip + ["install", "-q", "--only-binary", ":all:", *deps, "pytest"], root)
    wheels = root / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels),
         str(sample_py)], root)
    run(pip + ["install", "-q", "--no-deps", *map(str, wheels.glob("*.whl"))], root)
    return python


def test_generated_tests_pass_against_prism(sample_py: Path, sample_venv: Path, prism_for, tmp_path: Path) -> None:
    prism = prism_for(SAMPLE)
    tests = tmp_path / "tests"
    shutil.copytree(sample_py / "tests", tests)  # outside the project: the installed package is under test
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PYTHON"))}
    env["TEST_API_BASE_URL"] = prism.url
    out = run([str(sample_venv), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)], tmp_path, env=env)
    # one test with required arguments and one with all, per method, plus the async client
    assert "15 passed" in out, out
    where = run([str(sample_venv), "-c", "import openai; print(openai.__file__)"], tmp_path, env=env)
    assert "site-packages" in where


def test_hostile_spec_output_is_safe_and_clean(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from hostile.spec import write

    spec = write(tmp_path / "spec")
    project = generate(spec, tmp_path / "out")
    run([str(VENV_BIN / "black"), "--check", "-q", "."], project)
    run([str(VENV_BIN / "ruff"), "check", "--no-cache", "-q", "."], project)
    run([str(VENV_BIN / "mypy"), "--strict", "--cache-dir", str(tmp_path / "mypy"), "src"], project)
    # import every module (docstrings and literals evaluated): nothing runs, nothing is written
    package = next(p for p in (project / "src").iterdir() if p.is_dir())
    modules = sorted(
        ".".join(p.relative_to(project / "src").with_suffix("").parts).removesuffix(".__init__")
        for p in package.rglob("*.py")
    )
    script = "import importlib, sys\nfor m in sys.argv[1:]:\n    importlib.import_module(m)\nprint('imported')"
    work = tmp_path / "cwd"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    out = run([sys.executable, "-c", script, *modules], work, env=env)
    assert "PWNED" not in out and "imported" in out
    assert not list(work.iterdir()), "a payload created a file"


def test_pyproject_strings_are_valid_toml_of_visible_text() -> None:
    """A manifest value is one line of visible text (DEL, which JSON leaves raw and TOML refuses, controls and
    line separators dropped or made spaces), quoted as TOML reads it back."""
    import tomllib

    from sdkforge.targets.python.escape import toml_string

    for value, shown in (("del\x7f", "del"), ("nul\x00 bell\x07 esc\x1b[31m cr\rlf \u2028 \"q\" \\ tab\t",
                                              'nul bell esc[31m cr lf "q" \\ tab')):
        assert tomllib.loads(f"x = {toml_string(value)}")["x"] == shown


def test_default_package_never_shadows_a_module_it_imports() -> None:
    """A title like "struct" or "JSON API" would name a package that shadows the standard library (or
    httpx/pydantic) for everything importing it once its src folder is on sys.path."""
    from sdkforge.targets.python.names import default_names

    assert default_names("struct") == ("struct_sdk", "Struct")
    assert default_names("JSON API")[0] == "json_sdk"
    assert default_names("httpx")[0] == "httpx_sdk"
    assert default_names("OpenAI API") == ("openai", "OpenAI")


def test_configured_names_that_are_not_python_names_are_made_safe(tmp_path: Path) -> None:
    """``python.package``/``client``/``async_client`` from the config reach import lines and class
    statements: one that is not an identifier (or is a keyword) is made one, with a warning, and the
    docs' examples use the same names."""
    spec = tmp_path / "api.yaml"
    spec.write_text(
        'openapi: 3.0.3\ninfo: {title: Things, version: "1"}\npaths:\n  /things:\n    get:\n'
        "      operationId: listThings\n      responses: {'200': {description: ok}}\n"
    )
    (tmp_path / "api.sdkforge.yaml").write_text(
        "targets:\n  python:\n    package: import\n    client: 'Bad Client; import os'\n    async_client: class\n"
    )
    result = subprocess.run(
        [str(SDKFORGE), "generate", str(spec), "--target", "python,docs", "--out", str(tmp_path / "out")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    for wanted, made in (("import", "import_"), ("Bad Client; import os", "BadClientImportOs"), ("class", "Class")):
        assert f"{wanted!r} is not a usable Python name; using {made!r}" in result.stderr
    src = tmp_path / "out" / "python" / "src"
    code = f"import sys; sys.path.insert(0, {str(src)!r}); from import_ import BadClientImportOs, Class; print('ok')"
    assert run([sys.executable, "-c", code], tmp_path).strip() == "ok"
    page = (tmp_path / "out" / "docs" / "python" / "resources" / "things" / "methods" / "retrieve.md").read_text()
    assert "from import_ import BadClientImportOs" in page


DISCRIMINATED_PAGES = """openapi: 3.1.0
info: {title: Payments, version: '1'}
servers: [{url: 'https://api.invalid'}]
paths:
  /sources:
    get:
      operationId: listSources
      parameters:
        - {name: starting_after, in: query, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data:
                    type: array
                    items:
                      oneOf: [{$ref: '#/components/schemas/Card'}, {$ref: '#/components/schemas/Bank'}]
                      discriminator: {propertyName: object}
                  has_more: {type: boolean}
components:
  schemas:
    Card: {type: object, required: [object], properties: {object: {const: card}, id: {type: string}}}
    Bank: {type: object, required: [object], properties: {object: {const: bank}, id: {type: string}}}
"""


def test_pages_of_discriminated_items_pass_mypy_strict(tmp_path: Path) -> None:
    """Stripe's and Slack's lists of a discriminated union: the page casts held an Annotated[...]
    mypy refuses as a cast target ("Cast target is not a type")."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(DISCRIMINATED_PAGES)
    project = generate(spec, tmp_path / "out")
    run([str(VENV_BIN / "mypy"), "--strict", "--cache-dir", str(tmp_path / "mypy"), "src"], project)


@pytest.mark.parametrize(("sync", "async_"), [
    ("Stream[Event]", "AsyncStream[Event]"),
    ("BinaryResponse", "AsyncBinaryResponse"),
    ("Union[Completion, Stream[Chunk]]", "Union[Completion, AsyncStream[Chunk]]"),
    # models whose names start like the SDK's classes are models (Cloudflare)
    ("StreamWebhookResponseSingle", "StreamWebhookResponseSingle"),
    ("List[BinaryResponseMeta]", "List[BinaryResponseMeta]"),
])
def test_async_return_types_rename_only_the_sdks_own_classes(sync: str, async_: str) -> None:
    from sdkforge.targets.python.plan import _async_twin

    assert _async_twin(sync) == async_
