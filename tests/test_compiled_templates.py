"""The built-in templates' compiled code is kept beside them (like ``__pycache__``), never used for a
stale template, never kept for a user's templates, and never part of a generation's inputs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jinja2

from sdkforge import cache, render

REPO = Path(__file__).resolve().parents[1]


def _env(templates: Path, compiled: render._CompiledTemplates) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=compiled,
                              **render._ENV_OPTIONS)


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    templates, folder = tmp_path / "templates", tmp_path / "compiled"
    templates.mkdir()
    folder.mkdir()
    page = templates / "page.j2"
    page.write_text("one {{ x }}\n")
    assert _env(templates, render._CompiledTemplates(str(folder), True)).get_template("page.j2").render(x=1) == "one 1\n"
    assert len(list(folder.iterdir())) == 1  # kept
    page.write_text("two {{ x }}\n")  # same name, new source: the kept code is not used
    assert _env(templates, render._CompiledTemplates(str(folder), True)).get_template("page.j2").render(x=2) == "two 2\n"


def test_a_read_only_cache_writes_nothing(tmp_path: Path) -> None:
    templates, folder = tmp_path / "templates", tmp_path / "compiled"
    templates.mkdir()
    folder.mkdir()
    (templates / "page.j2").write_text("{{ x }}\n")
    assert _env(templates, render._CompiledTemplates(str(folder), False)).get_template("page.j2").render(x=3) == "3\n"
    assert list(folder.iterdir()) == []


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.j2").write_text("{{ x }}\n")
    compiled = render._CompiledTemplates(str(tmp_path / "missing"), True)  # writing fails: compile only
    assert _env(templates, compiled).get_template("page.j2").render(x=4) == "4\n"
    assert compiled.writable is False


def test_user_templates_get_no_compiled_cache(tmp_path: Path) -> None:
    assert render.make_environment("python", {}, user_templates=tmp_path).bytecode_cache is None


def test_precompiling_compiles_every_builtin_template_and_leaves_the_fingerprint_alone(tmp_path: Path) -> None:
    before = cache._code_digest()
    done = subprocess.run([sys.executable, "-m", "sdkforge.render"], capture_output=True, text=True, timeout=120,
                          cwd=REPO)
    assert done.returncode == 0, done.stderr
    count = int(done.stdout.split()[1])
    assert count == len(list((REPO / "templates").rglob("*.j2")))
    compiled = render._compiled_templates()
    assert compiled is not None and len(list(Path(compiled.directory).glob("*.cache"))) >= count
    assert cache._code_digest() == before  # compiled code is not an input of the generation
