// Package sqlite is the embedded store.Store: one SQLite file (pure Go,
// modernc.org/sqlite) in WAL mode, with versioned migrations, merged events,
// a full-text index over evidence sentences (FTS5, brought up to date by
// IndexText before text queries rather than by every batch) and monthly
// rollups for dyad series.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	_ "modernc.org/sqlite" // database/sql driver "sqlite"

	"github.com/dyad-events/dyad/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is a store.Store on one SQLite database file.
type Store struct {
	db   *sql.DB
	path string
	mu   sync.Mutex // serialises writers
	// now returns the time recorded as "added"; tests may replace it.
	now func() time.Time
}

var _ store.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path and applies pending
// migrations. The directory is created when missing. ":memory:" is not
// supported; use a temporary file.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, fmt.Errorf("sqlite: empty database path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
	}
	if err := createFile(path); err != nil {
		return nil, fmt.Errorf("sqlite: create %s: %w", path, err)
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "temp_store(MEMORY)", "cache_size(-65536)", "wal_autocheckpoint(4096)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	s := &Store{db: db, path: path, now: time.Now}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return s, nil
}

// pageSize is the page size of a new database (wal_autocheckpoint, in
// pages, lets the WAL grow to 64 MB with it before a checkpoint). A batch changes pages all
// over the indexes, and every changed page goes to the WAL as one frame
// (system calls and a checksum each): with 16 KiB pages instead of
// SQLite's 4 KiB, PutBatch commits take about a third of the time, and
// the 5M-event query benchmarks are no slower.
const pageSize = 16384

// createFile creates a missing database file with pageSize pages in WAL
// mode. The page size of a WAL database is fixed once it has a table, so
// an existing database keeps its own.
func createFile(path string) error {
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		return nil
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA page_size = %d; PRAGMA journal_mode = WAL`, pageSize)); err != nil {
		return err
	}
	return nil
}

// Path returns the database file name.
func (s *Store) Path() string { return s.path }

// DB exposes the database handle for maintenance and tests.
func (s *Store) DB() *sql.DB { return s.db }

// Close brings the full-text index up to date (IndexText), runs PRAGMA
// optimize (fresh statistics for the query planner) and closes the
// database.
func (s *Store) Close() error {
	err := s.IndexText(context.Background())
	s.db.Exec(`PRAGMA optimize`)
	return errors.Join(err, s.db.Close())
}

// migrations returns the embedded migrations, sorted by version.
func migrations() ([]store.Migration, error) {
	return store.ReadMigrations(migrationFS, "migrations")
}

// SchemaVersion returns the highest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v)
	return int(v.Int64), err
}

func (s *Store) migrate(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version=?`, m.Version).Scan(&n); err != nil {
			tx.Rollback()
			return err
		}
		if n > 0 {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES(?,?,?)`,
			m.Version, m.Name, time.Now().Unix()); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// Stats counts documents, merged events and mentions.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM docs), (SELECT count(*) FROM events), (SELECT count(*) FROM mentions)`).
		Scan(&st.Documents, &st.Events, &st.Mentions)
	if err != nil {
		return st, fmt.Errorf("sqlite: stats: %w", err)
	}
	return st, nil
}

// Check verifies the database: PRAGMA integrity_check, every document's
// mention count matches its stored mentions, every mention has its event
// and document, every event's mention count matches, and every batch holds
// the number of documents it declared. It returns the problems found.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	var probs []string
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return nil, err
		}
		if r != "ok" {
			probs = append(probs, "integrity_check: "+r)
		}
	}
	rows.Close()
	checks := []struct{ name, q string }{
		{"documents whose mention count differs from their stored mentions",
			`SELECT count(*) FROM docs d WHERE d.mentions <> (SELECT count(*) FROM mentions m WHERE m.doc_rid=d.rid)`},
		{"mentions without a document", `SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE d.rid=m.doc_rid)`},
		{"mentions without an event", `SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id=m.event_id)`},
		{"events whose num_mentions differs from their mentions",
			`SELECT count(*) FROM events e WHERE e.num_mentions <> (SELECT count(*) FROM mentions m WHERE m.event_id=e.id)`},
		{"batches with a different number of documents than declared",
			`SELECT count(*) FROM batches b LEFT JOIN (SELECT batch, count(*) AS n FROM docs GROUP BY batch) d ON d.batch = b.id
			WHERE b.n_docs <> coalesce(d.n, 0)`},
		{"monthly rollup events differing from the events table",
			`SELECT abs((SELECT coalesce(sum(e0+e1+e2+e3+e4),0) FROM dyad_month) - (SELECT count(*) FROM events))`},
		{"analysable events in the monthly rollup differing from the events table",
			`SELECT abs((SELECT coalesce(sum(e1+e2+e3+e4),0) FROM dyad_month) - (SELECT count(*) FROM events WHERE ` + analysableSQL + `))`},
		{"monthly rollup rows whose last day differs from their events",
			`SELECT count(*) FROM dyad_month d WHERE d.last_day IS NOT (SELECT max(e.day) FROM events e
			WHERE e.source = d.source AND e.target = d.target AND ` + analysableSQL + ` AND e.day BETWEEN
			CAST(strftime('%s', printf('%04d-%02d-01', d.month / 12, d.month % 12 + 1)) AS INTEGER) / 86400 AND
			CAST(strftime('%s', printf('%04d-%02d-01', d.month / 12, d.month % 12 + 1), '+1 month', '-1 day') AS INTEGER) / 86400)`},
		{"actor rollup counts differing from the analysable events",
			`SELECT abs((SELECT coalesce(sum(as_source+as_target),0) FROM actor_month) - 2*(SELECT count(*) FROM events WHERE ` + analysableSQL + `))`},
		{"daily actor rollup rows differing from the analysable events",
			`SELECT count(*) FROM (SELECT actor, day, sum(s) AS s, sum(t) AS t FROM (
				SELECT source AS actor, day, 1 AS s, 0 AS t FROM events WHERE ` + analysableSQL + `
				UNION ALL SELECT target, day, 0, 1 FROM events WHERE ` + analysableSQL + `) GROUP BY actor, day) e
			FULL JOIN actor_day d USING (actor, day)
			WHERE d.as_source IS NOT e.s OR d.as_target IS NOT e.t`},
	}
	for _, c := range checks {
		var n int
		if err := s.db.QueryRowContext(ctx, c.q).Scan(&n); err != nil {
			return nil, fmt.Errorf("check %s: %w", c.name, err)
		}
		if n != 0 {
			probs = append(probs, fmt.Sprintf("%d %s", n, c.name))
		}
	}
	return probs, nil
}

func isNotFound(err error) bool { return errors.Is(err, sql.ErrNoRows) }
