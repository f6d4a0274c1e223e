"""generated/ is the committed output for spec/: regenerate into a temp dir and compare byte for byte."""

from __future__ import annotations

import difflib
from pathlib import Path

from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api
from sdkforge.targets import TARGETS

REPO = Path(__file__).resolve().parents[1]
GENERATED = REPO / "generated"


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".sdkforge" not in p.relative_to(root).parts
    }


def test_generated_matches_a_fresh_generation(tmp_path: Path) -> None:
    diags = Diagnostics()
    loaded = load_api(REPO / "spec" / "openai-uploads.yaml", diags)
    generate(loaded, tmp_path, list(TARGETS), diags)
    assert not diags.has_errors
    fresh, committed = _files(tmp_path), _files(GENERATED)
    problems: list[str] = []
    for rel in sorted(set(fresh) | set(committed)):
        if rel not in committed:
            problems.append(f"missing from generated/: {rel}")
        elif rel not in fresh:
            problems.append(f"stale in generated/ (no longer generated): {rel}")
        elif fresh[rel] != committed[rel]:
            diff = difflib.unified_diff(
                committed[rel].decode("utf-8", "replace").splitlines(),
                fresh[rel].decode("utf-8", "replace").splitlines(),
                f"generated/{rel}",
                f"fresh/{rel}",
                lineterm="",
                n=1,
            )
            problems.append("\n".join(list(diff)[:30]))
    assert not problems, "generated/ is out of date; run `make run` and commit:\n" + "\n".join(problems[:20])


def test_every_target_is_in_the_snapshot() -> None:
    present = {p.name for p in GENERATED.iterdir() if p.is_dir() and not p.name.startswith(".")}
    assert set(TARGETS) <= present
