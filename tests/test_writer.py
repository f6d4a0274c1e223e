"""Stage 7: the writer — only changed files, manifest, stale removal, user files untouched, safety."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sdkforge.diagnostics import GenerationError
from sdkforge.write import MANIFEST, write_output


def test_writes_only_changed_files_and_keeps_user_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = write_output(out, {"python": {"python/a.py": b"a\n", "python/pkg/b.py": b"b\n"}})
    assert sorted(first.written) == ["python/a.py", "python/pkg/b.py"]
    (out / "python" / "custom.py").write_text("mine\n")
    mtime = (out / "python" / "a.py").stat().st_mtime_ns
    second = write_output(out, {"python": {"python/a.py": b"a\n", "python/pkg/b.py": b"B\n"}})
    assert second.written == ["python/pkg/b.py"] and second.unchanged == ["python/a.py"]
    assert (out / "python" / "a.py").stat().st_mtime_ns == mtime
    third = write_output(out, {"python": {"python/a.py": b"a\n"}})
    assert third.removed == ["python/pkg/b.py"]
    assert not (out / "python" / "pkg").exists()  # emptied folder pruned
    assert (out / "python" / "custom.py").read_text() == "mine\n"
    manifest = json.loads((out / MANIFEST).read_text())
    assert sorted(manifest["files"]) == ["python/a.py"]


def test_other_targets_are_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_output(out, {"python": {"python/a.py": b"a"}, "go": {"go/a.go": b"package a"}})
    result = write_output(out, {"python": {"python/a.py": b"a"}})
    assert result.removed == []
    assert (out / "go" / "a.go").exists()


def test_hand_edited_stale_file_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_output(out, {"python": {"python/a.py": b"a", "python/b.py": b"b"}})
    (out / "python" / "b.py").write_text("edited by hand")
    result = write_output(out, {"python": {"python/a.py": b"a"}})
    assert result.kept_modified == ["python/b.py"] and result.removed == []
    assert (out / "python" / "b.py").read_text() == "edited by hand"


def test_check_mode_writes_nothing_and_reports_diffs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_output(out, {"python": {"python/a.py": b"one\ntwo\n"}})
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    result = write_output(out, {"python": {"python/a.py": b"one\nTWO\n", "python/new.py": b"x\n"}}, check=True)
    assert result.changed == ["python/a.py", "python/new.py"]
    assert "-two" in result.diffs["python/a.py"] and "+TWO" in result.diffs["python/a.py"]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("bad", ["../evil.py", "/etc/passwd", "a/../../evil", "a//b", "a\\b", ""])
def test_paths_outside_the_output_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(GenerationError):
        write_output(tmp_path / "out", {"python": {bad: b"x"}})
    assert not (tmp_path / "evil.py").exists()


def test_symlinked_folder_leading_outside_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    outside = tmp_path / "outside"
    outside.mkdir()
    (out / "python").mkdir(parents=True)
    os.symlink(outside, out / "python" / "link")
    with pytest.raises(GenerationError):
        write_output(out, {"python": {"python/link/x.py": b"x"}})
    assert list(outside.iterdir()) == []


def test_no_temporary_files_are_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_output(out, {"python": {f"python/m{i}.py": b"x" for i in range(20)}})
    assert not [p for p in out.rglob("*.tmp")]


def test_staging_is_removed_after_success_and_failure(tmp_path: Path) -> None:
    from sdkforge.write import Transaction

    out = tmp_path / "out"
    write_output(out, {"python": {"python/a.py": b"a\n", "python/pkg/b.py": b"b\n"}})
    assert sorted(p.name for p in (out / ".sdkforge").iterdir()) == ["manifest.json"]
    transaction = Transaction(out)
    stager = transaction.stager("python")
    stager.add("python/a.py", b"changed\n")  # staged, not yet in place
    assert (out / "python" / "a.py").read_bytes() == b"a\n"
    transaction.abort()  # e.g. another target failed to render
    assert (out / "python" / "a.py").read_bytes() == b"a\n"
    assert sorted(p.name for p in (out / ".sdkforge").iterdir()) == ["manifest.json"]


def test_a_target_may_only_write_into_its_folder(tmp_path: Path) -> None:
    with pytest.raises(GenerationError):
        write_output(tmp_path / "out", {"python": {"go/a.go": b"package a\n"}})
    assert not (tmp_path / "out" / "go").exists()


def test_abandoned_staging_of_a_dead_run_is_cleaned(tmp_path: Path) -> None:
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    out = tmp_path / "out"
    leftover = out / ".sdkforge" / f"staging-{dead.stdout.strip()}-xyz" / "python"
    leftover.mkdir(parents=True)
    (leftover / "a.py").write_bytes(b"half\n")
    write_output(out, {"python": {"python/a.py": b"a\n"}})
    assert not leftover.parent.exists()
    assert (out / "python" / "a.py").read_bytes() == b"a\n"


def test_cold_target_lands_whole_and_warm_target_file_by_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = write_output(out, {"go": {f"go/p{i}/f.go": b"package p\n" for i in range(5)}})
    assert len(first.written) == 5 and all((out / rel).read_bytes() == b"package p\n" for rel in first.written)
    (out / "go" / "mine.txt").write_text("user file\n")
    second = write_output(out, {"go": {**{f"go/p{i}/f.go": b"package p\n" for i in range(5)}, "go/new/n.go": b"n\n"}})
    assert second.written == ["go/new/n.go"] and len(second.unchanged) == 5
    assert (out / "go" / "mine.txt").read_text() == "user file\n"


def test_manifest_lines_are_what_json_would_write(tmp_path: Path) -> None:
    """The manifest is written one file per line by a fast path; it must read back as the same data,
    for the writer's own entries and for odd ones kept from an edited manifest."""
    import json

    from sdkforge.write import MANIFEST, _entry_json, save_manifest

    entries = {
        "python/a.py": {"sha256": "0" * 64, "target": "python"},
        "python/é \"q\"\n.py": {"rendered": "1" * 64, "sha256": "2" * 64, "target": "python"},
        "docs/x": {"sha256": "3", "target": "docs", "note": "kept from an edited manifest"},
        "docs/y": {"sha256": 7, "target": ["odd"]},
    }
    for entry in entries.values():
        assert _entry_json(entry) == json.dumps(entry, sort_keys=True)
    save_manifest(tmp_path, entries)
    text = (tmp_path / MANIFEST).read_text()
    assert json.loads(text) == {"generator": "sdkforge", "version": 1, "files": entries}
    assert len(text.splitlines()) == len(entries) + 6  # one line per file
