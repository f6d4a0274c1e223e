"""The shared SDK behaviour scenarios (tests/support/scenarios.py), driven
through the generated Go SDK against the scripted loopback server.

The SDK is generated from the scenario spec; a driver ``main`` package in its own
module (``replace`` pointing at the generated module) is built once. One
long-lived driver process reads one call per line on stdin and answers one JSON
outcome per line. Go is statically typed, so the driver maps each scenario
operation (``files.retrieve``, ...) to the generated method by hand: an
operation it does not know is reported as a crash, never skipped."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api
from support.scenarios import SCENARIOS, Scenario, check_outcome, check_requests, check_wire, write_spec
from support.scripted_server import ScriptedServer, Step

GO = shutil.which("go")
MODULE = "example.com/scenario-go"  # targets.go.module in support.scenarios.SCENARIO_CONFIG
KEY = "sk-test"

DRIVER = r"""package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	scenario "example.com/scenario-go"
	"example.com/scenario-go/option"
	"example.com/scenario-go/ssestream"
)

// The signatures the call decides (a stream flag: New returns the other kind,
// NewStreaming the events; a binary download: the *http.Response), checked
// by the compiler.
var (
	_ func(*scenario.CompletionService, context.Context, scenario.CompletionNewParams,
		...option.RequestOption) (*scenario.Completion, error) = (*scenario.CompletionService).New
	_ func(*scenario.CompletionService, context.Context, scenario.CompletionNewParams,
		...option.RequestOption) *ssestream.Stream[scenario.CompletionChunk] = (*scenario.CompletionService).NewStreaming
	_ func(*scenario.AudioSpeechService, context.Context, scenario.AudioSpeechNewParams,
		...option.RequestOption) (*http.Response, error) = (*scenario.AudioSpeechService).New
	_ func(*scenario.AudioSpeechService, context.Context, scenario.AudioSpeechNewParams,
		...option.RequestOption) *ssestream.Stream[scenario.SpeechEvent] = (*scenario.AudioSpeechService).NewStreaming
	_ func(*scenario.FileService, context.Context, string,
		...option.RequestOption) (*http.Response, error) = (*scenario.FileService).Content
)

// readBinary reads a binary download three ways: in 7-byte chunks from the
// body, whole (the chunks joined), and written to a file then read back.
func readBinary(res *http.Response, err error) (json.RawMessage, error) {
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var chunks []byte
	buf := make([]byte, 7)
	for {
		n, readErr := res.Body.Read(buf)
		chunks = append(chunks, buf[:n]...)
		if readErr == io.EOF {
			break
		}
		if readErr != nil {
			return nil, readErr
		}
	}
	dir, err := os.MkdirTemp("", "bin-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "out.bin")
	if err := os.WriteFile(file, chunks, 0o600); err != nil {
		return nil, err
	}
	written, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]string{"read": hex.EncodeToString(chunks), "chunks": hex.EncodeToString(chunks),
		"file": hex.EncodeToString(written)})
}

// drainStream lists a stream's events.
func drainStream[T any](stream *ssestream.Stream[T]) (json.RawMessage, error) {
	defer stream.Close()
	var items []T
	for stream.Next() {
		items = append(items, stream.Current())
	}
	if err := stream.Err(); err != nil {
		return nil, err
	}
	return wireList(items)
}

type request struct {
	BaseURL string `json:"base_url"`
	Client  struct {
		MaxRetries *int              `json:"max_retries"`
		Timeout    *float64          `json:"timeout"`
		Headers    map[string]string `json:"headers"`
		FromEnv    bool              `json:"from_env"`
	} `json:"client"`
	Call call `json:"call"`
}

type call struct {
	Op      string          `json:"op"`
	Path    []string        `json:"path"`
	Args    json.RawMessage `json:"args"`
	Mode    string          `json:"mode"`
	Options *struct {
		Headers    map[string]string `json:"headers"`
		Query      map[string]string `json:"query"`
		MaxRetries *int              `json:"max_retries"`
		Timeout    *float64          `json:"timeout"`
	} `json:"options"`
}

// requestOptions are the call's per-request options (an unknown one, such as
// an extra body, fails the request's decoding: the Go SDK has no such option).
func requestOptions(c call) []option.RequestOption {
	var opts []option.RequestOption
	if c.Options == nil {
		return opts
	}
	for k, v := range c.Options.Headers {
		opts = append(opts, option.WithHeader(k, v))
	}
	for k, v := range c.Options.Query {
		opts = append(opts, option.WithQuery(k, v))
	}
	if c.Options.MaxRetries != nil {
		opts = append(opts, option.WithMaxRetries(*c.Options.MaxRetries))
	}
	if c.Options.Timeout != nil {
		opts = append(opts, option.WithRequestTimeout(seconds(*c.Options.Timeout)))
	}
	return opts
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// variant names the Go type a union value decodes to, with its JSON.
func variant(v any, err error) (json.RawMessage, error) {
	if err != nil {
		return nil, err
	}
	data, err := wire(v)
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]any{"variant": fmt.Sprintf("%T", v), "value": data})
}

type outcomeError struct {
	Kind    string `json:"kind"`
	Status  *int   `json:"status"`
	Class   string `json:"class"`
	Message string `json:"message"`
	Dump    string `json:"dump,omitempty"`
}

type outcome struct {
	Result json.RawMessage `json:"result,omitempty"`
	Error  *outcomeError   `json:"error,omitempty"`
	Crash  string          `json:"crash,omitempty"`
}

// wire is a value as JSON with its wire names: the declared fields as the SDK
// decoded them, plus the members the model does not declare (ExtraFields).
func wire(v any) (json.RawMessage, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	extra, ok := v.(interface {
		ExtraFields() map[string]json.RawMessage
	})
	if !ok || len(extra.ExtraFields()) == 0 {
		return data, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return nil, err
	}
	for k, val := range extra.ExtraFields() {
		if _, seen := obj[k]; !seen {
			obj[k] = val
		}
	}
	return json.Marshal(obj)
}

func wireList[T any](items []T) (json.RawMessage, error) {
	out := make([]json.RawMessage, 0, len(items))
	for _, item := range items {
		data, err := wire(item)
		if err != nil {
			return nil, err
		}
		out = append(out, data)
	}
	return json.Marshal(out)
}

// kindOf maps an SDK error to the shared error kinds.
func kindOf(err error) *outcomeError {
	var apiErr *scenario.Error
	var timeout *scenario.APITimeoutError
	var conn *scenario.APIConnectionError
	switch {
	case errors.As(err, &apiErr) && apiErr.StatusCode >= 400:
		status := apiErr.StatusCode
		kinds := map[int]string{400: "bad_request", 401: "authentication", 403: "permission_denied",
			404: "not_found", 409: "conflict", 422: "unprocessable_entity", 429: "rate_limit"}
		kind, ok := kinds[status]
		if !ok && status >= 500 {
			kind = "internal_server"
		} else if !ok {
			kind = "status"
		}
		return &outcomeError{Kind: kind, Status: &status, Class: fmt.Sprintf("%T", apiErr), Message: err.Error(),
			Dump: string(apiErr.DumpRequest(true)) + string(apiErr.DumpResponse(true))}
	case errors.As(err, &apiErr):
		// an `event: error` inside a successful stream
		return &outcomeError{Kind: "stream", Class: fmt.Sprintf("%T", apiErr), Message: err.Error()}
	case errors.As(err, &timeout):
		return &outcomeError{Kind: "timeout", Class: fmt.Sprintf("%T", timeout), Message: err.Error()}
	case errors.As(err, &conn):
		return &outcomeError{Kind: "connection", Class: fmt.Sprintf("%T", conn), Message: err.Error()}
	}
	return nil
}

func pathArg(c call, i int) string {
	if i < len(c.Path) {
		return c.Path[i]
	}
	return ""
}

func args(c call, dst any) error {
	if len(c.Args) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(c.Args))
	dec.DisallowUnknownFields()
	return dec.Decode(dst)
}

// perform runs one call; an error it cannot classify is a crash.
func perform(ctx context.Context, client *scenario.Client, c call) (json.RawMessage, error) {
	opts := requestOptions(c)
	switch c.Op + "/" + c.Mode {
	case "files.retrieve/":
		res, err := client.Files.Get(ctx, pathArg(c, 0), opts...)
		if err != nil {
			return nil, err
		}
		return wire(res)
	case "files.list/", "files.list/iterate":
		var a struct {
			Limit *int64  `json:"limit"`
			After *string `json:"after"`
		}
		if err := args(c, &a); err != nil {
			return nil, fmt.Errorf("driver: %w", err)
		}
		params := scenario.FileListParams{Limit: a.Limit, After: a.After}
		if c.Mode == "" {
			page, err := client.Files.List(ctx, params, opts...)
			if err != nil {
				return nil, err
			}
			return wire(page)
		}
		iter := client.Files.ListAutoPaging(ctx, params, opts...)
		var items []scenario.FileObject
		for iter.Next() {
			items = append(items, iter.Current())
		}
		if err := iter.Err(); err != nil {
			return nil, err
		}
		return wireList(items)
	case "events.create/stream":
		var params scenario.EventNewParams
		if err := args(c, &params); err != nil {
			return nil, fmt.Errorf("driver: %w", err)
		}
		stream := client.Events.New(ctx, params, opts...)
		defer stream.Close()
		var items []scenario.Event
		for stream.Next() {
			items = append(items, stream.Current())
		}
		if err := stream.Err(); err != nil {
			return nil, err
		}
		return wireList(items)
	case "completions.create/", "completions.create/stream":
		var params scenario.CompletionNewParams
		if err := args(c, &params); err != nil {
			return nil, fmt.Errorf("driver: %w", err)
		}
		if c.Mode == "" {
			res, err := client.Completions.New(ctx, params, opts...)
			if err != nil {
				return nil, err
			}
			return wire(res)
		}
		stream := client.Completions.NewStreaming(ctx, params, opts...)
		defer stream.Close()
		var items []scenario.CompletionChunk
		for stream.Next() {
			items = append(items, stream.Current())
		}
		if err := stream.Err(); err != nil {
			return nil, err
		}
		return wireList(items)
	case "files.content/binary":
		return readBinary(client.Files.Content(ctx, pathArg(c, 0), opts...))
	case "audio.speech.create/binary", "audio.speech.create/stream":
		var params scenario.AudioSpeechNewParams
		if err := args(c, &params); err != nil {
			return nil, fmt.Errorf("driver: %w", err)
		}
		if c.Mode == "binary" {
			return readBinary(client.Audio.Speech.New(ctx, params, opts...))
		}
		return drainStream(client.Audio.Speech.NewStreaming(ctx, params, opts...))
	case "uploads.complete/":
		var params scenario.UploadCompleteParams
		if err := args(c, &params); err != nil {
			return nil, fmt.Errorf("driver: %w", err)
		}
		res, err := client.Uploads.Complete(ctx, pathArg(c, 0), params, opts...)
		if err != nil {
			return nil, err
		}
		return wire(res)
	case "uploads.parts.create/":
		var a struct {
			Data struct {
				File struct {
					Content string `json:"content"`
				} `json:"$file"`
			} `json:"data"`
			Note *string `json:"note"`
		}
		if err := args(c, &a); err != nil {
			return nil, fmt.Errorf("driver: %w", err)
		}
		params := scenario.UploadPartNewParams{Data: strings.NewReader(a.Data.File.Content), Note: a.Note}
		res, err := client.Uploads.Parts.New(ctx, pathArg(c, 0), params, opts...)
		if err != nil {
			return nil, err
		}
		return wire(res)
	case "pets.retrieve/", "pets.retrieve/variant":
		res, err := client.Pets.Get(ctx, pathArg(c, 0), opts...)
		if err != nil {
			return nil, err
		}
		if c.Mode == "variant" {
			return variant(res.AsAny())
		}
		return wire(res)
	case "shapes.retrieve/", "shapes.retrieve/variant":
		res, err := client.Shapes.Get(ctx, pathArg(c, 0), opts...)
		if err != nil {
			return nil, err
		}
		if c.Mode == "variant" {
			return variant(res.Shape.AsAny())
		}
		return wire(res)
	case "catalog.list/iterate":
		// one whole page: no params at all
		return drain(client.Catalog.ListAutoPaging(ctx, opts...))
	case "threads.list/iterate", "orders.list/iterate", "invoices.list/iterate", "members.list/iterate",
		"repos.list/iterate":
		// the detected page styles: every item of every page
		var a struct {
			Limit   *int64 `json:"limit"`
			PerPage *int64 `json:"per_page"`
		}
		if err := args(c, &a); err != nil {
			return nil, fmt.Errorf("driver: %w", err)
		}
		switch c.Op {
		case "threads.list":
			return drain(client.Threads.ListAutoPaging(ctx, scenario.ThreadListParams{Limit: a.Limit}, opts...))
		case "orders.list":
			return drain(client.Orders.ListAutoPaging(ctx, scenario.OrderListParams{Limit: a.Limit}, opts...))
		case "invoices.list":
			return drain(client.Invoices.ListAutoPaging(ctx, scenario.InvoiceListParams{PerPage: a.PerPage}, opts...))
		case "members.list":
			return drain(client.Members.ListAutoPaging(ctx, scenario.MemberListParams{Limit: a.Limit}, opts...))
		default:
			return drain(client.Repos.ListAutoPaging(ctx, scenario.RepoListParams{PerPage: a.PerPage}, opts...))
		}
	}
	return nil, fmt.Errorf("driver: no mapping for op %q mode %q", c.Op, c.Mode)
}

// drain collects every item an auto-pager yields.
func drain[T any](iter interface {
	Next() bool
	Current() T
	Err() error
}) (json.RawMessage, error) {
	var items []T
	for iter.Next() {
		items = append(items, iter.Current())
	}
	if err := iter.Err(); err != nil {
		return nil, err
	}
	return wireList(items)
}

func drive(line []byte) outcome {
	var req request
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return outcome{Crash: err.Error()}
	}
	var opts []option.RequestOption
	if !req.Client.FromEnv {
		opts = append(opts, option.WithAPIKey("sk-test"), option.WithBaseURL(req.BaseURL))
	}
	if req.Client.MaxRetries != nil {
		opts = append(opts, option.WithMaxRetries(*req.Client.MaxRetries))
	}
	if req.Client.Timeout != nil {
		opts = append(opts, option.WithRequestTimeout(seconds(*req.Client.Timeout)))
	}
	for k, v := range req.Client.Headers {
		opts = append(opts, option.WithHeader(k, v))
	}
	client := scenario.NewClient(opts...)
	result, err := perform(context.Background(), client, req.Call)
	if err == nil {
		return outcome{Result: result}
	}
	if kind := kindOf(err); kind != nil {
		return outcome{Error: kind}
	}
	return outcome{Crash: fmt.Sprintf("%T: %v", err, err)}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		if err := out.Encode(drive(in.Bytes())); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
"""


@pytest.fixture(scope="module")
def go_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    # One build cache for the session (a fixed name under the session's base temp,
    # so other Go tests can join it); SDKFORGE_GOCACHE keeps one warm across runs.
    cache = os.environ.get("SDKFORGE_GOCACHE") or str(tmp_path_factory.getbasetemp() / "gocache-shared")
    Path(cache).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCENARIO_")}
    env.update({"GOFLAGS": "-mod=mod", "GOPROXY": "off", "GOTOOLCHAIN": "local", "GOCACHE": cache,
                "GOPATH": str(tmp_path_factory.mktemp("gopath")), "GOSUMDB": "off", "CGO_ENABLED": "0"})
    return env


Driver = tuple[subprocess.Popen[str], ScriptedServer]
ENV_KEY = "sk-env"


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory, go_env: dict[str, str]) -> Iterator[Driver]:
    assert GO is not None, "the Go toolchain (go) is not on PATH"
    base = tmp_path_factory.mktemp("go-behaviour")
    spec = write_spec(base / "spec")
    diags = Diagnostics()
    generate(load_api(spec, diags), base / "out", ["go"], diags)
    sdk = base / "out" / "go"
    assert (sdk / "go.mod").read_text().startswith(f"module {MODULE}\n")
    root = base / "driver"
    root.mkdir()
    (root / "go.mod").write_text(f"module example.com/scenario-driver\n\ngo 1.22\n\nrequire {MODULE} v0.0.0\n\n"
                                 f"replace {MODULE} => {sdk}\n")
    (root / "main.go").write_text(DRIVER)
    for command in ([GO, "build", "-o", "driver", "."], [GO, "vet", "."]):
        done = subprocess.run(command, cwd=root, env=go_env, capture_output=True, text=True, timeout=300,
                              check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    server = ScriptedServer().start()
    # explicit options must win over these; only `from_env` calls use them
    env = dict(go_env, SCENARIO_API_KEY=ENV_KEY, SCENARIO_BASE_URL=server.url)
    proc = subprocess.Popen([str(root / "driver")], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        yield proc, server
    finally:
        server.stop()
        assert proc.stdin is not None and proc.stderr is not None
        proc.stdin.close()
        proc.wait(timeout=30)
        assert proc.returncode == 0
        assert proc.stderr.read() == ""


def ask(driver: Driver, steps: Sequence[Step], call: Mapping[str, Any],
        client: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], float]:
    """Script the server, have the driver perform one call; (outcome, seconds)."""
    proc, server = driver
    server.script(steps)
    assert proc.stdin is not None and proc.stdout is not None
    started = time.monotonic()
    proc.stdin.write(json.dumps({"base_url": server.url, "client": dict(client or {}), "call": dict(call)}) + "\n")
    proc.stdin.flush()
    line = proc.stdout.readline()
    seconds = time.monotonic() - started
    assert line, "the Go driver died"
    outcome: dict[str, Any] = json.loads(line)
    assert "crash" not in outcome, outcome["crash"]
    assert server.mismatches == []
    return outcome, seconds


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario(driver: Driver, scenario: Scenario) -> None:
    outcome, seconds = ask(driver, scenario.steps, scenario.call, scenario.client)
    server = driver[1]
    assert check_outcome(scenario, outcome) == [], outcome
    assert check_requests(scenario, server.requests) == []
    assert check_wire(scenario, server.requests) == []
    assert scenario.min_seconds <= seconds <= scenario.max_seconds, seconds
    # every attempt says which retry it is; pages are separate calls
    counts = [r.headers.get("x-sdk-retry-count") for r in server.requests]
    if scenario.call.get("mode") == "iterate":
        assert counts == ["0"] * len(counts)
    else:
        assert counts == [str(i) for i in range(len(counts))]
    assert all(r.headers.get("authorization") == f"Bearer {KEY}" for r in server.requests)


# ---------------------------------------------------------------- beyond the shared scenarios
def _file(file_id: str) -> dict[str, Any]:
    return {"id": file_id, "object": "file", "status": "processed", "bytes": 3}


RETRIEVE = {"op": "files.retrieve", "path": ["file-1"]}


def test_api_key_and_base_url_from_the_environment(driver: Driver) -> None:
    outcome, _ = ask(driver, [Step("GET", "/files/file-1", body=_file("file-1"))], RETRIEVE, {"from_env": True})
    assert outcome == {"result": _file("file-1")}
    assert driver[1].requests[0].headers["authorization"] == f"Bearer {ENV_KEY}"


def test_default_headers_and_per_request_options(driver: Driver) -> None:
    """Client headers, per-call headers, query, max retries and timeout (Go has no per-call extra body)."""
    server = driver[1]
    call = {"op": "uploads.complete", "path": ["u1"], "args": {"part_ids": ["p"]},
            "options": {"headers": {"X-Extra": "1", "X-Both": "call"}, "query": {"debug": "yes"}}}
    outcome, _ = ask(driver, [Step("POST", "/uploads/u1/complete", body=_file("f"))], call,
                     {"headers": {"X-Default": "d", "X-Both": "client"}})
    assert outcome == {"result": _file("f")}
    request = server.requests[0]
    assert (request.headers["x-default"], request.headers["x-extra"], request.headers["x-both"]) == ("d", "1", "call")
    assert request.query == {"debug": ["yes"]}
    assert request.json() == {"part_ids": ["p"]}
    outcome, seconds = ask(driver, [Step("GET", "/files/file-1", delay=0.5, body=_file("file-1"))],
                           {**RETRIEVE, "options": {"timeout": 0.1, "max_retries": 0}}, {"max_retries": 3})
    assert outcome["error"]["kind"] == "timeout" and len(server.requests) == 1 and seconds < 0.45


STATUS_KINDS = [(400, "bad_request"), (401, "authentication"), (403, "permission_denied"), (404, "not_found"),
                (409, "conflict"), (422, "unprocessable_entity"), (429, "rate_limit"), (500, "internal_server"),
                (503, "internal_server"), (418, "status")]


@pytest.mark.parametrize(("status", "kind"), STATUS_KINDS)
def test_error_per_status(driver: Driver, status: int, kind: str) -> None:
    """Go has one *Error type: the kind follows its StatusCode; Message comes from the body."""
    body = {"error": {"message": f"failed with {status}", "type": "x"}}
    outcome, _ = ask(driver, [Step("GET", "/files/file-1", status=status, body=body)], RETRIEVE, {"max_retries": 0})
    assert outcome["error"]["kind"] == kind and outcome["error"]["status"] == status
    assert outcome["error"]["class"] == "*core.Error" and f"failed with {status}" in outcome["error"]["message"]
    # the error dumps the request as sent, credentials redacted, and the response as received
    dump = outcome["error"]["dump"]
    assert dump.startswith("GET /files/file-1 HTTP/1.1\r\n"), dump
    assert "Authorization: [redacted]" in dump and "sk-" not in dump, dump
    assert f"HTTP/1.1 {status} " in dump and f"failed with {status}" in dump, dump


def test_x_should_retry_overrides_the_status(driver: Driver) -> None:
    server = driver[1]
    outcome, _ = ask(driver, [Step("GET", "/files/file-1", status=400, body={},
                                   headers={"x-should-retry": "true", "retry-after-ms": "1"}),
                              Step("GET", "/files/file-1", body=_file("file-1"))], RETRIEVE, {"max_retries": 2})
    assert outcome == {"result": _file("file-1")} and len(server.requests) == 2
    outcome, _ = ask(driver, [Step("GET", "/files/file-1", status=503, body={}, headers={"x-should-retry": "false"})],
                     RETRIEVE, {"max_retries": 2})
    assert outcome["error"]["kind"] == "internal_server" and len(server.requests) == 1


def test_retry_after_out_of_range_backs_off(driver: Driver) -> None:
    """A wait of 0 or of more than 60 s is not honoured: exponential backoff (0.5 s minus jitter).
    retry-after-ms, when it is a number, decides alone (Retry-After is then not consulted)."""
    server = driver[1]
    for headers in ({"Retry-After": "3600"}, {"Retry-After": "0"}, {"retry-after-ms": "0"},
                    {"retry-after-ms": "120000", "Retry-After": "1"}):
        outcome, _ = ask(driver, [Step("GET", "/files/file-1", status=429, headers=headers, body={}),
                                  Step("GET", "/files/file-1", body=_file("file-1"))], RETRIEVE, {"max_retries": 1})
        assert outcome == {"result": _file("file-1")}
        first, second = (r.at for r in server.requests)
        assert 0.35 <= second - first <= 0.9, (headers, second - first)


def test_multipart_upload(driver: Driver) -> None:
    call = {"op": "uploads.parts.create", "path": ["u1"],
            "args": {"data": {"$file": {"content": "chunk"}}, "note": "hi"}}
    outcome, _ = ask(driver, [Step("POST", "/uploads/u1/parts", body=_file("f"))], call)
    assert outcome == {"result": _file("f")}
    parts = driver[1].requests[0].multipart()
    assert [(name, content) for name, _, _, content in parts] == [("data", b"chunk"), ("note", b"hi")]
    assert parts[0][1] is not None  # a file part carries a filename


def test_discriminated_unions_decode_to_their_variant(driver: Driver) -> None:
    steps = [Step("GET", "/pets/p1", body={"pet_type": "cat", "name": "Tom", "lives": 9}),
             Step("GET", "/shapes/s1", body={"shape": {"kind": "square", "side": 2}})]
    outcome, _ = ask(driver, steps[:1], {"op": "pets.retrieve", "path": ["p1"], "mode": "variant"})
    assert outcome == {"result": {"variant": "scenario.Cat", "value": {"pet_type": "cat", "name": "Tom", "lives": 9}}}
    outcome, _ = ask(driver, steps[1:], {"op": "shapes.retrieve", "path": ["s1"], "mode": "variant"})
    assert outcome == {"result": {"variant": "scenario.Square", "value": {"kind": "square", "side": 2}}}
