"""A target may split its pages over worker processes (the docs do, by language): the output is the same
bytes as one process makes, and shards that would write the same file are refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sdkforge.diagnostics import Diagnostics, GenerationError
from sdkforge.pipeline import _tasks, generate, load_api
from sdkforge.progress import WORKERS, Timings
from sdkforge.write import Staged

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "spec" / "openai-uploads.yaml"


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".sdkforge" not in p.parts}


def _generate(out: Path, jobs: str, targets: list[str]) -> Timings:
    old = os.environ.get("SDKFORGE_JOBS")
    os.environ["SDKFORGE_JOBS"] = jobs
    try:
        diags = Diagnostics()
        timings = Timings()
        generate(load_api(SPEC, diags), out, targets, diags, timings=timings)
        return timings
    finally:
        if old is None:
            os.environ.pop("SDKFORGE_JOBS")
        else:
            os.environ["SDKFORGE_JOBS"] = old


def test_docs_are_sharded_over_workers() -> None:
    tasks = _tasks(["python", "docs", "go"], workers=2)
    assert tasks[:2] == [("docs", 0, 2), ("docs", 1, 2)] and ("python", 0, 1) in tasks
    assert _tasks(["docs"], workers=1) == [("docs", 0, 1)]


def test_sharded_docs_equal_one_process(tmp_path: Path) -> None:
    _generate(tmp_path / "one", "1", ["docs", "go"])
    _generate(tmp_path / "two", "2", ["docs", "go"])
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert len(one) > 100 and one.keys() == two.keys()
    assert [rel for rel in one if one[rel] != two[rel]] == []
    # every language's pages, the root pages and the assets are there once
    for lang in ("python", "typescript", "ruby", "go", "http"):
        assert f"docs/{lang}/index.html" in two and f"docs/{lang}/nav.js" in two
    assert "docs/index.html" in two and "docs/assets/docs.js" in two


def test_a_sharded_target_alone_uses_its_shards(tmp_path: Path) -> None:
    one, two = _generate(tmp_path / "one", "1", ["docs"]), _generate(tmp_path / "two", "2", ["docs"])
    assert "render" in one.phases and "render" + WORKERS not in one.phases
    assert "render" + WORKERS in two.phases and "render" not in two.phases
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_shards_writing_the_same_file_are_refused() -> None:
    a = Staged(target="docs", files={"docs/a.md": "1"}, written=["docs/a.md"])
    b = Staged(target="docs", files={"docs/a.md": "2"}, written=["docs/a.md"])
    with pytest.raises(GenerationError):
        a.merge(b)
    c = Staged(target="docs", files={"docs/b.md": "3"})
    merged = a.merge(c)
    assert merged.files == {"docs/a.md": "1", "docs/b.md": "3"} and merged.written == ["docs/a.md"]


def test_shards_start_from_the_site_the_parent_prepared() -> None:
    """The docs' language-neutral part (layout, trees, examples, descriptions) is built once, before the
    fork: both shards plan and render from it and add nothing to what it memoised."""
    from sdkforge.render import make_environment, render_jobs
    from sdkforge.targets import get_target
    from sdkforge.targets.docs.plan import DocsPlanner, Site

    target = get_target("docs")
    loaded = load_api(SPEC, Diagnostics())
    target.prepare(loaded.api, loaded.config)
    site = Site.of(loaded.api, loaded.config)
    rows, parts = dict(site.neutral._rows), dict(site.neutral._parts)
    assert rows and parts
    env = make_environment("docs", target.filters)
    for shard in range(2):
        planner = DocsPlanner(loaded.api, loaded.config, Diagnostics(), shard, 2)
        assert planner.site is site and planner.trees is site.trees and planner.neutral is site.neutral
        assert list(render_jobs(env, planner.plan()))
    assert site.neutral._rows.keys() == rows.keys() and site.neutral._parts.keys() == parts.keys()
    # another API (or config) gets its own site
    other = load_api(SPEC, Diagnostics())
    assert Site.of(other.api, other.config) is not site
