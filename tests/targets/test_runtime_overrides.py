"""``--templates`` overrides every file a target writes from its templates folder, runtime sources
included: an override of each runtime file of each SDK target is what reaches the output."""

from __future__ import annotations

from pathlib import Path

import pytest
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api
from sdkforge.render import builtin_templates_dir

SAMPLE = Path(__file__).resolve().parents[2] / "spec" / "openai-uploads.yaml"

# each SDK's runtime: the code it writes the same for every spec (templates with few or no slots,
# and source files copied as they are)
RUNTIME = {
    "python": ["runtime/*"],
    "typescript": ["src/*.ts"],
    "ruby": ["lib/internal/*", "sig/runtime.rbs.j2"],
    "go": ["internal/core/*", "option/*", "ssestream/*"],
}


def _runtime_files(target: str) -> list[str]:
    root = builtin_templates_dir() / target
    found = {path.relative_to(root).as_posix() for pattern in RUNTIME[target] for path in root.glob(pattern)
             if path.is_file()}
    return sorted(found)


@pytest.mark.parametrize("target", sorted(RUNTIME))
def test_override_of_every_runtime_file_is_used(target: str, tmp_path: Path) -> None:
    files = _runtime_files(target)
    assert len(files) >= 3  # (the globs still find the runtime)
    user = tmp_path / "templates"
    for rel in files:
        override = user / target / rel
        override.parent.mkdir(parents=True, exist_ok=True)
        original = (builtin_templates_dir() / target / rel).read_text("utf-8")
        override.write_text(f"overridden runtime file {rel}\n{original}", "utf-8")
    diags = Diagnostics()
    generate(load_api(SAMPLE, diags), tmp_path / "out", [target], diags, templates=user)
    written = "\n".join(path.read_text("utf-8") for path in (tmp_path / "out" / target).rglob("*")
                        if path.is_file())
    missing = [rel for rel in files if f"overridden runtime file {rel}\n" not in written]
    assert missing == []
