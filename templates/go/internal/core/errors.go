package core

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"strings"
)

// Error is returned for every response with a status of 400 or more (after
// retries). Use errors.As(err, &apiErr) with a *Error to inspect it.
type Error struct {
	StatusCode int
	// Message, Type, Code and Param are read from the body when it has them
	// (either at the top level or under "error").
	Message   string
	Type      string
	Code      string
	Param     string
	RequestID string
	Request   *http.Request
	Response  *http.Response
	raw       []byte
}

// NewError builds the Error for a response and its (already read) body.
func NewError(req *http.Request, res *http.Response, body []byte) *Error {
	e := &Error{Request: req, Response: res, raw: body}
	if res != nil {
		e.StatusCode = res.StatusCode
		e.RequestID = res.Header.Get("x-request-id")
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) == nil {
		fields := top
		var inner map[string]json.RawMessage
		if nested, ok := top["error"]; ok && json.Unmarshal(nested, &inner) == nil {
			fields = inner
		}
		e.Message = stringField(fields, "message")
		e.Type = stringField(fields, "type")
		e.Code = stringField(fields, "code")
		e.Param = stringField(fields, "param")
		if e.Message == "" {
			e.Message = stringField(top, "detail")
		}
	}
	return e
}

func stringField(m map[string]json.RawMessage, key string) string {
	raw, ok := m[key]
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if string(raw) == "null" {
		return ""
	}
	return string(raw)
}

// DumpRequest is the request as it was sent (with its body when body is true),
// for logs and bug reports. Credentials are redacted: Authorization,
// Proxy-Authorization, Cookie, and every header whose name holds "key",
// "token" or "secret".
func (e *Error) DumpRequest(body bool) []byte {
	if e.Request == nil {
		return nil
	}
	// a fresh context: the call's own is over, and a dump of a cancelled request fails
	req := e.Request.Clone(context.Background())
	req.Header = redacted(e.Request.Header)
	req.Body = nil
	if body && e.Request.GetBody != nil {
		if b, err := e.Request.GetBody(); err == nil {
			req.Body = b
		}
	}
	out, err := httputil.DumpRequestOut(req, body && req.Body != nil)
	if err != nil {
		return nil
	}
	return out
}

// DumpResponse is the response as it was received (with its body when body is
// true), for logs and bug reports.
func (e *Error) DumpResponse(body bool) []byte {
	if e.Response == nil {
		return nil
	}
	res := *e.Response
	res.Body = io.NopCloser(bytes.NewReader(e.raw))
	out, err := httputil.DumpResponse(&res, body)
	if err != nil {
		return nil
	}
	return out
}

func redacted(header http.Header) http.Header {
	out := header.Clone()
	for name := range out {
		lower := strings.ToLower(name)
		if lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" ||
			strings.Contains(lower, "key") || strings.Contains(lower, "token") || strings.Contains(lower, "secret") {
			out[name] = []string{"[redacted]"}
		}
	}
	return out
}

// RawJSON is the response body exactly as received.
func (e *Error) RawJSON() string { return string(e.raw) }

func (e *Error) Error() string {
	var b strings.Builder
	if e.Request != nil {
		fmt.Fprintf(&b, "%s %q: ", e.Request.Method, e.Request.URL.String())
	}
	fmt.Fprintf(&b, "%d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	} else if len(e.raw) > 0 {
		b.WriteString(" ")
		b.WriteString(strings.TrimSpace(string(e.raw)))
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request id %s)", e.RequestID)
	}
	return b.String()
}

// ConnectionError wraps a failure to reach the server or read its answer.
type ConnectionError struct {
	Request *http.Request
	Err     error
}

func (e *ConnectionError) Error() string {
	if e.Request != nil {
		return fmt.Sprintf("connection error: %s %q: %v", e.Request.Method, e.Request.URL.String(), e.Err)
	}
	return fmt.Sprintf("connection error: %v", e.Err)
}

func (e *ConnectionError) Unwrap() error { return e.Err }

// TimeoutError wraps a request that ran past its timeout.
type TimeoutError struct {
	Request *http.Request
	Err     error
}

func (e *TimeoutError) Error() string {
	if e.Request != nil {
		return fmt.Sprintf("request timed out: %s %q: %v", e.Request.Method, e.Request.URL.String(), e.Err)
	}
	return fmt.Sprintf("request timed out: %v", e.Err)
}

func (e *TimeoutError) Unwrap() error { return e.Err }

// Timeout reports true, as net.Error does.
func (e *TimeoutError) Timeout() bool { return true }

// DecodeError is returned when a successful response cannot be decoded.
type DecodeError struct {
	Request  *http.Request
	Response *http.Response
	Body     []byte
	Err      error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("cannot decode the response body: %v", e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }
