"""The Python target's line wrapper (targets/python/layout.wrap) splits long lines as black does:
each case is wrapped, then black must leave it as it is (fast: black runs in-process)."""

from __future__ import annotations

import black
import pytest
from sdkforge.targets.python.layout import LINE_WIDTH, wrap

LONG = "SPOTIFY_WEB_API_WITH_FIXES_AND_IMPROVEMENTS_FROM_SONALLUX_AND_MANY_MORE_WORDS_IN_ITS_TITLE_API_KEY"
CASES = [
    # a one-element tuple whose element must split in turn (its comma stays after it)
    ('"bearer": ', f'AuthScheme("bearer", "header", "Authorization", (("api_key", "{LONG}"),))', "    ", ","),
    ("x = ", f'(("api_key", "{LONG}"),)', "", ""),
    ("x = ", f'os.environ.get("{LONG}")', "", ""),
    ("x = ", 'f(a, b, c)', "", ""),
    ("y = ", f'[("a", "{LONG}"), ("b", "c")]', "", ""),
]


@pytest.mark.parametrize(("head", "expr", "indent", "tail"), CASES)
def test_wrap_is_what_black_writes(head: str, expr: str, indent: str, tail: str) -> None:
    text = wrap(head, expr, indent, tail)
    if indent:  # a dict entry: wrap it in a dict so black can read it
        source = "d = {\n" + text + "\n}\n"
    else:
        source = text + "\n"
    mode = black.Mode(line_length=LINE_WIDTH)
    assert black.format_str(source, mode=mode) == source


@pytest.mark.parametrize("ident", ["api_key", "personal_access_token", "a_credential_whose_name_is_long_enough_to_wrap"])
def test_with_options_credential_lines_are_what_black_writes(ident: str) -> None:
    from sdkforge.targets.python.plan import CredentialView

    line = CredentialView(key=ident, ident=ident, env="X").copy_arg
    source = "class C:\n    def f(self):\n        return type(self)(\n" + line + "\n        )\n"
    assert black.format_str(source, mode=black.Mode(line_length=LINE_WIDTH)) == source


@pytest.mark.parametrize("method", ["list", "x" * 60, "oauth_authorizations_get_or_create_authorization_for_app_and_fingerprint"])
def test_deprecated_decorator_is_what_black_writes(method: str) -> None:
    from sdkforge.targets.python.plan import deprecated_decorator

    source = f"class A:\n    {deprecated_decorator(method)}\n    def {method}(self) -> None:\n        pass\n"
    assert black.format_str(source, mode=black.Mode(line_length=LINE_WIDTH)) == source
