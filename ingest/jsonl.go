package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// JSONRecord is one line of a JSON Lines input. Text is required; id
// defaults to name:line, date is parsed with ParseMetaDate.
type JSONRecord struct {
	ID     string `json:"id"`
	URL    string `json:"url"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Source string `json:"source"`
	Text   string `json:"text"`
}

// ReadJSONL reads JSON Lines records from r (named name in positions and
// default ids). Bad lines become items with errors naming name:line; the
// rest goes on. fallback is the date used when a record has none (the
// file's modification time, or zero).
func ReadJSONL(ctx context.Context, r io.Reader, name string, fallback time.Time, opts Options, yield func(Item) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	maxB := opts.maxBytes()
	for line := 1; ; line++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		b, tooLong, err := readLine(br, maxB)
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if len(bytes.TrimSpace(b)) == 0 && !tooLong {
			if errors.Is(err, io.EOF) {
				return nil
			}
			continue
		}
		pos := fmt.Sprintf("%s:%d", name, line)
		it := jsonItem(b, tooLong, pos, fallback, &opts)
		if !yield(it) {
			return nil
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
	}
}

// readLine reads one line up to max bytes; longer lines are skipped to
// their end and reported with tooLong.
func readLine(br *bufio.Reader, max int) ([]byte, bool, error) {
	var buf []byte
	tooLong := false
	for {
		part, isPrefix, err := br.ReadLine()
		if !tooLong {
			buf = append(buf, part...)
			if len(buf) > max {
				tooLong, buf = true, nil
			}
		}
		if err != nil {
			return buf, tooLong, err
		}
		if !isPrefix {
			return buf, tooLong, nil
		}
	}
}

func jsonItem(b []byte, tooLong bool, pos string, fallback time.Time, opts *Options) Item {
	if tooLong {
		return Item{Pos: pos, Err: fmt.Errorf("%s: line longer than %d bytes: %w", pos, opts.maxBytes(), dyad.ErrInvalidInput)}
	}
	var rec JSONRecord
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&rec); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return Item{Pos: pos, Err: fmt.Errorf("%s: byte %d: %w: %v", pos, se.Offset, dyad.ErrInvalidInput, err)}
		}
		return Item{Pos: pos, Err: fmt.Errorf("%s: %w: %v", pos, dyad.ErrInvalidInput, err)}
	}
	if dec.More() {
		return Item{Pos: pos, Err: fmt.Errorf("%s: byte %d: more than one JSON value on the line: %w", pos, dec.InputOffset(), dyad.ErrInvalidInput)}
	}
	if strings.TrimSpace(rec.Text) == "" {
		return Item{Pos: pos, Err: fmt.Errorf("%s: record %q has no text: %w", pos, rec.ID, ErrNoText)}
	}
	id := rec.ID
	if id == "" {
		id = pos
	}
	var meta time.Time
	if rec.Date != "" {
		t, ok := ParseMetaDate(rec.Date)
		if !ok {
			return Item{Pos: pos, Err: fmt.Errorf("%s: record %q: date %q: want ISO 8601 (YYYY-MM-DD or RFC 3339): %w", pos, id, rec.Date, dyad.ErrInvalidInput)}
		}
		meta = t
	}
	src := rec.Source
	if src == "" {
		src = opts.Source
	}
	d, how := pubDate(meta, rec.Text, opts, fallback)
	return Item{Pos: pos, Doc: store.Doc{Document: dyad.Document{ID: id, URL: rec.URL, Title: rec.Title, Source: src, Date: d, Text: rec.Text}, DateSource: how}}
}
