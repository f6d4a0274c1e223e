// Package option holds the options accepted by NewClient and by every
// method (as the trailing opts ...option.RequestOption). Options given to a
// method apply to that call only and override the client's.
package option

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/sdkforge-examples/openai-go/internal/core"
)

// RequestOption changes how a request is sent.
type RequestOption = core.RequestOption

// WithAPIKey sets the api_key credential (by default it is read
// from the OPENAI_API_KEY environment variable).
func WithAPIKey(value string) RequestOption {
	return core.WithCredential("api_key", value)
}

// WithBaseURL sets the base URL every path is relative to.
func WithBaseURL(base string) RequestOption {
	return func(cfg *core.RequestConfig) error {
		u, err := url.Parse(base)
		if err != nil {
			return err
		}
		if u.Scheme == "" || u.Host == "" {
			return errors.New("option.WithBaseURL: not an absolute URL: " + base)
		}
		cfg.BaseURL = base
		return nil
	}
}

// WithMaxRetries sets how often a failed request is retried (default 2).
// Connection errors, timeouts and responses with status 408, 409, 429 or
// 5xx are retried, unless the response says x-should-retry: false.
func WithMaxRetries(retries int) RequestOption {
	return func(cfg *core.RequestConfig) error {
		if retries < 0 {
			return errors.New("option.WithMaxRetries: negative retries")
		}
		cfg.MaxRetries = retries
		return nil
	}
}

// WithRequestTimeout sets the timeout of each attempt (default 600 s);
// zero means no timeout. The context's deadline still applies to the whole call.
func WithRequestTimeout(d time.Duration) RequestOption {
	return func(cfg *core.RequestConfig) error {
		cfg.RequestTimeout = d
		return nil
	}
}

// WithHeader sets a request header, replacing any value it had.
func WithHeader(key, value string) RequestOption {
	return func(cfg *core.RequestConfig) error {
		cfg.Header.Set(key, value)
		return nil
	}
}

// WithHeaderAdd adds a value to a request header.
func WithHeaderAdd(key, value string) RequestOption {
	return func(cfg *core.RequestConfig) error {
		cfg.Header.Add(key, value)
		return nil
	}
}

// WithHeaderDel removes a request header.
func WithHeaderDel(key string) RequestOption {
	return func(cfg *core.RequestConfig) error {
		cfg.Header.Del(key)
		return nil
	}
}

// WithQuery sets a query parameter, replacing any value it had.
func WithQuery(key, value string) RequestOption {
	return func(cfg *core.RequestConfig) error {
		cfg.Query.Set(key, value)
		return nil
	}
}

// WithHTTPClient sets the *http.Client that sends requests
// (default http.DefaultClient).
func WithHTTPClient(client *http.Client) RequestOption {
	return func(cfg *core.RequestConfig) error {
		cfg.HTTPClient = client
		return nil
	}
}

// WithResponseInto stores the final *http.Response of the call in *dst, for
// its status and headers; its body has been read already and can be read
// again from the start. Error responses are stored too.
func WithResponseInto(dst **http.Response) RequestOption {
	return func(cfg *core.RequestConfig) error {
		cfg.ResponseInto = dst
		return nil
	}
}
