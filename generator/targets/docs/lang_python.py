"""Python notation for the docs, using the Python SDK target's symbol provider
(``sdkforge.targets.python.names`` / ``escape``) so names agree with the SDK."""

from __future__ import annotations

from typing import Any

from ...ir.model import ObjectType, Operation, PrimitiveType, TypeNode, UnionType
from ..python import escape as py_escape
from ..python.names import METHOD_RESERVED, attr_ident, class_ident, sdk_names, snake_ident
from .lang import Language, abbreviate_values
from .model import FILE, ExampleCall

LINE = 88  # black's default


class Python(Language):
    key = "python"
    label = "Python"
    fence = "python"
    settings_key = "python"

    def __init__(self, api, config):  # type: ignore[no-untyped-def]
        self.settings = config.target("python")
        self.package, self.client, self.async_client = sdk_names(api.title, self.settings)
        super().__init__(api, config)

    # names (as the Python SDK target names them)
    def reserved_type_names(self) -> set[str]:
        return {self.client, self.async_client}

    def type_ident(self, parts: tuple[str, ...]) -> str:
        return class_ident(parts)

    def field(self, wire: str, where: str) -> str:
        if where in ("path", "query", "header", "body"):
            return attr_ident(wire, METHOD_RESERVED)
        return attr_ident(wire)

    def resource_chain(self, op: Operation) -> list[str]:
        return [snake_ident(part) for part in op.resource]

    def method_name(self, op: Operation) -> str:
        return snake_ident(op.name, METHOD_RESERVED)

    # types
    def primitive(self, node: PrimitiveType, where: str) -> str:
        if node.is_binary and where == "param":
            return "FileTypes"
        return {"string": "str", "integer": "int", "number": "float", "boolean": "bool",
                "null": "None"}.get(node.primitive, "object")

    def enum_value(self, value: Any) -> str:
        return py_escape.literal(value)

    def enum_text(self, values: list[Any]) -> str:
        return f"Literal[{abbreviate_values(values, self.enum_value, ', ')}]"

    def const_text(self, node) -> str:  # type: ignore[no-untyped-def]
        return f"Literal[{self.enum_value(node.value)}]"

    def array_text(self, inner: str) -> str:
        return f"List[{inner}]"

    def map_text(self, inner: str) -> str:
        return f"Dict[str, {inner}]"

    def union_text(self, parts: list[str], node: UnionType, owner: tuple[str, ...], key: str | None) -> str:
        unique = list(dict.fromkeys(parts))
        return unique[0] if len(unique) == 1 else f"Union[{', '.join(unique)}]"

    def nullable_text(self, text: str) -> str:
        return text if text.startswith("Optional[") or text in ("None", "object") else f"Optional[{text}]"

    def any_text(self) -> str:
        return "object"

    def field_label(self, name: str, text: str, row) -> str:  # type: ignore[no-untyped-def]
        if not row.required:
            text = self.nullable_text(text)
        return f"{name}: {text}"

    def alias_label(self, name: str, text: str) -> str:
        return f"{name} = {text}"

    def page_text(self, scheme: str, item: str) -> str:
        return f"Sync{scheme}[{item}]"

    def stream_text(self, item: str) -> str:
        return f"Stream[{item}]"

    def signature(self, op: Operation) -> str:
        args = [attr_ident(p.name, METHOD_RESERVED) for p in op.path_params]
        if self.has_kwargs(op):
            args.append("**kwargs")
        returns = self.return_text(op) or "None"
        return f"{self.call_path(op)}({', '.join(args)}) -> {returns}"

    # examples
    def var_ident(self, snake: str) -> str:
        ident = snake_ident(snake or "response")
        return ident + "_" if ident == "client" else ident

    def literal(self, node: TypeNode, value: Any) -> str:
        resolved = self.api.resolve(node)
        if value is FILE:
            return 'b"raw file contents"'
        if isinstance(value, list):
            items = getattr(resolved, "items", node)
            return "[" + ", ".join(self.literal(items, v) for v in value) + "]"
        if isinstance(value, dict):
            parts = []
            for key, item in value.items():
                prop = resolved.get(key) if isinstance(resolved, ObjectType) else None
                item_type = prop.type if prop else getattr(resolved, "values", node)
                parts.append(f"{py_escape.string_literal(key)}: {self.literal(item_type, item)}")
            return "{" + ", ".join(parts) + "}"
        return py_escape.literal(value)

    def example_request(self, op: Operation, call: ExampleCall) -> str:
        args = [self.literal(a.type, a.value) for a in call.path]
        args += [f"{self.field(a.wire, a.where)}={self.literal(a.type, a.value)}" for a in call.keyword_args]
        if call.body_value is not None:
            args.append(f"body={self.literal(call.body_value.type, call.body_value.value)}")
        var = self.result_var(op)
        lead = f"{var} = " if var else ""
        if op.pagination is not None:  # iterating a page fetches the next ones as needed
            item = self.var_ident(self._item_var(op))
            lead = f"for {item} in "
        head = f"{lead}client.{self.call_path(op)}("
        tail = ":" if op.pagination is not None else ""
        one_line = head + ", ".join(args) + ")" + tail
        if len(one_line) <= LINE:
            call_text = one_line
        elif len("    " + ", ".join(args)) <= LINE:
            call_text = head + "\n    " + ", ".join(args) + "\n)" + tail
        else:
            call_text = head + "\n" + "".join(f"    {a},\n" for a in args) + ")" + tail
        client_line = f'client = {self.client}(api_key="My API Key")'
        lines = [f"from {self.package} import {self.client}", "", client_line, "", call_text]
        if op.pagination is not None:
            first = self._item_field(op)
            lines.append(f"    print({item}.{first})" if first else f"    print({item})")
        elif var:
            first = self.first_field(op)
            lines.append(f"print({var}.{first})" if first else f"print({var})")
        return "\n".join(lines)

    def _item_var(self, op: Operation) -> str:
        assert op.pagination is not None
        name = getattr(op.pagination.item, "name", None)
        return snake_ident(self.type_name(name)) if name in self.api.types else "item"

    def _item_field(self, op: Operation) -> str | None:
        assert op.pagination is not None
        resolved = self.api.resolve(op.pagination.item)
        if isinstance(resolved, ObjectType) and resolved.required_first:
            return self.field(resolved.required_first[0].name, "prop")
        return None
