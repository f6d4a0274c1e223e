"""The shared SDK behaviour scenarios (tests/support/scenarios.py), driven
through the generated Ruby SDK against the scripted loopback server.

One long-lived Ruby process reads one call per line on stdin and answers one
JSON outcome per line, so the whole suite pays Ruby's start-up once."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api
from support.scenarios import SCENARIOS, Scenario, check_outcome, check_requests, check_wire, write_spec
from support.scripted_server import ScriptedServer

DRIVER = r"""
require "scenario_sdk"
require "tmpdir"

KINDS = [
  [Scenario::Errors::BadRequestError, "bad_request"],
  [Scenario::Errors::AuthenticationError, "authentication"],
  [Scenario::Errors::PermissionDeniedError, "permission_denied"],
  [Scenario::Errors::NotFoundError, "not_found"],
  [Scenario::Errors::ConflictError, "conflict"],
  [Scenario::Errors::UnprocessableEntityError, "unprocessable_entity"],
  [Scenario::Errors::RateLimitError, "rate_limit"],
  [Scenario::Errors::InternalServerError, "internal_server"],
  [Scenario::Errors::APIStatusError, "status"],
  [Scenario::Errors::APITimeoutError, "timeout"],
  [Scenario::Errors::APIConnectionError, "connection"],
  [Scenario::Errors::APIError, "stream"]
].freeze

wire = ->(value) { Scenario::Internal::Type.dump(nil, value) }

# a binary result is a binary-encoded StringIO: read whole, in 7-byte chunks, and into a file
read_binary = lambda do |io|
  raise "not a binary StringIO: #{io.class}" unless io.is_a?(StringIO) && io.string.encoding == Encoding::BINARY

  whole = io.read
  io.rewind
  chunks = []
  while (chunk = io.read(7))
    chunks << chunk
  end
  io.rewind
  file = File.join(Dir.mktmpdir, "out.bin")
  File.open(file, "wb") { |out| IO.copy_stream(io, out) }
  {read: whole.unpack1("H*"), chunks: chunks.join.unpack1("H*"), file: File.binread(file).unpack1("H*")}
end

$stdout.sync = true
$stdin.each_line do |line|
  req = JSON.parse(line)
  call = req["call"]
  opts = req["client"].transform_keys(&:to_sym)
  client = Scenario::Client.new(api_key: "sk-test", base_url: req["base_url"], **opts)
  *resource_names, method_name = call["op"].split(".")
  resource = resource_names.reduce(client) { |owner, name| owner.public_send(name) }
  unless resource.class.public_instance_methods(false).include?(method_name.to_sym)
    # the spec's operationId names it; sdkforge derives the Ruby name from the path
    candidates = resource.class.public_instance_methods(false)
    method_name = candidates.first.to_s if candidates.size == 1
  end
  args = (call["args"] || {}).transform_keys(&:to_sym)
  if call["mode"] == "stream" && resource.respond_to?("#{method_name}_streaming")
    # the stream flag's twin sends `stream: true` itself
    method_name = "#{method_name}_streaming"
    args.delete(:stream)
  end
  outcome =
    begin
      value = resource.public_send(method_name, *(call["path"] || []), **args)
      if call["mode"] == "stream" && !value.is_a?(Scenario::Internal::Stream)
        raise "not a Stream: #{value.class}"
      end
      result =
        case call["mode"]
        when "iterate" then value.map { |item| wire.call(item) } # Enumerable: every item of every page
        when "binary" then read_binary.call(value)
        when "stream" then value.to_a.map { |event| wire.call(event) }
        else wire.call(value)
        end
      {result: result}
    rescue Scenario::Errors::Error => e
      kind = KINDS.find { |klass, _| e.is_a?(klass) }&.last || "other"
      {error: {kind: kind, status: e.respond_to?(:status) ? e.status : nil, class: e.class.name, message: e.message}}
    rescue ArgumentError => e
      {error: {kind: "argument", status: nil, class: e.class.name, message: e.message}}
    end
  puts JSON.generate(outcome)
end
"""


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen[str], ScriptedServer]]:
    base = tmp_path_factory.mktemp("ruby-behaviour")
    spec = write_spec(base / "spec")
    diags = Diagnostics()
    generate(load_api(spec, diags), base / "out", ["ruby"], diags)
    root: Path = base / "out" / "ruby"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCENARIO_")}
    proc = subprocess.Popen(["ruby", "-w", "-I", "lib", "-e", DRIVER], cwd=root, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    server = ScriptedServer().start()
    try:
        yield proc, server
    finally:
        server.stop()
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)
        assert proc.stderr is not None
        assert proc.stderr.read() == ""


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario(driver: tuple[subprocess.Popen[str], ScriptedServer], scenario: Scenario) -> None:
    proc, server = driver
    server.script(scenario.steps)
    assert proc.stdin is not None and proc.stdout is not None
    started = time.monotonic()
    proc.stdin.write(json.dumps({"base_url": server.url, "client": dict(scenario.client),
                                 "call": dict(scenario.call)}) + "\n")
    proc.stdin.flush()
    line = proc.stdout.readline()
    seconds = time.monotonic() - started
    assert line, "the Ruby driver died"
    outcome: dict[str, Any] = json.loads(line)
    assert check_outcome(scenario, outcome) == [], outcome
    assert check_wire(scenario, server.requests) == []
    assert server.mismatches == []
    assert check_requests(scenario, server.requests) == []
    assert scenario.min_seconds <= seconds <= scenario.max_seconds
    # every attempt says which retry it is; pages are separate calls
    counts = [r.headers.get("x-sdk-retry-count") for r in server.requests]
    if scenario.call.get("mode") == "iterate":
        assert counts == ["0"] * len(counts)
    else:
        assert counts == [str(i) for i in range(len(counts))]
    assert all(r.headers.get("authorization") == "Bearer sk-test" for r in server.requests)


def test_stream_flag_on_the_plain_method_is_refused(driver: tuple[subprocess.Popen[str], ScriptedServer]) -> None:
    """`create(stream: true)` would return events where the model is promised: it raises, pointing at
    `create_streaming`, and sends nothing."""
    proc, server = driver
    server.script([])
    assert proc.stdin is not None and proc.stdout is not None
    call = {"op": "completions.create", "args": {"prompt": "p", "stream": True}}
    proc.stdin.write(json.dumps({"base_url": server.url, "client": {}, "call": call}) + "\n")
    proc.stdin.flush()
    outcome = json.loads(proc.stdout.readline())
    assert outcome["error"]["kind"] == "argument" and "create_streaming" in outcome["error"]["message"], outcome
    assert server.requests == []
