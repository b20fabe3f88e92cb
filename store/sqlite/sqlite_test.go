package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/storetest"
)

func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return storetest.Checked(t, openTemp(t)) })
}

func TestMigrationsIdempotent(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x", "dyad.db")
	for i := 0; i < 2; i++ {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.SchemaVersion(context.Background())
		if err != nil || v != 7 {
			t.Fatalf("schema version = %d, %v; want 7", v, err)
		}
		var mode string
		if err := s.DB().QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Fatalf("journal_mode = %q, %v", mode, err)
		}
		var size int
		if err := s.DB().QueryRow(`PRAGMA page_size`).Scan(&size); err != nil || size != pageSize {
			t.Fatalf("page_size = %d, %v; want %d", size, err, pageSize)
		}
		s.Close()
	}
}

// TestMigrationsUpgrade rolls a database back to schema 1 and checks that
// Open brings it to the current version with its data.
func TestMigrationsUpgrade(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	neg := storetest.Ev("a-2", "2022-01-01", "USA", "MEX", "111", "s")
	neg.Negated = true
	if _, err := s.PutBatch(ctx, []store.Doc{storetest.Doc("a", "", "", "text", time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC),
		storetest.Ev("a-1", "2022-01-01", "USA", "MEX", "036", "s"), neg)}); err != nil {
		t.Fatal(err)
	}
	// Schema 1 to 5 indexed every mention in PutBatch.
	if err := s.IndexText(ctx); err != nil {
		t.Fatal(err)
	}
	// Back to schema 1: the old index, no negation flag, the old rollup
	// (which counted the negated event as an event of its quad class),
	// no text index watermark, no daily actor rollup.
	if _, err := s.DB().Exec(`DELETE FROM schema_migrations WHERE version > 1; DROP INDEX events_dyad; DROP TABLE text_index; DROP TABLE actor_day;
		ALTER TABLE events DROP COLUMN negated;
		CREATE INDEX events_st ON events(source, target, day); CREATE INDEX docs_batch ON docs(batch);
		DROP TABLE dyad_month;
		CREATE TABLE dyad_month (source TEXT NOT NULL, target TEXT NOT NULL, month INTEGER NOT NULL, quad INTEGER NOT NULL,
			events INTEGER NOT NULL, mentions INTEGER NOT NULL, goldstein REAL NOT NULL, PRIMARY KEY (source, target, month, quad)) WITHOUT ROWID;
		INSERT INTO dyad_month VALUES ('USA', 'MEX', 24264, 1, 1, 1, 1.0), ('USA', 'MEX', 24264, 3, 1, 1, -4.0);
		UPDATE actor_month SET as_source = 2 WHERE actor = 'USA'; UPDATE actor_month SET as_target = 2 WHERE actor = 'MEX'`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(ctx); v != 7 {
		t.Fatalf("version after upgrade = %d", v)
	}
	var n int
	s.DB().QueryRow(`SELECT count(*) FROM sqlite_master WHERE type='index' AND name IN ('events_dyad', 'events_st', 'docs_batch')`).Scan(&n)
	var name string
	s.DB().QueryRow(`SELECT name FROM sqlite_master WHERE type='index' AND name IN ('events_dyad', 'events_st', 'docs_batch')`).Scan(&name)
	if n != 1 || name != "events_dyad" {
		t.Errorf("indexes after upgrade: %d (%s), want only events_dyad", n, name)
	}
	if st, _ := s.Stats(ctx); st.Mentions != 2 {
		t.Errorf("data lost in upgrade: %+v", st)
	}
	pcs, err := s.DyadCounts(ctx, store.CountQuery{Source: []string{"USA"}, Target: []string{"MEX"}, Directed: true})
	if err != nil || len(pcs) != 1 || pcs[0].Events != [5]int{1, 1, 0, 0, 0} || pcs[0].Period.Format("2006-01") != "2022-01" {
		t.Errorf("rollup after upgrade: %+v, %v", pcs, err)
	}
	if probs, err := s.Check(ctx); err != nil || len(probs) > 0 {
		t.Errorf("check after upgrade: %v %v", probs, err)
	}
	// The daily actor rollup is built from the events: the negated one
	// does not count.
	if pts, err := s.ActorTotals(ctx, store.TotalsQuery{Actor: []string{"USA"}, By: "day"}); err != nil || len(pts) != 1 || pts[0].Total != 1 || pts[0].AsSource != 1 {
		t.Errorf("daily actor totals after upgrade: %+v, %v", pts, err)
	}
	// The text index is complete after the upgrade, and takes new mentions.
	if _, err := s.PutBatch(ctx, []store.Doc{storetest.Doc("b", "", "", "text b", time.Date(2022, 1, 2, 0, 0, 0, 0, time.UTC),
		storetest.Ev("b-1", "2022-01-02", "USA", "CAN", "036", "s"))}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		text string
		n    int
	}{{"s", 3}, {"nothing", 0}} {
		if evs, err := s.Events(ctx, store.EventFilter{Text: q.text}); err != nil || len(evs) != q.n {
			t.Errorf("text %q after upgrade: %d events, %v; want %d", q.text, len(evs), err, q.n)
		}
	}
	var fts int
	s.DB().QueryRow(`SELECT count(*) FROM mention_fts_docsize`).Scan(&fts)
	if fts != 3 {
		t.Errorf("mention_fts holds %d rows, want 3 (each mention once)", fts)
	}
}

// TestTextIndexWatermark checks the deferred full-text index: PutBatch
// leaves new mentions out of mention_fts, a text query indexes them
// first (exactly once), and Close leaves the index complete.
func TestTextIndexWatermark(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fts.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	count := func() (fts, mark int) {
		s.DB().QueryRow(`SELECT (SELECT count(*) FROM mention_fts_docsize), (SELECT indexed_rid FROM text_index)`).Scan(&fts, &mark)
		return
	}
	put := func(id, text string) {
		ev := storetest.Ev(id+"-1", "2022-01-01", "USA", "MEX", "036", "s")
		ev.SentenceText = text
		if _, err := s.PutBatch(ctx, []store.Doc{storetest.Doc(id, "", "", "doc "+id, day, ev)}); err != nil {
			t.Fatal(err)
		}
	}
	put("a", "Leaders discussed trade.")
	if fts, mark := count(); fts != 0 || mark != 0 {
		t.Fatalf("after PutBatch: %d indexed, watermark %d; want 0, 0", fts, mark)
	}
	for i := 0; i < 2; i++ {
		if evs, err := s.Events(ctx, store.EventFilter{Text: "trade"}); err != nil || len(evs) != 1 {
			t.Fatalf("text query: %d events, %v", len(evs), err)
		}
	}
	if fts, mark := count(); fts != 1 || mark != 1 {
		t.Fatalf("after a text query: %d indexed, watermark %d; want 1, 1", fts, mark)
	}
	put("b", "")
	put("c", "More trade talks.")
	if evs, err := s.Events(ctx, store.EventFilter{Text: "trade"}); err != nil || len(evs) != 1 || evs[0].NumMentions != 3 {
		t.Fatalf("text query after more batches: %+v, %v", evs, err)
	}
	put("d", "A trade deal.")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if fts, mark := count(); fts != 3 || mark != 4 {
		t.Fatalf("after Close: %d indexed, watermark %d; want 3, 4", fts, mark)
	}
}

// TestPutBatchSkippedRowRollsBack checks the guard of the bulk inserts: a
// row that SQLite skips (here a trigger ignores it) fails the batch, and
// nothing of the batch is stored.
func TestPutBatchSkippedRowRollsBack(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	ctx := context.Background()
	day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := s.PutBatch(ctx, []store.Doc{storetest.Doc("a", "", "", "text a", day,
		storetest.Ev("a-1", "2022-01-01", "USA", "MEX", "036", "s"))}); err != nil {
		t.Fatal(err)
	}
	// One connection, so that the temporary trigger applies to PutBatch.
	s.DB().SetMaxOpenConns(1)
	for _, table := range []string{"docs", "mentions", "events"} {
		trig := `CREATE TEMP TRIGGER skip BEFORE INSERT ON ` + table + ` BEGIN SELECT RAISE(IGNORE); END`
		if _, err := s.DB().Exec(trig); err != nil {
			t.Fatal(err)
		}
		_, err := s.PutBatch(ctx, []store.Doc{storetest.Doc("b", "", "", "text b", day,
			storetest.Ev("b-1", "2022-01-02", "USA", "CAN", "036", "s"))})
		if err == nil || !strings.Contains(err.Error(), "0 of 1 rows stored") {
			t.Errorf("%s: a skipped row gave %v, want a failed batch", table, err)
		}
		if _, err := s.DB().Exec(`DROP TRIGGER temp.skip`); err != nil {
			t.Fatal(err)
		}
		if st, _ := s.Stats(ctx); st != (store.Stats{Documents: 1, Events: 1, Mentions: 1}) {
			t.Errorf("%s: after a failed batch: %+v", table, st)
		}
	}
	if probs, err := s.Check(ctx); err != nil || len(probs) > 0 {
		t.Errorf("check: %v %v", probs, err)
	}
}
