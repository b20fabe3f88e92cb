// Package postgres is the PostgreSQL store.Store (pgx v5): the same
// documents, merged events, rollups and queries as store/sqlite, for
// several writers and big collections.
//
// Events are partitioned by month (declarative range partitioning on the
// event day); PutBatch creates the partitions a batch needs. A batch is
// one transaction: documents and mentions go in with COPY, merged events
// through a COPY into a temporary staging table and one set-based upsert,
// the dyad × month and actor × month rollups with upserts. Several
// processes may call PutBatch at once: the unique indexes arbitrate, and a
// batch that collides with a concurrent one is retried (see PutBatch).
//
// Migrations are numbered SQL files embedded in the binary and recorded in
// schema_migrations; Open applies the missing ones and refuses a database
// whose schema is newer than the binary.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dyad-events/dyad/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Advisory lock keys (pg_advisory_xact_lock): one for migrations, one for
// creating partitions. Arbitrary constants ("dyadmigr", "dyadpart").
const (
	lockMigrate    int64 = 0x647961646d696772
	lockPartitions int64 = 0x6479616470617274
)

// Store is a store.Store on a PostgreSQL database. It is safe for
// concurrent use, and several processes may share the database.
type Store struct {
	pool *pgxpool.Pool
	url  string
	// now returns the time recorded as "added"; tests may replace it.
	now func() time.Time

	partMu sync.Mutex
	parts  map[time.Time]bool // months whose partition exists

	// retries counts batches run again after colliding with concurrent
	// writers, by SQLSTATE.
	retryMu sync.Mutex
	retries map[string]int
}

var _ store.Store = (*Store)(nil)

// DefaultMaxConns is the size of the connection pool when the URL sets no
// pool_max_conns: the larger of 4 and the number of CPUs, as pgxpool's
// own default.
var DefaultMaxConns = max(4, runtime.NumCPU())

// Open connects to the PostgreSQL database named by a postgres:// (or
// postgresql://) URL and applies pending migrations. The URL takes the
// usual libpq parameters (sslmode, search_path to keep the tables in a
// schema of their own, …) and pgxpool's pool parameters: pool_max_conns,
// the most connections the store opens (default DefaultMaxConns),
// pool_max_conn_lifetime, pool_max_conn_idle_time and the others. The
// database must exist.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	cfg, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	s := &Store{url: redact(rawURL), now: time.Now, parts: map[time.Time]bool{}, retries: map[string]int{}}
	if s.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", s.url, err)
	}
	if err := s.migrate(ctx); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("postgres: %s: %w", s.url, err)
	}
	return s, nil
}

// parseURL reads a store URL: pgx's connection settings and pgxpool's
// pool settings.
func parseURL(rawURL string) (*pgxpool.Config, error) {
	low := strings.ToLower(rawURL)
	if !strings.HasPrefix(low, "postgres://") && !strings.HasPrefix(low, "postgresql://") {
		return nil, fmt.Errorf("postgres: %q is not a postgres:// URL", redact(rawURL))
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("postgres: bad URL %s: %w", redact(rawURL), err)
	}
	q := u.Query()
	maxConns := q.Get("pool_max_conns")
	if maxConns != "" {
		if n, err := strconv.Atoi(maxConns); err != nil || n < 1 {
			return nil, fmt.Errorf("postgres: pool_max_conns=%q: want a positive number", maxConns)
		}
	} else if q.Has("pool_max_conns") {
		q.Del("pool_max_conns") // empty: the default
		u.RawQuery = q.Encode()
	}
	cfg, err := pgxpool.ParseConfig(u.String())
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", redact(rawURL), err)
	}
	if maxConns == "" {
		cfg.MaxConns = int32(DefaultMaxConns)
	}
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "dyad"
	}
	return cfg, nil
}

// redact hides the password of a URL for messages.
func redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// acquire takes a connection from the pool, waiting for one while
// pool_max_conns are in use. The caller releases it.
func (s *Store) acquire(ctx context.Context) (*pgxpool.Conn, error) {
	c, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: connection: %w", err)
	}
	return c, nil
}

// with runs fn on a connection of the pool. A connection that fn leaves
// inside a transaction or busy (after an error) is closed rather than
// reused.
func (s *Store) with(ctx context.Context, fn func(c *pgxpool.Conn) error) error {
	c, err := s.acquire(ctx)
	if err != nil {
		return err
	}
	defer c.Release()
	return fn(c)
}

// stagedKey marks, in a connection's custom data, that the staging tables
// of PutBatch exist on it.
const stagedKey = "dyad.staged"

// stage creates, once per connection, the temporary staging tables of
// PutBatch (COPY targets, emptied at every commit).
func stage(ctx context.Context, c *pgxpool.Conn) error {
	data := c.Conn().PgConn().CustomData()
	if data[stagedKey] == true {
		return nil
	}
	for _, t := range []string{"events", "dyad_month", "actor_month"} {
		_, err := c.Exec(ctx, `CREATE TEMP TABLE IF NOT EXISTS stage_`+t+` (LIKE `+t+`) ON COMMIT DELETE ROWS`)
		if err != nil {
			return fmt.Errorf("postgres: staging table: %w", err)
		}
	}
	data[stagedKey] = true
	return nil
}

// URL returns the database URL without its password.
func (s *Store) URL() string { return s.url }

// Close closes the connections, waiting for those in use to be
// released. Operations on a closed store fail.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// migrations returns the embedded migrations, sorted by version.
func migrations() ([]store.Migration, error) {
	return store.ReadMigrations(migrationFS, "migrations")
}

// SchemaVersion returns the highest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.with(ctx, func(c *pgxpool.Conn) error {
		return c.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	})
	if err != nil {
		return 0, fmt.Errorf("postgres: schema version: %w", err)
	}
	return v, nil
}

// ErrSchemaTooNew is returned by Open for a database migrated by a newer
// binary.
var ErrSchemaTooNew = errors.New("database schema is newer than this program: upgrade dyad")

// migrate applies the missing migrations, each in its own transaction
// under an advisory lock, so that processes opening the store at the same
// time apply each migration once.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	latest := ms[len(ms)-1].Version
	return s.with(ctx, func(c *pgxpool.Conn) error {
		for _, m := range ms {
			done, err := applyMigration(ctx, c.Conn(), m, latest)
			if err != nil {
				return err
			}
			if done {
				break
			}
		}
		return nil
	})
}

// applyMigration applies m unless it is recorded; done reports that the
// database is at the latest version already.
func applyMigration(ctx context.Context, c *pgx.Conn, m store.Migration, latest int) (done bool, err error) {
	tx, err := c.Begin(ctx)
	if err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockMigrate); err != nil {
		return false, fmt.Errorf("migration lock: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return false, fmt.Errorf("migrations table: %w", err)
	}
	var have int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return false, fmt.Errorf("migrations table: %w", err)
	}
	if have > latest {
		return false, fmt.Errorf("schema version %d, this program knows up to %d: %w", have, latest, ErrSchemaTooNew)
	}
	if have >= latest {
		return true, tx.Commit(ctx)
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, m.Version).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, tx.Commit(ctx)
	}
	if _, err := tx.Exec(ctx, m.SQL); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations(version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	return false, nil
}

// Stats counts documents, merged events and mentions from the per-batch
// counts (exact: they are written in the batch's transaction), without
// counting the big tables.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.with(ctx, func(c *pgxpool.Conn) error {
		return c.QueryRow(ctx, `SELECT coalesce(sum(n_docs), 0), coalesce(sum(n_events), 0), coalesce(sum(n_mentions), 0) FROM batches`).
			Scan(&st.Documents, &st.Events, &st.Mentions)
	})
	if err != nil {
		return st, fmt.Errorf("postgres: stats: %w", err)
	}
	return st, nil
}

// Check verifies the database: the batch counts match the tables, every
// document's mention count matches its stored mentions, every mention has
// its event and document, every event's counts match its mentions, and
// the rollups add up to the events. It returns the problems found. It
// reads whole tables: a tool for tests and repairs, not for big stores.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	checks := []struct{ name, q string }{
		{"documents not counted by batches", `SELECT (SELECT count(*) FROM docs) - (SELECT coalesce(sum(n_docs), 0) FROM batches)`},
		{"events not counted by batches", `SELECT (SELECT count(*) FROM events) - (SELECT coalesce(sum(n_events), 0) FROM batches)`},
		{"mentions not counted by batches", `SELECT (SELECT count(*) FROM mentions) - (SELECT coalesce(sum(n_mentions), 0) FROM batches)`},
		{"documents whose mention count differs from their stored mentions",
			`SELECT count(*) FROM docs d WHERE d.mentions <> (SELECT count(*) FROM mentions m WHERE m.doc_rid = d.rid)`},
		{"mentions without a document", `SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE d.rid = m.doc_rid)`},
		{"mentions without an event", `SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id AND e.day = m.event_day)`},
		{"events whose counts differ from their mentions",
			`SELECT count(*) FROM events e LEFT JOIN (SELECT m.event_id, m.event_day, count(*) AS n, count(DISTINCT m.doc_rid) AS a,
				count(DISTINCT d.source) AS s FROM mentions m JOIN docs d ON d.rid = m.doc_rid GROUP BY 1, 2) c
				ON c.event_id = e.id AND c.event_day = e.day
			WHERE c.n IS DISTINCT FROM e.num_mentions OR c.a IS DISTINCT FROM e.num_articles OR c.s IS DISTINCT FROM e.num_sources`},
		{"events whose first mention is missing or another event's",
			`SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.rid = e.first_mention AND m.event_id = e.id)`},
		{"monthly dyad rollup rows differing from the events",
			`SELECT count(*) FROM dyad_month r FULL JOIN (SELECT source, target, date_trunc('month', day)::date AS month,
				count(*) FILTER (WHERE q = 0) AS e0, count(*) FILTER (WHERE q = 1) AS e1, count(*) FILTER (WHERE q = 2) AS e2,
				count(*) FILTER (WHERE q = 3) AS e3, count(*) FILTER (WHERE q = 4) AS e4,
				sum(num_mentions) FILTER (WHERE q = 0) AS m0, sum(num_mentions) FILTER (WHERE q = 1) AS m1,
				sum(num_mentions) FILTER (WHERE q = 2) AS m2, sum(num_mentions) FILTER (WHERE q = 3) AS m3,
				sum(num_mentions) FILTER (WHERE q = 4) AS m4, max(day) FILTER (WHERE q <> 0) AS last_day
				FROM (SELECT *, ` + rollupQuadSQL + ` AS q FROM events) ev GROUP BY 1, 2, 3) e USING (source, target, month)
			WHERE ROW(coalesce(r.e0, 0), coalesce(r.e1, 0), coalesce(r.e2, 0), coalesce(r.e3, 0), coalesce(r.e4, 0),
				coalesce(r.m0, 0), coalesce(r.m1, 0), coalesce(r.m2, 0), coalesce(r.m3, 0), coalesce(r.m4, 0))
			<> ROW(coalesce(e.e0, 0), coalesce(e.e1, 0), coalesce(e.e2, 0), coalesce(e.e3, 0), coalesce(e.e4, 0),
				coalesce(e.m0, 0), coalesce(e.m1, 0), coalesce(e.m2, 0), coalesce(e.m3, 0), coalesce(e.m4, 0))
				OR r.last_day IS DISTINCT FROM e.last_day`},
		{"monthly actor rollup rows differing from the analysable events",
			`SELECT count(*) FROM actor_month r FULL JOIN (SELECT actor, month, sum(s) AS s, sum(t) AS t FROM (
				SELECT source AS actor, date_trunc('month', day)::date AS month, 1 AS s, 0 AS t FROM events WHERE ` + analysableSQL + `
				UNION ALL SELECT target, date_trunc('month', day)::date, 0, 1 FROM events WHERE ` + analysableSQL + `) x
				GROUP BY 1, 2) e USING (actor, month)
			WHERE ROW(coalesce(r.as_source, 0), coalesce(r.as_target, 0)) <> ROW(coalesce(e.s, 0), coalesce(e.t, 0))`},
	}
	var probs []string
	err := s.with(ctx, func(c *pgxpool.Conn) error {
		for _, ck := range checks {
			var n int64
			if err := c.QueryRow(ctx, ck.q).Scan(&n); err != nil {
				return fmt.Errorf("check %s: %w", ck.name, err)
			}
			if n != 0 {
				probs = append(probs, fmt.Sprintf("%d %s", n, ck.name))
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return probs, nil
}

// pgCode returns the SQLSTATE of a PostgreSQL error, or "".
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

func isNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }
