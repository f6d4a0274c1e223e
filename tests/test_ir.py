"""Stage 4: the language-neutral IR and naming."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sdkforge.config import find_config, load_config
from sdkforge.diagnostics import Diagnostics
from sdkforge.ir import naming
from sdkforge.ir.build import build_ir
from sdkforge.ir.model import (
    Api,
    ArrayType,
    ConstType,
    EnumType,
    MapType,
    ObjectType,
    PrimitiveType,
    RefType,
    UnionType,
)
from sdkforge.openapi.load import load_file
from sdkforge.openapi.resolve import resolve
from sdkforge.pipeline import load_api

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "spec" / "openai-uploads.yaml"


def build(path: Path) -> tuple[Api, Diagnostics]:
    diags = Diagnostics()
    config = load_config(find_config(path), diags)
    api, _ = build_ir(resolve(load_file(path), diags), config, diags)
    return api, diags


def build_text(tmp_path: Path, text: str) -> tuple[Api, Diagnostics]:
    path = tmp_path / "api.yaml"
    path.write_text(text)
    return build(path)


def test_sample_resource_tree_and_method_names() -> None:
    api, diags = build(SAMPLE)
    tree = {".".join(res.path): [op.name for op in res.operations] for res in api.all_resources()}
    assert tree == {
        "uploads": ["create", "complete", "cancel"],
        "uploads.parts": ["create"],
        "files": ["list", "retrieve", "delete"],
    }
    assert not diags.has_errors


def test_sample_complete_operation() -> None:
    api, _ = build(SAMPLE)
    op = next(o for o in api.operations if o.operation_id == "completeUpload")
    assert (op.method, op.path, op.title) == ("post", "/uploads/{upload_id}/complete", "Complete upload")
    assert [p.name for p in op.path_params] == ["upload_id"]
    assert op.body is not None and op.body.primary.media_type == "application/json"
    assert isinstance(op.success_body and op.success_body.type, RefType)
    upload = api.types["Upload"].type
    assert isinstance(upload, ObjectType)
    assert [p.name for p in upload.properties] == [
        "id", "bytes", "created_at", "expires_at", "filename", "object", "purpose", "status", "file"
    ]
    obj = upload.get("object")
    assert obj is not None and isinstance(obj.type, ConstType) and obj.type.value == "upload"
    status = upload.get("status")
    assert status is not None and isinstance(status.type, EnumType)
    assert status.type.values == ["pending", "completed", "cancelled", "expired"]
    file_prop = upload.get("file")
    assert file_prop is not None and not file_prop.required and file_prop.type.nullable
    file_object = api.types["FileObject"].type
    assert isinstance(file_object, ObjectType)
    assert [p.name for p in file_object.required_first] == [
        "id", "bytes", "created_at", "filename", "object", "purpose", "status", "expires_at", "status_details"
    ]
    deprecated = [p.name for p in file_object.properties if p.deprecated]
    assert deprecated == ["status", "status_details"]


def test_sample_pagination_matches_the_config_scheme() -> None:
    api, _ = build(SAMPLE)
    op = next(o for o in api.operations if o.operation_id == "listFiles")
    assert op.pagination is not None
    assert (op.pagination.scheme, op.pagination.request_cursor, op.pagination.items_field) == (
        "CursorPage", "after", "data")
    assert isinstance(op.pagination.item, RefType) and op.pagination.item.name == "FileObject"


@pytest.mark.parametrize(
    ("method", "path", "op_id", "expected"),
    [
        ("post", "/uploads/{upload_id}/complete", "completeUpload", (("uploads",), "complete")),
        ("post", "/uploads/{upload_id}/parts", "addUploadPart", (("uploads", "parts"), "create")),
        ("get", "/files", "listFiles", (("files",), "list")),
        ("get", "/files/{file_id}", "retrieveFile", (("files",), "retrieve")),
        ("delete", "/files/{file_id}", "deleteFile", (("files",), "delete")),
        ("post", "/fine_tuning/jobs/{id}/cancel", None, (("fine_tuning", "jobs"), "cancel")),
        ("patch", "/v1/users/{id}", None, (("users",), "update")),
        ("get", "/v2/me", None, (("me",), "retrieve")),
        ("post", "/things/{id}:archive", None, (("things",), "archive")),
        ("get", "/admin.apps.approved.list", None, (("admin", "apps", "approved"), "list")),
        # version prefixes with the words around them (Jira, Kubernetes, Twilio)
        ("get", "/rest/api/3/issue/{issueIdOrKey}", "getIssue", (("issue",), "retrieve")),
        ("get", "/api/v1/namespaces/{namespace}/pods", None, (("namespaces", "pods"), "list")),
        ("get", "/2010-04-01/Accounts/{Sid}/Calls.json", None, (("accounts", "calls"), "list")),
        ("get", "/api/things", None, (("api", "things"), "list")),
        ("get", "/rest/atlassian-connect/1/addons", None, (("rest", "atlassian_connect", "addons"), "list")),
        ("get", "/api/v1/", None, (("api", "v1"), "list")),
        # the operationId names an action the verb and path cannot (OpenAI)
        ("post", "/evals/{eval_id}/runs/{run_id}", "cancelEvalRun", (("evals", "runs"), "cancel")),
        ("post", "/evals/{eval_id}/runs/{run_id}", "updateEvalRun", (("evals", "runs"), "update")),
        ("post", "/organization/invites", "inviteUser", (("organization", "invites"), "create")),
        # a verb as the last segment after a static one is an action on that one
        ("post", "/fine_tuning/alpha/graders/run", "runGrader", (("fine_tuning", "alpha", "graders"), "run")),
        ("post", "/containers/create", "ContainerCreate", (("containers",), "create")),
        ("get", "/images/get", "ImageGetAll", (("images",), "get_all")),
        ("get", "/configuration/timetracking/list", "getTrackers", (("configuration", "timetracking"), "list")),
        ("post", "/responses/compact", "Compactconversation", (("responses",), "compact")),
        # a last segment the operationId does not act on is how the API spells the call
        ("post", "/images/generations", "createImage", (("images",), "create")),
        ("post", "/audio/speech", "createSpeech", (("audio", "speech"), "create")),
        ("post", "/swarm/init", "SwarmInit", (("swarm",), "init")),
        # representations are no part of a name
        ("get", "/containers/json", "ContainerList", (("containers",), "list")),
        # a query string in the path key: a truthy flag is a namespace, one without words is nothing
        ("get", "/responses/{response_id}?beta=true", "beta_getResponse", (("beta", "responses"), "retrieve")),
        ("get", "/responses/{response_id}?%%=1&=x", None, (("responses",), "retrieve")),
        # a thing of an item, alone on its path, is read by a method named for it
        ("get", "/files/{file_id}/content", "downloadFile", (("files",), "content")),
        # a resource inside one of its own kind
        ("get", "/orgs/{org}/teams/{team_slug}/teams", "teams/list-child-in-org", (("orgs", "teams"), "list_child")),
        # versions anywhere keep their digits in the word: `v1`, `oauth2`, `k8s`
        ("get", "/apis/apps.k8s.io/v1/deployments", None, (("apis", "apps_k8s_io", "v1", "deployments"), "list")),
        ("post", "/oauth2/revoke", "revokeToken", (("oauth2",), "revoke")),
    ],
)
def test_derived_names(method: str, path: str, op_id: str | None, expected: tuple[tuple[str, ...], str]) -> None:
    collection = path in ("/files", "/api/v1/namespaces/{namespace}/pods", "/2010-04-01/Accounts/{Sid}/Calls.json",
                          "/api/things", "/rest/atlassian-connect/1/addons", "/api/v1/", "/containers/json",
                          "/orgs/{org}/teams/{team_slug}/teams", "/apis/apps.k8s.io/v1/deployments")
    assert naming.derive_names(method, path, op_id, collection) == expected


@pytest.mark.parametrize(
    ("methods", "expected"),
    [
        # an action segment that is also read (GET) is a resource, for every verb on it
        ({"get", "put", "patch", "delete"}, {"get": (("repos", "import"), "retrieve"), "put": (("repos", "import"), "update"),
                                             "delete": (("repos", "import"), "delete")}),
        # an action segment with only writes stays an action
        ({"put", "delete"}, {"put": (("repos",), "import"), "delete": (("repos",), "import")}),
    ],
)
def test_action_segment_shared_with_a_read_is_a_resource(methods: set[str], expected: dict[str, object]) -> None:
    for method, want in expected.items():
        got = naming.derive_names(method, "/repos/{owner}/{repo}/import", None, False, path_methods=frozenset(methods))
        assert got == want


COLLIDING = """openapi: 3.1.0
info: {title: Runs, version: '1'}
paths:
  /threads/runs:
    post: {operationId: createThreadAndRun, responses: {'200': {description: ok}}}
  /threads/{thread_id}/runs:
    post:
      operationId: createRun
      parameters: [{name: thread_id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /things/{id}:
    put:
      operationId: replaceThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
    patch:
      operationId: patchThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /responses:
    post: {operationId: createResponse, responses: {'200': {description: ok}}}
  /responses?beta=true:
    post: {operationId: beta_createResponse, responses: {'200': {description: ok}}}
"""


def test_colliding_names_resolve_by_meaning_without_numbers(tmp_path: Path) -> None:
    spec = tmp_path / "runs.yaml"
    spec.write_text(COLLIDING)
    diags = Diagnostics()
    api, report = build_ir(resolve(load_file(spec), diags), load_config(None, diags), diags)
    names = {op.operation_id: ".".join(op.resource + (op.name,)) for op in api.operations}
    assert names == {
        # the path that is the resource's own keeps `create`; the other moves up with its operationId's words
        "createRun": "threads.runs.create",
        "createThreadAndRun": "threads.create_and_run",
        "replaceThing": "things.update",
        "patchThing": "things.patch",
        "createResponse": "responses.create",
        "beta_createResponse": "beta.responses.create",
    }
    assert not any(ch.isdigit() for name in names.values() for ch in name)
    rules = {entry["operation_id"]: entry["rule"] for entry in report.names}
    assert "renamed" in rules["createThreadAndRun"] and "namespace" in rules["beta_createResponse"]


def test_word_splitting() -> None:
    assert naming.words("createUploadPart") == ["create", "upload", "part"]
    # digits stay with the word they touch, as people write them
    assert naming.words("HTTPServer2") == ["http", "server2"]
    assert naming.snake("oauth2Token") == "oauth2_token" and naming.snake("v1beta1") == "v1beta1"
    assert naming.snake("k8s.io") == "k8s_io" and naming.snake("address_line_1") == "address_line_1"
    assert naming.words("fine-tune.job") == ["fine", "tune", "job"]
    assert naming.snake("Ünïcødé Name") == "unicode_name"


SCHEMAS = """openapi: 3.1.0
info: {title: Shapes, version: '1'}
paths: {}
components:
  schemas:
    Nullable30:
      type: string
      nullable: true
    TypeArray:
      type: [integer, 'null']
    AnyOfNull:
      anyOf: [{$ref: '#/components/schemas/Cat'}, {type: 'null'}]
    Map:
      type: object
      additionalProperties: {type: integer}
    Cat:
      type: object
      required: [kind]
      properties:
        kind: {const: cat}
        meow: {type: boolean}
    Dog:
      type: object
      required: [kind]
      properties:
        kind: {type: string, enum: [dog]}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator: {propertyName: kind}
    MappedPet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator:
        propertyName: kind
        mapping: {c: '#/components/schemas/Cat', d: Dog}
    Merged:
      allOf:
        - $ref: '#/components/schemas/Cat'
        - type: object
          required: [name]
          properties:
            name: {type: string}
            nested:
              type: object
              properties:
                deep: {type: number}
    Conflict:
      allOf:
        - {type: object, properties: {x: {type: string}}}
        - {type: object, properties: {x: {type: integer}}}
"""


def test_schema_shapes(tmp_path: Path) -> None:
    api, diags = build_text(tmp_path, SCHEMAS)
    t = {name: named.type for name, named in api.types.items()}
    assert isinstance(t["Nullable30"], PrimitiveType) and t["Nullable30"].nullable
    assert isinstance(t["TypeArray"], PrimitiveType) and t["TypeArray"].primitive == "integer"
    assert t["TypeArray"].nullable
    assert isinstance(t["AnyOfNull"], RefType) and t["AnyOfNull"].nullable and t["AnyOfNull"].name == "Cat"
    assert isinstance(t["Map"], MapType) and isinstance(t["Map"].values, PrimitiveType)
    pet = t["Pet"]
    assert isinstance(pet, UnionType) and pet.discriminator is not None
    assert sorted(pet.discriminator.mapping) == ["cat", "dog"]
    mapped = t["MappedPet"]
    assert isinstance(mapped, UnionType) and mapped.discriminator is not None
    assert {k: v.name for k, v in mapped.discriminator.mapping.items()} == {"c": "Cat", "d": "Dog"}  # type: ignore[attr-defined]
    merged = t["Merged"]
    assert isinstance(merged, ObjectType)
    assert [(p.name, p.required) for p in merged.properties] == [
        ("kind", True), ("meow", False), ("name", True), ("nested", False)]
    nested = merged.get("nested")
    assert nested is not None and isinstance(nested.type, RefType)
    hoisted = api.types[nested.type.name]
    assert hoisted.origin == "inline" and hoisted.name_parts == ("Merged", "nested")
    conflicts = [d for d in diags.warnings() if "conflicting types" in d.message]
    assert len(conflicts) == 1 and "#/components/schemas/Conflict/allOf/0/properties/x" in conflicts[0].message


def test_method_name_collisions_are_renamed_and_reported(tmp_path: Path) -> None:
    api, diags = build_text(
        tmp_path,
        """openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /threads/runs:
    post: {operationId: createThreadAndRun, responses: {'200': {description: ok}}}
  /threads/{thread_id}/runs:
    post: {operationId: createRun, responses: {'200': {description: ok}}}
""",
    )
    names = sorted(".".join(op.resource + (op.name,)) for op in api.operations)
    assert names == ["threads.create_and_run", "threads.runs.create"]
    assert any("named `threads.create_and_run`" in d.message and "resources:" in d.message for d in diags.warnings())


def test_arrays_of_inline_objects_are_hoisted_with_stable_names(tmp_path: Path) -> None:
    text = """openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /items:
    get:
      operationId: listItems
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {type: object, properties: {id: {type: string}}}
"""
    first, _ = build_text(tmp_path, text)
    second, _ = build_text(tmp_path, text)
    assert list(first.types) == list(second.types) == ["listItems.Response.Item"]
    body = first.operations[0].success_body
    assert body is not None and isinstance(body.type, ArrayType)


def test_unions_without_discriminator(tmp_path: Path) -> None:
    api, diags = build_text(
        tmp_path,
        """openapi: 3.1.0
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Text: {type: object, required: [type, text], properties: {type: {const: text}, text: {type: string}}}
    Image: {type: object, required: [type, url], properties: {type: {const: image}, url: {type: string}}}
    Content:
      oneOf: [{$ref: '#/components/schemas/Text'}, {$ref: '#/components/schemas/Image'}]
    A: {type: object, required: [id], properties: {id: {type: string}, a: {type: string}}}
    B: {type: object, required: [id], properties: {id: {type: string}, b: {type: integer}}}
    Ambiguous:
      oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]
""",
    )
    content = api.types["Content"].type
    assert isinstance(content, UnionType) and content.discriminator is not None
    assert content.discriminator.property == "type"
    assert {k: v.name for k, v in content.discriminator.mapping.items()} == {"text": "Text", "image": "Image"}  # type: ignore[attr-defined]
    ambiguous = [d for d in diags.warnings() if "cannot" in d.message or "tells them apart" in d.message]
    assert len(ambiguous) == 1 and ambiguous[0].pointer == "#/components/schemas/Ambiguous/oneOf"


UNIONS = """openapi: 3.1.0
info: {title: Unions, version: '1'}
paths: {}
components:
  schemas:
    Assistant:
      type: object
      properties:
        tool_resources:
          anyOf:
            - type: object
              properties: {code_interpreter: {type: object, properties: {file_ids: {type: array, items: {type: string}}}}}
            - type: 'null'
        format:
          oneOf:
            - type: object
              properties: {type: {type: string, enum: [text]}}
            - type: object
              properties: {type: {const: json_schema}, json_schema: {type: object, properties: {name: {type: string}}}}
        batch:
          anyOf:
            - type: object
              required: [file_ids]
              properties: {file_ids: {type: array, items: {type: string}}}
            - type: object
              required: [files]
              properties: {files: {type: array, items: {type: object, properties: {id: {type: string}}}}}
    Settings:
      anyOf:
        - type: object
          properties: {mode: {type: string}}
        - type: 'null'
"""


def test_union_members_are_named_by_what_tells_them_apart(tmp_path: Path) -> None:
    api, diags = build_text(tmp_path, UNIONS)
    names = set(api.types)
    # anyOf [X, null] is X, nullable, named where it stands; a component stays itself
    assert "Assistant.tool_resources" in names and "Assistant.tool_resources.code_interpreter" in names
    assert isinstance(api.types["Settings"].type, ObjectType) and api.types["Settings"].type.nullable
    # the value that tells a member apart, then a property only it has
    assert {"Assistant.format.Text", "Assistant.format.JsonSchema", "Assistant.batch.FileIds",
            "Assistant.batch.Files"} <= names
    assert not [n for n in names if "Variant" in n or n[-1].isdigit()]


def test_inline_union_members_get_words_not_numbers() -> None:
    from sdkforge.targets.common.variants import variant_words

    members = [PrimitiveType(primitive="string"), EnumType(values=["a", "b"], primitive="string"),
               ArrayType(items=PrimitiveType(primitive="integer")), EnumType(values=["c"], primitive="string")]
    assert variant_words(members) == ["String", "Enum", "IntegerList", "EnumB"]


BODIES = """openapi: 3.1.0
info: {title: Bodies, version: '1'}
paths:
  /things:
    post:
      operationId: makeThing
      requestBody:
        content:
          application/json: {schema: {type: object, properties: {name: {type: string}}}}
          multipart/form-data: {schema: {type: object, properties: {file: {type: string, format: binary}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}
        '200': {description: found, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}
        '404': {description: none, content: {application/json: {schema: {type: object, properties: {error: {type: string}}}}}}
        '499': {description: odd, content: {application/json: {schema: {type: object, properties: {why: {type: string}}}}}}
        default: {description: error, content: {application/json: {schema: {type: object, properties: {message: {type: string}}}}}}
"""


def test_bodies_are_named_by_status_and_media_type_not_numbered(tmp_path: Path) -> None:
    api, _ = build_text(tmp_path, BODIES)
    assert {"makeThing.Response", "makeThing.CreatedResponse", "makeThing.NotFoundResponse",
            "makeThing.Status499Response", "makeThing.ErrorResponse", "makeThing.Body",
            "makeThing.BodyMultipart"} <= set(api.types)
    assert not [n for n in api.types if n[-1].isdigit()]


def test_a_multipart_body_that_carries_files_is_sent_over_its_json_alternative(tmp_path: Path) -> None:
    """JSON cannot carry a file: beside a multipart alternative with a file field (a binary property,
    or a list of them) and only flat fields, the multipart one is the body the SDKs send; without a
    file, or with a nested object, JSON stays first."""
    def body(props: dict[str, Any]) -> dict[str, Any]:
        return {"required": True, "content": {
            "application/json": {"schema": {"type": "object", "properties": {"url": {"type": "string"}}}},
            "multipart/form-data": {"schema": {"type": "object", "properties": props}}}}

    doc = {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {
        "/files": {"post": {"operationId": "withFile", "requestBody": body(
            {"image": {"type": "array", "items": {"type": "string", "format": "binary"}}}),
            "responses": {"204": {"description": "done"}}}},
        "/texts": {"post": {"operationId": "withoutFile", "requestBody": body({"text": {"type": "string"}}),
                            "responses": {"204": {"description": "done"}}}},
        # a file beside a nested object (Discord's message components): the form would spell the object
        # in brackets, which the server does not read as one; JSON carries it
        "/nested": {"post": {"operationId": "nested", "requestBody": body(
            {"file": {"type": "string", "format": "binary"},
             "parts": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string"}}}}}),
            "responses": {"204": {"description": "done"}}}}}}
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(doc))
    api = load_api(spec, Diagnostics()).api
    primary = {op.operation_id: op.body.primary.media_type for op in api.operations if op.body}
    assert primary == {"withFile": "multipart/form-data", "withoutFile": "application/json",
                       "nested": "application/json"}
