"""application/x-www-form-urlencoded request bodies (Stripe-style) are encoded the same way by
the Python and TypeScript SDKs, declared as Stripe declares them (deepObject encodings): nested objects
as key[sub], lists as key[], an object in a list indexed (key[0][sub])."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl

from support.scripted_server import ScriptedServer, Step

REPO = Path(__file__).resolve().parents[1]
TSC = REPO / "node_modules" / ".bin" / "tsc"

SPEC = """openapi: 3.0.3
info: {title: Forms, version: '1'}
servers: [{url: 'https://forms.invalid'}]
paths:
  /v1/customers:
    post:
      operationId: PostCustomers
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                expand: {type: array, items: {type: string}}
                metadata: {type: object, additionalProperties: {type: string}}
                address:
                  type: object
                  properties:
                    city: {type: string}
                    lines: {type: array, items: {type: string}}
                items:
                  type: array
                  items: {type: object, properties: {price: {type: string}, quantity: {type: integer}}}
            encoding:
              expand: {style: deepObject, explode: true}
              items: {style: deepObject, explode: true}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
"""

ARGS = {
    "name": "Jenny Rosen",
    "expand": ["sources", "tax"],
    "metadata": {"order": "6735"},
    "address": {"city": "Paris", "lines": ["1 rue", "b"]},
    "items": [{"price": "p_1", "quantity": 2}],
}
EXPECTED = [
    ("name", "Jenny Rosen"),
    ("expand[]", "sources"),
    ("expand[]", "tax"),
    ("metadata[order]", "6735"),
    ("address[city]", "Paris"),
    ("address[lines][]", "1 rue"),
    ("address[lines][]", "b"),
    ("items[0][price]", "p_1"),
    ("items[0][quantity]", "2"),
]


def _generate(tmp_path: Path) -> Path:
    spec = tmp_path / "forms.yaml"
    spec.write_text(SPEC)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(spec), "--out", str(out),
                             "--target", "python,typescript"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "sent as JSON" not in result.stderr
    return out


def _check(server: ScriptedServer) -> None:
    (request,) = server.requests
    assert request.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert parse_qsl(request.body.decode(), keep_blank_values=True) == EXPECTED


def test_python_and_typescript_send_the_same_form(tmp_path: Path) -> None:
    out = _generate(tmp_path)
    with ScriptedServer() as server:
        server.script([Step("POST", "/v1/customers", body={"id": "cus_1"})])
        script = (
            "import json, sys\n"
            "from forms import Forms\n"
            "client = Forms(base_url=sys.argv[1], max_retries=0)\n"
            f"print(client.customers.create(**json.loads({json.dumps(json.dumps(ARGS))})).id)\n"
        )
        result = subprocess.run([sys.executable, "-c", script, server.url], capture_output=True, text=True,
                                timeout=120, env={**os.environ, "PYTHONPATH": str(out / "python" / "src")})
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "cus_1"
        _check(server)

    sdk = tmp_path / "ts"
    shutil.copytree(out / "typescript", sdk)
    subprocess.run([str(TSC), "-p", "tsconfig.json"], cwd=sdk, check=True, timeout=300)
    package = json.loads((sdk / "package.json").read_text())["name"]
    app = tmp_path / "app"
    (app / "node_modules").mkdir(parents=True)
    (app / "node_modules" / package).symlink_to(sdk)
    (app / "main.mjs").write_text(
        f"import Client from {json.dumps(package)};\n"
        "const client = new Client({ baseURL: process.argv[2], maxRetries: 0 });\n"
        f"const customer = await client.customers.create({json.dumps(ARGS)});\n"
        "console.log(customer.id);\n"
    )
    with ScriptedServer() as server:
        server.script([Step("POST", "/v1/customers", body={"id": "cus_1"})])
        result = subprocess.run(["node", "main.mjs", server.url], cwd=app, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "cus_1"
        _check(server)
