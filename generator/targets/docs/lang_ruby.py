"""Ruby notation for the docs (mirrors what the Ruby SDK target generates:
``client.uploads.complete(upload_id, part_ids: [...])``, symbols for enum values)."""

from __future__ import annotations

import re
from typing import Any

from ...ir import naming
from ...ir.model import ConstType, EnumType, ObjectType, Operation, PrimitiveType, TypeNode
from .lang import Language, keep_or_pascal
from .model import FILE, ExampleCall

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
        super().__init__(api, config)
        self.gem = str(self.settings.get("gem") or naming.snake(api.title) or "client")
        self.module = str(self.settings.get("module") or keep_or_pascal((api.title,)))
        self.client_var = ruby_ident(naming.snake(self.gem) or "client")

    # names
    def reserved_type_names(self) -> set[str]:
        return {"Client", "Errors", "Internal"}

    def field(self, wire: str, where: str) -> str:
        return ruby_ident(wire)

    def resource_chain(self, op: Operation) -> list[str]:
        return [ruby_ident(part) for part in op.resource]

    def method_name(self, op: Operation) -> str:
        return ruby_ident(op.name)

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
        return f"{scheme}<{item}>"

    def binary_return(self) -> str:
        return "StringIO"

    def signature(self, op: Operation) -> str:
        args = [ruby_ident(p.name) for p in op.path_params]
        if self.has_kwargs(op):
            args.append("**kwargs")
        returns = self.return_text(op) or "nil"
        return f"{self.call_path(op)}({', '.join(args)}) -> {returns}"

    # examples
    def var_ident(self, snake: str) -> str:
        ident = ruby_ident(snake or "response")
        return ident + "_" if ident == self.client_var else ident

    def literal(self, node: TypeNode, value: Any, depth: int = 0) -> str:
        resolved = self.api.resolve(node)
        if value is FILE:
            return 'StringIO.new("raw file contents")'
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
        args = [self.literal(a.type, a.value) for a in call.path]
        args += [f"{self.hash_key(a.wire)} {self.literal(a.type, a.value)}" for a in call.keyword_args]
        if call.body_value is not None:
            args.append(f"body: {self.literal(call.body_value.type, call.body_value.value)}")
        target = f"{self.client_var}.{self.call_path(op)}"
        var = self.result_var(op)
        lead = f"{var} = " if var else ""
        one_line = f"{lead}{target}({', '.join(args)})" if args else f"{lead}{target}"
        if len(one_line) <= 100:
            call_text = one_line
        else:
            call_text = f"{lead}{target}(\n" + ",\n".join("  " + a for a in args) + "\n)"
        lines = [f"require {ruby_string(self.gem)}", "",
                 f"{self.client_var} = {self.module}::Client.new(api_key: \"My API Key\")", "", call_text]
        if var:
            lines += ["", f"puts({var})"]
        return "\n".join(lines)
