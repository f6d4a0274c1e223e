"""Go naming: the docs' Go notation spells words with the Go target's own tables."""

from __future__ import annotations

import pytest
from sdkforge.targets.docs import lang_go
from sdkforge.targets.go import names


@pytest.mark.parametrize("word", sorted(names.INITIALISMS))
def test_docs_spell_every_go_initialism_as_the_sdk_does(word: str) -> None:
    raw = f"open_{word}_file"
    assert lang_go.go_pascal(raw) == names.exported(raw)
    # a local variable in a docs example: lowerCamel with the initialism in capitals after the first word
    assert lang_go.go_camel(raw) == names.unexported(raw)
    if word.isalpha():  # (a plural after a digit, md5s, splits differently: the SDK keeps the case of its words)
        plural = f"{word}s_list"
        assert lang_go.go_pascal(plural) == names.exported(plural)


@pytest.mark.parametrize("word", sorted(names.KEYWORDS))
def test_docs_variable_never_a_go_keyword(word: str) -> None:
    assert lang_go.go_camel(word) == word + "_"
