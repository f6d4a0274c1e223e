"""``--format``: black, in-process, for users whose own templates emit unformatted Python.

The built-in templates already emit black-stable code (tests/test_formatting.py), so this is
opt-in and runs only on files whose rendered content changed since the last formatted write.
"""

from __future__ import annotations

from collections.abc import Callable

from ...diagnostics import GenerationError

LINE_LENGTH = 120  # the generated pyproject.toml's [tool.black] line-length


def black_formatter() -> Callable[[str, bytes], bytes]:
    try:
        import black
    except ImportError:
        raise GenerationError("--format needs black in the same environment as sdkforge: pip install black") from None
    modes = {False: black.Mode(line_length=LINE_LENGTH), True: black.Mode(line_length=LINE_LENGTH, is_pyi=True)}

    def format_file(rel: str, data: bytes) -> bytes:
        if not rel.endswith((".py", ".pyi")):
            return data
        try:
            text = black.format_str(data.decode("utf-8"), mode=modes[rel.endswith(".pyi")])
        except black.NothingChanged:
            return data
        except Exception as exc:  # black reports unparsable input with several exception types
            raise GenerationError(f"--format: black cannot format {rel}: {exc}") from None
        return text.encode("utf-8")

    return format_file
