"""Each top-level resource's models and params types are importable from its own types package
(``from openai.types.fine_tuning import FineTuningJob``), as in OpenAI's own SDK, the same classes
as ``types`` exports: imported, type-checked with mypy --strict, and left out where a model's
module already has the resource's name.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import yaml
from support.sdk_runs import generate_sdk

ITEM = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"},
                                                              "method": {"$ref": "#/components/schemas/Method"}}}
SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Tune", "version": "1.0.0"},
    "servers": [{"url": "https://api.example.com"}],
    "paths": {
        "/fine_tuning/jobs": {"post": {
            "operationId": "createJob",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/JobRequest"}}}},
            "responses": {"200": {"description": "OK", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Job"}}}}}}},
        "/widgets": {"get": {"operationId": "getWidgets", "responses": {"200": {
            "description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Widgets"}}}}}}},
    },
    "components": {"schemas": {
        "Job": ITEM,
        "Method": {"type": "object", "properties": {"epochs": {"type": "integer"}}},
        "JobRequest": {"type": "object", "required": ["method"],
                       "properties": {"method": {"$ref": "#/components/schemas/Method"}}},
        "Widgets": {"type": "object", "properties": {"count": {"type": "integer"}}},
    }},
}


def test_a_resource_types_package_reexports_what_its_operations_reach(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    sdk = generate_sdk(spec, tmp_path / "out", "python")
    types = sdk / "src" / "tune" / "types"
    assert (types / "fine_tuning" / "__init__.py").is_file()
    # the resource `widgets` shares its name with the module of the model `Widgets`: the module stays
    assert (types / "widgets.py").is_file() and not (types / "widgets").exists()
    (tmp_path / "use.py").write_text(
        "from tune.types import Method as TopMethod\n"
        "from tune.types.fine_tuning import Job, Method, MethodParam\n"
        "assert Method is TopMethod\n"
        "job: Job = Job.construct_from({'id': 'j1', 'method': {'epochs': 2}})\n"
        "assert isinstance(job.method, Method) and job.method.epochs == 2\n"
        "param: MethodParam = {'epochs': 3}\n"
        "print(sorted(__import__('tune.types.fine_tuning', fromlist=['x']).__all__))\n")
    env_path = str(sdk / "src")
    done = subprocess.run([sys.executable, str(tmp_path / "use.py")], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    exported = ast.literal_eval(done.stdout)  # a printed list of names
    assert {"Job", "Method", "MethodParam", "JobRequest"} <= set(exported) and "Widgets" not in exported
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(tmp_path / "use.py")],
                          capture_output=True, text=True, timeout=300, env={"MYPYPATH": env_path, "PATH": "/usr/bin:/bin"})
    assert mypy.returncode == 0, mypy.stdout
