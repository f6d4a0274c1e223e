"""Links in descriptions that are relative to the API vendor's site (``/docs/...``): resolved against
the config's ``docs.link_base`` or the origin of the spec's first server, never left dead."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from sdkforge.config import load_config
from sdkforge.diagnostics import Diagnostics, SpecError
from sdkforge.pipeline import generate, load_api
from sdkforge.targets.docs.links import link_base, resolve_link
from sdkforge.targets.docs.markup import html_description, md_description


@pytest.mark.parametrize(("href", "base", "expected"), [
    ("/docs/api-reference/uploads", "https://platform.openai.com",
     "https://platform.openai.com/docs/api-reference/uploads"),
    ("/docs/x", "https://example.com/vendor", "https://example.com/vendor/docs/x"),
    ("part-object", "https://example.com/ref", "https://example.com/ref/part-object"),
    ("../up", "https://example.com/a/b", "https://example.com/a/up"),
    ("//cdn.example.com/x", "", "https://cdn.example.com/x"),
    ("https://other.example/x", "https://example.com", "https://other.example/x"),
    ("#fragment", "", "#fragment"),
    ("/docs/x", "", None),
    ("relative/page", "", None),
])
def test_link_by_path_is_resolved_or_dropped(href: str, base: str, expected: str | None) -> None:
    assert resolve_link(href, base) == expected


@pytest.mark.parametrize(("configured", "servers", "expected"), [
    ("https://platform.openai.com/", ["https://api.openai.com/v1"], "https://platform.openai.com"),
    (None, ["https://api.openai.com/v1"], "https://api.openai.com"),
    (None, ["HTTP://localhost:8080/api", "https://b.example"], "http://localhost:8080"),
    (None, ["https://{region}.example.com/v1"], ""),  # a server variable: no literal host
    (None, ["/v1"], ""),  # relative server URL
    (None, ["ftp://files.example.com"], ""),
    (None, ['https://a.example"onmouseover=x/v1'], ""),
    (None, [], ""),
])
def test_link_base_is_the_config_or_the_first_servers_origin(configured: str | None, servers: list[str],
                                                              expected: str) -> None:
    assert link_base(configured, servers) == expected


def test_description_links_by_path_reach_the_base_in_both_formats() -> None:
    text = 'Add a [Part](/docs/api-reference/uploads/part-object) or see [the guide](https://example.com/g).'
    base = "https://platform.openai.com"
    html = html_description(text, base)
    assert '<a href="https://platform.openai.com/docs/api-reference/uploads/part-object">Part</a>' in html
    assert '<a href="https://example.com/g">the guide</a>' in html
    md = md_description(text, base)
    assert "[Part](<https://platform.openai.com/docs/api-reference/uploads/part-object>)" in md


def test_description_link_by_path_without_base_keeps_only_its_text() -> None:
    text = "Add a [Part](/docs/api-reference/uploads/part-object) to an [**Upload**](uploads/object)."
    assert html_description(text, "") == "<p>Add a Part to an <strong>Upload</strong>.</p>"
    assert md_description(text, "") == "Add a Part to an **Upload**."


def test_description_link_target_is_escaped_for_its_position() -> None:
    """The path and the base are untrusted: quotes and angle brackets never leave the attribute or the
    Markdown link destination."""
    text = '[x](/a"b>c<script>) and [z](</p q"r>) and [y](/c\'d)'
    base = "https://example.com"
    html = html_description(text, base)
    assert "<script" not in html
    assert re.findall(r'href="([^"]*)"', html) == ["https://example.com/a%22b%3Ec%3Cscript%3E",
                                                    "https://example.com/p%20q%22r", "https://example.com/c'd"]
    md = md_description(text, base)
    assert "<script" not in md and "[x](<https://example.com/a%22b%3Ec%3Cscript%3E>)" in md


def _site(tmp_path: Path, servers: str, config: str | None) -> tuple[str, str]:
    tmp_path.mkdir()
    spec = tmp_path / "api.yaml"
    spec.write_text(textwrap.dedent(f"""\
        openapi: 3.0.3
        info: {{title: Links, version: "1"}}
        {servers}
        paths:
          /things:
            get:
              operationId: listThings
              description: Returns [things](/docs/things) in [pages](#pagination).
              responses:
                "200": {{description: ok}}
        """))
    diags = Diagnostics()
    config_path = None
    if config is not None:
        config_path = tmp_path / "docs-config.yaml"
        config_path.write_text(config)
    generate(load_api(spec, diags, config_path=config_path), tmp_path / "out", ["docs"], diags)
    [page] = (tmp_path / "out" / "docs" / "python" / "resources" / "things" / "methods").glob("*.html")
    return page.read_text(), page.with_suffix(".md").read_text()


def test_site_links_follow_config_then_server_then_become_text(tmp_path: Path) -> None:
    html, md = _site(tmp_path / "a", 'servers: [{url: "https://api.links.test/v2"}]',
                     "docs: {link_base: 'https://docs.links.test'}")
    assert 'href="https://docs.links.test/docs/things"' in html and "(<https://docs.links.test/docs/things>)" in md
    html, md = _site(tmp_path / "b", 'servers: [{url: "https://api.links.test/v2"}]', None)
    assert 'href="https://api.links.test/docs/things"' in html
    html, md = _site(tmp_path / "c", "", None)
    assert "Returns things in" in html and "/docs/things" not in html and "/docs/things" not in md
    assert 'href="#pagination"' in html  # a fragment stays a link within the page


@pytest.mark.parametrize("value", ["javascript:alert(1)", "not a url", "https://x.test/a b", 3])
def test_config_link_base_must_be_an_http_url(tmp_path: Path, value: object) -> None:
    config = tmp_path / "sdkforge.yaml"
    config.write_text(f"docs: {{link_base: {value!r}}}\n")
    diags = Diagnostics()
    with pytest.raises(SpecError):
        load_config(config, diags)
    assert any("docs.link_base" in str(error) for error in diags.errors())
