"""The Go SDK target, checked with the real Go toolchain (gofmt, go vet,
go build, go test) and against Prism."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from conftest import OPENAI_UPLOADS_SPEC
from support.prism import REPO_ROOT

GO = shutil.which("go")
GOFMT = shutil.which("gofmt")
SDKFORGE = REPO_ROOT / ".venv" / "bin" / "sdkforge"
OPENAI_FULL = REPO_ROOT.parent / "shared" / "specs" / "real" / "openai" / "openapi.yaml"
MODULE = "github.com/sdkforge-examples/openai-go"

pytestmark = pytest.mark.skipif(GO is None or GOFMT is None, reason="the Go toolchain is not installed")


@pytest.fixture(scope="session")
def go_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    cache = os.environ.get("SDKFORGE_GOCACHE") or str(tmp_path_factory.mktemp("gocache"))
    env = dict(os.environ)
    env.update({"GOFLAGS": "-mod=mod", "GOPROXY": "off", "GOTOOLCHAIN": "local", "GOCACHE": cache,
                "GOPATH": str(tmp_path_factory.mktemp("gopath")), "GOSUMDB": "off", "CGO_ENABLED": "0"})
    env.pop("TEST_API_BASE_URL", None)
    return env


def run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def generate(spec: Path, out: Path) -> Path:
    result = subprocess.run([str(SDKFORGE), "generate", str(spec), "--out", str(out), "--target", "go"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out / "go"


def assert_clean(sdk: Path, env: dict[str, str]) -> None:
    fmt = run([GOFMT, "-l", "."], sdk, env)
    assert fmt.returncode == 0 and fmt.stdout == "", f"gofmt -l lists files:\n{fmt.stdout}{fmt.stderr}"
    build = run([GO, "build", "./..."], sdk, env)
    assert build.returncode == 0, build.stderr
    vet = run([GO, "vet", "./..."], sdk, env)
    assert vet.returncode == 0, vet.stderr


@pytest.fixture(scope="session")
def sample_sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(OPENAI_UPLOADS_SPEC, tmp_path_factory.mktemp("go-sample"))


def consumer_module(root: Path, sdk: Path, files: dict[str, str], env: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "go.mod").write_text(f"module example.com/consumer\n\ngo 1.22\n\nrequire {MODULE} v0.0.0\n\n"
                                 f"replace {MODULE} => {sdk}\n")
    for name, text in files.items():
        (root / name).write_text(text)
    return root


def test_sample_is_formatted_and_builds(sample_sdk: Path, go_env: dict[str, str]) -> None:
    assert (sample_sdk / "go.mod").read_text().startswith(f"module {MODULE}\n")
    assert "require" not in (sample_sdk / "go.mod").read_text()
    assert_clean(sample_sdk, go_env)
    upload = (sample_sdk / "uploads.go").read_text()
    assert "func (r *UploadService) Complete(ctx context.Context, uploadID string, params UploadCompleteParams, " \
           "opts ...option.RequestOption) (*Upload, error)" in upload
    assert "func (r *UploadPartService) New(" in upload
    assert re.search(r"PartIDs +\[\]string +`json:\"part_ids\"`", upload)
    assert re.search(r"MD5 +\*string +`json:\"md5,omitempty\"`", upload)
    files = (sample_sdk / "files.go").read_text()
    assert "func (r *FileService) ListAutoPaging(" in files


def test_generation_is_deterministic(sample_sdk: Path, tmp_path: Path) -> None:
    again = generate(OPENAI_UPLOADS_SPEC, tmp_path)
    first = {p.relative_to(sample_sdk): p.read_bytes() for p in sample_sdk.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_generated_method_tests_pass_against_prism(sample_sdk: Path, go_env: dict[str, str], prism_for) -> None:
    prism = prism_for(OPENAI_UPLOADS_SPEC)
    env = dict(go_env, TEST_API_BASE_URL=prism.url)
    result = run([GO, "test", "-count=1", "-v", "./..."], sample_sdk, env)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr
    passed = re.findall(r"^--- PASS: (\w+)", result.stdout, re.M)
    assert "--- SKIP" not in result.stdout
    # every method (7) with required params, with all params where it has optional ones, plus auto-paging
    for name in ("TestUploadComplete", "TestUploadCompleteWithOptionalParams", "TestUploadPartNew",
                 "TestFileList", "TestFileListWithOptionalParams", "TestFileListAutoPaging", "TestFileGet",
                 "TestFileDelete", "TestUploadNew", "TestUploadCancel"):
        assert name in passed, result.stdout


def test_consumer_module_completes_upload_against_prism(sample_sdk: Path, go_env: dict[str, str], prism_for,
                                                        tmp_path: Path) -> None:
    prism = prism_for(OPENAI_UPLOADS_SPEC)
    main = textwrap.dedent("""\
        package main

        import (
        	"context"
        	"errors"
        	"fmt"
        	"os"

        	openai "github.com/sdkforge-examples/openai-go"
        	"github.com/sdkforge-examples/openai-go/option"
        )

        func main() {
        	client := openai.NewClient(option.WithAPIKey("sk-test"))
        	upload, err := client.Uploads.Complete(context.Background(), "upload_abc123", openai.UploadCompleteParams{PartIDs: []string{"part_1"}})
        	if err != nil {
        		fmt.Println("error:", err)
        		os.Exit(1)
        	}
        	fmt.Println(upload.ID, upload.Status, upload.File.ID)
        	_, err = client.Uploads.Complete(context.Background(), "upload_abc123", openai.UploadCompleteParams{})
        	var apiErr *openai.Error
        	if errors.As(err, &apiErr) {
        		fmt.Println("status", apiErr.StatusCode)
        	}
        }
        """)
    root = consumer_module(tmp_path / "consumer", sample_sdk, {"main.go": main}, go_env)
    env = dict(go_env, OPENAI_BASE_URL=prism.url)
    result = run([GO, "run", "."], root, env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "upload_abc123 completed file-xyz321"
    assert lines[1] == "status 422"  # Prism rejects the request without part_ids


# A Go test run in a consumer module against a loopback httptest server.
BEHAVIOUR = r'''package behaviour

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sdkforge-examples/openai-go"
	"github.com/sdkforge-examples/openai-go/option"
	"github.com/sdkforge-examples/openai-go/ssestream"
)

const upload = `{"id":"upload_abc123","bytes":1,"created_at":1,"expires_at":2,"filename":"a.jsonl","object":"upload","purpose":"fine-tune","status":"%s","surprise":{"x":1}}`

type recorder struct {
	mu      sync.Mutex
	retries []string
	times   []time.Time
	auth    []string
}

func (r *recorder) note(req *http.Request) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.retries = append(r.retries, req.Header.Get("x-sdk-retry-count"))
	r.times = append(r.times, time.Now())
	r.auth = append(r.auth, req.Header.Get("Authorization"))
	return len(r.retries)
}

func serve(t *testing.T, h func(n int, w http.ResponseWriter, r *http.Request)) (*httptest.Server, *recorder) {
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h(rec.note(r), w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

func client(srv *httptest.Server, opts ...option.RequestOption) *openai.Client {
	base := []option.RequestOption{option.WithBaseURL(srv.URL), option.WithAPIKey("sk-test")}
	return openai.NewClient(append(base, opts...)...)
}

func complete(c *openai.Client, opts ...option.RequestOption) (*openai.Upload, error) {
	return c.Uploads.Complete(context.Background(), "upload_abc123", openai.UploadCompleteParams{PartIDs: []string{"part_1"}}, opts...)
}

func TestRetryAfterOn429(t *testing.T) {
	srv, rec := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(429)
			fmt.Fprint(w, `{"error":{"message":"slow down"}}`)
			return
		}
		fmt.Fprintf(w, upload, "completed")
	})
	up, err := complete(client(srv))
	if err != nil {
		t.Fatal(err)
	}
	if up.Status != openai.UploadStatusCompleted || up.ID != "upload_abc123" {
		t.Fatalf("decoded %+v", up)
	}
	if got := rec.times[1].Sub(rec.times[0]); got < 900*time.Millisecond {
		t.Fatalf("Retry-After not honoured: waited %v", got)
	}
	if strings.Join(rec.retries, ",") != "0,1" || rec.auth[0] != "Bearer sk-test" {
		t.Fatalf("headers %v %v", rec.retries, rec.auth)
	}
	if _, ok := up.ExtraFields()["surprise"]; !ok || !strings.Contains(up.RawJSON(), "surprise") {
		t.Fatalf("unknown field lost: %v", up.ExtraFields())
	}
}

func TestServerErrorRetriedThenRaised(t *testing.T) {
	srv, rec := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("retry-after-ms", "10")
		w.Header().Set("x-request-id", "req_123")
		w.WriteHeader(500)
		fmt.Fprint(w, `{"error":{"message":"boom","type":"server_error"}}`)
	})
	var raw *http.Response
	_, err := complete(client(srv), option.WithResponseInto(&raw))
	var apiErr *openai.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("not an *openai.Error: %v", err)
	}
	if apiErr.StatusCode != 500 || apiErr.Message != "boom" || apiErr.RequestID != "req_123" || !strings.Contains(apiErr.RawJSON(), "server_error") {
		t.Fatalf("error fields: %+v", apiErr)
	}
	if strings.Join(rec.retries, ",") != "0,1,2" {
		t.Fatalf("attempts %v", rec.retries)
	}
	if raw == nil || raw.StatusCode != 500 {
		t.Fatalf("WithResponseInto: %v", raw)
	}
}

func TestNotFoundNotRetriedAndShouldRetryHeader(t *testing.T) {
	srv, rec := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(404)
		fmt.Fprint(w, `{"error":{"message":"No such Upload."}}`)
	})
	_, err := complete(client(srv))
	var apiErr *openai.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || len(rec.retries) != 1 {
		t.Fatalf("404: %v after %d attempts", err, len(rec.retries))
	}
	srv2, rec2 := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-should-retry", "false")
		w.WriteHeader(503)
	})
	if _, err := complete(client(srv2)); err == nil || len(rec2.retries) != 1 {
		t.Fatalf("x-should-retry false: %v after %d attempts", err, len(rec2.retries))
	}
	srv3, rec3 := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			w.Header().Set("x-should-retry", "true")
			w.Header().Set("retry-after-ms", "5")
			w.WriteHeader(400)
			return
		}
		fmt.Fprintf(w, upload, "completed")
	})
	if _, err := complete(client(srv3)); err != nil || len(rec3.retries) != 2 {
		t.Fatalf("x-should-retry true: %v after %d attempts", err, len(rec3.retries))
	}
}

func TestTimeoutAndConnectionErrors(t *testing.T) {
	srv, rec := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	})
	start := time.Now()
	_, err := complete(client(srv), option.WithRequestTimeout(100*time.Millisecond), option.WithMaxRetries(1))
	var timeout *openai.APITimeoutError
	if !errors.As(err, &timeout) || len(rec.retries) != 2 || time.Since(start) > 3*time.Second {
		t.Fatalf("timeout: %T %v after %d attempts", err, err, len(rec.retries))
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	c := openai.NewClient(option.WithBaseURL("http://"+addr), option.WithAPIKey("k"), option.WithMaxRetries(0))
	_, err = complete(c)
	var conn *openai.APIConnectionError
	if !errors.As(err, &conn) {
		t.Fatalf("connection error: %T %v", err, err)
	}
}

func TestMissingAPIKey(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "")
	c := openai.NewClient(option.WithBaseURL("http://127.0.0.1:1"))
	_, err := complete(c)
	if err == nil || !strings.Contains(err.Error(), "OPENAI_API_KEY") {
		t.Fatalf("missing key: %v", err)
	}
}

func TestPaginationAcrossThreePages(t *testing.T) {
	srv, _ := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
		after := r.URL.Query().Get("after")
		page := map[string]string{"": "1", "file-2": "2", "file-4": "3"}[after]
		var items []string
		switch page {
		case "1":
			items = []string{"file-1", "file-2"}
		case "2":
			items = []string{"file-3", "file-4"}
		case "3":
			items = []string{"file-5"}
		}
		var data []string
		for _, id := range items {
			data = append(data, fmt.Sprintf(`{"id":%q,"bytes":1,"created_at":1,"filename":"f","object":"file","purpose":"brand_new_purpose","status":"processed"}`, id))
		}
		last := items[len(items)-1]
		fmt.Fprintf(w, `{"object":"list","data":[%s],"first_id":%q,"last_id":%q,"has_more":%v}`, strings.Join(data, ","), items[0], last, page != "3")
	})
	iter := client(srv).Files.ListAutoPaging(context.Background(), openai.FileListParams{Limit: openai.Int(2)})
	var ids []string
	for iter.Next() {
		f := iter.Current()
		if f.Purpose.IsKnown() || f.Purpose != "brand_new_purpose" {
			t.Fatalf("unknown enum value: %q", f.Purpose)
		}
		ids = append(ids, f.ID)
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, ",") != "file-1,file-2,file-3,file-4,file-5" {
		t.Fatalf("ids %v", ids)
	}
}

func TestServerSentEvents(t *testing.T) {
	srv, _ := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		if r.URL.Path == "/bad" {
			fmt.Fprint(w, "data: {\"n\":1}\n\nevent: error\ndata: {\"error\":{\"message\":\"overloaded\"}}\n\n")
			return
		}
		fmt.Fprint(w, ": comment\n\ndata: {\"n\":1}\n\ndata: {\"n\":\n")
		fmt.Fprint(w, "data: 2}\n\ndata: [DONE]\n\ndata: {\"n\":3}\n\n")
	})
	type event struct {
		N int `json:"n"`
	}
	res, err := http.Get(srv.URL + "/ok")
	stream := ssestream.NewStream[event](res, err)
	var got []int
	for stream.Next() {
		got = append(got, stream.Current().N)
	}
	if stream.Err() != nil || fmt.Sprint(got) != "[1 2]" {
		t.Fatalf("stream %v %v", got, stream.Err())
	}
	res, err = http.Get(srv.URL + "/bad")
	bad := ssestream.NewStream[event](res, err)
	for bad.Next() {
	}
	var apiErr *openai.Error
	if !errors.As(bad.Err(), &apiErr) || apiErr.Message != "overloaded" {
		t.Fatalf("error event: %v", bad.Err())
	}
}

func TestMultipartAndQuery(t *testing.T) {
	srv, _ := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/uploads/upload_abc123/parts" {
			if err := r.ParseMultipartForm(1 << 20); err != nil {
				w.WriteHeader(400)
				return
			}
			f, _, err := r.FormFile("data")
			if err != nil {
				w.WriteHeader(400)
				return
			}
			buf := make([]byte, 64)
			k, _ := f.Read(buf)
			fmt.Fprintf(w, `{"id":"part_1","created_at":1,"upload_id":"upload_abc123","object":"upload.part","echo":%q}`, string(buf[:k]))
			return
		}
		body, _ := json.Marshal(r.URL.Query())
		fmt.Fprintf(w, `{"object":"list","data":[],"first_id":"","last_id":"","has_more":false,"echo":%s}`, body)
	})
	c := client(srv)
	part, err := c.Uploads.Parts.New(context.Background(), "upload_abc123", openai.UploadPartNewParams{Data: strings.NewReader("chunk-bytes")})
	if err != nil || !strings.Contains(part.RawJSON(), "chunk-bytes") {
		t.Fatalf("multipart: %v %v", err, part)
	}
	page, err := c.Files.List(context.Background(), openai.FileListParams{Order: openai.Ptr(openai.FileListParamsOrderAsc), Limit: openai.Int(3)})
	if err != nil || !strings.Contains(page.RawJSON(), `"order":["asc"]`) || !strings.Contains(page.RawJSON(), `"limit":["3"]`) {
		t.Fatalf("query: %v %s", err, page.RawJSON())
	}
}
'''


def test_runtime_behaviour(sample_sdk: Path, go_env: dict[str, str], tmp_path: Path) -> None:
    """Retries, Retry-After, x-should-retry, timeouts, connection errors, pagination,
    SSE, multipart, unknown enum values, against a loopback httptest server."""
    root = consumer_module(tmp_path / "behaviour", sample_sdk,
                           {"behaviour_test.go": BEHAVIOUR}, go_env)
    result = run([GO, "test", "-count=1", "-v", "."], root, go_env)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr
    assert result.stdout.count("--- PASS") == 8, result.stdout


def test_full_openai_spec(tmp_path: Path, go_env: dict[str, str]) -> None:
    if not OPENAI_FULL.is_file():
        pytest.fail(f"{OPENAI_FULL} is missing")
    start = time.monotonic()
    sdk = generate(OPENAI_FULL, tmp_path)
    generated = time.monotonic()
    assert_clean(sdk, go_env)
    checked = time.monotonic()
    print(f"\nopenai full spec: generate {generated - start:.1f}s, gofmt+build+vet {checked - generated:.1f}s")
    text = (sdk / "chat.go").read_text()
    assert "func (r *ChatCompletionService) NewStreaming(" in text


HOSTILE = r'''
openapi: 3.1.0
info:
  title: "Hostile */ `API` \"quoted\""
  version: "1.0"
  description: "Ends */ `ticks` \"quotes\"\nline\u0000nul\u0007bell\u2028sep\ufeffbom\n\n  - indented\n\tcode\n\nOld Heading\n\ntext\n[link]: http://x"
servers:
  - url: "https://example.com/api\"`*/"
paths:
  /things/{thing-id}:
    post:
      operationId: "create`Thing\"*/"
      summary: "Make */ a `thing` \"now\"\n\u0000"
      parameters:
        - {name: thing-id, in: path, required: true, schema: {type: string}}
        - {name: "type", in: query, schema: {type: string}}
        - {name: "X-Weird\"`Header", in: header, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Thing"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      description: "Thing */ with `backtick` and \"quote\"\n// fake\n\u0001\u001f control\r\nCRLF"
      required: [type, func]
      properties:
        type: {type: string, description: "the `type` */"}
        func:
          type: string
          enum: ["a\"b", "c`d", "e\nf", "*/", "", "a\"b2"]
          description: "enum */ of `weird` \"values\""
        1st: {type: integer}
        a-b: {type: string}
        _: {type: boolean}
        foo_bar: {type: string}
        fooBar: {type: string}
        "quote\"key": {type: string}
        "back`tick": {type: string}
        string: {type: string}
        raw_json: {type: string}
        nested: {$ref: "#/components/schemas/Thing"}
'''


def test_hostile_spec(tmp_path: Path, go_env: dict[str, str]) -> None:
    spec = tmp_path / "hostile.yaml"
    spec.write_text(HOSTILE)
    sdk = generate(spec, tmp_path / "out")
    assert_clean(sdk, go_env)
    # both colliding fields and the keys no struct tag can carry survive a round trip
    probe = textwrap.dedent("""\
        package hostileapiquoted

        import (
        	"encoding/json"
        	"testing"
        )

        func TestRoundTrip(t *testing.T) {
        	in := `{"type":"t","func":"c` + "`" + `d","foo_bar":"x","fooBar":"y","quote\\"key":"q","back` + "`" + `tick":"b","_":true,"1st":1,"a-b":"ab","zzz":5}`
        	var thing Thing
        	if err := json.Unmarshal([]byte(in), &thing); err != nil {
        		t.Fatal(err)
        	}
        	if *thing.FooBar != "x" || *thing.FooBar2 != "y" || *thing.QuoteKey != "q" || *thing.BackTick != "b" || thing.Func != ThingFuncCD || !*thing.Field || *thing.N1St != 1 || *thing.AB != "ab" {
        		t.Fatalf("decoded %+v", thing)
        	}
        	if len(thing.ExtraFields()) != 1 {
        		t.Fatalf("extra %v", thing.ExtraFields())
        	}
        	out, err := json.Marshal(thing)
        	if err != nil {
        		t.Fatal(err)
        	}
        	var back map[string]any
        	_ = json.Unmarshal(out, &back)
        	if back["quote\\"key"] != "q" || back["back`tick"] != "b" || back["fooBar"] != "y" || back["foo_bar"] != "x" {
        		t.Fatalf("encoded %s", out)
        	}
        }
        """)
    (sdk / "roundtrip_probe_test.go").write_text(probe)
    result = run([GO, "test", "-count=1", "-run", "TestRoundTrip", "-v", "."], sdk, go_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "--- PASS: TestRoundTrip" in result.stdout
    models = (sdk / "schema_types.go").read_text()
    assert 'ThingFuncCD ' in models and '= "c`d"' in models and '= "e\\nf"' in models
    for line in models.splitlines():
        stripped = line.strip()
        assert "\x00" not in line and "\ufeff" not in line and "\u2028" not in line
        if stripped.startswith("//"):
            continue
    client = (sdk / "client.go").read_text()
    # the contract's base URL: the first server without its trailing slash
    assert 'DefaultBaseURL = "https://example.com/api\\"`*"' in client
