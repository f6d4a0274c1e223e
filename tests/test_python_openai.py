"""The Python SDK generated from the full OpenAI spec (288 operations, ~1950 types): every
operation is a method, every module imports, ``mypy --strict`` and ``ruff``/``black`` pass,
and importing the package stays lazy."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import load_api

OPENAI_SPEC = Path(__file__).resolve().parents[2] / "shared" / "specs" / "real" / "openai" / "openapi.yaml"
VENV_BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(not OPENAI_SPEC.is_file(), reason="the shared OpenAI spec is not on this machine")


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(cmd)} failed:\n{output[-6000:]}"
    return output


@pytest.fixture(scope="session")
def full_py(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("py-openai")
    run([str(VENV_BIN / "sdkforge"), "generate", str(OPENAI_SPEC), "--target", "python", "--out", str(out)], out)
    return out / "python"


def _env(project: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env["PYTHONPATH"] = str(project / "src")
    return env


def test_derived_names(full_py: Path) -> None:
    # no config: names come from info.title "OpenAI API" (a trailing "API" dropped, acronyms kept)
    assert (full_py / "src" / "openai" / "_client.py").is_file()
    client = (full_py / "src" / "openai" / "_client.py").read_text()
    assert "class OpenAI(SyncAPIClient):" in client and "class AsyncOpenAI(AsyncAPIClient):" in client
    assert '"OPENAI_API_KEY"' in client


def test_every_operation_is_a_method(full_py: Path) -> None:
    api = load_api(OPENAI_SPEC, Diagnostics()).api
    expected = sorted((op.method, op.path) for op in api.operations)
    assert len(expected) == 288
    found: dict[str, list[tuple[str, str]]] = {"sync": [], "async": []}
    for path in (full_py / "src" / "openai" / "resources").rglob("*.py"):
        for cls in ast.parse(path.read_text()).body:
            if not isinstance(cls, ast.ClassDef) or cls.name.endswith("Response"):
                continue
            flavour = "async" if cls.name.startswith("Async") else "sync"
            for node in ast.walk(cls):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "request" and isinstance(node.args[0], ast.Constant)):
                    route = node.args[1]
                    if isinstance(route, ast.Call):  # path_template("/x/{id}", id=id)
                        route = route.args[0]
                    assert isinstance(route, ast.Constant)
                    found[flavour].append((node.args[0].value, route.value))
    assert sorted(found["sync"]) == expected
    assert sorted(found["async"]) == expected


def test_every_module_imports_and_every_method_is_reachable(full_py: Path) -> None:
    api = load_api(OPENAI_SPEC, Diagnostics()).api
    script = r"""
import importlib, inspect, json, pathlib, sys
root = pathlib.Path(sys.argv[1])
modules = sorted(".".join(p.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
                 for p in (root / "openai").rglob("*.py"))
for name in modules:
    importlib.import_module(name)
import openai
client, aclient = openai.OpenAI(api_key="x"), openai.AsyncOpenAI(api_key="x")
routes = []
def walk(obj, aobj, chain):
    for name in sorted(dir(type(obj))):
        if name.startswith("_") or name in ("with_raw_response", "with_streaming_response", "with_options", "copy"):
            continue
        attr = getattr(type(obj), name)
        if isinstance(attr, property) or hasattr(attr, "__set_name__") and not inspect.isfunction(attr):
            child = getattr(obj, name)
            if hasattr(child, "_client"):
                walk(child, getattr(aobj, name), chain + [name])
        elif inspect.isfunction(attr) and chain:
            assert callable(getattr(aobj, name)), chain + [name]
            routes.append(".".join(chain + [name]))
walk(client, aclient, [])
print(json.dumps({"modules": len(modules), "methods": len(routes)}))
"""
    out = run([sys.executable, "-c", script, str(full_py / "src")], full_py, env=_env(full_py))
    counts = json.loads(out.strip().splitlines()[-1])
    assert counts["modules"] > 2900
    assert counts["methods"] == len(api.operations) == 288


def test_full_openai_passes_mypy_strict_black_and_ruff(full_py: Path, tmp_path: Path) -> None:
    out = run([str(VENV_BIN / "mypy"), "--strict", "--cache-dir", str(tmp_path), "src"], full_py)
    assert "Success: no issues found" in out
    run([str(VENV_BIN / "ruff"), "check", "--no-cache", "-q", "."], full_py)
    run([str(VENV_BIN / "black"), "--check", "-q", "."], full_py)


def test_import_is_lazy(full_py: Path) -> None:
    script = r"""
import json, sys, time
started = time.perf_counter()
import openai
bare = time.perf_counter() - started
bare_modules = sorted(m for m in sys.modules if m.split(".")[0] in ("openai", "httpx", "pydantic"))
started = time.perf_counter()
from openai import OpenAI
OpenAI(api_key="x").chat.completions
first_use = time.perf_counter() - started
loaded = [m for m in sys.modules if m.startswith("openai.")]
print(json.dumps({"bare": bare, "bare_modules": bare_modules, "first_use": first_use, "loaded": len(loaded)}))
"""
    run([sys.executable, "-c", "import openai.types"], full_py, env=_env(full_py))  # compile bytecode first
    out = run([sys.executable, "-c", script], full_py, env=_env(full_py))
    facts = json.loads(out.strip().splitlines()[-1])
    assert facts["bare_modules"] == ["openai"], "import openai must not load the runtime, httpx or pydantic"
    assert facts["bare"] < 0.2  # generous: the machine may be loaded; the module check above is the real one
    # reaching chat.completions loads its own resource and types, not the API's ~2900 modules
    assert facts["loaded"] < 200, facts
    print(f"import openai: {facts['bare']:.4f}s; OpenAI(...).chat.completions: {facts['first_use']:.3f}s")
