"""Output safety: the generator writes inside ``--out`` only, never through planted symlinks,
never touches files it did not write, and a failed generation leaves the previous output as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "spec" / "openai-uploads.yaml"
TARGETS = ["python", "typescript", "ruby", "go", "docs"]

EVIL_NAMES = ["../../evil", "..", ".", "/abs/evil", "/", "a/b/../../../evil", "..\\..\\evil", "C:\\evil", "~",
              "$HOME", "evil\x00.txt", "con", "aux.py", "__init__", ".git", ".sdkforge", "node_modules", "-rf"]


def sdkforge(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sdkforge.cli", *map(str, args)], capture_output=True, text=True,
                          errors="replace", cwd=cwd, timeout=600, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def snapshot(root: Path, *, skip: Path | None = None) -> dict[str, bytes | str]:
    """Every file, folder and link under ``root`` (links by target, files by content)."""
    out: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_dir():
            out[rel] = "dir"
        else:
            out[rel] = path.read_bytes()
    return out


def evil_spec() -> dict[str, object]:
    paths: dict[str, object] = {}
    schemas: dict[str, object] = {}
    for i, name in enumerate(EVIL_NAMES):
        schemas[name] = {"type": "object", "title": name, "properties": {name: {"type": "string"},
                                                                         "x": {"$ref": "#/components/schemas/Nested"}}}
        ref = "#/components/schemas/" + quote(name.replace("~", "~0").replace("/", "~1"), safe="")
        segment = name.replace("/", "%2F") or "empty"
        paths[f"/{segment}/{{id}}/{i}"] = {"post": {
            "operationId": name, "tags": [name],
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "requestBody": {"content": {"application/json": {"schema": {
                "type": "object", "title": name, "properties": {name: {"type": "object", "title": name,
                                                                       "properties": {"y": {"type": "string"}}}}}}}},
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": ref}}}}},
            "x-oaiMeta": {"name": name, "group": name},
        }}
    schemas["Nested"] = {"type": "object", "properties": {"../../z": {"type": "object", "title": "../../nested",
                                                                      "properties": {"a": {"type": "string"}}}}}
    return {"openapi": "3.1.0", "info": {"title": "../../evil", "version": "../1"},
            "servers": [{"url": "file:///etc/passwd"}], "paths": paths, "components": {"schemas": schemas}}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sandbox: spec/ (the spec + a hostile config), work/ (cwd), out/ deep inside it."""
    root = tmp_path_factory.mktemp("sandbox")
    (root / "spec").mkdir()
    (root / "work" / "a" / "b").mkdir(parents=True)
    spec = root / "spec" / "evil.json"
    spec.write_text(json.dumps(evil_spec()))
    (root / "spec" / "evil.sdkforge.yaml").write_text(
        "name: ../../evil\n"
        "targets:\n"
        "  python: {package: ../../evil_py, client: ../Evil}\n"
        "  typescript: {package: ../../evil-ts, client: ../Evil}\n"
        "  ruby: {gem: ../../evil_rb, module: ../Evil}\n"
        "  go: {module: ../../evil/go, package: ../evil}\n"
    )
    return root


def test_nothing_is_written_outside_out(sandbox: Path) -> None:
    out = sandbox / "work" / "a" / "b" / "out"
    before = snapshot(sandbox)
    result = sdkforge("generate", sandbox / "spec" / "evil.json", "--out", out, cwd=sandbox / "work" / "a" / "b")
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in (0, 2), result.stderr[-3000:]
    after = snapshot(sandbox, skip=out)
    assert after == before, sorted(set(after) ^ set(before))
    if result.returncode == 0:
        # every target produced output, all of it inside out/<target>/
        produced = {p.relative_to(out).parts[0] for p in out.rglob("*") if p.is_file()}
        assert set(TARGETS) <= produced
        for path in out.rglob("*"):
            assert not path.is_symlink()
            assert out.resolve() in path.resolve().parents
            assert "\x00" not in path.name and "\\" not in path.name


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generation of the sample spec, to copy from (generating is the slow part)."""
    root = tmp_path_factory.mktemp("sample")
    result = sdkforge("generate", SAMPLE, "--out", root / "out", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "out"


def _fresh(sample_out: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(sample_out, out, symlinks=True)
    return out


@pytest.mark.parametrize("where", ["python/src", "typescript/src/resources", "ruby/lib", "go/internal", "docs/python"])
def test_symlinked_folder_in_out_is_not_followed(sample_out: Path, tmp_path: Path, where: str) -> None:
    out = _fresh(sample_out, tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    victim = out / where
    shutil.rmtree(victim)
    victim.symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    result = sdkforge("generate", SAMPLE, "--out", out, cwd=tmp_path)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-3000:]
    assert snapshot(outside) == before
    if result.returncode == 0:  # it may replace the link by a real folder, never write through it
        assert not victim.is_symlink()
    else:
        assert result.returncode == 1 and "outside the output folder" in result.stderr


@pytest.mark.parametrize("rel", ["python/README.md", "typescript/package.json", "ruby/lib/openai.rb", "go/go.mod",
                                 "docs/index.html", ".sdkforge/manifest.json"])
def test_symlinked_file_in_out_is_not_written_through(sample_out: Path, tmp_path: Path, rel: str) -> None:
    out = _fresh(sample_out, tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("do not overwrite")
    (out / rel).unlink()
    (out / rel).symlink_to(secret)
    result = sdkforge("generate", SAMPLE, "--out", out, cwd=tmp_path)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-3000:]
    assert secret.read_text() == "do not overwrite"
    assert result.returncode in (0, 1), result.stderr


def test_out_itself_may_be_a_symlink(sample_out: Path, tmp_path: Path) -> None:
    """`--out` naming a symlink to a folder is the user's choice: output goes into the folder it names."""
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    result = sdkforge("generate", SAMPLE, "--out", link, "--target", "go", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (real / "go" / "go.mod").is_file()


def test_tampered_manifest_cannot_remove_files_outside_out(sample_out: Path, tmp_path: Path) -> None:
    """The manifest lists what a previous run wrote: an edited one naming outside files (with their
    right checksums, so they look unmodified) must not make the generator delete them."""
    out = _fresh(sample_out, tmp_path)
    victims = [tmp_path / "victim.txt", tmp_path / "deep" / "victim2.txt"]
    for victim in victims:
        victim.parent.mkdir(exist_ok=True)
        victim.write_text("precious")
    manifest_path = out / ".sdkforge" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    digest = hashlib.sha256(b"precious").hexdigest()
    for rel in ["../victim.txt", "python/../../victim.txt", str(victims[1]), "python/../../deep/victim2.txt"]:
        manifest["files"][rel] = {"target": "python", "sha256": digest}
    manifest_path.write_text(json.dumps(manifest))
    (out / ".sdkforge" / "state.json").unlink(missing_ok=True)
    result = sdkforge("generate", SAMPLE, "--out", out, cwd=tmp_path)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-3000:]
    for victim in victims:
        assert victim.read_text() == "precious"


def _broken_templates(tmp_path: Path, target: str, template: str, text: str) -> Path:
    folder = tmp_path / "templates"
    (folder / target / template).parent.mkdir(parents=True, exist_ok=True)
    (folder / target / template).write_text(text)
    return folder


@pytest.mark.parametrize(("target", "template", "text"), [
    ("python", "README.md.j2", "{% if %}broken"),                     # syntax error
    ("docs", "model.html.j2", "{{ no_such_variable.attr }}"),         # undefined at render time (last target)
    ("ruby", "lib/model.rb.j2", "{% for x in 5 %}{% endfor %}"),      # type error at render time
    ("go", "go.mod.j2", "{{ 1 // 0 }}"),                              # ZeroDivisionError
])
def test_failed_generation_leaves_previous_output_untouched(sample_out: Path, tmp_path: Path, target: str,
                                                             template: str, text: str) -> None:
    out = _fresh(sample_out, tmp_path)
    (out / "python" / "my_notes.txt").write_text("user file")
    before = snapshot(out)
    # a changed spec, so that a successful run would rewrite files
    spec = tmp_path / "spec.yaml"
    spec.write_text(SAMPLE.read_text().replace("Creates an intermediate", "CHANGED: creates an intermediate"))
    config = SAMPLE.with_name("openai-uploads.sdkforge.yaml")
    templates = _broken_templates(tmp_path, target, template, text)
    result = sdkforge("generate", spec, "--config", config, "--out", out, "--templates", templates, cwd=tmp_path)
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_files_the_generator_did_not_write_survive(sample_out: Path, tmp_path: Path) -> None:
    """User files anywhere in the output (even named like generated ones, even in generated folders)
    survive a regeneration from a spec with fewer operations; stale generated files are removed."""
    out = _fresh(sample_out, tmp_path)
    planted = {
        "notes.txt": b"top",
        "python/src/openai/custom.py": b"# mine\n",
        "python/.git/config": b"[core]\n",
        "typescript/src/resources/extra.ts": b"export {};\n",
        "ruby/lib/openai/models/mine.rb": b"# mine\n",
        "go/mine.go": b"package openai\n",
        "docs/python/models/mine.html": b"<p>mine</p>\n",
        ".sdkforge/notes": b"x",
    }
    for rel, data in planted.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    # hand-edit one generated file: it must be kept too, even when it goes stale
    edited = out / "python" / "src" / "openai" / "resources" / "files.py"
    edited.write_text(edited.read_text() + "\n# hand edit\n")
    spec = tmp_path / "fewer.yaml"
    text = SAMPLE.read_text()
    start = text.index("  /files:")
    end = text.index("\ncomponents:")
    assert "/uploads" in text[:start] and "/files" not in text[end:].split("\n", 1)[0]
    spec.write_text(text[:start] + text[end:])
    config = SAMPLE.with_name("openai-uploads.sdkforge.yaml")
    result = sdkforge("generate", spec, "--config", config, "--out", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    for rel, data in planted.items():
        assert (out / rel).read_bytes() == data, rel
    assert edited.read_text().endswith("# hand edit\n")
    # stale generated files of the dropped /files resource are gone
    assert not (out / "typescript" / "src" / "resources" / "files.ts").exists()
    assert not (out / "go" / "files.go").exists()
