"""The notation every docs language shares, and the interface each implements.

A language turns language-neutral :class:`~.model.DocNode` rows into labels in
its notation (``part_ids: Array[String]`` in Ruby, ``PartIDs []string`` in Go),
writes call signatures and example requests.  Naming is deliberately small and
self-contained so that it can later delegate to the SDK targets' symbol
providers (``sdkforge.targets.<lang>.names``).
"""

from __future__ import annotations

from ..common.names import Namer as SharedNamer

import json
from collections.abc import Callable
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from ...config import Config
from ...contract import Credential, contract_of
from ...ir import naming
from ...ir.model import (
    Api,
    ArrayType,
    ConstType,
    EnumType,
    MapType,
    ObjectType,
    Operation,
    PrimitiveType,
    RefType,
    TypeNode,
    UnionType,
)
from .model import DocNode, ExampleCall, return_type

MAX_FULL = 4  # lists up to this long are shown whole
SHOWN = 3  # longer ones: the first three, then "N more"


def json_value(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)``; strings (most enum values) straight through the
    encoder's own string function, which is what dumps calls for them."""
    return encode_basestring(value) if type(value) is str else json.dumps(value, ensure_ascii=False)


def abbreviate(items: list[str], sep: str) -> str:
    if len(items) <= MAX_FULL:
        return sep.join(items)
    return sep.join(items[:SHOWN]) + f"{sep}{len(items) - SHOWN} more"


def abbreviate_values(values: list[Any], show: Callable[[Any], str], sep: str) -> str:
    """``abbreviate([show(v) for v in values], sep)``, formatting only the values shown."""
    if len(values) <= MAX_FULL:
        return sep.join(show(v) for v in values)
    return sep.join(show(v) for v in values[:SHOWN]) + f"{sep}{len(values) - SHOWN} more"


class Namer(SharedNamer):
    """Case-folded clashes count (modules and files must not differ only by case)."""

    def __init__(self, taken: set[str] | None = None):
        super().__init__(taken, fold=True)


def keep_or_pascal(parts: tuple[str, ...]) -> str:
    out = []
    for part in parts:
        if part[:1].isupper() and part.isalnum() and part.isascii():
            out.append(part)  # keep the spec's spelling: FileObject stays FileObject
        else:
            out.append(naming.pascal(part))
    ident = "".join(out) or "Model"
    return f"Model{ident}" if ident[0].isdigit() else ident


_PLACEHOLDER_WORDS = {"api": "API", "id": "ID", "url": "URL", "oauth": "OAuth", "oauth2": "OAuth2"}


def credential_placeholder(key: str) -> str:
    """The value an example gives a credential option: "My API Key", "My Username"."""
    words = [_PLACEHOLDER_WORDS.get(w, w.capitalize()) for w in key.split("_") if w]
    return "My " + " ".join(words or ["Credential"])




class Language:
    key = "lang"
    label = "Lang"
    fence = ""
    root_keyword = "class"  # "class Upload { ... }"
    const_shows_value = True  # the type text of a const already says its value

    def __init__(self, api: Api, config: Config):
        self.api = api
        self.config = config
        self.settings = config.target(self.settings_key)
        # names, environment variables, auth and the base URL are the wire contract's (docs/WIRE.md)
        self.contract = contract_of(api, config)
        self.base_url = self.contract.base_url  # None: the clients must be given one
        self._type_names: dict[str, str] = {}
        self._summaries: dict[str, str] = {}  # summary() per model (rows show the same models often)
        namer = Namer(self.reserved_type_names())
        for name, named in api.types.items():
            self._type_names[name] = namer.claim(self.type_ident(named.name_parts or (name,)))

    settings_key = "lang"

    # ---------------------------------------------------------------- naming
    def reserved_type_names(self) -> set[str]:
        return set()

    def type_ident(self, parts: tuple[str, ...]) -> str:
        return keep_or_pascal(parts)

    def type_name(self, name: str) -> str:
        known = self._type_names.get(name)
        return known if known is not None else keep_or_pascal((name,))

    def field(self, wire: str, where: str) -> str:
        """The name a user writes for a property / parameter."""
        return wire

    def resource_chain(self, op: Operation) -> list[str]:
        return [naming.snake(part) for part in op.resource]

    def method_name(self, op: Operation) -> str:
        return naming.snake(op.name)

    def call_path(self, op: Operation) -> str:
        """``uploads.parts.create``: how a method is reached from the client."""
        return ".".join(self.resource_chain(op) + [self.method_name(op)])

    def alias_names(self, op: Operation) -> list[str]:
        """The SDK's names of the operation's aliases (the config's layout), in its resource."""
        return [naming.snake(alias) for alias in op.aliases]

    def alias_paths(self, op: Operation) -> list[str]:
        """``uploads.parts.add``: how each alias is reached from the client."""
        base = self.call_path(op).rpartition(".")[0]
        return [f"{base}.{name}" if base else name for name in self.alias_names(op)]

    def resource_title(self, path: tuple[str, ...]) -> str:
        return naming.pascal(path[-1]) if path else "Client"

    # ---------------------------------------------------------------- types
    def primitive(self, node: PrimitiveType, where: str) -> str:
        raise NotImplementedError

    def enum_value(self, value: Any) -> str:
        return json_value(value)

    def enum_text(self, values: list[Any]) -> str:
        return abbreviate_values(values, self.enum_value, " | ")

    def const_text(self, node: ConstType) -> str:
        return self.enum_value(node.value)

    def array_text(self, inner: str) -> str:
        raise NotImplementedError

    def map_text(self, inner: str) -> str:
        raise NotImplementedError

    def union_text(self, parts: list[str], node: UnionType, owner: tuple[str, ...], key: str | None) -> str:
        return " | ".join(dict.fromkeys(parts))

    def nullable_text(self, text: str) -> str:
        return text

    def any_text(self) -> str:
        return "unknown"

    def inline_enum_name(self, owner: tuple[str, ...], key: str | None) -> str | None:
        """Languages that name inline enums (Go) return the name here."""
        return None

    def summary(self, name: str) -> str:
        """``Upload { id, bytes, created_at, 6 more }``: a model and its first properties."""
        target = self.api.types[name].type if name in self.api.types else None
        shown = self.type_name(name)
        if isinstance(target, ObjectType):
            props = target.required_first  # (names only for the properties shown)
            fields = abbreviate_values(props, lambda p: self.field(p.name, "prop"), ", ")
            return f"{shown} {{ {fields} }}" if props else shown
        return shown

    def summary_of(self, name: str) -> str:
        """:meth:`summary`, computed once per model."""
        text = self._summaries.get(name)
        if text is None:
            text = self._summaries[name] = self.summary(name)
        return text

    def type_text(self, node: TypeNode, where: str, owner: tuple[str, ...] = (), key: str | None = None,
                  braces: bool = True, depth: int = 0) -> str:
        """``node`` in this language's notation; named objects abbreviated when ``braces``."""
        if depth > 8:
            return self.any_text()
        text = self._type_text(node, where, owner, key, braces, depth)
        if node.nullable and not isinstance(node, RefType) or isinstance(node, RefType) and node.nullable:
            text = self.nullable_text(text)
        return text

    def _type_text(self, node: TypeNode, where: str, owner: tuple[str, ...], key: str | None, braces: bool,
                   depth: int) -> str:
        if isinstance(node, RefType):
            if node.name not in self.api.types:
                return self.any_text()
            target = self.api.types[node.name].type
            if isinstance(target, ObjectType):
                return self.summary_of(node.name) if braces else self.type_name(node.name)
            if isinstance(target, (ArrayType, MapType, PrimitiveType)) and not self.names_aliases():
                return self.type_text(target, where, owner, key, braces, depth + 1)
            return self.type_name(node.name)
        if isinstance(node, PrimitiveType):
            if node.primitive == "any":
                return self.any_text()
            return self.primitive(node, where)
        if isinstance(node, EnumType):
            named = self.inline_enum_name(owner, key)
            return named if named else self.enum_text(node.values)
        if isinstance(node, ConstType):
            return self.const_text(node)
        if isinstance(node, ArrayType):
            return self.array_text(self.type_text(node.items, where, owner, key, braces, depth + 1))
        if isinstance(node, MapType):
            return self.map_text(self.type_text(node.values, where, owner, key, braces, depth + 1))
        if isinstance(node, UnionType):
            parts = [self.type_text(v, where, owner, key, False, depth + 1) for v in node.variants]
            return self.union_text(parts, node, owner, key)
        if isinstance(node, ObjectType):
            return self.map_text(self.any_text())
        return self.any_text()

    def names_aliases(self) -> bool:
        """Whether a named array/map/primitive keeps its name (a type alias) or shows its structure."""
        return False

    # ---------------------------------------------------------------- rows
    def row_label(self, row: DocNode) -> str:
        """The code line of one row: ``part_ids: Array[String]``."""
        if row.where == "root":
            return self.root_label(row)
        text = self.type_text(row.type, self._type_position(row), row.owner, row.key)
        if row.key is None:
            return text
        return self.field_label(self.field(row.key, row.where), text, row)

    def _type_position(self, row: DocNode) -> str:
        return "param" if row.where in ("path", "query", "header", "body") else "model"

    def field_label(self, name: str, text: str, row: DocNode) -> str:
        return f"{name}: {text}"

    def root_label(self, row: DocNode) -> str:
        node = row.type
        if isinstance(node, RefType) and node.name in self.api.types:
            target = self.api.types[node.name].type
            if isinstance(target, ObjectType):
                return f"{self.root_keyword} {self.summary_of(node.name)}"
            return self.alias_label(self.type_name(node.name),
                                    self.type_text(target, "model", self._owner(node.name), None))
        return self.type_text(node, "model")

    def alias_label(self, name: str, text: str) -> str:
        return f"{name} = {text}"

    def _owner(self, name: str) -> tuple[str, ...]:
        named = self.api.types.get(name)
        return (named.name_parts or (name,)) if named else (name,)

    def value_label(self, value: Any) -> str:
        """One of "Accepts one of the following:"."""
        return self.enum_value(value)

    def const_note(self, row: DocNode) -> str | None:
        if self.const_shows_value:
            return None
        node = self.api.resolve(row.type)
        if isinstance(node, ConstType) and not self.const_shows_value:
            return json.dumps(node.value, ensure_ascii=False)
        return None

    # ---------------------------------------------------------------- signatures
    def return_text(self, op: Operation, braces: bool = True) -> str | None:
        """The return type in this language; None when the method returns nothing.  The contract
        decides: bytes are the binary class, and only an operation that always streams returns a
        stream (with a `stream` flag, the plain method returns the other kind)."""
        wire = contract_of(self.api).of(op)
        if op.pagination is None and wire.response == "binary":
            return self.binary_return()
        node = return_type(op)
        if node is None:
            body = op.success_body
            if body is not None and not body.is_json:
                return self.binary_return()
            return None
        text = self.type_text(node, "model", braces=braces)
        if op.pagination is not None:
            return self.page_text(op.pagination.scheme, text)
        if op.streams and (wire.always_streams or wire.stream_flag is None and wire.response != "json"):
            return self.stream_text(text)
        return text

    def binary_return(self) -> str:
        return "bytes"

    def page_text(self, scheme: str, item: str) -> str:
        return f"{scheme}<{item}>"

    def stream_text(self, item: str) -> str:
        return f"Stream<{item}>"

    def signature(self, op: Operation) -> str:
        raise NotImplementedError

    def has_kwargs(self, op: Operation) -> bool:
        return bool(op.body is not None or op.parent_params or op.params_in("query") or op.params_in("cookie") or [
            p for p in op.params_in("header") if p.name.lower() not in ("authorization", "content-type", "accept")])

    # ---------------------------------------------------------------- examples
    def result_var(self, op: Operation) -> str | None:
        if op.pagination is not None:
            return "page"
        node = return_type(op)
        if node is None:
            return None if op.success_body is None or op.success_body.is_json else "response"
        inner = node
        if isinstance(inner, RefType) and inner.name in self.api.types:
            return self.var_ident(naming.snake(self.type_name(inner.name)))
        return "response"

    def var_ident(self, snake: str) -> str:
        return snake or "response"

    def first_field(self, op: Operation) -> str | None:
        """The first required property of the returned model (what the example prints)."""
        node = return_type(op)
        if node is None or op.pagination is not None:
            return None
        resolved = self.api.resolve(node)
        if isinstance(resolved, ObjectType) and resolved.required_first:
            prop = resolved.required_first[0]
            return self.field(prop.name, "prop")
        return None

    def example_request(self, op: Operation, call: ExampleCall) -> str:
        raise NotImplementedError

    def example_credentials(self, call: ExampleCall) -> list[Credential]:
        """The credentials an example's client is given: those of the operation's first security
        alternative (none when the operation needs none), each once."""
        out: list[Credential] = []
        for name in call.security:
            scheme = self.contract.scheme(name)
            for cred in scheme.credentials if scheme is not None else ():
                if cred not in out:
                    out.append(cred)
        return out

    def env_note(self, creds: list[Credential]) -> str | None:
        """The text of the comment above an example's client: the environment variables it reads
        when the options are not given (raw: each language writes it through its comment escaper)."""
        envs = [c.env for c in creds] + ([] if self.base_url else [self.contract.names.env_base_url])
        if not envs:
            return None
        listed = envs[0] if len(envs) == 1 else ", ".join(envs[:-1]) + " and " + envs[-1]
        return f"Reads {listed} from the environment when not given."

    def example_title(self) -> str:
        return self.label
