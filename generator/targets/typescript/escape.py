"""TypeScript escapers, one per position.  Every spec string reaches generated
TypeScript through exactly one of these."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ...text import display_line
from ..common.directives import DirectivePolicy, at_start
from ..literal import LiteralEscaper, written_as_itself

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
# what tsc, eslint, prettier, coverage tools and bundlers read in a `//` or `/** */` comment line (the text
# after `// ` or ` * `): tsc's @ts- comments and pragmas (@jsx...), triple-slash directives, stripInternal's
# @internal, eslint's directive comments, prettier-ignore, istanbul/c8 hints, bundler annotations
DIRECTIVES = DirectivePolicy(at_start(r"/*\s*@ts-", r"/*\s*@jsx", r"/*\s*@internal", r"/*\s*<(?:reference|amd-)",
                                      r"/*\s*eslint", r"/*\s*globals?\s", r"/*\s*exported\s", r"prettier-ignore",
                                      r"istanbul\s", r"c8\s", r"[@#]__(?:PURE|NO_SIDE_EFFECTS)__",
                                      r"webpack[A-Z]", r"@vite-ignore", r"#!"))
_ES5_IDENT = re.compile(r"^[$A-Za-z_][$A-Za-z0-9_]*$")


def _ts_wide(ch: str, code: int) -> str:
    if written_as_itself(ch, code):
        return ch
    return f"\\u{{{code:x}}}" if code > 0xFFFF else f"\\u{code:04x}"


# one escaper per quote: the quote it is written in is escaped too
_ESCAPE = {quote: LiteralEscaper({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", quote: "\\" + quote},
                                 "\\x{:02x}", _ts_wide) for quote in "\"'`"}


def _escape(text: str, quote: str) -> str:
    return _ESCAPE[quote](text)


def string_literal(value: Any) -> str:
    """A TypeScript string literal, quoted the way prettier leaves it (double quotes
    unless the text holds more double than single quotes)."""
    text = str(value)
    quote = "'" if text.count('"') > text.count("'") else '"'
    return quote + _escape(text, quote) + quote


def manifest_string(value: Any) -> str:
    """A package.json value: one line of visible text (no control, bidi or invisible character) as
    a JSON string."""
    return json.dumps(display_line(value), ensure_ascii=False)


def template_text(value: Any) -> str:
    """Text safe inside a template literal (between backticks), outside ``${}``."""
    text = str(value)
    return _escape(text, "`").replace("${", "\\${")


def property_key(name: Any) -> str:
    """A property name in a type or an object literal: bare when prettier would leave
    it bare (an ES5 identifier name), else a quoted string."""
    text = str(name)
    if _ES5_IDENT.match(text):
        return text
    return string_literal(text)


def literal(value: Any) -> str:
    """A TypeScript expression (or literal type) for a JSON value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value) if value >= 0 else f"-{-value}"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return "number"
        text = repr(value)
        return text
    if isinstance(value, str):
        return string_literal(value)
    return string_literal(json.dumps(value, default=str, sort_keys=True))


def literal_type(value: Any) -> str | None:
    """A literal type for a const/enum value, or None when TypeScript has no literal
    type for it (then the caller widens to the primitive)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return literal(value)
    if isinstance(value, int):
        return literal(value)
    if isinstance(value, float) and not (math.isnan(value) or math.isinf(value)):
        return literal(value)
    return None


def comment_text(text: Any) -> str:
    """Text safe on one comment line, ``//`` or inside ``/** */``."""
    return DIRECTIVES(_CONTROL.sub("", " ".join(str(text).split())).replace("*/", "*\\/"))


def doc_lines(text: str | None) -> list[str]:
    """The lines of a JSDoc body: ``*/`` cannot close the comment, no trailing
    spaces, no control characters, runs of blank lines collapsed."""
    if text is None:
        return []
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", text).replace("*/", "*\\/")
    lines = [ln.expandtabs(2).rstrip() for ln in text.split("\n")]
    # strip the common indentation
    widths = [len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()]
    cut = min(widths) if widths else 0
    lines = [ln[cut:] for ln in lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    out: list[str] = []
    for ln in lines:
        if not ln and out and not out[-1]:
            continue
        out.append(DIRECTIVES(ln))
    return out


def jsdoc(text: str | None, indent: int = 0, deprecated: bool | str = False,
          extra: list[str] | None = None) -> str:
    """A complete JSDoc block at ``indent`` spaces (with a trailing newline), or ""."""
    lines = doc_lines(text)
    for tag in extra or []:
        lines += ([""] if lines else []) + doc_lines(tag)
    if deprecated:
        note = doc_lines(deprecated) if isinstance(deprecated, str) else []
        tag = "@deprecated" + (" " + note[0] if note else "")
        lines += ([""] if lines and not lines[-1].startswith("@") else []) + [tag] + note[1:]
    if not lines:
        return ""
    pad = " " * indent
    body = "".join(f"{pad} * {ln}\n" if ln else f"{pad} *\n" for ln in lines)
    return f"{pad}/**\n{body}{pad} */\n"
