package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Defaults of a Fetcher.
const (
	DefaultTimeout  = 30 * time.Second
	DefaultMaxBytes = 16 << 20
	userAgent       = "dyad-watch/1 (+https://github.com/dyad-events/dyad)"
)

// ErrTimeout reports a request that did not finish within
// Fetcher.Timeout.
var ErrTimeout = errors.New("request timed out")

// ErrTooLarge reports a body larger than Fetcher.MaxBytes.
var ErrTooLarge = errors.New("body too large")

// StatusError is an HTTP answer other than 200 or 304.
type StatusError struct {
	URL    string
	Code   int
	Status string
	// RetryAfter is the delay asked for by a Retry-After header (429,
	// 503), or 0.
	RetryAfter time.Duration
}

// Error describes the status.
func (e *StatusError) Error() string {
	s := fmt.Sprintf("HTTP %s", e.Status)
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// Temporary reports whether an error from Fetch is worth retrying soon:
// timeouts, network errors, 5xx, 408 and 429. Parse errors, other 4xx and
// oversized bodies are not.
func Temporary(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code >= 500 || se.Code == http.StatusTooManyRequests || se.Code == http.StatusRequestTimeout
	}
	if errors.Is(err, ErrTimeout) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	if errors.Is(err, context.Canceled) {
		return false
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Op == "parse" {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var oe *net.OpError
	return errors.As(err, &oe)
}

// RetryAfter returns the Retry-After delay carried by err, or 0.
func RetryAfter(err error) time.Duration {
	var se *StatusError
	if errors.As(err, &se) {
		return se.RetryAfter
	}
	return 0
}

// Validators are the conditional-request values of a feed.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// Response is the outcome of a successful Fetch.
type Response struct {
	// Code is 200 or 304.
	Code int
	// NotModified is true for 304: Feed is nil and the validators are the
	// ones sent.
	NotModified bool
	Validators  Validators
	Feed        *Feed
	Bytes       int
}

// Fetcher fetches feeds and pages over HTTP. The zero value is usable.
type Fetcher struct {
	// Client makes the requests; nil means http.DefaultClient. Its own
	// Timeout, if any, applies too.
	Client *http.Client
	// Timeout bounds one request, body included; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes bounds a body (after decompression); 0 means
	// DefaultMaxBytes.
	MaxBytes int64
	// UserAgent is sent with every request; "" means dyad's.
	UserAgent string
	// Now reads the clock for Retry-After dates; nil means time.Now.
	Now func() time.Time
}

func (f *Fetcher) client() *http.Client {
	if f.Client != nil {
		return f.Client
	}
	return http.DefaultClient
}

func (f *Fetcher) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultTimeout
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return DefaultMaxBytes
}

func (f *Fetcher) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

// get performs one GET with the per-request timeout and reads the body up
// to MaxBytes. For 304 the body is nil.
func (f *Fetcher) get(ctx context.Context, u, accept string, v Validators) (*http.Response, []byte, error) {
	rctx, cancel := context.WithTimeout(ctx, f.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	ua := f.UserAgent
	if ua == "" {
		ua = userAgent
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", accept)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	timedOut := func(err error) error {
		if ctx.Err() == nil && rctx.Err() == context.DeadlineExceeded {
			return fmt.Errorf("%w after %s", ErrTimeout, f.timeout())
		}
		return err
	}
	resp, err := f.client().Do(req)
	if err != nil {
		return nil, nil, timedOut(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return resp, nil, nil
	}
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return resp, nil, &StatusError{URL: u, Code: resp.StatusCode, Status: resp.Status, RetryAfter: f.retryAfter(resp.Header.Get("Retry-After"))}
	}
	max := f.maxBytes()
	b, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return resp, nil, timedOut(fmt.Errorf("reading body at byte %d: %w", len(b), err))
	}
	if int64(len(b)) > max {
		return resp, nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return resp, b, nil
}

// retryAfter parses a Retry-After value: seconds or an HTTP date.
func (f *Fetcher) retryAfter(h string) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if n, err := strconv.Atoi(h); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(min(n, 7*24*3600)) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		if d := t.Sub(f.now()); d > 0 {
			return min(d, 7*24*time.Hour)
		}
	}
	return 0
}

// Fetch gets and parses the feed at u, sending v as If-None-Match and
// If-Modified-Since. A 304 answer gives a Response with NotModified set.
// Errors wrap ErrTimeout, ErrTooLarge, ErrNotFeed or are *StatusError;
// Temporary tells which are worth retrying.
func (f *Fetcher) Fetch(ctx context.Context, u string, v Validators) (*Response, error) {
	resp, b, err := f.get(ctx, u, "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5", v)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotModified {
		out := &Response{Code: http.StatusNotModified, NotModified: true, Validators: v}
		// A server may send fresh validators with a 304.
		if e := resp.Header.Get("ETag"); e != "" {
			out.Validators.ETag = e
		}
		if lm := resp.Header.Get("Last-Modified"); lm != "" {
			out.Validators.LastModified = lm
		}
		return out, nil
	}
	fd, err := Parse(b, resp.Request.URL.String())
	if err != nil {
		return nil, err
	}
	return &Response{
		Code:       http.StatusOK,
		Validators: Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")},
		Feed:       fd,
		Bytes:      len(b),
	}, nil
}

// FetchPage gets the web page at u (for the full text of an article)
// within the same timeout and size limits.
func (f *Fetcher) FetchPage(ctx context.Context, u string) ([]byte, error) {
	_, b, err := f.get(ctx, u, "text/html, application/xhtml+xml;q=0.9, */*;q=0.5", Validators{})
	return b, err
}
