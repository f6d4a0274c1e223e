"""Python string and bytes literals (generator/targets/python/escape.py, on the shared literal core):
every character reads back as itself, and nothing invisible or line-ending stands raw in the source."""

from __future__ import annotations

import ast
import unicodedata

import pytest
from sdkforge.targets.python.escape import bytes_literal, string_literal

# every code point but the surrogates (a lone surrogate cannot be read back from UTF-8 source)
_ALL = [chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]


def _raw_is_safe(source: str) -> bool:
    """No character a reader or tool could take for something else stands raw in the literal."""
    return all(ch.isprintable() and ch not in "\u2028\u2029\ufeff" for ch in source)


def test_string_literal_reads_back_for_every_code_point() -> None:
    contexts = ["", '"', "'", "\"'"]  # no quote, either quote, both: each literal picks its own quote
    for number, start in enumerate(range(0, len(_ALL), 4096)):
        text = contexts[number % 4] + "".join(_ALL[start:start + 4096]) + "\\"
        source = string_literal(text)
        assert _raw_is_safe(source)
        assert ast.literal_eval(source) == text


def test_lone_surrogate_is_escaped() -> None:
    source = string_literal("a\ud800b")
    assert source == '"a\\ud800b"'
    assert ast.literal_eval(source) == "a\ud800b"


def test_quote_is_chosen_as_black_would() -> None:
    assert string_literal('say "hi"') == "'say \"hi\"'"
    assert string_literal("it's") == '"it\'s"'
    assert string_literal("both \" and '") == '"both \\" and \'"'


@pytest.mark.parametrize("extra", [b"", b'"', b"'", b"\"'"])
def test_bytes_literal_reads_back_for_every_byte(extra: bytes) -> None:
    value = bytes(range(256)) + extra
    source = bytes_literal(value)
    assert source.isascii() and all(ch.isprintable() for ch in source)
    assert ast.literal_eval(source) == value


def test_invisible_characters_are_escaped_not_written() -> None:
    for ch in ("\u200b", "\u202e", "\u2028", "\ufeff", "\x85", "\U000e0001"):
        assert ch not in string_literal(f"x{ch}y"), unicodedata.name(ch, hex(ord(ch)))
