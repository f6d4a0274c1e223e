"""The docs target: the seed page, structure, determinism and escaping.

The seed (``../shared/seed/complete-upload.ruby-reference.txt``, a copy is in
``tests/browser/seed/``) is a text capture of a real API reference page.  Our
Ruby page for ``uploads.complete`` is rendered to plain text and every content
line of the seed must appear in it, in the seed's order.
"""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "spec" / "openai-uploads.yaml"
SEED = REPO / "tests" / "browser" / "seed" / "complete-upload.ruby-reference.txt"
LANGS = ("python", "typescript", "ruby", "go", "http")
COMPLETE = "resources/uploads/methods/complete"


def generate_docs(spec: Path, out: Path) -> Path:
    diags = Diagnostics()
    loaded = load_api(spec, diags)
    generate(loaded, out, ["docs"], diags)
    return out / "docs"


@pytest.fixture(scope="session")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_docs(SPEC, tmp_path_factory.mktemp("docs"))


# ------------------------------------------------------------------ normalisation
# Site chrome in the capture: the skip link, and the "Expand Collapse" buttons that the
# capture glued to the section headings ("ParametersExpand Collapse").  Nothing else is dropped.
CHROME_LINES = {"Skip to content"}
CHROME_SUFFIX = "Expand Collapse"


def seed_lines(text: str) -> list[str]:
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line in CHROME_LINES:
            continue
        if line.endswith(CHROME_SUFFIX) and line != CHROME_SUFFIX:
            line = line[: -len(CHROME_SUFFIX)].strip()
        out.append(line)
    return out


_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "pre", "div", "blockquote", "table",
           "tr", "hr", "br", "section", "details", "summary", "figure", "figcaption", "nav", "header", "main",
           "dt", "dd", "th", "td"}


class _Text(HTMLParser):
    """HTML -> text lines the way a browser lays them out: block elements break lines,
    <pre> keeps its line breaks, inline elements run together."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pre = 0
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("head", "script", "style"):
            self.hidden += 1
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "script", "style"):
            self.hidden -= 1
        if tag == "pre":
            self.pre -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


def html_lines(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [line.strip() for line in "".join(parser.parts).split("\n") if line.strip()]


def markdown_lines(markdown: str) -> list[str]:
    """The Markdown page rendered (CommonMark, markdown-it-py) and laid out as text."""
    return html_lines(MarkdownIt("commonmark").enable("table").render(markdown))


def key(line: str) -> str:
    """Lines compare without whitespace: the capture runs adjacent inline elements together
    ("POST/uploads/{upload_id}/complete" is a method badge + a path, "Deprecatedstatus: ..." a
    badge + a label), which a Markdown page cannot reproduce."""
    return re.sub(r"\s+", "", line)


def assert_in_order(expected: list[str], actual: list[str]) -> None:
    keys = [key(line) for line in actual]
    position = 0
    for index, line in enumerate(expected):
        try:
            position = keys.index(key(line), position) + 1
        except ValueError:
            context = "\n".join(expected[max(0, index - 3): index])
            found_elsewhere = key(line) in keys
            raise AssertionError(
                f"seed line {index + 1} not found in order: {line!r}\n"
                f"(present earlier on the page: {found_elsewhere})\nafter:\n{context}\n\n"
                f"page text from the last match on:\n" + "\n".join(actual[position - 1: position + 15])
            ) from None


# ------------------------------------------------------------------ the seed
def test_seed_copy_is_the_shared_seed() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seed" / "complete-upload.ruby-reference.txt"
    assert shared.exists(), "the shared seed must be beside the repository (../shared)"
    assert SEED.read_text() == shared.read_text()
    assert len(seed_lines(SEED.read_text())) > 100


# The capture's example passes its own placeholder for part_ids' items ("string"); our examples take
# their values from the neutral samples the SDKs' generated tests send (targets/common/samples.py),
# which name an array's string items after the array.  That one seed line is compared with the
# sample value.  The capture also shows the response twice (after the call, then under "Returns
# Examples") with placeholder values; our page shows it once, under "Returns Examples", and with the
# spec's own example of that response.  Every other line (the client line, the call's shape) as captured.
SEED_SAMPLE_LINE = 'upload = openai.uploads.complete("upload_abc123", part_ids: ["string"])'


def with_sample_values(lines: list[str]) -> list[str]:
    import json

    from sdkforge.targets.common.samples import operation_samples

    diags = Diagnostics()
    api = load_api(SPEC, diags).api
    op = next(op for op in api.operations if op.operation_id == "completeUpload")
    part_ids = next(s.value for s in operation_samples(api, op, only_required=True) if s.name == "part_ids")
    ours = SEED_SAMPLE_LINE.replace('["string"]', json.dumps(part_ids))
    stripped = [line.strip() for line in lines]
    assert stripped.count(SEED_SAMPLE_LINE) == 1 and stripped.count("Returns Examples") == 1
    lines = [ours if line.strip() == SEED_SAMPLE_LINE else line for line in lines]
    # the captured response: from the line after the call's output to "Returns Examples", then again
    first, heading = stripped.index("puts(upload)") + 1, stripped.index("Returns Examples")
    assert lines[first] == "{" and lines[first:heading] == lines[heading + 1:]
    assert op.success_body is not None and op.success_body.examples, "the sample spec gives this response's example"
    spec_example = json.dumps(op.success_body.examples[0], indent=2, ensure_ascii=False).splitlines()
    return lines[:first] + ["Returns Examples"] + spec_example


def test_ruby_complete_page_contains_the_seed_in_order(docs: Path) -> None:
    page = (docs / "ruby" / f"{COMPLETE}.md").read_text()
    expected = with_sample_values(seed_lines(SEED.read_text()))
    actual = markdown_lines(page)
    assert_in_order(expected, actual)
    # the normalisation is not vacuous: the comparison fails on a page missing one seed line
    broken = page.replace("      - `:batch_output`\n", "")
    assert broken != page
    with pytest.raises(AssertionError):
        assert_in_order(expected, markdown_lines(broken))


def test_ruby_complete_html_contains_the_seed_in_order(docs: Path) -> None:
    # the HTML page has the same chrome as the captured page: compare every seed line, chrome included
    html = (docs / "ruby" / f"{COMPLETE}.html").read_text()
    expected = with_sample_values([line.strip() for line in SEED.read_text().splitlines() if line.strip()])
    assert "ParametersExpand Collapse" in expected and "Skip to content" in expected
    assert_in_order(expected, html_lines(html))


def test_every_language_has_every_page(docs: Path) -> None:
    listings = {}
    for lang in LANGS:
        root = docs / lang
        listings[lang] = sorted(str(p.relative_to(root)) for p in root.rglob("*.*"))
    assert listings["python"], "no pages"
    for lang in LANGS:
        assert listings[lang] == listings["python"], lang
    pages = set(listings["ruby"])
    for sub in (
        "index.md",
        "resources/uploads.md",
        f"{COMPLETE}.md",
        "resources/uploads/methods/create.md",
        "resources/uploads/methods/cancel.md",
        "resources/uploads/subresources/parts.md",
        "resources/uploads/subresources/parts/methods/create.md",
        "resources/files/methods/list.md",
        "resources/files/methods/retrieve.md",
        "resources/files/methods/delete.md",
        "models/upload.md",
        "models/file_object.md",
    ):
        assert sub in pages and sub.replace(".md", ".html") in pages, sub
    assert (docs / "index.html").is_file() and (docs / "assets" / "docs.css").is_file()


SIGNATURES = {
    "ruby": "uploads.complete(upload_id, **kwargs) -> Upload { id, bytes, created_at, 6 more }",
    "python": "uploads.complete(upload_id, **kwargs) -> Upload { id, bytes, created_at, 6 more }",
    "typescript": "client.uploads.complete(uploadID, params) -> Upload { id, bytes, created_at, 6 more }",
    "go": "client.Uploads.Complete(ctx, uploadID, params) (*Upload, error)",
    "http": "POST /uploads/{upload_id}/complete",
}
NOTATION = {
    "ruby": ["part_ids: Array[String]", "status: :pending | :completed | :cancelled | :expired",
             "purpose: :assistants | :assistants_output | :batch | 5 more", ':"fine-tune"'],
    "python": ["part_ids: List[str]", 'status: Literal["pending", "completed", "cancelled", "expired"]',
               'purpose: Literal["assistants", "assistants_output", "batch", 5 more]',
               "file: Optional[FileObject { id, bytes, created_at, 6 more }]"],
    "typescript": ["part_ids: Array<string>", "md5?: string", 'status: "pending" | "completed" | "cancelled" | "expired"',
                   "file?: FileObject { id, bytes, created_at, 6 more } | null"],
    "go": ["PartIDs []string", "MD5 *string", "Status UploadStatus", "type Upload struct { ID, Bytes, CreatedAt, 6 more }",
           "Purpose FileObjectPurpose"],
    "http": ["part_ids: array of string", "md5: optional string"],
}
EXAMPLES = {
    "python": ['from openai import OpenAI', "# Reads OPENAI_API_KEY from the environment when not given.",
               'client = OpenAI(api_key="My API Key")',
               'upload = client.uploads.complete("upload_abc123", part_ids=["part_ids"])', "print(upload.id)"],
    "typescript": ["import OpenAI from 'openai';", "// Reads OPENAI_API_KEY from the environment when not given.",
                   "const client = new OpenAI({ apiKey: 'My API Key' });",
                   "const upload = await client.uploads.complete('upload_abc123', {", "  part_ids: ['part_ids'],",
                   "console.log(upload.id);"],
    "ruby": ["# Reads OPENAI_API_KEY from the environment when not given.",
             'openai = OpenAI::Client.new(api_key: "My API Key")'],
    "go": ["// Reads OPENAI_API_KEY from the environment when not given.", 'client := openai.NewClient(',
           'option.WithAPIKey("My API Key"),', "client.Uploads.Complete(", "context.TODO(),", '"upload_abc123",',
           "openai.UploadCompleteParams{", 'PartIDs: []string{"part_ids"},'],
    "http": ["curl https://api.openai.com/v1/uploads/upload_abc123/complete",
             "-H \"Authorization: Bearer $OPENAI_API_KEY\""],
}


@pytest.mark.parametrize("lang", LANGS)
def test_signature_notation_and_example_per_language(docs: Path, lang: str) -> None:
    page = (docs / lang / f"{COMPLETE}.md").read_text()
    assert f"```\n{SIGNATURES[lang]}\n```" in page
    for label in NOTATION[lang]:
        assert f"`{label}`" in page, label
    for line in EXAMPLES.get(lang, []):
        assert line in page, line


def test_output_is_deterministic(docs: Path, tmp_path: Path) -> None:
    again = generate_docs(SPEC, tmp_path)
    first = {p.relative_to(docs): p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_links_are_relative_and_resolve(docs: Path) -> None:
    href = re.compile(r'(?:href|src)="([^"]*)"')
    descriptions = re.compile(r'<div class="(?:description|desc[^"]*)">.*?</div>', re.DOTALL)
    checked = 0
    for page in docs.rglob("*.html"):
        # links inside spec descriptions are the spec's own (they point at the original site)
        for target in href.findall(descriptions.sub("", page.read_text())):
            if target.startswith("#"):
                continue
            assert "://" not in target and not target.startswith("/"), (page, target)
            path = target.split("#")[0]
            resolved = (page.parent / path).resolve()
            assert resolved.is_file(), (page, target)
            checked += 1
    assert checked > 500


def test_row_ids_are_unique_on_every_page(docs: Path) -> None:
    ids = re.compile(r' id="([^"]*)"')
    rows = 0
    for page in docs.rglob("*.html"):
        found = ids.findall(page.read_text())
        assert len(found) == len(set(found)), page
        rows += len(found)
    assert rows > 500


# ------------------------------------------------------------------ page size: nested models
NESTED = textwrap.dedent(
    """\
    openapi: 3.1.0
    info: {title: Nest, version: "1"}
    servers: [{url: "https://example.com"}]
    paths:
      /a:
        get:
          operationId: getA
          responses:
            "200":
              description: OK
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/A"}
      /nodes:
        get:
          operationId: listNodes
          responses:
            "200":
              description: OK
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Node"}
    components:
      schemas:
        A:
          type: object
          properties:
            b: {$ref: "#/components/schemas/B"}
            inline:
              type: object
              properties:
                deep:
                  type: object
                  properties:
                    deeper: {type: object, properties: {deepest_marker: {type: string}}}
        B:
          type: object
          properties:
            b_marker: {type: string}
            c: {$ref: "#/components/schemas/C"}
        C:
          type: object
          description: C's own description
          properties:
            c_marker: {type: string}
        Node:
          type: object
          properties:
            name: {type: string}
            children: {type: array, items: {$ref: "#/components/schemas/Node"}}
    """
)


@pytest.fixture(scope="session")
def nested_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("nested")
    spec = root / "nested.yaml"
    spec.write_text(NESTED)
    return generate_docs(spec, root / "out")


def test_method_pages_expand_two_model_levels_then_link(nested_docs: Path) -> None:
    page = (nested_docs / "http" / "resources" / "a" / "methods" / "retrieve.md").read_text()
    assert "`b_marker: optional string`" in page  # A's model B: expanded
    assert "`c_marker" not in page  # B's model C: linked to its page, not inlined again
    assert "See [C](../../../models/c.md)." in page
    assert "`deepest_marker: optional string`" in page  # anonymous objects always expand (no page of their own)
    html = (nested_docs / "http" / "resources" / "a" / "methods" / "retrieve.html").read_text()
    assert 'id="return.root.b.c"' in html and 'href="../../../models/c.html"' in html
    model_c = (nested_docs / "http" / "models" / "c.md").read_text()
    assert "`c_marker: optional string`" in model_c


def test_model_pages_link_nested_models(nested_docs: Path) -> None:
    page = (nested_docs / "ruby" / "models" / "a.md").read_text()
    assert "See [B](../models/b.md)." in page and "`b_marker" not in page
    assert "deepest_marker" in page


def test_recursive_models_link_to_themselves(nested_docs: Path) -> None:
    page = (nested_docs / "python" / "models" / "node.md").read_text()
    assert "See [Node](../models/node.md)." in page
    method = (nested_docs / "python" / "resources" / "nodes" / "methods" / "retrieve.md").read_text()
    assert method.count("`name: Optional[str]`") == 1  # the cycle is linked, not expanded again



TITLED = """\
openapi: 3.0.3
info: {title: %s, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: retrieveThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
"""


@pytest.mark.parametrize("title", ["Box Platform API", "struct", "GitHub REST"])
def test_python_examples_import_what_the_sdk_exports(tmp_path: Path, title: str) -> None:
    """With no config, the docs' Python examples name the package and client the Python SDK has
    (the SDK drops a trailing "API" and keeps acronyms; a package that would shadow the standard
    library gets ``_sdk``): the example's import line runs against the generated package."""
    import subprocess
    import sys

    spec = tmp_path / "titled.yaml"
    spec.write_text(TITLED % title)
    diags = Diagnostics()
    generate(load_api(spec, diags), tmp_path / "out", ["python", "docs"], diags)
    page = (tmp_path / "out" / "docs" / "python" / "resources" / "things" / "methods" / "retrieve.md").read_text()
    imports = [line for line in page.splitlines() if line.startswith("from ")]
    assert len(imports) == 1, imports
    client = re.fullmatch(r"from (\w+) import (\w+)", imports[0])
    assert client is not None, imports[0]
    assert f"client = {client[2]}(" in page
    src = tmp_path / "out" / "python" / "src"
    code = f"import sys; sys.path.insert(0, {str(src)!r}); {imports[0]}; print({client[2]}.__module__)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{client[1]}._client"


NO_SERVER = """\
openapi: 3.0.3
info: {title: Box Platform API, version: "1"}
security: [{basicAuth: []}]
components:
  securitySchemes:
    basicAuth: {type: http, scheme: basic}
paths:
  /things/{id}:
    get:
      operationId: retrieveThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: sessionId, in: cookie, required: true, schema: {type: string}}
        - {name: tags, in: query, required: true, schema: {type: array, items: {type: string}}}
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
"""


def test_examples_without_a_server_with_basic_auth_and_a_cookie(tmp_path: Path) -> None:
    """No server: curl's URL starts at the contract's base-URL variable and every client example says
    it reads it; basic auth is username/password (curl -u) named from the contract; a cookie
    parameter goes in curl's one --cookie and is the SDKs' keyword."""
    spec = tmp_path / "box.yaml"
    spec.write_text(NO_SERVER)
    docs = generate_docs(spec, tmp_path / "out")
    page = "resources/things/methods/retrieve.md"
    expected = {
        "http": ['curl "$BOX_PLATFORM_BASE_URL/things/id?tags=tags"',
                 '-u "$BOX_PLATFORM_USERNAME:$BOX_PLATFORM_PASSWORD"', '--cookie "sessionId=sessionId"'],
        "python": ['client = BoxPlatform(username="My Username", password="My Password")',
                   'client.things.retrieve("id", tags=["tags"], session_id="sessionId")',
                   "things.retrieve(id, **kwargs)"],
        "typescript": ["const client = new BoxPlatform({", "  username: 'My Username',"],
        "ruby": ['BoxPlatform::Client.new(username: "My Username", password: "My Password")'],
        "go": ['option.WithUsername("My Username"),', 'option.WithPassword("My Password"),'],
    }
    note = "Reads BOX_PLATFORM_USERNAME, BOX_PLATFORM_PASSWORD and BOX_PLATFORM_BASE_URL from the environment"
    for lang, lines in expected.items():
        text = (docs / lang / page).read_text()
        for line in lines:
            assert line in text, (lang, line)
        assert (note in text) == (lang != "http"), lang
        assert "API_KEY" not in text and "api.example" not in text, lang


# ------------------------------------------------------------------ hostile input
HOSTILE = textwrap.dedent(
    """\
    openapi: 3.1.0
    info:
      title: "Evil <script>alert('title')</script> API"
      version: "1"
      description: "<img src=x onerror=alert(1)> intro"
    servers:
      - url: https://example.com
    paths:
      /things/{thing_id}:
        get:
          operationId: getThing
          summary: "Get <b>thing</b> ](javascript:alert(1)) **bold**"
          description: |-
            <script>alert(1)</script>
            <img src=x onerror=alert(2)>
            [click](javascript:alert(3)) [ok](https://example.com/ok)
            [entity](jav&#x61;script:alert(4))
            ```
            unclosed fence
          parameters:
            - name: thing_id
              in: path
              required: true
              description: "`code` <svg onload=alert(5)>"
              schema: {type: string}
            - name: "*evil*_[name](javascript:alert(6))"
              in: query
              description: "# heading\\n- list <iframe src=javascript:alert(7)>"
              schema:
                type: string
                enum: ["<script>alert(8)</script>", "a`b", "x\\"y", "#{boom}"]
          responses:
            "200":
              description: OK
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Thing"
    components:
      schemas:
        Thing:
          type: object
          description: "</code></pre><script>alert(9)</script>"
          required: ["<b>id</b>"]
          properties:
            "<b>id</b>":
              type: string
              description: "<a href=javascript:alert(10)>x</a>"
            "kind`\\n## injected":
              type: string
              const: "</script><script>alert(11)</script>"
    """
)


@pytest.fixture(scope="session")
def hostile_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    spec = root / "evil.yaml"
    spec.write_text(HOSTILE)
    return generate_docs(spec, root / "out")


def test_hostile_html_is_escaped(hostile_docs: Path) -> None:
    pages = list(hostile_docs.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text()
        scripts = re.findall(r"<script\b[^>]*>", text, re.IGNORECASE)
        assert all(re.fullmatch(r'<script src="[./]*assets/docs\.js" defer>', s) for s in scripts), (page, scripts)
        lowered = text.lower()
        for bad in ("<img", "<svg", "<iframe", "onerror=", "onload=", 'href="javascript:', "href='javascript:",
                    "<b>"):
            if bad.endswith("=") and bad in lowered:
                # allowed only as escaped text: the raw attribute must never sit inside a tag
                assert not re.search(r"<[a-z][^>]*\s" + re.escape(bad), lowered), (page, bad)
            elif not bad.endswith("="):
                assert bad not in lowered, (page, bad)
    method = hostile_docs / "http" / "resources" / "things" / "methods" / "retrieve.html"
    text = method.read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert '<a href="https://example.com/ok">ok</a>' in text


def test_hostile_markdown_keeps_its_structure(hostile_docs: Path) -> None:
    page = (hostile_docs / "http" / "resources" / "things" / "methods" / "retrieve.md").read_text()
    rendered = MarkdownIt("commonmark").render(page)
    # raw HTML in descriptions stays text, javascript: links lose their target
    for bad in ("<script", "<img", "<svg", "<iframe", "javascript:alert(3)\"", 'href="javascript'):
        assert bad not in rendered.lower(), bad
    assert '<a href="https://example.com/ok">ok</a>' in rendered
    # the page keeps its sections: the unclosed fence, headings and list markers in spec text
    # do not swallow or invent structure
    headings = re.findall(r"<h([12])>(.*?)</h\1>", rendered)
    assert [h[1] for h in headings if h[0] == "2"] == ["Parameters", "Returns", "Example", "Returns Examples"]
    assert len([h for h in headings if h[0] == "1"]) == 1
    # names with Markdown syntax show literally
    assert "<code>*evil*_[name](javascript:alert(6)): optional &quot;&lt;script&gt;alert(8)&lt;/script&gt;&quot;" in rendered
    # an enum value with a backtick is one code span
    assert '<code>&quot;a`b&quot;</code>' in rendered


def test_html_content_escapes_markup_but_keeps_quotes() -> None:
    from sdkforge.targets.docs.markup import html_content

    assert html_content('{"a": "b"}') == '{"a": "b"}'
    assert html_content('</code><script>"x" & \x01y') == '&lt;/code&gt;&lt;script&gt;"x" &amp; y'


def test_hostile_labels_and_examples_stay_text(hostile_docs: Path) -> None:
    page = (hostile_docs / "http" / "models" / "thing.html").read_text()
    # element content: markup characters escaped, quotes left as they are (labels, JSON examples)
    assert '## injected: optional "&lt;/script&gt;&lt;script&gt;alert(11)&lt;/script&gt;"</code>' in page
    assert '"kind`\\n## injected": "&lt;/script&gt;&lt;script&gt;alert(11)&lt;/script&gt;"' in page
    assert "<script>alert" not in page


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(alphabet="aZz09 ,.;:'\"()?/%+=$@-", max_size=24),
                 st.text(alphabet="aZz09 ,.;:'\"()?/%+=$@-!*_`[]<>&#|\\\n\t", max_size=24),
                 st.lists(st.sampled_from(["a", " ", "`x_1`", "`[*]`", "-", "1", "`", ".", '"', ">", "\n", "\n\n"]),
                          max_size=10).map("".join),
                 st.sampled_from(["javascript:x", "ftp://x", "data:image/png;base64,A", "https://x", "/r"]).flatmap(
                     lambda url: st.sampled_from([f"[a]({url})", f"<{url}>", f"[a]\n\n[a]: {url}"]))
                 ).map(lambda t: "A" + t))
def test_descriptions_are_what_each_format_parser_makes_of_them(text: str) -> None:
    from sdkforge.targets.docs import markup

    # one parse serves both formats (and one line of plain words none): the same as parsing for each
    markup._descriptions.cache_clear()
    source = markup.clean(text)
    assert markup.html_description(text) == markup._HTML_MD.render(source).strip()
    assert markup.md_description(text) == markup._md_blocks(markup._MD.parse(source))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" a`\n\t-", max_size=30))
def test_fast_markdown_helpers_match_their_definitions(text: str) -> None:
    from sdkforge.targets.docs import fragments, markup

    # nesting: every line with a character gets two spaces, empty lines stay empty
    assert fragments._indent(text) == fragments._NONBLANK_LINE.sub("  ", text)
    # a code span needs padding exactly when both ends are spaces (or a backtick is at an end)
    code = markup.md_code(text)
    if text.strip() and "\n" not in text and "`" not in text:
        padded = text.startswith(" ") and text.endswith(" ")
        assert code == (f"` {text} `" if padded else f"`{text}`")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \r\n\t\x00\x1b\x7f\x85\u200e\u2028\ufeff\u202e\u2066é")),
               max_size=20) | st.text(max_size=20))
def test_cleaning_skips_only_text_it_would_not_change(text: str) -> None:
    import re

    from sdkforge.targets.docs import markup

    # the definition: newlines normalised, then every control, separator, BOM and bidi character dropped
    control = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]"
    assert markup.clean(text) == re.sub(control, "", text.replace("\r\n", "\n").replace("\r", "\n"))


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.one_of(st.text(max_size=4), st.integers(), st.booleans()), inner, max_size=3),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES)
def test_example_json_is_what_json_dumps_writes(value: object) -> None:
    import json

    from sdkforge.targets.docs.plan import _json

    assert _json(value) == json.dumps(value, indent=2, ensure_ascii=False, default=str)


@pytest.mark.parametrize("spec", [SPEC, REPO / "tests" / "cases" / "wire" / "spec.yaml"], ids=["openai", "wire"])
def test_python_argument_names_are_the_sdk_planners(spec: Path) -> None:
    """The docs' Python argument names (parameter rows, signatures, examples) are the ones the
    Python SDK's planner gives its methods, for every operation and every argument."""
    from sdkforge.targets.docs.lang_python import Python
    from sdkforge.targets.python.plan import PythonPlanner

    diags = Diagnostics()
    loaded = load_api(spec, diags)
    planner = PythonPlanner(loaded.api, loaded.config, diags)
    planner._name_types()
    planner._param_names(planner._param_reachable())
    resources, _ = planner._resources()
    docs = Python(loaded.api, loaded.config)
    checked = 0
    for resource in resources:
        for method in resource.methods:
            sdk = {(a.where, a.wire): a.ident for a in method.path_args + method.args}
            names, whole = docs.args(method.op)
            assert names == sdk, method.op.operation_id
            assert whole == (method.body_arg.ident if method.body_arg else None), method.op.operation_id
            checked += 1
    assert checked == len(loaded.api.operations)


# ------------------------------------------------------------------ page chrome
# A custom layout that lays the chrome out itself, from the pages' link lists and titles through the
# template escapers (the built-in layouts paste the chrome that generator/targets/docs/chrome.py
# assembles from pieces made once per language).
LINK_LIST_LAYOUTS = REPO / "tests" / "cases" / "docs_layout"


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_pasted_chrome_is_what_a_layout_of_the_link_lists_makes(docs: Path, hostile_docs: Path, tmp_path: Path,
                                                                which: str) -> None:
    built_in = docs if which == "sample" else hostile_docs
    spec = SPEC
    if which == "hostile":
        spec = tmp_path / "evil.yaml"
        spec.write_text(HOSTILE)
    diags = Diagnostics()
    generate(load_api(spec, diags), tmp_path / "out", ["docs"], diags, templates=LINK_LIST_LAYOUTS)
    custom = tmp_path / "out" / "docs"
    pages = sorted(p.relative_to(built_in) for p in built_in.rglob("*") if p.suffix in (".html", ".md"))
    assert len(pages) > 10
    assert pages == sorted(p.relative_to(custom) for p in custom.rglob("*") if p.suffix in (".html", ".md"))
    for page in pages:
        assert (custom / page).read_bytes() == (built_in / page).read_bytes(), page


# ------------------------------------------------------------------ binary and stream returns
RETURNS = {  # the signature line each language's page shows, as the SDKs return it
    "python": ["files.content(file_id) -> BinaryResponse", "audio.speech.create(**kwargs) -> BinaryResponse",
               "completions.create(**kwargs) -> Completion { id, text }",
               "events.create(**kwargs) -> Stream[Event { type, text }]"],
    "typescript": ["client.files.content(fileID) -> Response", "client.audio.speech.create(params) -> Response",
                   "client.completions.create(params) -> Completion { id, text }",
                   "client.events.create(params) -> Stream<Event { type, text }>"],
    "ruby": ["files.content(file_id) -> StringIO", "audio.speech.create(**kwargs) -> StringIO",
             "completions.create(**kwargs) -> Completion { id, text }",
             "events.create(**kwargs) -> Stream<Event { type, text }>"],
    "go": ["client.Files.Content(ctx, fileID) (*http.Response, error)",
           "client.Audio.Speech.New(ctx, params) (*http.Response, error)",
           "client.Completions.New(ctx, params) (*Completion, error)",
           "client.Events.New(ctx, params) *ssestream.Stream[Event]"],
}


@pytest.mark.parametrize("lang", sorted(RETURNS))
def test_binary_and_stream_flag_returns_follow_the_contract(tmp_path: Path, lang: str) -> None:
    """A binary body is each SDK's binary class; a `stream`-flag method's page shows the plain call's
    result (the model, or bytes), and only an events-only operation shows a stream."""
    from support.scenarios import write_spec

    site = generate_docs(write_spec(tmp_path / "spec"), tmp_path / "out") / lang / "resources"
    pages = ["files/methods/content", "audio/subresources/speech/methods/create",
             "completions/methods/create", "events/methods/create"]
    shown = [(site / f"{page}.md").read_text(encoding="utf-8").splitlines()[5] for page in pages]
    assert shown == RETURNS[lang]
