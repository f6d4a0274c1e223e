"""Compiler-style diagnostics.

Every stage reports problems as :class:`Diagnostic` objects collected in a
:class:`Diagnostics` sink.  A diagnostic points at a spec node by file and JSON
pointer; the line and column are looked up lazily through a *locator* (the
loader registers one per file), so the hot path never pays for positions it
does not print.

Rendered form::

    spec/openai-uploads.yaml:41:9: error: message (#/paths/~1uploads/post)
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Literal, NamedTuple, Protocol, TextIO

Severity = Literal["error", "warning", "note"]


def escape_pointer_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(pointer: str, *tokens: str | int) -> str:
    """Append tokens to a JSON pointer written as ``#/a/b``."""
    out = pointer
    for token in tokens:
        out = f"{out}/{escape_pointer_token(token)}"
    return out


def split_pointer(pointer: str) -> list[str]:
    """``#/a/b~1c`` -> ``["a", "b/c"]``."""
    body = pointer[1:] if pointer.startswith("#") else pointer
    if body in ("", "/"):
        return []
    if not body.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [
        part.replace("~1", "/").replace("~0", "~") for part in body[1:].split("/")
    ]


def printable(text: str) -> str:
    """``text`` for a one-line diagnostic: a character that is not printable (a newline, a control
    character, a line or paragraph separator) is written as its escape, as ``repr`` writes it."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def did_you_mean(given: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """``; did you mean `x`?`` naming the known word nearest to ``given``, or "" when none is near."""
    near = difflib.get_close_matches(given, list(known), n=1, cutoff=cutoff)
    return f"; did you mean `{printable(near[0])}`?" if near else ""


class Location(NamedTuple):
    """Where a node of the input lives: a file and a JSON pointer into it.  (A named tuple: the IR
    build makes one per schema node, and a frozen dataclass costs several times as much to make.)"""

    file: str
    pointer: str = "#"

    def child(self, *tokens: str | int) -> "Location":
        out = self.pointer
        for token in tokens:
            text = str(token)
            if "~" in text or "/" in text:
                text = text.replace("~", "~0").replace("/", "~1")
            out = f"{out}/{text}"
        return Location(self.file, out)


class Locator(Protocol):
    def __call__(self, pointer: str) -> tuple[int, int] | None: ...


@dataclass(slots=True)
class Diagnostic:
    severity: Severity
    message: str
    file: str | None = None
    pointer: str | None = None
    line: int | None = None
    col: int | None = None
    code: str | None = None

    def format(self, locate: Callable[[str, str], tuple[int, int] | None] | None = None) -> str:
        line, col = self.line, self.col
        if line is None and self.file and self.pointer is not None and locate:
            pos = locate(self.file, self.pointer)
            if pos:
                line, col = pos
        where = ""
        if self.file:
            where = f"{self.file}:{line or 1}:{col or 1}: "
        suffix = f" ({printable(self.pointer)})" if self.pointer is not None else ""
        return f"{where}{self.severity}: {self.message}{suffix}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file or "", self.line or 0, self.col or 0, self.pointer or "", self.message)


@dataclass
class Diagnostics:
    """A sink of diagnostics with lazy position lookup per file."""

    items: list[Diagnostic] = field(default_factory=list)
    strict: bool = False
    locators: dict[str, Locator] = field(default_factory=dict)
    display_names: dict[str, str] = field(default_factory=dict)
    # file -> finds many pointers' positions in one pass (called before rendering a batch)
    prefetchers: dict[str, Callable[[list[str]], None]] = field(default_factory=dict)
    # file -> maps the pointers of diagnostics reported from now on (into a document made from the
    # file: an upgraded Swagger 2.0 spec) to the file's own
    pointer_maps: dict[str, Callable[[str], str]] = field(default_factory=dict)

    def register(self, display: str, document: Any) -> None:
        """Positions in ``display`` come from ``document`` (``locate(pointer)``, ``prefetch(pointers)``);
        once :meth:`map_pointers` is called for ``display``, from the user's document it was given."""
        if display in self.pointer_maps:
            return
        self.locators[display] = document.locate
        self.prefetchers[display] = document.prefetch

    def map_pointers(self, display: str, user_document: Any, original: Callable[[str], str]) -> None:
        """Diagnostics about ``display`` reported from now on point at ``original(pointer)``, a node of
        ``user_document`` (the file as the user wrote it), which gives their positions from now on."""
        self.pointer_maps.pop(display, None)
        self.register(display, user_document)
        self.pointer_maps[display] = original

    def error(self, message: str, loc: Location | None = None, *, code: str | None = None,
              line: int | None = None, col: int | None = None, file: str | None = None) -> Diagnostic:
        return self._add("error", message, loc, code, line, col, file)

    def warning(self, message: str, loc: Location | None = None, *, code: str | None = None,
                line: int | None = None, col: int | None = None, file: str | None = None) -> Diagnostic:
        return self._add("warning", message, loc, code, line, col, file)

    def lenient(self, message: str, loc: Location | None = None, *, code: str | None = None) -> Diagnostic:
        """A problem that degrades output: a warning, or an error under ``--strict``."""
        return self._add("error" if self.strict else "warning", message, loc, code, None, None, None)

    def _add(self, severity: Severity, message: str, loc: Location | None, code: str | None,
             line: int | None, col: int | None, file: str | None) -> Diagnostic:
        pointer = loc.pointer if loc else None
        if self.pointer_maps and loc and pointer is not None and loc.file in self.pointer_maps:
            pointer = self.pointer_maps[loc.file](pointer)
        diag = Diagnostic(
            severity=severity,
            message=message,
            file=loc.file if loc else file,
            pointer=pointer,
            line=line,
            col=col,
            code=code,
        )
        self.items.append(diag)
        return diag

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def locate(self, file: str, pointer: str) -> tuple[int, int] | None:
        locator = self.locators.get(file)
        if locator is None:
            return None
        try:
            return locator(pointer)
        except Exception:  # a locator must never turn a diagnostic into a crash
            return None

    def render(self, diag: Diagnostic) -> str:
        text = diag.format(self.locate)
        if diag.file and diag.file in self.display_names:
            text = self.display_names[diag.file] + text[len(diag.file):]
        return text

    def lines(self, items: Iterable[Diagnostic] | None = None) -> list[str]:
        """The rendered diagnostics, duplicates dropped, in report order."""
        out: list[str] = []
        seen: set[str] = set()
        items = list(items if items is not None else self.items)
        wanted: dict[str, list[str]] = {}
        for diag in items:
            if diag.line is None and diag.file in self.prefetchers and diag.pointer is not None:
                wanted.setdefault(diag.file, []).append(diag.pointer)
        for file, pointers in wanted.items():
            try:
                self.prefetchers[file](pointers)
            except Exception:  # positions are best effort: never a crash
                pass
        for diag in items:
            text = self.render(diag)
            if text not in seen:
                seen.add(text)
                out.append(text)
        return out

    def emit(self, stream: TextIO | None = None, items: Iterable[Diagnostic] | None = None) -> None:
        from . import colour

        stream = stream or sys.stderr
        on = colour.enabled(stream)
        for text in self.lines(items):
            stream.write(colour.diagnostic(text, on) + "\n")


class SpecError(Exception):
    """Input that cannot be used at all (exit code 2). Carries its diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("; ".join(d.message for d in diagnostics))


class GenerationError(Exception):
    """Generation failed for a reason that is not the input's fault (exit code 1)."""
