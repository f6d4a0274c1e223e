"""What sdkforge reports about a spec, as a person reads it: Swagger 2.0 findings point at the user's
own node and line (never at `requestBody/content/...` of the converted document), `validate` reports
what `generate` reports (and the full validator's findings), and the full validator's findings
(`--strict`) say what is wrong where, in JSON's words."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from sdkforge.diagnostics import split_pointer

REPO = Path(__file__).resolve().parents[1]
SWAGGER = REPO / "tests" / "cases" / "findings" / "swagger2-wat.yaml"  # `type: wat` in every place 2.0 has one
DIAG = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+?)"
                  r"(?: \((?P<pointer>#[^()]*)\))?$", re.M)


def sdkforge(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sdkforge.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "NO_COLOR": "1"}, timeout=600)


def node_at(data: object, pointer: str) -> object:
    for token in split_pointer(pointer):
        data = data[int(token)] if isinstance(data, list) else data[token]  # type: ignore[index]
    return data


def test_swagger2_findings_point_at_the_users_own_node(tmp_path: Path) -> None:
    """Body and form parameters, response schemas (operation and shared), path-level and operation
    parameters, a shared body parameter, definitions: each finding's pointer is a node of the user's
    file holding the value, on the line that holds it."""
    data = yaml.safe_load(SWAGGER.read_text())
    lines = SWAGGER.read_text().splitlines()
    wats = sum(line.count("type: wat") for line in lines)
    for command in (["generate", SWAGGER, "--out", tmp_path / "out", "--target", "python"], ["validate", SWAGGER]):
        result = sdkforge(*command)
        assert result.returncode == 0, result.stderr
        found = [m for m in DIAG.finditer(result.stderr) if "unknown schema type 'wat'" in m["msg"]]
        assert len({m["pointer"] for m in found}) == wats, result.stderr
        for m in found:
            assert "requestBody" not in m["pointer"] and "/content/" not in m["pointer"] and \
                "components" not in m["pointer"], m.group(0)
            assert node_at(data, m["pointer"]) == "wat", m.group(0)
            assert "type: wat" in lines[int(m["line"]) - 1], m.group(0)


def test_validate_reports_what_generate_reports(tmp_path: Path) -> None:
    """Findings of the IR (the spec) and of the targets (names the config sets), Swagger 2.0 and 3.0."""
    spec = tmp_path / "api.yaml"
    spec.write_bytes((REPO / "spec" / "openai-uploads.yaml").read_bytes())
    (tmp_path / "api.sdkforge.yaml").write_text(
        "targets:\n  python: {package: json}\n  go: {module: fmt}\n  ruby: {gem: json}\n  typescript: {package: fs}\n")
    swagger = tmp_path / "sw.yaml"
    swagger.write_bytes(SWAGGER.read_bytes())
    for each in (spec, swagger):
        made = sdkforge("generate", each, "--out", tmp_path / f"out-{each.stem}")
        checked = sdkforge("validate", each)
        assert made.returncode == checked.returncode == 0, made.stderr + checked.stderr
        generated = {m.group(0) for m in DIAG.finditer(made.stderr)}
        validated = {m.group(0) for m in DIAG.finditer(checked.stderr) if "schema validation:" not in m["msg"]}
        assert generated and validated == generated, (sorted(validated ^ generated))
        warned = len([m for m in DIAG.finditer(checked.stderr) if m["sev"] == "warning"])
        assert checked.stderr.strip().endswith(f"valid ({warned} warnings)"), checked.stderr[-300:]


def test_strict_findings_name_the_value_and_where_it_is(tmp_path: Path) -> None:
    """The full validator's findings under --strict: a null default in a schema that is not nullable
    (Docker's `None for not nullable (#)`) and a value a nested schema refuses, each at its own line,
    in JSON's words, with what to do."""
    spec = tmp_path / "api.yaml"
    spec.write_text(
        'swagger: "2.0"\ninfo: {title: N, version: "1"}\npaths:\n  /x:\n    get:\n      responses:\n'
        '        "200":\n          description: ok\n          schema:\n            type: object\n'
        "            properties:\n              a: {type: string, default: null}\n"
        "              b: {type: string, x-nullable: true, default: null}\n")
    result = sdkforge("validate", "--strict", spec)
    assert result.returncode == 2, result.stderr
    errors = [m for m in DIAG.finditer(result.stderr) if m["sev"] == "error"]
    assert errors, result.stderr
    for m in errors:
        assert m["line"] == "12" and m["pointer"].endswith("/properties/a/default"), m.group(0)
        assert "None" not in m["msg"], m.group(0)
    assert any("not nullable" in m["msg"] and "x-nullable: true" in m["msg"] for m in errors), result.stderr
    three = tmp_path / "three.yaml"
    three.write_text(
        'openapi: 3.0.3\ninfo: {title: N, version: "1"}\npaths:\n  /x:\n    get:\n      responses:\n'
        "        '200':\n          description: ok\n          content:\n            application/json:\n"
        "              schema:\n                type: object\n                properties:\n"
        "                  b: {type: wat}\n")
    result = sdkforge("validate", "--strict", three)
    errors = [m for m in DIAG.finditer(result.stderr) if m["sev"] == "error"]
    assert result.returncode == 2 and errors, result.stderr
    for m in errors:  # the nested schema's own refusal, at its line: not a dump of the whole response
        assert m["line"] == "14" and "'wat' is not one of" in m["msg"] and "{" not in m["msg"], m.group(0)
