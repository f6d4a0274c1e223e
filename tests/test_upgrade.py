"""Swagger 2.0 specs are upgraded to the 3.0 shape before resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdkforge.diagnostics import Diagnostics, SpecError
from sdkforge.ir.model import ObjectType, PrimitiveType, RefType
from sdkforge.pipeline import load_api

SWAGGER = """{
  "swagger": "2.0",
  "info": {"title": "Pets", "version": "1"},
  "host": "api.example.com",
  "basePath": "/v1",
  "schemes": ["https"],
  "consumes": ["application/json"],
  "produces": ["application/json"],
  "securityDefinitions": {"key": {"type": "apiKey", "name": "X-Key", "in": "header"}},
  "parameters": {"Limit": {"name": "limit", "in": "query", "type": "integer"}},
  "paths": {
    "/pets": {
      "get": {
        "operationId": "listPets",
        "parameters": [
          {"$ref": "#/parameters/Limit"},
          {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "csv"}
        ],
        "responses": {"200": {"description": "ok", "schema": {"type": "array", "items": {"$ref": "#/definitions/Pet"}}}}
      },
      "post": {
        "operationId": "createPet",
        "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pet"}}],
        "responses": {"201": {"description": "created", "schema": {"$ref": "#/definitions/Pet"}}}
      }
    },
    "/pets/{id}/photo": {
      "post": {
        "operationId": "uploadPhoto",
        "consumes": ["multipart/form-data"],
        "parameters": [
          {"name": "id", "in": "path", "required": true, "type": "string"},
          {"name": "file", "in": "formData", "type": "file", "required": true},
          {"name": "caption", "in": "formData", "type": "string"}
        ],
        "responses": {"200": {"description": "ok"}}
      }
    }
  },
  "definitions": {
    "Pet": {
      "type": "object",
      "required": ["name"],
      "properties": {
        "name": {"type": "string"},
        "owner": {"$ref": "#/definitions/Owner"},
        "nickname": {"type": "string", "x-nullable": true},
        "default": {"$ref": "#/definitions/Owner"}
      }
    },
    "Owner": {"type": "object", "properties": {"id": {"type": "integer"}}}
  }
}
"""


def test_swagger_2_becomes_the_same_ir(tmp_path: Path) -> None:
    spec = tmp_path / "pets.json"
    spec.write_text(SWAGGER)
    diags = Diagnostics()
    loaded = load_api(spec, diags)
    api = loaded.api
    assert not diags.has_errors
    assert api.servers[0].url == "https://api.example.com/v1"
    assert api.security[0].type == "apiKey" and api.security[0].param_name == "X-Key"
    ops = {op.operation_id: op for op in api.operations}
    assert [p.name for p in ops["listPets"].params_in("query")] == ["limit", "tags"]
    tags = ops["listPets"].params_in("query")[1]
    assert tags.style == "form" and tags.explode is False
    create = ops["createPet"].body
    assert create is not None and create.required and create.primary.media_type == "application/json"
    assert isinstance(create.primary.type, RefType) and create.primary.type.name == "Pet"
    upload = ops["uploadPhoto"].body
    assert upload is not None and upload.primary.is_multipart
    form = api.resolve(upload.primary.type)
    assert isinstance(form, ObjectType)
    file_prop = form.get("file")
    assert file_prop is not None and file_prop.required
    assert isinstance(file_prop.type, PrimitiveType) and file_prop.type.is_binary
    pet = api.types["Pet"].type
    assert isinstance(pet, ObjectType)
    nickname = pet.get("nickname")
    assert nickname is not None and nickname.type.nullable
    default = pet.get("default")  # a property *named* like a keyword keeps its $ref
    assert default is not None and isinstance(default.type, RefType) and default.type.name == "Owner"


def test_diagnostics_point_into_the_original_file(tmp_path: Path) -> None:
    spec = tmp_path / "pets.json"
    broken = SWAGGER.replace('"owner": {"$ref": "#/definitions/Owner"}', '"owner": {"$ref": "#/definitions/Nope"}')
    spec.write_text(broken)
    diags = Diagnostics()
    with pytest.raises(SpecError):
        load_api(spec, diags)
    (error,) = diags.errors()
    assert "dangling $ref" in error.message
    # references are checked in the 2.0 document, before the upgrade: the pointer is the original's
    assert error.pointer == "#/definitions/Pet/properties/owner/$ref"
    expected_line = next(i for i, line in enumerate(broken.splitlines(), 1) if '"owner"' in line)
    assert diags.locate(error.file or "", error.pointer)[0] == expected_line  # type: ignore[index]
