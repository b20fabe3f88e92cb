package feed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad/ingest"
)

// fakeClock advances at once when asked to sleep and records the sleeps.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
	// onSleep runs after each sleep with the number of sleeps so far.
	onSleep func(n int)
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 29, 2, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.sleeps = append(c.sleeps, d)
	n := len(c.sleeps)
	hook := c.onSleep
	c.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	return ctx.Err()
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// item is one RSS item served by rssDoc.
type item struct{ guid, link, title, desc string }

func rssDoc(items ...item) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Test Feed</title>`)
	for _, it := range items {
		fmt.Fprintf(&b, "\n<item><guid>%s</guid><link>%s</link><title>%s</title><description>%s</description><pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate></item>",
			it.guid, it.link, it.title, it.desc)
	}
	b.WriteString("\n</channel></rss>")
	return b.String()
}

// feedServer serves body() at /feed and counts requests.
type feedServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests int
	inm      []string // If-None-Match values received
	handler  func(w http.ResponseWriter, r *http.Request, n int)
}

func newFeedServer(t *testing.T, h func(w http.ResponseWriter, r *http.Request, n int)) *feedServer {
	fs := &feedServer{handler: h}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.requests++
		n := fs.requests
		fs.inm = append(fs.inm, r.Header.Get("If-None-Match"))
		fs.mu.Unlock()
		fs.handler(w, r, n)
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) Requests() int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.requests
}

func seeded() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

// newTestPoller returns a poller with a fake clock and seeded backoffs.
func newTestPoller(clock *fakeClock) *Poller {
	return &Poller{
		Fetcher:      &Fetcher{Timeout: 5 * time.Second},
		State:        NewState(),
		Clock:        clock,
		Every:        15 * time.Minute,
		RetryBackoff: &Backoff{Initial: time.Second, Max: time.Minute, Jitter: 0.2, Rand: seeded()},
		PollBackoff:  &Backoff{Initial: 15 * time.Minute, Max: 6 * time.Hour, Jitter: 0.2, Rand: seeded()},
	}
}

// recordSink records the items it is given and stores them all as new.
type recordSink struct {
	mu    sync.Mutex
	items []ingest.Item
}

func (s *recordSink) Store(ctx context.Context, items []ingest.Item) (SinkResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var r SinkResult
	for _, it := range items {
		if it.Err != nil {
			r.Failed++
			r.Failures = append(r.Failures, ingest.Failure{Pos: it.Pos, Reason: it.Err.Error()})
			continue
		}
		s.items = append(s.items, it)
		r.New++
	}
	return r, nil
}

func (s *recordSink) IDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, it := range s.items {
		out = append(out, it.Doc.ID)
	}
	return out
}

func within(d, lo, hi time.Duration) bool { return d >= lo && d <= hi }
