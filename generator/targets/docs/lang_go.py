"""Go notation for the docs (``client.Uploads.Complete(ctx, uploadID, body)``,
PascalCase fields with initialisms, named types for inline enums)."""

from __future__ import annotations

import json
from typing import Any

from ...ir import naming
from ...ir.model import ArrayType, MapType, ObjectType, Operation, PrimitiveType, RefType, TypeNode, UnionType
from .lang import Language
from .model import FILE, DocNode, ExampleCall

GO_KEYWORDS = frozenset(
    ["break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var"]
)
INITIALISMS = frozenset(
    ["acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ids", "ip", "json", "lhs", "md5", "qps", "ram", "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl", "udp", "ui", "uid", "uuid", "uri", "url", "urls", "utf8", "vm", "xml", "xmpp", "xsrf", "xss"]
)
VERBS = {"create": "New", "retrieve": "Get", "update": "Update", "list": "List", "delete": "Delete"}


def go_word(word: str) -> str:
    if word in INITIALISMS:
        return "IDs" if word == "ids" else "URLs" if word == "urls" else word.upper()
    return word[:1].upper() + word[1:]


def go_words(raw: str) -> list[str]:
    """Words of ``raw``, with digit-suffixed initialisms joined again (md5, utf8)."""
    words = naming.words(raw)
    out: list[str] = []
    for word in words:
        if out and word.isdigit() and out[-1] + word in INITIALISMS:
            out[-1] += word
        else:
            out.append(word)
    return out


def go_pascal(raw: str) -> str:
    ident = "".join(go_word(w) for w in go_words(raw)) or "Value"
    return "V" + ident if ident[0].isdigit() else ident


def go_camel(raw: str) -> str:
    words = go_words(raw) or ["value"]
    ident = words[0] + "".join(go_word(w) for w in words[1:])
    if ident[0].isdigit():
        ident = "v" + ident
    return ident + "_" if ident in GO_KEYWORDS else ident


def go_type_ident(parts: tuple[str, ...]) -> str:
    out = []
    for part in parts:
        if part[:1].isupper() and part.isalnum() and part.isascii():
            out.append(part)
        else:
            out.append(go_pascal(part))
    ident = "".join(out) or "Model"
    return "Model" + ident if ident[0].isdigit() else ident


def go_string(value: Any) -> str:
    text = json.dumps(str(value), ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class Go(Language):
    key = "go"
    label = "Go"
    fence = "go"
    settings_key = "go"
    const_shows_value = False

    def __init__(self, api, config):  # type: ignore[no-untyped-def]
        super().__init__(api, config)
        default_pkg = naming.snake(api.title).replace("_", "") or "client"
        self.package = str(self.settings.get("package") or default_pkg)
        self.module = str(self.settings.get("module") or f"example.com/{self.package}")

    def reserved_type_names(self) -> set[str]:
        return {"Client", "Error", "NewClient"}

    def type_ident(self, parts: tuple[str, ...]) -> str:
        return go_type_ident(parts)

    def field(self, wire: str, where: str) -> str:
        return go_camel(wire) if where == "path" else go_pascal(wire)

    def resource_chain(self, op: Operation) -> list[str]:
        return [go_pascal(part) for part in op.resource]

    def method_name(self, op: Operation) -> str:
        return VERBS.get(op.name, go_pascal(op.name))

    def resource_title(self, path: tuple[str, ...]) -> str:
        return go_pascal(path[-1]) if path else "Client"

    def params_type(self, op: Operation) -> str:
        return "".join(go_pascal(naming.singular(p)) for p in op.resource) + self.method_name(op) + "Params"

    def primitive(self, node: PrimitiveType, where: str) -> str:
        if node.is_binary and where == "param":
            return "io.Reader"
        return {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}.get(
            node.primitive, "any")

    def enum_value(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def const_text(self, node) -> str:  # type: ignore[no-untyped-def]
        return {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}.get(
            node.primitive, "any")

    def inline_enum_name(self, owner: tuple[str, ...], key: str | None) -> str | None:
        if not owner:
            return "string"
        return go_type_ident(owner) + (go_pascal(key) if key else "")

    def union_text(self, parts: list[str], node: UnionType, owner: tuple[str, ...], key: str | None) -> str:
        unique = list(dict.fromkeys(parts))
        if len(unique) == 1:
            return unique[0]
        return go_type_ident(owner) + (go_pascal(key) if key else "") + "Union" if owner else "any"

    def array_text(self, inner: str) -> str:
        return f"[]{inner}"

    def map_text(self, inner: str) -> str:
        return f"map[string]{inner}"

    def any_text(self) -> str:
        return "any"

    def summary(self, name: str) -> str:
        return super().summary(name)

    def field_label(self, name: str, text: str, row: DocNode) -> str:
        return f"{name} {text}"

    def root_label(self, row: DocNode) -> str:
        node = row.type
        if isinstance(node, RefType) and node.name in self.api.types:
            target = self.api.types[node.name].type
            name = self.type_name(node.name)
            if isinstance(target, ObjectType):
                summary = self.summary(node.name)
                return f"type {name} struct" + summary[len(name):]
            text = self.type_text(target, "model", self._owner(node.name), None)
            if text == name:  # a named enum: its underlying type
                text = self.const_text(target) if hasattr(target, "primitive") else "any"
            if isinstance(target, UnionType):
                return f"type {name} interface"
            return f"type {name} {text}"
        return self.type_text(node, "model")

    def page_text(self, scheme: str, item: str) -> str:
        return f"pagination.{scheme}[{item}]"

    def stream_text(self, item: str) -> str:
        return f"ssestream.Stream[{item}]"

    def binary_return(self) -> str:
        return "http.Response"

    def signature(self, op: Operation) -> str:
        args = ["ctx"] + [go_camel(p.name) for p in op.path_params]
        if op.body is not None:
            args.append("params" if op.params_in("query") else "body")
        elif op.params_in("query"):
            args.append("query")
        returns = self.return_text(op, braces=False)
        result = f"(*{returns}, error)" if returns else "error"
        return f"client.{self.call_path(op)}({', '.join(args)}) {result}"

    # examples
    def var_ident(self, snake: str) -> str:
        ident = go_camel(snake or "response")
        return ident + "_" if ident in ("client", "err", "ctx") else ident

    def go_type(self, node: TypeNode) -> str:
        return self.type_text(node, "param", braces=False)

    def literal(self, node: TypeNode, value: Any, imports: set[str], indent: str) -> str:
        resolved = self.api.resolve(node)
        if value is FILE:
            imports.add("bytes")
            return 'bytes.NewReader([]byte("raw file contents"))'
        if isinstance(value, str):
            return go_string(value)
        if value is None:
            return "nil"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return repr(value)
        if isinstance(value, list):
            items = resolved.items if isinstance(resolved, ArrayType) else node
            inner = ", ".join(self.literal(items, v, imports, indent) for v in value)
            return f"[]{self.go_type(items)}{{{inner}}}"
        if isinstance(value, dict):
            if isinstance(resolved, ObjectType) and isinstance(node, RefType):
                fields = []
                for key, item in value.items():
                    prop = resolved.get(key)
                    fields.append((go_pascal(key), self.literal(prop.type if prop else node, item, imports,
                                                                indent + "\t")))
                return f"{self.package}.{self.type_name(node.name)}{self.struct_body(fields, indent)}"
            values = resolved.values if isinstance(resolved, MapType) else node
            inner = ", ".join(f"{go_string(k)}: {self.literal(values, v, imports, indent)}" for k, v in value.items())
            return f"map[string]{self.go_type(values)}{{{inner}}}"
        return go_string(str(value))

    @staticmethod
    def struct_body(fields: list[tuple[str, str]], indent: str) -> str:
        """``{`` fields ``}`` laid out as gofmt does: one per line, values aligned."""
        if not fields:
            return "{}"
        lines = ["{"]
        # gofmt aligns the values of consecutive single-line key/value pairs
        width = max(len(name) for name, value in fields if "\n" not in value) if any(
            "\n" not in v for _, v in fields) else 0
        for name, value in fields:
            pad = " " * (width - len(name)) if "\n" not in value else ""
            lines.append(f"{indent}\t{name}: {pad}{value},")
        lines.append(f"{indent}}}")
        return "\n".join(lines)

    def example_request(self, op: Operation, call: ExampleCall) -> str:
        imports: set[str] = {"context"}
        args = ["context.TODO()"] + [self.literal(a.type, a.value, imports, "\t\t") for a in call.path]
        fields = [(go_pascal(a.wire), self.literal(a.type, a.value, imports, "\t\t\t")) for a in call.keyword_args]
        if call.body_value is not None:
            fields.append(("Body", self.literal(call.body_value.type, call.body_value.value, imports, "\t\t\t")))
        if op.body is not None or op.params_in("query"):
            args.append(f"{self.package}.{self.params_type(op)}{self.struct_body(fields, chr(9) * 2)}")
        var = self.result_var(op)
        if var:
            imports.add("fmt")
        lead = f"{var}, err := " if var else "err := "
        body = [f"\tclient := {self.package}.NewClient(", '\t\toption.WithAPIKey("My API Key"),', "\t)",
                f"\t{lead}client.{self.call_path(op)}("]
        body += [f"\t\t{a}," for a in args]
        body += ["\t)", "\tif err != nil {", "\t\tpanic(err.Error())", "\t}"]
        if var:
            first = self.first_field(op)
            body.append(f'\tfmt.Printf("%+v\\n", {var}.{first})' if first else f'\tfmt.Printf("%+v\\n", {var})')
        std = sorted(imports)
        lines = ["package main", "", "import ("]
        lines += [f'\t"{name}"' for name in std]
        lines += ["", f"\t{go_string(self.module)}", f"\t{go_string(self.module + '/option')}", ")", "",
                  "func main() {"] + body + ["}"]
        return "\n".join(lines)
