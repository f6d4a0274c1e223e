"""TypeScript notation for the docs (``client.uploads.complete(uploadID, body)``,
wire names as property keys, string-literal unions for enums)."""

from __future__ import annotations

import json
import re
from typing import Any

from ...diagnostics import Diagnostics
from ...ir import naming
from ...ir.model import ObjectType, Operation, PrimitiveType, TypeNode, UnionType
from ..typescript import escape as sdk_escape
from ..typescript import names as sdk_names
from ..typescript.views import TypeScriptViews
from .lang import Language, credential_placeholder
from .model import DocNode, ExampleCall, is_file

LINE = 80  # prettier's default
TS_RESERVED = frozenset(
    ["break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as", "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "await"]
)
_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def ts_string(value: Any) -> str:
    """A single-quoted JS string literal (prettier's singleQuote style)."""
    text = json.dumps(str(value), ensure_ascii=False)[1:-1]
    text = text.replace('\\"', '"').replace("'", "\\'")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"'{text}'"


def ts_key(key: str) -> str:
    return key if _IDENT.match(key) else ts_string(key)


class TypeScript(Language):
    key = "typescript"
    label = "TypeScript"
    fence = "typescript"
    settings_key = "typescript"
    root_keyword = "interface"

    def __init__(self, api, config):  # type: ignore[no-untyped-def]
        # the TypeScript SDK target's own symbol provider names everything shown here
        # (its warnings are the SDK target's to report, not the docs')
        self.sdk = TypeScriptViews(api, config, Diagnostics())
        self.sdk.build(names_only=True)
        super().__init__(api, config)
        self.package = self.sdk.package_name()
        self.client = self.sdk.client_name

    def type_name(self, name: str) -> str:
        return self.sdk.type_names.get(name) or super().type_name(name)

    def path_args(self, op: Operation) -> list[str]:
        """The method's positional path arguments: the subject only (parents are params members)."""
        return sdk_names.path_arg_names([p.name for p in op.subject_params])

    def field(self, wire: str, where: str) -> str:
        if where == "path":
            return sdk_names.path_arg_names([wire])[0]
        return sdk_escape.property_key(wire)

    def row_label(self, row: DocNode) -> str:
        if row.where == "path" and row.op is not None and row.key is not None:
            wires = [p.name for p in row.op.subject_params]
            if row.key in wires:
                name = self.path_args(row.op)[wires.index(row.key)]
                return self.field_label(name, self.type_text(row.type, "param"), row)
            key = self.sdk.param_keys.get(id(row.op), {}).get(("path", row.key))
            if key is not None:  # a parent, by name in the params object
                return self.field_label(sdk_escape.property_key(key), self.type_text(row.type, "param"), row)
        return super().row_label(row)

    def call_path(self, op: Operation) -> str:
        return ".".join(self.sdk.call_paths[id(op)])

    def alias_names(self, op: Operation) -> list[str]:
        return self.sdk.alias_names.get(id(op), [])

    def page_text(self, scheme: str, item: str) -> str:
        return f"{self.sdk.page_names.get(scheme, scheme)}<{item}>"

    def params_required(self, op: Operation) -> bool:
        """Whether the SDK method's ``params`` argument is required (it defaults to ``{}`` otherwise)."""
        if op.parent_params:
            return True
        if op.body is not None:
            resolved = self.api.resolve(op.body.primary.type)
            if not (isinstance(resolved, ObjectType) and resolved.properties):
                return True
            if any(p.required for p in resolved.properties):
                return True
        return any(p.required for p in op.params_in("query") + op.params_in("header"))

    def primitive(self, node: PrimitiveType, where: str) -> str:
        if node.is_binary and where == "param":
            return "Uploadable"
        return {"string": "string", "integer": "number", "number": "number", "boolean": "boolean",
                "null": "null"}.get(node.primitive, "unknown")

    def array_text(self, inner: str) -> str:
        return f"Array<{inner}>"

    def map_text(self, inner: str) -> str:
        return f"Record<string, {inner}>"

    def nullable_text(self, text: str) -> str:
        return text if text.endswith("| null") or text == "null" else f"{text} | null"

    def union_text(self, parts: list[str], node: UnionType, owner: tuple[str, ...], key: str | None) -> str:
        return " | ".join(dict.fromkeys(parts))

    def field_label(self, name: str, text: str, row) -> str:  # type: ignore[no-untyped-def]
        return f"{name}{'' if row.required else '?'}: {text}"

    def alias_label(self, name: str, text: str) -> str:
        return f"type {name} = {text}"

    def binary_return(self) -> str:
        return "Response"  # fetch's, read with arrayBuffer(), blob() or body

    def signature(self, op: Operation) -> str:
        args = self.path_args(op)
        if op.body is not None or op.parent_params or op.params_in("query") or op.params_in("header"):
            args.append("params" if self.params_required(op) else "params?")
        returns = self.return_text(op) or "void"
        return f"client.{self.call_path(op)}({', '.join(args)}) -> {returns}"

    def var_ident(self, snake: str) -> str:
        ident = naming.camel(snake) or "response"
        return ident + "_" if ident in TS_RESERVED or ident == "client" else ident

    def literal(self, node: TypeNode, value: Any) -> str:
        resolved = self.api.resolve(node)
        if is_file(value):
            return "fs.createReadStream('path/to/file')"
        if isinstance(value, str):
            return ts_string(value)
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return repr(value)
        if isinstance(value, list):
            items = getattr(resolved, "items", node)
            return "[" + ", ".join(self.literal(items, v) for v in value) + "]"
        if isinstance(value, dict):
            if not value:
                return "{}"
            parts = []
            for key, item in value.items():
                prop = resolved.get(key) if isinstance(resolved, ObjectType) else None
                item_type = prop.type if prop else getattr(resolved, "values", node)
                parts.append(f"{ts_key(str(key))}: {self.literal(item_type, item)}")
            return "{ " + ", ".join(parts) + " }"
        return ts_string(str(value))

    def example_request(self, op: Operation, call: ExampleCall) -> str:
        args = [self.literal(a.type, a.value) for a in call.subject_args]
        keys = self.sdk.param_keys.get(id(op), {})
        props = [f"{ts_key(keys.get((a.where, a.wire), a.wire))}: {self.literal(a.type, a.value)}"
                 for a in call.named_args]
        body = call.body_value
        if body is not None and self.sdk.body_shapes.get(id(op)) == "field":
            # the SDK takes a body that is not an object as `params.body`, beside other parameters
            props.insert(0, f"body: {self.literal(body.type, body.value)}")
            body = None
        if body is not None:
            args.append(self.literal(body.type, body.value))
        elif props:
            args.append("{ " + ", ".join(props) + " }")
        var = self.result_var(op)
        target = f"client.{self.call_path(op)}"
        uses_fs = any(_has_file(a.value) for a in call.keyword_args) or (
            call.body_value is not None and _has_file(call.body_value.value))
        lines = [f"import {self.client} from {ts_string(self.package)};"]
        if uses_fs:
            lines.append("import fs from 'fs';")
        lines.append("")
        creds = self.example_credentials(call)
        note = self.env_note(creds)
        if note:
            lines.append("// " + sdk_escape.comment_text(note))
        options = [f"{self.sdk.credential_options[c.key]}: {ts_string(credential_placeholder(c.key))}" for c in creds]
        client_line = f"const client = new {self.client}({{ {', '.join(options)} }});" if options else \
            f"const client = new {self.client}();"
        if len(client_line) <= LINE:
            lines.append(client_line)
        else:
            lines += [f"const client = new {self.client}({{"] + [f"  {o}," for o in options] + ["});"]
        lines.append("")
        if op.pagination is not None:
            item = self.var_ident(self._item_var(op))
            resolved = self.api.resolve(op.pagination.item)
            first = None
            if isinstance(resolved, ObjectType) and resolved.required_first:
                first = resolved.required_first[0].name
                first = first if _IDENT.match(first) else None
            lines += ["// Automatically fetches more pages as needed.",
                      f"for await (const {item} of {target}({', '.join(args)})) {{",
                      f"  console.log({item}.{first});" if first else f"  console.log({item});", "}"]
            return "\n".join(lines)
        lead = f"const {var} = await " if var else "await "
        one_line = f"{lead}{target}({', '.join(args)});"
        if len(one_line) <= LINE:
            lines.append(one_line)
        elif props and body is None:
            lines.append(f"{lead}{target}(" + "".join(a + ", " for a in args[:-1]) + "{")
            lines += [f"  {p}," for p in props]
            lines.append("});")
        else:
            lines.append(f"{lead}{target}(")
            lines += [f"  {a}," for a in args]
            lines.append(");")
        if var:
            first = self.first_field(op)
            lines += ["", f"console.log({var}.{first});" if first and _IDENT.match(first)
                      else f"console.log({var});"]
        return "\n".join(lines)

    def _item_var(self, op: Operation) -> str:
        assert op.pagination is not None
        item = op.pagination.item
        name = getattr(item, "name", None)
        if name in self.api.types:
            return naming.snake(self.type_name(name))
        return "item"


def _has_file(value: Any) -> bool:
    if is_file(value):
        return True
    if isinstance(value, list):
        return any(_has_file(v) for v in value)
    if isinstance(value, dict):
        return any(_has_file(v) for v in value.values())
    return False
