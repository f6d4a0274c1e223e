"""Which values the docs' request and response examples show: the spec's own examples (of a
media type, a schema or a parameter) where they fit, values built from the schema otherwise."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from sdkforge.contract import contract_of
from sdkforge.diagnostics import Diagnostics
from sdkforge.ir.model import Api, Operation, RefType
from sdkforge.pipeline import load_api
from sdkforge.targets.docs.model import ResponseExamples, example_call, example_response
from test_docs import generate_docs

SPEC = textwrap.dedent(
    """\
    openapi: 3.0.3
    info: {title: Shop, version: "1"}
    servers: [{url: "https://api.shop.test/v1"}]
    paths:
      /orders/{order_id}:
        parameters:
          - name: order_id
            in: path
            required: true
            schema: {type: string}
            examples:
              first: {$ref: "#/components/examples/OrderId"}
        get:
          operationId: getOrder
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Order"}
                  examples:
                    paid: {$ref: "#/components/examples/PaidOrder"}
      /orders:
        post:
          operationId: createOrder
          requestBody:
            required: true
            content:
              application/json:
                schema: {$ref: "#/components/schemas/OrderRequest"}
                example: {item: sku-42, quantity: 3, note: gift wrap}
          responses:
            "201":
              description: created
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Order"}
                  example: {id: 12, status: paid, total: "not a number"}
        get:
          operationId: listOrders
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema:
                    type: array
                    items: {$ref: "#/components/schemas/Order"}
    components:
      examples:
        OrderId: {value: ord_7Hx2}
        PaidOrder: {summary: a paid order, value: {id: ord_7Hx2, status: paid, total: 19.5}}
      schemas:
        OrderRequest:
          type: object
          required: [item]
          properties:
            item: {type: string}
            quantity: {type: integer, minimum: 1}
            note: {type: string}
        Order:
          type: object
          required: [id, status]
          example: {id: ord_schema1, status: open, total: 3.25}
          properties:
            id: {type: string, readOnly: true}
            status: {type: string, enum: [open, paid]}
            total: {type: number}
    """
)


def _api(tmp_path: Path, text: str = SPEC) -> Api:
    spec = tmp_path / "shop.yaml"
    spec.write_text(text)
    diags = Diagnostics()
    api = load_api(spec, diags).api
    assert not diags.has_errors
    return api


def _op(api: Api, operation_id: str) -> Operation:
    return next(op for op in api.operations if op.operation_id == operation_id)


def test_media_type_examples_map_is_the_response_example(tmp_path: Path) -> None:
    """A response's ``examples`` map (Example Objects, here through a ``$ref``) gives the example,
    read-only properties included."""
    api = _api(tmp_path)
    assert example_response(api, _op(api, "getOrder"), ResponseExamples(api)) == {
        "id": "ord_7Hx2", "status": "paid", "total": 19.5}


def test_media_type_example_that_does_not_fit_gives_way_to_the_schema(tmp_path: Path) -> None:
    """An example of the wrong shape (a number as a string, an id of the wrong type) is not shown: the
    schema's own example takes its place."""
    api = _api(tmp_path)
    assert example_response(api, _op(api, "createOrder"), ResponseExamples(api)) == {
        "id": "ord_schema1", "status": "open", "total": 3.25}


def test_schema_object_example_fills_arrays_and_model_pages(tmp_path: Path) -> None:
    api = _api(tmp_path)
    examples = ResponseExamples(api)
    assert example_response(api, _op(api, "listOrders"), examples) == [
        {"id": "ord_schema1", "status": "open", "total": 3.25}]
    assert examples.value(RefType(name="Order"), None) == {"id": "ord_schema1", "status": "open", "total": 3.25}


def test_request_body_example_gives_the_call_its_arguments(tmp_path: Path) -> None:
    """The request body's example gives the call's body fields and their values (optional ones the
    vendor wrote included), in the example's order."""
    api = _api(tmp_path)
    call = example_call(api, _op(api, "createOrder"), contract_of(api))
    assert [(arg.wire, arg.value) for arg in call.body] == [("item", "sku-42"), ("quantity", 3),
                                                            ("note", "gift wrap")]


def test_request_body_example_that_does_not_fit_is_not_sent(tmp_path: Path) -> None:
    """A request example missing a required field (or with a read-only one) is not what an SDK sends:
    the call keeps the values built from the schema."""
    api = _api(tmp_path, SPEC.replace("example: {item: sku-42, quantity: 3, note: gift wrap}",
                                      "example: {quantity: 0, note: gift wrap}"))
    call = example_call(api, _op(api, "createOrder"), contract_of(api))
    assert [(arg.wire, arg.value) for arg in call.body] == [("item", "item")]


def test_parameter_examples_map_gives_the_path_argument(tmp_path: Path) -> None:
    api = _api(tmp_path)
    call = example_call(api, _op(api, "getOrder"), contract_of(api))
    assert [(arg.wire, arg.value) for arg in call.path] == [("order_id", "ord_7Hx2")]


def test_method_page_shows_one_response_example(tmp_path: Path) -> None:
    """Each method page shows its response once (under "Returns Examples"), in HTML and Markdown,
    and the request example uses the spec's values."""
    spec = tmp_path / "shop.yaml"
    spec.write_text(SPEC)
    docs = generate_docs(spec, tmp_path / "out")
    response = json.dumps({"id": "ord_7Hx2", "status": "paid", "total": 19.5}, indent=2)
    for ext in ("md", "html"):
        page = (docs / "http" / "resources" / "orders" / "methods" / f"retrieve.{ext}").read_text()
        assert page.count("ord_7Hx2") == 2, ext  # the path in the request, then the response's id
        assert page.count("Returns Examples") == 1
        assert page.count('"total": 19.5') == 1
        if ext == "md":
            assert response in page
    python = (docs / "python" / "resources" / "orders" / "methods" / "create.md").read_text()
    assert 'item="sku-42"' in python and "quantity=3" in python and 'note="gift wrap"' in python


def test_request_body_example_without_listed_fields_keeps_a_field(tmp_path: Path) -> None:
    """An empty example (or one of fields the schema does not list) says nothing about the call: a
    required body still shows a field, so that the request has a body."""
    text = SPEC.replace("required: [item]", "required: []")
    text = text.replace("example: {item: sku-42, quantity: 3, note: gift wrap}", "example: {}")
    assert text != SPEC
    api = _api(tmp_path, text)
    call = example_call(api, _op(api, "createOrder"), contract_of(api))
    assert [arg.wire for arg in call.body] == ["item"]


UNRESOLVED_EXAMPLES = textwrap.dedent(
    """\
    openapi: 3.0.3
    info: {title: T, version: "1"}
    servers: [{url: "https://t.example"}]
    paths:
      /a:
        get:
          operationId: getA
          parameters:
            - name: q
              in: query
              required: true
              schema: {type: string}
              examples:
                remote: {$ref: "https://example.com/examples.yaml#/q"}
                file: {$ref: "missing.yaml#/q"}
                pointer: {$ref: "#/components/examples/Nope"}
                loop: {$ref: "#/components/examples/Loop"}
                text: "not an Example Object"
                external: {externalValue: "https://example.com/q.json"}
                good: {value: found-it}
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema: {type: object, properties: {n: {type: integer}}}
                  examples:
                    remote: {$ref: "other.yaml#/n"}
                    good: {$ref: "#/components/examples/Five"}
    components:
      examples:
        Loop: {$ref: "#/components/examples/Loop"}
        Five: {value: {n: 5}}
    """
)


def test_example_refs_that_do_not_resolve_are_skipped(tmp_path: Path) -> None:
    """The resolver does not check the ``$ref`` of an Example Object (remote, a file not read, a missing
    pointer, a loop): such an example is skipped, never an internal error, and the next one is used."""
    api = _api(tmp_path, UNRESOLVED_EXAMPLES)
    op = _op(api, "getA")
    assert op.parameters[0].examples == ["found-it"]
    assert example_response(api, op, ResponseExamples(api)) == {"n": 5}
    spec = tmp_path / "unresolved.yaml"
    spec.write_text(UNRESOLVED_EXAMPLES)
    docs = generate_docs(spec, tmp_path / "out")
    assert "found-it" in (docs / "http" / "resources" / "a" / "methods" / "retrieve.md").read_text()
