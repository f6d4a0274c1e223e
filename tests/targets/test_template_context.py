"""Every name a template reads is in its job's context: the target's typed view of the package
(``TypeScriptSdk``, ``RubySdk``...) and the job's own values, found by reading the template (so a
branch the sample spec does not take counts too), for each job the sample spec plans."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2 import meta, nodes
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import load_api
from sdkforge.render import make_environment
from sdkforge.targets import TARGETS
from sdkforge.targets.common.views import slots

SAMPLE = Path(__file__).resolve().parents[2] / "spec" / "openai-uploads.yaml"


def _reads(env: jinja2.Environment, name: str, seen: dict[str, set[str]]) -> set[str]:
    """The free names of a template and of the templates it includes (which share its context)."""
    if name not in seen:
        seen[name] = set()
        source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
        tree = env.parse(source)
        reads = set(meta.find_undeclared_variables(tree))
        # an included template also sees the names this one binds (a loop's variable, a set)
        bound = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "store"}
        for included in meta.find_referenced_templates(tree):
            if included is not None:
                reads |= _reads(env, included, seen) - bound
        seen[name] = reads
    return seen[name]


@pytest.mark.parametrize("target", ["python", "typescript", "ruby", "go"])
def test_every_name_a_template_reads_is_in_its_context(target: str) -> None:
    diags = Diagnostics()
    api = load_api(SAMPLE, diags).api
    plan = TARGETS[target]
    env = make_environment(target, plan.filters)
    jobs = plan.plan(api, load_api(SAMPLE, diags).config, diags)
    seen: dict[str, set[str]] = {}
    missing = {f"{job.template}: {name}" for job in jobs if job.template is not None
               for name in _reads(env, job.template, seen) - job.context.keys() - env.globals.keys()}
    assert sorted(missing) == []


def test_job_values_cannot_shadow_the_view() -> None:
    from dataclasses import dataclass

    @dataclass
    class View:
        client: str

    assert slots(View("C"), res=1) == {"client": "C", "res": 1}
    with pytest.raises(ValueError, match="client"):
        slots(View("C"), client="other")
