package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
)

// HTMLArticle is the main text of a web page and its metadata.
type HTMLArticle struct {
	Title string
	Text  string
	// Published is the publication time from the page's metadata, or zero.
	Published time.Time
	Site      string
}

// ErrNoText reports an input with no extractable text.
var ErrNoText = errors.New("no text")

// ExtractHTML returns the main text of an HTML page: the article body
// without navigation, advertisements, comments, scripts and styles
// (readability's algorithm), with paragraphs separated by blank lines.
// pageURL may be empty. Input that is not text (NUL bytes, mostly invalid
// UTF-8) or holds no article text gives an error; it never panics.
func ExtractHTML(b []byte, pageURL string) (art HTMLArticle, err error) {
	defer func() {
		if r := recover(); r != nil {
			art, err = HTMLArticle{}, fmt.Errorf("html: extractor failed: %v", r)
		}
	}()
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return art, fmt.Errorf("html: NUL byte at offset %d: not an HTML text: %w", i, ErrNoText)
	}
	if bad := invalidUTF8(b); bad*10 > len(b) && len(b) > 0 {
		return art, fmt.Errorf("html: %d of %d bytes are not UTF-8: not an HTML text: %w", bad, len(b), ErrNoText)
	}
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	a, err := readability.FromReader(bytes.NewReader(b), u)
	if err != nil {
		return art, fmt.Errorf("html: %w", err)
	}
	art.Title = strings.TrimSpace(a.Title())
	art.Site = a.SiteName()
	if t, err := a.PublishedTime(); err == nil {
		art.Published = t.UTC()
	}
	if a.Node != nil {
		var sb strings.Builder
		if err := a.RenderText(&sb); err == nil {
			art.Text = TidyText(sb.String())
		}
	}
	if len(strings.Fields(art.Text)) < 3 {
		return art, fmt.Errorf("html: no article text found: %w", ErrNoText)
	}
	return art, nil
}

func invalidUTF8(b []byte) int {
	bad := 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		b = b[n:]
	}
	return bad
}

// TidyText trims lines, collapses runs of blanks inside lines and keeps
// paragraph breaks (CRLF or LF) as one blank line. The feed reader uses it
// on entry text too.
func TidyText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	blank := false
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
