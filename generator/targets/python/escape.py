"""Python escapers, one per position.  Every spec string reaches generated
Python through exactly one of these."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from ...text import display_line
from ..common.directives import DirectivePolicy, at_start
from ..literal import JsonSpelling, LiteralEscaper, written_as_itself

# control characters, line/paragraph separators, BOM and the bidi embedding/override/isolate
# characters ("Trojan Source"): never written raw into a comment or docstring
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")

# what Python tools read in a comment (the text after `# `): type checkers' `type:` comments and their
# per-file settings, linters' and formatters' suppressions (flake8 reads `# noqa` anywhere on the line,
# black `# fmt: skip` as the comment's last part), coverage's pragmas, the encoding cookie (`coding:`
# anywhere on the first two lines), a shebang
COMMENT_DIRECTIVES = DirectivePolicy(
    at_start(r"type:", r"noqa", r"fmt:", r"pragma\b", r"pyright:", r"mypy:", r"isort:", r"pylint:", r"ruff:", r"yapf:",
             r"!"),
    r"(?<=#)(?=\s*(?:noqa|type:|fmt:|pragma\b|pyright:|mypy:|isort:|pylint:|ruff:|yapf:))",
    r"(?<=coding)(?=[:=])",
)
# in a docstring: doctest's examples (`>>>`, run by `python -m doctest` and pytest's --doctest-modules)
# (and flake8's `# noqa`, which it reads on any physical line, a docstring's too)
DOCSTRING_DIRECTIVES = DirectivePolicy(at_start(r">>>"), r"(?<=coding)(?=[:=])", r"(?<=#)(?=\s*noqa)")


def _py_wide(ch: str, code: int) -> str:
    """A character above DEL: itself if printable, else (a surrogate, a line or paragraph separator,
    the BOM, any invisible character) its escape."""
    if written_as_itself(ch, code):
        return ch
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


# one escaper per quote: the quote it is written in is escaped too
_ESCAPE = {quote: LiteralEscaper({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", quote: "\\" + quote},
                                 "\\x{:02x}", _py_wide) for quote in "\"'"}


def _escape_body(text: str, quote: str) -> str:
    return _ESCAPE[quote](text)


def string_literal(value: Any) -> str:
    """A Python string literal for ``value``, quoted the way black would leave it."""
    text = str(value)
    double = _escape_body(text, '"')
    if '"' in text and "'" not in text:
        single = _escape_body(text, "'")
        if single.count("\\") < double.count("\\"):
            return f"'{single}'"
    return f'"{double}"'


# a bytes literal: printable ASCII as it is, every other byte as \\xNN but for the short escapes
_BYTES_ESCAPE = {quote: LiteralEscaper({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", quote: "\\" + quote},
                                       "\\x{:02x}", lambda ch, code: f"\\x{code:02x}") for quote in "\"'"}


def bytes_literal(value: bytes) -> str:
    """A Python bytes literal quoted as black leaves it: printable ASCII as it is, the rest escaped."""
    quote = "'" if b'"' in value and b"'" not in value else '"'
    return f"b{quote}{_BYTES_ESCAPE[quote](value.decode('latin-1'))}{quote}"


# a Python expression for a JSON value (defaults, consts, examples)
literal = JsonSpelling("None", "True", "False", string_literal, lambda value: f"float({string_literal(str(value))})",
                       "{key}: {value}")


def comment(text: Any) -> str:
    """Text safe on a single ``#`` comment line."""
    flat = " ".join(str(text).split())
    return COMMENT_DIRECTIVES(_CONTROL.sub("", flat))


def docstring_text(text: Any) -> str:
    """Text safe in a one-line slot inside a docstring the template writes (the API title in
    a module docstring): one line, no control characters, backslashes and double quotes
    escaped, so that nothing can end the docstring or join a trailing backslash to its quotes."""
    return comment(text).replace("\\", "\\\\").replace('"', '\\"')


# one line of text that no docstring rule changes but for its outer spaces: no line break, tab,
# backslash, double quote or character that _CONTROL removes
_ONE_LINE = re.compile(r'[^\x00-\x1f\x7f-\x9f\\"\u061c\u200e\u200f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]*')


def docstring_lines(text: str | None, width: int = 0) -> list[str]:
    """The lines of a docstring body, safe inside triple double quotes, black-stable
    (no trailing spaces, tabs expanded, no leading/trailing blank lines)."""
    if not text:
        return []
    if type(text) is str and _ONE_LINE.fullmatch(text) and not DOCSTRING_DIRECTIVES.forms(text):
        # the common case: one line, nothing to escape
        text = text.strip()
        return [text] if text else []
    return list(_docstring_lines(str(text)))


# a description reaches a model's field, its param twin and a method's arguments: the same
# text's lines are worked out once per process
@lru_cache(maxsize=1 << 14)
def _docstring_lines(text: str) -> tuple[str, ...]:
    text = _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    text = DOCSTRING_DIRECTIVES(text).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = [line.expandtabs(8).rstrip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if lines:
        # what black (like inspect.cleandoc) does: the first line stripped, the others
        # dedented by their common indentation
        lines[0] = lines[0].lstrip()
        rest = [line for line in lines[1:] if line.strip()]
        common = min((len(line) - len(line.lstrip()) for line in rest), default=0)
        lines = [lines[0]] + [line[common:] for line in lines[1:]]
    # collapse runs of blank lines
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return tuple(out)


@lru_cache(maxsize=1 << 14)
def docstring(text: str | None, indent: str) -> str:
    """A complete docstring statement (with its quotes) at ``indent``; empty if no text."""
    lines = docstring_lines(text)
    if not lines:
        return ""
    return docstring_from_lines(lines, indent)


def docstring_from_lines(lines: list[str], indent: str) -> str:
    """A docstring statement from already-escaped lines, in black's layout: a single
    line keeps its closing quotes, several lines close on a line of their own."""
    if not lines:
        return ""
    first = lines[0]
    if first.startswith('"'):
        first = " " + first  # as black pads a docstring that starts with a quote
    if len(lines) == 1:
        if first.endswith('"'):
            first += " "  # ... or ends with one
        return f'{indent}"""{first}"""'
    body = "\n".join(f"{indent}{line}" if line else "" for line in lines[1:])
    return f'{indent}"""{first}\n{body}\n{indent}"""'


def toml_string(value: Any) -> str:
    """A package manifest's (pyproject.toml's) value: one line of visible text (no control, bidi or
    invisible character) as a TOML basic string, whose escapes are JSON's."""
    return json.dumps(display_line(value), ensure_ascii=False)


def markdown_text(value: object) -> str:
    """Plain text safe in a Markdown line (README): no control characters, no markup."""
    text = " ".join(_CONTROL.sub(" ", str(value)).replace("\x00", " ").split())
    return "".join("\\" + ch if ch in "\\`*_{}[]<>()#+!|" else ch for ch in text)


def markdown_code(value: object) -> str:
    """An inline code span in a Markdown line (README): one line, no control characters, fenced with
    more backticks than the text contains in a row (backslashes mean nothing inside a code span)."""
    text = " ".join(_CONTROL.sub(" ", str(value)).replace("\x00", " ").split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
