"""With no config file, the four SDKs of one spec share their names: the client, the environment
variables and the credential options (docs/WIRE.md, "Names"), on three corpus specs whose security
schemes differ: Twilio (HTTP basic), tictactoe (an API-key header, basic, bearer and two OAuth2
flows) and Discord (an API-key ``Authorization`` header and OAuth2).

Two checks per spec:

* **read**: each SDK's generated client declares the client name, the credential options and the
  environment variables the contract decides, each spelled by its language's policy (snake_case
  options in Python and Ruby, camelCase in TypeScript, ``option.With...`` in Go);
* **called**: each SDK's own generated tests run with their credential options taken out and the
  credentials given only through those environment variables (``env-<key>`` values), through the
  recording proxy in front of Prism: every credential that reaches the wire is an environment value
  (none is a test's sample), at least one does, and Prism answers no request with 401.
"""

from __future__ import annotations

import ast
import base64
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sdkforge.contract import Contract
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import load_api
from sdkforge.targets.go import names as go_names
from support.corpus_calls import reduce_spec
from support.prism import PrismServer
from support.recorder import Recorded, RecordingProxy
from support.sdk_runs import LANGUAGES, generate_sdk, run_generated_tests

REAL = Path(__file__).resolve().parents[2] / "shared" / "specs" / "real"
SPECS = {
    "twilio-api-v2010": REAL / "twilio-api-v2010" / "twilio_api_v2010.yaml",
    "tictactoe-3.1": REAL / "tictactoe-3.1" / "tictactoe.yaml",
    "discord": REAL / "discord" / "openapi.json",
}
LIMIT = 8  # operations kept per spec: enough to send every scheme the spec's operations use

pytestmark = pytest.mark.wire


def _words(name: str) -> str:
    """An option spelled in any language, reduced for comparison: ``WithAPIKey`` / ``apiKey`` /
    ``api_key`` -> ``apikey``."""
    return re.sub(r"^with", "", name.replace("_", "").lower())


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(w.capitalize() for w in rest)


def _declared(lang: str, sdk: Path) -> tuple[str, dict[str, str]]:
    """(client name, {credential option: environment variable}) as the generated client declares them."""
    if lang == "python":
        (client_py,) = sdk.glob("src/*/_client.py")
        tree = ast.parse(client_py.read_text())
        client = next(node.name for node in tree.body if isinstance(node, ast.ClassDef)
                      and any(isinstance(b, ast.Name) and b.id == "SyncAPIClient" for b in node.bases))
        creds: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "AuthScheme":
                for option, env in ast.literal_eval(node.args[3]):
                    creds[option] = env
        return client, creds
    if lang == "typescript":
        text = (sdk / "src" / "client.ts").read_text()
        client = re.search(r"^export class (\w+) extends BaseClient", text, re.MULTILINE).group(1)  # type: ignore[union-attr]
        return client, dict(re.findall(r'\{ option: "(\w+)", env: "(\w+)" \}', text))
    if lang == "ruby":
        (client_rb,) = sdk.glob("lib/*/client.rb")
        text = client_rb.read_text()
        client = re.search(r"^module (\w+)", text, re.MULTILINE).group(1)  # type: ignore[union-attr]
        return client, dict(re.findall(r'^\s+"(\w+)" => "(\w+)",?$', text, re.MULTILINE))
    if lang == "go":
        text = (sdk / "client.go").read_text()
        package = re.search(r"^package (\w+)", text, re.MULTILINE).group(1)  # type: ignore[union-attr]
        consts = dict(re.findall(r'^\s+(\w+Env)\s*= "(\w+)"', text, re.MULTILINE))
        creds = {option: consts[const] for option, const in
                 re.findall(r'\{Key: "\w+", Option: "option\.(\w+)", Env: (\w+)\}', text)}
        return package, creds
    raise ValueError(lang)


def _expected(lang: str, contract: Contract) -> tuple[str, dict[str, str]]:
    client = contract.names.client
    if lang == "go":
        return client.lower(), {"With" + go_names.exported(c.key, "Credential"): c.env for c in contract.credentials}
    if lang == "typescript":
        return client, {_camel(c.key): c.env for c in contract.credentials}
    return client, {c.key: c.env for c in contract.credentials}


# each language's generated tests pass every credential as an option with its sample value:
# Python `api_key="sample-api-key", `, TypeScript `apiKey: "sample-api-key",`, Ruby
# `api_key: "sample-api-key",`, Go `option.WithAPIKey("sample-api-key"),`
SAMPLE_OPTION = re.compile(r'[\w.]+(?:=|: |\()"sample-[\w-]+"\)?,[ \t]*')
TEST_FILES = {"python": "tests/*.py", "typescript": "tests/*.mjs", "ruby": "test/**/*.rb", "go": "*_test.go"}


def _drop_credential_options(lang: str, sdk: Path) -> int:
    """Take the sample credential options out of the generated tests; the number taken out."""
    taken = 0
    for path in sdk.glob(TEST_FILES[lang]):
        text = path.read_text()
        edited, n = SAMPLE_OPTION.subn("", text)
        assert '"sample-' not in edited, f"{path}: a credential option the edit did not take out"
        if n:
            path.write_text(edited)
            taken += n
    return taken


def _credentials_sent(rec: Recorded, contract: Contract) -> list[str]:
    """The credential values a request carries, by the contract's schemes (basic decoded)."""
    sent = []
    for scheme in contract.schemes:
        if scheme.location == "header":
            value = rec.header(scheme.wire_name)
            if value is None:
                continue
            if scheme.kind == "basic":
                if value.startswith("Basic "):
                    sent += base64.b64decode(value[6:]).decode().split(":", 1)
            elif scheme.kind == "bearer":
                if value.startswith("Bearer "):
                    sent.append(value[7:])
            else:
                sent.append(value)
        elif scheme.location == "query":
            sent += [v for k, _, v in (p.partition("=") for p in rec.query.split("&")) if k == scheme.wire_name]
        elif scheme.location == "cookie":
            cookie = rec.header("cookie") or ""
            sent += [v for k, _, v in (c.strip().partition("=") for c in cookie.split(";")) if k == scheme.wire_name]
    return sent


@pytest.mark.parametrize("name", sorted(SPECS))
def test_no_config_sdks_share_names_and_read_the_same_env_vars(name: str, tmp_path: Path) -> None:
    reduced, _ = reduce_spec(SPECS[name], tmp_path / "spec", limit=LIMIT)
    contract = load_api(reduced, Diagnostics()).api.wire
    assert contract is not None and contract.credentials, f"{name}: the contract has no credentials"
    envs = {c.env: f"env-{c.key.replace('_', '-')}" for c in contract.credentials}

    # read: the names each SDK declares
    sdks = {lang: generate_sdk(reduced, tmp_path / "sdks" / lang, lang) for lang in LANGUAGES}
    declared = {lang: _declared(lang, sdk) for lang, sdk in sdks.items()}
    for lang, (client, creds) in declared.items():
        assert (client, creds) == _expected(lang, contract), f"{name}: {lang} declares {client}, {creds}"
    assert len({tuple(sorted(creds.values())) for _, creds in declared.values()}) == 1, declared
    assert len({tuple(sorted(map(_words, creds))) for _, creds in declared.values()}) == 1, declared

    # called: credentials from the environment only
    with PrismServer(reduced) as prism:
        def one(lang: str) -> tuple[str, list[Recorded]]:
            assert _drop_credential_options(lang, sdks[lang]) > 0, f"{lang}: no credential option in its tests"
            with RecordingProxy(prism.url, tag=lang) as proxy:
                run = run_generated_tests(lang, sdks[lang], proxy.url, tmp_path, env_vars=envs)
                return run.output, list(proxy.requests)

        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = dict(zip(LANGUAGES, pool.map(one, LANGUAGES)))
    for lang, (output, requests) in runs.items():
        assert requests, f"{name}: {lang} sent nothing:\n{output[-3000:]}"
        sent = [value for rec in requests for value in _credentials_sent(rec, contract)]
        assert sent, f"{name}: {lang} sent no credential"
        assert set(sent) <= set(envs.values()), f"{name}: {lang} sent credentials not from the env: {set(sent)}"
        unauthorized = [f"{rec.method} {rec.target}" for rec in requests if rec.status == 401]
        assert not unauthorized, f"{name}: {lang}: Prism answered 401 to {unauthorized}"
