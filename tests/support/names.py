"""Public names nobody would write, found in a generated SDK's recorded surface
(``OUT/.sdkforge/surface.json``): shared by tests/test_corpus.py and benchmarks/names_report.py.

Three kinds, per language:

* ``repeat``: a name that says the same word twice where its source does not: a method under a
  resource of its own name (``containers.create.create``), a resource inside itself
  (``teams.teams``), a type with a doubled suffix (``ToolParamParam``);
* ``query``: a name made from a query string in the path key (``responses_beta_true``);
* ``number``: a name whose last word ends in a number the spec does not give it there
  (``import_2``, ``Files2``, ``ToolVariant0``); ``oauth2``, ``v1`` and Twilio's ``2010`` are
  the spec's own.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any


_GENERATED_WORD = re.compile(r"variant[0-9]+")
# the checker's own word split (not the generator's, so a before/after comparison measures both
# generators with one rule): `createUploadPart2` -> create, upload, part2; `v1.5` -> v1, 5
_WORD = re.compile(r"[A-Z]+(?![a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[0-9]+[a-z]*")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]
_TRAILING_DIGITS = re.compile(r"[0-9]+$")


def _source_words(*texts: str) -> set[str]:
    out: set[str] = set()
    for text in texts:
        out.update(w for w in words(text) if not _GENERATED_WORD.fullmatch(w))
        out.update(_flat(part) for part in re.split(r"[/{}?&=.]", text) if not _GENERATED_WORD.search(_flat(part)))
    return out


def _flat(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _numbered(name: str, sources: set[str]) -> bool:
    """The name ends in digits, and no word of its source ends it (as the target spells it:
    Go's `V1Alpha1` is the path's `v1alpha1`, TypeScript's `bgeBaseEnV15` its `bge-base-en-v1.5`)."""
    flat = _flat(name)
    if not _TRAILING_DIGITS.search(flat):
        return False
    return not any(source and source[-1].isdigit() and flat.endswith(source) for source in sources)


# words a generator adds to a type's name; doubled, it added one to a name that had it already
# (`ToolParamParam`); a field named for its type (`AssistantObject.object`) is the spec's doing
_SUFFIXES = frozenset({"param", "params", "request", "response", "body"})


def _doubled(name: str, source: str) -> bool:
    parts = words(name)
    pairs = {(a, b) for a, b in zip(parts, parts[1:]) if a == b and a in _SUFFIXES}
    have = set(zip(words(source), words(source)[1:]))
    return bool(pairs - have)


def problems(surface: dict[str, Any], operation_ids: dict[str, str]) -> list[tuple[str, str, str]]:
    """``(kind, name, origin)`` of every offending public name in one language's surface.
    ``operation_ids``: "METHOD /path" -> operationId, from the coverage report's ``names``."""
    out: list[tuple[str, str, str]] = []
    for method in surface.get("methods", []):
        path, origin = method["path"], method.get("origin", "")
        segments = [s for s in re.split(r"\.|::", path) if s]
        flat = [re.sub(r"[^a-z0-9]", "", s.lower()) for s in segments]
        op_path = origin.partition(" ")[2]
        bare, _, query = op_path.partition("?")
        sources = _source_words(bare, operation_ids.get(origin, ""))
        if any(a == b for a, b in zip(flat, flat[1:])):
            out.append(("repeat", path, origin))
        for pair in filter(None, query.split("&")):
            key, _, value = pair.partition("=")
            glued = re.sub(r"[^a-z0-9]", "", (key + value).lower())
            if value and any(glued in f for f in flat):
                out.append(("query", path, origin))
        if any(_numbered(segment, sources) for segment in segments):
            out.append(("number", path, origin))
    for decl in surface.get("types", []):
        name = re.split(r"::|\.", decl["name"])[-1]
        origin = decl.get("origin", "")
        if _numbered(name, _source_words(origin, *origin.split("."))):
            out.append(("number", decl["name"], origin))
        if _doubled(name, origin.replace(".", " ")):
            out.append(("repeat", decl["name"], origin))
    return out


def count(found: list[tuple[str, str, str]]) -> dict[str, int]:
    counts = Counter(kind for kind, _, _ in found)
    return {kind: counts.get(kind, 0) for kind in ("repeat", "query", "number")}
