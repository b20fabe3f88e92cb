// Package demo reads the sample news corpus of examples/news, which the
// examples package embeds, so that "dyad demo" works from the binary
// alone.
package demo

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"time"

	"github.com/dyad-events/dyad/examples"
	"github.com/dyad-events/dyad/ingest"
)

var news = examples.News

// Files lists the embedded JSON Lines files in name order.
func Files() ([]string, error) {
	names, err := fs.Glob(news, "news/*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	sort.Strings(names)
	return names, nil
}

// Reader yields the embedded stories as ingest items.
func Reader() ingest.Reader {
	return ingest.ReaderFunc(func(ctx context.Context, yield func(ingest.Item) bool) error {
		names, err := Files()
		if err != nil {
			return err
		}
		stop := false
		for _, n := range names {
			f, err := news.Open(n)
			if err != nil {
				return fmt.Errorf("demo: %w", err)
			}
			err = ingest.ReadJSONL(ctx, f, n, time.Time{}, ingest.Options{}, func(it ingest.Item) bool {
				if !yield(it) {
					stop = true
					return false
				}
				return true
			})
			f.Close()
			if err != nil {
				return fmt.Errorf("demo: %w", err)
			}
			if stop {
				return nil
			}
		}
		return nil
	})
}

// Count returns the number of embedded stories.
func Count() (int, error) {
	n := 0
	err := Reader().Read(context.Background(), func(ingest.Item) bool { n++; return true })
	return n, err
}
