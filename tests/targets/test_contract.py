"""One target contract: every target keeps ``sdkforge.render.Target`` (what the pipeline uses of
it, all of it), checked by the type checker and at run time; the registry is a plain mapping."""

from __future__ import annotations

import inspect
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from sdkforge import targets
from sdkforge.render import Target
from sdkforge.targets import ORDER, TARGETS

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", list(ORDER))
def test_target_keeps_the_contract(name: str) -> None:
    target = TARGETS[name]
    assert isinstance(target, Target)
    assert target.name == name
    assert isinstance(target.shards, int) and target.shards >= 1
    assert target.formatter is None or callable(target.formatter)
    assert all(callable(f) for f in target.filters.values())
    # the pipeline asks every target for one part of its plan
    inspect.signature(target.plan).bind(None, None, None, shard=0, shards=target.shards)


def test_type_checker_holds_every_target_to_the_contract() -> None:
    # each target module declares `TARGET: Target = ...`: mypy refuses a target that lacks a member
    # or has one of another type (errors elsewhere in the package are not this test's)
    modules = [str(REPO / "generator" / "targets" / name / "__init__.py") for name in ORDER]
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
                          "--no-error-summary", *modules], capture_output=True, text=True, cwd=REPO, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_registry_is_a_plain_mapping_in_order() -> None:
    assert isinstance(TARGETS, Mapping) and not isinstance(TARGETS, dict)
    assert list(TARGETS) == list(TARGETS.keys()) == list(ORDER)
    assert [t.name for t in TARGETS.values()] == list(ORDER)
    assert dict(TARGETS.items()) == {name: TARGETS[name] for name in ORDER}
    with pytest.raises(KeyError):
        TARGETS["cobol"]
    assert "cobol" not in TARGETS and targets.get_target("go") is TARGETS["go"]


def test_listing_targets_imports_none_of_them() -> None:
    code = ("import sys; from sdkforge.targets import TARGETS; names = list(TARGETS); 'go' in TARGETS; "
            "print(names, [m for m in sys.modules if m.startswith('sdkforge.targets.')])")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == f"{list(ORDER)} []"
