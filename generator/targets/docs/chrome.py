"""A page's chrome (the HTML head, header, language switcher, sidebar stub and breadcrumbs; the
Markdown breadcrumbs and footer), assembled from pieces made once per language.

Every page of a language repeats the same chrome except for a few values: the page's title,
its path (in the language links), its sidebar entry and its breadcrumbs.  Rendering that through
the layout templates cost a Jinja call per value and per language link on each of tens of
thousands of pages (a fifth of the docs' render time on the OpenAI spec); here the parts that
depend on the folder depth only are joined once per depth, breadcrumbs once per resource and
depth, and a page adds its own values.  The layouts paste ``v.page.html_head``,
``v.page.html_foot``, ``v.page.md_head`` and ``v.page.md_foot``; the pages' link lists
(``v.page.languages``, ``v.page.breadcrumbs``) stay available to custom layouts.

Every spec string goes through the escaper for its position (:mod:`.markup`): ``html_text``
in HTML, ``md_text`` in Markdown text; link targets in Markdown are built from page paths
(file-name stems, never spec text).
"""

from __future__ import annotations

from typing import Protocol

from .markup import html_text, md_text

_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; script-src 'self'; \
img-src 'self'; base-uri 'none'; form-action 'none'">
<title>"""

HTML_FOOT = "</main>\n</div>\n</body>\n</html>"  # (the layout's last line ends it)
_CURRENT = ' class="current" aria-current="page"'  # the page's own language in the switcher


def page_path(sub: str) -> str:
    """A page's file inside its language folder, without the extension: its sub, or ``index`` for
    the language's own page (whose sub is empty)."""
    return sub or "index"


class ChromePage(Protocol):
    sub: str
    title: str
    crumbs: list[tuple[str, str]]  # (text, sub) of the enclosing pages
    current: str


class Chrome:
    """One language's chrome pieces (see the module's docstring)."""

    def __init__(self, api_title: str, lang_key: str, lang_label: str, langs: list[tuple[str, str]]) -> None:
        self.api_title = api_title
        self.lang_key = lang_key
        self.lang_label = lang_label
        self.langs = langs  # (label, key) of every language
        self._depths: dict[int, tuple[str, str, str, list[tuple[str, str, str]]]] = {}
        # id(crumbs) * 64 + depth -> (crumbs, HTML, Markdown); the list kept so its id stays its own
        self._crumbs: dict[int, tuple[list[tuple[str, str]], str, str]] = {}

    def _depth(self, depth: int) -> tuple[str, str, str, list[tuple[str, str, str]]]:
        """(after the title up to the language links, after them up to the sidebar's current entry, after
        that up to the breadcrumbs, the links' (prefix, escaped label, attributes)) for pages ``depth`` folders
        below docs/."""
        parts = self._depths.get(depth)
        if parts is None:
            up, lang_up = "../" * depth, "../" * (depth - 1)
            assets = html_text(f"{up}assets")
            home = html_text(f"{lang_up}index.html")
            after_title = (
                f" &middot; {html_text(self.api_title)} {html_text(self.lang_label)} API reference</title>\n"
                f'<link rel="icon" href="{assets}/favicon.svg" type="image/svg+xml">\n'
                f'<link rel="stylesheet" href="{assets}/docs.css">\n'
                f'<script src="{assets}/docs.js" defer></script>\n'
                f'</head>\n<body data-lang="{html_text(self.lang_key)}">\n'
                '<a class="skip" href="#content">Skip to content</a>\n<header class="top">\n'
                f'<a class="brand" href="{home}">{html_text(self.api_title)}</a>\n'
                '<nav class="langs" aria-label="Language">\n')
            after_links = (
                f'</nav>\n<a class="all" href="{html_text(f"{up}index.html")}">All languages</a>\n</header>\n'
                '<div class="layout">\n<nav class="sidebar" id="sidebar" aria-label="Reference" data-current="')
            after_current = (f'">\n<p class="nav-fallback"><a href="{home}">Contents</a></p>\n</nav>\n'
                             '<main id="content">\n')
            links = [(f"{up}{key}/", html_text(label), _CURRENT if key == self.lang_key else "")
                     for label, key in self.langs]
            parts = self._depths[depth] = (after_title, after_links, after_current, links)
        return parts

    def _crumb_parts(self, crumbs: list[tuple[str, str]], depth: int) -> tuple[str, str]:
        """The breadcrumbs as HTML (a ``nav`` line) and Markdown (a line and a blank one)."""
        key = id(crumbs) * 64 + depth
        hit = self._crumbs.get(key)
        if hit is None or hit[0] is not crumbs:
            html = md = ""
            if crumbs:
                lang_up = "../" * (depth - 1)
                html = ('<nav class="crumbs" aria-label="Breadcrumbs">' + " &rsaquo; ".join(
                    f'<a href="{html_text(f"{lang_up}{page_path(sub)}.html")}">{html_text(text)}</a>'
                    for text, sub in crumbs) + "</nav>\n")
                md = " &rsaquo; ".join(f"[{md_text(text)}](<{lang_up}{page_path(sub)}.md>)"
                                       for text, sub in crumbs) + "\n\n"
            hit = self._crumbs[key] = (crumbs, html, md)
        return hit[1], hit[2]

    def html_head(self, page: ChromePage, depth: int) -> str:
        """Everything before the page's own content."""
        after_title, after_links, after_current, links = self._depth(depth)
        tail = page_path(page.sub)
        out = [_HEAD, html_text(page.title), after_title]
        for prefix, label, current in links:
            out.append(f'<a href="{html_text(f"{prefix}{tail}.html")}" data-lang-link{current}>{label}</a>\n')
        out += [after_links, html_text(page.current), after_current, self._crumb_parts(page.crumbs, depth)[0]]
        return "".join(out)

    def md_head(self, page: ChromePage, depth: int) -> str:
        return self._crumb_parts(page.crumbs, depth)[1]

    def md_foot(self, page: ChromePage, depth: int) -> str:
        """The footer: this language, then links to the page in the others."""
        up, tail = "../" * depth, page_path(page.sub)
        others = " &middot; ".join(f"[{md_text(label)}](<{up}{key}/{tail}.md>)"
                                   for label, key in self.langs if key != self.lang_key)
        return f"\n---\n\n{md_text(self.lang_label)} reference. Also in: {others}"  # (the layout ends the line)
