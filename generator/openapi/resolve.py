"""Stage 3: ``$ref`` resolution across one or more files.

The resolver does not inline anything: the documents stay as loaded and
:class:`ResolvedSpec` answers "what does this ``$ref`` point at" with the target
node and its :class:`Location`.  Component names therefore survive (the IR turns
a ``$ref`` to ``#/components/schemas/Upload`` into a reference to the named type
``Upload``), and recursive schemas are no problem.

:func:`resolve` walks every reachable document once, loads relatively
referenced files, and reports dangling, malformed, remote and out-of-tree
references with the position of the offending ``$ref``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag

from ..diagnostics import Diagnostics, Location, SpecError, split_pointer
from .load import SYMLINK_LOOP, Document, display_name, load_file
from .root import RefRoot

MAX_FILES = 10_000


@dataclass
class ResolvedSpec:
    root: Document
    documents: dict[Path, Document] = field(default_factory=dict)
    by_display: dict[str, Document] = field(default_factory=dict)
    _targets: dict[tuple[str, str], tuple[Any, Location]] = field(default_factory=dict, repr=False)
    # response refs to files that do not exist (warned about; the IR leaves those responses out)
    dangling: set[tuple[str, str]] = field(default_factory=set)

    @property
    def data(self) -> Any:
        return self.root.data

    @property
    def root_location(self) -> Location:
        return Location(self.root.display, "#")

    def document(self, loc: Location) -> Document:
        return self.by_display[loc.file]

    def target(self, ref: str, base: Location) -> tuple[Any, Location]:
        """The node a ``$ref`` (written at ``base``) points at. Assumes :func:`resolve` passed.
        Memoised per (file, ref): the IR build follows the same few thousand refs many times."""
        key = (base.file, ref)
        hit = self._targets.get(key)
        if hit is None and key in self.dangling:
            raise DanglingRef(ref)
        if hit is None:
            doc = self.by_display[base.file]
            if ref.startswith("#"):  # local: no URL to parse
                fragment = ref[1:]
            else:
                url, fragment = urldefrag(ref)
                if url:
                    doc = self.documents[(doc.path.parent / unquote(url)).resolve()]
            pointer = "#" + (unquote(fragment) if "%" in fragment else fragment)
            hit = self._targets[key] = (_walk(doc.data, pointer),
                                        Location(doc.display, pointer if pointer != "#/" else "#"))
        return hit

    def lookup(self, node: Any, loc: Location) -> tuple[Any, Location] | None:
        """:meth:`deref` for references :func:`resolve` does not check (an Example Object's): None when
        one does not resolve (a missing pointer, a file that was not read, a remote URL, a loop)."""
        for _ in range(64):
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                return node, loc
            try:
                node, loc = self.target(node["$ref"], loc)
            except (_Missing, LookupError):
                return None
        return None

    def deref(self, node: Any, loc: Location) -> tuple[Any, Location]:
        """Follow ``$ref`` chains until a node that is not a bare reference."""
        seen = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            node, loc = self.target(node["$ref"], loc)
            seen += 1
            if seen > 64:
                break
        return node, loc


class _Missing(Exception):
    pass


class DanglingRef(LookupError):
    """A response ``$ref`` to a file that does not exist (already reported as a warning)."""


def _walk(data: Any, pointer: str) -> Any:
    node = data
    for token in split_pointer(pointer):
        if isinstance(node, dict):
            if token not in node:
                raise _Missing(token)
            node = node[token]
        elif isinstance(node, list):
            if not token.isdigit() or int(token) >= len(node):
                raise _Missing(token)
            node = node[int(token)]
        else:
            raise _Missing(token)
    return node


def _iter_refs(data: Any) -> list[tuple[str, list[str | int]]]:
    """Every ``$ref`` string in a document with the path to the object holding it.  The walk keeps
    each node's path as a linked (parent, key) pair and writes a path out only for a reference."""
    out: list[tuple[str, list[str | int]]] = []
    schema_maps = _SCHEMA_MAPS
    data_keys = _DATA_KEYS
    stack: list[tuple[Any, Any]] = [(data, None)]  # (node, (parent link, key) or None)
    while stack:
        node, link = stack.pop()
        if isinstance(node, dict):
            in_schema_map = link is not None and link[1] in schema_maps
            ref = node.get("$ref")
            if ref is not None and not in_schema_map:  # a property *named* "$ref" is no reference
                path: list[str | int] = []
                cursor = link
                while cursor is not None:
                    path.append(cursor[1])
                    cursor = cursor[0]
                path.reverse()
                out.append((ref, path))
            in_responses = link is not None and link[1] == "responses"
            for key, value in node.items():
                if isinstance(value, (dict, list)):
                    # `example(s)` and `const`/`default` values are data, not schema: a
                    # "$ref" key in them is not a reference ("default" in `responses` is a response)
                    if key in data_keys and not in_schema_map and not (key == "default" and in_responses):
                        continue
                    stack.append((value, (link, key)))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, (dict, list)):
                    stack.append((value, (link, index)))
    out.sort(key=lambda item: [str(p) for p in item[1]])
    return out


def _is_response(path: list[str | int]) -> bool:
    """A ``$ref`` held by a response: ``.../responses/<status>``."""
    return len(path) >= 2 and path[-2] == "responses"


_SCHEMA_MAPS = frozenset(("properties", "patternProperties", "schemas", "definitions", "$defs"))
_DATA_KEYS = frozenset(("example", "examples", "default", "const", "enum"))


def path_is_schema_map(path: list[str | int]) -> bool:
    """True where a key named like a keyword is really a name (``properties: {example: …}``)."""
    return bool(path) and path[-1] in _SCHEMA_MAPS


def resolve(root: Document, diags: Diagnostics, *, boundary: RefRoot | None = None,
            allow_outside_root: bool = False, allow_remote: bool = False) -> ResolvedSpec:
    """Load and check every file the spec refers to.  ``boundary`` is the folder references may reach
    (default: the spec's own folder, or none with ``allow_outside_root``)."""
    spec = ResolvedSpec(root=root)
    spec.documents[root.path] = root
    spec.by_display[root.display] = root
    diags.register(root.display, root)
    if boundary is None:
        boundary = RefRoot(None if allow_outside_root else root.path.parent, "the spec's folder")
    queue = [root]
    fatal = False
    refs: dict[Path, list[tuple[str, list[str | int]]]] = {}  # per document, walked once
    while queue:
        doc = queue.pop(0)
        refs[doc.path] = _iter_refs(doc.data)
        for ref, path in refs[doc.path]:
            loc = Location(doc.display).child(*path, "$ref")
            if not isinstance(ref, str):
                diags.error("$ref must be a string", loc)
                fatal = True
                continue
            url, fragment = urldefrag(ref)
            if fragment and not fragment.startswith("/"):
                diags.error(f"malformed $ref {ref!r}: the fragment must be a JSON pointer starting with '/'", loc)
                fatal = True
                continue
            target_doc = doc
            if url:
                if "://" in url or url.startswith("//"):
                    if not allow_remote:
                        diags.error(
                            f"remote $ref {ref!r} refused: remote references are never fetched unless "
                            "the config sets `allow_remote_refs: true`",
                            loc,
                        )
                    else:
                        diags.error(f"remote $ref {ref!r}: fetching remote references is not supported", loc)
                    fatal = True
                    continue
                try:
                    target_path = (doc.path.parent / unquote(url)).resolve()
                except (RuntimeError, OSError):  # a loop of symbolic links (RuntimeError before Python 3.13)
                    diags.error(f"$ref {ref!r}: {SYMLINK_LOOP}", loc)
                    fatal = True
                    continue
                refusal = boundary.refusal(target_path)
                if refusal is not None:
                    diags.error(f"$ref {ref!r} {refusal}", loc)
                    fatal = True
                    continue
                found = spec.documents.get(target_path)
                if found is None:
                    if len(spec.documents) >= MAX_FILES:
                        diags.error(f"more than {MAX_FILES} referenced files; refusing", loc)
                        raise SpecError(diags.errors())
                    try:
                        found = load_file(target_path, display_name(target_path))
                    except SpecError as exc:
                        if any("no such file" in d.message for d in exc.diagnostics) and _is_response(path):
                            # a response that cannot be read is left out (DigitalOcean's spec refers to
                            # a shared error response file it does not ship); not a request's shape
                            diags.lenient(f"dangling $ref {ref!r}: file not found; the response is left out", loc)
                            spec.dangling.add((doc.display, ref))
                            continue
                        if any("no such file" in d.message for d in exc.diagnostics):
                            diags.error(f"dangling $ref {ref!r}: file not found", loc)
                        else:
                            diags.items.extend(exc.diagnostics)
                        fatal = True
                        continue
                    spec.documents[target_path] = found
                    spec.by_display[found.display] = found
                    diags.register(found.display, found)
                    queue.append(found)
                target_doc = found
            try:
                _walk(target_doc.data, "#" + unquote(fragment))
            except _Missing:
                diags.error(f"dangling $ref {ref!r}: no such node", loc)
                fatal = True
            except ValueError:
                diags.error(f"malformed $ref {ref!r}", loc)
                fatal = True
    if not fatal:
        _check_cycles(spec, diags, refs)
        fatal = diags.has_errors
    if fatal:
        raise SpecError(diags.errors())
    return spec


def _check_cycles(spec: ResolvedSpec, diags: Diagnostics, refs: dict[Path, list[tuple[str, list[str | int]]]]) -> None:
    """A ``$ref`` whose chain of bare references comes back to itself can never resolve."""
    reaches_value: set[tuple[str, str]] = set()  # every link of a chain already followed to a value
    for doc in list(spec.documents.values()):
        for ref, path in refs[doc.path]:
            loc = Location(doc.display).child(*path)
            node: Any = {"$ref": ref}
            chain = {(loc.file, loc.pointer)}
            current = loc
            while isinstance(node, dict) and isinstance(node.get("$ref"), str) and len(node) == 1:
                try:
                    node, current = spec.target(node["$ref"], current)
                except DanglingRef:
                    break  # reported as a warning already
                key = (current.file, current.pointer)
                if key in reaches_value:
                    break  # the rest of this chain was followed before (chains stay linear, not quadratic)
                if key in chain:
                    diags.error(f"$ref {ref!r} is a reference cycle that never reaches a value", loc.child("$ref"))
                    return
                chain.add(key)
            reaches_value |= chain
