package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/feed"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/queue"
	"github.com/dyad-events/dyad/queue/queuetest"
	"github.com/dyad-events/dyad/store/sqlite"
)

// watchFakeClock advances at once on Sleep and calls onSleep.
type watchFakeClock struct {
	mu      sync.Mutex
	now     time.Time
	onSleep func()
}

func (c *watchFakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *watchFakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	if c.onSleep != nil {
		c.onSleep()
	}
	return ctx.Err()
}

// fakeWatchEnv replaces the coder (one event per document) and the clock
// for the duration of a test.
func fakeWatchEnv(t *testing.T) *watchFakeClock {
	t.Helper()
	oldCoder, oldClock := newWatchCoder, watchClock
	newWatchCoder = func(*dictFlags) (ingest.Coder, error) {
		return ingest.CoderFunc(func(doc *dyad.Document) ([]dyad.Event, int, error) {
			return []dyad.Event{{ID: doc.ID + "#1", Date: "2026-11-28", CAMEO: "036", Root: "03", Quad: 1,
				Source: dyad.Actor{Code: "CHN"}, Target: dyad.Actor{Code: "RUS"}, SentenceText: doc.Text}}, 1, nil
		}), nil
	}
	clock := &watchFakeClock{now: time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)}
	watchClock = clock
	t.Cleanup(func() { newWatchCoder, watchClock = oldCoder, oldClock })
	return clock
}

func watchFeedServer(t *testing.T) (*httptest.Server, *int) {
	t.Helper()
	var mu sync.Mutex
	notModified := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss":
			if r.Header.Get("If-None-Match") == `"r1"` {
				mu.Lock()
				notModified++
				mu.Unlock()
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"r1"`)
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>China and Russia sign accord</title><link>https://wire.example/1</link><guid>w1</guid><pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate><description>China and Russia signed an accord on Saturday.</description></item>
<item><title>UN envoy visits Tehran</title><link>https://wire.example/2</link><guid>w2</guid><pubDate>Sat, 28 Nov 2026 11:00:00 GMT</pubDate><description>The UN envoy visited Tehran.</description></item>
</channel></rss>`)
		case "/atom":
			fmt.Fprint(w, `<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>
<entry><id>a1</id><title>Same story</title><link href="https://wire.example/1"/><updated>2026-11-28T10:00:00Z</updated><summary>China and Russia signed an accord on Saturday.</summary></entry>
</feed>`)
		default:
			w.Write([]byte("this is { not a feed"))
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &notModified
}

func runWatchCLI(ctx context.Context, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(ctx, e, args)
	return code, out.String(), errb.String()
}

func TestWatchOnce(t *testing.T) {
	fakeWatchEnv(t)
	srv, notModified := watchFeedServer(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "news.db")

	// Flags after the URLs, a garbage feed among good ones.
	code, out, errs := runWatchCLI(context.Background(), "watch", srv.URL+"/rss", srv.URL+"/garbage", srv.URL+"/atom", "--once", "--db", db)
	if code != exitPartial {
		t.Fatalf("exit %d, want %d (some feeds failed)\nstdout:\n%s\nstderr:\n%s", code, exitPartial, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want one line per feed, got:\n%s", out)
	}
	byFeed := map[string]string{}
	for _, l := range lines {
		if !strings.HasPrefix(l, "2026-11-29T03:00:00Z feed=") {
			t.Errorf("line does not start with the ISO time and feed: %s", l)
		}
		f := strings.Fields(l)[1]
		byFeed[strings.TrimPrefix(f, "feed="+srv.URL)] = l
	}
	if l := byFeed["/rss"]; !strings.Contains(l, "status=ok http=200 items=2 new=") || !strings.Contains(l, "failed=0 next=2026-11-29T03:15:00Z") {
		t.Errorf("rss line: %s", l)
	}
	// The Atom entry links to an article of the RSS feed: whichever feed is
	// stored first, the article is stored once.
	var newN, dupN int
	for _, f := range []string{"/rss", "/atom"} {
		var n, d int
		l := byFeed[f]
		i := strings.Index(l, " new=")
		if i < 0 {
			t.Fatalf("no counts: %s", l)
		}
		if _, err := fmt.Sscanf(l[i:], " new=%d duplicate=%d", &n, &d); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		newN, dupN = newN+n, dupN+d
	}
	if newN != 2 || dupN != 1 {
		t.Errorf("new %d duplicate %d over both feeds, want 2 and 1:\n%s", newN, dupN, out)
	}
	if l := byFeed["/garbage"]; !strings.Contains(l, "status=error") || !strings.Contains(l, "line 1 (byte 0)") {
		t.Errorf("garbage line: %s", l)
	}
	if !strings.Contains(errs, "1 of 3 feeds failed") {
		t.Errorf("stderr: %s", errs)
	}
	statePath := filepath.Join(dir, "news.watch.json")
	b, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatalf("state file next to the database: %v", err)
	}
	var sf struct {
		Feeds map[string]feed.FeedState `json:"feeds"`
	}
	if err := json.Unmarshal(b, &sf); err != nil || sf.Feeds[srv.URL+"/rss"].ETag != `"r1"` || sf.Feeds[srv.URL+"/garbage"].Failures != 1 {
		t.Fatalf("state %v:\n%s", err, b)
	}

	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := st.Stats(context.Background())
	st.Close()
	if err != nil || stats.Documents != 2 {
		t.Fatalf("stored %+v (%v), want 2 documents (the Atom entry is the RSS article)", stats, err)
	}

	// Again: the RSS feed answers 304, the Atom entry is a known article.
	code, out, errs = runWatchCLI(context.Background(), "watch", "--once", "--db", db, "--json", srv.URL+"/rss", srv.URL+"/atom")
	if code != exitOK {
		t.Fatalf("second run: exit %d\n%s\n%s", code, out, errs)
	}
	if *notModified != 1 {
		t.Errorf("conditional request not sent: %d 304 answers", *notModified)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var ll feed.LogLine
		if err := json.Unmarshal([]byte(l), &ll); err != nil {
			t.Fatalf("--json line %q: %v", l, err)
		}
		if ll.New != 0 || ll.Failed != 0 {
			t.Errorf("second run stored again: %s", l)
		}
	}
}

func TestWatchAllFeedsFail(t *testing.T) {
	fakeWatchEnv(t)
	srv, _ := watchFeedServer(t)
	db := filepath.Join(t.TempDir(), "x.db")
	code, _, errs := runWatchCLI(context.Background(), "watch", "--once", "--db", db, srv.URL+"/nothing")
	if code != exitError || !strings.Contains(errs, "all 1 feeds failed") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestWatchLoopStopsOnCancel(t *testing.T) {
	clock := fakeWatchEnv(t)
	srv, notModified := watchFeedServer(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sleeps := 0
	clock.onSleep = func() {
		sleeps++
		if sleeps == 2 {
			cancel() // SIGINT during the second wait
		}
	}
	state := filepath.Join(dir, "s.json")
	code, out, errs := runWatchCLI(ctx, "watch", "--every", "10m", "--db", filepath.Join(dir, "w.db"), "--state", state, srv.URL+"/rss")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "status=ok") || !strings.Contains(lines[1], "status=not-modified") ||
		!strings.HasPrefix(lines[1], "2026-11-29T03:10:00Z") {
		t.Errorf("polls:\n%s", out)
	}
	if *notModified != 1 || sleeps != 2 || !strings.Contains(errs, "stopped; state saved") {
		t.Errorf("304s %d, sleeps %d, stderr %s", *notModified, sleeps, errs)
	}
	if _, err := os.Stat(state); err != nil {
		t.Errorf("state not saved: %v", err)
	}
}

func TestWatchUsage(t *testing.T) {
	fakeWatchEnv(t)
	code, out, errs := runWatchCLI(context.Background(), "watch", "-h")
	if code != exitOK || !strings.Contains(errs+out, "Examples:") || !strings.Contains(errs+out, "--fetch-pages") {
		t.Errorf("-h: exit %d\n%s%s", code, out, errs)
	}
	for _, args := range [][]string{
		{"watch"},
		{"watch", "ftp://example.org/rss"},
		{"watch", "not a url"},
		{"watch", "--every", "0s", "https://example.org/rss"},
		{"watch", "--bogus", "https://example.org/rss"},
	} {
		if code, _, errs := runWatchCLI(context.Background(), args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d: %s", args, code, exitUsage, errs)
		}
	}
}

func TestParseInterspersed(t *testing.T) {
	fs := newFlagSet(&env{stderr: &bytes.Buffer{}}, "x", "")
	once := fs.Bool("once", false, "")
	every := fs.Duration("every", 0, "")
	pos, err := parseInterspersed(fs, []string{"a", "--once", "b", "--every", "5m", "--", "--c"})
	if err != nil || strings.Join(pos, " ") != "a b --c" || !*once || *every != 5*time.Minute {
		t.Errorf("pos %q once %v every %v err %v", pos, *once, *every, err)
	}
}

// TestWatchQueue publishes a poll's new articles to the queue instead of
// coding them: no database is opened, the stream holds each article once,
// and a second poll publishes nothing.
func TestWatchQueue(t *testing.T) {
	fakeWatchEnv(t)
	newWatchCoder = func(*dictFlags) (ingest.Coder, error) {
		t.Error("watch --queue loaded a coder")
		return nil, errors.New("no coder with --queue")
	}
	srv, _ := watchFeedServer(t)
	nats := queuetest.Start(t)
	dir := t.TempDir()
	state := filepath.Join(dir, "w.json")
	db := filepath.Join(dir, "never.db")
	code, out, errs := runWatchCLI(context.Background(), "watch", "--once", "--queue", nats.URL, "--state", state, "--db", db, srv.URL+"/rss", srv.URL+"/atom")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("watch --queue created the database")
	}
	msgs := func() uint64 {
		s, err := jsFor(t, nats.URL).Stream(context.Background(), queue.DefaultStream)
		if err != nil {
			t.Fatal(err)
		}
		info, err := s.Info(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return info.State.Msgs
	}
	if n := msgs(); n != 2 {
		t.Errorf("stream holds %d documents, want 2 (the Atom entry is the RSS article)\n%s", n, out)
	}
	code, out, errs = runWatchCLI(context.Background(), "watch", "--once", "--queue", nats.URL, "--state", state, srv.URL+"/rss", srv.URL+"/atom")
	if code != exitOK || strings.Contains(out, "new=1") || strings.Contains(out, "new=2") {
		t.Fatalf("second poll: exit %d\n%s\n%s", code, out, errs)
	}
	if n := msgs(); n != 2 {
		t.Errorf("after a second poll the stream holds %d documents, want 2", n)
	}
}
