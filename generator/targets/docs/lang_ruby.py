"""Ruby notation for the docs (mirrors what the Ruby SDK target generates:
``client.uploads.complete(upload_id, part_ids: [...])``, symbols for enum values)."""

from __future__ import annotations

import re
from typing import Any

from ...diagnostics import Diagnostics
from ...ir import naming
from ...ir.model import (
    ConstType,
    EnumType,
    ObjectType,
    Operation,
    PrimitiveType,
    TypeNode,
)
from ..ruby import escape as sdk_escape
from ..ruby.types import TypeMap
from ..ruby.views import (
    MethodView,
    ResourceBuilder,
    ResourceView,
    page_views,
    settings_for,
)
from .lang import Language, credential_placeholder
from .model import DocNode, ExampleCall, is_file

RUBY_KEYWORDS = frozenset(
    ["__ENCODING__", "__LINE__", "__FILE__", "BEGIN", "END", "alias", "and", "begin", "break", "case", "class", "def", "defined?", "do", "else", "elsif", "end", "ensure", "false", "for", "if", "in", "module", "next", "nil", "not", "or", "redo", "rescue", "retry", "return", "self", "super", "then", "true", "undef", "unless", "until", "when", "while", "yield"]
)
_PLAIN_SYMBOL = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*[?!]?$")
_IDENT = re.compile(r"^[a-z_][A-Za-z0-9_]*$")


def ruby_string(value: Any) -> str:
    """A double-quoted Ruby string literal: no interpolation, no raw control characters."""
    out = []
    text = str(value)
    for index, ch in enumerate(text):
        code = ord(ch)
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch == "#" and text[index + 1:index + 2] in ("{", "@", "$"):
            out.append("\\#")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F or code in (0x2028, 0x2029, 0xFEFF):
            out.append(f"\\u{{{code:x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def ruby_symbol(value: str) -> str:
    return f":{value}" if _PLAIN_SYMBOL.match(value) else ":" + ruby_string(value)


def ruby_ident(raw: str) -> str:
    ident = raw if _IDENT.match(raw) else naming.snake(raw)
    if not ident:
        ident = "value"
    if ident[0].isdigit():
        ident = f"_{ident}"
    if ident in RUBY_KEYWORDS:
        ident += "_"
    return ident


class Ruby(Language):
    key = "ruby"
    label = "Ruby"
    fence = "ruby"
    settings_key = "ruby"

    def __init__(self, api, config):  # type: ignore[no-untyped-def]
        # the Ruby SDK target's own symbol provider names everything shown here
        # (its warnings are the SDK target's to report, not the docs')
        diags = Diagnostics()
        sdk = settings_for(api, config, diags)
        self.types = TypeMap(api, sdk.mod)
        pages = page_views(api, sdk.mod, sdk.gem)
        page_classes = {scheme.name: page.qualified for scheme, page in zip(api.page_schemes, pages)}
        self.page_names = {scheme.name: page.name for scheme, page in zip(api.page_schemes, pages)}
        roots = [f.root for f in ResourceBuilder(api, config, self.types, sdk, page_classes).build()]
        self._methods: dict[int, tuple[list[str], MethodView]] = {}
        for res, view in zip(api.resources, roots):
            self._walk(res, view, [])
        super().__init__(api, config)
        self.gem = sdk.gem
        self.module = sdk.mod
        self.credential_option = {c.key: c.name for c in sdk.credentials}
        self.client_var = ruby_ident(naming.snake(self.gem) or "client")

    def _walk(self, res, view: ResourceView, chain: list[str]) -> None:  # type: ignore[no-untyped-def]
        chain = chain + [view.accessor]
        for op, method in zip(res.operations, view.methods):
            self._methods[id(op)] = (chain, method)
        for child, child_view in zip(res.children, view.children):
            self._walk(child, child_view, chain)

    # names (as the Ruby SDK target names them)
    def type_name(self, name: str) -> str:
        container = self.types.by_named.get(name)
        if container is None:
            return super().type_name(name)
        return container.qualified.removeprefix(self.types.models_ns + "::")

    def field(self, wire: str, where: str) -> str:
        return ruby_ident(wire)

    def method(self, op: Operation) -> MethodView:
        return self._methods[id(op)][1]

    def call_path(self, op: Operation) -> str:
        chain, method = self._methods[id(op)]
        return ".".join(chain + [method.name])

    def alias_names(self, op: Operation) -> list[str]:
        return [name for name, _ in self.method(op).aliases]

    def arg_name(self, op: Operation, wire: str, where: str) -> str:
        """The positional or keyword argument of the SDK method for one wire parameter."""
        m = self.method(op)
        location = "raw_body" if where == "body" and m.raw_body is not None and wire == "body" else where
        for p in m.positional + m.kwargs:
            if p.wire == wire and p.location == location:
                return p.name
        return ruby_ident(wire)

    def row_label(self, row: DocNode) -> str:
        if row.op is not None and row.key is not None and row.where in ("path", "query", "header", "body"):
            text = self.type_text(row.type, self._type_position(row), row.owner, row.key)
            return self.field_label(self.arg_name(row.op, row.key, row.where), text, row)
        return super().row_label(row)

    # types
    def primitive(self, node: PrimitiveType, where: str) -> str:
        if node.is_binary and where == "param":
            return "Pathname | StringIO | IO | String"
        return {"string": "String", "integer": "Integer", "number": "Float", "boolean": "bool",
                "null": "nil"}.get(node.primitive, "untyped")

    def enum_value(self, value: Any) -> str:
        if isinstance(value, str):
            return ruby_symbol(value)
        if value is None:
            return "nil"
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def array_text(self, inner: str) -> str:
        return f"Array[{inner}]"

    def map_text(self, inner: str) -> str:
        return f"Hash[Symbol, {inner}]"

    def any_text(self) -> str:
        return "untyped"

    def page_text(self, scheme: str, item: str) -> str:
        return f"{self.page_names.get(scheme, scheme)}<{item}>"

    def binary_return(self) -> str:
        return "StringIO"

    def signature(self, op: Operation) -> str:
        args = [p.name for p in self.method(op).positional]
        if self.method(op).kwargs:
            args.append("**kwargs")
        returns = self.return_text(op) or "nil"
        return f"{self.call_path(op)}({', '.join(args)}) -> {returns}"

    # examples
    def var_ident(self, snake: str) -> str:
        ident = ruby_ident(snake or "response")
        return ident + "_" if ident == self.client_var else ident

    def literal(self, node: TypeNode, value: Any, depth: int = 0) -> str:
        resolved = self.api.resolve(node)
        if is_file(value):
            return f"StringIO.new({ruby_string(value.content.decode('utf-8', 'replace'))})"
        if isinstance(value, str):
            if isinstance(resolved, (EnumType, ConstType)):
                return ruby_symbol(value)
            return ruby_string(value)
        if value is None:
            return "nil"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return repr(value)
        if isinstance(value, list):
            items = getattr(resolved, "items", None)
            return "[" + ", ".join(self.literal(items if items is not None else node, v, depth + 1)
                                   for v in value) + "]"
        if isinstance(value, dict):
            parts = []
            for key, item in value.items():
                prop = resolved.get(key) if isinstance(resolved, ObjectType) else None
                item_type = prop.type if prop else getattr(resolved, "values", node)
                parts.append(f"{self.hash_key(str(key))} {self.literal(item_type, item, depth + 1)}")
            return "{" + ", ".join(parts) + "}"
        return ruby_string(str(value))

    @staticmethod
    def hash_key(key: str) -> str:
        return f"{key}:" if _PLAIN_SYMBOL.match(key) and not key.endswith(("?", "!")) else f"{ruby_string(key)}:"

    def example_request(self, op: Operation, call: ExampleCall) -> str:
        args = [self.literal(a.type, a.value) for a in call.subject_args]
        args += [f"{self.hash_key(self.arg_name(op, a.wire, a.where))} {self.literal(a.type, a.value)}"
                 for a in call.named_args]
        if call.body_value is not None:
            name = self.arg_name(op, "body", "body")
            args.append(f"{self.hash_key(name)} {self.literal(call.body_value.type, call.body_value.value)}")
        target = f"{self.client_var}.{self.call_path(op)}"
        var = self.result_var(op)
        lead = f"{var} = " if var else ""
        one_line = f"{lead}{target}({', '.join(args)})" if args else f"{lead}{target}"
        if len(one_line) <= 100:
            call_text = one_line
        else:
            call_text = f"{lead}{target}(\n" + ",\n".join("  " + a for a in args) + "\n)"
        creds = self.example_credentials(call)
        options = ", ".join(f"{self.credential_option[c.key]}: {ruby_string(credential_placeholder(c.key))}"
                            for c in creds)
        lines = [f"require {ruby_string(self.gem)}", ""]
        note = self.env_note(creds)
        if note:
            lines.append("# " + sdk_escape.comment(note))
        lines += [f"{self.client_var} = {self.module}::Client.new" + (f"({options})" if options else ""), "",
                  call_text]
        if var:
            lines += ["", f"puts({var})"]
        return "\n".join(lines)
