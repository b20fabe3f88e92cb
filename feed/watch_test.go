package feed

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/store"
)

func TestGarbageFeedOthersGoOn(t *testing.T) {
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Path {
		case "/good1":
			w.Write([]byte(rssDoc(item{"a", "https://x.example/a", "A", "Story A."})))
		case "/garbage":
			w.Write([]byte("<html>\n<body><p>Not a feed</p></body></html>"))
		case "/good2":
			w.Write([]byte(rssDoc(item{"b", "https://x.example/b", "B", "Story B."}, item{"c", "", "", ""})))
		}
	})
	clock := newFakeClock()
	sink := &recordSink{}
	var mu sync.Mutex
	var lines []LogLine
	path := filepath.Join(t.TempDir(), "state.json")
	w := &Watcher{
		Poller:    newTestPoller(clock),
		Sink:      sink,
		Feeds:     []string{srv.URL + "/good1", srv.URL + "/garbage", srv.URL + "/good2"},
		StatePath: path,
		Log:       func(l LogLine) { mu.Lock(); lines = append(lines, l); mu.Unlock() },
	}
	rd, err := w.Once(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rd.Polled != 3 || len(rd.FailedFeeds) != 1 || rd.FailedFeeds[0] != srv.URL+"/garbage" || rd.FailedItems != 1 {
		t.Fatalf("round %+v", rd)
	}
	ids := strings.Join(sink.IDs(), " ")
	if !strings.Contains(ids, "https://x.example/a") || !strings.Contains(ids, "https://x.example/b") {
		t.Errorf("good feeds not stored: %s", ids)
	}
	if len(lines) != 3 {
		t.Fatalf("%d log lines, want one per feed", len(lines))
	}
	for _, l := range lines {
		s := l.String()
		switch l.Feed {
		case srv.URL + "/garbage":
			if l.Status != StatusFailed || !strings.Contains(l.Error, "root element <html>") || !strings.Contains(s, `error="feed: line 1 (byte 0)`) {
				t.Errorf("garbage feed line: %s", s)
			}
		case srv.URL + "/good2":
			if l.New != 1 || l.Failed != 1 || len(l.Failures) != 1 || !strings.Contains(l.Failures[0].Pos, srv.URL+"/good2:") {
				t.Errorf("good2 line: %s %+v", s, l.Failures)
			}
		default:
			if !strings.HasPrefix(s, "2026-11-29T02:00:00Z feed=") || !strings.Contains(s, "status=ok http=200 items=1 new=1 duplicate=0 failed=0 next=2026-11-29T02:15:00Z") {
				t.Errorf("good1 line: %s", s)
			}
		}
	}
	st, err := LoadState(path)
	if err != nil {
		t.Fatal(err)
	}
	if g := st.Feed(srv.URL + "/garbage"); g.Failures != 1 || g.LastError == "" {
		t.Errorf("garbage state %+v", g)
	}
	if g := st.Feed(srv.URL + "/good1"); g.Failures != 0 || len(g.Seen) != 2 {
		t.Errorf("good1 state %+v", g)
	}
}

func TestRunPollsEachPeriodAndStopsOnCancel(t *testing.T) {
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, k int) {
		// Each poll adds one item and keeps the previous ones.
		var items []item
		for i := 1; i <= k; i++ {
			id := string(rune('a' + i))
			items = append(items, item{id, "https://x.example/" + id, id, "Story " + id + "."})
		}
		w.Write([]byte(rssDoc(items...)))
	})
	clock := newFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock.onSleep = func(k int) {
		if k == 3 {
			cancel()
		}
	}
	var lines []LogLine
	path := filepath.Join(t.TempDir(), "state.json")
	sink := &recordSink{}
	w := &Watcher{Poller: newTestPoller(clock), Sink: sink, Feeds: []string{srv.URL}, StatePath: path,
		Log: func(l LogLine) { lines = append(lines, l) }}
	if err := w.Run(ctx); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if n := srv.Requests(); n != 3 || len(lines) != 3 {
		t.Fatalf("%d polls and %d lines, want 3 each", n, len(lines))
	}
	for i, l := range lines {
		if l.New != 1 || l.Duplicate != i {
			t.Errorf("poll %d: new %d duplicate %d", i+1, l.New, l.Duplicate)
		}
		if i > 0 && l.Time.Sub(lines[i-1].Time) != 15*time.Minute {
			t.Errorf("poll %d came %v after the previous", i+1, l.Time.Sub(lines[i-1].Time))
		}
	}
	if s := clock.Sleeps(); len(s) != 3 || s[0] != 15*time.Minute {
		t.Errorf("sleeps %v", s)
	}
	if len(sink.IDs()) != 3 {
		t.Errorf("stored %v", sink.IDs())
	}
	b, err := os.ReadFile(path)
	if err != nil || !json.Valid(b) || !strings.Contains(string(b), `"failures": 0`) {
		t.Errorf("state file: %v\n%s", err, b)
	}
}

func TestCancelFinishesCurrentBatch(t *testing.T) {
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, k int) {
		w.Write([]byte(rssDoc(item{"a", "https://x.example/a", "A", "Story A."}, item{"b", "https://x.example/b", "B", "Story B."})))
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stored int
	sink := SinkFunc(func(sctx context.Context, items []ingest.Item) (SinkResult, error) {
		cancel() // SIGINT arrives while the batch is being stored
		if sctx.Err() != nil {
			t.Error("the store context ended with the watcher's")
		}
		stored += len(items)
		return SinkResult{New: len(items)}, nil
	})
	clock := newFakeClock()
	path := filepath.Join(t.TempDir(), "state.json")
	w := &Watcher{Poller: newTestPoller(clock), Sink: sink, Feeds: []string{srv.URL}, StatePath: path}
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if stored != 2 || len(clock.Sleeps()) != 0 {
		t.Errorf("stored %d, sleeps %v", stored, clock.Sleeps())
	}
	st, err := LoadState(path)
	if err != nil || len(st.Feed(srv.URL).Seen) != 4 {
		t.Errorf("state not saved after the batch: %v %+v", err, st.Feed(srv.URL))
	}
}

// fakeStore implements the parts of store.Store that ingest.Run uses.
type fakeStore struct {
	store.Store
	mu   sync.Mutex
	urls map[string]string
}

func (s *fakeStore) Known(ctx context.Context, d *store.Doc) (string, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id, ok := s.urls[d.URL]; ok && d.URL != "" {
		return id, "same url as " + id, nil
	}
	return "", "", nil
}

func (s *fakeStore) PutBatch(ctx context.Context, docs []store.Doc) ([]store.PutResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []store.PutResult
	for _, d := range docs {
		if id, ok := s.urls[d.URL]; ok {
			out = append(out, store.PutResult{ID: d.ID, Status: store.StatusDuplicate, DuplicateOf: id})
			continue
		}
		s.urls[d.URL] = d.ID
		out = append(out, store.PutResult{ID: d.ID, Status: store.StatusNew, Mentions: len(d.Events)})
	}
	return out, nil
}

func TestIngestSink(t *testing.T) {
	st := &fakeStore{urls: map[string]string{"https://x.example/old": "old"}}
	coded := 0
	var mu sync.Mutex
	cod := ingest.CoderFunc(func(doc *dyad.Document) ([]dyad.Event, int, error) {
		mu.Lock()
		coded++
		mu.Unlock()
		return []dyad.Event{{ID: doc.ID + "#1", CAMEO: "036"}}, 1, nil
	})
	sink := &IngestSink{DB: st, Coder: cod, Options: ingest.RunOptions{Workers: 2, BatchSize: 2}}
	pl := &Poll{Feed: "https://x.example/rss", Start: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), New: []Article{
		{GUID: "1", URL: "https://x.example/new", Summary: "China met Russia.", Line: 3},
		{GUID: "2", URL: "https://x.example/old", Summary: "Stored before.", Line: 4},
		{GUID: "3", Line: 5},
	}}
	res, err := sink.Store(context.Background(), pl.Docs())
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 1 || res.Duplicate != 1 || res.Failed != 1 || coded != 1 {
		t.Errorf("result %+v, coded %d", res, coded)
	}
	if len(res.Failures) != 1 || !strings.Contains(res.Failures[0].Pos, "https://x.example/rss:5") {
		t.Errorf("failures %+v", res.Failures)
	}
}

func TestRunBacksOffOnlyTheFailingFeed(t *testing.T) {
	var mu sync.Mutex
	polls := map[string]int{}
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, k int) {
		mu.Lock()
		polls[r.URL.Path]++
		mu.Unlock()
		if r.URL.Path == "/down" {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		w.Write([]byte(rssDoc(item{"a", "https://x.example/a", "A", "Story A."})))
	})
	clock := newFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := newTestPoller(clock)
	p.Attempts = 1
	var lines []LogLine
	w := &Watcher{Poller: p, Sink: &recordSink{}, Feeds: []string{srv.URL + "/up", srv.URL + "/down"},
		Log: func(l LogLine) { lines = append(lines, l) }}
	clock.onSleep = func(int) {
		if clock.Now().Sub(newFakeClock().now) >= 4*time.Hour {
			cancel()
		}
	}
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	// In four hours the healthy feed is polled every 15 min; the failing
	// one after 15, 30, 60, 120 min (±20 %): about five times.
	up, down := polls["/up"], polls["/down"]
	t.Logf("up %d down %d", up, down)
	if up < 16 || up > 17 || down < 4 || down > 6 {
		t.Errorf("polls in 4 h: up %d, down %d", up, down)
	}
	if fs := p.State.Feed(srv.URL + "/down"); fs.Failures != down {
		t.Errorf("failures %d after %d failed polls", fs.Failures, down)
	}
	if len(lines) != up+down {
		t.Errorf("%d lines for %d polls", len(lines), up+down)
	}
}

func TestWatcherNeedsFeeds(t *testing.T) {
	w := &Watcher{Poller: newTestPoller(newFakeClock()), Sink: &recordSink{}}
	if err := w.Run(context.Background()); err == nil {
		t.Error("Run without feeds must fail, not spin")
	}
}

func TestCancelDuringFetch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, k int) {
		cancel() // SIGINT while the feed is being fetched
		<-r.Context().Done()
	})
	clock := newFakeClock()
	lines := 0
	w := &Watcher{Poller: newTestPoller(clock), Sink: &recordSink{}, Feeds: []string{srv.URL},
		Log: func(LogLine) { lines++ }}
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if fs := w.Poller.State.Feed(srv.URL); !fs.LastPoll.IsZero() || fs.Failures != 0 || lines != 0 {
		t.Errorf("an interrupted fetch must leave the state alone: %+v, %d lines", fs, lines)
	}
	if srv.Requests() != 1 || len(clock.Sleeps()) != 0 {
		t.Errorf("requests %d sleeps %v", srv.Requests(), clock.Sleeps())
	}
}
