"""The docs' search index (``<lang>/search.js``, loaded by assets/docs.js on the first use of the
search box): one entry per page, plain-text summaries, spec strings inert in the script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sdkforge.targets.docs.markup import summary_text
from test_docs import HOSTILE, LANGS, SPEC, generate_docs


def _items(docs: Path, lang: str) -> list[list[str]]:
    text = (docs / lang / "search.js").read_text()
    assert text.startswith("sdkforgeSearch(") and text.endswith(");\n")
    return json.loads(text[len("sdkforgeSearch("):-3])["items"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("search")
    hostile = root / "evil.yaml"
    hostile.write_text(HOSTILE)
    return generate_docs(SPEC, root / "sample"), generate_docs(hostile, root / "hostile")


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_has_every_page_once(sites: tuple[Path, Path], lang: str) -> None:
    docs = sites[0]
    items = _items(docs, lang)
    subs = [item[2] for item in items]
    pages = sorted(str(p.relative_to(docs / lang).with_suffix("")) for p in (docs / lang).rglob("*.html"))
    assert sorted(subs) == [page for page in pages if page != "index"]
    methods = {item[1]: item for item in items if item[0] == "method"}
    assert methods["Complete upload"][3:5] == ["Uploads", "POST /uploads/{upload_id}/complete"]
    assert methods["Complete upload"][5] == "Completes the Upload."


def test_search_index_keeps_hostile_strings_inert(sites: tuple[Path, Path]) -> None:
    """Spec strings reach the script as JSON string literals with ``<``, ``>`` and ``&`` escaped (the
    page shows them with textContent): no markup, no line terminator that ends the literal."""
    for lang in LANGS:
        text = (sites[1] / lang / "search.js").read_text()
        assert "<" not in text and ">" not in text and "\u2028" not in text
        titles = [item[1] for item in _items(sites[1], lang)]
        assert "Get <b>thing</b> ](javascript:alert(1)) **bold**" in titles


@pytest.mark.parametrize(("text", "summary"), [
    ("Adds a [Part](/docs/api-reference/uploads/part-object) to an **Upload**. A Part is a chunk.",
     "Adds a Part to an Upload."),
    ("The `id` of e.g. the thing.\n\nMore.", "The id of e.g. the thing."),
    ("<b>Bold</b> | table | cell", "Bold table cell"),
    ("word " * 40, ("word " * 23).strip() + "\u2026"),
    ("", ""),
])
def test_search_summary_is_the_first_sentence_as_plain_text(text: str, summary: str) -> None:
    assert summary_text(text) == summary
    assert len(summary_text(text)) <= 120
