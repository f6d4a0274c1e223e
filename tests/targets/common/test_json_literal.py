"""JSON values written as expressions by the shared writer (generator/targets/literal.py JsonSpelling),
in Python's and Ruby's spelling: each reads back, in its own language, as the value it was made from."""

from __future__ import annotations

import ast
import json
import math
import shutil
import subprocess

import pytest
from sdkforge.targets.python.escape import literal as python_literal
from sdkforge.targets.ruby.escape import literal as ruby_literal

VALUES = [None, True, False, 0, -7, 10**30, 0.5, -1e300, "", "quote \" ' back \\ slash\n\u2028 é 😀 #{x}",
          [], {}, [1, [2, {"k": None}]], {"a b": {"c": [True, "x"]}, "": -1.5}]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_python_literal_reads_back(value: object) -> None:
    assert ast.literal_eval(python_literal(value)) == value


def test_python_odd_floats() -> None:
    for value in (math.nan, math.inf, -math.inf):
        text = python_literal(value)
        assert text.startswith("float(")
        back = eval(text, {"__builtins__": {"float": float}})
        assert (math.isnan(back) and math.isnan(value)) or back == value


@pytest.mark.skipif(shutil.which("ruby") is None, reason="ruby is not installed")
def test_ruby_literals_read_back() -> None:
    lines = ["require 'json'"] + [f"puts JSON.generate({ruby_literal(v)})" for v in VALUES]
    lines.append(f"puts [{ruby_literal(math.nan)}.nan?, {ruby_literal(math.inf)}, {ruby_literal(-math.inf)}].inspect")
    run = subprocess.run(["ruby", "-e", "\n".join(lines)], capture_output=True, text=True, check=True)
    *decoded, odd = run.stdout.rstrip("\n").split("\n")  # (not splitlines: a U+2028 is text)
    assert [json.loads(line) for line in decoded] == VALUES
    assert odd == "[true, Infinity, -Infinity]"
