// Package core is the runtime shared by every service of this SDK: request
// building, retries, timeouts, error values and JSON helpers. It is internal:
// use the root package and the option package instead.
package core

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"math/rand"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
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

// Scheme is a security scheme as it goes on the wire.
type Scheme struct {
	ID   string   // the scheme's name in the API description
	Kind string   // bearer, basic or api_key
	In   string   // header, query or cookie
	Name string   // header, query or cookie name
	Keys []string // the credentials it sends (basic: username, password)
}

// Credential names a value the client is given: its option and environment variable.
type Credential struct {
	Key    string
	Option string
	Env    string
}

// RequestConfig is everything needed to send one request, with its retries.
type RequestConfig struct {
	Context        context.Context
	Method         string
	Path           string
	BaseURL        string
	Query          Query
	Header         http.Header
	Cookies        []Pair
	Body           []byte
	ContentType    string
	HTTPClient     *http.Client
	MaxRetries     int
	RequestTimeout time.Duration
	// Credentials holds the values of the client's credentials by key.
	Credentials map[string]string
	// Schemes are the API's security schemes; CredentialInfo says how each
	// credential is given (for the error when none is).
	Schemes        []Scheme
	CredentialInfo []Credential
	// Security lists the alternatives of schemes the operation accepts; an
	// empty alternative allows anonymous access.
	Security [][]string
	// BaseURLEnv names the environment variable the base URL is read from.
	BaseURLEnv string
	// ResponseInto receives the final *http.Response (its body can be read again).
	ResponseInto **http.Response
	// Sleep waits between attempts; tests may replace it.
	Sleep func(ctx context.Context, d time.Duration) error
}

// WithCredential sets the credential key.
func WithCredential(key, value string) RequestOption {
	return func(cfg *RequestConfig) error {
		cfg.Credentials[key] = value
		return nil
	}
}

// Request describes one operation call before options are applied.
type Request struct {
	Method string
	// Path is the operation's path; its {name} placeholders are filled by PathParam.
	Path string
	// Accept is the Accept header ("" for none).
	Accept string
	// Security lists the alternatives of scheme names the operation accepts.
	Security [][]string
	// BodyKind says how the body is encoded: json, multipart, form, binary,
	// text or "" (no body); ContentType is the media type sent.
	BodyKind    string
	ContentType string
	// Value is the body: the JSON value, the binary content (an io.Reader or
	// []byte), the text, or an object whose members are multipart or form fields.
	Value any
	// NullFields names fields of a JSON body Value (Go field names) sent as null.
	NullFields []string
	query      Query
	header     http.Header
	cookies    []Pair
	fields     []fieldValue
	err        error
}

// True is a pointer to true.
func True() *bool {
	v := true
	return &v
}

// False is a pointer to false.
func False() *bool {
	v := false
	return &v
}

// NewRequest starts a Request for method and path (relative to the base URL).
func NewRequest(method, path string) *Request {
	return &Request{Method: method, Path: path, header: http.Header{}}
}

func (r *Request) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// PathParam fills the placeholder of p in the path.
func (r *Request) PathParam(p Param, v any) {
	text, err := PathValue(p, v)
	if err != nil {
		r.fail(err)
		return
	}
	r.Path = strings.Replace(r.Path, "{"+p.Name+"}", text, 1)
}

// Param adds a query, header or cookie parameter; an unset value adds nothing.
func (r *Request) Param(p Param, v any) {
	switch p.In {
	case "path":
		r.PathParam(p, v)
	case "header":
		text, ok, err := HeaderValue(p, v)
		if err != nil {
			r.fail(err)
		} else if ok {
			r.header.Set(p.Name, text)
		}
	case "cookie":
		pairs, err := CookiePairs(p, v)
		if err != nil {
			r.fail(err)
		}
		r.cookies = append(r.cookies, pairs...)
	default:
		pairs, err := QueryPairs(p, v)
		if err != nil {
			r.fail(err)
		}
		r.query = append(r.query, pairs...)
	}
}

// Field adds a multipart or form body field.
func (r *Request) Field(f Field, v any) {
	r.fields = append(r.fields, fieldValue{field: f, value: v})
}

// NewRequestConfig applies opts over the defaults and encodes the body.
func NewRequestConfig(ctx context.Context, req *Request, opts ...RequestOption) (*RequestConfig, error) {
	if req.err != nil {
		return nil, req.err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	cfg := &RequestConfig{
		Context:        ctx,
		Method:         req.Method,
		Path:           req.Path,
		Query:          req.query.Clone(),
		Header:         req.header.Clone(),
		Cookies:        append([]Pair(nil), req.cookies...),
		MaxRetries:     DefaultMaxRetries,
		RequestTimeout: DefaultRequestTimeout,
		Credentials:    map[string]string{},
		Security:       req.Security,
		Sleep:          sleep,
	}
	if req.Accept != "" {
		cfg.Header.Set("Accept", req.Accept)
	}
	if err := encodeBody(cfg, req); err != nil {
		return nil, err
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

func encodeBody(cfg *RequestConfig, req *Request) error {
	fields := req.fields
	if (req.BodyKind == "multipart" || req.BodyKind == "form") && req.Value != nil {
		val, err := valueOf(req.Value)
		if err != nil {
			return err
		}
		for i, item := range val.items {
			if val.kind == 'o' && item.kind != 0 {
				fields = append(fields, fieldValue{field: Field{Name: val.keys[i], Style: "form", Explode: true}, value: item.plain()})
			}
		}
	}
	switch req.BodyKind {
	case "json":
		if isUnset(reflect.ValueOf(req.Value)) {
			return nil
		}
		body, err := jsonText(req.Value)
		if err != nil {
			return err
		}
		if len(req.NullFields) > 0 {
			if body, err = withNulls(body, req.Value, req.NullFields); err != nil {
				return err
			}
		}
		cfg.Body, cfg.ContentType = body, req.ContentType
	case "multipart":
		body, contentType, err := MultipartBody(fields)
		if err != nil {
			return err
		}
		cfg.Body, cfg.ContentType = body, contentType
	case "form":
		body, err := FormBody(fields)
		if err != nil {
			return err
		}
		cfg.Body, cfg.ContentType = body, req.ContentType
	case "binary":
		r, ok := readerOf(req.Value)
		if !ok {
			if s, isString := req.Value.(string); isString {
				r, ok = strings.NewReader(s), true
			}
		}
		if !ok {
			return nil
		}
		body, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		cfg.Body, cfg.ContentType = body, req.ContentType
	case "text":
		switch t := req.Value.(type) {
		case string:
			cfg.Body = []byte(t)
		case *string:
			if t == nil {
				return nil
			}
			cfg.Body = []byte(*t)
		default:
			if r, ok := readerOf(req.Value); ok {
				body, err := io.ReadAll(r)
				if err != nil {
					return err
				}
				cfg.Body = body
			} else {
				return nil
			}
		}
		cfg.ContentType = req.ContentType
	}
	return nil
}

// withNulls adds "name": null to the JSON object body for each Go field
// name in nulls (after the members already there, which keep their order).
func withNulls(body []byte, v any, nulls []string) ([]byte, error) {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	body = bytes.TrimSpace(body)
	if t.Kind() != reflect.Struct || len(body) < 2 || body[0] != '{' {
		return body, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil, err
	}
	out := append([]byte(nil), body[:len(body)-1]...)
	for _, name := range nulls {
		f, ok := t.FieldByName(name)
		if !ok {
			return nil, errors.New("NullFields: no field " + name)
		}
		wire, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if wire == "" || wire == "-" {
			wire = f.Name
		}
		if _, present := obj[wire]; present {
			continue
		}
		obj[wire] = json.RawMessage("null")
		key, err := jsonText(wire)
		if err != nil {
			return nil, err
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(append(out, key...), ":null"...)
	}
	return append(out, '}'), nil
}

// Execute sends req with opts and decodes a successful response into dst:
// a **T decodes JSON (leniently: a member of the wrong type is left as it
// is), a *string receives the body as text, a **http.Response receives the
// open response (the caller closes its body), nil discards the body.
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
	out.Query = cfg.Query.Clone()
	out.Header = cfg.Header.Clone()
	out.Cookies = append([]Pair(nil), cfg.Cookies...)
	out.Credentials = map[string]string{}
	for k, v := range cfg.Credentials {
		out.Credentials[k] = v
	}
	out.ResponseInto = nil
	return &out
}

// authorize picks the first security alternative whose credentials are all
// set and says what it sends: header values, a query pair and a cookie pair.
func (cfg *RequestConfig) authorize() (http.Header, []Pair, []Pair, error) {
	header := http.Header{}
	var query, cookies []Pair
	if len(cfg.Security) == 0 {
		return header, nil, nil, nil
	}
	anonymous := false
	for _, alt := range cfg.Security {
		if len(alt) == 0 {
			anonymous = true
			continue
		}
		satisfied := true
		for _, name := range alt {
			scheme, ok := cfg.scheme(name)
			if !ok {
				satisfied = false
				break
			}
			for _, key := range scheme.Keys {
				if cfg.Credentials[key] == "" {
					satisfied = false
				}
			}
		}
		if !satisfied {
			continue
		}
		for _, name := range alt {
			scheme, _ := cfg.scheme(name)
			switch scheme.Kind {
			case "basic":
				user, pass := "", ""
				if len(scheme.Keys) == 2 {
					user, pass = cfg.Credentials[scheme.Keys[0]], cfg.Credentials[scheme.Keys[1]]
				}
				header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(user+":"+pass)))
			case "bearer":
				header.Set("Authorization", "Bearer "+cfg.Credentials[scheme.Keys[0]])
			default:
				key := cfg.Credentials[scheme.Keys[0]]
				switch scheme.In {
				case "query":
					query = append(query, Pair{Escape(scheme.Name), Escape(key)})
				case "cookie":
					cookies = append(cookies, Pair{scheme.Name, Escape(key)})
				default:
					if strings.ContainsAny(key, "\r\n") {
						return nil, nil, nil, errors.New("credential for " + scheme.Name + " contains CR or LF")
					}
					header.Set(scheme.Name, key)
				}
			}
		}
		return header, query, cookies, nil
	}
	if anonymous {
		return header, nil, nil, nil
	}
	return nil, nil, nil, cfg.missingCredentials()
}

func (cfg *RequestConfig) scheme(id string) (Scheme, bool) {
	for _, s := range cfg.Schemes {
		if s.ID == id {
			return s, true
		}
	}
	return Scheme{}, false
}

func (cfg *RequestConfig) missingCredentials() error {
	info := map[string]Credential{}
	for _, c := range cfg.CredentialInfo {
		info[c.Key] = c
	}
	var options []string
	for _, alt := range cfg.Security {
		var needs []string
		for _, name := range alt {
			scheme, _ := cfg.scheme(name)
			for _, key := range scheme.Keys {
				c, ok := info[key]
				if !ok {
					c = Credential{Key: key, Option: key}
				}
				text := c.Option
				if c.Env != "" {
					text += " (or the " + c.Env + " environment variable)"
				}
				needs = append(needs, text)
			}
		}
		if len(needs) > 0 {
			options = append(options, strings.Join(needs, " and "))
		}
	}
	return errors.New("missing credentials: pass " + strings.Join(options, "; or ") + "")
}

// URL is the full URL of the request, with extra query pairs after its own.
func (cfg *RequestConfig) URL(extra ...Pair) (string, error) {
	if cfg.BaseURL == "" {
		if cfg.BaseURLEnv != "" {
			return "", errors.New("no base URL: pass option.WithBaseURL or set the " + cfg.BaseURLEnv + " environment variable")
		}
		return "", errors.New("no base URL: pass option.WithBaseURL")
	}
	u := strings.TrimSuffix(cfg.BaseURL, "/") + "/" + strings.TrimPrefix(cfg.Path, "/")
	query := cfg.Query.Clone()
	for _, p := range extra {
		present := false
		for _, q := range query {
			if q.Key == p.Key {
				present = true
			}
		}
		if !present {
			query = append(query, p)
		}
	}
	if len(query) > 0 {
		// a path that carries its own query ("/items?beta=true") goes on with "&"
		if strings.Contains(u, "?") {
			u += "&" + query.Encode()
		} else {
			u += "?" + query.Encode()
		}
	}
	return u, nil
}

func (cfg *RequestConfig) newHTTPRequest(ctx context.Context, u string, auth http.Header, cookies []Pair,
	retries int) (*http.Request, error) {
	var body io.Reader
	if cfg.Body != nil {
		body = bytes.NewReader(cfg.Body)
	}
	req, err := http.NewRequestWithContext(ctx, cfg.Method, u, body)
	if err != nil {
		return nil, err
	}
	for k, vs := range cfg.Header {
		req.Header[k] = append([]string(nil), vs...)
	}
	if cfg.ContentType != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", cfg.ContentType)
	}
	for k, vs := range auth {
		if req.Header.Get(k) == "" {
			req.Header[k] = vs
		}
	}
	if len(cookies) > 0 {
		parts := make([]string, 0, len(cookies))
		for _, c := range cookies {
			parts = append(parts, c.Key+"="+c.Value)
		}
		req.Header.Set("Cookie", strings.Join(parts, "; "))
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
	auth, authQuery, authCookies, err := cfg.authorize()
	if err != nil {
		return err
	}
	u, err := cfg.URL(authQuery...)
	if err != nil {
		return err
	}
	cookies := append(append([]Pair(nil), cfg.Cookies...), authCookies...)
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
		req, err := cfg.newHTTPRequest(ctx, u, auth, cookies, retries)
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
		if text, ok := dst.(*string); ok {
			*text = string(data)
			return nil
		}
		if dst == nil || len(bytes.TrimSpace(data)) == 0 {
			return nil
		}
		if err := json.Unmarshal(data, dst); err != nil && !Lenient(err) {
			// a string response that is not JSON text is kept as it arrived
			if text, ok := dst.(**string); ok {
				body := string(data)
				*text = &body
				return nil
			}
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

// Lenient reports a decoding error that leaves the value as it arrived: a
// member whose JSON type does not match its field (the field stays zero).
func Lenient(err error) bool {
	var typeErr *json.UnmarshalTypeError
	return errors.As(err, &typeErr)
}

// ExecuteWithHeader is Execute that also returns the final response's header
// (a page reads its Link header from it).
func (cfg *RequestConfig) ExecuteWithHeader(dst any) (http.Header, error) {
	var res *http.Response
	into := cfg.ResponseInto
	cfg.ResponseInto = &res
	err := cfg.Execute(dst)
	cfg.ResponseInto = into
	if res == nil {
		return nil, err
	}
	if into != nil {
		*into = res
	}
	return res.Header, err
}

var (
	linkValue = regexp.MustCompile(`<([^>]*)>([^<]*)`)
	linkRel   = regexp.MustCompile(`(?i)\brel\s*=\s*(?:"([^"]*)"|([^\s;,]+))`)
)

// LinkNext is the rel="next" URL of a Link header (RFC 8288), or "".
func LinkNext(header string) string {
	for _, match := range linkValue.FindAllStringSubmatch(header, -1) {
		rel := linkRel.FindStringSubmatch(match[2])
		if rel == nil {
			continue
		}
		for _, token := range strings.Fields(strings.ToLower(rel[1] + rel[2])) {
			if token == "next" {
				return match[1]
			}
		}
	}
	return ""
}

// QueryOf is a next page's URL as the query pairs (raw, in the URL's order)
// to send to the same operation: a URL from a response never chooses the
// host the credentials go to. Nil when the URL has no query.
func QueryOf(link string) [][2]string {
	if link == "" {
		return nil
	}
	parsed, err := url.Parse(link)
	if err != nil {
		return nil
	}
	var out [][2]string
	for _, part := range strings.Split(parsed.RawQuery, "&") {
		if part == "" {
			continue
		}
		key, value, _ := strings.Cut(part, "=")
		k, errK := url.QueryUnescape(key)
		v, errV := url.QueryUnescape(value)
		if errK != nil || errV != nil {
			continue
		}
		out = append(out, [2]string{k, v})
	}
	return out
}
