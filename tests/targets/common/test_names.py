"""Type names from name parts (generator/targets/common/names.py pascal_type_name), as the Python
and TypeScript targets use them with their own reserved words."""

from __future__ import annotations

import pytest
from sdkforge.targets.common.names import pascal_type_name
from sdkforge.targets.python.names import class_ident
from sdkforge.targets.typescript.names import type_ident


def test_pascal_parts_keep_their_spelling_others_are_pascal_cased() -> None:
    assert pascal_type_name(("OpenAIFile",), ()) == "OpenAIFile"
    assert pascal_type_name(("chat_completion", "choices", "item"), ()) == "ChatCompletionChoicesItem"


def test_digit_start_and_empty_get_model() -> None:
    assert pascal_type_name(("3d_model",), ()) == "Model3dModel"
    assert pascal_type_name((), ()) == "Model"
    assert pascal_type_name(("",), ()) == "Model"


@pytest.mark.parametrize(("make", "reserved"), [(class_ident, "None"), (class_ident, "BaseModel"),
                                                 (type_ident, "Promise"), (type_ident, "Record")])
def test_each_target_suffixes_its_own_reserved_names(make, reserved: str) -> None:  # type: ignore[no-untyped-def]
    assert make((reserved,)) == reserved + "Model"
    assert pascal_type_name((reserved,), ()) == reserved
