package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
)

// dyadPart is one direction of a dyad condition with its arguments.
type dyadPart struct {
	cond string
	args []any
}

// dyadParts returns the conditions selecting the events from a to b and,
// undirected, from b to a that are not also from a to b: one index range
// scan each, where an OR would make SQLite deduplicate rows. Events whose
// source equals their target are left out, as the analyses leave them.
func dyadParts(a, b []string, directed bool) []dyadPart {
	side := func(src, tgt []string) dyadPart {
		sc, sa, sok := codeCond("source", src)
		tc, ta, tok := codeCond("target", tgt)
		switch {
		case sok && tok:
			return dyadPart{sc + " AND " + tc, append(append([]any{}, sa...), ta...)}
		case sok:
			return dyadPart{sc, sa}
		case tok:
			return dyadPart{tc, ta}
		}
		return dyadPart{"1", nil}
	}
	dir := side(a, b)
	dir.cond = "(" + dir.cond + ") AND source <> target"
	parts := []dyadPart{dir}
	if !directed {
		rev := side(b, a)
		parts = append(parts, dyadPart{"(" + rev.cond + ") AND source <> target AND NOT (" + dir.cond + ")",
			append(append([]any{}, rev.args...), dir.args...)})
	}
	return parts
}

// DyadPeriods implements analysis.CountSource for monthly series whose
// bounds fall on month starts: counts come from the dyad_month and
// actor_month rollups, which count analysable events only (migration
// 0005), and the evidence from short reads of the (source, target, day)
// index. Other queries get analysis.ErrNoCounts.
func (s *Store) DyadPeriods(ctx context.Context, q analysis.DyadQuery) ([]analysis.DyadPeriod, error) {
	if q.By != analysis.Month || !store.IsMonthStart(q.From) || !store.IsMonthStart(q.To) {
		return nil, analysis.ErrNoCounts
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return nil, nil
	}
	a, err := s.expand(ctx, q.A)
	if err != nil {
		return nil, err
	}
	b, err := s.expand(ctx, q.B)
	if err != nil {
		return nil, err
	}
	per := map[int64]*analysis.DyadPeriod{}
	lastDay := map[int64]int64{} // month → last day of a counted event
	get := func(month int64) *analysis.DyadPeriod {
		p := per[month]
		if p == nil {
			p = &analysis.DyadPeriod{Start: periodOf("month", month, "month")}
			per[month] = p
		}
		return p
	}
	parts := dyadParts(a, b, q.Directed)
	for _, pt := range parts {
		var w where
		w.add(pt.cond, pt.args...)
		if !q.From.IsZero() {
			w.add("month >= ?", monthNum(q.From))
		}
		if !q.To.IsZero() {
			w.add("month < ?", monthNum(q.To))
		}
		rows, err := s.db.QueryContext(ctx, "SELECT month, sum(e1), sum(e2), sum(e3), sum(e4), sum(goldstein), max(last_day) FROM dyad_month"+w.sql()+" GROUP BY month", w.args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: dyad periods: %w", err)
		}
		for rows.Next() {
			var m, e1, e2, e3, e4 int64
			var g float64
			var last sql.NullInt64
			if err := rows.Scan(&m, &e1, &e2, &e3, &e4, &g, &last); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: dyad periods: %w", err)
			}
			p := get(m)
			p.Quad.VerbalCoop += int(e1)
			p.Quad.MaterialCoop += int(e2)
			p.Quad.VerbalConflict += int(e3)
			p.Quad.MaterialConflict += int(e4)
			p.GoldsteinSum += g
			if d, ok := lastDay[m]; last.Valid && (!ok || last.Int64 > d) {
				lastDay[m] = last.Int64
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: dyad periods: %w", err)
		}
	}
	tq := store.TotalsQuery{From: q.From, By: "month"}
	if !q.To.IsZero() {
		tq.To = q.To.AddDate(0, 0, -1) // ActorTotals takes an inclusive end
	}
	for side, codes := range [2][]string{a, b} {
		tq.Actor = codes
		tot, err := s.ActorTotals(ctx, tq)
		if err != nil {
			return nil, err
		}
		for _, t := range tot {
			p := get(monthNum(t.Period))
			if side == 0 {
				p.ActivityA += t.Total
			} else {
				p.ActivityB += t.Total
			}
		}
	}
	if q.Evidence > 0 {
		// One prepared statement per direction, run once per window: the
		// statements carry long IN lists, costly to prepare every time.
		stmts := make([]*sql.Stmt, len(parts))
		for i, pt := range parts {
			st, err := s.db.PrepareContext(ctx, "SELECT id, day, num_mentions FROM events WHERE "+pt.cond+
				" AND "+analysableSQL+" AND day BETWEEN ? AND ?")
			if err != nil {
				return nil, fmt.Errorf("sqlite: dyad evidence: %w", err)
			}
			defer st.Close()
			stmts[i] = st
		}
		for m, p := range per {
			if p.Quad.Total() == 0 {
				continue
			}
			last, ok := lastDay[m]
			if !ok {
				return nil, fmt.Errorf("sqlite: dyad periods: month %d has events but no last day in the rollup", m)
			}
			if p.Evidence, err = recentDyadEvents(ctx, stmts, parts, m, last, p.Quad.Total(), q.Evidence); err != nil {
				return nil, err
			}
		}
	}
	out := make([]analysis.DyadPeriod, 0, len(per))
	for _, p := range per {
		out = append(out, *p)
	}
	return out, nil
}

// evidenceReadAll: a month with at most evidenceReadAll·n + 16 dyad events
// is read whole for its n evidence ids (a variable so that tests can force
// the backward walk).
var evidenceReadAll = 4

// recentDyadEvents returns the analysable dyad events of a month dated on
// or after the day of the n-th most recent one (all of them when the month
// holds few). It reads whole days backwards from last, the month's last
// day with a counted event, in growing windows, so that ties on the last
// day read are all present.
func recentDyadEvents(ctx context.Context, stmts []*sql.Stmt, parts []dyadPart, month, last int64, count, n int) ([]analysis.Obs, error) {
	first := periodOf("month", month, "month")
	lo, hi := dayNum(first), min(last, dayNum(first.AddDate(0, 1, -1)))
	var out []analysis.Obs
	read := func(from, to int64) error {
		for i, pt := range parts {
			rows, err := stmts[i].QueryContext(ctx, append(append(make([]any, 0, len(pt.args)+2), pt.args...), from, to)...)
			if err != nil {
				return fmt.Errorf("sqlite: dyad evidence: %w", err)
			}
			for rows.Next() {
				var id, day, nm int64
				if err := rows.Scan(&id, &day, &nm); err != nil {
					rows.Close()
					return fmt.Errorf("sqlite: dyad evidence: %w", err)
				}
				out = append(out, analysis.Obs{ID: store.FormatEventID(id), Date: time.Unix(day*dayUnix, 0).UTC(), Weight: float64(nm)})
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("sqlite: dyad evidence: %w", err)
			}
		}
		return nil
	}
	// A month with few events is read at once.
	if count <= evidenceReadAll*n+16 {
		return out, read(lo, hi)
	}
	for width, to := int64(1), hi; to >= lo && len(out) < n; width *= 2 {
		from := max(lo, to-width+1)
		if err := read(from, to); err != nil {
			return nil, err
		}
		to = from - 1
	}
	return out, nil
}
