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

# the Expand/Collapse buttons of a tree section's heading (docs.js shows them); a view attribute, not a
# template import: Jinja builds an imported template's module again for every page rendered with its own
# variables (15 us a page)
TREE_TOOLS = ('<span class="tree-tools" hidden><button type="button" data-expand>Expand</button> '
              '<button type="button" data-collapse>Collapse</button></span>')

_PART_BAD = re.compile(r"[^A-Za-z0-9_-]+")
_NONBLANK_LINE = re.compile(r"^(?=.)", re.MULTILINE)


def place(fragment: str, anchor: str, lang_root: str) -> str:
    """A fragment with its placeholders filled in for one page."""
    return fragment.replace(ANCHOR, anchor).replace(LANG_ROOT, lang_root)


def _indent(text: str) -> str:
    """Nest a Markdown fragment one list level deeper (blank lines stay empty): what
    ``_NONBLANK_LINE.sub("  ", text)`` does, with string replaces (a fifth of the tree time)."""
    if not text:
        return text
    out = text.replace("\n", "\n  ")
    # a blank line became "  ": one pass empties every other one of a run, the second the rest
    out = out.replace("\n  \n", "\n\n").replace("\n  \n", "\n\n")
    if text[0] != "\n":
        out = "  " + out
    return out[:-2] if text[-1] == "\n" else out


def _md_indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.split("\n"))


class Neutral:
    """What a row shows in every language, computed once for all five: anchor segments of
    sibling rows, the deprecation badge and the descriptions (HTML, and Markdown indented
    under the row's list item)."""

    def __init__(self, link_base: str = "") -> None:
        self.link_base = link_base  # for links by path in descriptions (see links.py)
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
            desc = html_description(row.description, self.link_base)
            model_desc = html_description(row.model_description, self.link_base)
            html = (f'<div class="desc">{desc}</div>\n' if desc else "") + (
                f'<div class="desc model-desc">{model_desc}</div>\n' if model_desc else "")
            desc = md_description(row.description, self.link_base)
            model_desc = md_description(row.model_description, self.link_base)
            md = (_md_indent(desc, "  ") + "\n\n" if desc else "") + (
                _md_indent(model_desc, "  ") + "\n\n" if model_desc else "")
            hit = self._rows[id(row)] = (
                row, '<span class="badge deprecated">Deprecated</span>' if row.deprecated else "", html,
                "- **Deprecated** " if row.deprecated else "- ", md)
        return hit


class Fragments:
    """One language's tree fragments.  Rows are rendered in both formats in one pass (the label,
    the values and the descriptions serve both): HTML with :data:`OPEN` where its rows'
    ``<details>`` may be opened (top-level rows are open, nested ones closed), Markdown at the
    top level (nesting indents it).  A shared body is rendered once, with the forms its nesting
    uses (HTML closed, Markdown indented) kept beside it."""

    def __init__(self, lang: Language, model_sub: dict[str, str], active: list[Fragments] | None = None,
                 neutral: Neutral | None = None):
        self.lang = lang
        self.neutral = neutral if neutral is not None else Neutral()  # shared by the languages
        self.model_sub = model_sub
        # keyed by id(body) * 2 + variants; `_bodies` keeps those bodies alive (their ids stay theirs)
        # and the values are strings, which the garbage collector need not walk
        self._html: dict[int, str] = {}  # with OPEN markers
        self._md: dict[int, str] = {}  # at the top level
        self._html_closed: dict[int, str] = {}  # nested: OPEN removed
        self._md_indented: dict[int, str] = {}  # nested: one list level deeper
        self._bodies: list[Body] = []
        # a page's trees that no other page shows: the format not asked for yet (the page's other
        # file comes next), by id(rows) or id(body) * 2 + variants, with what the id names
        self._other: dict[int, tuple[object, str]] = {}
        # languages sharing `active` keep only one language's caches at a time (pages are
        # rendered language by language): a cache is pure memoisation, dropping it is safe
        self._active = active if active is not None else [self]

    def _activate(self) -> None:
        if self._active[0] is not self:
            previous = self._active[0]
            for cache in (previous._html, previous._md, previous._html_closed, previous._md_indented,
                          previous._other):
                cache.clear()
            previous._bodies.clear()
            self._active[0] = self

    def _link(self, row: DocNode) -> str | None:
        if not row.truncated:
            return None
        if row.model in self.model_sub:
            return row.model
        if row.link in self.model_sub:
            return row.link
        return None

    # ------------------------------------------------------------ pages
    def html(self, rows: list[DocNode], open_: bool) -> str:
        """``<ul class="tree">`` of ``rows``; ids are ``ANCHOR.<segment>...``."""
        return self._page_tree(id(rows), rows, rows, True).replace(OPEN, " open" if open_ else "")

    def md(self, rows: list[DocNode]) -> str:
        """Rows as a (loose) Markdown list at the top level; no anchors in Markdown."""
        return self._page_tree(id(rows), rows, rows, False)

    def html_body(self, body: Body, variants: bool, open_: bool) -> str:
        """The properties (or variants) of ``body`` as a tree."""
        return self._body(body, variants, True).replace(OPEN, " open" if open_ else "")

    def md_body(self, body: Body, variants: bool) -> str:
        return self._body(body, variants, False)

    def _body(self, body: Body, variants: bool, html: bool) -> str:
        key = id(body) * 2 + variants
        if not body.shared:
            return self._page_tree(key, body, body.variants if variants else body.children, html)
        self._activate()
        self._shared(body, key)
        return self._html[key] if html else self._md[key]

    def _page_tree(self, key: int, owner: object, rows: list[DocNode], html: bool) -> str:
        """A tree only this page shows, in one format; the other format waits for the page's other
        file (rendered next), by ``key`` with what the key names."""
        self._activate()
        hit = self._other.pop(key, None)
        if hit is not None and hit[0] is owner:
            return hit[1]
        html_text, md_text = self._rows(rows)
        self._other[key] = (owner, md_text if html else html_text)
        return html_text if html else md_text

    # ------------------------------------------------------------ rows
    def _shared(self, body: Body, key: int) -> None:
        if key not in self._html:
            self._html[key], self._md[key] = self._rows(body.variants if key & 1 else body.children)
            self._bodies.append(body)

    def _nested(self, body: Body, variants: bool, anchor: str) -> tuple[str, str]:
        """A row's body as it sits under the row: HTML closed, with the row's anchor; Markdown indented."""
        if body.shared:
            key = id(body) * 2 + variants
            html = self._html_closed.get(key)
            if html is None:
                self._shared(body, key)
                html = self._html_closed[key] = self._html[key].replace(OPEN, "")
                md = self._md_indented[key] = _indent(self._md[key])
            else:
                md = self._md_indented[key]
        else:
            html, md = self._rows(body.variants if variants else body.children)
            html, md = html.replace(OPEN, ""), _indent(md)
        return html.replace(ANCHOR, anchor), md

    def _rows(self, rows: list[DocNode]) -> tuple[str, str]:
        html = ['<ul class="tree">\n']
        md: list[str] = []
        for row, part in zip(rows, self.neutral.parts(rows)):
            self._row(row, f"{ANCHOR}.{part}", html, md)
        html.append("</ul>\n")
        return "".join(html), "".join(md)

    def _row(self, row: DocNode, anchor: str, html: list[str], md: list[str]) -> None:
        _, badge, desc_html, prefix, desc_md = self.neutral.row(row)
        lang = self.lang
        label = lang.row_label(row)
        html.append(f'<li class="row" id="{anchor}">\n<div class="row-head">{badge}<code class="label">'
                    f"{html_content(label)}</code></div>\n{desc_html}")
        md.append(f"{prefix}{md_code(label)}\n\n{desc_md}")
        note = lang.const_note(row)
        if note:
            html.append(f'<p class="note">Always <code>{html_content(note)}</code>.</p>\n')
            md.append(f"  Always {md_code(note)}.\n\n")
        if row.values:
            values = [lang.value_label(v) for v in row.values]
            html.append(f'<details class="values"{OPEN}><summary>Accepts one of the following:</summary>\n'
                        '<ul class="enum">\n')
            html.extend(f"<li><code>{html_content(v)}</code></li>\n" for v in values)
            html.append("</ul>\n</details>\n")
            md.append("  Accepts one of the following:\n\n")
            md.extend(f"  - {md_code(v)}\n" for v in values)
            md.append("\n")
        body = row.body
        if body.variants:
            nested_html, nested_md = self._nested(body, True, anchor)
            html.append(f'<details class="variants"{OPEN}><summary>Accepts one of the following:</summary>\n')
            html.append(nested_html)
            html.append("</details>\n")
            md.append("  Accepts one of the following:\n\n")
            md.append(nested_md)
        link = self._link(row)
        if link is not None:
            sub = self.model_sub[link]
            name = self.lang.type_name(link)
            html.append(f'<p class="see">See <a href="{LANG_ROOT}{html_text(sub)}.html">'
                        f"{html_text(name)}</a>.</p>\n")
            md.append(f"  See [{md_text(name)}]({LANG_ROOT}{sub}.md).\n\n")
        if body.children:
            nested_html, nested_md = self._nested(body, False, anchor)
            html.append(f'<details class="children"{OPEN}><summary>Properties</summary>\n')
            html.append(nested_html)
            html.append("</details>\n")
            md.append(nested_md)
        html.append("</li>\n")
