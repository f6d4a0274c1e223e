"""--format: black in-process, for custom templates that emit unformatted Python, only on changed files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "spec" / "openai-uploads.yaml"
UGLY = "__title__={{ pkg.name | py_str }}\n__version__ =   {{ pkg.version | py_str }}\nx = [ 1,2 ,3 ]\n"


def _black_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "black", "--check", "-q", "--line-length", "120", str(root)],
                          capture_output=True, text=True)


@pytest.fixture()
def custom_templates(tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    (templates / "python" / "package").mkdir(parents=True)
    (templates / "python" / "package" / "_version.py.j2").write_text(UGLY)
    return templates


def _run(spec: Path, out: Path, templates: Path, format_code: bool) -> tuple[list[str], int]:
    """Generate the Python target in-process; returns the written files and how often black ran."""
    import black

    calls = 0
    real = black.format_str

    def counting(src: str, *, mode: black.Mode) -> str:
        nonlocal calls
        calls += 1
        return real(src, mode=mode)

    black.format_str = counting  # type: ignore[assignment]
    try:
        diags = Diagnostics()
        loaded = load_api(spec, diags)
        result = generate(loaded, out, ["python"], diags, templates=templates, format_code=format_code)
    finally:
        black.format_str = real  # type: ignore[assignment]
    return result.written, calls


def test_custom_template_output_is_formatted_only_with_format(tmp_path: Path, custom_templates: Path) -> None:
    plain = tmp_path / "plain"
    _, calls = _run(SPEC, plain, custom_templates, format_code=False)
    assert calls == 0
    version = next(plain.rglob("_version.py"))
    assert "x = [ 1,2 ,3 ]" in version.read_text()
    assert _black_check(plain / "python").returncode == 1  # the custom template's output is not black-clean

    formatted = tmp_path / "formatted"
    written, calls = _run(SPEC, formatted, custom_templates, format_code=True)
    assert calls == len([rel for rel in written if rel.endswith((".py", ".pyi"))]) > 10
    assert "x = [1, 2, 3]" in next(formatted.rglob("_version.py")).read_text()
    assert _black_check(formatted / "python").returncode == 0


def test_format_runs_only_on_files_whose_content_changed(tmp_path: Path, custom_templates: Path) -> None:
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    spec = spec_dir / SPEC.name
    shutil.copy(SPEC, spec)
    for extra in SPEC.parent.glob(SPEC.stem + ".sdkforge.*"):
        shutil.copy(extra, spec_dir / extra.name)
    out = tmp_path / "out"
    _run(spec, out, custom_templates, format_code=True)
    written, calls = _run(spec, out, custom_templates, format_code=True)
    assert (written, calls) == ([], 0)  # nothing changed: black never ran

    text = spec.read_text()
    edited = text.replace("Completes the [Upload]", "Finishes the [Upload]", 1)
    assert edited != text
    spec.write_text(edited)
    written, calls = _run(spec, out, custom_templates, format_code=True)
    assert written and calls == len([rel for rel in written if rel.endswith(".py")]) < 10, written
    assert _black_check(out / "python").returncode == 0

    # a formatted file edited by hand is rewritten (the manifest's hash no longer matches)
    version = next(out.rglob("_version.py"))
    version.write_text("tampered = 1\n")
    written, calls = _run(spec, out, custom_templates, format_code=True)
    assert written == [str(version.relative_to(out))] and calls == 1
