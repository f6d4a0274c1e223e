"""A small port of prettier's document printer, and the TypeScript layouts sdkforge
emits built the way prettier 3 builds them (unions, generics, property signatures,
type aliases, method signatures, import lists, array properties).

Generated code is laid out here, at generation time, so that ``prettier --check``
finds nothing to change; no formatter runs on the hot path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

WIDTH = 80
BREAK, FLAT = "break", "flat"

Doc = Union[str, list, "Group", "Indent", "Align", "Line", "IfBreak", "IndentIfBreak"]


@dataclass(eq=False)
class Group:
    contents: Any
    brk: bool = False
    id: object | None = None


@dataclass(eq=False)
class Indent:
    contents: Any


@dataclass(eq=False)
class Align:
    n: int
    contents: Any


@dataclass(eq=False)
class Line:
    soft: bool = False
    hard: bool = False


@dataclass(eq=False)
class IfBreak:
    brk: Any = ""
    flat: Any = ""
    group_id: object | None = None


@dataclass(eq=False)
class IndentIfBreak:
    contents: Any
    group_id: object | None = None


line = Line()
softline = Line(soft=True)
hardline = Line(hard=True)


def group(contents: Any, brk: bool = False, id: object | None = None) -> Group:
    return Group(contents, brk or _has_hard(contents), id)


def _has_hard(doc: Any) -> bool:
    stack = [doc]  # a walk with a stack: a group's contents are looked at once, without a call per piece
    while stack:
        doc = stack.pop()
        if isinstance(doc, str):
            continue
        if isinstance(doc, list):
            stack.extend(doc)
        elif isinstance(doc, Line):
            if doc.hard:
                return True
        elif isinstance(doc, Group):
            if doc.brk:
                return True
        elif isinstance(doc, (Indent, Align, IndentIfBreak)):
            stack.append(doc.contents)
        elif isinstance(doc, IfBreak):
            stack += (doc.brk, doc.flat)
    return False


def join(sep: Any, docs: list[Any]) -> list[Any]:
    out: list[Any] = []
    for index, doc in enumerate(docs):
        if index:
            out.append(sep)
        out.append(doc)
    return out


def _fits(nxt: tuple[int, str, Any], rest: list[tuple[int, str, Any]], width: int,
          modes: dict[object, str]) -> bool:
    rest_idx = len(rest)
    cmds = [nxt]
    while width >= 0:
        if not cmds:
            if rest_idx == 0:
                return True
            rest_idx -= 1
            cmds.append(rest[rest_idx])
            continue
        ind, mode, doc = cmds.pop()
        if isinstance(doc, str):
            width -= len(doc)
        elif isinstance(doc, list):
            for part in reversed(doc):
                cmds.append((ind, mode, part))
        elif isinstance(doc, (Indent, Align, IndentIfBreak)):
            cmds.append((ind, mode, doc.contents))
        elif isinstance(doc, Group):
            cmds.append((ind, BREAK if doc.brk else mode, doc.contents))
        elif isinstance(doc, IfBreak):
            gmode = modes.get(doc.group_id, FLAT) if doc.group_id is not None else mode
            contents = doc.brk if gmode == BREAK else doc.flat
            if contents:
                cmds.append((ind, mode, contents))
        elif isinstance(doc, Line):
            if mode == BREAK or doc.hard:
                return True
            if not doc.soft:
                width -= 1
    return False


def print_doc(doc: Any, indent: int = 0, width: int = WIDTH) -> str:
    """Print ``doc`` as prettier would, the first line starting at column ``indent``
    (the caller writes that indentation)."""
    out: list[str] = []
    pos = indent
    cmds: list[tuple[int, str, Any]] = [(indent, BREAK, doc)]
    modes: dict[object, str] = {}
    remeasure = False
    while cmds:
        ind, mode, d = cmds.pop()
        if isinstance(d, str):
            out.append(d)
            pos += len(d)
        elif isinstance(d, list):
            for part in reversed(d):
                cmds.append((ind, mode, part))
        elif isinstance(d, Indent):
            cmds.append((ind + 2, mode, d.contents))
        elif isinstance(d, Align):
            cmds.append((ind + d.n, mode, d.contents))
        elif isinstance(d, Group):
            if mode == FLAT and not remeasure:
                cmds.append((ind, BREAK if d.brk else FLAT, d.contents))
            else:
                remeasure = False
                nxt = (ind, FLAT, d.contents)
                if not d.brk and _fits(nxt, cmds, width - pos, modes):
                    cmds.append(nxt)
                else:
                    cmds.append((ind, BREAK, d.contents))
            if d.id is not None:
                modes[d.id] = cmds[-1][1]
        elif isinstance(d, IfBreak):
            gmode = modes.get(d.group_id, FLAT) if d.group_id is not None else mode
            contents = d.brk if gmode == BREAK else d.flat
            if contents:
                cmds.append((ind, mode, contents))
        elif isinstance(d, IndentIfBreak):
            gmode = modes.get(d.group_id, FLAT) if d.group_id is not None else mode
            cmds.append((ind + 2 if gmode == BREAK else ind, mode, d.contents))
        elif isinstance(d, Line):
            if mode == FLAT and not d.hard:
                if not d.soft:
                    out.append(" ")
                    pos += 1
                continue
            if mode == FLAT:
                remeasure = True
            out[:] = ["".join(out).rstrip(" \t")]
            out.append("\n" + " " * ind)
            pos = ind
    return "".join(out)


# --------------------------------------------------------------------- type expressions
@dataclass(eq=False)
class T:
    """A TypeScript type expression: ``kind`` is simple (keyword, literal, plain name),
    generic (``Name<args>``), index (``{ [key: string]: V }``) or union."""

    kind: str
    text: str = ""
    args: list[T] = field(default_factory=list)
    members: list[T] = field(default_factory=list)

    def flat(self) -> str:
        if self.kind == "simple":
            return self.text
        if self.kind == "generic":
            return f"{self.text}<{', '.join(a.flat() for a in self.args)}>"
        if self.kind == "index":
            return f"{{ [key: string]: {self.args[0].flat()} }}"
        return " | ".join(m.flat() for m in self.members)


def simple(text: str) -> T:
    return T("simple", text)


def generic(name: str, *args: T) -> T:
    return T("generic", name, list(args))


def index_map(values: T) -> T:
    """``{ [key: string]: values }`` (a map type tsc lets refer to itself)."""
    return T("index", args=[values])


def union(members: list[T]) -> T:
    flat: list[T] = []
    seen: set[str] = set()
    for member in members:
        for m in member.members if member.kind == "union" else [member]:
            key = m.flat()
            if key not in seen:
                seen.add(key)
                flat.append(m)
    nulls = [m for m in flat if m.kind == "simple" and m.text == "null"]
    flat = [m for m in flat if not (m.kind == "simple" and m.text == "null")] + nulls
    if len(flat) == 1:
        return flat[0]
    return T("union", members=flat)


def nullable(t: T) -> T:
    return union([t, simple("null")])


def _is_ref(t: T) -> bool:
    return t.kind == "generic" or (t.kind == "simple" and _is_name(t.text))


_KEYWORDS = {"string", "number", "boolean", "unknown", "null", "undefined", "never", "void", "any", "object",
             "bigint", "symbol"}


def _is_name(text: str) -> bool:
    return bool(text) and (text[0].isalpha() or text[0] in "_$") and text not in _KEYWORDS and text not in (
        "true", "false")


def _hug_union(t: T) -> bool:
    if t.kind != "union":
        return False
    non_null = [m for m in t.members if not (m.kind == "simple" and m.text == "null")]
    return len(non_null) == 1 and len(t.members) > 1 and _is_ref(non_null[0])


def _should_hug(t: T) -> bool:
    return t.kind == "simple" or _hug_union(t)


def _union_inner(t: T) -> list[Any]:
    parts: list[Any] = [IfBreak("| ")]
    for index, member in enumerate(t.members):
        if index:
            parts += [line, "| "]
        parts.append(Align(2, type_doc(member, "member")))
    return parts


def type_doc(t: T, context: str = "annotation") -> Any:
    """The doc of a type; ``context`` is annotation (property/alias), args (inside
    ``<>``) or member (inside a union)."""
    if t.kind == "simple":
        return t.text
    if t.kind == "index":
        key = group(["[", Indent([softline, "key: string"]), softline, "]"])
        return group(["{", Indent([line, key, ": ", type_doc(t.args[0]), IfBreak(";")]), line, "}"])
    if t.kind == "generic":
        if len(t.args) == 1 and _should_hug(t.args[0]):
            return [t.text, "<", type_doc(t.args[0], "args"), ">"]
        return [t.text, group(["<", Indent([softline, join([",", line], [type_doc(a, "args") for a in t.args])]),
                               softline, ">"])]
    if _hug_union(t):
        return join(" | ", [type_doc(m, "member") for m in t.members])
    inner = group(_union_inner(t))
    if context == "args":
        return inner
    return group(Indent([softline, inner]))


def property_signature(key: str, optional: bool, t: T, indent: int, readonly: bool = False) -> str:
    head = ("readonly " if readonly else "") + key + ("?" if optional else "")
    flat = f"{head}: {t.flat()};"
    if indent + len(flat) <= WIDTH:
        return " " * indent + flat  # what the printer makes of a signature that fits (a type has no hard line)
    return " " * indent + print_doc([group([head, ":", " ", type_doc(t)]), ";"], indent)


def type_alias(name: str, t: T, indent: int = 0, export: bool = True) -> str:
    lhs = group(["type ", name])
    if t.kind == "union" and not _hug_union(t):
        doc = group([lhs, " =", group(Indent([line, group(_union_inner(t))]))])
    else:
        gid = object()
        doc = group([lhs, " =", group(Indent(line), id=gid), IndentIfBreak(type_doc(t), gid)])
    return " " * indent + print_doc([("export " if export else ""), doc, ";"], indent)


@dataclass
class Param:
    name: str
    type: T
    optional: bool = False
    default: str | None = None


def method_signature(name: str, params: list[Param], returns: T | None, indent: int, tail: str) -> str:
    """``name(params): returns`` followed by ``tail`` (" {" or ";")."""
    flat = ", ".join(f"{p.name}{'?' if p.optional else ''}: {p.type.flat()}"
                     + (f" = {p.default}" if p.default is not None else "") for p in params)
    flat = f"{name}({flat})" + (f": {returns.flat()}" if returns is not None else "") + tail
    if indent + len(flat) <= WIDTH:
        return " " * indent + flat  # what the printer makes of a signature that fits on its line
    docs = []
    for p in params:
        d: list[Any] = [p.name, "?" if p.optional else "", ":", " ", type_doc(p.type)]
        if p.default is not None:
            d += [" = ", p.default]
        docs.append(d)
    sig: list[Any] = ["("]
    if docs:
        sig += [Indent([softline, join([",", line], docs)]), IfBreak(","), softline]
    sig.append(")")
    if returns is not None:
        sig += [":", " ", type_doc(returns)]
    return " " * indent + print_doc([name, group(sig), tail], indent)


def import_list(prefix: str, names: list[str], source: str) -> str:
    """``import type { A, B } from "x";`` / ``export { A } from "x";``; ``source`` is
    an already-quoted string literal."""
    if not names:
        return f"{prefix} {{}} from {source};"
    if len(names) == 1:  # prettier never breaks a single specifier
        return f"{prefix} {{ {names[0]} }} from {source};"
    body = group(["{", Indent([line, join([",", line], names)]), IfBreak(","), line, "}"])
    return print_doc([prefix, " ", body, " from ", source, ";"], 0)


def array_property(key: str, items: list[str], indent: int) -> str:
    """``key: ["a", "b"],`` inside an object literal (items are quoted literals)."""
    gid = object()
    arr: Any
    if items:
        arr = group(["[", Indent([softline, join([",", line], items), IfBreak(",")]), softline, "]"])
    else:
        arr = "[]"
    doc = [group([key, ":", group(Indent(line), id=gid), IndentIfBreak(arr, gid)]), ","]
    return " " * indent + print_doc(doc, indent)


def new_field(prop: str, cls: str, arg: str, indent: int) -> str:
    """A class field ``prop = new Cls(arg);`` laid out like prettier's fluid assignment."""
    gid = object()
    call = ["new ", cls, group(["(", Indent([softline, arg]), IfBreak(","), softline, ")"])]
    doc = group([prop, " =", group(Indent(line), id=gid), IndentIfBreak(group(call), gid)])
    return " " * indent + print_doc([doc, ";"], indent)


def const_string(name: str, literal: str, indent: int) -> str:
    """``const name = "literal";`` breaking after ``=`` like prettier when too long."""
    one = f"const {name} = {literal};"
    if indent + len(one) <= WIDTH:
        return " " * indent + one
    return " " * indent + f"const {name} =\n" + " " * (indent + 2) + literal + ";"
