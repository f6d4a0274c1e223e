"""render_jobs builds each page's Jinja context itself (the template's globals kept as a plain dict): a
page renders as Template.render renders it, globals, inheritance and imports included, and a template
that fails still points at its own line."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2
import pytest

from sdkforge.render import RenderJob, make_environment, render_jobs

TEMPLATES = {
    "base.j2": "<{% block main %}{% endblock %}>{{ v }}|{% for i in range(2) %}{{ i }}{% endfor %}\n",
    "child.j2": '{% extends "base.j2" %}{% from "macros.j2" import shout %}'
                "{% block main %}{{ shout(v) }}{% set ns = namespace(n=v) %}{{ ns.n }}{% endblock %}",
    "macros.j2": "{% macro shout(x) %}{{ x|upper }}!{% endmacro %}",
    "broken.j2": "line one\n{{ v.missing.deeper }}\n",
}


@pytest.fixture()
def env(tmp_path: Path) -> jinja2.Environment:
    folder = tmp_path / "templates" / "t"
    folder.mkdir(parents=True)
    for name, text in TEMPLATES.items():
        (folder / name).write_text(text)
    return make_environment("t", {}, tmp_path / "templates")


def test_a_page_renders_as_template_render_renders_it(env: jinja2.Environment) -> None:
    jobs = [RenderJob(path=f"{i}.txt", template=name, context={"v": value})
            for i, (name, value) in enumerate([("child.j2", "a"), ("base.j2", "b"), ("child.j2", "c")])]
    got = {path: data.decode() for path, data in render_jobs(env, jobs)}
    # (render_jobs ends every file with a newline)
    want = {job.path: env.get_template(job.template).render(**job.context).rstrip("\n") + "\n" for job in jobs}
    assert got == want and got["0.txt"] == "<A!a>a|01\n"


def test_a_failing_template_points_at_its_own_line(env: jinja2.Environment) -> None:
    class View:
        pass

    with pytest.raises(jinja2.UndefinedError) as failure:
        list(render_jobs(env, [RenderJob(path="x.txt", template="broken.j2", context={"v": View()})]))
    frames = traceback.extract_tb(failure.value.__traceback__)
    assert any(frame.filename.endswith("broken.j2") and frame.lineno == 2 for frame in frames)
