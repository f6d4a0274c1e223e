"""Real specs are called, not just compiled: every SDK's generated tests against Prism.

For each corpus spec (the small ones in `make test`, all 19 in `make corpus`), at most 60
operations are sampled deterministically (``support.corpus_calls``), the four SDKs are generated
from that reduced spec with no config, and each SDK's own generated per-method tests call every
sampled operation through a recording proxy in front of Prism, which validates each request
(parameters, body, auth, Accept) against the spec (its mock responses are not held to the spec:
real specs' examples often break their own schemas, and the SDKs keep what arrived).  Per spec and language the operations called and
accepted go to tests/.artifacts/corpus-calls/<spec>.json, which benchmarks/corpus_report.py puts in
benchmarks/CORPUS.md.  An operation that is not called, or is rejected, fails the test unless
tests/cases/corpus-known-failures.yaml lists it with its cause (and a listed one that now passes
fails too, so the list stays true).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from support.corpus import entries
from support.corpus_calls import call_operations, reduce_spec
from support.prism import PrismServer
from support.sdk_runs import LANGUAGES

REPO = Path(__file__).resolve().parents[1]
FULL = os.environ.get("SDKFORGE_CORPUS") == "full"
ARTIFACTS = REPO / "tests" / ".artifacts" / "corpus-calls"
KNOWN = REPO / "tests" / "cases" / "corpus-known-failures.yaml"
QUICK = {"petstore-3.0", "petstore-expanded-3.0", "callback-example-3.0", "link-example-3.0", "tictactoe-3.1"}
MULTI_FILE = {"digitalocean"}
ENTRIES = [e for e in entries() if (FULL or e[0] in QUICK) and e[0] != "webhook-example-3.1"]  # no operations


def known_failures() -> dict[str, dict[str, dict[str, str]]]:
    """spec -> language ("all" for every one) -> "METHOD /path" -> cause."""
    if not KNOWN.exists():
        return {}
    data = yaml.safe_load(KNOWN.read_text()) or {}
    return {str(spec): {str(lang): {str(op): str(why) for op, why in (ops or {}).items()}
                        for lang, ops in (langs or {}).items() if lang != PRISM_CANNOT_LOAD}
            for spec, langs in data.items()}


PRISM_CANNOT_LOAD = "prism-cannot-load"  # a spec's entry: Prism itself does not start on it (the cause)
PRISM_LOAD_BUDGET = 150  # seconds Prism gets to start on such a spec before it counts as not starting


def prism_cannot_load(name: str) -> str | None:
    if not KNOWN.exists():
        return None
    entry = (yaml.safe_load(KNOWN.read_text()) or {}).get(name) or {}
    return str(entry[PRISM_CANNOT_LOAD]) if PRISM_CANNOT_LOAD in entry else None


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "spec"), ENTRIES, ids=[e[0] for e in ENTRIES])
def test_corpus_operations_are_called_and_accepted(name: str, spec: Path, tmp_path: Path) -> None:
    reduced, kept = reduce_spec(spec, tmp_path / "spec", multi_file=name in MULTI_FILE)
    cannot_load = prism_cannot_load(name)
    if cannot_load is not None:
        # Prism's own failure, shown to be one: it does not start on the reduced spec; the day it does,
        # this fails and the entry goes
        with pytest.raises(RuntimeError, match="Prism did not accept HTTP"):
            with PrismServer(reduced, errors=False, start_timeout=PRISM_LOAD_BUDGET):
                pass
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"{name}.json").write_text(json.dumps(
            {"spec": name, "sampled": len(kept), "operations": [f"{m.upper()} {p}" for p, m in kept],
             "prism_cannot_load": cannot_load, "languages": {}}, indent=1) + "\n")
        return
    # without --errors: Prism still rejects every request that breaks the spec (422, 401, 404...), but
    # a mock response that breaks the spec (a real spec's examples often do) reaches the SDK as it is
    # instead of a 500: the SDKs keep what arrived (docs/WIRE.md, Responses).  A spec as large as
    # Stripe's takes Prism more than a minute to read.
    with PrismServer(reduced, errors=False, start_timeout=240) as prism:
        results = call_operations(reduced, tmp_path / "sdks", prism, LANGUAGES, kept)
        prism_alive = prism._proc is not None and prism._proc.poll() is None
        prism_log = prism.output()[-3000:]
    summary: dict[str, Any] = {"spec": name, "sampled": len(kept), "operations": [f"{m.upper()} {p}" for p, m in kept],
                               "languages": {lang: r.to_json(kept) for lang, r in results.items()}}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.json").write_text(json.dumps(summary, indent=1) + "\n")
    assert prism_alive, f"Prism died while {name} was called (a Prism failure, not an SDK's):\n{prism_log}"
    known = known_failures().get(name, {})
    problems = []
    for lang, result in results.items():
        listed = {**known.get("all", {}), **known.get(lang, {})}
        data = summary["languages"][lang]
        failing = {op: f"not called" for op in data["not_called"]} | data["rejected"]
        unexplained = {op: why for op, why in failing.items() if op not in listed}
        fixed = [op for op in listed if op not in failing]
        if unexplained:
            problems.append(f"{lang}: {len(unexplained)} of {len(kept)} not accepted:\n" + "\n".join(
                f"  {op}: {why}" for op, why in sorted(unexplained.items())) +
                (f"\n  generated tests:\n{data['test_output'][-2500:]}" if data["test_output"] else ""))
        if fixed:
            problems.append(f"{lang}: listed as failing but accepted now (update {KNOWN.name}): {fixed}")
    assert not problems, f"{name}:\n" + "\n".join(problems)
