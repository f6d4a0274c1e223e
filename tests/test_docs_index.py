"""Each language's index page: the base URL, the authentication of the wire contract (with the
environment variables the SDKs read), and every resource with its method count and its methods."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from test_docs import LANGS, generate_docs, html_lines

SPEC = textwrap.dedent(
    """\
    openapi: 3.0.3
    info: {title: Vault, version: "1"}
    servers: [{url: "https://vault.example.com/v1"}]
    security: [{token: []}, {login: []}, {key: []}]
    components:
      securitySchemes:
        token:
          type: http
          scheme: bearer
          description: "A token from the [console](/console). <script>alert(1)</script>"
        login: {type: http, scheme: basic}
        key: {type: apiKey, in: query, name: "api-key"}
    paths:
      /secrets:
        get: {operationId: listSecrets, responses: {"204": {description: ok}}}
        post: {operationId: createSecret, responses: {"204": {description: ok}}}
      /secrets/{id}/versions:
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        get: {operationId: listSecretVersions, responses: {"204": {description: ok}}}
      /health:
        get: {operationId: getHealth, responses: {"204": {description: ok}}}
    """
)


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("index")
    spec = root / "vault.yaml"
    spec.write_text(SPEC)
    return generate_docs(spec, root / "out")


@pytest.mark.parametrize("lang", LANGS)
def test_index_states_base_url_and_every_auth_scheme_with_its_env_var(docs: Path, lang: str) -> None:
    text = "\n".join(html_lines((docs / lang / "index.html").read_text()))
    assert "https://vault.example.com/v1" in text and "VAULT_BASE_URL" in text
    assert "token: a bearer token in the Authorization header; token from VAULT_TOKEN" in text
    assert ("login: HTTP basic authentication (a user name and a password) in the Authorization header; "
            "username from VAULT_USERNAME, password from VAULT_PASSWORD") in text
    assert "key: an API key in the api-key query parameter; key from VAULT_KEY" in text
    # the scheme's description is shown as text, its link by path resolved against the server's origin
    html = (docs / lang / "index.html").read_text()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="https://vault.example.com/console">console</a>' in html


@pytest.mark.parametrize("lang", LANGS)
def test_index_lists_every_resource_with_its_method_count_and_links(docs: Path, lang: str) -> None:
    html = (docs / lang / "index.html").read_text()
    method_pages = sorted(str(p.relative_to(docs / lang)) for p in (docs / lang / "resources").rglob("methods/*.html"))
    assert len(method_pages) == 4
    linked = set(re.findall(r'href="([^"]+)"', html))
    assert all(page in linked for page in method_pages)
    text = "\n".join(html_lines(html))
    assert re.search(r"Secrets\s*2 methods", text) and re.search(r"Versions\s*1 method\b", text)
    # the Markdown page says the same, and its nested lists survive rendering
    md = (docs / lang / "index.md").read_text()
    rendered = MarkdownIt("commonmark").render(md)
    assert re.search(r"<li>\s*(<p>)?<strong>login</strong>: HTTP basic authentication", rendered)
    assert all(page.removesuffix(".html") + ".md" in md for page in method_pages)
    assert "(2 methods)" in md and "(1 method)" in md


def test_index_without_servers_or_security_says_so(tmp_path: Path) -> None:
    spec = tmp_path / "bare.yaml"
    spec.write_text(textwrap.dedent("""\
        openapi: 3.0.3
        info: {title: Bare, version: "1"}
        paths:
          /ping:
            get: {operationId: ping, responses: {"204": {description: ok}}}
        """))
    docs = generate_docs(spec, tmp_path / "out")
    text = "\n".join(html_lines((docs / "go" / "index.html").read_text()))
    assert "none in the spec: give the client one, or set BARE_BASE_URL" in text
    assert re.search(r"Authentication\s*none", text)
