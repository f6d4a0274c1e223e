// Package openai is a client for the OpenAI API.
//
// The OpenAI REST API, trimmed to the Uploads and Files resources. Please see https://platform.openai.com/docs/api-reference for more details.
package openai

import (
	"io"
	"os"

	"github.com/sdkforge-examples/openai-go/internal/core"
	"github.com/sdkforge-examples/openai-go/option"
)

// Error is returned for responses with a status of 400 or more; use
// errors.As(err, &apiErr) with apiErr of type *Error.
type Error = core.Error

// APIConnectionError wraps a failure to reach the server.
type APIConnectionError = core.ConnectionError

// APITimeoutError wraps a request that ran past its timeout.
type APITimeoutError = core.TimeoutError

// DecodeError is returned when a successful response cannot be decoded.
type DecodeError = core.DecodeError

// Environment variables read by NewClient, and the default base URL.
const (
	APIKeyEnv      = "OPENAI_API_KEY"
	BaseURLEnv     = "OPENAI_BASE_URL"
	DefaultBaseURL = "https://api.openai.com/v1"
)

// Client is the entry point of the API: one field per resource.
type Client struct {
	Options []option.RequestOption
	Uploads UploadService
	Files   FileService
}

// securitySchemes are the API's security schemes.
var securitySchemes = []core.Scheme{
	{ID: "ApiKeyAuth", Kind: "bearer", In: "header", Name: "Authorization", Keys: []string{"api_key"}},
}

// credentials are the values the client is given, with their options and environment variables.
var credentials = []core.Credential{
	{Key: "api_key", Option: "option.WithAPIKey", Env: APIKeyEnv},
}

// NewClient builds a client.
// Each credential comes from its option or its environment variable (see
// the constants above): option.WithAPIKey.
// An operation that needs a credential and finds none fails before sending.
// The base URL comes from option.WithBaseURL, the variable named by
// BaseURLEnv, or DefaultBaseURL. Requests are retried twice by default and
// each attempt times out after 600 s (option.WithMaxRetries,
// option.WithRequestTimeout).
func NewClient(opts ...option.RequestOption) *Client {
	defaults := []option.RequestOption{func(cfg *core.RequestConfig) error {
		cfg.Schemes = securitySchemes
		cfg.CredentialInfo = credentials
		cfg.BaseURLEnv = BaseURLEnv
		cfg.BaseURL = DefaultBaseURL
		return nil
	}}
	if base, ok := os.LookupEnv(BaseURLEnv); ok && base != "" {
		defaults = append(defaults, option.WithBaseURL(base))
	}
	if value, ok := os.LookupEnv(APIKeyEnv); ok && value != "" {
		defaults = append(defaults, option.WithAPIKey(value))
	}
	opts = append(defaults, opts...)
	r := &Client{Options: opts}
	r.Uploads = NewUploadService(opts...)
	r.Files = NewFileService(opts...)
	return r
}

// NewFile names binary content for a file field (the name goes with the
// upload); an *os.File is named already.
func NewFile(name string, content io.Reader) io.Reader {
	return &core.NamedReader{Reader: content, Filename: name}
}

// String returns a pointer to v, for optional parameters.
func String(v string) *string { return &v }

// Int returns a pointer to v, for optional parameters.
func Int(v int64) *int64 { return &v }

// Float returns a pointer to v, for optional parameters.
func Float(v float64) *float64 { return &v }

// Bool returns a pointer to v, for optional parameters.
func Bool(v bool) *bool { return &v }

// Ptr returns a pointer to v (for enums and structs).
func Ptr[T any](v T) *T { return &v }
