package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
)

var _ analysis.Source = (*Store)(nil)

// Plan thresholds of Observations (variables so that tests can force
// either plan): scan the table when the selection's estimate exceeds
// 1/obsScanDivisor of the events; read a date range as one stretch of rids
// when the stretch is under obsStretchFactor times the estimate.
var (
	obsScanDivisor   int64 = 25
	obsStretchFactor int64 = 2
)

// obsCols are the columns Observations reads: the event row and its first
// mention's JSON, from which firstMention picks the negation flag and the
// PLOVER contexts (cheaper than SQLite's JSON functions, which parse the
// whole mention).
const obsCols = `e.id, e.day, e.source, e.target, e.cameo, e.root, e.quad, e.goldstein, e.num_mentions, m.json`

// obsColsNoContexts are the columns of a selection without contexts: no
// mention is read (NULL stands for its JSON).
const obsColsNoContexts = `e.id, e.day, e.source, e.target, e.cameo, e.root, e.quad, e.goldstein, e.num_mentions, NULL`

// Observations implements analysis.Source with one SQL query over the
// events table: events whose source or target matches one of sel.Actors
// (exact codes, or "X*" prefixes expanded to the stored codes or read as a
// range), dated in [sel.From, sel.To) by day. Merged event ids become
// Obs.ID, num_mentions Obs.Weight, the first mention's PLOVER contexts
// Obs.Contexts; events whose first mention is negated are skipped
// (docs/analysis.md). It returns the same observations as paging through
// Events (server.StoreSource), in storage order.
func (s *Store) Observations(ctx context.Context, sel analysis.Selection) ([]analysis.Obs, error) {
	var w where
	var lo, hi int64
	hasLo, hasHi := !sel.From.IsZero(), !sel.To.IsZero()
	if hasLo {
		lo = dayNum(sel.From)
		w.add("e.day >= ?", lo)
	}
	if hasHi {
		// [From, To) on days: the last day is the one holding To − 1ns.
		hi = dayNum(sel.To.Add(-time.Nanosecond))
		if hasLo && hi < lo {
			return nil, nil
		}
		w.add("e.day <= ?", hi)
	}
	codes, err := s.expand(ctx, sel.Actors)
	if err != nil {
		return nil, err
	}
	n, err := s.obsEstimate(ctx, codes, hasLo, hasHi, lo, hi)
	if err != nil {
		return nil, err
	}
	// A frequent actor is read faster by scanning the events in storage
	// order than through the source and target indexes: the index path
	// fetches event rows, and their first mentions, in random order (on 5M
	// events about 15 µs a row against 0.4 µs per scanned event plus 5 µs
	// per sequential mention). Past about 4% of the events the scan wins.
	from, pats := " FROM events e", codes
	if len(codes) > 0 {
		var total int64
		if err := s.db.QueryRowContext(ctx, "SELECT coalesce(max(rid), 0) FROM events").Scan(&total); err != nil {
			return nil, fmt.Errorf("sqlite: observations: %w", err)
		}
		if int64(n)*obsScanDivisor > total {
			// Scanning, a prefix is two comparisons, cheaper than
			// looking each row's codes up in the list of its codes.
			from, pats = " FROM events e NOT INDEXED", sel.Actors
		}
	}
	if c, a, ok := codeCond("e.source", pats); ok {
		c2, a2, _ := codeCond("e.target", pats)
		w.add("("+c+" OR "+c2+")", append(a, a2...)...)
	}
	// A date range alone: events are stored roughly in date order, so
	// their rows mostly form one stretch of the table. When the stretch
	// holds little else, reading it in storage order beats fetching each
	// row through the day index.
	if len(codes) == 0 && (hasLo || hasHi) {
		var a, b sql.NullInt64
		if err := s.db.QueryRowContext(ctx, "SELECT min(rid), max(rid) FROM events e"+w.sql(), w.args...).Scan(&a, &b); err != nil {
			return nil, fmt.Errorf("sqlite: observations: %w", err)
		}
		if !a.Valid {
			return nil, nil
		}
		if b.Int64-a.Int64 < obsStretchFactor*int64(n) {
			from = " FROM events e NOT INDEXED"
			w.add("e.rid BETWEEN ? AND ?", a.Int64, b.Int64)
		}
	}
	// Memory-mapped reads save a system call per page on these long
	// reads; the connection goes back to the pool as it was.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: observations: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 17179869184"); err == nil {
		defer conn.ExecContext(context.Background(), "PRAGMA mmap_size = 0")
	}
	// Without contexts the negation flag of the event row will do, and the
	// first mentions are not read at all.
	q := "SELECT " + obsCols + from + " LEFT JOIN mentions m ON m.rid = e.first_mention" + w.sql()
	if sel.NoContexts {
		w.add("e.negated = 0")
		q = "SELECT " + obsColsNoContexts + from + w.sql()
	}
	rows, err := conn.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: observations: %w", err)
	}
	defer rows.Close()
	out := make([]analysis.Obs, 0, n)
	fm := firstMention{contexts: map[string][]string{}}
	var (
		id, day, quad, nm int64
		fmJSON            sql.RawBytes
		o                 analysis.Obs
	)
	for rows.Next() {
		o = analysis.Obs{}
		if err := rows.Scan(&id, &day, &o.Source, &o.Target, &o.Code, &o.Root, &quad, &o.Goldstein, &nm, &fmJSON); err != nil {
			return nil, fmt.Errorf("sqlite: observations: %w", err)
		}
		o.ID = store.FormatEventID(id)
		o.Date = time.Unix(day*dayUnix, 0).UTC()
		o.Quad = int(quad)
		o.Weight = float64(nm)
		// Negated first mentions are skipped; an event without a stored
		// mention is kept, as the Events adapter keeps it.
		if fmJSON != nil {
			neg, cs, err := fm.parse(fmJSON)
			if err != nil {
				return nil, fmt.Errorf("sqlite: observations: first mention of event %s: %w", o.ID, err)
			}
			if neg {
				continue
			}
			o.Contexts = cs
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: observations: %w", err)
	}
	return out, nil
}

// obsEstimate bounds the number of events a selection returns from the
// actor_month rollup (whole months, each event counted once per matching
// side), so that Observations allocates its result once. It is capped to
// keep a bad estimate cheap.
func (s *Store) obsEstimate(ctx context.Context, codes []string, hasLo, hasHi bool, lo, hi int64) (int, error) {
	var w where
	sum := "sum(as_source)" // all actors: each event once
	if c, a, ok := codeCond("actor", codes); ok {
		w.add(c, a...)
		sum = "sum(as_source + as_target)"
	}
	if hasLo {
		w.add("month >= ?", monthNum(time.Unix(lo*dayUnix, 0)))
	}
	if hasHi {
		w.add("month <= ?", monthNum(time.Unix(hi*dayUnix, 0)))
	}
	var n int64
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce("+sum+", 0) FROM actor_month"+w.sql(), w.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: observations: %w", err)
	}
	return int(min(max(n, 0), 20_000_000)), nil
}

// firstMention reads the negation flag and the PLOVER contexts from a
// stored mention (the JSON of a dyad.Event) without decoding all of it.
// Go's encoder escapes quotes inside strings, so `"negated":` and
// `"context":` can only be keys, and dyad.Event writes its own before any
// nested event; anything unexpected falls back to decoding the mention.
type firstMention struct {
	contexts map[string][]string // context list JSON → shared list
}

var (
	keyNegated = []byte(`"negated":`)
	keyContext = []byte(`"context":`)
)

func (f *firstMention) parse(js []byte) (negated bool, contexts []string, err error) {
	i := bytes.Index(js, keyNegated)
	j := bytes.Index(js, keyContext)
	if i < 0 || j < 0 {
		return f.slow(js)
	}
	switch v := js[i+len(keyNegated):]; {
	case bytes.HasPrefix(v, []byte("true")):
		return true, nil, nil
	case !bytes.HasPrefix(v, []byte("false")):
		return f.slow(js)
	}
	v := js[j+len(keyContext):]
	if bytes.HasPrefix(v, []byte("null")) {
		return false, nil, nil
	}
	n := arrayEnd(v)
	if n < 0 {
		return f.slow(js)
	}
	if c, ok := f.contexts[string(v[:n])]; ok {
		return false, c, nil
	}
	var c []string
	if err := json.Unmarshal(v[:n], &c); err != nil {
		return f.slow(js)
	}
	f.contexts[string(v[:n])] = c
	return false, c, nil
}

// arrayEnd returns the length of the JSON array of strings at the start of
// v, or -1.
func arrayEnd(v []byte) int {
	if len(v) == 0 || v[0] != '[' {
		return -1
	}
	in := false
	for k := 1; k < len(v); k++ {
		switch c := v[k]; {
		case in && c == '\\':
			k++
		case c == '"':
			in = !in
		case !in && c == ']':
			return k + 1
		}
	}
	return -1
}

func (f *firstMention) slow(js []byte) (bool, []string, error) {
	var m struct {
		Negated bool `json:"negated"`
		Plover  struct {
			Context []string `json:"context"`
		} `json:"plover"`
	}
	if err := json.Unmarshal(js, &m); err != nil {
		return false, nil, err
	}
	return m.Negated, m.Plover.Context, nil
}
