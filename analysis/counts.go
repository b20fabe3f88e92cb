package analysis

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrNoCounts is returned by a CountSource that keeps no pre-aggregated
// counts for a query (for example daily periods, or a range that does not
// start on a period boundary). Relations then reads observations.
var ErrNoCounts = errors.New("analysis: no pre-aggregated counts for this query")

// CountSource is implemented by sources that keep pre-aggregated counts,
// such as a store's monthly rollups. Relations asks it for a dyad's
// per-period counts instead of reading every event of both actor sets;
// the result is the same as from Observations (a test in store/sqlite
// compares both on random event sets).
type CountSource interface {
	DyadPeriods(ctx context.Context, q DyadQuery) ([]DyadPeriod, error)
}

// DyadQuery asks a CountSource for a dyad series.
type DyadQuery struct {
	// A and B are actor patterns in Spec.Patterns form ("CHNGOV", "CHN*").
	A, B []string
	// Directed counts only events from A to B.
	Directed bool
	// By is the period length.
	By Period
	// From and To bound the event dates to [From, To); a zero bound is
	// open.
	From, To time.Time
	// Evidence is the number of evidence ids wanted per period (0: none).
	Evidence int
}

// DyadPeriod is what a CountSource knows about one period of a dyad.
//
// The counted events are the analysable ones (quad class 1–4, not
// negated) whose source differs from their target, with the source in A
// and the target in B or, undirected, the other way round. Quad and
// GoldsteinSum summarise them. ActivityA counts the analysable events of
// the period with A as source or target (once each), ActivityB likewise.
// Evidence holds candidate events (ID, Date and Weight set): at least
// every counted event dated on or after the day of the period's
// DyadQuery.Evidence-th most recent one, so that ties on that day are
// all present. A period with neither counted events nor activity may be
// left out.
type DyadPeriod struct {
	Start        time.Time
	Quad         QuadCounts
	GoldsteinSum float64
	ActivityA    int
	ActivityB    int
	Evidence     []Obs
}

// relationsFromCounts is Relations over a CountSource. It returns
// ErrNoCounts (wrapped or not) when the source cannot answer.
func relationsFromCounts(ctx context.Context, cs CountSource, a, b Spec, opts RelationsOptions) (*RelationsResult, error) {
	nev := evidenceN(opts.Evidence)
	ps, err := cs.DyadPeriods(ctx, DyadQuery{A: a.Patterns(), B: b.Patterns(), Directed: opts.Directed,
		By: opts.By, From: opts.From, To: opts.To, Evidence: nev})
	if err != nil {
		return nil, err
	}
	byStart := make(map[time.Time]*periodAcc, len(ps))
	var first, last time.Time
	n := 0
	for i := range ps {
		p := &ps[i]
		s := opts.By.start(p.Start)
		if !s.Equal(p.Start.UTC()) {
			return nil, fmt.Errorf("analysis: count source gave period start %s, not a %s boundary", p.Start.Format(time.DateOnly), opts.By)
		}
		acc := byStart[s]
		if acc == nil {
			acc = &periodAcc{ev: newEvBuf(nev)}
			byStart[s] = acc
		}
		acc.q.Add(p.Quad)
		acc.gsum += p.GoldsteinSum
		acc.actA += p.ActivityA
		acc.actB += p.ActivityB
		for j := range p.Evidence {
			acc.ev.add(&p.Evidence[j])
		}
		if t := p.Quad.Total(); t > 0 {
			acc.nonEmpty = true
			n += t
			if first.IsZero() || s.Before(first) {
				first = s
			}
			if s.After(last) {
				last = s
			}
		}
	}
	return assembleRelations(byStart, first, last, n, a, b, opts)
}
