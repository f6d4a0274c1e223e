"""`deprecated: true` becomes each language's own deprecation signal, and the call still works.

Python: PEP 702's ``typing_extensions.deprecated`` (mypy flags the call, the call warns with a
DeprecationWarning); Ruby: a ``:deprecated`` category warning (shown when the user turns those on)
and YARD's ``@deprecated``; TypeScript: JSDoc ``@deprecated``; Go: a ``Deprecated:`` paragraph.
The calls go to Prism, which validates them against the spec.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api
from sdkforge.surface import surfaces
from support.prism import PrismServer

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Pet Store", "version": "1.0.0"},
    "servers": [{"url": "https://pets.example.com"}],
    "paths": {
        "/pets": {"get": {
            "operationId": "listPets", "deprecated": True, "summary": "List pets (use searchPets)",
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                "type": "array", "items": {"$ref": "#/components/schemas/Pet"}}}}}}}},
        "/pets/{petId}": {"get": {
            "operationId": "getPet",
            "parameters": [{"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/Pet"}}}}}}},
    },
    "components": {"schemas": {"Pet": {"type": "object", "required": ["id"], "properties": {
        "id": {"type": "integer", "example": 7},
        "name": {"type": "string", "deprecated": True},
    }}}},
}


def test_deprecated_operation_is_each_languages_own_signal(tmp_path: Path) -> None:
    spec = tmp_path / "pets.yaml"
    spec.write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    out = tmp_path / "out"
    diags = Diagnostics()
    loaded = load_api(spec, diags)
    generate(loaded, out, ["python", "typescript", "ruby", "go"], diags)
    assert not diags.has_errors, diags.lines()
    names = {s.language: s for s in surfaces(loaded.api, loaded.config, diags)}
    py, rb = names["python"], names["ruby"]
    listing = next(m for m in py.methods.values() if m.origin == "GET /pets")
    assert listing.deprecated and all(m.deprecated for s in names.values() for m in s.methods.values()
                                      if m.origin == "GET /pets")
    getter = next(m for m in py.methods.values() if m.origin == "GET /pets/{petId}")

    # Python: mypy flags the deprecated call (and only it)
    user = tmp_path / "user.py"
    user.write_text(f"from {py.package} import {py.client}\n\nclient = {py.client}(base_url='http://127.0.0.1:1')\n"
                    f"client.{listing.path}()\nclient.{getter.path}('7')\n", encoding="utf-8")
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--enable-error-code", "deprecated",
                           "--no-incremental", str(user)], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "MYPYPATH": str(out / "python" / "src")}, cwd=tmp_path)
    flagged = [line for line in mypy.stdout.splitlines() if "deprecated" in line]
    assert len(flagged) == 1 and "user.py:4:" in flagged[0], mypy.stdout

    with PrismServer(spec) as prism:
        # Python: the call works and warns
        script = (
            "import warnings\n"
            f"from {py.package} import {py.client}\n"
            f"client = {py.client}(base_url={prism.url!r}, max_retries=0)\n"
            "with warnings.catch_warnings(record=True) as caught:\n"
            "    warnings.simplefilter('always')\n"
            f"    pets = client.{listing.path}()\n"
            "    client.{getter}('7')\n".replace("{getter}", getter.path) +
            "print(type(pets).__name__, len(pets))\n"
            "print([str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)])\n"
        )
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                             env={**os.environ, "PYTHONPATH": str(out / "python" / "src")})
        assert run.returncode == 0, run.stderr
        kind, warned = run.stdout.splitlines()
        assert kind.startswith("list ")
        assert warned == "['list() calls an operation the API marks as deprecated']", run.stdout

        # the generated Python tests expect the warning from a deprecated method's call
        generated = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                                   capture_output=True, text=True, timeout=300, cwd=out / "python",
                                   env={**os.environ, "PYTHONPATH": str(out / "python" / "src"),
                                        "TEST_API_BASE_URL": prism.url})
        assert generated.returncode == 0, generated.stdout + generated.stderr

        # Ruby: a :deprecated warning when those are on, none when they are off, and the call works
        ruby_listing = next(m for m in rb.methods.values() if m.origin == "GET /pets").path
        lib = out / "ruby" / "lib"
        for shown in (True, False):
            code = (f"Warning[:deprecated] = {str(shown).lower()}\nrequire {rb.package!r}\n"
                    f"client = {rb.client}.new(base_url: {prism.url!r})\n"
                    f"puts client.{ruby_listing}.length\n")
            ruby = subprocess.run(["ruby", "-I", str(lib), "-e", code], capture_output=True, text=True, timeout=120)
            assert ruby.returncode == 0, ruby.stderr
            assert ruby.stdout.strip().isdigit()
            assert ("list calls an operation the API marks as deprecated" in ruby.stderr) is shown, ruby.stderr

    # TypeScript and Go: their doc comments carry the signal their tools read
    ts = "\n".join(p.read_text() for p in (out / "typescript" / "src").rglob("*.ts"))
    assert "@deprecated" in ts
    go = "\n".join(p.read_text() for p in (out / "go").glob("*.go"))
    assert "// Deprecated:" in go
