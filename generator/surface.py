"""The API surface of a generated SDK: every public name its users can touch, per language.

A target builds its surface from the views it renders (``targets/<lang>/surface.py``), so the
surface is what the SDK really declares: the client, every method with its parameters (position,
name, type as the language spells it, required), every declared type with its fields or enum
members, and which of them are deprecated.  Each entry keeps where it comes from in the spec
(``file:line:col``) and a language-neutral origin (the operation or the schema), so a rename can be
told from a removal.

The surface is plain data: it is stored as JSON beside the generated output
(``.sdkforge/surface.json``) and compared by :mod:`generator.apidiff`.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from .diagnostics import Diagnostics, Location
from .ir.model import Api, Operation, RefType, TypeNode

if TYPE_CHECKING:
    from .config import Config

SURFACE_FORMAT = 2


@dataclass
class Param:
    """A method parameter, or a field of a declared type."""

    name: str
    type: str  # as the language spells it, without the mark of an optional parameter
    required: bool
    position: int | None = None  # positional parameters: their index; named ones: None
    deprecated: bool = False
    wire: str = ""  # the spec's name, language-neutral


@dataclass
class Method:
    path: str  # dotted, in the language's own names: "uploads.parts.create"
    origin: str  # the operation: "POST /uploads/{upload_id}/parts"
    params: list[Param] = field(default_factory=list)
    returns: str = ""
    deprecated: bool = False
    where: str = ""  # file:line:col of the operation in the spec


@dataclass
class TypeDecl:
    name: str  # as users import or name it
    kind: str  # object | enum | alias
    role: str  # output (seen in responses), input (only sent), both
    origin: str = ""  # the schema (IR name) or the operation whose parameters it holds
    fields: list[Param] = field(default_factory=list)
    values: list[str] = field(default_factory=list)  # enum members, as JSON text of the wire value
    alias: str = ""  # what an alias stands for
    deprecated: bool = False
    where: str = ""
    # callers pass plain dicts in its shape and never name it (Python's TypedDicts): only its keys
    # matter, compared by origin
    structural: bool = False


@dataclass
class Surface:
    language: str
    client: str = ""
    package: str = ""
    options: list[str] = field(default_factory=list)  # the client's credential options
    env: list[str] = field(default_factory=list)  # the environment variables it reads
    version: str = ""
    methods: dict[str, Method] = field(default_factory=dict)
    types: dict[str, TypeDecl] = field(default_factory=dict)
    changelog: list[str] = field(default_factory=list)  # its CHANGELOG.md's entries, newest first

    def add_method(self, method: Method, aliases: Iterable[str] = ()) -> None:
        """``method``, and each of its ``aliases`` (other names in its resource that call it) as a
        method of its own: a user may call any of them."""
        self.methods[method.path] = method
        parent = method.path.rpartition(".")[0]
        for alias in aliases:
            path = f"{parent}.{alias}" if parent else alias
            self.methods[path] = dataclasses.replace(method, path=path)

    def add_type(self, decl: TypeDecl) -> None:
        self.types[decl.name] = decl

    def to_json(self) -> dict[str, Any]:
        """Plain data, without the values every entry has by default (the record of a big API is
        several megabytes; most fields are not deprecated, most parameters are named)."""
        data = {k: v for k, v in vars(self).items() if k not in ("methods", "types")}
        data["methods"] = [_compact(self.methods[k], _METHOD) for k in sorted(self.methods)]
        data["types"] = [_compact(self.types[k], _TYPE) for k in sorted(self.types)]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Surface":
        methods = {}
        for m in data.get("methods", []):
            m = dict(m)
            m["params"] = [Param(**p) for p in m.get("params", [])]
            methods[m["path"]] = Method(**m)
        types = {}
        for t in data.get("types", []):
            t = dict(t)
            t["fields"] = [Param(**p) for p in t.get("fields", [])]
            types[t["name"]] = TypeDecl(**t)
        rest = {k: v for k, v in data.items() if k not in ("methods", "types")}
        return cls(methods=methods, types=types, **rest)


_PARAM = {"position": None, "deprecated": False, "wire": ""}
_METHOD = {"params": [], "returns": "", "deprecated": False, "where": ""}
_TYPE = {"origin": "", "fields": [], "values": [], "alias": "", "deprecated": False, "where": "",
         "structural": False}


def _compact(entry: Method | TypeDecl, defaults: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in vars(entry).items() if k not in defaults or defaults[k] != v}
    for key in ("params", "fields"):
        if key in out:
            out[key] = [{k: v for k, v in vars(p).items() if k not in _PARAM or _PARAM[k] != v} for p in out[key]]
    return out


def dump(surfaces: Iterable[Surface]) -> str:
    """The stored form: one JSON document, one surface per language, each method and type on a
    line of its own (a regeneration's change reads as a line diff; indenting every key of a big
    API's record cost most of the time of writing it)."""

    def line(value: Any) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    parts = []
    for surface in sorted(surfaces, key=lambda s: s.language):
        data = surface.to_json()
        head = ",\n".join(f"  {line(k)}: {line(data[k])}" for k in sorted(data) if k not in ("methods", "types"))
        methods = ",\n".join(f"   {line(m)}" for m in data["methods"])
        types = ",\n".join(f"   {line(t)}" for t in data["types"])
        parts.append(f" {line(surface.language)}: {{\n{head},\n  \"methods\": [\n{methods}\n  ],\n"
                     f"  \"types\": [\n{types}\n  ]\n }}")
    return f'{{"format": {SURFACE_FORMAT}, "surfaces": {{\n' + ",\n".join(parts) + "\n}}\n"


def load(text: str) -> dict[str, Surface]:
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != SURFACE_FORMAT:
        raise ValueError("not a surface file of this sdkforge version")
    return {lang: Surface.from_json(s) for lang, s in data["surfaces"].items()}


# ---------------------------------------------------------------------------------------------
# language-neutral facts every target's surface uses


def op_origin(op: Operation) -> str:
    return f"{op.method.upper()} {op.path}"


_PENDING = "\0"  # marks a location kept as file and pointer (see resolve_changes)


def locator() -> Callable[[Location | None], str]:
    """A spec location as the surface keeps it: the file and the JSON pointer.  Only the locations
    a report shows are turned into lines and columns (finding positions reads the spec's events:
    for every entry of a big spec that would cost more than building the surface)."""

    def where(loc: Location | None) -> str:
        return "" if loc is None else f"{_PENDING}{loc.file}{_PENDING}{loc.pointer}"

    return where


def resolve_changes(changes: Iterable[Any], diags: Diagnostics) -> None:
    """``file:line:col`` for the ``old`` and ``new`` locations of these changes (apidiff.Change)
    that are still file and pointer, in the documents ``diags`` knows."""
    changes = list(changes)
    wanted: dict[str, list[str]] = {}
    for change in changes:
        for where in (change.old, change.new):
            if where.startswith(_PENDING):
                file, pointer = where[1:].split(_PENDING, 1)
                wanted.setdefault(file, []).append(pointer)
    for file, pointers in wanted.items():
        prefetch = diags.prefetchers.get(file)
        if prefetch is not None:
            try:
                prefetch(pointers)
            except Exception:  # positions are best effort
                pass

    def resolved(where: str) -> str:
        if not where.startswith(_PENDING):
            return where
        file, pointer = where[1:].split(_PENDING, 1)
        pos = diags.locate(file, pointer) or (1, 1)
        return f"{diags.display_names.get(file, file)}:{pos[0]}:{pos[1]}"

    for change in changes:
        change.old, change.new = resolved(change.old), resolved(change.new)


def type_roles(api: Api) -> dict[str, str]:
    """For every named type: ``output`` when a response can carry it, ``input`` when only requests
    do, ``both`` when both do.  A type no operation reaches counts as output (it is a model users
    may hold)."""
    sent: set[str] = set()
    received: set[str] = set()

    def walk(node: TypeNode | None, acc: set[str]) -> None:
        stack = [node] if node is not None else []
        while stack:
            n = stack.pop()
            if isinstance(n, RefType):
                if n.name not in acc:
                    acc.add(n.name)
                    named = api.types.get(n.name)
                    if named is not None:
                        stack.append(named.type)
            else:
                stack.extend(n.children())

    for op in api.operations:
        for p in op.parameters:
            walk(p.type, sent)
        if op.body is not None:
            for media in op.body.contents:
                walk(media.type, sent)
        for response in op.responses:
            for media in response.contents:
                walk(media.type, received)
    roles = {}
    for name in api.types:
        if name in sent and name in received:
            roles[name] = "both"
        elif name in sent:
            roles[name] = "input"
        else:
            roles[name] = "output"
    return roles


# the languages with a surface: each SDK target's own module builds it
LANGUAGES = ("python", "typescript", "ruby", "go")


def surfaces(api: Api, config: "Config", diags: Diagnostics, languages: Iterable[str] = LANGUAGES) -> list[Surface]:
    """Each language's surface for one spec, in the order asked."""
    import importlib

    out = []
    for language in languages:
        module = importlib.import_module(f"{__package__}.targets.{language}.surface")
        # views warn as they name things; those warnings belong to `generate`, not to the surface
        out.append(module.surface(api, config, Diagnostics()))
    return out


# ---------------------------------------------------------------------------------------------
# the surface of the last generation, kept beside its output
SURFACE_FILE = ".sdkforge/surface.json"


def recorded(out: Path) -> dict[str, Surface]:
    """The surfaces the last generation into ``out`` recorded; none when there is no usable record."""
    try:
        return load((out / SURFACE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _relative_to(where: str, base: Path) -> str:
    """A kept location as ``file#pointer``, the file relative to ``base`` (the record must not
    depend on how, or from where, the spec was named)."""
    if not where.startswith(_PENDING):
        return where
    file, pointer = where[1:].split(_PENDING, 1)
    fragment = pointer if pointer.startswith("#") else "#" + pointer
    return f"{os.path.relpath(Path(file).resolve(), base.resolve())}{fragment}"


def record(out: Path, found: Iterable[Surface], previous: dict[str, Surface], spec_folder: Path) -> None:
    """Keep the surfaces just generated (and the previous record's other languages), their spec
    locations relative to the spec's folder."""
    found = list(found)
    for surface in found:
        for entry in [*surface.methods.values(), *surface.types.values()]:
            entry.where = _relative_to(entry.where, spec_folder)
    merged = {**previous, **{s.language: s for s in found}}
    path = out / SURFACE_FILE
    text = dump(merged[k] for k in sorted(merged))
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
