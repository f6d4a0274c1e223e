"""`pip install .` gives a working `sdkforge` with its templates inside the wheel; each generated
SDK passes its ecosystem's own publishing checks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / "node_modules" / ".bin"
# the sample (MIT, config metadata) and a real spec naming a license by name only ("Apache 2.0")
SPECS = {"sample": REPO / "spec" / "openai-uploads.yaml",
         "petstore-expanded": REPO.parent / "shared" / "specs" / "real" / "petstore-expanded-3.0" /
         "petstore-expanded.yaml"}


def test_wheel_contains_templates_and_generates(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(REPO)],
        check=True,
        timeout=300,
    )
    (wheel,) = dist.glob("sdkforge-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "sdkforge/templates/python/runtime/_base_client.py.j2" in names
    assert "sdkforge/cli.py" in names and "sdkforge/ir/model.py" in names
    assert not [n for n in names if "__pycache__" in n]  # compiled templates and modules stay local
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    py = env_dir / "bin" / "python"
    # dependencies come from the test venv's site-packages, so no network is needed
    site = next(Path(p) for p in sys.path if p.endswith("site-packages"))
    (env_dir / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages" /
     "deps.pth").write_text(str(site) + "\n")
    subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True, timeout=300)
    out = tmp_path / "out"
    result = subprocess.run(
        [str(env_dir / "bin" / "sdkforge"), "generate", str(REPO / "spec" / "openai-uploads.yaml"), "--out", str(out),
         "--target", "python"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (out / "python" / "src" / "openai" / "_client.py").exists()
    imported = subprocess.run([str(py), "-c", "import sdkforge, sys; print(sdkforge.__file__)"],
                              capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert str(env_dir) in imported.stdout


def run(cmd: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, check=False, timeout=600,
                          env={**os.environ, **(env or {})})
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{out[-4000:]}"
    return out


@pytest.fixture(scope="module", params=list(SPECS))
def sdks(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = SPECS[request.param]
    if not spec.exists():
        pytest.skip(f"{spec} is not beside the repository (../shared)")
    diags = Diagnostics()
    out = tmp_path_factory.mktemp(request.param)
    generate(load_api(spec, diags), out, ["python", "typescript", "ruby", "go"], diags)
    assert not diags.has_errors, diags.lines()
    return out


def _committed(package: Path) -> Path:
    """The package as a user's repository holds it (what its .gitignore leaves out shows up later)."""
    run(["git", "init", "-q"], package)
    run(["git", "add", "-A"], package)
    run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "generated"], package)
    return package


def _untracked(package: Path) -> str:
    return run(["git", "status", "--porcelain", "--untracked-files=all"], package)


def test_python_package_builds_and_passes_twine_check(sdks: Path) -> None:
    package = _committed(sdks / "python")
    # the dev environment's setuptools (>= 77, as the package asks): no index needed
    run([sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "."], package)
    built = sorted(p.name for p in (package / "dist").iterdir())
    assert [name.endswith(".whl") for name in built] == [True, False] and built[1].endswith(".tar.gz"), built
    checked = run([sys.executable, "-m", "twine", "check", "--strict", *sorted((package / "dist").iterdir())], package)
    assert checked.count("PASSED") == 2, checked
    wheel = zipfile.ZipFile(next((package / "dist").glob("*.whl")))
    metadata = wheel.read(next(n for n in wheel.namelist() if n.endswith("/METADATA"))).decode()
    assert "License-Expression: " in metadata and any(n.endswith("/licenses/LICENSE") for n in wheel.namelist())
    assert _untracked(package) == ""  # build/, dist/ and *.egg-info are ignored


def test_typescript_package_packs_and_passes_publint(sdks: Path) -> None:
    package = _committed(sdks / "typescript")
    run([BIN / "tsc", "-p", "tsconfig.json"], package)  # what `prepack` runs
    packed = json.loads(subprocess.run(["npm", "pack", "--dry-run", "--json", "--ignore-scripts"], cwd=package,
                                       capture_output=True, text=True, check=True, timeout=300).stdout)[0]
    files = {f["path"] for f in packed["files"]}
    assert {"package.json", "README.md", "LICENSE", "CHANGELOG.md", "dist/index.js", "dist/index.d.ts"} <= files
    linted = run([BIN / "publint", "--strict"], package)
    assert "All good!" in linted, linted
    run(["npm", "pack", "--ignore-scripts", "--silent"], package)
    assert _untracked(package) == ""  # dist/ and the .tgz are ignored


def test_ruby_gem_builds_without_warnings(sdks: Path) -> None:
    if shutil.which("gem") is None:
        pytest.fail("`gem` (Debian's ruby) is not installed: run `make setup`")
    package = _committed(sdks / "ruby")
    (gemspec,) = package.glob("*.gemspec")
    built = run(["gem", "build", gemspec.name], package)
    assert "Successfully built RubyGem" in built and "WARNING" not in built, built
    assert _untracked(package) == ""  # the .gem is ignored


def test_go_module_vets_and_verifies(sdks: Path, tmp_path: Path) -> None:
    package = sdks / "go"
    env = {"GOCACHE": os.environ.get("SDKFORGE_GOCACHE") or str(tmp_path / "gocache"), "GOFLAGS": "-mod=mod"}
    run(["go", "vet", "./..."], package, env)
    assert "all modules verified" in run(["go", "mod", "verify"], package, env)
    assert (package / "README.md").is_file() and (package / "LICENSE").is_file()
