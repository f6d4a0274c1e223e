"""The TypeScript SDK target, checked with the real tools: tsc (strict), prettier,
node --test against Prism, npm pack + install into a fresh project."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
import time
from pathlib import Path

import pytest
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api
from support.prism import REPO_ROOT

BIN = REPO_ROOT / "node_modules" / ".bin"
TSC = BIN / "tsc"
PRETTIER = BIN / "prettier"
SAMPLE = REPO_ROOT / "spec" / "openai-uploads.yaml"
OPENAI_FULL = Path(__file__).resolve().parents[2] / "shared" / "specs" / "real" / "openai" / "openapi.yaml"


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 600) -> str:
    proc = subprocess.run([str(c) for c in cmd], check=False, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{out[-6000:]}"
    return out


def gen(spec: Path, out: Path) -> Path:
    diags = Diagnostics()
    loaded = load_api(spec, diags)
    generate(loaded, out, ["typescript"], diags)
    return out / "typescript"


@pytest.fixture(scope="session")
def sample_sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return gen(SAMPLE, tmp_path_factory.mktemp("ts-sample"))


@pytest.fixture(scope="session")
def built_sample(sample_sdk: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample SDK compiled to dist/ with the pinned tsc."""
    target = tmp_path_factory.mktemp("ts-built") / "sdk"
    shutil.copytree(sample_sdk, target)
    run([TSC, "-p", "tsconfig.json"], target)
    assert (target / "dist" / "index.js").is_file() and (target / "dist" / "index.d.ts").is_file()
    return target


# 1 ---------------------------------------------------------------------------
def test_sample_compiles_strict_and_is_prettier_clean(sample_sdk: Path) -> None:
    run([TSC, "--noEmit", "-p", "tsconfig.json"], sample_sdk)
    run([PRETTIER, "--check", "."], sample_sdk)
    tsconfig = json.loads((sample_sdk / "tsconfig.json").read_text())
    assert tsconfig["compilerOptions"]["strict"] is True
    package = json.loads((sample_sdk / "package.json").read_text())
    assert package["name"] == "openai" and not package.get("dependencies")


def test_generation_is_deterministic(sample_sdk: Path, tmp_path: Path) -> None:
    again = gen(SAMPLE, tmp_path)
    first = {p.relative_to(sample_sdk): p.read_bytes() for p in sample_sdk.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_sample_surface(sample_sdk: Path) -> None:
    uploads = (sample_sdk / "src" / "resources" / "uploads.ts").read_text()
    assert "parts = new Parts(this._client);" in uploads
    assert "export interface UploadCompleteParams {" in uploads
    assert "): APIPromise<Upload> {" in uploads
    files = (sample_sdk / "src" / "resources" / "files.ts").read_text()
    assert "PagePromise<CursorPage<FileObject>, FileObject>" in files
    models = (sample_sdk / "src" / "models.ts").read_text()
    assert 'status: "pending" | "completed" | "cancelled" | "expired";' in models
    assert "file?: FileObject | null;" in models
    assert "export interface ErrorModel {" in models  # `Error` would shadow the global
    assert "@deprecated" in models


# 2 ---------------------------------------------------------------------------
def test_generated_method_tests_pass_against_prism(built_sample: Path, prism_for) -> None:
    prism = prism_for(SAMPLE)
    out = run(["node", "--test", "tests/"], built_sample, env={"TEST_API_BASE_URL": prism.url})
    cases = (built_sample / "tests" / "api.test.mjs").read_text().count("    name: ")
    assert cases == 14  # 7 methods, required arguments only and every argument
    assert f"# pass {cases}" in out and "# fail 0" in out and "# skipped 0" in out, out


# 3 ---------------------------------------------------------------------------
def test_npm_pack_install_and_import(built_sample: Path, prism_for, tmp_path: Path) -> None:
    prism = prism_for(SAMPLE)
    env = {"npm_config_cache": str(tmp_path / "npm-cache"), "npm_config_update_notifier": "false"}
    run(["npm", "pack", "--ignore-scripts", "--pack-destination", tmp_path], built_sample, env)
    [tarball] = tmp_path.glob("openai-*.tgz")
    app = tmp_path / "app"
    app.mkdir()
    (app / "package.json").write_text(json.dumps({"name": "fresh-app", "version": "1.0.0", "private": True}))
    run(["npm", "install", "--offline", "--no-audit", "--no-fund", tarball], app, env)
    (app / "main.mjs").write_text(textwrap.dedent("""
        import OpenAI, { NotFoundError, APIError } from "openai";

        const client = new OpenAI({ apiKey: "sk-test", baseURL: process.env.BASE });
        const upload = await client.uploads.complete("upload_abc123", { part_ids: ["part_1"] });
        const { data, response } = await client.uploads
          .complete("upload_abc123", { part_ids: ["part_1"] })
          .withResponse();
        const raw = await client.uploads.cancel("upload_abc123").asResponse();
        let missing = null;
        delete process.env.OPENAI_API_KEY;
        const anonymous = new OpenAI({ baseURL: process.env.BASE });  // no key needed to make a client
        try { await anonymous.files.list(); } catch (err) { missing = err.message; }
        const ids = [];
        for await (const f of client.files.list()) ids.push(f.id);
        console.log(JSON.stringify({
          id: upload.id, status: upload.status, fileObject: upload.file?.object,
          withResponse: [data.id, response.status], raw: raw.status,
          statics: OpenAI.NotFoundError === NotFoundError && new NotFoundError(404, {}, "", new Headers()) instanceof APIError,
          missing, ids,
        }));
        """))
    out = run(["node", "main.mjs"], app, {"BASE": prism.url})
    result = json.loads(out.strip().splitlines()[-1])
    assert result == {
        "id": "upload_abc123", "status": "completed", "fileObject": "file",
        "withResponse": ["upload_abc123", 200], "raw": 200, "statics": True,
        "missing": result["missing"], "ids": ["file-abc123", "file-abc456"],
    }
    assert "apiKey (or OPENAI_API_KEY)" in result["missing"]


# 4 ---------------------------------------------------------------------------
def test_full_openai_spec_compiles_strict(tmp_path: Path) -> None:
    if not OPENAI_FULL.is_file():
        pytest.fail(f"{OPENAI_FULL} is missing")
    sdk = gen(OPENAI_FULL, tmp_path)
    started = time.monotonic()
    run([TSC, "--noEmit", "-p", "tsconfig.json"], sdk)
    seconds = time.monotonic() - started
    print(f"tsc --noEmit on the full OpenAI SDK: {seconds:.1f} s")
    assert seconds < 180
    chat = (sdk / "src" / "resources" / "chat" / "completions.ts").read_text()
    assert "params: ChatCompletionCreateParamsStreaming," in chat
    assert "APIPromise<Stream<CreateChatCompletionStreamResponse>>;" in chat


# 5 ---------------------------------------------------------------------------
HOSTILE = r'''
openapi: 3.1.0
info: {title: "Hostile */ API", version: "1.0.0", description: "*/ console.log(\"PWNED\") /*"}
servers: [{url: "http://localhost/`${process.exit(3)}`/*/"}]
paths:
  /constructor/{class}:
    get:
      operationId: "get`${x}`"
      description: "*/ console.log(\"PWNED\") /* `${console.log('PWNED')}`"
      parameters:
        - {name: class, in: path, required: true, schema: {type: string}}
        - {name: "a\"b", in: query, schema: {type: string}, description: "*/ console.log(\"PWNED\") /*"}
        - {name: "x-h*/", in: header, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Evil"}
  /things/`${process.exit(4)}`:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Evil"}
      responses:
        "204": {description: none}
components:
  schemas:
    Evil:
      type: object
      description: "*/ console.log(\"PWNED\") /*\n  * @deprecated */ process.exit(2) /*"
      required: [class]
      properties:
        class: {type: string, description: "ends with a backslash \\"}
        1st: {type: integer}
        a-b: {type: string, description: "${console.log('PWNED')}"}
        constructor: {type: string}
        __proto__: {type: string}
        "quote\"d'": {type: string}
        "line\nbreak": {type: boolean}
        mode:
          type: string
          enum: ["it's", "say \"hi\"", "new\nline", "*/ console.log('PWNED') /*", "back`tick${x}", "\\"]
        Error: {$ref: "#/components/schemas/Error"}
    Error:
      type: object
      properties:
        message: {type: string}
    Promise:
      type: string
      enum: [a, b]
'''


def test_hostile_spec_is_escaped(tmp_path: Path) -> None:
    spec = tmp_path / "hostile.yaml"
    spec.write_text(HOSTILE)
    sdk = gen(spec, tmp_path / "out")
    run([TSC, "-p", "tsconfig.json"], sdk)
    run([PRETTIER, "--check", "."], sdk)
    models = (sdk / "src" / "models.ts").read_text()
    assert '"a-b"?: string;' in models and "class: string;" in models and '"1st"?: number;' in models
    assert "*\\/ console.log" in models
    assert "export type PromiseModel =" in models and "export interface ErrorModel {" in models
    client = (sdk / "src" / "client.ts").read_text()
    assert "constructor_ = new Constructor(this);" in client
    # the server URL has a `{`: the contract leaves the base URL unset, the client asks for one
    assert "const DEFAULT_BASE_URL: string | undefined = undefined;" in client and "process.exit" not in client
    (sdk / "probe.mjs").write_text(
        'import Client from "./dist/index.js";\n'
        'const c = new Client({ baseURL: "http://127.0.0.1:9" });\n'
        "console.log(typeof c.constructor_.retrieve, Client.NotFoundError.name);\n"
    )
    proc = subprocess.run(["node", "probe.mjs"], check=False, cwd=sdk, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "PWNED" not in proc.stdout + proc.stderr
    assert proc.stdout.strip() == "function NotFoundError"


# runtime behaviour ---------------------------------------------------------
RUNTIME_SCRIPT = r"""
import OpenAI, { APIConnectionTimeoutError, InternalServerError, NotFoundError } from "./dist/index.js";

const client = new OpenAI({ apiKey: "k", baseURL: process.env.BASE });
const out = {};
const capture = async (name, fn) => {
  try { out[name] = { ok: await fn() }; } catch (err) { out[name] = { error: err.constructor.name, status: err.status ?? null }; }
};
await capture("retry429", async () => (await client.uploads.cancel("u429")).id);
await capture("fail500", () => client.uploads.cancel("u500"));
await capture("noRetryHeader", () => client.uploads.cancel("u500-no-retry"));
await capture("notFound", () => client.uploads.cancel("u404"));
await capture("timeout", () => client.uploads.cancel("slow", { timeout: 200, maxRetries: 0 }));
await capture("pages", async () => {
  const ids = [];
  for await (const f of client.files.list({ limit: 1 })) ids.push(f.id);
  const first = await client.files.list({ limit: 1 });
  const pages = [];
  for await (const page of first.iterPages()) pages.push(page.getPaginatedItems().length);
  return { ids, pages, hasNext: first.hasNextPage() };
});
await capture("unknownEnum", async () => (await client.files.retrieve("odd")).status);
await capture("sse", async () => {
  const events = [];
  const stream = await client.request({ method: "get", path: "/stream", response: "json" });
  for await (const event of stream) events.push(event);
  return events;
});
await capture("sseError", async () => {
  const stream = await client.request({ method: "get", path: "/stream-error", response: "json" });
  for await (const event of stream) void event;
});
out.statics = OpenAI.NotFoundError === NotFoundError && OpenAI.InternalServerError === InternalServerError
  && OpenAI.APIConnectionTimeoutError === APIConnectionTimeoutError;
console.log(JSON.stringify(out));
"""


def test_runtime_behaviour_against_scripted_server(built_sample: Path) -> None:
    import http.server
    import threading
    import urllib.parse

    seen: dict[str, list[str]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def send(self, status: int, body: object, headers: dict[str, str] | None = None,
                 content_type: str = "application/json") -> None:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the timeout case)

        def handle_any(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            seen.setdefault(url.path, []).append(self.headers.get("x-sdk-retry-count", "?"))
            upload = {"id": "u", "object": "upload", "status": "cancelled"}
            if url.path == "/uploads/u429/cancel":
                if len(seen[url.path]) == 1:
                    return self.send(429, {"error": {"message": "slow down"}}, {"Retry-After": "0"})
                return self.send(200, {**upload, "id": "u429"})
            if url.path == "/uploads/u500/cancel":
                return self.send(500, {"error": {"message": "boom"}}, {"retry-after-ms": "10"})
            if url.path == "/uploads/u500-no-retry/cancel":
                return self.send(500, {"error": {"message": "boom"}}, {"x-should-retry": "false"})
            if url.path == "/uploads/u404/cancel":
                return self.send(404, {"error": {"message": "No such Upload."}}, {"x-request-id": "req_1"})
            if url.path == "/uploads/slow/cancel":
                time.sleep(1.5)
                return self.send(200, upload)
            if url.path == "/files":
                nxt = {None: ("f1", True), "f1": ("f2", True), "f2": ("f3", False)}[query.get("after")]
                return self.send(200, {"object": "list", "data": [{"id": nxt[0]}], "has_more": nxt[1],
                                       "first_id": nxt[0], "last_id": nxt[0]})
            if url.path == "/files/odd":
                return self.send(200, {"id": "odd", "object": "file", "status": "brand_new_status"})
            if url.path == "/stream":
                return self.send(200, 'data: {"n": 1}\n\nevent: message\ndata: {"n":\ndata: 2}\n\n: comment\n\n'
                                      "data: [DONE]\n\ndata: {\"n\": 3}\n\n", content_type="text/event-stream")
            if url.path == "/stream-error":
                return self.send(200, 'data: {"n": 1}\n\nevent: error\ndata: {"message": "bad"}\n\n',
                                 content_type="text/event-stream")
            return self.send(418, {})

        do_GET = do_POST = handle_any

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        (built_sample / "runtime.mjs").write_text(RUNTIME_SCRIPT)
        out = run(["node", "runtime.mjs"], built_sample, {"BASE": f"http://127.0.0.1:{server.server_port}"})
    finally:
        server.shutdown()
        server.server_close()
    result = json.loads(out.strip().splitlines()[-1])
    assert result["retry429"] == {"ok": "u429"}
    assert seen["/uploads/u429/cancel"] == ["0", "1"]
    assert result["fail500"] == {"error": "InternalServerError", "status": 500}
    assert seen["/uploads/u500/cancel"] == ["0", "1", "2"]
    assert result["noRetryHeader"]["error"] == "InternalServerError" and len(seen["/uploads/u500-no-retry/cancel"]) == 1
    assert result["notFound"] == {"error": "NotFoundError", "status": 404} and len(seen["/uploads/u404/cancel"]) == 1
    assert result["timeout"] == {"error": "APIConnectionTimeoutError", "status": None}
    assert result["pages"] == {"ok": {"ids": ["f1", "f2", "f3"], "pages": [1, 1, 1], "hasNext": True}}
    assert result["unknownEnum"] == {"ok": "brand_new_status"}
    assert result["sse"] == {"ok": [{"n": 1}, {"n": 2}]}
    assert result["sseError"]["error"] == "APIError"
    assert result["statics"] is True
