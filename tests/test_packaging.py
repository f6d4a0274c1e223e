"""`pip install .` gives a working `sdkforge` with its templates inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


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
