package server

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
)

// seriesSource answers analysis.Relations for the dyad series endpoint,
// without evidence (the dashboard lists a period's evidence through
// /api/events): from src's own counts when src is an analysis.CountSource
// that can answer (SQLite's monthly rollups), else from the store's dyad
// counts and actor totals (store.Store.DyadCounts and ActorTotals: rollups
// for months, a covering index for days and weeks). Those count an event
// of an actor with itself, which a series leaves out, so actor sets that
// overlap ("CHN*" and "CHNGOV") are left to src's observations
// (analysis.ErrNoCounts), as is anything else it cannot answer.
type seriesSource struct {
	st  store.Store
	src analysis.Source
}

// NewSeriesSource returns the analysis source the dyad series endpoint
// reads: st's per-period counts where they can answer a query without
// evidence, and its observations (NewSource) otherwise. "dyad relations"
// reads it too.
func NewSeriesSource(st store.Store) analysis.Source {
	return seriesSource{st: st, src: NewSource(st)}
}

// Observations implements analysis.Source.
func (c seriesSource) Observations(ctx context.Context, sel analysis.Selection) ([]analysis.Obs, error) {
	return c.src.Observations(ctx, sel)
}

// DyadPeriods implements analysis.CountSource. Monthly counts come from
// whole months, so bounds inside a month, and evidence, are left to the
// observations.
func (c seriesSource) DyadPeriods(ctx context.Context, q analysis.DyadQuery) ([]analysis.DyadPeriod, error) {
	by := string(q.By)
	if q.Evidence > 0 {
		return nil, analysis.ErrNoCounts
	}
	if cs, ok := c.src.(analysis.CountSource); ok {
		ps, err := cs.DyadPeriods(ctx, q)
		if !errors.Is(err, analysis.ErrNoCounts) {
			return ps, err
		}
	}
	if overlap(q.A, q.B) {
		return nil, analysis.ErrNoCounts
	}
	if q.By == analysis.Month && (!onMonth(q.From) || !onMonth(q.To)) {
		return nil, analysis.ErrNoCounts
	}
	var to time.Time // CountQuery.To is the last day included
	if !q.To.IsZero() {
		to = q.To.AddDate(0, 0, -1)
	}
	counts, err := c.st.DyadCounts(ctx, store.CountQuery{Source: q.A, Target: q.B, Directed: q.Directed, From: q.From, To: to, By: by})
	if err != nil {
		return nil, err
	}
	ta, err := c.st.ActorTotals(ctx, store.TotalsQuery{Actor: q.A, From: q.From, To: to, By: by})
	if err != nil {
		return nil, err
	}
	tb, err := c.st.ActorTotals(ctx, store.TotalsQuery{Actor: q.B, From: q.From, To: to, By: by})
	if err != nil {
		return nil, err
	}
	var out []analysis.DyadPeriod
	at := map[time.Time]int{}
	period := func(t time.Time) *analysis.DyadPeriod {
		s := store.PeriodStart(t, by)
		i, ok := at[s]
		if !ok {
			i = len(out)
			at[s] = i
			out = append(out, analysis.DyadPeriod{Start: s})
		}
		return &out[i]
	}
	for _, pc := range counts {
		p := period(pc.Period)
		p.Quad.Add(analysis.QuadCounts{VerbalCoop: pc.Events[1], MaterialCoop: pc.Events[2], VerbalConflict: pc.Events[3], MaterialConflict: pc.Events[4]})
		p.GoldsteinSum += pc.Goldstein
	}
	for _, t := range ta {
		period(t.Period).ActivityA += t.Total
	}
	for _, t := range tb {
		period(t.Period).ActivityB += t.Total
	}
	return out, nil
}

// onMonth reports whether t is zero or the first instant of a month.
func onMonth(t time.Time) bool {
	return t.IsZero() || t.Equal(time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location()))
}

// overlap reports whether some actor code may match a pattern of a and
// one of b (patterns are codes, or prefixes ending in '*').
func overlap(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			sx, px := strings.CutSuffix(x, "*")
			sy, py := strings.CutSuffix(y, "*")
			if sx == sy && px == py || px && strings.HasPrefix(sy, sx) || py && strings.HasPrefix(sx, sy) {
				return true
			}
		}
	}
	return false
}
