"""Resources whose names fold to one file name get files of their own, in every target.

Found by `make fuzz`: the paths ``/:.0`` and ``/value`` give two resources whose names both
become ``value`` as identifiers; the Python target wrote both top-level resources to
``resources/value.py`` ("two files would be written").
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api


def _op() -> dict[str, object]:
    return {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
        "type": "object", "properties": {"id": {"type": "string"}}}}}}}}


SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "servers": [{"url": "https://api.example.com"}],
    "paths": {"/:.0": {"get": _op(), "post": _op()}, "/value": {"get": _op()}, "/Value!": {"put": _op()}},
}


def test_resources_whose_names_fold_to_one_file_get_their_own_files(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    diags = Diagnostics()
    loaded = load_api(spec, diags)
    result = generate(loaded, tmp_path / "out", ["python", "typescript", "ruby", "go", "docs"], diags)
    assert not diags.has_errors, diags.lines()
    assert result.written
    src = tmp_path / "out" / "python" / "src"
    files = sorted(p.name for p in (src / "t" / "resources").glob("*.py"))
    assert len([f for f in files if f.startswith("value")]) == len(loaded.api.resources), files
    # every resource is reachable from the client, each with its own methods
    script = ("import t\nc = t.T(base_url='http://127.0.0.1:1')\n"
              "attrs = [a for a in vars(type(c)) if a.startswith('value')]\n"
              "print(len(attrs), sorted(m for a in attrs for m in vars(type(getattr(c, a))) if not m.startswith('_')"
              " and m not in ('with_raw_response', 'with_streaming_response')))\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    count, methods = run.stdout.split(" ", 1)
    assert int(count) == len(loaded.api.resources)
    assert methods.count("'") // 2 == sum(len(r.operations) for r in loaded.api.resources), run.stdout
