"""What a spec change does to each SDK's users: two surfaces compared, every change classed.

A change is ``breaking`` (code that compiled or ran against the old SDK may not any more),
``deprecation`` (it still works, and now warns) or ``addition`` (nothing a user wrote changes).
The rules read the surfaces as the languages spell them, so they follow each language's own
reality: a renamed request type breaks TypeScript and Go code that names it, and no Python or Ruby
caller (they pass dicts and hashes); a reordered positional parameter breaks every language whose
method takes it by position; a new enum member is harmless where enums are open and breaks a Go
``switch`` that the exhaustiveness linters hold to every constant.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from .surface import Method, Param, Surface, TypeDecl

KINDS = ("breaking", "deprecation", "addition")

# languages where a new enum member breaks code users write against the old set
_CLOSED_ENUMS = {"go"}


@dataclass
class Change:
    language: str
    kind: str  # breaking | deprecation | addition
    symbol: str  # the name users touch: "uploads.parts.create", "Upload.bytes"
    reason: str  # in a user's words
    group: str  # the resource (or "types") the change is listed under
    old: str = ""  # file:line:col in the old spec
    new: str = ""  # ... and in the new one


def _closes(text: str, i: int) -> bool:
    return text[i] in ")]}>" and not (text[i] == ">" and i and text[i - 1] in "-=")


def _split_top(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` where no bracket is open (``->`` and ``=>`` are arrows, not brackets)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{<":
            depth += 1
        elif _closes(text, i):
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def _split_union(text: str) -> list[str]:
    """The members of a union type written ``A | B`` (top level only)."""
    return _split_top(text, "|")


def _nullable(text: str) -> tuple[str, bool]:
    """A type without the mark that lets it be null or absent, as each language writes it
    (``Optional[X]``, ``X | None``, ``X | null``, ``X?``, ``*X``), and whether it had one."""
    if text.startswith("Optional[") and text.endswith("]"):
        return text[9:-1], True
    members = _split_union(text)
    kept = [m for m in members if m not in ("None", "null", "undefined", "nil", "NilClass")]
    if len(kept) < len(members):
        return " | ".join(kept), True
    if text.endswith("?") and len(text) > 1:
        return text[:-1], True
    return text, False


def _split_args(text: str) -> list[str]:
    """The top-level, comma-separated arguments of ``Name[a, b]``'s brackets."""
    return _split_top(text, ",")


def _members(text: str) -> list[str]:
    """A union's members however the language writes it: ``A | B``, ``Union[A, B]`` (Python, also
    inside ``Annotated[...]``), with a ``Literal[...]``'s values as members of their own."""
    if text.startswith("Annotated[") and text.endswith("]"):
        args = _split_args(text[10:-1])
        text = args[0] if args else text
    text = _unwrap(text)
    if text.startswith("Union[") and text.endswith("]"):
        members = _split_args(text[6:-1])
    else:
        members = _split_union(text)
    out: list[str] = []
    for m in members:
        m = _unwrap(m)
        if m.startswith("-> { ") and m.endswith(" }"):  # Ruby's lazy reference to a model
            m = m[5:-2]
        if m.startswith("Literal[") and m.endswith("]"):
            out += _split_args(m[8:-1])
        elif len(members) > 1 and (m.startswith("Union[") or len(_split_union(m)) > 1):
            out += [x for x in _members(m) if x not in out]
        elif m not in out:
            out.append(m)
    return out


def _unwrap(text: str) -> str:
    """The text inside parentheses that enclose all of it."""
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for i, ch in enumerate(text):
            depth += ch in "([{<"
            depth -= _closes(text, i)
            if depth == 0 and i < len(text) - 1:
                return text
        text = text[1:-1].strip()
    return text


# a type that stands for any value, in each language's spelling
_ANY = {"untyped", "unknown", "any", "Any", "object", "interface{}", "BasicObject"}

_LISTS = ("List[", "Iterable[", "SequenceNotStr[", "Sequence[", "Array<", "::Array[", "Array[")


def _element(text: str) -> tuple[str, str] | None:
    """``(container, element type)`` of a list type in any language's spelling (``List[X]``,
    ``Array<X>``, ``::Array[X]``, ``[]X``), else None."""
    text = _unwrap(text)
    if text.startswith("[]"):
        return "[]", text[2:]
    for head in _LISTS:
        if text.startswith(head) and text[-1] in "]>":
            return head, text[len(head):-1]
    return None


def _is_literal(member: str) -> bool:
    return member[:1] in "'\":" or member.lstrip("-")[:1].isdigit() or member in ("true", "false", "True", "False")


def _literals(text: str) -> list[str] | None:
    """The members of an enumeration written as a type: ``Literal["a", "b"]`` (Python),
    ``'a' | 'b'`` (TypeScript), ``:a | :b`` (Ruby signatures).  None: not one."""
    members = _members(text)
    if members and all(_is_literal(m) for m in members):
        return members
    return None


class _Differ:
    def __init__(self, old: Surface, new: Surface):
        self.old = old
        self.new = new
        self.lang = new.language
        self.changes: list[Change] = []
        self.renamed: dict[str, str] = {}
        self._rename_re: re.Pattern[str] | None = None

    def add(self, kind: str, symbol: str, reason: str, group: str, old: str = "", new: str = "") -> None:
        self.changes.append(Change(self.lang, kind, symbol, reason, group, old, new))

    # ------------------------------------------------------------------------------ types
    def type_change(self, old_t: str, new_t: str, *, sends: bool, receives: bool, what: str, symbol: str,
                    group: str, old_where: str, new_where: str, presence_changed: bool = False) -> None:
        """One type as written at a position users send (parameters, request fields) and/or read
        (response fields, results)."""
        old_t = self.renamed_text(old_t)
        if old_t == new_t:
            return
        old_base, old_null = _nullable(old_t)
        new_base, new_null = _nullable(new_t)
        if old_base == new_base:
            if presence_changed:
                return  # the language marks "may be absent" and "may be null" alike: reported once
            if new_null and not old_null:
                if receives:
                    self.add("breaking", symbol, f"{what} may now be null", group, old_where, new_where)
                else:
                    self.add("addition", symbol, f"{what} now also accepts null", group, old_where, new_where)
            elif old_null and not new_null:
                if sends:
                    self.add("breaking", symbol, f"{what} no longer accepts null", group, old_where, new_where)
                else:
                    self.add("addition", symbol, f"{what} is never null now", group, old_where, new_where)
            return
        old_t, new_t = old_base, new_base
        old_values, new_values = _literals(old_t), _literals(new_t)
        if old_values is not None and new_values is not None:
            self.values_change(old_values, new_values, sends=sends, receives=receives, what=what, symbol=symbol,
                               group=group, old_where=old_where, new_where=new_where)
            return
        if new_t in _ANY:
            if sends and not receives:
                self.add("addition", symbol, f"{what} now accepts any value (was {old_t})", group, old_where,
                         new_where)
            else:
                self.add("breaking", symbol, f"{what} is no longer typed (was {old_t})", group, old_where,
                         new_where)
            return
        old_inner, new_inner = _element(old_t), _element(new_t)
        if old_inner is not None and new_inner is not None and old_inner[0] == new_inner[0]:
            self.type_change(old_inner[1], new_inner[1], sends=sends, receives=receives, what=f"the items of {what}",
                             symbol=symbol, group=group, old_where=old_where, new_where=new_where)
            return
        old_members, new_members = _members(old_t), _members(new_t)
        if len(old_members) > 1 or len(new_members) > 1:
            self.union_change(old_members, new_members, sends=sends, receives=receives, what=what, symbol=symbol,
                              group=group, old_where=old_where, new_where=new_where)
            return
        self.add("breaking", symbol, f"the type of {what} changed from {old_t} to {new_t}", group, old_where,
                 new_where)

    def union_change(self, old: list[str], new: list[str], *, sends: bool, receives: bool, what: str, symbol: str,
                     group: str, old_where: str, new_where: str) -> None:
        """A union's members (an open enum's values among them: ``str | Literal[...]``) added or
        removed.  More members: a sender may pass more, a reader may get more (which open enums and
        unions of models keep).  Fewer: a sender may no longer pass what it did; a reader only
        stops seeing them."""
        removed = [m for m in old if m not in new]
        added = [m for m in new if m not in old]
        open_enum = any(not _is_literal(m) for m in new) and any(_is_literal(m) for m in new)
        if removed:
            still = open_enum and all(_is_literal(m) for m in removed)
            if sends and not still:
                self.add("breaking", symbol, f"{what} no longer accepts {', '.join(removed)}", group, old_where,
                         new_where)
            else:
                self.add("deprecation", symbol, f"{what} no longer lists {', '.join(removed)}", group, old_where,
                         new_where)
        if added:
            self.add("addition", symbol, f"{what} now also {'accepts' if sends else 'may be'} {', '.join(added)}",
                     group, old_where, new_where)

    def values_change(self, old_values: list[str], new_values: list[str], *, sends: bool, receives: bool,
                      what: str, symbol: str, group: str, old_where: str, new_where: str) -> None:
        removed = [v for v in old_values if v not in new_values]
        added = [v for v in new_values if v not in old_values]
        if removed:
            self.add("breaking", symbol, f"{what} no longer has the value(s) {', '.join(removed)}", group,
                     old_where, new_where)
        if added:
            if receives and self.lang in _CLOSED_ENUMS:
                self.add("breaking", symbol, f"{what} has new value(s) {', '.join(added)}: a switch over its "
                         "constants that the exhaustiveness linters hold complete no longer covers every value",
                         group, old_where, new_where)
            else:
                self.add("addition", symbol, f"{what} has new value(s) {', '.join(added)}", group, old_where,
                         new_where)

    # --------------------------------------------------------------------------- members
    def members(self, old: list[Param], new: list[Param], *, sends: bool, receives: bool, owner: str,
                group: str, old_where: str, new_where: str, noun: str) -> None:
        old_by = {p.name: p for p in old}
        new_by = {p.name: p for p in new}
        renamed_to = {}
        for p in old:
            if p.name not in new_by and p.wire:
                match = [q for q in new if q.wire == p.wire and q.name not in old_by]
                if len(match) == 1:
                    renamed_to[p.name] = match[0].name
        for p in old:
            symbol = f"{owner}.{p.name}"
            if p.name in renamed_to:
                self.add("breaking", symbol, f"{noun} {p.name} of {owner} is now called {renamed_to[p.name]}",
                         group, old_where, new_where)
            elif p.name not in new_by:
                self.add("breaking", symbol, f"{noun} {p.name} of {owner} was removed", group, old_where, new_where)
        for q in new:
            if q.name in old_by or q.name in renamed_to.values():
                continue
            symbol = f"{owner}.{q.name}"
            if sends and q.required:
                self.add("breaking", symbol, f"{owner} has a new required {noun} {q.name}: every call must now "
                         "give it", group, old_where, new_where)
            else:
                self.add("addition", symbol, f"{owner} has a new {'optional ' if sends else ''}{noun} {q.name}",
                         group, old_where, new_where)
        for p in old:
            found = new_by.get(p.name) or new_by.get(renamed_to.get(p.name, ""))
            if found is None:
                continue
            q = found
            symbol = f"{owner}.{q.name}"
            what = f"{noun} {q.name} of {owner}"
            if p.position != q.position and p.position is not None and q.position is not None:
                self.add("breaking", symbol, f"{what} moved from position {p.position + 1} to {q.position + 1}: "
                         "calls that pass it by position now pass another argument", group, old_where, new_where)
            elif (p.position is None) != (q.position is None):
                how = "by position" if q.position is not None else "by name"
                self.add("breaking", symbol, f"{what} is now passed {how}", group, old_where, new_where)
            if sends and q.required and not p.required:
                self.add("breaking", symbol, f"{what} is now required", group, old_where, new_where)
            elif sends and p.required and not q.required:
                self.add("addition", symbol, f"{what} is now optional", group, old_where, new_where)
            elif receives and p.required and not q.required:
                self.add("breaking", symbol, f"{what} may now be absent from a response", group, old_where,
                         new_where)
            self.type_change(p.type, q.type, sends=sends, receives=receives, what=what, symbol=symbol,
                             group=group, old_where=old_where, new_where=new_where,
                             presence_changed=p.required != q.required)
            if q.deprecated and not p.deprecated:
                self.add("deprecation", symbol, f"{what} is deprecated", group, old_where, new_where)

    # --------------------------------------------------------------------------- methods
    def methods(self) -> None:
        old, new = self.old.methods, self.new.methods
        moved: dict[str, str] = {}
        new_by_origin: dict[str, list[str]] = {}
        for path, m in new.items():
            if m.origin:
                new_by_origin.setdefault(m.origin, []).append(path)
        for path, m in old.items():
            if path not in new and m.origin:
                candidates = [p for p in new_by_origin.get(m.origin, []) if p not in old]
                if len(candidates) == 1:
                    moved[path] = candidates[0]
        for path in sorted(old):
            m = old[path]
            group = _group(path)
            if path in moved:
                target = moved[path]
                self.add("breaking", path, f"method {path} is now {target}", group, m.where, new[target].where)
                self.method(m, new[target])
            elif path not in new:
                self.add("breaking", path, f"method {path} was removed", group, m.where, "")
            else:
                self.method(m, new[path])
        for path in sorted(new):
            if path not in old and path not in moved.values():
                self.add("addition", path, f"new method {path}", _group(path), "", new[path].where)

    def method(self, old: Method, new: Method) -> None:
        group = _group(new.path)
        self.members(old.params, new.params, sends=True, receives=False, owner=new.path, group=group,
                     old_where=old.where, new_where=new.where, noun="parameter")
        if old.returns != new.returns:
            self.type_change(old.returns, new.returns, sends=False, receives=True,
                             what=f"the result of {new.path}", symbol=new.path, group=group,
                             old_where=old.where, new_where=new.where)
        if new.deprecated and not old.deprecated:
            self.add("deprecation", new.path, f"method {new.path} is deprecated", group, old.where, new.where)

    # ----------------------------------------------------------------------------- types
    def find_renames(self) -> None:
        """Types that only changed their name: the same origin (schema) under another name, or, when
        the schema itself was renamed, the one new type of exactly the old one's shape.  Texts that
        name them are compared with the new name in place, so one rename is reported once."""
        old = {n: t for n, t in self.old.types.items() if not t.structural}
        new = {n: t for n, t in self.new.types.items() if not t.structural}
        gone = [n for n in old if n not in new]
        fresh = [n for n in new if n not in old]
        renamed: dict[str, str] = {}
        for name in gone:
            by_origin = [n for n in fresh if old[name].origin and new[n].origin == old[name].origin]
            if len(by_origin) == 1 and by_origin[0] not in renamed.values():
                renamed[name] = by_origin[0]
        shapes: dict[tuple[Any, ...], list[str]] = {}
        for n in fresh:
            if n not in renamed.values():
                shapes.setdefault(_shape(new[n]), []).append(n)
        for name in gone:
            if name not in renamed:
                same = shapes.get(_shape(old[name]), [])
                if len(same) == 1 and same[0] not in renamed.values():
                    renamed[name] = same[0]
        self.renamed = renamed
        self._rename_re = re.compile(r"(?<![\w:.])(" + "|".join(re.escape(n) for n in sorted(
            renamed, key=len, reverse=True)) + r")(?![\w:])") if renamed else None

    def renamed_text(self, text: str) -> str:
        """An old type text with renamed types under their new names."""
        if self._rename_re is None:
            return text
        return self._rename_re.sub(lambda m: self.renamed[m.group(1)], text)

    def types(self) -> None:
        old, new = self.old.types, self.new.types
        visible_old = {n: t for n, t in old.items() if self._visible(t, self.old)}
        visible_new = {n: t for n, t in new.items() if self._visible(t, self.new)}
        renamed = self.renamed
        for name in sorted(visible_old):
            t = visible_old[name]
            if name in renamed:
                other = visible_new[renamed[name]]
                self.add("breaking", name, f"type {name} is now called {other.name}", "types", t.where, other.where)
                self.type_decl(t, other)
            elif name not in visible_new:
                self.add("breaking", name, f"type {name} was removed", "types", t.where, "")
            else:
                self.type_decl(t, visible_new[name])
        for name in sorted(visible_new):
            if name not in visible_old and name not in renamed.values():
                self.add("addition", name, f"new type {name}", "types", "", visible_new[name].where)
        # types callers never name (request dicts): their keys still matter, compared by origin
        old_structural = {t.origin: t for t in old.values() if t.structural and t.origin}
        for t in new.values():
            if t.structural and t.origin in old_structural:
                self.type_decl(old_structural[t.origin], t)

    @staticmethod
    def _visible(t: TypeDecl, s: Surface) -> bool:
        return not t.structural

    def type_decl(self, old: TypeDecl, new: TypeDecl) -> None:
        sends = new.role in ("input", "both")
        receives = new.role in ("output", "both")
        if old.kind != new.kind:
            self.add("breaking", new.name, f"type {new.name} is now a{'n' if new.kind[0] in 'aeiou' else ''} "
                     f"{new.kind} (was a{'n' if old.kind[0] in 'aeiou' else ''} {old.kind})", "types", old.where,
                     new.where)
            return
        if new.kind == "enum":
            self.values_change(old.values, new.values, sends=sends, receives=receives, what=f"enum {new.name}",
                               symbol=new.name, group="types", old_where=old.where, new_where=new.where)
        elif new.kind == "alias":
            self.type_change(old.alias, new.alias, sends=sends, receives=receives, what=f"type {new.name}",
                             symbol=new.name, group="types", old_where=old.where, new_where=new.where)
        else:
            self.members(old.fields, new.fields, sends=sends, receives=receives, owner=new.name, group="types",
                         old_where=old.where, new_where=new.where, noun="field")
        if new.deprecated and not old.deprecated:
            self.add("deprecation", new.name, f"type {new.name} is deprecated", "types", old.where, new.where)

    def client(self) -> None:
        if self.old.client and self.old.client != self.new.client:
            self.add("breaking", self.new.client, f"the client {self.old.client} is now called {self.new.client}",
                     "client")
        if self.old.package and self.old.package != self.new.package:
            self.add("breaking", self.new.package,
                     f"the package {self.old.package} is now called {self.new.package}", "client")
        for option in self.old.options:
            if option not in self.new.options:
                self.add("breaking", option, f"the client option {option} was removed", "client")
        for option in self.new.options:
            if option not in self.old.options:
                self.add("addition", option, f"new client option {option}", "client")


def _shape(t: TypeDecl) -> tuple[Any, ...]:
    return (t.kind, t.role, tuple((f.name, f.type, f.required) for f in t.fields), tuple(t.values), t.alias)


def _group(path: str) -> str:
    return path.split(".", 1)[0] if "." in path else "client"


def compare(old: Surface, new: Surface) -> list[Change]:
    """Every change from ``old`` to ``new`` (one language), in a stable order: by group, then kind
    (breaking first), then symbol."""
    differ = _Differ(old, new)
    differ.find_renames()
    differ.client()
    differ.methods()
    differ.types()
    unique: dict[tuple[str, str, str], Change] = {}
    for change in differ.changes:
        unique.setdefault((change.kind, change.symbol, change.reason), change)
    return sorted(unique.values(), key=lambda c: (c.group == "types", c.group, KINDS.index(c.kind), c.symbol,
                                                  c.reason))


# ---------------------------------------------------------------------------------- output
def to_json(changes: Iterable[Change]) -> str:
    return json.dumps([asdict(c) for c in changes], indent=1, ensure_ascii=False) + "\n"


def _counts(changes: list[Change]) -> str:
    parts = []
    for kind in KINDS:
        n = sum(1 for c in changes if c.kind == kind)
        if n:
            parts.append(f"{n} {kind}")
    return ", ".join(parts) or "no changes"


def to_text(by_language: dict[str, list[Change]]) -> str:
    lines: list[str] = []
    for language, changes in by_language.items():
        lines.append(f"{language}: {_counts(changes)}")
        group = None
        for c in changes:
            if c.group != group:
                group = c.group
                lines.append(f"  {group}")
            where = c.new or c.old
            lines.append(f"    {c.kind}: {c.reason}" + (f"  [{where}]" if where else ""))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`").replace("<", "&lt;").replace("\n", " ")


def to_markdown(by_language: dict[str, list[Change]]) -> str:
    lines = ["# API changes", "", "| language | breaking | deprecation | addition |", "|---|---|---|---|"]
    for language, changes in by_language.items():
        counts = [str(sum(1 for c in changes if c.kind == k)) for k in KINDS]
        lines.append(f"| {language} | " + " | ".join(counts) + " |")
    for language, changes in by_language.items():
        lines += ["", f"## {language}"]
        if not changes:
            lines += ["", "No changes."]
        for kind in KINDS:
            subset = [c for c in changes if c.kind == kind]
            if not subset:
                continue
            lines += ["", f"### {kind.capitalize()}", ""]
            for c in subset:
                where = c.new or c.old
                lines.append(f"- **{_md(c.group)}**: {_md(c.reason)}" + (f" ({_md(where)})" if where else ""))
    return "\n".join(lines) + "\n"
