"""The Go SDK against the wire contract (docs/WIRE.md): the runtime serializers
against the tables of docs/WIRE.md, the SDK generated from the wire-conformance
spec (tests/cases/wire/spec.yaml) through a recorder in front of Prism with its
x-expect facts checked, and the client-side rules (credentials, base URL,
response kinds, lenient decoding) against a loopback httptest server."""

from __future__ import annotations

import base64
import http.server
import json
import re
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from support.prism import REPO_ROOT
from support.recorder import parse_multipart
from test_go import GO, GOFMT, assert_clean, generate, go_env, run  # noqa: F401  (go_env: a fixture)

WIRE_SPEC = REPO_ROOT / "tests" / "cases" / "wire" / "spec.yaml"

pytestmark = pytest.mark.skipif(GO is None or GOFMT is None, reason="the Go toolchain is not installed")


@pytest.fixture(scope="module")
def wire_sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(WIRE_SPEC, tmp_path_factory.mktemp("go-wire"))


# ------------------------------------------------------------------ the serializers, table by table
CORE_PROBE = r'''package core

import (
	"strings"
	"testing"
)

func pairs(ps []Pair) string {
	return Query(ps).Encode()
}

func TestEscape(t *testing.T) {
	if got := Escape("a b&c=d/e?#%é~._-"); got != "a%20b%26c%3Dd%2Fe%3F%23%25%C3%A9~._-" {
		t.Fatal(got)
	}
}

func TestPathStyles(t *testing.T) {
	obj := struct {
		A int `json:"a"`
		B int `json:"b"`
	}{1, 2}
	cases := []struct {
		style   string
		explode bool
		value   any
		want    string
	}{
		{"simple", false, 5, "5"}, {"simple", false, []int{3, 4}, "3,4"}, {"simple", false, obj, "a,1,b,2"},
		{"simple", true, 5, "5"}, {"simple", true, []int{3, 4}, "3,4"}, {"simple", true, obj, "a=1,b=2"},
		{"label", false, 5, ".5"}, {"label", false, []int{3, 4}, ".3,4"}, {"label", false, obj, ".a,1,b,2"},
		{"label", true, 5, ".5"}, {"label", true, []int{3, 4}, ".3.4"}, {"label", true, obj, ".a=1.b=2"},
		{"matrix", false, 5, ";id=5"}, {"matrix", false, []int{3, 4}, ";id=3,4"}, {"matrix", false, obj, ";id=a,1,b,2"},
		{"matrix", true, 5, ";id=5"}, {"matrix", true, []int{3, 4}, ";id=3;id=4"}, {"matrix", true, obj, ";a=1;b=2"},
		{"simple", false, "a/b?c#d%e fé", "a%2Fb%3Fc%23d%25e%20f%C3%A9"},
		{"simple", false, "..", "%2E%2E"}, {"simple", false, ".", "%2E"}, {"simple", false, "a.b", "a.b"},
		{"simple", false, []string{"x,y", "z"}, "x%2Cy,z"},
	}
	for _, c := range cases {
		got, err := PathValue(Param{Name: "id", In: "path", Style: c.style, Explode: c.explode}, c.value)
		if err != nil || got != c.want {
			t.Errorf("%s explode=%v %v: %q %v, want %q", c.style, c.explode, c.value, got, err, c.want)
		}
	}
	if _, err := PathValue(Param{Name: "item_id", In: "path", Style: "simple"}, ""); err == nil ||
		!strings.Contains(err.Error(), "item_id") {
		t.Errorf("an empty path value must be refused naming the parameter: %v", err)
	}
}

func TestQueryStyles(t *testing.T) {
	obj := struct {
		A int `json:"a"`
		B int `json:"b"`
	}{1, 2}
	nested := map[string]any{"a": map[string]any{"b": 1}}
	cases := []struct {
		style   string
		explode bool
		value   any
		want    string
	}{
		{"form", true, []int{3, 4}, "id=3&id=4"}, {"form", true, obj, "a=1&b=2"},
		{"form", false, []int{3, 4}, "id=3,4"}, {"form", false, obj, "id=a,1,b,2"},
		{"spaceDelimited", false, []int{3, 4}, "id=3%204"}, {"pipeDelimited", false, []int{3, 4}, "id=3|4"},
		{"deepObject", true, []int{3, 4}, "id%5B%5D=3&id%5B%5D=4"}, {"deepObject", true, obj, "id%5Ba%5D=1&id%5Bb%5D=2"},
		{"deepObject", true, nested, "id%5Ba%5D%5Bb%5D=1"},
		{"form", true, "a b&c=d/e", "id=a%20b%26c%3Dd%2Fe"}, {"form", true, true, "id=true"},
		{"form", true, 0.5, "id=0.5"}, {"form", true, int64(5), "id=5"},
		{"form", true, []int{}, ""}, {"form", true, (*string)(nil), ""}, {"form", false, []string{"a,b", "c"}, "id=a%2Cb,c"},
	}
	for _, c := range cases {
		got, err := QueryPairs(Param{Name: "id", In: "query", Style: c.style, Explode: c.explode}, c.value)
		if err != nil || pairs(got) != c.want {
			t.Errorf("%s explode=%v %v: %q %v, want %q", c.style, c.explode, c.value, pairs(got), err, c.want)
		}
	}
}

func TestHeaderAndCookie(t *testing.T) {
	if text, ok, err := HeaderValue(Param{Name: "X-Colors", In: "header", Style: "simple"}, []string{"red", "green"}); !ok || err != nil || text != "red,green" {
		t.Errorf("header array: %q %v %v", text, ok, err)
	}
	if text, _, _ := HeaderValue(Param{Name: "X-Trace", In: "header", Style: "simple"}, "a b/c"); text != "a b/c" {
		t.Errorf("header values are not encoded: %q", text)
	}
	if _, _, err := HeaderValue(Param{Name: "X-Trace", In: "header", Style: "simple"}, "a\r\nb"); err == nil {
		t.Error("CR/LF must be refused")
	}
	got, err := CookiePairs(Param{Name: "pref", In: "cookie", Style: "form", Explode: true}, "dark mode")
	if err != nil || len(got) != 1 || got[0].Key+"="+got[0].Value != "pref=dark%20mode" {
		t.Errorf("cookie: %v %v", got, err)
	}
}

func TestFormAndMultipart(t *testing.T) {
	body, err := FormBody([]fieldValue{
		{Field{Name: "name", Style: "form", Explode: true}, "a b"},
		{Field{Name: "colors", Style: "form", Explode: true}, []string{"red", "green"}},
		{Field{Name: "tags", Style: "deepObject", Explode: true}, []string{"x", "y"}},
		{Field{Name: "ids", Style: "form"}, []int{1, 2}},
		{Field{Name: "words", Style: "spaceDelimited"}, []string{"a", "b"}},
		{Field{Name: "codes", Style: "pipeDelimited"}, []string{"a", "b"}},
		{Field{Name: "address", Style: "form", Explode: true}, map[string]any{"city": "Paris", "geo": map[string]any{"lat": 1}, "lines": []string{"l"}}},
		{Field{Name: "unset", Style: "form", Explode: true}, (*bool)(nil)},
		{Field{Name: "agree", Style: "form", Explode: true}, true},
	})
	want := "name=a%20b&colors=red&colors=green&tags%5B%5D=x&tags%5B%5D=y&ids=1,2&words=a%20b&codes=a|b&" +
		"address%5Bcity%5D=Paris&address%5Bgeo%5D%5Blat%5D=1&address%5Blines%5D%5B%5D=l&agree=true"
	if err != nil || string(body) != want {
		t.Errorf("form: %s %v", body, err)
	}
	data, contentType, err := MultipartBody([]fieldValue{
		{Field{Name: "file", File: true}, strings.NewReader("bytes")},
		{Field{Name: "named", File: true, ContentType: "text/plain"}, &NamedReader{Reader: strings.NewReader("x"), Filename: "/tmp/a.txt"}},
		{Field{Name: "tags"}, []string{"a", "b"}},
		{Field{Name: "obj"}, map[string]any{"k": map[string]any{"n": []int{1}}}},
		{Field{Name: "meta", JSON: true}, map[string]string{"k": "<v>"}},
	})
	text := string(data)
	if err != nil || !strings.HasPrefix(contentType, "multipart/form-data; boundary=") {
		t.Fatalf("multipart: %v %s", err, contentType)
	}
	for _, want := range []string{
		"name=\"file\"; filename=\"upload\"\r\nContent-Type: application/octet-stream\r\n\r\nbytes",
		"name=\"named\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nx",
		"name=\"tags[]\"\r\n\r\na\r\n", "name=\"tags[]\"\r\n\r\nb\r\n",
		"name=\"obj[k][n][]\"\r\n\r\n1\r\n",
		"name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"k\":\"<v>\"}\r\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("multipart lacks %q:\n%s", want, text)
		}
	}
}

func TestBaseURLRequired(t *testing.T) {
	cfg := &RequestConfig{BaseURLEnv: "WIRE_CHECK_BASE_URL"}
	if _, err := cfg.URL(); err == nil || !strings.Contains(err.Error(), "option.WithBaseURL") ||
		!strings.Contains(err.Error(), "WIRE_CHECK_BASE_URL") {
		t.Errorf("no base URL: %v", err)
	}
}
'''


def test_runtime_serializers_follow_the_wire_tables(wire_sdk: Path, go_env: dict[str, str]) -> None:
    (wire_sdk / "internal" / "core" / "wire_probe_test.go").write_text(CORE_PROBE)
    result = run([GO, "test", "-count=1", "-v", "./internal/core"], wire_sdk, go_env)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr
    assert result.stdout.count("--- PASS") == 6, result.stdout


# ------------------------------------------------------------------ client rules, against httptest
CLIENT_PROBE = r'''package wirecheck

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/wire-check-go/option"
)

func server(t *testing.T, seen *[]*http.Request) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*seen = append(*seen, r)
		switch r.URL.Path {
		case "/items/x":
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"id":5,"name":"thing","count":"many","extra":[1]}`)
		case "/blobs/b":
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write([]byte{0, 1, 2, 255, '"'})
		case "/echo":
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, `"quoted" text`)
		case "/status-text":
			w.Header().Set("Content-Type", "application/json")
			if r.URL.Query().Get("raw") != "" {
				io.WriteString(w, "{\"a\":1}\n{\"a\":2}\n")
				return
			}
			io.WriteString(w, `"all good"`)
		default:
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"ok":true}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func clearEnv(t *testing.T) {
	for _, name := range []string{BearerEnv, UsernameEnv, PasswordEnv, HeaderKeyEnv, QueryKeyEnv, CookieKeyEnv, BaseURLEnv} {
		t.Setenv(name, "")
	}
}

func TestMissingCredentialsFailBeforeSending(t *testing.T) {
	clearEnv(t)
	var seen []*http.Request
	srv := server(t, &seen)
	client := NewClient(option.WithBaseURL(srv.URL))
	_, err := client.Either.Get(context.Background())
	if err == nil || len(seen) != 0 {
		t.Fatalf("sent without credentials: %v", err)
	}
	for _, want := range []string{"option.WithUsername", "option.WithPassword", "option.WithBearer", "WIRE_CHECK_USERNAME", "WIRE_CHECK_BEARER"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	// only the password: basic is not satisfied, the bearer alternative is
	_, err = client.Either.Get(context.Background(), option.WithPassword("p"), option.WithBearer("tok"))
	if err != nil || seen[0].Header.Get("Authorization") != "Bearer tok" {
		t.Fatalf("second alternative: %v %v", err, seen)
	}
	if _, err := client.Public.Get(context.Background()); err != nil || seen[1].Header.Get("Authorization") != "" {
		t.Fatalf("public: %v", err)
	}
}

func TestCredentialsFromTheEnvironment(t *testing.T) {
	clearEnv(t)
	var seen []*http.Request
	srv := server(t, &seen)
	t.Setenv(UsernameEnv, "u")
	t.Setenv(PasswordEnv, "p")
	t.Setenv(QueryKeyEnv, "q k")
	t.Setenv(HeaderKeyEnv, "h")
	t.Setenv(BaseURLEnv, srv.URL)
	client := NewClient()
	if _, err := client.Basic.Get(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := client.TwoKeys.Get(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := seen[0].Header.Get("Authorization"); got != "Basic dTpw" {
		t.Errorf("basic: %q", got)
	}
	if seen[1].URL.RawQuery != "api_key=q%20k" || seen[1].Header.Get("X-API-Key") != "h" {
		t.Errorf("two keys: %q %v", seen[1].URL.RawQuery, seen[1].Header)
	}
	// a query parameter of the same name given by the caller wins
	if _, err := client.TwoKeys.Get(context.Background(), option.WithQuery("api_key", "mine")); err != nil ||
		seen[2].URL.RawQuery != "api_key=mine" {
		t.Errorf("caller's query: %v %q", err, seen[2].URL.RawQuery)
	}
}

func TestResponseKinds(t *testing.T) {
	clearEnv(t)
	var seen []*http.Request
	srv := server(t, &seen)
	client := NewClient(option.WithBaseURL(srv.URL), option.WithBearer("tok"))
	item, err := client.Items.Get(context.Background(), "x")
	if err != nil || item.Name != "thing" || item.ID != "" || !strings.Contains(item.RawJSON(), `"count":"many"`) {
		t.Fatalf("lenient decoding: %v %+v", err, item)
	}
	if _, ok := item.ExtraFields()["extra"]; !ok {
		t.Errorf("extra field lost")
	}
	res, err := client.Blobs.Get(context.Background(), "b")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(data) != "\x00\x01\x02\xff\"" {
		t.Errorf("binary: %q", data)
	}
	text, err := client.Echo.New(context.Background(), EchoNewParams{Body: "hi"})
	if err != nil || text != `"quoted" text` {
		t.Errorf("text: %q %v", text, err)
	}
	status, err := client.StatusText.Get(context.Background())
	if err != nil || status == nil || *status != "all good" {
		t.Errorf("JSON string: %v %v", status, err)
	}
	// a JSON string response whose body is not JSON (a JSONL download) is kept as it arrived
	raw, err := client.StatusText.Get(context.Background(), option.WithQuery("raw", "1"))
	if err != nil || raw == nil || *raw != "{\"a\":1}\n{\"a\":2}\n" {
		t.Errorf("raw string: %v %v", raw, err)
	}
	if err := client.Items.Delete(context.Background(), "x"); err != nil {
		t.Errorf("empty: %v", err)
	}
	if _, err := client.Items.Get(context.Background(), ""); err == nil || !strings.Contains(err.Error(), "item_id") {
		t.Errorf("empty path value: %v", err)
	}
	if got := seen[len(seen)-1].Header.Get("Accept"); got != "" {
		t.Errorf("no Accept for a response without content: %q", got)
	}
}
'''


def test_client_rules_against_httptest(wire_sdk: Path, go_env: dict[str, str]) -> None:
    (wire_sdk / "wire_probe_test.go").write_text(CLIENT_PROBE)
    try:
        result = run([GO, "test", "-count=1", "-v", "-run", "TestMissingCredentials|TestCredentialsFrom|TestResponseKinds",
                      "."], wire_sdk, go_env)
    finally:
        (wire_sdk / "wire_probe_test.go").unlink()
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr
    assert result.stdout.count("--- PASS") == 3, result.stdout


# ------------------------------------------------------------------ the generated tests through a recorder
class _Recorder(http.server.ThreadingHTTPServer):
    upstream: str
    records: list[dict[str, Any]]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Recorder

    def _any(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        request = urllib.request.Request(self.server.upstream + self.path, data=body or None, method=self.command)
        for key, value in self.headers.items():
            if key.lower() not in ("host", "content-length", "connection", "accept-encoding"):
                request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, data, headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, data, headers = error.code, error.read(), error.headers
        self.server.records.append({"method": self.command, "path": self.path, "status": status,
                                    "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
        self.send_response(status)
        if headers.get("content-type"):
            self.send_header("content-type", headers["content-type"])
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _any

    def log_message(self, *args: Any) -> None:
        pass


def _multipart(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The parts (support.recorder.parse_multipart) with the fields not sent left out."""
    return [{k: v for k, v in part.items() if v is not None} for part in parse_multipart(record["headers"]["content-type"], record["body"])]


def _route(path: str) -> re.Pattern[str]:
    return re.compile("^/" + re.sub(r"\\\{[^}]*\\\}", "[^/?]+", re.escape(path.lstrip("/"))) + r"(\?|$)")


def test_generated_tests_send_what_the_wire_spec_expects(wire_sdk: Path, go_env: dict[str, str],
                                                         prism_for) -> None:
    prism = prism_for(WIRE_SPEC)
    recorder = _Recorder(("127.0.0.1", 0), _Handler)
    recorder.upstream, recorder.records = prism.url.rstrip("/"), []
    thread = threading.Thread(target=recorder.serve_forever, daemon=True)
    thread.start()
    try:
        env = dict(go_env, TEST_API_BASE_URL=f"http://127.0.0.1:{recorder.server_address[1]}")
        result = run([GO, "test", "-count=1", "-p", "1", "-v", "."], wire_sdk, env)
    finally:
        recorder.shutdown()
    spec = yaml.safe_load(WIRE_SPEC.read_text())
    failed = re.findall(r"^--- FAIL: (\w+)", result.stdout, re.MULTILINE)
    prism_fails = {op["operationId"]: op["x-prism-fails"]["status"] for item in spec["paths"].values()
                   for op in item.values() if "x-prism-fails" in op}
    assert len(failed) <= 2 * len(prism_fails), result.stdout[-6000:]
    problems: list[str] = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            calls = [r for r in recorder.records if r["method"] == method.upper() and _either(_route(path).match, r["path"])]
            if len(calls) < 2:
                problems.append(f"{op['operationId']}: {len(calls)} calls")
                continue
            want_status = prism_fails.get(op["operationId"])
            problems += [f"{op['operationId']}: status {c['status']}" for c in calls
                         if (c["status"] >= 300 if want_status is None else c["status"] not in (want_status, 200))]
            last = calls[-1]  # the every-argument call comes after the required-only one
            expect = op.get("x-expect", {})
            raw_path, _, query = last["path"].partition("?")
            checks: list[tuple[str, Any, Any]] = []
            if "path" in expect:
                checks.append(("path", raw_path, expect["path"]))
            if "query" in expect:
                checks.append(("query", query, expect["query"]))
            for name, value in expect.get("headers", {}).items():
                got = last["headers"].get(name)
                if name == "content-type" and got is not None:
                    got = got.split(";")[0]
                checks.append((name, got, value))
            if "json" in expect:
                checks.append(("json", json.loads(last["body"]), expect["json"]))
            if "form" in expect:
                checks.append(("form", last["body"].decode(), expect["form"]))
            if "body" in expect:
                checks.append(("body", last["body"].decode(), expect["body"]))
            if "multipart" in expect:
                checks.append(("multipart", _multipart(last), expect["multipart"]))
            problems += [f"{op['operationId']} {what}: {got!r} != {want!r}" for what, got, want in checks
                         if got != want]
    assert not problems, "\n".join(problems)
    basic = base64.b64encode(b"sample-username:sample-password").decode()
    assert any(r["headers"].get("authorization") == f"Basic {basic}" for r in recorder.records)


def _either(match, path: str):  # type: ignore[no-untyped-def]
    """``match`` on the path as sent, else percent-decoded ("/<upload_url>" goes out as /%3Cupload_url%3E)."""
    return match(path) or match(unquote(path))
