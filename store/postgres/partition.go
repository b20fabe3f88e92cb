package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dyad-events/dyad/store"
)

// batchMonths returns the months of the event days a batch may store
// (after the date fallback of store.NormalizeEventDate), sorted.
func batchMonths(docs []store.Doc) []time.Time {
	seen := map[time.Time]bool{}
	for i := range docs {
		d := &docs[i]
		for j := range d.Events {
			day, ok := store.EventDay(d.Events[j].Date)
			if !ok {
				day = store.FallbackDay(d.Date)
			}
			seen[monthOf(day)] = true
		}
	}
	out := make([]time.Time, 0, len(seen))
	for m := range seen {
		out = append(out, m)
	}
	slices.SortFunc(out, time.Time.Compare)
	return out
}

// partitionName is the name of the events partition of a month.
func partitionName(m time.Time) string {
	return fmt.Sprintf("events_p%04d%02d", m.Year(), int(m.Month()))
}

// dateExpr writes the first day of a month as an SQL expression
// (make_date: PostgreSQL has no year 0, Go's year 0 is 1 BC).
func dateExpr(m time.Time) string {
	y := m.Year()
	if y <= 0 {
		y--
	}
	return fmt.Sprintf("make_date(%d, %d, 1)", y, int(m.Month()))
}

// ensurePartitions creates the monthly events partitions that months need
// and that do not exist yet, in a short transaction of its own under an
// advisory lock (so that concurrent writers create each once). Each is
// created as a plain table and attached, which takes a lock on events that
// does not block reads or writes (CREATE TABLE … PARTITION OF would block
// both until the end of the transaction). Known partitions are cached.
func (s *Store) ensurePartitions(ctx context.Context, months []time.Time) error {
	s.partMu.Lock()
	var missing []time.Time
	for _, m := range months {
		if !s.parts[m] {
			missing = append(missing, m)
		}
	}
	s.partMu.Unlock()
	if len(missing) == 0 {
		return nil
	}
	err := s.with(ctx, func(c *pgxpool.Conn) error {
		tx, err := c.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.Background())
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockPartitions); err != nil {
			return err
		}
		have := map[string]bool{}
		rows, err := tx.Query(ctx, `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
			WHERE i.inhparent = 'events'::regclass`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return err
			}
			have[name] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, m := range missing {
			name := partitionName(m)
			if have[name] {
				continue
			}
			if _, err := tx.Exec(ctx, `CREATE TABLE `+name+` (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`); err != nil {
				return fmt.Errorf("create %s: %w", name, err)
			}
			if _, err := tx.Exec(ctx, `ALTER TABLE events ATTACH PARTITION `+name+
				` FOR VALUES FROM (`+dateExpr(m)+`) TO (`+dateExpr(m.AddDate(0, 1, 0))+`)`); err != nil {
				return fmt.Errorf("attach %s: %w", name, err)
			}
		}
		return tx.Commit(ctx)
	})
	if err != nil {
		return fmt.Errorf("postgres: event partitions: %w", err)
	}
	s.partMu.Lock()
	for _, m := range missing {
		s.parts[m] = true
	}
	s.partMu.Unlock()
	return nil
}

// forgetPartitions empties the cache of existing partitions.
func (s *Store) forgetPartitions() {
	s.partMu.Lock()
	clear(s.parts)
	s.partMu.Unlock()
}

// clean makes a string storable as PostgreSQL text, which holds neither
// NUL bytes nor invalid UTF-8 (SQLite keeps both): NULs are dropped and
// invalid bytes replaced by U+FFFD.
func clean(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}
