package feed

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/store"
)

// SinkResult counts what a Sink did with the items of one poll.
type SinkResult struct {
	New       int
	Duplicate int
	Failed    int
	// Failures lists the items that were not stored.
	Failures []ingest.Failure
}

// Sink stores the new articles of a poll (as ingest items).
type Sink interface {
	// Store handles items; the error is for the batch as a whole (a store
	// that cannot commit), per-item failures are counted in SinkResult.
	Store(ctx context.Context, items []ingest.Item) (SinkResult, error)
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(ctx context.Context, items []ingest.Item) (SinkResult, error)

// Store calls f.
func (f SinkFunc) Store(ctx context.Context, items []ingest.Item) (SinkResult, error) {
	return f(ctx, items)
}

// IngestSink codes and stores items through ingest.Run: documents are
// coded on all cores and stored in batches, and documents the store
// already holds (same id, URL or content) are counted as duplicates.
type IngestSink struct {
	// DB is the store.
	DB      store.Store
	Coder   ingest.Coder
	Options ingest.RunOptions
}

// Store runs ingest.Run over items.
func (s *IngestSink) Store(ctx context.Context, items []ingest.Item) (SinkResult, error) {
	if len(items) == 0 {
		return SinkResult{}, nil
	}
	r := ingest.Items(items)
	opts := s.Options
	opts.Total = len(items)
	sum, err := ingest.Run(ctx, s.DB, s.Coder, r, opts)
	var res SinkResult
	if sum != nil {
		res = SinkResult{New: sum.New + sum.Merged, Duplicate: sum.Duplicate, Failed: sum.Failed, Failures: sum.Failures}
	}
	if err != nil {
		return res, fmt.Errorf("storing: %w", err)
	}
	return res, nil
}

// LogLine is the one line logged per poll of a feed.
type LogLine struct {
	Time   time.Time `json:"time"`
	Feed   string    `json:"feed"`
	Status string    `json:"status"`
	// Code is the HTTP status (0 when no answer came).
	Code     int `json:"http,omitempty"`
	Attempts int `json:"attempts"`
	Items    int `json:"items"`
	// New counts stored articles; Duplicate those seen in earlier polls
	// plus those the store already held; Failed those not stored.
	New       int       `json:"new"`
	Duplicate int       `json:"duplicate"`
	Failed    int       `json:"failed"`
	Pages     int       `json:"pages,omitempty"`
	Error     string    `json:"error,omitempty"`
	Next      time.Time `json:"next"`
	// Failures lists the articles not stored (not printed by String).
	Failures []ingest.Failure `json:"failures,omitempty"`
}

// String formats the line: ISO 8601 time, then key=value pairs.
func (l LogLine) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s feed=%s status=%s", l.Time.UTC().Format(time.RFC3339), l.Feed, l.Status)
	if l.Code != 0 {
		fmt.Fprintf(&b, " http=%d", l.Code)
	}
	fmt.Fprintf(&b, " items=%d new=%d duplicate=%d failed=%d", l.Items, l.New, l.Duplicate, l.Failed)
	if l.Pages > 0 {
		fmt.Fprintf(&b, " pages=%d", l.Pages)
	}
	if l.Attempts > 1 {
		fmt.Fprintf(&b, " attempts=%d", l.Attempts)
	}
	fmt.Fprintf(&b, " next=%s", l.Next.UTC().Format(time.RFC3339))
	if l.Error != "" {
		fmt.Fprintf(&b, " error=%q", l.Error)
	}
	return b.String()
}

// Watcher polls a set of feeds and stores their new articles.
type Watcher struct {
	// Poller, Sink and Feeds are required.
	Poller *Poller
	Sink   Sink
	Feeds  []string
	// StatePath is where the state is saved after every poll; "" means
	// not saved.
	StatePath string
	// Log receives one line per poll of a feed; nil means none.
	Log func(LogLine)
	// Parallel is the number of feeds fetched at once; 0 means 4.
	Parallel int
	// Grace bounds the time spent finishing the current batch after ctx
	// ends; 0 means 1 min.
	Grace time.Duration
}

// Round is the outcome of polling some feeds once.
type Round struct {
	Polled int
	// FailedFeeds lists the feeds whose poll failed; FailedItems counts
	// the articles not stored.
	FailedFeeds []string
	FailedItems int
}

// Once polls every feed once, now, and returns what happened. The error
// is for saving the state; a cancelled ctx ends the round early (feeds not
// polled yet keep their state).
func (w *Watcher) Once(ctx context.Context) (Round, error) {
	if err := w.check(); err != nil {
		return Round{}, err
	}
	return w.round(ctx, w.Feeds)
}

func (w *Watcher) check() error {
	switch {
	case w.Poller == nil || w.Sink == nil:
		return errors.New("feed: Watcher needs a Poller and a Sink")
	case len(w.Feeds) == 0:
		return errors.New("feed: Watcher has no feeds")
	}
	return nil
}

// Run polls each feed when it is due (every Poller.Every, later after
// failures; a feed in the state resumes its schedule) until ctx ends. The
// batch being stored when ctx ends is finished (within Grace) and the
// state saved; Run then returns nil. Other errors are from saving the
// state.
func (w *Watcher) Run(ctx context.Context) error {
	if err := w.check(); err != nil {
		return err
	}
	p := w.Poller
	p.init()
	for {
		now := p.Clock.Now()
		var due []string
		next := time.Time{}
		for _, u := range w.Feeds {
			t := p.Due(u)
			if !t.After(now) {
				due = append(due, u)
				continue
			}
			if next.IsZero() || t.Before(next) {
				next = t
			}
		}
		if len(due) > 0 {
			if _, err := w.round(ctx, due); err != nil {
				return err
			}
			if ctx.Err() != nil {
				return nil
			}
			continue
		}
		if ctx.Err() != nil {
			return nil
		}
		if err := p.Clock.Sleep(ctx, next.Sub(now)); err != nil {
			return nil
		}
	}
}

// round polls feeds (Parallel at a time) and stores, commits, logs and
// saves each as its poll ends.
func (w *Watcher) round(ctx context.Context, feeds []string) (Round, error) {
	p := w.Poller
	p.init()
	var rd Round
	if ctx.Err() != nil {
		return rd, nil
	}
	par := w.Parallel
	if par <= 0 {
		par = 4
	}
	grace := w.Grace
	if grace <= 0 {
		grace = time.Minute
	}
	// Storing goes on after ctx ends, for at most grace.
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(grace, cancel) })
	defer stop()

	results := make(chan *Poll)
	var wg sync.WaitGroup
	sem := make(chan struct{}, par)
	go func() {
		for _, u := range feeds {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
			}
			if ctx.Err() != nil {
				break
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				results <- p.Poll(ctx, u)
			}()
		}
		wg.Wait()
		close(results)
	}()
	var saveErr error
	for pl := range results {
		if ctx.Err() != nil && pl.Err != nil {
			// Failed while stopping, most likely because of it: leave
			// the feed's state as it was.
			continue
		}
		line := LogLine{Feed: pl.Feed, Status: pl.Status, Code: pl.Code, Attempts: pl.Attempts, Items: pl.Items,
			Duplicate: pl.Seen, Pages: pl.Pages}
		var storeErr error
		if pl.Err == nil && len(pl.New) > 0 {
			res, err := w.Sink.Store(sctx, pl.Docs())
			storeErr = err
			line.New, line.Failed, line.Failures = res.New, res.Failed, res.Failures
			line.Duplicate += res.Duplicate
			rd.FailedItems += res.Failed
		}
		line.Next = p.Commit(pl, storeErr)
		line.Time = p.Clock.Now()
		rd.Polled++
		if err := pl.Err; err != nil || storeErr != nil {
			if err == nil {
				err = storeErr
				line.Status = StatusFailed
			}
			line.Error = err.Error()
			rd.FailedFeeds = append(rd.FailedFeeds, pl.Feed)
		}
		if w.Log != nil {
			w.Log(line)
		}
		if w.StatePath != "" {
			if err := p.State.Save(w.StatePath, line.Time); err != nil && saveErr == nil {
				saveErr = err
			}
		}
	}
	return rd, saveErr
}
