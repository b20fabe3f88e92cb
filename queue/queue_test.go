package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/queue/queuetest"
	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/postgres"
	"github.com/dyad-events/dyad/store/postgres/pgtest"
	"github.com/dyad-events/dyad/store/sqlite"
)

// fakeCoder codes one event per sentence (". " separated); texts with
// FAIL fail, with PANIC panic, with BADSTORE give events the store
// refuses.
type fakeCoder struct {
	delay time.Duration
	calls atomic.Int64
}

var fakeActors = []string{"USA", "CHN", "AFG", "RUS", "UKR", "IRN", "PAK", "IND"}
var fakeCodes = []string{"040", "036", "042", "111", "190", "0311", "061"}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

func (f *fakeCoder) Code(doc *dyad.Document) ([]dyad.Event, int, error) {
	f.calls.Add(1)
	if f.delay > 0 {
		time.Sleep(f.delay)
	}
	if strings.Contains(doc.Text, "PANIC") {
		panic("fake coder panic")
	}
	if strings.Contains(doc.Text, "FAIL") {
		return nil, 0, errors.New("fake coder failure")
	}
	sents := strings.Split(strings.TrimSpace(doc.Text), ". ")
	var evs []dyad.Event
	for i, s := range sents {
		h := shortHash(doc.ID + "|" + s)
		n := int(h[0]) + int(h[1])
		src, tgt := fakeActors[n%len(fakeActors)], fakeActors[(n/3+1)%len(fakeActors)]
		code := fakeCodes[n%len(fakeCodes)]
		if strings.Contains(doc.Text, "BADSTORE") {
			code = ""
		}
		evs = append(evs, dyad.Event{ID: shortHash(fmt.Sprintf("%s|%d", doc.ID, i)), DocID: doc.ID, Sentence: i,
			Date: doc.Date.Format("2006-01-02"), DatePrecision: "day", CAMEO: code, Quad: 1, Goldstein: 1,
			Source: dyad.Actor{Code: src, Country: src, Name: src, Text: src}, Target: dyad.Actor{Code: tgt, Country: tgt, Name: tgt, Text: tgt},
			Verb: dyad.Verb{Text: "met", Lemma: "meet"}, SentenceText: s})
	}
	return evs, len(sents), nil
}

// docs returns a reader of n documents of three sentences, with extra
// texts appended as further documents.
func docs(n int, extra ...string) ingest.Reader {
	return ingest.ReaderFunc(func(ctx context.Context, yield func(ingest.Item) bool) error {
		day := time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)
		for i := 0; i < n+len(extra); i++ {
			text := fmt.Sprintf("Story %d: leaders met. Troops moved %d. Talks ended %d", i, i, i)
			if i >= n {
				text = extra[i-n]
			}
			it := ingest.Item{Pos: fmt.Sprintf("test:%d", i+1), Doc: store.Doc{Document: dyad.Document{
				ID: fmt.Sprintf("d%d", i), Date: day.AddDate(0, 0, i%28), Text: text}, DateSource: "metadata"}}
			if !yield(it) {
				return nil
			}
		}
		return nil
	})
}

type env struct {
	srv *queuetest.Server
	nc  *nats.Conn
	js  jetstream.JetStream
	st  store.Store
	cfg Config
}

// openTestStore opens a fresh store: a new PostgreSQL database when
// $DYAD_TEST_POSTGRES is set, else an SQLite file.
func openTestStore(t *testing.T) store.Store {
	t.Helper()
	var st store.Store
	var err error
	if os.Getenv(pgtest.EnvVar) != "" {
		st, err = postgres.Open(context.Background(), pgtest.NewDB(t))
	} else {
		st, err = sqlite.Open(filepath.Join(t.TempDir(), "q.db"))
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{srv: queuetest.Start(t), cfg: Config{AckWait: 2 * time.Second}}
	e.connect(t)
	e.st = openTestStore(t)
	return e
}

// safeLog logs to t until the test ends (connection handlers run late).
func safeLog(t *testing.T) Logf {
	var mu sync.Mutex
	done := false
	t.Cleanup(func() {
		mu.Lock()
		done = true
		mu.Unlock()
	})
	return func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if !done {
			t.Logf(format, args...)
		}
	}
}

func (e *env) connect(t *testing.T) {
	t.Helper()
	a, err := ParseAddress(e.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	nc, err := Connect(a, safeLog(t), true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	e.nc, e.js = nc, js
}

func (e *env) publish(t *testing.T, r ingest.Reader) *PublishSummary {
	t.Helper()
	sum, err := Publish(context.Background(), e.js, e.cfg, r, PublishOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func (e *env) worker(t *testing.T, st store.Store, c ingest.Coder, opts WorkerOptions) *Worker {
	if opts.Logf == nil {
		opts.Logf = safeLog(t)
	}
	if opts.FetchWait == 0 {
		opts.FetchWait = 300 * time.Millisecond
	}
	if opts.RetryDelay == 0 {
		opts.RetryDelay = 20 * time.Millisecond
	}
	return NewWorker(e.js, e.cfg, true, st, c, opts)
}

func (e *env) status(t *testing.T) *Status {
	t.Helper()
	s, err := GetStatus(context.Background(), e.js, e.cfg, StatusOptions{Dead: 10})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func runWorker(t *testing.T, w *Worker, timeout time.Duration) *WorkerStats {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	s, err := w.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Err() != nil {
		t.Fatalf("worker did not finish in %s: %+v", timeout, s)
	}
	return s
}

func TestParseAddress(t *testing.T) {
	tests := []struct {
		in       string
		servers  string
		replicas int
		creds    string
		err      string
	}{
		{in: "nats://localhost:4222", servers: "nats://localhost:4222"},
		{in: "nats://a:4222,nats://b:4222,nats://c:4222?replicas=3", servers: "nats://a:4222,nats://b:4222,nats://c:4222", replicas: 3},
		{in: "tls://u:p@a:4222?creds=/etc/x.creds&name=w1", servers: "tls://u:p@a:4222", creds: "/etc/x.creds"},
		{in: "", err: "empty"},
		{in: "http://a:4222", err: "scheme"},
		{in: "nats://a:4222,,nats://b:1", err: "empty server"},
		{in: "nats://a:4222?replicas=9", err: "replicas"},
		{in: "nats://a:4222?colour=red", err: "unknown option"},
		{in: "nats://", err: "no host"},
	}
	for _, tc := range tests {
		a, err := ParseAddress(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || a.Servers != tc.servers || a.Replicas != tc.replicas || a.Creds != tc.creds {
			t.Errorf("%q: %+v %v", tc.in, a, err)
		}
	}
}

func TestMessageRoundTrip(t *testing.T) {
	day := time.Date(2022, 3, 17, 0, 0, 0, 0, time.FixedZone("X", 3600))
	tests := []struct {
		name string
		m    Message
		id   string
	}{
		{"text", Message{Doc: store.Doc{Document: dyad.Document{ID: "a", Text: "Hi there", Date: day}, Hash: "abc"}, Pos: "f:1"}, "sha:abc"},
		{"no text", Message{Doc: store.Doc{Document: dyad.Document{ID: "b"}}}, "id:b"},
		{"coded", Message{Doc: store.Doc{Document: dyad.Document{ID: "u"}, Events: []dyad.Event{{ID: "gdelt-1", CAMEO: "040"}}, AppendEvents: true}, Coded: true}, "ev:gdelt-1"},
	}
	for _, tc := range tests {
		b, err := tc.m.Encode()
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decode(b)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got.MsgID() != tc.id || tc.m.MsgID() != tc.id {
			t.Errorf("%s: id %q, want %q", tc.name, got.MsgID(), tc.id)
		}
		if !got.Doc.Date.Equal(tc.m.Doc.Date) || got.Doc.AppendEvents != tc.m.Doc.AppendEvents || got.Pos != tc.m.Pos || len(got.Doc.Events) != len(tc.m.Doc.Events) {
			t.Errorf("%s: round trip %+v, want %+v", tc.name, got, tc.m)
		}
	}
	for _, bad := range []string{"", "{", `{"doc":{}}`, "[1]"} {
		if _, err := Decode([]byte(bad)); err == nil {
			t.Errorf("Decode(%q) accepted", bad)
		}
	}
}

// TestPublishDeduplicates publishes the same documents twice: the second
// run adds nothing (JetStream's duplicate window on Nats-Msg-Id).
func TestPublishDeduplicates(t *testing.T) {
	e := newEnv(t)
	bad := ingest.ReaderFunc(func(ctx context.Context, yield func(ingest.Item) bool) error {
		yield(ingest.Item{Pos: "broken:1", Err: errors.New("broken:1: unreadable")})
		return nil
	})
	s1 := e.publish(t, ingest.Multi(docs(50), bad))
	if s1.Published != 50 || s1.Duplicate != 0 || s1.Failed != 1 || s1.Backlog != 50 {
		t.Fatalf("first publish: %+v", s1)
	}
	s2 := e.publish(t, docs(60))
	if s2.Published != 10 || s2.Duplicate != 50 || s2.Backlog != 60 {
		t.Fatalf("second publish: %+v", s2)
	}
	st := e.status(t)
	if st.Backlog != 60 || st.Consumer != nil || st.Stream.Retention != "WorkQueue" {
		t.Errorf("status: %+v", st)
	}
}

// TestWorkerStoresAndAcks runs two workers over the queue until it is
// empty: every document is stored once, the stream is empty.
func TestWorkerStoresAndAcks(t *testing.T) {
	e := newEnv(t)
	e.publish(t, docs(300))
	c := &fakeCoder{delay: time.Millisecond}
	var wg sync.WaitGroup
	stats := make([]*WorkerStats, 2)
	for i := range stats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stats[i] = runWorker(t, e.worker(t, e.st, c, WorkerOptions{Concurrency: 2, Batch: 16, UntilEmpty: true, ID: fmt.Sprint("w", i)}), time.Minute)
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	n := stats[0].New + stats[1].New
	if n != 300 || stats[0].Dead+stats[1].Dead != 0 {
		t.Errorf("stored %d, stats %+v %+v", n, stats[0], stats[1])
	}
	ss, _ := e.st.Stats(context.Background())
	if ss.Documents != 300 || ss.Mentions != 900 {
		t.Errorf("store: %+v", ss)
	}
	st := e.status(t)
	if st.Backlog != 0 || st.Consumer == nil || st.Consumer.AckPending != 0 || st.Consumer.Pending != 0 {
		t.Errorf("status after: %+v %+v", st, st.Consumer)
	}
	// Publishing the same documents after the duplicate window (here: a
	// purged window, by a new message id) still stores nothing twice.
	e.cfg.Duplicates = time.Second
	for _, d := range []string{"d1", "d2"} {
		m := Message{Doc: store.Doc{Document: dyad.Document{ID: d, Text: fmt.Sprintf("Story %s again. Same id", d)}}}
		b, _ := m.Encode()
		if _, err := e.js.Publish(context.Background(), DefaultSubject, b); err != nil {
			t.Fatal(err)
		}
	}
	s := runWorker(t, e.worker(t, e.st, c, WorkerOptions{UntilEmpty: true}), 30*time.Second)
	if s.Duplicate != 2 || s.New != 0 {
		t.Errorf("republished: %+v", s)
	}
}

// gateStore makes PutBatch wait for a gate, and fail while down is set.
type gateStore struct {
	store.Store
	before func()
	down   atomic.Bool
	puts   atomic.Int64
}

var errDown = errors.New("store down")

func (g *gateStore) PutBatch(ctx context.Context, docs []store.Doc) ([]store.PutResult, error) {
	g.puts.Add(1)
	if g.before != nil {
		g.before()
	}
	if g.down.Load() {
		return nil, errDown
	}
	return g.Store.PutBatch(ctx, docs)
}

func (g *gateStore) Known(ctx context.Context, d *store.Doc) (string, string, error) {
	if g.down.Load() {
		return "", "", errDown
	}
	return g.Store.Known(ctx, d)
}

// TestAckAfterCommit checks that messages are still unacknowledged while
// their batch is being stored, and acknowledged after.
func TestAckAfterCommit(t *testing.T) {
	e := newEnv(t)
	e.publish(t, docs(40))
	var seen []int
	var mu sync.Mutex
	g := &gateStore{Store: e.st}
	g.before = func() {
		// Inside PutBatch: the batch's messages are delivered, not acked.
		ci, err := e.js.Consumer(context.Background(), DefaultStream, DefaultConsumer)
		if err != nil {
			t.Error(err)
			return
		}
		info, err := ci.Info(context.Background())
		if err != nil {
			t.Error(err)
			return
		}
		mu.Lock()
		seen = append(seen, info.NumAckPending)
		mu.Unlock()
	}
	s := runWorker(t, e.worker(t, g, &fakeCoder{}, WorkerOptions{Batch: 10, Concurrency: 1, UntilEmpty: true}), time.Minute)
	if s.New != 40 {
		t.Fatalf("stats %+v", s)
	}
	mu.Lock()
	defer mu.Unlock()
	for i, n := range seen {
		if n < 10 {
			t.Errorf("put %d: %d messages ack-pending during the commit, want at least the batch of 10", i, n)
		}
	}
}

// TestStoreDown keeps the store down for a while: the worker waits and
// retries without using up deliveries, then stores everything.
func TestStoreDown(t *testing.T) {
	e := newEnv(t)
	e.publish(t, docs(30))
	g := &gateStore{Store: e.st}
	g.down.Store(true)
	go func() {
		for g.puts.Load() < 4 {
			time.Sleep(10 * time.Millisecond)
		}
		// Longer than the ack wait: InProgress must hold the messages.
		time.Sleep(3 * time.Second)
		g.down.Store(false)
	}()
	s := runWorker(t, e.worker(t, g, &fakeCoder{}, WorkerOptions{Batch: 30, MaxDeliver: 1, UntilEmpty: true, StoreRetry: 300 * time.Millisecond}), time.Minute)
	if s.New != 30 || s.Dead != 0 || s.Received != 30 {
		t.Errorf("stats %+v", s)
	}
}

// knownMisses hides stored documents from Known, so that duplicates are
// found by PutBatch, as when two workers race on one document.
type knownMisses struct{ store.Store }

func (knownMisses) Known(context.Context, *store.Doc) (string, string, error) { return "", "", nil }

// TestCommittedNotAcked stores half the documents first, as a worker that
// died between its commit and its acknowledgements would have: the worker
// codes them again, the store reports them as duplicates, they are
// acknowledged, and nothing is stored twice.
func TestCommittedNotAcked(t *testing.T) {
	e := newEnv(t)
	c := &fakeCoder{}
	var pre []store.Doc
	docs(20).Read(context.Background(), func(it ingest.Item) bool {
		if len(pre) < 10 {
			d := it.Doc
			d.Events, _, _ = c.Code(&d.Document)
			pre = append(pre, d)
		}
		return true
	})
	if _, err := e.st.PutBatch(context.Background(), pre); err != nil {
		t.Fatal(err)
	}
	e.publish(t, docs(20))
	s := runWorker(t, e.worker(t, knownMisses{e.st}, c, WorkerOptions{Batch: 8, UntilEmpty: true}), time.Minute)
	if s.New != 10 || s.Duplicate != 10 || s.Dead != 0 {
		t.Errorf("stats %+v", s)
	}
	ss, _ := e.st.Stats(context.Background())
	if ss.Documents != 20 || ss.Mentions != 60 {
		t.Errorf("store %+v", ss)
	}
	if st := e.status(t); st.Backlog != 0 {
		t.Errorf("backlog %d", st.Backlog)
	}
}
