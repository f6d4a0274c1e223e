"""The Python target's line wrapper (targets/python/layout.wrap) splits long lines as black does:
each case is wrapped, then black must leave it as it is (fast: black runs in-process)."""

from __future__ import annotations

from pathlib import Path

import black
import pytest
from sdkforge.targets.python.layout import LINE_WIDTH, wrap

LONG = "SPOTIFY_WEB_API_WITH_FIXES_AND_IMPROVEMENTS_FROM_SONALLUX_AND_MANY_MORE_WORDS_IN_ITS_TITLE_API_KEY"
CASES = [
    # a one-element tuple whose element must split in turn (its comma stays after it)
    ('"bearer": ', f'AuthScheme("bearer", "header", "Authorization", (("api_key", "{LONG}"),))', "    ", ","),
    ("x = ", f'(("api_key", "{LONG}"),)', "", ""),
    ("x = ", f'os.environ.get("{LONG}")', "", ""),
    ("x = ", 'f(a, b, c)', "", ""),
    ("y = ", f'[("a", "{LONG}"), ("b", "c")]', "", ""),
]


@pytest.mark.parametrize(("head", "expr", "indent", "tail"), CASES)
def test_wrap_is_what_black_writes(head: str, expr: str, indent: str, tail: str) -> None:
    text = wrap(head, expr, indent, tail)
    if indent:  # a dict entry: wrap it in a dict so black can read it
        source = "d = {\n" + text + "\n}\n"
    else:
        source = text + "\n"
    mode = black.Mode(line_length=LINE_WIDTH)
    assert black.format_str(source, mode=mode) == source


@pytest.mark.parametrize("ident", ["api_key", "personal_access_token", "a_credential_whose_name_is_long_enough_to_wrap"])
def test_with_options_credential_lines_are_what_black_writes(ident: str) -> None:
    from sdkforge.targets.python.plan import CredentialView

    line = CredentialView(key=ident, ident=ident, env="X").copy_arg
    source = "class C:\n    def f(self):\n        return type(self)(\n" + line + "\n        )\n"
    assert black.format_str(source, mode=black.Mode(line_length=LINE_WIDTH)) == source


@pytest.mark.parametrize("method", ["list", "x" * 60, "oauth_authorizations_get_or_create_authorization_for_app_and_fingerprint"])
def test_deprecated_decorator_is_what_black_writes(method: str) -> None:
    from sdkforge.targets.python.plan import deprecated_decorator

    source = f"class A:\n    {deprecated_decorator(method)}\n    def {method}(self) -> None:\n        pass\n"
    assert black.format_str(source, mode=black.Mode(line_length=LINE_WIDTH)) == source


LONG = "v" * 40


def test_long_names_of_a_generated_sdk_are_laid_out_as_black_writes(tmp_path: Path) -> None:
    """A paginated list whose item type has a long name (the async return annotation) and query
    parameters that make a functional TypedDict (`continue`) with a long name: Kubernetes' watch
    operations found both in the corpus' black check."""
    from sdkforge.diagnostics import Diagnostics
    from sdkforge.pipeline import generate, load_api

    item = "Io" + "Long" * 20 + "Binding"
    spec = tmp_path / "spec.yaml"
    spec.write_text(f"""openapi: 3.1.0
info: {{title: Long, version: '1'}}
servers: [{{url: 'https://api.invalid'}}]
paths:
  /apis/{LONG}/watch/bindings{LONG}:
    get:
      operationId: watchBindings{LONG}ForEveryNamespaceWithAVeryLongOperationIdentifierIndeed
      parameters:
        - {{name: continue, in: query, schema: {{type: string}}}}
        - {{name: after, in: query, schema: {{type: string}}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {{type: array, items: {{$ref: '#/components/schemas/{item}'}}}}
                  has_more: {{type: boolean}}
                  last_id: {{type: string}}
components:
  schemas:
    {item}: {{type: object, properties: {{id: {{type: string}}}}}}
""")
    diags = Diagnostics()
    generate(load_api(spec, diags), tmp_path / "out", ["python"], diags)
    mode = black.Mode(line_length=LINE_WIDTH)
    files = list((tmp_path / "out" / "python").rglob("*.py"))
    assert files
    for path in files:
        source = path.read_text()
        assert black.format_str(source, mode=mode) == source, path
