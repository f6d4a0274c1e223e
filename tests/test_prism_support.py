"""Proves the Prism test support works: start, serve examples, validate requests."""

from __future__ import annotations

import json
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from support.prism import PrismServer, free_port

SPEC = textwrap.dedent(
    """\
    openapi: 3.1.0
    info:
      title: Prism support smoke test
      version: "1.0.0"
    servers:
      - url: http://127.0.0.1/v1
    paths:
      /ping:
        get:
          operationId: ping
          responses:
            "200":
              description: OK
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      ok:
                        type: boolean
                    required: [ok]
                  example:
                    ok: true
      /search:
        get:
          operationId: search
          parameters:
            - name: q
              in: query
              required: true
              schema:
                type: string
          responses:
            "200":
              description: OK
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      q:
                        type: string
                  example:
                    q: hello
    """
)

_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _get(url: str) -> tuple[int, dict[str, object]]:
    try:
        with _opener.open(url, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        with err:
            return err.code, json.loads(err.read())


@pytest.fixture(scope="module")
def spec_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("prism") / "ping.yaml"
    path.write_text(SPEC)
    return path


def test_free_port_is_bindable() -> None:
    port = free_port()
    assert 1024 <= port <= 65535


def test_prism_serves_examples_and_rejects_invalid_requests(spec_file: Path) -> None:
    with PrismServer(spec_file) as server:
        assert server.url == f"http://127.0.0.1:{server.port}"
        assert server.base_url("/v1/") == server.url + "/v1"
        assert server.startup_seconds is not None and server.startup_seconds < 60

        status, body = _get(server.url + "/ping")
        assert (status, body) == (200, {"ok": True})

        status, body = _get(server.url + "/search?q=hello")
        assert (status, body) == (200, {"q": "hello"})

        # Missing required query parameter: Prism validates and answers 422.
        status, body = _get(server.url + "/search")
        assert status == 422
        assert "UNPROCESSABLE_ENTITY" in str(body["type"])
        assert any("q" in str(v["message"]) for v in body["validation"])  # type: ignore[union-attr]

        proc = server._proc
        assert proc is not None
    # Stopped on exit.
    assert proc.poll() is not None
    assert server._proc is None


def test_prism_for_fixture_caches_one_server_per_spec(prism_for, spec_file: Path) -> None:
    first = prism_for(spec_file)
    assert prism_for(str(spec_file)) is first
    assert _get(first.url + "/ping") == (200, {"ok": True})
    dynamic = prism_for(spec_file, dynamic=True)
    assert dynamic is not first and dynamic.port != first.port
    status, body = _get(dynamic.url + "/ping")
    assert status == 200 and isinstance(body["ok"], bool)


def test_prism_failure_is_reported_with_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("this: is: not: openapi: [\n")
    start = time.monotonic()
    with pytest.raises(RuntimeError, match="Prism exited"):
        with PrismServer(bad, start_timeout=60):
            pass
    assert time.monotonic() - start < 60
