package ingest

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// IsURL reports whether s is an http or https URL.
func IsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

var defaultClient = &http.Client{Timeout: 30 * time.Second}

// FetchURL downloads one web page or text and makes its item: HTML (by
// Content-Type or content) goes through ExtractHTML, anything textual is
// read as plain text. The URL is the document's id and URL; its date comes
// from the page metadata, a dateline, opts.Date, or the Last-Modified
// header, else the time of fetching.
func FetchURL(ctx context.Context, client *http.Client, u string, opts Options) Item {
	if client == nil {
		client = defaultClient
	}
	fail := func(err error) Item {
		return Item{Pos: u, Doc: store.Doc{Document: dyad.Document{ID: u, URL: u}}, Err: fmt.Errorf("%s: %w", u, err)}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fail(err)
	}
	req.Header.Set("User-Agent", "dyad-ingest/1 (+https://github.com/dyad-events/dyad)")
	resp, err := client.Do(req)
	if err != nil {
		return fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fail(fmt.Errorf("HTTP %s", resp.Status))
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, int64(opts.maxBytes())+1))
	if err != nil {
		return fail(err)
	}
	if len(b) > opts.maxBytes() {
		return fail(fmt.Errorf("more than %d bytes: %w", opts.maxBytes(), dyad.ErrInvalidInput))
	}
	ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	k := KindText
	head := strings.ToLower(strings.TrimSpace(string(b[:min(len(b), 512)])))
	switch {
	case strings.Contains(ct, "html"), strings.HasPrefix(head, "<!doctype html"), strings.HasPrefix(head, "<html"):
		k = KindHTML
	case ct != "" && !strings.HasPrefix(ct, "text/"):
		return fail(fmt.Errorf("content type %q is not text or HTML: %w", ct, dyad.ErrInvalidInput))
	}
	fallback := opts.now()
	if lm, err := http.ParseTime(resp.Header.Get("Last-Modified")); err == nil {
		fallback = lm
	}
	it := docItem(b, u, u, k, fallback, opts)
	it.Doc.URL = u
	if k == KindHTML && it.Err == nil {
		if art, err := ExtractHTML(b, u); err == nil && art.Site != "" && it.Doc.Source == "" {
			it.Doc.Source = art.Site
		}
	}
	return it
}
