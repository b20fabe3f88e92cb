package feed

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestConditionalRequests(t *testing.T) {
	body := rssDoc(item{"g1", "https://x.example/1", "One", "First."}, item{"g2", "https://x.example/2", "Two", "Second."})
	const etag = `"v1"`
	const lastMod = "Sat, 28 Nov 2026 10:00:00 GMT"
	hits := 0
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == lastMod {
			hits++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Write([]byte(body))
	})
	clock := newFakeClock()
	p := newTestPoller(clock)
	p.State.Window = 1 // the feed's length sets the window; a 304 must not shrink it
	u := srv.URL + "/feed"

	pl := p.Poll(context.Background(), u)
	if pl.Err != nil || pl.Status != StatusOK || pl.Code != 200 || len(pl.New) != 2 {
		t.Fatalf("first poll: %+v", pl)
	}
	p.Commit(pl, nil)
	if st := p.State.Feed(u); st.ETag != etag || st.LastModified != lastMod {
		t.Fatalf("validators not kept: %+v", st.Validators)
	}
	for i := 0; i < 2; i++ {
		pl = p.Poll(context.Background(), u)
		if pl.Err != nil || pl.Status != StatusNotModified || pl.Code != 304 || len(pl.New) != 0 {
			t.Fatalf("poll %d: %+v", i+2, pl)
		}
		p.Commit(pl, nil)
	}
	if hits != 2 || srv.Requests() != 3 {
		t.Errorf("server answered 304 %d times of %d requests, want 2 of 3", hits, srv.Requests())
	}
	if st := p.State.Feed(u); st.ETag != etag || st.Failures != 0 || len(st.Seen) != 4 {
		t.Errorf("state after 304s: %+v", st)
	}
}

func TestBackoffOn500(t *testing.T) {
	fail := 2
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n <= fail {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		w.Write([]byte(rssDoc(item{"g1", "https://x.example/1", "One", "First."})))
	})
	clock := newFakeClock()
	p := newTestPoller(clock)
	u := srv.URL + "/feed"
	pl := p.Poll(context.Background(), u)
	if pl.Err != nil || pl.Attempts != 3 || len(pl.New) != 1 {
		t.Fatalf("poll after two 500s: attempts %d err %v new %d", pl.Attempts, pl.Err, len(pl.New))
	}
	s := clock.Sleeps()
	if len(s) != 2 || !within(s[0], 800*time.Millisecond, 1200*time.Millisecond) || !within(s[1], 1600*time.Millisecond, 2400*time.Millisecond) {
		t.Fatalf("retry sleeps %v, want ~1s then ~2s", s)
	}
	p.Commit(pl, nil)

	// Now the feed stays down: each failed poll doubles the delay.
	fail = 1 << 30
	var delays []time.Duration
	for i := 0; i < 3; i++ {
		pl = p.Poll(context.Background(), u)
		if pl.Err == nil || pl.Code != 500 || pl.Attempts != 3 || !Temporary(pl.Err) {
			t.Fatalf("failing poll: %+v", pl)
		}
		now := clock.Now()
		delays = append(delays, p.Commit(pl, nil).Sub(now))
	}
	for i, d := range delays {
		base := 15 * time.Minute << i
		if !within(d, base*8/10, base*12/10) {
			t.Errorf("delay after %d failures = %v, want %v ±20%%", i+1, d, base)
		}
	}
	st := p.State.Feed(u)
	if st.Failures != 3 || !strings.Contains(st.LastError, "500") {
		t.Errorf("state %+v", st)
	}
	if due := p.Due(u); !due.Equal(st.NextPoll) {
		t.Errorf("Due %v, want backoff time %v", due, st.NextPoll)
	}
}

func TestBackoffDeterministic(t *testing.T) {
	a := &Backoff{Initial: time.Second, Max: 10 * time.Second, Jitter: 0.5, Rand: seeded()}
	b := &Backoff{Initial: time.Second, Max: 10 * time.Second, Jitter: 0.5, Rand: seeded()}
	for n := 1; n <= 8; n++ {
		da, db := a.Delay(n, 0), b.Delay(n, 0)
		if da != db {
			t.Fatalf("same seed, delay %d: %v vs %v", n, da, db)
		}
		if da > 15*time.Second {
			t.Fatalf("delay %d = %v beyond Max·1.5", n, da)
		}
	}
	if d := a.Delay(1, time.Hour); d != time.Hour {
		t.Errorf("Retry-After floor ignored: %v", d)
	}
}

func TestRetryAfter429(t *testing.T) {
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch n {
		case 1:
			w.Header().Set("Retry-After", "5")
			w.WriteHeader(http.StatusTooManyRequests)
		case 2:
			w.Write([]byte(rssDoc(item{"g1", "", "One", "First."})))
		default:
			w.Header().Set("Retry-After", "7200")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	})
	clock := newFakeClock()
	p := newTestPoller(clock)
	u := srv.URL + "/feed"
	pl := p.Poll(context.Background(), u)
	if pl.Err != nil || pl.Attempts != 2 {
		t.Fatalf("poll: %+v", pl)
	}
	if s := clock.Sleeps(); len(s) != 1 || s[0] < 5*time.Second {
		t.Fatalf("sleeps %v, want one of at least the 5 s Retry-After", s)
	}
	p.Commit(pl, nil)
	// A Retry-After longer than MaxRetryWait ends the poll and delays the
	// next one at least that long.
	pl = p.Poll(context.Background(), u)
	if pl.Err == nil || pl.Attempts != 1 || RetryAfter(pl.Err) != 2*time.Hour {
		t.Fatalf("poll: attempts %d err %v", pl.Attempts, pl.Err)
	}
	now := clock.Now()
	if next := p.Commit(pl, nil); next.Sub(now) < 2*time.Hour {
		t.Errorf("next poll in %v, want ≥ 2h", next.Sub(now))
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		select { // hang until the client gives up
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	clock := newFakeClock()
	p := newTestPoller(clock)
	p.Fetcher.Timeout = 50 * time.Millisecond
	p.Attempts = 2
	u := srv.URL + "/feed"
	pl := p.Poll(context.Background(), u)
	if !errors.Is(pl.Err, ErrTimeout) || !Temporary(pl.Err) {
		t.Fatalf("error %v, want a temporary ErrTimeout", pl.Err)
	}
	if pl.Attempts != 2 || len(clock.Sleeps()) != 1 || pl.Status != StatusFailed {
		t.Errorf("attempts %d, sleeps %v, status %s", pl.Attempts, clock.Sleeps(), pl.Status)
	}
	now := clock.Now()
	next := p.Commit(pl, nil)
	if st := p.State.Feed(u); st.Failures != 1 || !strings.Contains(st.LastError, "timed out") || !within(next.Sub(now), 12*time.Minute, 18*time.Minute) {
		t.Errorf("state %+v, next in %v", st, next.Sub(now))
	}
}

func TestSizeLimit(t *testing.T) {
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Write([]byte(rssDoc(item{"g", "", strings.Repeat("x", 500), "d"})))
	})
	p := newTestPoller(newFakeClock())
	p.Fetcher.MaxBytes = 200
	pl := p.Poll(context.Background(), srv.URL)
	if !errors.Is(pl.Err, ErrTooLarge) || Temporary(pl.Err) || pl.Attempts != 1 {
		t.Errorf("err %v attempts %d: want one non-temporary ErrTooLarge", pl.Err, pl.Attempts)
	}
}

func TestDedupeAcrossPolls(t *testing.T) {
	first := rssDoc(
		item{"a", "https://x.example/a", "A", "Story A."},
		item{"b", "https://x.example/b", "B", "Story B."},
		item{"c", "https://x.example/c", "C", "Story C."},
	)
	second := rssDoc(
		item{"b", "https://x.example/b", "B", "Story B."},
		item{"c", "https://x.example/c", "C", "Story C, updated."},
		item{"d", "https://x.example/d", "D", "Story D."},
		item{"a-v2", "https://x.example/a", "A again", "Story A with a new guid."},
		item{"d", "https://x.example/d", "D", "Repeated in the same poll."},
	)
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Write([]byte(first))
		} else {
			w.Write([]byte(second))
		}
	})
	p := newTestPoller(newFakeClock())
	u := srv.URL + "/feed"
	pl := p.Poll(context.Background(), u)
	if len(pl.New) != 3 || pl.Seen != 0 {
		t.Fatalf("first poll: %d new %d seen", len(pl.New), pl.Seen)
	}
	p.Commit(pl, nil)
	pl = p.Poll(context.Background(), u)
	if len(pl.New) != 1 || pl.New[0].GUID != "d" || pl.Seen != 4 || pl.Items != 5 {
		t.Fatalf("second poll: new %+v, seen %d of %d", pl.New, pl.Seen, pl.Items)
	}
	// A poll whose articles could not be stored does not mark them seen.
	p.Commit(pl, errors.New("disk full"))
	pl = p.Poll(context.Background(), u)
	if len(pl.New) != 1 || pl.New[0].GUID != "d" {
		t.Fatalf("after a failed store the article must come again: %+v", pl.New)
	}
}

func TestSeenWindowBounded(t *testing.T) {
	var fs FeedState
	for i := 0; i < 50; i++ {
		fs.remember(10, string(rune('a'+i%26))+strings.Repeat("x", i/26))
	}
	if len(fs.Seen) != 10 || !fs.has(fs.Seen[9]) || fs.has("a") {
		t.Errorf("window: %d keys %v", len(fs.Seen), fs.Seen)
	}
	s := NewState()
	s.Window = 10
	if w := s.window(20); w != 80 {
		t.Errorf("window for a 20-item feed = %d, want 80", w)
	}
}

func TestStateRoundTripAndResume(t *testing.T) {
	body := rssDoc(item{"g1", "https://x.example/1", "One", "First."}, item{"g2", "https://x.example/2", "Two", "Second."})
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Header.Get("If-None-Match") == `"e1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"e1"`)
		w.Write([]byte(body))
	})
	dir := t.TempDir()
	path := filepath.Join(dir, "dyad.watch.json")
	clock := newFakeClock()
	p := newTestPoller(clock)
	u := srv.URL + "/feed"
	pl := p.Poll(context.Background(), u)
	p.Commit(pl, nil)
	if err := p.State.Save(path, clock.Now()); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("temporary files left behind: %v", ents)
	}
	before := p.State.Feed(u)

	// A restarted watcher: fresh poller, state from the file.
	st, err := LoadState(path)
	if err != nil {
		t.Fatal(err)
	}
	after := st.Feed(u)
	if after.ETag != before.ETag || !after.LastPoll.Equal(before.LastPoll) || !after.NextPoll.Equal(before.NextPoll) ||
		strings.Join(after.Seen, ",") != strings.Join(before.Seen, ",") || len(after.Seen) != 4 {
		t.Fatalf("round trip:\n%+v\n%+v", before, after)
	}
	clock2 := newFakeClock()
	clock2.now = clock.Now().Add(time.Minute)
	p2 := newTestPoller(clock2)
	p2.State = st
	if due := p2.Due(u); !due.Equal(before.LastPoll.Add(15 * time.Minute)) {
		t.Errorf("resumed feed due %v, want %v", due, before.LastPoll.Add(15*time.Minute))
	}
	pl = p2.Poll(context.Background(), u)
	if pl.Status != StatusNotModified {
		t.Errorf("resumed poll did not send the saved ETag: %+v", pl)
	}
	// Without the ETag the feed comes again, but nothing is new.
	st.update(u, func(fs *FeedState) { fs.ETag = "" })
	pl = p2.Poll(context.Background(), u)
	if pl.Status != StatusOK || len(pl.New) != 0 || pl.Seen != 2 {
		t.Errorf("resumed poll: %d new, %d seen", len(pl.New), pl.Seen)
	}

	// Missing file: empty state. Corrupt file: error with a byte offset.
	if s, err := LoadState(filepath.Join(dir, "none.json")); err != nil || len(s.URLs()) != 0 {
		t.Errorf("missing file: %v %v", s, err)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"version":1,"feeds":{"x": [}`), 0o644)
	if _, err := LoadState(bad); err == nil || !strings.Contains(err.Error(), "byte 29") {
		t.Errorf("corrupt state: %v", err)
	}
}

func TestFetchPages(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Full story</title></head><body><nav>Home | World</nav><article><h1>Full story</h1>` +
		strings.Repeat("<p>Russia and Ukraine resumed talks in Istanbul on Saturday, officials said, after weeks of fighting along the front.</p>", 6) +
		`</article><footer>© Example</footer></body></html>`
	var srvURL string
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Path {
		case "/feed":
			w.Write([]byte(rssDoc(
				item{"p1", srvURL + "/story", "Talks resume", "Short summary."},
				item{"p2", srvURL + "/missing", "Gone", "Summary kept."},
			)))
		case "/story":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
		default:
			http.NotFound(w, r)
		}
	})
	srvURL = srv.URL
	p := newTestPoller(newFakeClock())
	p.FetchPages = true
	pl := p.Poll(context.Background(), srv.URL+"/feed")
	if pl.Err != nil || len(pl.New) != 2 {
		t.Fatalf("poll: %+v", pl)
	}
	if !strings.Contains(pl.New[0].Content, "resumed talks in Istanbul") || strings.Contains(pl.New[0].Content, "Home | World") {
		t.Errorf("page text not extracted: %q", pl.New[0].Content)
	}
	if pl.New[1].Content != "" || pl.New[1].Text() != "Summary kept." {
		t.Errorf("failed page must keep the summary: %+v", pl.New[1])
	}
	if pl.Pages != 1 || pl.PagesFailed != 1 {
		t.Errorf("pages %d failed %d", pl.Pages, pl.PagesFailed)
	}
}

func TestArticleDoc(t *testing.T) {
	fetched := time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)
	a := Article{GUID: "g", URL: "https://x.example/1", Title: "T", Summary: "S.", Published: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), Source: "Src"}
	d, err := a.Doc("https://x.example/rss", fetched)
	if err != nil || d.ID != a.URL || d.Text != "S." || d.DateSource != "metadata" || d.Source != "Src" || !d.Date.Equal(a.Published) {
		t.Errorf("doc %+v %v", d, err)
	}
	b := Article{GUID: "g2", Summary: "KABUL, March 3 (Reuters) - Talks began."}
	d, err = b.Doc("https://x.example/rss", fetched)
	if err != nil || !strings.HasPrefix(d.ID, "feed:") || d.DateSource != "dateline" || d.Date.Month() != time.March {
		t.Errorf("doc without link or date: %+v %v", d, err)
	}
	c := Article{GUID: "g3", Line: 7, Offset: 321}
	if _, err := c.Doc("https://x.example/rss", fetched); err == nil || !strings.Contains(err.Error(), "line 7 (byte 321)") {
		t.Errorf("empty article: %v", err)
	}
}
