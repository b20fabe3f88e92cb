// Package ingest turns outside input into stored documents and events:
// readers for plain text, HTML, JSON Lines, directories, standard input and
// GDELT 2.0 event exports; publication and event dates; and the runner that
// codes documents on all cores and stores them in batches.
//
// A Reader yields Items. An Item holds a store.Doc (a document, or for
// GDELT an already coded event), or the error that stopped one input
// element; errors are per item and never stop the rest.
//
// Publication dates are taken, in this order, from the input's metadata
// (JSON Lines "date", HTML meta tags, GDELT DATEADDED), a wire dateline at
// the start of the text ("KABUL, March 3 (Reuters) -", with the year from
// Options.Date, else the file's modification time, else the current year),
// Options.Date, and last the file's modification time (the time of reading
// for standard input). Store.Doc.DateSource records which one was used.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/dyad-events/dyad/store"
)

// Item is one element read from an input: a document to code and store, or
// an error with its position.
type Item struct {
	Doc store.Doc
	// Err is set when the element could not be read; Doc is then empty
	// except perhaps its ID.
	Err error
	// Pos says where the item came from: "file", "file:line" or
	// "file.zip:member:line".
	Pos string
	// Coded reports that Doc.Events are already coded (GDELT rows): the
	// runner stores them without calling the coder.
	Coded bool
}

// Reader yields items. Feed readers (RSS, Atom, "dyad watch") implement it
// too and plug into Run unchanged.
type Reader interface {
	// Read calls yield for every item until the input ends, ctx is done or
	// yield returns false. The error is for the input as a whole (an
	// unreadable directory); per-element problems are Items with Err.
	Read(ctx context.Context, yield func(Item) bool) error
}

// ReaderFunc adapts a function to Reader.
type ReaderFunc func(ctx context.Context, yield func(Item) bool) error

// Read calls f.
func (f ReaderFunc) Read(ctx context.Context, yield func(Item) bool) error { return f(ctx, yield) }

// Options configure the readers.
type Options struct {
	// Date is the fallback publication date (--date); zero means none.
	Date time.Time
	// Source names the document source when the input has none.
	Source string
	// Now returns the current time (for standard input); nil means
	// time.Now.
	Now func() time.Time
	// MaxBytes bounds one document or line; 0 means 16 MiB.
	MaxBytes int
	// HTTPClient fetches URLs; nil means a client with a 30 s timeout.
	HTTPClient *http.Client
}

func (o *Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o *Options) maxBytes() int {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return 16 << 20
}

// Items returns a reader yielding items, in order.
func Items(items []Item) Reader {
	return ReaderFunc(func(ctx context.Context, yield func(Item) bool) error {
		for _, it := range items {
			if !yield(it) {
				break
			}
		}
		return nil
	})
}

// Multi concatenates readers.
func Multi(rs ...Reader) Reader {
	return ReaderFunc(func(ctx context.Context, yield func(Item) bool) error {
		stop := false
		for _, r := range rs {
			err := r.Read(ctx, func(it Item) bool {
				if !yield(it) {
					stop = true
					return false
				}
				return true
			})
			if err != nil {
				return err
			}
			if stop || ctx.Err() != nil {
				return ctx.Err()
			}
		}
		return nil
	})
}

// shortHash returns 16 hex digits of the SHA-256 of s.
func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

// errAt formats an error with its position.
func errAt(pos string, err error) error { return fmt.Errorf("%s: %w", pos, err) }
