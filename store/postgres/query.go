package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// where accumulates SQL conditions and numbers their arguments ($1, $2…).
type where struct {
	conds []string
	args  []any
}

// arg adds an argument and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// noCode stands for a prefix that matched no stored code: it keeps the
// filter and matches nothing.
const noCode = "\uFFFF"

// upperBound returns the smallest string greater than every string with
// prefix p in code point (and "C" collation) order, or "" when there is
// none.
func upperBound(p string) string {
	rs := []rune(p)
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] < utf8.MaxRune {
			rs[i]++
			if rs[i] == 0xD800 { // skip the surrogates
				rs[i] = 0xE000
			}
			return string(rs[:i+1])
		}
	}
	return ""
}

// codeCond builds "(col matches any pattern)", adding its arguments to w;
// ok is false when a pattern matches everything ("*").
func codeCond(w *where, col string, pats []string) (string, bool) {
	var parts []string
	var exact []string
	for _, p := range pats {
		stem, prefix := store.SplitPattern(clean(p))
		switch {
		case prefix && stem == "":
			return "", false
		case prefix:
			c := col + " >= " + w.arg(stem)
			if ub := upperBound(stem); ub != "" {
				c += " AND " + col + " < " + w.arg(ub)
			}
			parts = append(parts, "("+c+")")
		default:
			exact = append(exact, stem)
		}
	}
	switch len(exact) {
	case 0:
	case 1:
		parts = append(parts, col+" = "+w.arg(exact[0]))
	default:
		parts = append(parts, col+" = ANY("+w.arg(exact)+")")
	}
	if len(parts) == 0 {
		return "", false
	}
	return "(" + strings.Join(parts, " OR ") + ")", true
}

// dyadCond builds the condition selecting the events from src to tgt
// (source matching src and target matching tgt, a side without a pattern
// or with "*" unfiltered; "true" when neither side is filtered), adding
// its arguments to w.
func dyadCond(w *where, src, tgt []string) string {
	sc, sok := codeCond(w, "source", src)
	tc, tok := codeCond(w, "target", tgt)
	switch {
	case sok && tok:
		return sc + " AND " + tc
	case sok:
		return sc
	case tok:
		return tc
	}
	return "true"
}

// expand replaces prefix patterns ("CHN*") by the actor codes stored under
// them (store.ExpandPatterns), so that the (source, target, …) indexes are
// searched for each pair of codes rather than scanned along the whole
// prefix.
func (s *Store) expand(ctx context.Context, c *pgxpool.Conn, pats []string) ([]string, error) {
	return store.ExpandPatterns(pats, noCode, func(p string) ([]string, error) {
		var w where
		cond, _ := codeCond(&w, "code", []string{p})
		rows, err := c.Query(ctx, `SELECT code FROM actors WHERE `+cond+` LIMIT `+w.arg(store.MaxExpand+1), w.args...)
		if err != nil {
			return nil, fmt.Errorf("postgres: expand %q: %w", p, err)
		}
		codes, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return nil, fmt.Errorf("postgres: expand %q: %w", p, err)
		}
		return codes, nil
	})
}

// dayOf returns the date of t (UTC) at midnight, as the day columns hold.
func dayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func utcOrZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// Documents lists stored documents, newest publication date first (those
// without a date last).
func (s *Store) Documents(ctx context.Context, f store.DocFilter) ([]store.DocInfo, error) {
	var w where
	if f.Source != "" {
		w.add("source = " + w.arg(clean(f.Source)))
	}
	if !f.From.IsZero() {
		w.add("date >= " + w.arg(f.From.UTC().Truncate(time.Second)))
	}
	if !f.To.IsZero() {
		w.add("date <= " + w.arg(f.To.UTC().Truncate(time.Second)))
	}
	if f.Text != "" {
		p := w.arg(strings.ToLower(clean(f.Text)))
		w.add("(strpos(lower(title), " + p + ") > 0 OR strpos(lower(url), " + p + ") > 0 OR strpos(lower(id), " + p + ") > 0)")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	q := `SELECT id, url, title, source, date, date_source, hash, bytes, mentions, added FROM docs` + w.sql() +
		` ORDER BY date DESC NULLS LAST, rid DESC LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(max(f.Offset, 0))
	var out []store.DocInfo
	err := s.with(ctx, func(c *pgxpool.Conn) error {
		rows, err := c.Query(ctx, q, w.args...)
		if err != nil {
			return fmt.Errorf("postgres: documents: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var d store.DocInfo
			var date *time.Time
			if err := rows.Scan(&d.ID, &d.URL, &d.Title, &d.Source, &date, &d.DateSource, &d.Hash, &d.Bytes, &d.Mentions, &d.Added); err != nil {
				return fmt.Errorf("postgres: documents: %w", err)
			}
			d.Date, d.Added = utcOrZero(date), d.Added.UTC()
			out = append(out, d)
		}
		return rows.Err()
	})
	return out, err
}

// Document returns a stored document with its text and mentions.
func (s *Store) Document(ctx context.Context, id string) (*store.Doc, error) {
	var d store.Doc
	err := s.with(ctx, func(c *pgxpool.Conn) error {
		var rid int64
		var date *time.Time
		err := c.QueryRow(ctx, `SELECT rid, id, url, title, source, date, date_source, hash, text FROM docs WHERE id = $1`, clean(id)).
			Scan(&rid, &d.ID, &d.URL, &d.Title, &d.Source, &date, &d.DateSource, &d.Hash, &d.Text)
		if isNoRows(err) {
			return fmt.Errorf("document %q: %w", id, dyad.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("postgres: document %q: %w", id, err)
		}
		d.Date = utcOrZero(date)
		rows, err := c.Query(ctx, `SELECT event_json, sentence_text FROM mentions WHERE doc_rid = $1 ORDER BY rid`, rid)
		if err != nil {
			return fmt.Errorf("postgres: document %q: %w", id, err)
		}
		defer rows.Close()
		for rows.Next() {
			var js, st string
			if err := rows.Scan(&js, &st); err != nil {
				return fmt.Errorf("postgres: document %q: %w", id, err)
			}
			ev, err := store.DecodeMention([]byte(js), st)
			if err != nil {
				return fmt.Errorf("postgres: document %q: %w", id, err)
			}
			d.Events = append(d.Events, ev)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// Known reports whether d matches a stored document. See store.Store.
func (s *Store) Known(ctx context.Context, d *store.Doc) (string, string, error) {
	if d.Hash == "" {
		d.Hash = store.ContentHash(d.Text)
	}
	var id string
	var kind int // a store.DupKind
	err := s.with(ctx, func(c *pgxpool.Conn) error {
		return c.QueryRow(ctx, `SELECT id, 1 FROM docs WHERE id = $1
			UNION ALL SELECT id, 2 FROM docs WHERE hash = $2 AND hash <> ''
			UNION ALL SELECT id, 3 FROM docs WHERE url = $3 AND url <> ''
			ORDER BY 2 LIMIT 1`, clean(d.ID), d.Hash, clean(d.URL)).Scan(&id, &kind)
	})
	switch {
	case isNoRows(err):
		return "", "", nil
	case err != nil:
		return "", "", fmt.Errorf("postgres: known %q: %w", d.ID, err)
	}
	return id, store.DupKind(kind).Reason(id), nil
}

// Actors lists actor codes whose code starts with q.Query or whose name
// contains it, most frequent first.
func (s *Store) Actors(ctx context.Context, q store.ActorQuery) ([]store.ActorCount, error) {
	var w where
	if t := strings.TrimSpace(strings.TrimSuffix(q.Query, "*")); t != "" {
		cond, _ := codeCond(&w, "a.code", []string{strings.ToUpper(t) + "*"})
		w.add("(" + cond + " OR strpos(lower(a.name), " + w.arg(strings.ToLower(clean(t))) + ") > 0)")
	}
	limit := q.Limit
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	query := `SELECT a.code, a.name, a.country, coalesce(t.s, 0), coalesce(t.t, 0) FROM actors a
		LEFT JOIN LATERAL (SELECT sum(as_source)::bigint AS s, sum(as_target)::bigint AS t FROM actor_month am WHERE am.actor = a.code) t ON true` +
		w.sql() + ` ORDER BY coalesce(t.s, 0) + coalesce(t.t, 0) DESC, a.code LIMIT ` + w.arg(limit)
	var out []store.ActorCount
	err := s.with(ctx, func(c *pgxpool.Conn) error {
		rows, err := c.Query(ctx, query, w.args...)
		if err != nil {
			return fmt.Errorf("postgres: actors: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var a store.ActorCount
			if err := rows.Scan(&a.Code, &a.Name, &a.Country, &a.AsSource, &a.AsTarget); err != nil {
				return fmt.Errorf("postgres: actors: %w", err)
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// periodCounts are the aggregates of a dyad series query, per class.
const (
	monthCounts = `sum(e0)::bigint, sum(e1)::bigint, sum(e2)::bigint, sum(e3)::bigint, sum(e4)::bigint,
		sum(m0)::bigint, sum(m1)::bigint, sum(m2)::bigint, sum(m3)::bigint, sum(m4)::bigint, sum(goldstein)`
	dayCounts = `count(*) FILTER (WHERE RQ = 0), count(*) FILTER (WHERE RQ = 1),
		count(*) FILTER (WHERE RQ = 2), count(*) FILTER (WHERE RQ = 3), count(*) FILTER (WHERE RQ = 4),
		coalesce(sum(num_mentions) FILTER (WHERE RQ = 0), 0), coalesce(sum(num_mentions) FILTER (WHERE RQ = 1), 0),
		coalesce(sum(num_mentions) FILTER (WHERE RQ = 2), 0), coalesce(sum(num_mentions) FILTER (WHERE RQ = 3), 0),
		coalesce(sum(num_mentions) FILTER (WHERE RQ = 4), 0), coalesce(sum(goldstein) FILTER (WHERE RQ <> 0), 0)`
)

// DyadCounts returns per-period counts between q.Source and q.Target.
// Monthly series read the dyad_month rollup; daily and weekly series read
// the events through their (source, target, day) index.
func (s *Store) DyadCounts(ctx context.Context, q store.CountQuery) ([]store.PeriodCount, error) {
	by, err := store.ValidPeriod(q.By)
	if err != nil {
		return nil, err
	}
	per := map[time.Time]*store.PeriodCount{}
	err = s.with(ctx, func(c *pgxpool.Conn) error {
		var err error
		if q.Source, err = s.expand(ctx, c, q.Source); err != nil {
			return err
		}
		if q.Target, err = s.expand(ctx, c, q.Target); err != nil {
			return err
		}
		return s.dyadCounts(ctx, c, q, by, per)
	})
	if err != nil {
		return nil, err
	}
	return store.CountsByPeriod(per), nil
}

// dyadCounts adds the counts of a dyad series (codes expanded) to per.
func (s *Store) dyadCounts(ctx context.Context, c *pgxpool.Conn, q store.CountQuery, by string, per map[time.Time]*store.PeriodCount) error {
	col, tbl, cnt := "month", "dyad_month", monthCounts
	lo, hi := q.From, q.To
	if by == "month" {
		if !lo.IsZero() {
			lo = monthOf(lo)
		}
		if !hi.IsZero() {
			hi = monthOf(hi)
		}
	} else {
		col, tbl, cnt = "day", "events", strings.ReplaceAll(dayCounts, "RQ", rollupQuadSQL)
	}
	// One query per direction; the reverse one skips what the direct one
	// counted (an event between two codes of both sets).
	dirs := [][2][]string{{q.Source, q.Target}}
	if !q.Directed && (len(q.Source) > 0 || len(q.Target) > 0) {
		dirs = append(dirs, [2][]string{q.Target, q.Source})
	}
	for k, d := range dirs {
		var w where
		w.add(dyadCond(&w, d[0], d[1]))
		if k == 1 {
			w.add("NOT (" + dyadCond(&w, q.Source, q.Target) + ")")
		}
		if !lo.IsZero() {
			w.add(col + " >= " + w.arg(dayOf(lo)))
		}
		if !hi.IsZero() {
			w.add(col + " <= " + w.arg(dayOf(hi)))
		}
		rows, err := c.Query(ctx, "SELECT "+col+", "+cnt+" FROM "+tbl+w.sql()+" GROUP BY "+col, w.args...)
		if err != nil {
			return fmt.Errorf("postgres: dyad counts: %w", err)
		}
		for rows.Next() {
			var p time.Time
			var ev, mn [5]int64
			var g float64
			if err := rows.Scan(&p, &ev[0], &ev[1], &ev[2], &ev[3], &ev[4], &mn[0], &mn[1], &mn[2], &mn[3], &mn[4], &g); err != nil {
				rows.Close()
				return fmt.Errorf("postgres: dyad counts: %w", err)
			}
			start := store.PeriodStart(p, by)
			pc := per[start]
			if pc == nil {
				pc = &store.PeriodCount{Period: start}
				per[start] = pc
			}
			pc.Add(ev, mn, g)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("postgres: dyad counts: %w", err)
		}
	}
	return nil
}

// ActorTotals returns per-period counts of the analysable events involving
// q.Actor.
// Monthly totals read the actor_month rollup (and subtract the events with
// the set on both sides, from dyad_month); daily and weekly ones read the
// events.
func (s *Store) ActorTotals(ctx context.Context, q store.TotalsQuery) ([]store.PeriodTotal, error) {
	by, err := store.ValidPeriod(q.By)
	if err != nil {
		return nil, err
	}
	var out []store.PeriodTotal
	err = s.with(ctx, func(c *pgxpool.Conn) error {
		var err error
		out, err = s.actorTotals(ctx, c, q, by)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// actorTotals is ActorTotals on a connection, with a valid period.
func (s *Store) actorTotals(ctx context.Context, c *pgxpool.Conn, q store.TotalsQuery, by string) ([]store.PeriodTotal, error) {
	per := map[time.Time]*store.PeriodTotal{}
	get := func(t time.Time) *store.PeriodTotal {
		pt := per[t]
		if pt == nil {
			pt = &store.PeriodTotal{Period: t}
			per[t] = pt
		}
		return pt
	}
	var err error
	if q.Actor, err = s.expand(ctx, c, q.Actor); err != nil {
		return nil, err
	}
	var w where
	var query string
	if by == "month" {
		if cond, ok := codeCond(&w, "actor", q.Actor); ok {
			w.add(cond)
		}
		if !q.From.IsZero() {
			w.add("month >= " + w.arg(monthOf(q.From)))
		}
		if !q.To.IsZero() {
			w.add("month <= " + w.arg(monthOf(q.To)))
		}
		query = "SELECT month, sum(as_source)::bigint, sum(as_target)::bigint, sum(as_source + as_target)::bigint FROM actor_month" +
			w.sql() + " GROUP BY month"
	} else {
		sel := "count(*), count(*)"
		if sc, ok := codeCond(&w, "source", q.Actor); ok {
			tc, _ := codeCond(&w, "target", q.Actor)
			sel = "count(*) FILTER (WHERE " + sc + "), count(*) FILTER (WHERE " + tc + ")"
			w.add("(" + sc + " OR " + tc + ")")
		}
		w.add(analysableSQL)
		if !q.From.IsZero() {
			w.add("day >= " + w.arg(dayOf(q.From)))
		}
		if !q.To.IsZero() {
			w.add("day <= " + w.arg(dayOf(q.To)))
		}
		query = "SELECT day, " + sel + ", count(*) FROM events" + w.sql() + " GROUP BY day"
	}
	rows, err := c.Query(ctx, query, w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: actor totals: %w", err)
	}
	for rows.Next() {
		var p time.Time
		var a, b, n int64
		if err := rows.Scan(&p, &a, &b, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres: actor totals: %w", err)
		}
		get(store.PeriodStart(p, by)).Add(a, b, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: actor totals: %w", err)
	}
	if by == "month" {
		// Events with the set on both sides were counted twice.
		both := map[time.Time]*store.PeriodCount{}
		if err := s.dyadCounts(ctx, c, store.CountQuery{Source: q.Actor, Target: q.Actor, Directed: true, From: q.From, To: q.To}, by, both); err != nil {
			return nil, err
		}
		for p, b := range both {
			get(p).Total -= b.Events[1] + b.Events[2] + b.Events[3] + b.Events[4]
		}
	}
	return store.TotalsByPeriod(per), nil
}
