// Package core is the runtime shared by every service of this SDK: request
// building, retries, timeouts, error values and JSON helpers. It is internal:
// use the root package and the option package instead.
package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math/rand"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Defaults applied by every client before its own options.
const (
	DefaultMaxRetries     = 2
	DefaultRequestTimeout = 600 * time.Second
	// MaxRetryAfter is the longest server-requested delay that is honoured;
	// a longer one falls back to the exponential backoff.
	MaxRetryAfter  = 60 * time.Second
	InitialBackoff = 500 * time.Millisecond
	MaxBackoff     = 8 * time.Second
	// RetryCountHeader is sent on every attempt with the number of retries so far.
	RetryCountHeader = "x-sdk-retry-count"
	// ShouldRetryHeader, when a response carries it as "true" or "false",
	// overrides the status-code rule that decides whether to retry.
	ShouldRetryHeader = "x-should-retry"
)

// RequestOption changes a RequestConfig; see the option package.
type RequestOption = func(*RequestConfig) error

// RequestConfig is everything needed to send one request, with its retries.
type RequestConfig struct {
	Context        context.Context
	Method         string
	Path           string
	BaseURL        string
	Query          url.Values
	Header         http.Header
	Body           []byte
	ContentType    string
	HTTPClient     *http.Client
	MaxRetries     int
	RequestTimeout time.Duration
	APIKey         string
	// APIKeyRequired makes a request without an API key fail early.
	APIKeyRequired bool
	// APIKeyEnv names the environment variable the key is read from.
	APIKeyEnv string
	// AuthHeader and AuthPrefix say how the API key is sent.
	AuthHeader string
	AuthPrefix string
	// ResponseInto receives the final *http.Response (its body can be read again).
	ResponseInto **http.Response
	// Sleep waits between attempts; tests may replace it.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Request describes one operation call before options are applied.
type Request struct {
	Method      string
	Path        string
	Query       url.Values
	Header      http.Header
	Body        []byte
	ContentType string
	Accept      string
	// JSON, when not nil, is marshalled as the request body.
	JSON any
	// Form, when not nil, writes a multipart/form-data body.
	Form func(*Multipart) error
	// URLForm, when not nil, is sent as application/x-www-form-urlencoded.
	URLForm url.Values
	// Raw, when not nil, is sent as is ([]byte, string, io.Reader) or as JSON,
	// with ContentType.
	Raw any
}

// NewForm starts an application/x-www-form-urlencoded body.
func NewForm() url.Values { return url.Values{} }

// True is a pointer to true.
func True() *bool {
	v := true
	return &v
}

// MissingParam is the error for an empty required path parameter.
func MissingParam(name string) error {
	return errors.New("missing required " + name + " parameter")
}

// NewRequest starts a Request for method and path (relative to the base URL).
func NewRequest(method, path string) *Request {
	return &Request{Method: method, Path: path, Query: url.Values{}, Header: http.Header{}}
}

// NewRequestConfig applies opts over the defaults and encodes the body.
func NewRequestConfig(ctx context.Context, req *Request, opts ...RequestOption) (*RequestConfig, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	cfg := &RequestConfig{
		Context:        ctx,
		Method:         req.Method,
		Path:           req.Path,
		Query:          url.Values{},
		Header:         http.Header{},
		MaxRetries:     DefaultMaxRetries,
		RequestTimeout: DefaultRequestTimeout,
		AuthHeader:     "Authorization",
		AuthPrefix:     "Bearer ",
		Sleep:          sleep,
	}
	for k, vs := range req.Query {
		cfg.Query[k] = append([]string(nil), vs...)
	}
	for k, vs := range req.Header {
		cfg.Header[k] = append([]string(nil), vs...)
	}
	accept := req.Accept
	if accept == "" {
		accept = "application/json"
	}
	cfg.Header.Set("Accept", accept)
	switch {
	case req.Form != nil:
		body, contentType, err := EncodeMultipart(req.Form)
		if err != nil {
			return nil, err
		}
		cfg.Body, cfg.ContentType = body, contentType
	case req.URLForm != nil:
		cfg.Body, cfg.ContentType = []byte(req.URLForm.Encode()), "application/x-www-form-urlencoded"
	case req.JSON != nil:
		body, err := json.Marshal(req.JSON)
		if err != nil {
			return nil, err
		}
		cfg.Body, cfg.ContentType = body, "application/json"
	case req.Raw != nil:
		body, err := rawBody(req.Raw)
		if err != nil {
			return nil, err
		}
		cfg.Body, cfg.ContentType = body, req.ContentType
	case req.Body != nil:
		cfg.Body, cfg.ContentType = req.Body, req.ContentType
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(cfg); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

func rawBody(v any) ([]byte, error) {
	switch b := v.(type) {
	case []byte:
		return b, nil
	case string:
		return []byte(b), nil
	case *string:
		return []byte(*b), nil
	case io.Reader:
		return io.ReadAll(b)
	}
	return json.Marshal(v)
}

// Execute sends req with opts and decodes a successful response into dst:
// a **T decodes JSON, a **http.Response receives the open response (the
// caller closes its body), nil discards the body.
func Execute(ctx context.Context, req *Request, dst any, opts ...RequestOption) error {
	cfg, err := NewRequestConfig(ctx, req, opts...)
	if err != nil {
		return err
	}
	return cfg.Execute(dst)
}

// Clone copies the config so that it can be sent again with changes (next pages).
func (cfg *RequestConfig) Clone() *RequestConfig {
	out := *cfg
	out.Query = url.Values{}
	for k, vs := range cfg.Query {
		out.Query[k] = append([]string(nil), vs...)
	}
	out.Header = cfg.Header.Clone()
	out.ResponseInto = nil
	return &out
}

// URL is the full URL of the request.
func (cfg *RequestConfig) URL() (*url.URL, error) {
	if cfg.BaseURL == "" {
		return nil, errors.New("no base URL: pass option.WithBaseURL")
	}
	u, err := url.Parse(strings.TrimSuffix(cfg.BaseURL, "/") + "/" + strings.TrimPrefix(cfg.Path, "/"))
	if err != nil {
		return nil, err
	}
	q := u.Query()
	for k, vs := range cfg.Query {
		q[k] = append(q[k], vs...)
	}
	u.RawQuery = q.Encode()
	return u, nil
}

func (cfg *RequestConfig) newHTTPRequest(ctx context.Context, u *url.URL, retries int) (*http.Request, error) {
	var body io.Reader
	if cfg.Body != nil {
		body = bytes.NewReader(cfg.Body)
	}
	req, err := http.NewRequestWithContext(ctx, cfg.Method, u.String(), body)
	if err != nil {
		return nil, err
	}
	for k, vs := range cfg.Header {
		req.Header[k] = append([]string(nil), vs...)
	}
	if cfg.ContentType != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", cfg.ContentType)
	}
	if cfg.APIKey != "" && cfg.AuthHeader != "" && req.Header.Get(cfg.AuthHeader) == "" {
		req.Header.Set(cfg.AuthHeader, cfg.AuthPrefix+cfg.APIKey)
	}
	req.Header.Set(RetryCountHeader, strconv.Itoa(retries))
	if cfg.Body != nil {
		data := cfg.Body
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	}
	return req, nil
}

// Execute sends the request, retrying as documented on the option package,
// and decodes the final response into dst (see the package-level Execute).
func (cfg *RequestConfig) Execute(dst any) error {
	if cfg.APIKeyRequired && cfg.APIKey == "" {
		if cfg.APIKeyEnv != "" {
			return errors.New("missing API key: pass option.WithAPIKey or set the " + cfg.APIKeyEnv + " environment variable")
		}
		return errors.New("missing API key: pass option.WithAPIKey")
	}
	u, err := cfg.URL()
	if err != nil {
		return err
	}
	client := cfg.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	parent := cfg.Context
	if parent == nil {
		parent = context.Background()
	}
	for retries := 0; ; retries++ {
		ctx, cancel := parent, context.CancelFunc(func() {})
		if cfg.RequestTimeout > 0 {
			ctx, cancel = context.WithTimeout(parent, cfg.RequestTimeout)
		}
		req, err := cfg.newHTTPRequest(ctx, u, retries)
		if err != nil {
			cancel()
			return err
		}
		res, err := client.Do(req)
		if err != nil {
			cancel()
			if parent.Err() != nil {
				return parent.Err()
			}
			wrapped := wrapTransportError(req, err, ctx)
			if retries < cfg.MaxRetries {
				if err := cfg.Sleep(parent, backoff(retries)); err != nil {
					return err
				}
				continue
			}
			return wrapped
		}
		if retries < cfg.MaxRetries && shouldRetry(res) {
			delay := retryDelay(res, retries)
			_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<16))
			_ = res.Body.Close()
			cancel()
			if err := cfg.Sleep(parent, delay); err != nil {
				return err
			}
			continue
		}
		if res.StatusCode >= 400 {
			data, readErr := io.ReadAll(res.Body)
			_ = res.Body.Close()
			cancel()
			res.Body = io.NopCloser(bytes.NewReader(data))
			if cfg.ResponseInto != nil {
				*cfg.ResponseInto = res
			}
			if readErr != nil {
				return wrapTransportError(req, readErr, ctx)
			}
			return NewError(req, res, data)
		}
		if raw, ok := dst.(**http.Response); ok {
			res.Body = &cancelOnClose{ReadCloser: res.Body, cancel: cancel}
			*raw = res
			if cfg.ResponseInto != nil {
				*cfg.ResponseInto = res
			}
			return nil
		}
		data, readErr := io.ReadAll(res.Body)
		_ = res.Body.Close()
		cancel()
		if readErr != nil {
			wrapped := wrapTransportError(req, readErr, ctx)
			if parent.Err() == nil && retries < cfg.MaxRetries {
				if err := cfg.Sleep(parent, backoff(retries)); err != nil {
					return err
				}
				continue
			}
			return wrapped
		}
		res.Body = io.NopCloser(bytes.NewReader(data))
		if cfg.ResponseInto != nil {
			*cfg.ResponseInto = res
		}
		if dst == nil || len(bytes.TrimSpace(data)) == 0 {
			return nil
		}
		if err := json.Unmarshal(data, dst); err != nil {
			return &DecodeError{Request: req, Response: res, Body: data, Err: err}
		}
		return nil
	}
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

func wrapTransportError(req *http.Request, err error, ctx context.Context) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &TimeoutError{Request: req, Err: err}
	}
	var netErr interface{ Timeout() bool }
	if errors.As(err, &netErr) && netErr.Timeout() {
		return &TimeoutError{Request: req, Err: err}
	}
	return &ConnectionError{Request: req, Err: err}
}

// shouldRetry: the x-should-retry header when present, else 408, 409, 429 and 5xx.
func shouldRetry(res *http.Response) bool {
	switch strings.ToLower(strings.TrimSpace(res.Header.Get(ShouldRetryHeader))) {
	case "true":
		return true
	case "false":
		return false
	}
	switch {
	case res.StatusCode == http.StatusRequestTimeout,
		res.StatusCode == http.StatusConflict,
		res.StatusCode == http.StatusTooManyRequests,
		res.StatusCode >= 500:
		return true
	}
	return false
}

// retryDelay honours retry-after-ms (when it is a number), else Retry-After
// (seconds or an HTTP date), when that wait is positive and at most
// MaxRetryAfter; else it backs off.
func retryDelay(res *http.Response, retries int) time.Duration {
	if v := strings.TrimSpace(res.Header.Get("retry-after-ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil {
			d := time.Duration(ms * float64(time.Millisecond))
			if d > 0 && d <= MaxRetryAfter {
				return d
			}
			return backoff(retries)
		}
	}
	if v := strings.TrimSpace(res.Header.Get("Retry-After")); v != "" {
		if secs, err := strconv.ParseFloat(v, 64); err == nil {
			d := time.Duration(secs * float64(time.Second))
			if d > 0 && d <= MaxRetryAfter {
				return d
			}
		} else if when, err := http.ParseTime(v); err == nil {
			d := time.Until(when)
			if d > 0 && d <= MaxRetryAfter {
				return d
			}
		}
	}
	return backoff(retries)
}

// backoff is 0.5 s * 2^retries, at most 8 s, minus up to 25% jitter.
func backoff(retries int) time.Duration {
	d := InitialBackoff
	for i := 0; i < retries && d < MaxBackoff; i++ {
		d *= 2
	}
	if d > MaxBackoff {
		d = MaxBackoff
	}
	jitter := 1 - 0.25*rand.Float64()
	return time.Duration(float64(d) * jitter)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
