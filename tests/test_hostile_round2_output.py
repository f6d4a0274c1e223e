"""Hostile input, round two, on the output side: comment text that would form a tool's directive,
wire names that are Object.prototype members, spec names far longer than a file name may be, numbers
that not every target can write, and invisible characters in the package metadata.

One spec carries every case; it is generated once for all five targets and each target is checked with
its real tools (go vet/build and gofmt, tsc, Python import and mypy, ruby -wc and a load, the docs'
HTML checks).  The directive rules below are the tools' own reading of a comment line, written apart
from the generator's policy.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hostile import checks
from sdkforge.targets.go import escape as go_escape
from sdkforge.targets.python import escape as py_escape
from sdkforge.targets.ruby import escape as rb_escape
from sdkforge.targets.typescript import escape as ts_escape

# one line each, as a description might hold them
DIRECTIVES = [
    "+build ignore", "go:build ignore", "go:generate rm -rf /", "line evil.go:1", "export Evil", "nolint",
    "@ts-nocheck", "@ts-ignore", "@ts-expect-error", "/// <reference path=\"evil.d.ts\" />", "// @ts-nocheck",
    "eslint-disable", "/* eslint-disable */", "global evil", "prettier-ignore", "@internal", "istanbul ignore next",
    "frozen_string_literal: false", "encoding: ascii-8bit", "-*- coding: binary -*-", "shareable_constant_value: none",
    "typed: ignore", "rubocop:disable all", "warn_indent: false",
    "type: ignore", "noqa", "fmt: off", "fmt: skip", "pragma: no cover", "coding: latin-1", "mypy: ignore-errors",
    "#!/bin/sh", "!/bin/sh", "text # noqa: E501", "text # type: ignore", ">>> import os; os.system('touch CANARY')",
]

# how each tool reads one comment line (the whole line, leader included)
GO_READS = re.compile(r"^\s*//\s*\+build\b|^\s*//(go:|line |export |extern |nolint)")
TS_READS = re.compile(r"^\s*(//+|/\*+|\*)\s*(@ts-|@jsx|@internal|<reference|<amd-|eslint|globals?\s|exported\s|"
                      r"prettier-ignore|istanbul\s|c8\s)")
RB_READS = re.compile(r"^\s*#\s*(coding|encoding|frozen[-_]string[-_]literal|shareable[-_]constant[-_]value|warn[-_]indent|"
                      r"warn[-_]past[-_]scope|typed|rubocop)\s*[:=]|^\s*#.*-\*-.*-\*-", re.IGNORECASE)
PY_READS = re.compile(r"^\s*#\s*(type:|fmt:|pragma\b|mypy:|pyright:|isort:|pylint:|ruff:)|#\s*noqa|"
                      r"^[ \t\f]*#.*?coding[:=]", re.IGNORECASE)
DOCTEST_READS = re.compile(r"^\s*>>>")


@pytest.mark.parametrize("text", DIRECTIVES)
def test_comment_cannot_form_directive(text: str) -> None:
    """Every comment and docstring escaper, fed a directive alone and inside a description."""
    for description in (text, f"Lists pets.\n{text}\nMore.", f"  {text}"):
        go = go_escape.doc_comment(description).splitlines() + ["// " + go_escape.comment_text(description)]
        ts = ts_escape.jsdoc(description).splitlines() + ["// " + ts_escape.comment_text(description),
                                                        "/** " + ts_escape.comment_text(description) + " */"]
        rb = rb_escape.doc(description, "").splitlines() + ["# " + rb_escape.comment(description)]
        py = ["# " + py_escape.comment(description), "x = 1  # " + py_escape.comment(description)]
        docstring = py_escape.docstring_lines(description)
        assert not [line for line in go if GO_READS.search(line)], go
        assert not [line for line in ts if TS_READS.search(line)], ts
        assert not [line for line in rb if RB_READS.search(line)], rb
        assert not [line for line in py if PY_READS.search(line)], py
        assert not [line for line in docstring if DOCTEST_READS.search(line) or PY_READS.search(line)], docstring


def test_plain_comment_text_is_left_alone() -> None:
    text = "Lists the pets (type: dog or cat); see the build notes, go: to the store."
    assert go_escape.comment_text(text) == text
    assert ts_escape.comment_text(text) == text
    assert rb_escape.comment(text) == text
    assert py_escape.comment(text) == text


# ------------------------------------------------------------------ one spec, every case
LONG = "Pet" * 100  # a 300-character schema name
BIG = 18446744073709551616
INVISIBLE = "\u2028\u2029\u202e\u202a\u2066\u2069\u061c\u200e\u200f\u200b\ufeff\x01\x1b\x7f\x85"
OBJECT_MEMBERS = ["toString", "valueOf", "constructor", "hasOwnProperty", "isPrototypeOf", "toLocaleString",
                  "__proto__"]
OTHER_NAMES = ["__class__", "__dict__", "class", "send", "object_id", "then"]

SPEC = f"""
openapi: 3.0.3
info:
  title: "Pets {INVISIBLE.encode('unicode_escape').decode()} Store"
  version: "1.0{chr(0x202e).encode('unicode_escape').decode()}"
  description: {json.dumps(chr(10).join(DIRECTIVES))}
  license: {{name: "MIT\\u202e"}}
  contact: {{name: "C\\u2028D"}}
servers: [{{url: "https://api.example.com"}}]
paths:
  /pets:
    get:
      operationId: listPets
      description: {json.dumps("Lists pets." + chr(10) + chr(10).join(DIRECTIVES))}
      parameters:
        - {{name: limit, in: query, description: "+build ignore", schema: {{type: integer, default: {BIG}}},
           example: .nan}}
{"".join(f'''        - {{name: {n}, in: query, schema: {{type: string}}}}
''' for n in ["valueOf", "toString", "send", "class", "__class__"])}      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/{LONG}'}}
    post:
      operationId: createPet
      summary: "@ts-nocheck"
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
{"".join(f'''                {n}: {{type: string, description: "frozen_string_literal: false"}}
''' for n in OBJECT_MEMBERS + OTHER_NAMES)}                kind: {{type: string, enum: {json.dumps(OBJECT_MEMBERS + OTHER_NAMES)}}}
                nums: {{$ref: '#/components/schemas/Numbers'}}
      responses:
        '200': {{description: ok}}
  /{"very_long_resource_" * 20}/items:
    get:
      operationId: {"get_every_item_of_the_very_long_resource_" * 8}
      responses:
        '200': {{description: ok}}
    post:
      operationId: {"create_an_item_of_the_very_long_resource_" * 8}
      responses:
        '200': {{description: ok}}
components:
  schemas:
    {LONG}:
      type: object
      description: {json.dumps(chr(10).join(DIRECTIVES))}
      properties:
{"".join(f'''        {n}: {{type: integer, description: "// @ts-ignore"}}
''' for n in OBJECT_MEMBERS + OTHER_NAMES)}
    Numbers:
      type: object
      properties:
        big: {{type: integer, enum: [{BIG}, 1, -9223372036854775808, 9223372036854775807, -9223372036854775807]}}
        inf: {{type: number, enum: [.inf, -.inf, 1.5, .nan]}}
        allbad: {{type: number, enum: [.inf, .NaN]}}
        zero: {{type: number, enum: [-0.0, 0.0, 2]}}
        negzero: {{type: number, enum: [-0.0], default: -0.0, example: -0.0}}
        huge: {{type: number, default: 1e400, example: 1.0e+400}}
        c: {{const: .inf}}
        deep: {{type: object, default: {{a: [1, 99999999999999999999999]}}, example: {{b: -.inf}}}}
        edge: {{type: number, enum: [1.7976931348623157e308, 5e-324, -1.7976931348623157e308]}}
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("round2")
    spec = root / "spec.yaml"
    spec.write_text(SPEC)
    canary = root / "canary"
    canary.mkdir()
    out = root / "out"
    proc = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--out", str(out)], cwd=canary,
                          capture_output=True, text=True, errors="replace", timeout=600, check=False,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert proc.returncode == 0 and "internal error" not in proc.stderr, proc.stderr[-5000:]
    return {"root": root, "out": out, "stderr": proc.stderr, "spec": spec}


def _folder(generated: dict[str, object], name: str) -> Path:
    folder = generated["root"] / name  # type: ignore[operator]
    folder.mkdir(exist_ok=True)
    return folder


def test_go_with_directive_descriptions_and_edge_numbers_vets_and_builds(generated: dict[str, object]) -> None:
    out: Path = generated["out"]  # type: ignore[assignment]
    assert checks.check_go(out / "go", _folder(generated, "go-work"), _folder(generated, "go-canary")) == []


def test_typescript_object_literals_fit_params_and_models_named_like_object_members(
        generated: dict[str, object]) -> None:
    """tsc on the SDK and on user code that leaves every Object.prototype-named member out."""
    out: Path = generated["out"]  # type: ignore[assignment]
    work = _folder(generated, "ts-work")
    root = work / "sdk"
    shutil.copytree(out / "typescript", root)
    models = (root / "src" / "models.ts").read_text()
    long_model = re.search(r"export interface (Pet\w+) \{", models)
    assert long_model, models[:2000]
    params = re.search(r"export interface (\w*Create\w*Params) \{", "\n".join(
        p.read_text() for p in (root / "src" / "resources").glob("*.ts")))
    assert params
    (root / "src" / "zz_user.ts").write_text(
        f'import type {{ {long_model.group(1)} }} from "./models.js";\n'
        f'import type {{ {params.group(1)} }} from "./index.js";\n'
        f"export const empty: {params.group(1)} = {{}};\n"
        f'export const some: {params.group(1)} = {{ toString: "x", send: "y" }};\n'
        f"export const model: {long_model.group(1)} = {{ valueOf: 1 }};\n"
        f"export const none: {long_model.group(1)} = {{}};\n")
    assert checks.check_typescript(root, work, _folder(generated, "ts-canary")) == []


def test_typescript_unset_parameter_named_like_object_member_is_not_sent(generated: dict[str, object]) -> None:
    """The runtime reads parameters from the params' own properties: an unset `valueOf` query parameter is
    not the inherited method."""
    out: Path = generated["out"]  # type: ignore[assignment]
    work = _folder(generated, "ts-run")
    shutil.copytree(out / "typescript", work / "sdk", dirs_exist_ok=True)
    proc = checks.run([checks.TSC, "-p", "tsconfig.json"], work / "sdk")
    assert proc.returncode == 0, proc.stdout[-3000:]
    index = (work / "sdk" / "dist" / "index.js").as_uri()
    client_name = re.search(r"export class (\w+) extends BaseClient", (work / "sdk" / "src" / "client.ts").read_text())
    assert client_name
    script = (f'const m = await import("{index}");\n'
              "let seen = '';\n"
              "const fetch = async (url) => { seen = String(url); return new Response('{}', "
              "{ status: 200, headers: { 'content-type': 'application/json' } }); };\n"
              f"const c = new m.{client_name.group(1)}({{ baseURL: 'http://127.0.0.1:9', fetch, maxRetries: 0 }});\n"
              "await c.pets.retrieve({ send: 's' });\n"
              "console.log(seen);\n")
    proc = checks.run([checks.NODE or "node", "--input-type=module", "-e", script], work)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    url = proc.stdout.strip().splitlines()[-1]
    assert "send=s" in url and "valueOf" not in url and "toString" not in url and "function" not in url, url


def test_python_imports_and_type_checks(generated: dict[str, object]) -> None:
    out: Path = generated["out"]  # type: ignore[assignment]
    root = out / "python"
    assert checks.compile_python(root) == []
    assert checks.import_python(root, _folder(generated, "py-canary"))[0] == []
    src, package = checks.python_package(root)
    proc = checks.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull,
                       package], src)
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_ruby_parses_and_loads(generated: dict[str, object]) -> None:
    out: Path = generated["out"]  # type: ignore[assignment]
    assert checks.ruby_syntax(out / "ruby") == []
    assert checks.load_ruby(out / "ruby", _folder(generated, "rb-canary")) == []


def test_docs_are_clean(generated: dict[str, object]) -> None:
    out: Path = generated["out"]  # type: ignore[assignment]
    assert checks.check_docs(out / "docs") == []


_LEADERS = {".go": (re.compile(r"^\s*//.*"), GO_READS), ".ts": (re.compile(r"^\s*(//|/\*|\*).*"), TS_READS),
            ".rb": (re.compile(r"^\s*#.*"), RB_READS), ".rbs": (re.compile(r"^\s*#.*"), RB_READS),
            ".py": (re.compile(r"^\s*#.*|.*\s#\s.*"), PY_READS)}


def test_no_comment_in_any_target_forms_a_directive(generated: dict[str, object]) -> None:
    out: Path = generated["out"]  # type: ignore[assignment]
    found = []
    for path in sorted(out.rglob("*")):
        rule = _LEADERS.get(path.suffix)
        if rule is None or not path.is_file():
            continue
        text = path.read_text("utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if path.suffix == ".rb" and number == 1 and line == "# frozen_string_literal: true":
                continue
            if rule[0].match(line) and rule[1].search(line):
                found.append(f"{path.relative_to(out)}:{number}: {line}")
        if path.suffix == ".py":
            found += [f"{path.relative_to(out)}: doctest line {m.group()!r}"
                      for m in re.finditer(r"^\s*>>>.*", text, re.MULTILINE)]
    assert found == []


def test_numbers_no_target_can_write_are_left_out_with_a_warning(generated: dict[str, object]) -> None:
    stderr: str = generated["stderr"]  # type: ignore[assignment]
    warned = re.findall(r"spec\.yaml:\d+:\d+: warning: (?:an enum value|the default|an example|the const) holds "
                        r"the number (\S+),", stderr)
    assert sorted(set(warned)) == sorted({str(BIG), "-9223372036854775808", "inf", "-inf", "nan",
                                          "99999999999999999999999"}), stderr[-3000:]
    out: Path = generated["out"]  # type: ignore[assignment]
    models = 0
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".go", ".ts", ".py", ".rb", ".rbs"):
            text = path.read_text("utf-8")
            assert str(BIG) not in text and "99999999999999999999999" not in text, path
            if "allbad" in text.lower():  # the model's own files: no non-finite value in them
                models += 1
                assert not re.search(r"Infinity|Float::(NAN|INFINITY)|float\(\"|math\.(Inf|NaN)|\bNaN\b", text), path
    assert models >= 4
    # the representable edges are kept
    go = "\n".join(p.read_text() for p in (out / "go").glob("*.go"))
    assert "9223372036854775807" in go and "-9223372036854775807" in go and "1.7976931348623157e+308" in go


def test_long_spec_names_give_short_file_names(generated: dict[str, object]) -> None:
    out: Path = generated["out"]  # type: ignore[assignment]
    names = [p.name for p in out.rglob("*")]
    assert max(len(n.encode()) for n in names) <= 128, max(names, key=len)
    for target in ("python", "ruby", "docs"):  # the targets that give each model a file (or page) of its own
        assert any(p.name.startswith("pet_pet") for p in (out / target).rglob("*")), target


_SHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def test_package_metadata_holds_only_visible_text(generated: dict[str, object]) -> None:
    out: Path = generated["out"]  # type: ignore[assignment]
    project = tomllib.loads((out / "python" / "pyproject.toml").read_text())["project"]
    package = json.loads((out / "typescript" / "package.json").read_text())
    values = [project["name"], project["version"], project["description"], package["name"], package["version"],
              package["description"]]
    assert "Pets" in project["description"] and "Pets" in package["description"]
    assert not [v for v in values if _SHOWN.search(v)], values
    # as written, too: the gemspec, go.mod, the READMEs, every page's <title>
    files = [out / "ruby" / next(p.name for p in (out / "ruby").glob("*.gemspec")), out / "go" / "go.mod",
             out / "python" / "README.md", out / "typescript" / "README.md", out / "ruby" / "README.md",
             out / "python" / "pyproject.toml", out / "typescript" / "package.json"]
    bad = [f"{f.relative_to(out)}: {line!r}" for f in files for line in f.read_text("utf-8").split("\n")
           if _SHOWN.search(line)]
    titles = [m for page in (out / "docs").rglob("*.html")
              for m in re.findall(r"<title>(.*?)</title>", page.read_text("utf-8"), re.DOTALL)]
    assert titles and all("Pets" in t for t in titles)
    bad += [repr(t) for t in titles if _SHOWN.search(t)]
    assert bad == []
