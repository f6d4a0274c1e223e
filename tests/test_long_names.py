"""Formatter-stable output whatever the length of the spec's names: long API titles (client
classes, environment variables), long operation ids and resource names, a recursive map type, a
recursive discriminated union, and an API without any named type.  Real black, prettier and tsc."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import black
import pytest

from sdkforge.targets.python.layout import annotated_line, def_line, from_import, wrap

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / "node_modules" / ".bin"
MODE = black.Mode(line_length=120)


def _black_keeps(code: str, before: str = "", after: str = "") -> None:
    source = before + code + "\n" + after
    assert black.format_str(source, mode=MODE) == source


@pytest.mark.parametrize("n", range(40, 128, 4))
def test_python_layout_is_what_black_prints(n: int) -> None:
    name, cls = "x" * n, "C" + "y" * n
    method = "class A:\n    def f(self):\n"
    _black_keeps(wrap(f"self.{name} = ", f"async_to_streamed_response_wrapper(resource.{name})", " " * 8),
                 "class A:\n    def __init__(self):\n")
    _black_keeps(wrap("return ", f"{cls}WithRawResponse(self._resource.{name})", " " * 8), method)
    _black_keeps(def_line(name, f"{cls}WithStreamingResponse"), "class A:\n", "        pass\n")
    _black_keeps(def_line("__init__", "None", "    ", f"self, resource: {cls}"), "class A:\n", "        pass\n")
    _black_keeps(def_line("client", cls, "", ""), "", "    pass\n")
    _black_keeps(annotated_line(f"body: Iterable[{cls}] | NotGiven = NOT_GIVEN", " " * 8, ","),
                 "class A:\n    def f(\n        self,\n        *,\n", "        extra: int = 1,\n    ) -> None: ...\n")
    _black_keeps(from_import(f".resources.{name}", [cls], " " * 8), method)
    _black_keeps(from_import("package", [f"Async{cls}", cls]))
    _black_keeps(wrap("base_url = ", f'os.environ.get("{name.upper()}_BASE_URL") or DEFAULT_BASE_URL', " " * 8),
                 "def f():\n    if x:\n")
    _black_keeps(wrap("level = ", f'os.environ.get("{name.upper()}_LOG", "").lower()', "    "), "def f():\n")
    _black_keeps(wrap("logger = ", f'logging.getLogger("{name}")'))
    _black_keeps(wrap("async with ", f'Async{cls}(api_key="k", base_url=BASE_URL, max_retries=0)', "    ",
                      " as client:"), "async def f():\n", "        pass\n")


LONG_MAP = "RecursiveMapOfAVeryLongNameThatPrettierBreaksInsideTheIndexSignatureKey"


def _long_spec(title: str) -> dict:
    segment = "dedicated_inference_accelerators_with_an_unreasonably_long_resource_name"
    condition = {"$ref": "#/components/schemas/WorkflowCondition"}
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": "1.0.0"},
        "servers": [{"url": "https://api.example.com"}],
        "security": [{"bearer": []}],
        "paths": {
            f"/{segment}/{{id}}/{segment}_children": {
                "get": {
                    "operationId": "get_v2_dedicated_inferences_dedicated_inference_id_accelerators_accelerator_id",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/ErrorDetails"}}}}},
                },
                "put": {
                    "operationId": "put_metadata_templates_enterprise_security_classification_schema_update_all",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "requestBody": {"content": {"application/json": {"schema": {
                        "type": "array", "items": {"$ref": "#/components/schemas/"
                                                           "PutMetadataTemplatesEnterpriseSecurityClassificationItem"}}}}},
                    "responses": {"200": {"description": "ok", "content": {"application/json": {
                        "schema": condition}}}},
                },
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                # a map of itself: `type X = Record<string, X>` is circular to tsc
                "ErrorDetails": {"oneOf": [{"type": "object", "additionalProperties": {
                    "$ref": "#/components/schemas/ErrorDetails"}}, {"type": "string"}]},
                LONG_MAP: {"oneOf": [{"type": "object", "additionalProperties": {
                    "$ref": f"#/components/schemas/{LONG_MAP}"}}, {"type": "string"}]},
                # an interface's own map of itself stays a Record (Kubernetes' JSONSchemaProps)
                "JsonSchemaProps": {"type": "object", "properties": {"properties": {
                    "type": "object", "additionalProperties": {"$ref": "#/components/schemas/JsonSchemaProps"}}}},
                "PutMetadataTemplatesEnterpriseSecurityClassificationItem": {
                    "type": "object", "properties": {"op": {"type": "string"}}},
                # a recursive discriminated union: its alias follows a class in the same module
                "WorkflowCompoundCondition": {
                    "type": "object", "required": ["nodeType", "conditions"],
                    "properties": {"nodeType": {"type": "string"},
                                   "conditions": {"type": "array", "items": condition}}},
                "WorkflowSimpleCondition": {
                    "type": "object", "required": ["nodeType"],
                    "properties": {"nodeType": {"type": "string"}, "type": {"type": "string"}}},
                "WorkflowCondition": {
                    "oneOf": [{"$ref": "#/components/schemas/WorkflowSimpleCondition"},
                              {"$ref": "#/components/schemas/WorkflowCompoundCondition"}],
                    "discriminator": {"propertyName": "nodeType", "mapping": {
                        "simple": "#/components/schemas/WorkflowSimpleCondition",
                        "compound": "#/components/schemas/WorkflowCompoundCondition"}}},
            },
        },
    }


TITLES = {
    "medium": "Spotify Web API with fixes and improvements from sonallux",
    "long": "Spotify Web API with fixes and improvements from sonallux and many more words in its title",
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("long-names")
    specs = {key: _long_spec(title) for key, title in TITLES.items()}
    # no named types at all
    specs["typeless"] = {"openapi": "3.0.3", "info": {"title": "Typeless", "version": "1"}, "paths": {"/ping": {
        "get": {"operationId": "ping", "responses": {"204": {"description": "no content"}}}}}}
    outs = []
    for key, spec in specs.items():
        path = root / f"{key}.json"
        path.write_text(json.dumps(spec))
        result = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(path), "--out",
                                 str(root / key), "--target", "python,typescript"],
                                capture_output=True, text=True, timeout=300, cwd=REPO)
        assert result.returncode == 0, result.stderr
        outs.append(root / key)
    return outs


def test_python_output_passes_black(outputs: list[Path]) -> None:
    for out in outputs:  # one project at a time: black reads each project's pyproject.toml
        result = subprocess.run([sys.executable, "-m", "black", "--check", "--diff", "-q", str(out / "python")],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_typescript_output_passes_prettier_and_tsc(outputs: list[Path]) -> None:
    for out in outputs:
        prettier = subprocess.run([str(BIN / "prettier"), "--check", "src"], cwd=out / "typescript",
                                  capture_output=True, text=True, timeout=300)
        assert prettier.returncode == 0, prettier.stdout + prettier.stderr
        tsc = subprocess.run([str(BIN / "tsc"), "--noEmit", "-p", str(out / "typescript")],
                             capture_output=True, text=True, timeout=300)
        assert tsc.returncode == 0, tsc.stdout[-3000:]
    models = (outputs[0] / "typescript" / "src" / "models.ts").read_text()
    assert "export type ErrorDetails = { [key: string]: ErrorDetails } | string;" in models
    assert "properties?: Record<string, JsonSchemaProps>;" in models
    assert f"    ]: {LONG_MAP};" in models  # prettier breaks the key of a long index signature
