"""Go notation for the docs (``client.Uploads.Complete(ctx, uploadID, body)``,
PascalCase fields with initialisms, named types for inline enums)."""

from __future__ import annotations

import json
import re
from typing import Any

from ...diagnostics import Diagnostics
from ...ir import naming
from ...ir.model import (
    ArrayType,
    MapType,
    ObjectType,
    Operation,
    PrimitiveType,
    RefType,
    TypeNode,
    UnionType,
)
from ..go import escape as sdk_escape
from ..go import names as sdk_names
from ..go.types import Decl, FieldView
from ..go.views import Builder, MethodView, ServiceView
from ..go.plan import path_text
from .lang import Language, abbreviate_values, credential_placeholder, json_value
from .model import DocNode, ExampleCall, is_file

_GO_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PTR_HELPERS = {"string": "String", "int64": "Int", "float64": "Float", "bool": "Bool"}
_FILE_NODE = PrimitiveType(primitive="string", format="binary")  # what a file sample is written as

VERBS = {"create": "New", "retrieve": "Get", "update": "Update", "list": "List", "delete": "Delete"}
# Go's reserved words and initialisms are the Go target's (generator/targets/go/names.py)
go_word = sdk_names.word_case


def go_words(raw: str) -> list[str]:
    """Words of ``raw``, with digit-suffixed initialisms joined again (md5, utf8)."""
    return sdk_names.merge_initialisms(naming.words(raw))


def go_pascal(raw: str) -> str:
    ident = "".join(go_word(w) for w in go_words(raw)) or "Value"
    return "V" + ident if ident[0].isdigit() else ident


def go_camel(raw: str) -> str:
    words = go_words(raw) or ["value"]
    ident = words[0] + "".join(go_word(w) for w in words[1:])
    if ident[0].isdigit():
        ident = "v" + ident
    return ident + "_" if ident in sdk_names.KEYWORDS else ident


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
        # the Go SDK target's own symbol provider names everything shown here
        # (its warnings are the SDK target's to report, not the docs')
        self.sdk = Builder(api, config, Diagnostics())
        self.sdk.build(names_only=True)
        super().__init__(api, config)
        self.package = self.sdk.package_name()
        self.module = self.sdk.module_path()
        self._chains: dict[int, tuple[list[str], MethodView]] = {}
        services = self.sdk.services
        for field, service in zip(sdk_names.client_fields([s.resource.name for s in services]), services):
            self._walk(service, [field])
        self._structs: dict[str, Decl] = {d.name: d for d in self.sdk._all_decls() if d.kind == "struct"}
        self._by_parts = {(named.name_parts or (name,)): name for name, named in api.types.items()}
        self._decl_names = {d.name for d in self.sdk._all_decls() if d.name}

    def _walk(self, service: ServiceView, chain: list[str]) -> None:
        for method in service.methods:
            if method.operation is not None:
                self._chains[id(method.operation)] = (chain, method)
        for field, child in service.children:
            self._walk(child, chain + [field])

    def type_ident(self, parts: tuple[str, ...]) -> str:
        return go_type_ident(parts)

    def type_name(self, name: str) -> str:
        decl = self.sdk.mapper.decls.get(name)
        return decl.name if decl is not None else super().type_name(name)

    def field(self, wire: str, where: str) -> str:
        return go_camel(wire) if where == "path" else sdk_names.exported(wire, "Field")

    def method(self, op: Operation) -> MethodView:
        return self._chains[id(op)][1]

    def call_path(self, op: Operation) -> str:
        chain, method = self._chains[id(op)]
        return ".".join(chain + [method.name])

    def alias_names(self, op: Operation) -> list[str]:
        return list(self.method(op).aliases)

    def resource_title(self, path: tuple[str, ...]) -> str:
        return go_pascal(path[-1]) if path else "Client"

    def params_type(self, op: Operation) -> str:
        return self.method(op).params or ""

    # ---- fields as the SDK declares them
    def struct_field(self, row: DocNode) -> FieldView | None:
        """The Go struct field a parameter or property row documents."""
        if row.key is None:
            return None
        if row.where in ("body", "query", "header") and row.op is not None:
            params = self.sdk.params.get(id(row.op))
            if params is None:
                return None
            location = row.where
            for f in params.decl.fields:
                if f.location == location and f.wire == row.key:
                    return f
            if row.where == "body":  # a whole non-object body
                return next((f for f in params.decl.fields if f.location == "value"), None)
            return None
        if row.where == "prop" and row.owner in self._by_parts:
            decl = self.sdk.mapper.decls.get(self._by_parts[row.owner])
            if decl is not None and decl.kind == "struct":
                return next((f for f in decl.fields if f.wire == row.key), None)
        return None

    def summary(self, name: str) -> str:
        target = self.api.types[name].type if name in self.api.types else None
        shown = self.type_name(name)
        decl = self._structs.get(shown)
        if isinstance(target, ObjectType) and decl is not None:
            by_wire = {f.wire: f.name for f in decl.fields}
            props = target.required_first  # (names only for the properties shown)
            fields = abbreviate_values(props, lambda p: by_wire.get(p.name) or self.field(p.name, "prop"), ", ")
            return f"{shown} {{ {fields} }}" if props else shown
        return super().summary(name)

    def row_label(self, row: DocNode) -> str:
        if row.where == "path" and row.op is not None and row.op.path_params and id(row.op) in self._chains:
            wires = [p.name for p in row.op.path_params]
            args = self.method(row.op).args
            if row.key in wires and len(args) == len(wires):
                arg = args[wires.index(row.key)]
                return f"{arg.name} {arg.type}"
        f = self.struct_field(row)
        if f is not None:
            return f"{f.name} {f.type_expr}"
        return super().row_label(row)

    def primitive(self, node: PrimitiveType, where: str) -> str:
        if node.is_binary and where == "param":
            return "io.Reader"
        return {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}.get(
            node.primitive, "any")

    def enum_value(self, value: Any) -> str:
        return json_value(value)

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
        page = self.sdk.pages.get(scheme)
        return f"{page.name if page is not None else scheme}[{item}]"

    def stream_text(self, item: str) -> str:
        return f"ssestream.Stream[{item}]"

    def binary_return(self) -> str:
        return "http.Response"

    def signature(self, op: Operation) -> str:
        m = self.method(op)
        args = ["ctx"] + [a.name for a in m.args] + (["params"] if m.params else [])
        return f"client.{self.call_path(op)}({', '.join(args)}) {self.result_text(m)}"

    @staticmethod
    def result_text(m: MethodView) -> str:
        return m.result_text

    # examples
    def var_ident(self, snake: str) -> str:
        ident = go_camel(snake or "response")
        return ident + "_" if ident in ("client", "err", "ctx") else ident

    def qualify(self, expr: str) -> str:
        """A Go type expression of the SDK package as written outside it (``[]openai.FileObject``)."""
        return _GO_IDENT.sub(lambda m: f"{self.package}.{m.group(0)}" if m.group(0) in self._decl_names
                             else m.group(0), expr)

    def _decl_of(self, node: TypeNode) -> Decl | None:
        if isinstance(node, RefType):
            return self.sdk.mapper.decls.get(node.name)
        return self.sdk.mapper._hoisted.get(id(node))

    def field_value(self, f: FieldView, node: TypeNode, value: Any, imports: set[str], indent: str) -> str:
        expr = self.literal(f.node or node, value, f.type.expr, imports, indent)
        if not f.pointer:
            return expr
        if f.type.expr in _PTR_HELPERS:
            return f"{self.package}.{_PTR_HELPERS[f.type.expr]}({expr})"
        if expr.startswith(self.qualify(f.type.expr) + "{"):
            return "&" + expr
        return f"{self.package}.Ptr({expr})"

    def struct_literal(self, decl: Decl, node: TypeNode, value: dict[str, Any], imports: set[str],
                       indent: str) -> str:
        resolved = self.api.resolve(node)
        fields = []
        for key, item in value.items():
            f = next((f for f in decl.fields if f.wire == key and f.location == "body"), None)
            if f is None or f.const is not None:
                continue  # constant properties are sent by the SDK itself
            prop = resolved.get(key) if isinstance(resolved, ObjectType) else None
            fields.append((f.name, self.field_value(f, prop.type if prop else node, item, imports, indent + "\t")))
        return f"{self.package}.{decl.name}{self.struct_body(fields, indent)}"

    def literal(self, node: TypeNode, value: Any, go_expr: str, imports: set[str], indent: str,
                seen: frozenset[str] = frozenset()) -> str:
        """``value`` as a Go expression of the SDK's type ``go_expr`` (unqualified) for ``node``.
        ``seen``: the named types entered for this same value (a union or alias that comes back to
        itself, U = oneOf [U, ...], is written structurally instead of entered again)."""
        union = self._decl_of(node) if is_file(value) else None
        if union is not None and union.kind == "union":
            # a file where a union of files goes: the SDK's file variant holds it
            held = next((v for v in union.variants if v.held and v.type == "io.Reader"), None)
            if held is not None:
                return f"{self.package}.{held.constructor}({self.literal(_FILE_NODE, value, 'io.Reader', imports, indent)})"
        if is_file(value):
            if go_expr == "string":  # (an SDK that takes binary content as a string)
                return sdk_escape.string_literal(value.content.decode("utf-8", "replace"))
            imports.add("bytes")  # binary bodies and file fields are io.Readers
            return f"bytes.NewReader([]byte({sdk_escape.string_literal(value.content.decode('utf-8', 'replace'))}))"
        decl = self._decl_of(node)
        if decl is not None and isinstance(node, RefType):
            if node.name in seen:
                decl = None
            else:
                seen = seen | {node.name}
        if decl is not None:
            target = self.api.types[node.name].type if isinstance(node, RefType) and node.name in self.api.types \
                else node
            if decl.kind == "struct" and isinstance(value, dict):
                return self.struct_literal(decl, node, value, imports, indent)
            if decl.kind == "enum":
                wanted = self._scalar(value, decl.base)
                for const_name, literal, _doc in decl.consts:
                    if literal == wanted:
                        return f"{self.package}.{const_name}"
                return f"{self.package}.{decl.name}({wanted})"
            if decl.kind == "union" and isinstance(target, UnionType) and decl.variants:
                variants = [v for v in target.variants if not self._is_null(v)]
                if variants and len(variants) == len(decl.variants):
                    variant = decl.variants[0]
                    inner = self.literal(variants[0], value, variant.type, imports, indent, seen)
                    return f"{self.package}.{variant.constructor}({inner})"
            if decl.kind in ("alias", "defined") and target is not node:
                return self.literal(target, value, decl.name if decl.kind == "defined" else decl.base, imports,
                                    indent, seen)
        resolved = self.api.resolve(node)
        if value is None:
            return "nil"
        if isinstance(value, list):
            items = resolved.items if isinstance(resolved, ArrayType) else node
            item_expr = go_expr[2:] if go_expr.startswith("[]") else "any"
            inner = ", ".join(self.literal(items, v, item_expr, imports, indent) for v in value)
            return f"{self.qualify(go_expr)}{{{inner}}}"
        if isinstance(value, dict):
            values = resolved.values if isinstance(resolved, MapType) else node
            value_expr = go_expr[len("map[string]"):] if go_expr.startswith("map[string]") else "any"
            inner = ", ".join(f"{go_string(k)}: {self.literal(values, v, value_expr, imports, indent)}"
                              for k, v in value.items())
            head = self.qualify(go_expr) if go_expr.startswith("map[") else "map[string]any"
            return f"{head}{{{inner}}}"
        return self._scalar(value, go_expr)

    def _is_null(self, node: TypeNode) -> bool:
        resolved = self.api.resolve(node)
        return isinstance(resolved, PrimitiveType) and resolved.primitive == "null"

    @staticmethod
    def _scalar(value: Any, go_expr: str) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            if go_expr == "float64":
                return sdk_escape.number_literal(float(value))
            return sdk_escape.number_literal(value)
        return sdk_escape.string_literal(str(value))

    @staticmethod
    def struct_body(fields: list[tuple[str, str]], indent: str) -> str:
        """``{`` fields ``}`` laid out as gofmt does: one per line; the values of each run of
        consecutive single-line fields aligned (a multi-line value ends the run)."""
        if not fields:
            return "{}"
        widths: list[int] = []
        run: list[int] = []
        for index, (name, value) in enumerate(fields):
            if "\n" in value:
                widths += [max(run)] * len(run) if run else []
                widths.append(len(name))
                run = []
            else:
                run.append(len(name))
        widths += [max(run)] * len(run) if run else []
        lines = ["{"]
        for (name, value), width in zip(fields, widths):
            lines.append(f"{indent}\t{name}: {' ' * (width - len(name))}{value},")
        lines.append(f"{indent}}}")
        return "\n".join(lines)

    def example_request(self, op: Operation, call: ExampleCall) -> str:
        m = self.method(op)
        imports: set[str] = {"context"}
        args = ["context.TODO()"]
        for arg, path_arg in zip(call.path, m.args):
            text = path_text(arg.value, path_arg)
            args.append(text if text is not None else self.literal(arg.type, arg.value, path_arg.type, imports, "\t\t"))
        if m.params:
            decl = self.sdk.params[id(op)].decl
            fields = []
            for a in call.keyword_args:
                f = next((f for f in decl.fields if f.wire == a.wire and f.location == a.where), None)
                if f is not None and f.const is None:
                    fields.append((f.name, self.field_value(f, a.type, a.value, imports, "\t\t\t")))
            if call.body_value is not None:
                f = next((f for f in decl.fields if f.location == "value"), None)
                if f is not None:
                    fields.append((f.name, self.field_value(f, call.body_value.type, call.body_value.value,
                                                            imports, "\t\t\t")))
            args.append(f"{self.package}.{m.params}{self.struct_body(fields, chr(9) * 2)}")
        var = self.result_var(op)
        if m.kind == "none":
            var = None
        elif m.kind == "raw":
            var = "response"
        creds = self.example_credentials(call)
        option_of = {c.key: c.option for c in self.sdk.credentials}
        options = [f"\t\toption.{option_of[c.key]}({sdk_escape.string_literal(credential_placeholder(c.key))}),"
                   for c in creds]
        note = self.env_note(creds)
        body = [f"\t// {sdk_escape.comment_text(note)}"] if note else []
        if options:
            body += [f"\tclient := {self.package}.NewClient("] + options + ["\t)"]
        else:
            body.append(f"\tclient := {self.package}.NewClient()")
        call_lines = [f"\t\t{a}," for a in args] + ["\t)"]
        imports.add("fmt")
        if m.kind == "stream":
            body += [f"\tstream := client.{self.call_path(op)}("] + call_lines
            body += ["\tfor stream.Next() {", '\t\tfmt.Printf("%+v\\n", stream.Current())', "\t}",
                     "\tif err := stream.Err(); err != nil {", "\t\tpanic(err.Error())", "\t}"]
        else:
            lead = f"{var}, err := " if var else "err := "
            body += [f"\t{lead}client.{self.call_path(op)}("] + call_lines
            body += ["\tif err != nil {", "\t\tpanic(err.Error())", "\t}"]
            if m.kind == "raw":
                body += ["\tdefer response.Body.Close()", '\tfmt.Printf("%+v\\n", response.Status)']
            elif m.kind == "page":
                body.append(f'\tfmt.Printf("%+v\\n", {var}.{self.page_items(m)})')
            elif var:
                first = self.first_go_field(op, m)
                body.append(f'\tfmt.Printf("%+v\\n", {var}.{first})' if first else f'\tfmt.Printf("%+v\\n", {var})')
            else:
                body.append('\tfmt.Println("done")')
        std = sorted(imports)
        lines = ["package main", "", "import ("]
        lines += [f'\t"{name}"' for name in std]
        lines += ["", f"\t{go_string(self.module)}"] + ([f"\t{go_string(self.module + '/option')}"] if options else [])
        lines += [")", "",
                  "func main() {"] + body + ["}"]
        return "\n".join(lines)

    @staticmethod
    def page_items(m: MethodView) -> str:
        return m.page.items.name if m.page is not None else "Data"

    def first_go_field(self, op: Operation, m: MethodView) -> str | None:
        """The result struct's field for the first required property (what the example prints)."""
        node = self.api.resolve(op.success_body.type) if op.success_body is not None else None
        decl = self._structs.get(m.result)
        if not isinstance(node, ObjectType) or not node.required_first or decl is None:
            return None
        wire = node.required_first[0].name
        return next((f.name for f in decl.fields if f.wire == wire), None)
