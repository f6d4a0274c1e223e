"""Python notation for the docs, using the Python SDK target's symbol provider
(``sdkforge.targets.python.names`` / ``escape``) so names agree with the SDK."""

from __future__ import annotations

from typing import Any

from ...contract import contract_of
from ...ir.model import ObjectType, Operation, PrimitiveType, UnionType
from ..python import escape as py_escape
from ..python.names import (
    BODY_NAMES,
    METHOD_RESERVED,
    Namer,
    attr_ident,
    class_ident,
    credential_ident,
    page_class_names,
    param_ident,
    sdk_names,
    snake_ident,
)
from ..python.plan import CLIENT_OPTIONS, sample_literal
from .lang import Language, abbreviate_values, credential_placeholder
from .model import DocNode, ExampleCall

ARG_RESERVED = METHOD_RESERVED | BODY_NAMES
SKIPPED_ARG_HEADERS = ("authorization", "content-type", "accept")

LINE = 88  # black's default


class Python(Language):
    key = "python"
    label = "Python"
    fence = "python"
    settings_key = "python"

    def __init__(self, api, config):  # type: ignore[no-untyped-def]
        self.settings = config.target("python")
        contract = contract_of(api, config)
        self.package, self.client, self.async_client = sdk_names(contract.names, self.settings)
        self.page_class = page_class_names(api.page_schemes)
        # the client's credential options, named as the Python SDK's planner names them
        options = Namer(set(CLIENT_OPTIONS))
        self.credential_option = {c.key: options.claim(credential_ident(c.key, CLIENT_OPTIONS), "_")
                                  for c in contract.credentials}
        self._args: dict[int, tuple[dict[tuple[str, str], str], str | None]] = {}
        super().__init__(api, config)

    # names (as the Python SDK target names them)
    def reserved_type_names(self) -> set[str]:
        return {self.client, self.async_client} | {f"{p}{stem}" for stem in self.page_class.values()
                                                    for p in ("Sync", "Async")}

    def type_ident(self, parts: tuple[str, ...]) -> str:
        return class_ident(parts)

    def field(self, wire: str, where: str) -> str:
        if where in ("path", "query", "header", "body"):
            return attr_ident(wire, METHOD_RESERVED)
        return attr_ident(wire)

    def args(self, op: Operation) -> tuple[dict[tuple[str, str], str], str | None]:
        """The SDK method's argument names: (location, wire name) -> identifier, and the name of a
        whole (non-object) body's argument.  Claimed in the order the Python SDK's planner claims
        them (path, whole body, query, body properties, headers, cookies), from the same functions,
        so ``photoUrls`` is ``photo_urls`` here as in the SDK.  Worked out once per operation."""
        known = self._args.get(id(op))
        if known is not None:
            return known
        namer = Namer(set(ARG_RESERVED))
        out: dict[tuple[str, str], str] = {}

        def claim(location: str, wire: str) -> None:
            ident = namer.claim(param_ident(wire, ARG_RESERVED), "_")
            out.setdefault((location, wire), ident)

        for p in op.path_params:
            claim("path", p.name)
        whole: str | None = None
        props: list[str] = []
        kind = self.contract.of(op).request.kind
        if op.body is not None and kind != "none":
            node = self.api.resolve(op.body.primary.type)
            if isinstance(node, ObjectType) and kind in ("json", "multipart", "form"):
                props = [prop.name for prop in node.properties if not prop.read_only]
            else:
                whole = namer.claim("body", "_")
        for p in op.params_in("query"):
            claim("query", p.name)
        for wire in props:
            claim("body", wire)
        for p in op.params_in("header"):
            if p.name.lower() not in SKIPPED_ARG_HEADERS:
                claim("header", p.name)
        for p in op.params_in("cookie"):
            claim("cookie", p.name)
        known = self._args[id(op)] = (out, whole)
        return known

    def arg_name(self, op: Operation, wire: str, where: str) -> str | None:
        names, whole = self.args(op)
        if where == "body" and wire == "body" and whole is not None:
            return whole
        return names.get((where, wire))

    def row_label(self, row: DocNode) -> str:
        if row.op is not None and row.key is not None and row.where in ("path", "query", "header", "body"):
            name = self.arg_name(row.op, row.key, row.where)
            if name is not None:
                text = self.type_text(row.type, self._type_position(row), row.owner, row.key)
                return self.field_label(name, text, row)
        return super().row_label(row)

    def resource_chain(self, op: Operation) -> list[str]:
        return [snake_ident(part) for part in op.resource]

    def method_name(self, op: Operation) -> str:
        return snake_ident(op.name, METHOD_RESERVED)

    def alias_names(self, op: Operation) -> list[str]:
        return [snake_ident(alias, METHOD_RESERVED) for alias in op.aliases]

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
        return f"Sync{self.page_class.get(scheme, scheme)}[{item}]"

    def binary_return(self) -> str:
        return "BinaryResponse"

    def stream_text(self, item: str) -> str:
        return f"Stream[{item}]"

    def signature(self, op: Operation) -> str:
        names = self.args(op)[0]
        args = [names[("path", p.name)] for p in op.subject_params]
        if self.has_kwargs(op):
            args.append("**kwargs")
        returns = self.return_text(op) or "None"
        return f"{self.call_path(op)}({', '.join(args)}) -> {returns}"

    # examples
    def var_ident(self, snake: str) -> str:
        ident = snake_ident(snake or "response")
        return ident + "_" if ident == "client" else ident

    @staticmethod
    def literal(value: Any) -> str:
        """A neutral sample value as the Python SDK's generated tests write it (files as
        ``(filename, bytes)``, which the SDK's file arguments take)."""
        return sample_literal(value)

    @staticmethod
    def call_text(head: str, args: list[str], tail: str = "") -> str:
        """``head(args)tail`` laid out as black does: on one line, else the arguments on one
        indented line, else one per line with a trailing comma."""
        one_line = head + ", ".join(args) + ")" + tail
        if len(one_line) <= LINE:
            return one_line
        if len("    " + ", ".join(args)) <= LINE:
            return head + "\n    " + ", ".join(args) + "\n)" + tail
        return head + "\n" + "".join(f"    {a},\n" for a in args) + ")" + tail

    def example_request(self, op: Operation, call: ExampleCall) -> str:
        args = [self.literal(a.value) for a in call.subject_args]
        for a in call.named_args:
            name = self.arg_name(op, a.wire, a.where)
            if name is not None:  # (a sample the SDK method has no argument for is the client's)
                args.append(f"{name}={self.literal(a.value)}")
        if call.body_value is not None:
            name = self.arg_name(op, "body", "body")
            if name is not None:
                args.append(f"{name}={self.literal(call.body_value.value)}")
        var = self.result_var(op)
        lead = f"{var} = " if var else ""
        if op.pagination is not None:  # iterating a page fetches the next ones as needed
            item = self.var_ident(self._item_var(op))
            lead = f"for {item} in "
        call_text = self.call_text(f"{lead}client.{self.call_path(op)}(", args, ":" if op.pagination else "")
        creds = self.example_credentials(call)
        options = [f"{self.credential_option[c.key]}={py_escape.string_literal(credential_placeholder(c.key))}"
                   for c in creds]
        lines = [f"from {self.package} import {self.client}", ""]
        note = self.env_note(creds)
        if note:
            lines.append("# " + py_escape.comment(note))
        lines += [self.call_text(f"client = {self.client}(", options), "", call_text]
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
