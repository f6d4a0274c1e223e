"""Calling a real spec's operations from all four SDKs: sampling, the reduced spec, and the verdicts.

``reduce_spec`` keeps at most ``limit`` operations of a spec, chosen deterministically (evenly spaced
over the operations sorted by path and method), and the components they reach; a multi-file spec's
folder is copied so its relative ``$ref``\\ s still resolve.  ``call_operations`` generates each SDK
from the reduced spec with no config, runs its own generated per-method tests through a
:class:`~support.recorder.RecordingProxy` in front of Prism, and says per language which operations
were called and which were accepted; every rejection keeps Prism's reason.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote

from sdkforge.openapi.load import load_file

from .prism import PrismServer
from .recorder import Recorded, RecordingProxy
from .sdk_runs import LANGUAGES, SdkRun, generate_sdk, run_generated_tests

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
LIMIT = 60


def operations(doc: dict[str, Any]) -> list[tuple[str, str]]:
    paths = doc.get("paths") if isinstance(doc.get("paths"), dict) else {}
    return sorted((str(path), method) for path, item in paths.items() if isinstance(item, dict)
                  for method in item if method in METHODS)


def sample(ops: list[tuple[str, str]], limit: int = LIMIT) -> list[tuple[str, str]]:
    if len(ops) <= limit:
        return list(ops)
    return [ops[(index * len(ops)) // limit] for index in range(limit)]


def _refs(node: Any) -> Iterator[str]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key in ("$ref", "$recursiveRef", "$dynamicRef") and isinstance(value, str):
                    yield value
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def _prune_components(doc: dict[str, Any]) -> None:
    """Drop the local components (and Swagger 2.0 definitions/parameters/responses) that nothing
    kept refers to; security schemes stay."""
    sections = {"definitions": 2, "parameters": 2, "responses": 2, "components": 3}
    keep: set[tuple[str, ...]] = set()
    todo = [doc.get("paths"), doc.get("webhooks"), doc.get("security")]
    while todo:
        node = todo.pop()
        for ref in _refs(node):
            if not ref.startswith("#/"):
                continue
            parts = tuple(p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/"))
            depth = sections.get(parts[0]) if parts else None
            if depth is None or len(parts) < depth or parts[:depth] in keep:
                continue
            keep.add(parts[:depth])
            target: Any = doc
            for part in parts[:depth]:
                target = target.get(part) if isinstance(target, dict) else None
            todo.append(target)
    for section, depth in sections.items():
        holder = doc.get(section)
        if not isinstance(holder, dict):
            continue
        if depth == 2:
            doc[section] = {k: v for k, v in holder.items() if (section, str(k)) in keep}
        else:
            for kind, entries in list(holder.items()):
                if kind == "securitySchemes" or not isinstance(entries, dict):
                    continue
                holder[kind] = {k: v for k, v in entries.items() if (section, kind, str(k)) in keep}


def reduce_spec(spec: Path, out: Path, limit: int = LIMIT, multi_file: bool = False) -> tuple[Path, list[tuple[str, str]]]:
    """A copy of ``spec`` with at most ``limit`` operations; returns its path and the operations kept."""
    doc = load_file(spec).data
    assert isinstance(doc, dict)
    doc = copy.deepcopy(doc)
    kept = sample(operations(doc), limit)
    wanted = set(kept)
    paths: dict[str, Any] = {}
    for path, item in doc.get("paths", {}).items():
        if not isinstance(item, dict):
            continue
        methods = {m for m in item if m in METHODS and (str(path), m) in wanted}
        if methods:
            paths[path] = {k: v for k, v in item.items() if k not in METHODS or k in methods}
    doc["paths"] = paths
    doc.pop("webhooks", None)
    _prune_components(doc)
    out.mkdir(parents=True, exist_ok=True)
    if multi_file:
        folder = out / "spec"
        shutil.copytree(spec.parent, folder, dirs_exist_ok=True)
        target = folder / (spec.stem + ".reduced.json")
    else:
        target = out / (spec.stem + ".json")
    target.write_text(json.dumps(doc))
    return target, kept


def _route(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(path)) + "/?$")


@dataclass
class LanguageResult:
    lang: str
    called: set[tuple[str, str]] = field(default_factory=set)
    accepted: set[tuple[str, str]] = field(default_factory=set)
    rejected: dict[tuple[str, str], str] = field(default_factory=dict)  # op -> Prism's reason
    strays: list[str] = field(default_factory=list)  # requests no sampled operation matches
    run: SdkRun | None = None

    def to_json(self, kept: list[tuple[str, str]]) -> dict[str, Any]:
        return {
            "sampled": len(kept),
            "called": len(self.called),
            "accepted": len(self.accepted),
            "tests_passed": self.run.passed if self.run else 0,
            "tests_failed": self.run.failed if self.run else 0,
            "not_called": [f"{m.upper()} {p}" for p, m in kept if (p, m) not in self.called],
            "rejected": {f"{m.upper()} {p}": why for (p, m), why in sorted(self.rejected.items())},
            "strays": self.strays[:20],
            "test_output": (self.run.output[-4000:] if self.run and not self.run.ok else ""),
        }


def reason(rec: Recorded) -> str:
    """Prism's reason for a rejection, in one line: its ``sl-violations`` header (set when the spec's
    own error response was served), else its problem document."""
    violations = next((v for k, v in rec.answer_headers if k.lower() == "sl-violations"), None)
    if violations:
        try:
            found = json.loads(violations)
            return f"{rec.status}: " + "; ".join(
                f"{'.'.join(map(str, v.get('path', [])))}: {v.get('message')}" for v in found[:3])[:400]
        except ValueError:
            return f"{rec.status}: {violations[:300]}"
    try:
        answer = json.loads(rec.answer)
    except ValueError:
        return f"{rec.status}: {rec.answer[:200].decode('utf-8', 'replace')}"
    if not isinstance(answer, dict):
        return f"{rec.status}"
    detail = answer.get("detail") or ""
    problems = answer.get("validation") or []
    if problems:
        detail = "; ".join(f"{'.'.join(map(str, p.get('location', [])))}: {p.get('message')}" for p in problems[:3])
    return f"{rec.status} {answer.get('title', '')}: {detail}"[:400]


def judge(lang: str, kept: list[tuple[str, str]], requests: list[Recorded]) -> LanguageResult:
    # literal segments before parameters: /pets/mine is not /pets/{id}
    routes = sorted(((path, method, _route(path)) for path, method in kept),
                    key=lambda r: (r[0].count("{"), -len(r[0])))
    result = LanguageResult(lang)
    for rec in requests:
        # the path as sent, or percent-decoded (a key's own "<upload_url>" goes out as %3Cupload_url%3E)
        paths = (rec.path, unquote(rec.path))
        match = next(((p, m) for p, m, route in routes if m.upper() == rec.method
                      and any(route.match(path) for path in paths)), None)
        if match is None:
            result.strays.append(f"{rec.method} {rec.target} -> {rec.status}")
            continue
        result.called.add(match)
        if 200 <= rec.status < 300:
            if match not in result.rejected:
                result.accepted.add(match)
        else:
            result.accepted.discard(match)
            result.rejected.setdefault(match, reason(rec))
    return result


def call_operations(spec: Path, work: Path, prism: PrismServer, langs: tuple[str, ...] = LANGUAGES,
                    kept: list[tuple[str, str]] | None = None) -> dict[str, LanguageResult]:
    sampled = kept if kept is not None else operations(load_file(spec).data)

    def one(lang: str) -> LanguageResult:
        sdk = generate_sdk(spec, work / lang, lang)
        with RecordingProxy(prism.url, tag=lang) as proxy:
            run = run_generated_tests(lang, sdk, proxy.url, work)
            requests = list(proxy.requests)
        result = judge(lang, sampled, requests)
        result.run = run
        return result

    # two at a time: the machine has two cores, and a compile (tsc, go) overlaps a quick run well
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(langs, pool.map(one, langs)))
