"""Parameter/return trees as HTML and Markdown fragments, rendered once per language and reused.

A tree row is the same wherever its model appears (``FileObject`` under ``Upload`` on a
dozen pages), so the rows of every shared :class:`~.model.Body` are rendered once per
language and pasted into each page.  Two things differ from page to page and are left as
placeholders, filled in by :func:`place` when the page is rendered:

* :data:`ANCHOR` - the anchor path of the enclosing row (``return.root.file``): row ids are
  ``<enclosing>.<key>``, unique on a page because every segment is unique among its siblings
  and never contains a ``.``;
* :data:`LANG_ROOT` - the relative path from the page's folder to its language's folder
  (``../../``), for links to model pages.

(:data:`OPEN` marks where a row's ``<details>`` open when the rows are a page's top level.)
These are control characters that :func:`markup.clean` removes from every spec string, so no
spec text can produce or disturb them.  Every spec string goes through the escaper for its
position (:mod:`.markup`): ``html_content`` for labels and values (element content),
``html_text`` for names in links, ``md_code``/``md_text`` in
Markdown; descriptions arrive already safe (``html_description``/``md_description``).

The markup lives here rather than in a Jinja macro because a macro call per row cost more
than everything else on a page (tens of thousands of rows per language on big APIs); the
templates paste the finished fragments (``v.params_html``, ``v.rows_md``...).
"""

from __future__ import annotations

import re

from .lang import Language, Namer
from .markup import html_content, html_description, html_text, md_code, md_description, md_text
from .model import Body, DocNode

ANCHOR = "\x01"
LANG_ROOT = "\x02"
OPEN = "\x03"  # where a row's <details> get " open" (top-level rows) or nothing

_PART_BAD = re.compile(r"[^A-Za-z0-9_-]+")
_NONBLANK_LINE = re.compile(r"^(?=.)", re.MULTILINE)


def place(fragment: str, anchor: str, lang_root: str) -> str:
    """A fragment with its placeholders filled in for one page."""
    return fragment.replace(ANCHOR, anchor).replace(LANG_ROOT, lang_root)


def _indent(text: str) -> str:
    """Nest a Markdown fragment one list level deeper (blank lines stay empty)."""
    return _NONBLANK_LINE.sub("  ", text)


def _md_indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.split("\n"))


class Neutral:
    """What a row shows in every language, computed once for all five: anchor segments of
    sibling rows, the deprecation badge and the descriptions (HTML, and Markdown indented
    under the row's list item)."""

    def __init__(self) -> None:
        self._parts: dict[int, tuple[list[DocNode], list[str]]] = {}
        self._rows: dict[int, tuple[DocNode, str, str, str, str]] = {}

    def parts(self, rows: list[DocNode]) -> list[str]:
        """Anchor segments of sibling rows: sanitised, unique among the siblings."""
        hit = self._parts.get(id(rows))
        if hit is not None:
            return hit[1]
        namer = Namer()
        out = []
        for index, row in enumerate(rows):
            part = row.key if row.key is not None else f"variant-{index}" if row.where == "variant" else "root"
            out.append(namer.claim(_PART_BAD.sub("-", part).strip("-") or "row", "-"))
        self._parts[id(rows)] = (rows, out)
        return out

    def row(self, row: DocNode) -> tuple[DocNode, str, str, str, str]:
        """(row, HTML badge, HTML descriptions, Markdown prefix, Markdown descriptions)."""
        hit = self._rows.get(id(row))
        if hit is None:
            desc = html_description(row.description)
            model_desc = html_description(row.model_description)
            html = (f'<div class="desc">{desc}</div>\n' if desc else "") + (
                f'<div class="desc model-desc">{model_desc}</div>\n' if model_desc else "")
            desc = md_description(row.description)
            model_desc = md_description(row.model_description)
            md = (_md_indent(desc, "  ") + "\n\n" if desc else "") + (
                _md_indent(model_desc, "  ") + "\n\n" if model_desc else "")
            hit = self._rows[id(row)] = (
                row, '<span class="badge deprecated">Deprecated</span>' if row.deprecated else "", html,
                "- **Deprecated** " if row.deprecated else "- ", md)
        return hit


class Fragments:
    """One language's tree fragments.  A shared body is rendered once per format: HTML with
    :data:`OPEN` where its rows' ``<details>`` may be opened (top-level rows are open, nested
    ones closed), Markdown at the top level (nesting indents it)."""

    def __init__(self, lang: Language, model_sub: dict[str, str], active: list[Fragments] | None = None,
                 neutral: Neutral | None = None):
        self.lang = lang
        self.neutral = neutral if neutral is not None else Neutral()  # shared by the languages
        self.model_sub = model_sub
        self._html: dict[tuple[int, bool], tuple[Body, str]] = {}  # with OPEN markers
        self._md: dict[tuple[int, bool], tuple[Body, str]] = {}  # at the top level
        self._labels: dict[int, tuple[DocNode, str, list[str], str | None]] = {}
        # languages sharing `active` keep only one language's caches at a time (pages are
        # rendered language by language): a cache is pure memoisation, dropping it is safe
        self._active = active if active is not None else [self]

    def _activate(self) -> None:
        if self._active[0] is not self:
            previous = self._active[0]
            previous._html.clear()
            previous._md.clear()
            previous._labels.clear()
            self._active[0] = self

    def _label(self, row: DocNode) -> tuple[DocNode, str, list[str], str | None]:
        """(row, label, enum value labels, constant note) in this language, for HTML and Markdown."""
        hit = self._labels.get(id(row))
        if hit is None:
            lang = self.lang
            hit = self._labels[id(row)] = (row, lang.row_label(row), [lang.value_label(v) for v in row.values],
                                           lang.const_note(row))
        return hit

    def _link(self, row: DocNode) -> str | None:
        if not row.truncated:
            return None
        if row.model in self.model_sub:
            return row.model
        if row.link in self.model_sub:
            return row.link
        return None

    # ------------------------------------------------------------ HTML
    def html(self, rows: list[DocNode], open_: bool) -> str:
        """``<ul class="tree">`` of ``rows``; ids are ``ANCHOR.<segment>...``."""
        self._activate()
        return self._rows_html(rows).replace(OPEN, " open" if open_ else "")

    def html_body(self, body: Body, variants: bool, open_: bool) -> str:
        """The properties (or variants) of ``body`` as a tree."""
        self._activate()
        if not body.shared:
            return self._rows_html(body.variants if variants else body.children).replace(
                OPEN, " open" if open_ else "")
        key = (id(body), variants)
        hit = self._html.get(key)
        if hit is None:
            hit = self._html[key] = (body, self._rows_html(body.variants if variants else body.children))
        return hit[1].replace(OPEN, " open" if open_ else "")

    def _rows_html(self, rows: list[DocNode]) -> str:
        out = ['<ul class="tree">\n']
        for row, part in zip(rows, self.neutral.parts(rows)):
            self._html_row(row, f"{ANCHOR}.{part}", out)
        out.append("</ul>\n")
        return "".join(out)

    def _html_nested(self, body: Body, variants: bool, anchor: str) -> str:
        return self.html_body(body, variants, False).replace(ANCHOR, anchor)

    def _html_row(self, row: DocNode, anchor: str, out: list[str]) -> None:
        _, badge, desc, _, _ = self.neutral.row(row)
        _, label, values, note = self._label(row)
        out.append(f'<li class="row" id="{anchor}">\n<div class="row-head">{badge}<code class="label">'
                   f"{html_content(label)}</code></div>\n{desc}")
        if note:
            out.append(f'<p class="note">Always <code>{html_content(note)}</code>.</p>\n')
        if values:
            out.append(f'<details class="values"{OPEN}><summary>Accepts one of the following:</summary>\n'
                       '<ul class="enum">\n')
            out.extend(f"<li><code>{html_content(v)}</code></li>\n" for v in values)
            out.append("</ul>\n</details>\n")
        body = row.body
        if body.variants:
            out.append(f'<details class="variants"{OPEN}><summary>Accepts one of the following:</summary>\n')
            out.append(self._html_nested(body, True, anchor))
            out.append("</details>\n")
        link = self._link(row)
        if link is not None:
            out.append(f'<p class="see">See <a href="{LANG_ROOT}{html_text(self.model_sub[link])}/index.html">'
                       f"{html_text(self.lang.type_name(link))}</a>.</p>\n")
        if body.children:
            out.append(f'<details class="children"{OPEN}><summary>Properties</summary>\n')
            out.append(self._html_nested(body, False, anchor))
            out.append("</details>\n")
        out.append("</li>\n")

    # ------------------------------------------------------------ Markdown
    def md(self, rows: list[DocNode]) -> str:
        """Rows as a (loose) Markdown list at the top level; no anchors in Markdown."""
        self._activate()
        out: list[str] = []
        for row in rows:
            self._md_row(row, out)
        return "".join(out)

    def md_body(self, body: Body, variants: bool, nested: bool = False) -> str:
        if not body.shared:
            text = self.md(body.variants if variants else body.children)
        else:
            key = (id(body), variants)
            hit = self._md.get(key)
            if hit is None:
                hit = self._md[key] = (body, self.md(body.variants if variants else body.children))
            text = hit[1]
        return _indent(text) if nested else text

    def _md_row(self, row: DocNode, out: list[str]) -> None:
        _, _, _, prefix, desc = self.neutral.row(row)
        _, label, values, note = self._label(row)
        out.append(f"{prefix}{md_code(label)}\n\n{desc}")
        if note:
            out.append(f"  Always {md_code(note)}.\n\n")
        if values:
            out.append("  Accepts one of the following:\n\n")
            out.extend(f"  - {md_code(v)}\n" for v in values)
            out.append("\n")
        body = row.body
        if body.variants:
            out.append("  Accepts one of the following:\n\n")
            out.append(self.md_body(body, True, nested=True))
        link = self._link(row)
        if link is not None:
            out.append(f"  See [{md_text(self.lang.type_name(link))}]({LANG_ROOT}{self.model_sub[link]}/index.md).\n\n")
        if body.children:
            out.append(self.md_body(body, False, nested=True))
