"""Stage 3: $ref resolution across files, cycle-safe, names kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdkforge.config import Config
from sdkforge.diagnostics import Diagnostics, SpecError
from sdkforge.ir.build import build_ir
from sdkforge.ir.model import ArrayType, ObjectType, RefType
from sdkforge.openapi.load import load_file
from sdkforge.openapi.resolve import resolve


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_relative_file_refs_keep_component_names(tmp_path: Path) -> None:
    root = write(
        tmp_path / "api.yaml",
        """openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'schemas/pet.yaml#/Pet'}
""",
    )
    write(
        tmp_path / "schemas" / "pet.yaml",
        """Pet:
  type: object
  properties:
    owner: {$ref: '../common/owner.yaml'}
    tags: {type: array, items: {$ref: '#/Tag'}}
Tag: {type: string}
""",
    )
    write(tmp_path / "common" / "owner.yaml", "type: object\nproperties:\n  name: {type: string}\n")
    diags = Diagnostics()
    spec = resolve(load_file(root), diags)
    assert len(spec.documents) == 3
    api, _ = build_ir(spec, Config(), diags)
    pet = api.types["Pet"].type
    assert isinstance(pet, ObjectType)
    owner = pet.get("owner")
    assert owner is not None and isinstance(owner.type, RefType) and owner.type.name == "owner"
    tags = pet.get("tags")
    assert tags is not None and isinstance(tags.type, ArrayType)
    assert isinstance(tags.type.items, RefType) and tags.type.items.name == "Tag"


def test_recursive_schemas_resolve(tmp_path: Path) -> None:
    root = write(
        tmp_path / "api.yaml",
        """openapi: 3.1.0
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Node:
      type: object
      properties:
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
        parent: {$ref: '#/components/schemas/Other'}
    Other:
      type: object
      properties:
        node: {$ref: '#/components/schemas/Node'}
""",
    )
    diags = Diagnostics()
    api, _ = build_ir(resolve(load_file(root), diags), Config(), diags)
    node = api.types["Node"].type
    assert isinstance(node, ObjectType)
    children = node.get("children")
    assert children is not None and isinstance(children.type, ArrayType)
    assert isinstance(children.type.items, RefType) and children.type.items.name == "Node"
    assert not diags.has_errors


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("'#/components/schemas/Missing'", "dangling $ref"),
        ("'other.yaml#/X'", "file not found"),
        ("'https://example.com/x.yaml'", "remote $ref"),
        ("'../outside.yaml'", "outside the spec's folder"),
        ("'#components/schemas/A'", "malformed $ref"),
    ],
)
def test_bad_refs_are_errors_with_positions(tmp_path: Path, ref: str, message: str) -> None:
    (tmp_path / "outside.yaml").write_text("type: string\n")
    root = write(
        tmp_path / "spec" / "api.yaml",
        f"""openapi: 3.1.0
info: {{title: T, version: '1'}}
paths: {{}}
components:
  schemas:
    A:
      $ref: {ref}
""",
    )
    diags = Diagnostics()
    with pytest.raises(SpecError) as err:
        resolve(load_file(root), diags)
    diag = err.value.diagnostics[0]
    assert message in diag.message
    assert diag.pointer == "#/components/schemas/A/$ref"
    assert diags.locate(diag.file or "", diag.pointer) == (7, 13)  # the value of the $ref key


def test_reference_cycle_without_content_is_an_error(tmp_path: Path) -> None:
    root = write(
        tmp_path / "api.yaml",
        """openapi: 3.1.0
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
""",
    )
    with pytest.raises(SpecError) as err:
        resolve(load_file(root), Diagnostics())
    assert "cycle" in err.value.diagnostics[0].message


def test_operation_refs_and_default_responses_in_other_files(tmp_path: Path) -> None:
    """DigitalOcean's layout: `get: {$ref: resources/...yml}` (an operation in its own file, not in
    OpenAPI but followed by Prism and Redocly), whose parameter and response refs resolve from that
    file; a `default` response in another file is a response, not data; a response file that does
    not exist is a warning and the response is left out."""
    root = write(tmp_path / "api.yaml", """openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /v2/droplets/{droplet_id}/backups:
    get:
      $ref: 'resources/droplets/list_backups.yml'
""")
    write(tmp_path / "resources" / "droplets" / "list_backups.yml", """operationId: droplets_list_backups
parameters:
  - $ref: 'parameters.yml#/droplet_id'
responses:
  '200':
    $ref: 'responses/backups.yml'
  '404':
    $ref: '../../shared/responses/missing.yml'
  default:
    $ref: '../../shared/responses/error.yml'
""")
    write(tmp_path / "resources" / "droplets" / "parameters.yml",
          "droplet_id:\n  in: path\n  name: droplet_id\n  required: true\n  schema: {type: integer, minimum: 1}\n")
    write(tmp_path / "resources" / "droplets" / "responses" / "backups.yml",
          "description: ok\ncontent:\n  application/json:\n    schema: {type: object, properties: {n: {type: integer}}}\n")
    write(tmp_path / "shared" / "responses" / "error.yml",
          "description: error\ncontent:\n  application/json:\n    schema: {type: object, properties: {id: {type: string}}}\n")
    diags = Diagnostics()
    spec = resolve(load_file(root), diags)
    assert [d.message for d in diags.warnings()] == [
        "dangling $ref '../../shared/responses/missing.yml': file not found; the response is left out"]
    api, _ = build_ir(spec, Config(), diags)
    (op,) = api.operations
    assert op.operation_id == "droplets_list_backups"
    (param,) = op.parameters
    assert (param.name, param.location, param.type.primitive) == ("droplet_id", "path", "integer")  # type: ignore[attr-defined]
    assert [r.status for r in op.responses] == ["200", "default"]
