package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
)

var _ analysis.CountSource = (*Store)(nil)

// dyadParts returns, for a query of its own each, the conditions
// selecting the events from a to b and, undirected, from b to a that are
// not also from a to b; events whose source equals their target are left
// out, as the analyses leave them. Each where holds its arguments.
func dyadParts(a, b []string, directed bool) []*where {
	dir := &where{}
	dir.add("(" + dyadCond(dir, a, b) + ") AND source <> target")
	parts := []*where{dir}
	if !directed {
		rev := &where{}
		cond := dyadCond(rev, b, a)
		rev.add("(" + cond + ") AND source <> target AND NOT (" + dyadCond(rev, a, b) + ")")
		parts = append(parts, rev)
	}
	return parts
}

// DyadPeriods implements analysis.CountSource for monthly series whose
// bounds fall on month starts, as store/sqlite does: counts come from the
// dyad_month and actor_month rollups, which count analysable events only,
// and the evidence from short reads of the events backwards from each
// month's last counted day (dyadEvidence). Other queries get
// analysis.ErrNoCounts.
func (s *Store) DyadPeriods(ctx context.Context, q analysis.DyadQuery) ([]analysis.DyadPeriod, error) {
	if q.By != analysis.Month || !store.IsMonthStart(q.From) || !store.IsMonthStart(q.To) {
		return nil, analysis.ErrNoCounts
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return nil, nil
	}
	per := map[time.Time]*analysis.DyadPeriod{}
	lastDay := map[time.Time]time.Time{} // month → last day of a counted event
	get := func(month time.Time) *analysis.DyadPeriod {
		p := per[month]
		if p == nil {
			p = &analysis.DyadPeriod{Start: month}
			per[month] = p
		}
		return p
	}
	err := s.with(ctx, func(c *pgxpool.Conn) error {
		a, err := s.expand(ctx, c, q.A)
		if err != nil {
			return err
		}
		b, err := s.expand(ctx, c, q.B)
		if err != nil {
			return err
		}
		for _, w := range dyadParts(a, b, q.Directed) {
			if !q.From.IsZero() {
				w.add("month >= " + w.arg(monthOf(q.From)))
			}
			if !q.To.IsZero() {
				w.add("month < " + w.arg(monthOf(q.To)))
			}
			rows, err := c.Query(ctx, `SELECT month, sum(e1)::bigint, sum(e2)::bigint, sum(e3)::bigint, sum(e4)::bigint, sum(goldstein), max(last_day)
				FROM dyad_month`+w.sql()+` GROUP BY month`, w.args...)
			if err != nil {
				return fmt.Errorf("postgres: dyad periods: %w", err)
			}
			for rows.Next() {
				var m time.Time
				var e1, e2, e3, e4 int64
				var g float64
				var last *time.Time
				if err := rows.Scan(&m, &e1, &e2, &e3, &e4, &g, &last); err != nil {
					rows.Close()
					return fmt.Errorf("postgres: dyad periods: %w", err)
				}
				p := get(m)
				p.Quad.VerbalCoop += int(e1)
				p.Quad.MaterialCoop += int(e2)
				p.Quad.VerbalConflict += int(e3)
				p.Quad.MaterialConflict += int(e4)
				p.GoldsteinSum += g
				if d, ok := lastDay[m]; last != nil && (!ok || last.After(d)) {
					lastDay[m] = *last
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("postgres: dyad periods: %w", err)
			}
		}
		tq := store.TotalsQuery{From: q.From, By: "month"}
		if !q.To.IsZero() {
			tq.To = q.To.AddDate(0, 0, -1) // ActorTotals takes an inclusive end
		}
		for side, codes := range [2][]string{a, b} {
			tq.Actor = codes
			tot, err := s.actorTotals(ctx, c, tq, "month")
			if err != nil {
				return err
			}
			for _, t := range tot {
				p := get(t.Period)
				if side == 0 {
					p.ActivityA += t.Total
				} else {
					p.ActivityB += t.Total
				}
			}
		}
		if q.Evidence <= 0 {
			return nil
		}
		var months, lasts []time.Time
		for m, p := range per {
			if p.Quad.Total() == 0 {
				continue
			}
			last, ok := lastDay[m]
			if !ok {
				return fmt.Errorf("postgres: dyad periods: month %s has events but no last day in the rollup", m.Format("2006-01"))
			}
			months, lasts = append(months, m), append(lasts, last)
		}
		return dyadEvidence(ctx, c, a, b, q.Directed, months, lasts, q.Evidence, per)
	})
	if err != nil {
		return nil, err
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

// dyadEvidence sets the evidence candidates of the given months of per:
// the analysable dyad events of each month dated on or after the day of
// its n-th most recent one (ties on that day included), as store/sqlite
// finds them: a month with few events is read whole, others by whole days
// backwards from the month's last counted day, in windows doubling in
// length until n events are found. Every month's next window is read in
// one round trip (a pgx batch), with the days as constants so that each
// read is planned for its partition.
func dyadEvidence(ctx context.Context, c *pgxpool.Conn, a, b []string, directed bool, months, lasts []time.Time, n int, per map[time.Time]*analysis.DyadPeriod) error {
	var w where
	cond := "(" + dyadCond(&w, a, b) + ")"
	if !directed {
		cond = "(" + cond + " OR (" + dyadCond(&w, b, a) + "))"
	}
	lo, hi := w.arg(time.Time{}), w.arg(time.Time{})
	q := "SELECT id, day, num_mentions FROM events WHERE " + cond + " AND source <> target AND " + analysableSQL +
		" AND day BETWEEN " + lo + " AND " + hi
	type walk struct {
		p      *analysis.DyadPeriod
		lo, to time.Time // the month's first day; the next window's last
		width  int       // days in the next window
		from   time.Time // the current window's first day
	}
	var todo []*walk
	for i, m := range months {
		p := per[m]
		end := m.AddDate(0, 1, -1)
		if lasts[i].Before(end) {
			end = lasts[i]
		}
		wk := &walk{p: p, lo: m, to: end, width: 1}
		if p.Quad.Total() <= evidenceReadAll*n+16 {
			wk.width = 1 << 30 // the whole month at once
		}
		todo = append(todo, wk)
	}
	args := append([]any(nil), w.args...)
	for len(todo) > 0 {
		batch := &pgx.Batch{}
		for _, wk := range todo {
			wk.from = wk.lo
			if d := wk.to.AddDate(0, 0, 1-min(wk.width, 62)); d.After(wk.lo) {
				wk.from = d
			}
			args[len(args)-2], args[len(args)-1] = wk.from, wk.to
			batch.Queue(q, append([]any(nil), args...)...)
		}
		br := c.SendBatch(ctx, batch)
		for _, wk := range todo {
			rows, err := br.Query()
			if err != nil {
				br.Close()
				return fmt.Errorf("postgres: dyad evidence: %w", err)
			}
			for rows.Next() {
				var id, nm int64
				var day time.Time
				if err := rows.Scan(&id, &day, &nm); err != nil {
					rows.Close()
					br.Close()
					return fmt.Errorf("postgres: dyad evidence: %w", err)
				}
				wk.p.Evidence = append(wk.p.Evidence, analysis.Obs{ID: store.FormatEventID(id), Date: day, Weight: float64(nm)})
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				br.Close()
				return fmt.Errorf("postgres: dyad evidence: %w", err)
			}
		}
		if err := br.Close(); err != nil {
			return fmt.Errorf("postgres: dyad evidence: %w", err)
		}
		next := todo[:0]
		for _, wk := range todo {
			wk.to = wk.from.AddDate(0, 0, -1)
			wk.width *= 2
			if len(wk.p.Evidence) < n && !wk.to.Before(wk.lo) {
				next = append(next, wk)
			}
		}
		todo = next
	}
	return nil
}
