"""Escapers for the docs target: Markdown and HTML, one per position.

Every spec string reaches a docs page through one of these:

* :func:`md_text` - plain text in Markdown (names, titles, values)
* :func:`md_code` - an inline code span (signatures, property labels)
* :func:`md_fence` - a fenced code block (examples)
* :func:`md_description` - a spec description (CommonMark) re-serialised as safe
  Markdown: raw HTML becomes text, unsafe links lose their target, images become
  links, and the structure cannot leak out of the block it is placed in
* :func:`html_text` / :func:`html_attr` - HTML text and attribute values
* :func:`html_description` - a spec description rendered with markdown-it-py
  (raw HTML disabled, unsafe link schemes dropped, images rendered as links)

Descriptions are parsed by markdown-it-py (a maintained CommonMark parser)
in both cases, so the Markdown and HTML pages say the same thing.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .links import resolve_link

# control characters, separators, BOM and bidi embeddings/overrides/isolates ("Trojan Source")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")
_UNCLEAN = re.compile(r"\r|" + _CONTROL.pattern)  # what clean() changes


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")  # no remote images from untrusted text: `![a](u)` stays text (then link)
    md.core.ruler.push("sdkforge_resolve_links", _resolve_links)
    return md


def _resolve_links(state: Any) -> None:
    """Links by path (the vendor's site) resolved against ``env["link_base"]`` (:mod:`.links`); one that
    cannot be resolved loses its target and keeps its text."""
    base = state.env.get("link_base", "")
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        dropped: list[bool] = []
        for index, token in enumerate(block.children):
            if token.type == "link_open":
                href = str(token.attrs.get("href", ""))
                target = resolve_link(href, base)
                dropped.append(target is None)
                if target is None:
                    block.children[index] = Token("text", "", 0)
                elif target != href:
                    token.attrs["href"] = state.md.normalizeLink(target)
            elif token.type == "link_close" and dropped and dropped.pop():
                block.children[index] = Token("text", "", 0)


_MD = _parser()


def clean(text: Any) -> str:
    """Normalise newlines and drop control characters (never meaningful in docs)."""
    value = text if type(text) is str else str(text)
    if _UNCLEAN.search(value) is None:  # most strings: one scan instead of three
        return value
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


# fast paths: most strings (names, paths, labels) need no escaping at all; these find
# every character that any step of the full escaper would touch
_HTML_TOUCHED = re.compile(r"[&<>\"'\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")
_MD_TOUCHED = re.compile(r"[\\`*\[\]<>|~#!&_\n\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]"
                         r"|^ {0,3}[-+=#>\d]")
_CODE_TOUCHED = re.compile(r"[`\n\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")


def safe_url(url: str) -> str | None:
    """The URL if it is relative, a fragment, or http(s)/mailto; else None (``javascript:``...)."""
    squashed = "".join(ch for ch in url if ch > " " and ch != "\x7f")
    if not squashed:
        return None
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", squashed)
    if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
        return None
    return url


# ------------------------------------------------------------------ HTML
def html_text(value: Any) -> str:
    text = value if isinstance(value, str) else str(value)
    if _HTML_TOUCHED.search(text) is None:
        return text
    return html.escape(clean(text), quote=True)


_CONTENT_TOUCHED = re.compile(r"[&<>\r]|" + _CONTROL.pattern)


def html_content(value: Any) -> str:
    """Element content (never an attribute value): only ``&``, ``<`` and ``>`` need escaping, so
    the quotes that fill JSON examples and type labels stay one byte each."""
    text = value if isinstance(value, str) else str(value)
    if _CONTENT_TOUCHED.search(text) is None:
        return text
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_attr(value: Any) -> str:
    return html.escape(clean(value), quote=True)


def _validate_link(url: str) -> bool:
    return safe_url(url) is not None


_HTML_MD = _parser()
_HTML_MD.validateLink = _validate_link  # type: ignore[method-assign]


def _shift_headings(state: Any) -> None:
    # a description's headings sit below the page's own (h1 title, h2 sections, h3 entries)
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1:]) + 3)}"


_HTML_MD.core.ruler.push("sdkforge_shift_headings", _shift_headings)


# a description of plain words (most of them on big specs): lines with no character that starts or
# ends Markdown syntax (emphasis, links, entities, HTML, escapes, tables) but the backticks of code
# spans of plain code (no space, no backtick, nothing HTML escapes), each starting with a letter
# (no list, heading, quote or other block marker) and ending without a space (no hard break),
# paragraphs apart by blank lines.  markdown-it makes paragraphs of the lines as they are, with `"`
# escaped and the code spans as <code> in HTML; the Markdown writer writes the same text back,
# one blank line between paragraphs, none at the end
# (a code span is not followed by another backtick, which would make a longer span, nor by what
# the Markdown writer escapes at the start of the text after it: a list or quote marker or a number)
_PLAIN_CODE = r"`[A-Za-z0-9_.,:;/=+()\[\]{}*#|~!?@$%'-]+`(?! {0,3}[-+=>\d`])"
_PLAIN_LINE = (r"[A-Za-z](?:(?:[A-Za-z0-9 ,.;:'\"()?/%+=$@-]|" + _PLAIN_CODE + r")*"
               r"(?:[A-Za-z0-9,.;:'\"()?/%+=$@-]|" + _PLAIN_CODE + r"))?")
_PLAIN = re.compile(_PLAIN_LINE + r"(?:\n+" + _PLAIN_LINE + r")*\n*")  # (YAML's | texts end with a newline)
_PARAGRAPH_BREAK = re.compile(r"\n\n+")
_PLAIN_CODE_SPAN = re.compile(_PLAIN_CODE)


def html_description(text: str | None, link_base: str = "") -> str:
    """A description as HTML: markdown-it-py with raw HTML off and only safe link schemes; links by
    path resolved against ``link_base`` (:mod:`.links`)."""
    return _descriptions(text, link_base)[0] if text else ""


# One parse serves both formats.  The HTML parser keeps only safe links (``_validate_link``), the
# Markdown one keeps every link markdown-it allows and drops unsafe targets when it writes them; a
# parse is decided by the text and the answers about its link targets, so when every target gets
# the same answer from both, the two parses are the same and the HTML parse's tokens serve the
# Markdown too (the heading shift changes only tags, which the Markdown writer does not read).
_BOTH_MD = _parser()
_BOTH_MD.core.ruler.push("sdkforge_shift_headings", _shift_headings)
_disagreed = [False]


def _validate_both(url: str) -> bool:
    safe = _validate_link(url)
    if safe != _MD.validateLink(url):
        _disagreed[0] = True
    return safe


_BOTH_MD.validateLink = _validate_both  # type: ignore[method-assign]


@lru_cache(maxsize=1 << 16)  # the same description text recurs on many pages
def _descriptions(text: str, link_base: str) -> tuple[str, str]:
    """(HTML, Markdown) of a non-empty description."""
    if _PLAIN.fullmatch(text):
        text = text.rstrip("\n")
        if "\n\n" not in text:
            paragraphs = [text]
        else:
            paragraphs = _PARAGRAPH_BREAK.split(text)
            text = "\n\n".join(paragraphs)
        html = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs).replace('"', "&quot;")
        if "`" in html:
            html = _PLAIN_CODE_SPAN.sub(lambda m: f"<code>{m.group()[1:-1]}</code>", html)
        return html, text  # Markdown shows it as it is
    source = clean(text)
    _disagreed[0] = False
    env: dict[str, Any] = {"link_base": link_base}
    tokens = _BOTH_MD.parse(source, env)
    md = _md_blocks(tokens if not _disagreed[0] else _MD.parse(source, {"link_base": link_base}))
    return _BOTH_MD.renderer.render(tokens, _BOTH_MD.options, env).strip(), md


# ------------------------------------------------------------------ JavaScript data
def _js_clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_js_clean(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _js_clean(v) for k, v in value.items()}
    return value


def js_data(value: Any) -> str:
    """Strings, numbers, lists and dicts as a JSON literal in a script file: ASCII only (no
    U+2028/2029 line terminators), ``<``/``>``/``&`` as ``\\u`` escapes (nothing reads as markup).
    The script shows the strings with ``textContent``, never as HTML."""
    text = json.dumps(_js_clean(value), ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](target) -> text
_MD_MARKS = re.compile(r"[`*_#>|\\]+|<[^>]*>")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")


@lru_cache(maxsize=1 << 14)
@lru_cache(maxsize=1 << 14)  # every language's search index shows the same descriptions
def summary_text(text: str, limit: int = 120) -> str:
    """A description's first sentence as plain words, at most ``limit`` characters (for the search
    index: the script shows it as text, so markup is only dropped, never interpreted)."""
    plain = " ".join(_MD_MARKS.sub("", _MD_LINK.sub(r"\1", clean(text))).split())
    match = _SENTENCE_END.search(plain)
    if match is not None:
        plain = plain[:match.start()]
    if len(plain) > limit:
        plain = plain[:limit - 1].rsplit(" ", 1)[0] + "…"
    return plain


# ------------------------------------------------------------------ Markdown
_MD_ALWAYS = set("\\`*[]<>|~#")
_LINE_START = re.compile(r"^( {0,3})([-+=#>]|\d+[.)])")


def md_text(value: Any) -> str:
    """Plain text that Markdown shows literally (no emphasis, links, HTML, headings...)."""
    text = value if isinstance(value, str) else str(value)
    if _MD_TOUCHED.search(text) is None:
        return text
    text = clean(text).replace("\n", " ")
    out: list[str] = []
    for index, ch in enumerate(text):
        if ch in _MD_ALWAYS:
            out.append("\\" + ch)
        elif ch == "!" and text[index + 1:index + 2] == "[":
            out.append("\\!")
        elif ch == "&" and re.match(r"&(#|[A-Za-z])", text[index:index + 2]):
            out.append("\\&")
        elif ch == "_":
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            out.append("_" if before.isalnum() and after.isalnum() else "\\_")
        else:
            out.append(ch)
    result = "".join(out)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                           else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], result)


def md_code(value: Any) -> str:
    """An inline code span showing ``value`` exactly (on one line)."""
    text = value if isinstance(value, str) else str(value)
    # (no character to touch, and not a space at both ends: on one line, what `^ .* $` would find)
    padded = len(text) > 1 and text[0] == " " and text[-1] == " "
    if text and not padded and _CODE_TOUCHED.search(text) is None:
        return f"`{text}`"
    text = clean(text).replace("\n", " ")
    if not text:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ") and text.strip()):
        text = f" {text} "
    return f"{fence}{text}{fence}"


_FENCE_RUN = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)


def md_fence(code: str, lang: str = "") -> str:
    """A fenced code block that ``code`` cannot close early."""
    body = clean(code).rstrip("\n")
    # (examples are long JSON documents: look for fence-like runs only when there is one)
    longest = max((len(run) for run in _FENCE_RUN.findall(body)), default=0) if (
        "```" in body or "~~~" in body) else 0
    fence = "`" * max(3, longest + 1)
    info = re.sub(r"[^A-Za-z0-9_+-]", "", lang)
    return f"{fence}{info}\n{body}\n{fence}"


def md_description(text: str | None, link_base: str = "") -> str:
    """A spec description as safe Markdown (see module docstring; links as in :func:`html_description`);
    '' if none."""
    return _descriptions(text, link_base)[1] if text else ""


def _md_blocks(tokens: list[Token]) -> str:
    lines = _Blocks(tokens).render()
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(line.rstrip() for line in lines)


def md_indent(text: str, prefix: str) -> str:
    """Indent every non-blank line (list-item continuation)."""
    return "\n".join(prefix + line if line.strip() else "" for line in text.split("\n"))


class _Blocks:
    """Re-serialise markdown-it block tokens as Markdown built only from escaped text."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.pos = 0

    def render(self) -> list[str]:
        return self._until(None)

    def _until(self, close: str | None) -> list[str]:
        out: list[str] = []
        previous_tight = False
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            if close is not None and tok.type == close:
                self.pos += 1
                return out
            self.pos += 1
            tight = tok.type == "paragraph_open" and tok.hidden
            block = self._block(tok)
            if block is None:
                continue
            if out and not (tight or previous_tight):
                out.append("")
            previous_tight = tight
            out.extend(block)
        return out

    def _block(self, tok: Token) -> list[str] | None:
        kind = tok.type
        if kind == "paragraph_open":
            text = self._inline_then("paragraph_close")
            return text.split("\n")
        if kind == "heading_open":
            text = self._inline_then("heading_close")
            return [f"**{text}**" if text.strip() else ""]
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self._list(tok, "bullet_list_close" if kind == "bullet_list_open" else "ordered_list_close")
        if kind == "blockquote_open":
            inner = self._until("blockquote_close")
            return [("> " + line) if line else ">" for line in inner]
        if kind in ("fence", "code_block"):
            return md_fence(tok.content, tok.info.split()[0] if tok.info.split() else "").split("\n")
        if kind == "hr":
            return ["---"]
        if kind == "table_open":
            return self._table()
        if kind == "inline":
            return _inline(tok.children or []).split("\n")
        if kind == "html_block":  # only with html enabled; kept as text
            return [md_text(line) for line in tok.content.splitlines()]
        return None

    def _inline_then(self, close: str) -> str:
        text = ""
        while self.pos < len(self.tokens) and self.tokens[self.pos].type != close:
            tok = self.tokens[self.pos]
            if tok.type == "inline":
                text += _inline(tok.children or [])
            self.pos += 1
        self.pos += 1
        return text

    def _list(self, opener: Token, close: str) -> list[str]:
        ordered = opener.type == "ordered_list_open"
        start = int(opener.attrs.get("start", 1) or 1) if ordered else 1
        out: list[str] = []
        number = start
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            self.pos += 1
            if tok.type == close:
                break
            if tok.type != "list_item_open":
                continue
            body = self._until("list_item_close") or [""]
            marker = f"{number}. " if ordered else "- "
            number += 1
            pad = " " * len(marker)
            out.append(marker + body[0])
            out.extend(pad + line if line else "" for line in body[1:])
        return out

    def _table(self) -> list[str]:
        rows: list[list[str]] = []
        header_cells = 0
        row: list[str] = []
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            self.pos += 1
            if tok.type == "table_close":
                break
            if tok.type == "tr_open":
                row = []
            elif tok.type == "inline":
                row.append(_inline(tok.children or []).replace("\n", " "))
            elif tok.type == "tr_close":
                rows.append(row)
            elif tok.type == "thead_close":
                header_cells = len(rows[0]) if rows else 0
        if not rows:
            return []
        width = max(len(r) for r in rows) or header_cells
        lines = []
        for index, r in enumerate(rows):
            cells = r + [""] * (width - len(r))
            lines.append("| " + " | ".join(cells) + " |")
            if index == 0:
                lines.append("|" + "|".join(["---"] * width) + "|")
        return lines


def _inline(children: list[Token]) -> str:
    out: list[str] = []
    link_stack: list[str | None] = []
    for tok in children:
        kind = tok.type
        if kind == "text":
            text = md_text(tok.content)
            if text.endswith("!") and not text.endswith("\\!"):
                text = text[:-1] + "\\!"  # `!` + a following link would be an image
            out.append(text)
        elif kind == "code_inline":
            out.append(md_code(tok.content))
        elif kind == "softbreak":
            out.append("\n")
        elif kind == "hardbreak":
            out.append("\\\n")
        elif kind in ("em_open", "em_close"):
            out.append("*")
        elif kind in ("strong_open", "strong_close"):
            out.append("**")
        elif kind in ("s_open", "s_close"):
            out.append("~~")
        elif kind == "link_open":
            href = safe_url(str(tok.attrs.get("href", "")))
            link_stack.append(href)
            if href is not None:
                out.append("[")
        elif kind == "link_close":
            href = link_stack.pop() if link_stack else None
            if href is not None:
                out.append("](" + _md_url(href) + ")")
        elif kind == "html_inline":
            out.append(md_text(tok.content))
        else:
            out.append(md_text(tok.content))
    text = "".join(out)
    # a line must not start a block (heading, list, quote...) inside the paragraph
    lines = text.split("\n")
    for i in range(1, len(lines)):
        lines[i] = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                                   else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], lines[i])
    return "\n".join(lines)


def _md_url(url: str) -> str:
    """A link destination in angle brackets, with the characters that could end it escaped."""
    value = clean(url).replace("\n", "")
    value = value.replace("\\", "%5C").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return f"<{value}>"
