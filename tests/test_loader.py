"""Stage 1: loading YAML/JSON with JSON-equivalent meaning and lazy positions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sdkforge.diagnostics import SpecError
from sdkforge.openapi.load import load_file, parse_bytes


def parse(text: str) -> object:
    return parse_bytes(text.encode(), "t.yaml", "yaml")[0]


def test_yaml_11_quirks_do_not_change_meaning() -> None:
    data = parse("date: 2024-10-01\non: yes\nno: off\nversion: 1.10\noctal: 0755\nhex: 0x1F\nnull_: ~\n200: ok\n")
    assert data == {
        "date": "2024-10-01",
        "on": "yes",
        "no": "off",
        "version": 1.1,
        "octal": 755,
        "hex": 31,
        "null_": None,
        "200": "ok",
    }


def test_yaml_and_json_agree() -> None:
    text = '{"a": [1, 2.5, true, null, "2024-01-01"], "b": {"on": "x"}}'
    assert parse(text) == json.loads(text)


def test_duplicate_keys_are_refused_with_position() -> None:
    with pytest.raises(SpecError) as err:
        parse("a: 1\nb:\n  c: 1\n  c: 2\n")
    text = err.value.diagnostics[0].format()
    assert text.startswith("t.yaml:4:3: error:") and "duplicate key 'c'" in text


def test_json_duplicate_keys_are_refused() -> None:
    with pytest.raises(SpecError) as err:
        parse_bytes(b'{"a": 1, "a": 2}', "t.json", "json")
    assert "duplicate key" in err.value.diagnostics[0].message


@pytest.mark.parametrize(
    ("raw", "message", "line"),
    [
        (b"a: [1,\n", "YAML syntax error", 2),
        (b"", "empty", 1),
        (b"\x00\x01\x02binary", "binary file", 1),
        (b"a: !!python/object:os.system {}\n", "unsupported YAML tag", 1),
        (b"{\n  \"a\": 1,\n}\n", "invalid JSON", 3),
        (b"\xff\xfe\x00bad", "binary", 1),
    ],
)
def test_broken_input_gives_a_positioned_error(raw: bytes, message: str, line: int) -> None:
    fmt = "json" if raw.startswith(b"{") else None
    with pytest.raises(SpecError) as err:
        parse_bytes(raw, "bad.yaml", fmt)
    diag = err.value.diagnostics[0]
    assert message in diag.message
    assert diag.line == line


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    with pytest.raises(SpecError) as err:
        parse("\n".join(lines) + "\n")
    assert "alias" in err.value.diagnostics[0].message


def test_deep_nesting_is_refused() -> None:
    depth = 5000
    with pytest.raises(SpecError) as err:
        parse_bytes(("[" * depth + "]" * depth).encode(), "deep.json", "json")
    assert "nest" in err.value.diagnostics[0].message


def test_positions_are_found_lazily(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text("openapi: 3.1.0\npaths:\n  /a/b:\n    get:\n      responses: {}\n")
    doc = load_file(path)
    assert doc.locate("#/paths/~1a~1b/get") == (5, 7)
    assert doc.locate("#/paths/~1a~1b/get/nonexistent") == (5, 7)  # nearest ancestor
    assert doc.locate("#") == (1, 1)


def test_positions_in_json(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text('{\n  "openapi": "3.0.0",\n  "paths": {\n    "/x": {"get": {}}\n  }\n}\n')
    doc = load_file(path)
    assert doc.data["paths"]["/x"] == {"get": {}}
    assert doc.locate("#/paths/~1x/get") == (4, 19)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as err:
        load_file(tmp_path / "nope.yaml")
    assert "no such file" in err.value.diagnostics[0].message


def _all_pointers(data: object) -> list[str]:
    from sdkforge.diagnostics import join_pointer

    out: list[str] = []
    stack: list[tuple[object, str]] = [(data, "#")]
    while stack:
        node, pointer = stack.pop()
        out.append(pointer)
        if isinstance(node, dict):
            stack.extend((v, join_pointer(pointer, k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, join_pointer(pointer, i)) for i, v in enumerate(node))
    return sorted(out)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_fast_locator_agrees_with_the_yaml_composer(tmp_path: Path, fmt: str) -> None:
    """The line scanner (block YAML) and the skipping decoder (JSON) find the same positions
    as composing the node tree, for every node of the sample spec."""
    import sdkforge.openapi.load as load

    sample = Path(__file__).resolve().parents[1] / "spec" / "openai-uploads.yaml"
    if fmt == "yaml":
        path = sample
    else:
        path = tmp_path / "sample.json"
        path.write_text(json.dumps(load_file(sample).data, indent=2))
    from sdkforge.diagnostics import split_pointer

    doc = load_file(path)
    fast_hits = 0
    for pointer in _all_pointers(doc.data):
        tokens = split_pointer(pointer)
        fast = load._locate_json(doc.text, tokens) if fmt == "json" else load._locate_block_yaml(doc.lines, tokens)
        if fast is None:
            continue
        fast_hits += 1
        assert fast == doc.locate(pointer, fast=False), pointer
    if fmt == "yaml":  # block YAML: the scanner answers every node, list items' first keys included
        assert fast_hits == len(_all_pointers(doc.data))
    else:
        assert fast_hits > 300


def test_line_scanner_answers_the_public_openai_spec_like_the_event_walk() -> None:
    """On a big real spec (87k lines) the line scanner answers sampled pointers at every depth,
    mappings inside list items included, at the positions the event walk gives."""
    import random

    import sdkforge.openapi.load as load
    from sdkforge.diagnostics import split_pointer

    openai = Path(__file__).resolve().parents[2] / "shared" / "specs" / "real" / "openai" / "openapi.yaml"
    doc = load_file(openai)
    pointers = random.Random(7).sample(_all_pointers(doc.data), 400)
    pointers.append("#/components/schemas/CreateEvalCompletionsRunDataSource/properties/input_messages/oneOf/0"
                    "/properties/template/items/oneOf")
    paths = [split_pointer(pointer) for pointer in pointers]
    walked = load._locate_events_many(doc.text, paths)  # one pass for all of them
    for pointer, tokens, expected in zip(pointers, paths, walked):
        fast = load._locate_block_yaml(doc.lines, tokens, doc.text)
        assert fast is not None, pointer
        assert fast == expected, pointer


# The loader builds documents straight from libyaml's events (one pass, no node tree); PyYAML's constructor,
# configured with the same YAML 1.2 rules, is the reference it must agree with, value for value and type for type.
EVENT_CASES = [
    "a: [1, -2, +3, 0o17, 0x1f, 1.5, -.5, 1e3, .inf, -.Inf, .NaN, true, False, ~, null, '', x]\n",
    "quoted: ['1', \"true\", 'null', \"0x10\"]\nblock: |\n  line\n  two\nfolded: >-\n  a\n  b\n",
    "anchor: &A {k: v, n: 1}\nalias: *A\nlist: &L [1, 2]\nagain: *L\nscalar: &S 7\ns2: *S\n",
    "merge:\n  base: &B {a: 1, b: 2}\n  child:\n    <<: *B\n    b: 3\n",  # merge key: PyYAML's constructor
    "tagged: !!str 123\nseq: !!seq [1]\nmap: !!map {a: 1}\n",  # explicit tags: PyYAML's constructor
    "nonspecific: ! 12\nempty:\nnested: {a: {b: {c: [[], {}]}}}\n'quoted key': 1\n200: ok\n",
    "- 1\n- - 2\n  - {a: b}\n",
    "just a scalar\n",
]


@pytest.mark.parametrize("text", EVENT_CASES)
def test_event_constructor_agrees_with_pyyaml(text: str) -> None:
    from sdkforge.openapi.load import _Loader

    loader = _Loader(text)
    try:
        expected = loader.get_single_data()
    finally:
        loader.dispose()
    got = parse(text)
    assert repr(got) == repr(expected)  # repr: tells 1 from 1.0 and True, and NaN from NaN


def test_event_constructor_agrees_with_pyyaml_on_the_sample_spec() -> None:
    from sdkforge.openapi.load import _Loader

    raw = (Path(__file__).resolve().parents[1] / "spec" / "openai-uploads.yaml").read_text("utf-8")
    assert repr(parse(raw)) == repr(_Loader(raw).get_single_data())


@pytest.mark.parametrize("text, message, line", [
    ("a: 1\n---\nb: 2\n", "single document", 2),
    ("a: *nowhere\n", "undefined alias", 1),
    ("? [a, b]\n: 1\n", "mapping keys must be plain scalars", 1),
    ("x:\n  - 1\n  - y: 1\n    y: 2\n", "duplicate key 'y'", 4),
])
def test_event_constructor_errors_are_positioned(text: str, message: str, line: int) -> None:
    with pytest.raises(SpecError) as err:
        parse(text)
    diag = err.value.diagnostics[0]
    assert message in diag.message and diag.line == line, diag.format()


@pytest.mark.parametrize("style", ["block", "flow"])
def test_event_walk_locator_agrees_with_the_yaml_composer(tmp_path: Path, style: str) -> None:
    """Where the line scanner gives up (flow style, anchors, unusual layout), the event walk answers:
    the same positions as composing the node tree, for every node, and for pointers that go nowhere."""
    import yaml

    import sdkforge.openapi.load as load
    from sdkforge.diagnostics import split_pointer

    sample = Path(__file__).resolve().parents[1] / "spec" / "openai-uploads.yaml"
    data = load_file(sample).data
    path = tmp_path / "sample.yaml"
    path.write_text(yaml.safe_dump(data, default_flow_style=style == "flow", width=100, sort_keys=False))
    doc = load_file(path)
    pointers = _all_pointers(doc.data)
    assert len(pointers) > 300
    for pointer in pointers + ["#/paths/~1nowhere/get", "#/components/schemas/Upload/properties/999"]:
        assert load._locate_events(doc.text, split_pointer(pointer)) == doc.locate(pointer, fast=False), pointer


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_batched_positions_agree_with_one_at_a_time(tmp_path: Path, fmt: str) -> None:
    """Diagnostics are rendered in batches: one event pass finds every pointer of a batch, with the
    same answers as one lookup each (including pointers that lead nowhere: their nearest ancestor)."""
    import sdkforge.openapi.load as load

    sample = Path(__file__).resolve().parents[1] / "spec" / "openai-uploads.yaml"
    path = sample
    if fmt == "json":
        path = tmp_path / "sample.json"
        path.write_text(json.dumps(load_file(sample).data, indent=2))
    pointers = _all_pointers(load_file(path).data) + ["#/paths/~1nowhere/get", "#/components/schemas/Upload/x/y"]
    assert len(pointers) > 6
    batched = load_file(path)
    batched.prefetch(pointers)
    assert len(batched._located) == len(set(pointers))  # all found in the one pass
    one_by_one = load_file(path)
    for pointer in pointers:
        assert batched.locate(pointer) == one_by_one.locate(pointer, fast=False), pointer


@pytest.mark.parametrize("raw, line, col", [
    (b'{"a": "\\ud800"}', 1, 8),  # a high half alone
    (b'{"a": "x",\n "\\udfff": 1}', 2, 3),  # a low half alone, in a key
    (b'{"a": "\\ud83d x"}', 1, 8),  # a high half followed by something else
])
def test_json_lone_surrogates_are_refused_with_position(raw: bytes, line: int, col: int) -> None:
    with pytest.raises(SpecError) as err:
        parse_bytes(raw, "t.json", "json")
    diag = err.value.diagnostics[0]
    assert "surrogate" in diag.message and (diag.line, diag.col) == (line, col), diag.format()


def test_json_surrogate_pairs_and_escaped_backslashes_are_text() -> None:
    assert parse_bytes(b'{"a": "\\ud83d\\ude00", "b": "\\\\ud800"}', "t.json", "json")[0] == {
        "a": "\U0001F600", "b": "\\ud800"}
