"""Every template slot goes through an escaper: a walk over each target's templates.

A slot (``{{ ... }}``) either applies one of the target's escaper filters (``py_str``, ``ts_doc``,
``rb_comment``, ``go_string``, ``h``, ``md`` ...: the target's ``filters``), or prints a view field that the
target's Python code has already built through its escapers and symbol provider (identifiers, whole
pre-rendered lines, literals): those fields are listed below, per target.  A new slot that does neither is a
place where a spec string could reach generated code raw: escape it in the template, or build it in the view
through the escaper for its position and add the field here.  Structural filters (``join``, ``indent``...)
do not escape: the walk looks through them.  The hostile-spec suite (tests/test_hostile.py) checks the
prepared fields end to end.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes
from sdkforge.targets import TARGETS

REPO = Path(__file__).resolve().parents[1]
STRUCTURAL = {"indent", "trim", "rstrip", "join", "default"}
# names of raw spec text: never a prepared field (they need an escaper at the slot)
RAW = {"description", "summary", "title", "default", "example", "examples", "pattern", "url", "operation_id"}

# view fields (the last attribute or the variable name of a slot) built by the target's escapers in Python
PREPARED: dict[str, set[str]] = {
    "docs": {"depth", "description_html", "description_md", "html_foot", "html_head", "md", "md_foot", "md_head",
             "params_html", "params_md", "returns_html",
             "returns_md", "rows_html", "rows_md", "variants_html", "variants_md", "tools"},
    "go": {"accept", "accessor", "autopager", "autopager_name", "base", "call", "call_args", "const",
           "constructor", "cursor_param", "discriminator", "doc", "http_method", "name", "odd_literals",
           "page_item", "path_expr", "result", "signature_args", "stream_set", "type", "wire", "wire_literal",
           "decl", "method", "api_key_env", "field", "line", "package", "values", "consts", "option", "key_list",
           "test_credentials", "next_path_literal", "module_path", "version", "example_md", "auth",
           "alias_name", "result_text"},
    "python": {"alias_line", "all", "all_line", "annotation", "async_client", "async_page_cast",
               "async_page_return", "async_required", "async_returns", "base_url_line", "cast_async_returns",
               "cast_returns", "class_line", "client", "cls", "def_all", "def_required", "dist", "doc",
               "docstring", "empty_raise", "env_api_key", "env_base_url", "env_log", "file_module", "ident",
               "imports", "model_line", "name", "page_scheme", "path_template", "required", "returns",
               "stream_cast_expr", "typeddict_line", "wire_literal", "request_call", "A", "adef", "aw", "base",
               "deprecated_decorator",
               "http", "line", "prefix", "wrapper", "placeholder", "assign", "response_literal", "copy_arg",
               "example_md", "auth", "streaming_expr", "alias_name"},
    "ruby": {"accessor", "accessor_rbs", "alias_descriptor", "alias_doc", "assert_class", "body_model",
             "call_full", "call_required", "const", "cursor_param", "descriptor", "discriminator", "doc_type",
             "encoding", "env_api_key", "env_base_url", "gem", "has_more", "items", "items_reader",
             "items_reader_rbs", "key", "limit_param", "literal", "model", "name", "next_cursor", "page",
             "path_exprs", "qualified", "rbs", "rbs_name", "rbs_signature", "returns_doc", "returns_rbs",
             "signature", "stream", "style", "test_class", "container", "resource", "chain", "helper_path", "ind",
             "line", "mod", "next_path_literal", "example_md", "auth", "call_owner", "call_name", "get"},
    "typescript": {"alias", "call", "cls", "field", "head", "headers", "import_line", "name", "page", "path_expr",
                   "query", "signature", "style", "text", "client", "env_api_key", "env_base_url", "line",
                   "options_alias", "package", "page_export", "sig", "option", "env", "client_config", "spec",
                   "constructor_head", "example_md", "auth", "alias_name", "class_head"},
}


def _sources(node: nodes.Node, escapers: set[str]) -> list[str]:
    """The unescaped sources a slot expression prints: '' for constants and escaped parts."""
    if isinstance(node, nodes.Filter):
        if node.name in STRUCTURAL:
            return _sources(node.node, escapers) if node.node is not None else []
        return [] if node.name in escapers else [f"|{node.name}"]
    if isinstance(node, nodes.Const):
        return []
    if isinstance(node, nodes.CondExpr):
        return _sources(node.expr1, escapers) + (_sources(node.expr2, escapers) if node.expr2 else [])
    if isinstance(node, nodes.Concat):
        return [s for part in node.nodes for s in _sources(part, escapers)]
    if isinstance(node, (nodes.BinExpr, nodes.And, nodes.Or)):
        return _sources(node.left, escapers) + _sources(node.right, escapers)
    if isinstance(node, nodes.Getattr):
        return [node.attr]
    if isinstance(node, nodes.Getitem):
        return _sources(node.node, escapers)
    if isinstance(node, nodes.Name):
        return [node.name]
    if isinstance(node, nodes.Call):  # a macro or a view method: it returns prepared text
        return _sources(node.node, escapers)
    return [f"<{type(node).__name__}>"]


def _templates(target: str) -> list[Path]:
    return sorted((REPO / "templates" / target).rglob("*.j2"))


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_every_slot_is_escaped_or_prepared(target: str) -> None:
    escapers = set(TARGETS[target].filters)
    env = jinja2.Environment()
    bypass = []
    for path in _templates(target):
        tree = env.parse(path.read_text("utf-8"))
        # `{% set x = ... %}` and `{% for x in ... %}` over escaped or prepared values make `x` prepared
        prepared = set(PREPARED[target])
        for binding in [*tree.find_all(nodes.Assign), *tree.find_all(nodes.For)]:
            value = binding.node if isinstance(binding, nodes.Assign) else binding.iter
            if all(source in prepared for source in _sources(value, escapers)):
                prepared |= {name.name for name in binding.target.find_all(nodes.Name)} | (
                    {binding.target.name} if isinstance(binding.target, nodes.Name) else set())
        for output in tree.find_all(nodes.Output):
            for node in output.nodes:
                if isinstance(node, nodes.TemplateData):
                    continue
                for source in _sources(node, escapers):
                    if source not in prepared:
                        bypass.append(f"{path.relative_to(REPO)}:{node.lineno}: {source}")
    assert bypass == [], "slots that bypass the escapers (see the module docstring):\n" + "\n".join(bypass)


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_every_filter_a_template_uses_is_registered(target: str) -> None:
    """A slot's filter is the target's escaper or a Jinja builtin (an unregistered one fails at render)."""
    known = set(TARGETS[target].filters) | set(jinja2.Environment().filters)
    env = jinja2.Environment()
    unknown = sorted({f"{path.relative_to(REPO)}: {f.name}" for path in _templates(target)
                      for f in env.parse(path.read_text("utf-8")).find_all(nodes.Filter) if f.name not in known})
    assert unknown == []


def test_prepared_fields_are_never_raw_spec_text() -> None:
    assert {target: sorted(names & RAW) for target, names in PREPARED.items() if names & RAW} == {}
    assert set(PREPARED) == set(TARGETS)
