package postgres

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/postgres/pgtest"
	"github.com/dyad-events/dyad/store/storetest"
)

// openFresh opens a store on a new database of the test server.
func openFresh(t testing.TB) *Store {
	t.Helper()
	return openURL(t, pgtest.NewDB(t))
}

func openURL(t testing.TB, u string) *Store {
	t.Helper()
	s, err := Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) {
	pgtest.ServerURL(t) // skip (or fail under CI) once, not per case
	storetest.Run(t, func(t *testing.T) store.Store { return storetest.Checked(t, openFresh(t)) })
}

// TestPool: the pool has DefaultMaxConns connections at most, or
// pool_max_conns from the URL; a caller waits for a free one up to its
// deadline; a closed store fails.
func TestPool(t *testing.T) {
	u := pgtest.NewDB(t)
	s := openURL(t, u)
	if got := s.pool.Config().MaxConns; int(got) != DefaultMaxConns {
		t.Errorf("MaxConns = %d, want DefaultMaxConns = %d", got, DefaultMaxConns)
	}
	s.Close()
	s = openURL(t, u+"&pool_max_conns=1")
	defer s.Close()
	ctx := context.Background()
	c, err := s.acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if _, err := s.Stats(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Stats with every connection taken: %v, want a deadline error", err)
	}
	c.Release()
	if _, err := s.Stats(ctx); err != nil {
		t.Errorf("Stats after release: %v", err)
	}
	s.Close()
	if _, err := s.Stats(ctx); err == nil {
		t.Errorf("Stats after Close succeeded")
	}
}

// TestStagingPerConnection: the staging tables of PutBatch are made once
// per connection, and a new connection (the old one closed) makes them
// again.
func TestStagingPerConnection(t *testing.T) {
	s := openURL(t, pgtest.NewDB(t)+"&pool_max_conns=1")
	defer s.Close()
	ctx := context.Background()
	put := func(id string) {
		t.Helper()
		ev := storetest.Ev(id+"-1", "2022-01-01", "USA", "MEX", "036", "a sentence")
		if _, err := s.PutBatch(ctx, []store.Doc{storetest.Doc(id, "", "src", "text "+id, time.Time{}, ev)}); err != nil {
			t.Fatalf("PutBatch %s: %v", id, err)
		}
	}
	put("a")
	put("b")
	c, err := s.acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Conn().PgConn().CustomData()[stagedKey] != true {
		t.Errorf("the connection PutBatch used is not marked staged")
	}
	// A connection given back inside a transaction is closed, not reused.
	if _, err := c.Exec(ctx, "BEGIN"); err != nil {
		t.Fatal(err)
	}
	old := c.Conn()
	c.Release()
	put("c")
	c, err = s.acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Release()
	if c.Conn() == old {
		t.Errorf("a connection left inside a transaction went back to the pool")
	}
}

// TestUnstorableText: NUL bytes and invalid UTF-8, which PostgreSQL text
// cannot hold (SQLite can), are cleaned on the way in, and queries holding
// them are answered rather than failed.
func TestUnstorableText(t *testing.T) {
	s := openFresh(t)
	defer s.Close()
	ctx := context.Background()
	ev := storetest.Ev("m\x00", "2022-01-01", "USA", "MEX", "036", "bad \xff sentence\x00 here")
	d := storetest.Doc("d\x00", "http://x/\xfe", "src\x00", "text with \x00 NUL", time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), ev)
	res, err := s.PutBatch(ctx, []store.Doc{d})
	if err != nil || res[0].Status != store.StatusNew {
		t.Fatalf("PutBatch: %+v, %v", res, err)
	}
	if dup, _, err := s.Known(ctx, &d); err != nil || dup != "d" {
		t.Errorf("Known: %q, %v", dup, err)
	}
	for _, f := range []store.EventFilter{{DocID: "d\x00"}, {Text: "sentence"}, {Place: "x\x00"}, {Source: []string{"US\x00A"}}, {Root: []string{"0\x003"}}} {
		if _, err := s.Events(ctx, f); err != nil {
			t.Errorf("Events(%+v): %v", f, err)
		}
	}
	if _, err := s.Documents(ctx, store.DocFilter{Source: "src\x00", Text: "\x00"}); err != nil {
		t.Errorf("Documents: %v", err)
	}
	got, err := s.Document(ctx, "d\x00")
	if err != nil || got.Text != "text with  NUL" || got.Events[0].SentenceText != "bad \uFFFD sentence here" {
		t.Errorf("Document: %+v, %v", got, err)
	}
}
