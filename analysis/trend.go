package analysis

import (
	"context"
	"fmt"
	"math"
)

// TrendOptions configures Trend.
type TrendOptions struct {
	RelationsOptions
	// MinEvents is the number of events a period needs to enter the
	// series (default 5).
	MinEvents int
	// Alpha is the significance level of the verdict (default 0.05).
	Alpha float64
	// MinSegment is the shortest segment between change points, in used
	// periods (default 2).
	MinSegment int
}

// SeriesPoint is one period of the series a trend is computed on.
type SeriesPoint struct {
	Period string  `json:"period"`
	Index  int     `json:"index"` // periods since the first period of the range
	Net    float64 `json:"net"`
	Events int     `json:"events"`
}

// ChangePoint is a shift in the mean of net cooperation found by PELT.
type ChangePoint struct {
	Period string `json:"period"` // first period of the new segment
	Date   string `json:"date"`   // its first day, YYYY-MM-DD
	// Before and After are the pooled net cooperation of the events in the
	// segments before and after; Shift = After − Before.
	Before       float64  `json:"before"`
	After        float64  `json:"after"`
	Shift        float64  `json:"shift"`
	EventsBefore int      `json:"events_before"`
	EventsAfter  int      `json:"events_after"`
	Evidence     []string `json:"evidence"` // events of the first period after the change
}

// TrendResult is the trend of a dyad's net cooperation.
type TrendResult struct {
	A       Spec          `json:"a"`
	B       Spec          `json:"b"`
	By      Period        `json:"by"`
	Series  []SeriesPoint `json:"series"`
	Periods int           `json:"periods"` // periods used (≥ min_events)
	Events  int           `json:"events"`  // events in the periods used
	// MinEvents is the threshold a period needed.
	MinEvents int `json:"min_events"`
	// Slope is the Theil–Sen slope of net cooperation per period, and
	// SlopePerYear the same per 365.25 days.
	Slope        float64 `json:"slope"`
	SlopePerYear float64 `json:"slope_per_year"`
	// SlopeLo and SlopeHi are Sen's 95% interval for Slope.
	SlopeLo     float64     `json:"slope_lo"`
	SlopeHi     float64     `json:"slope_hi"`
	Intercept   float64     `json:"intercept"`
	MannKendall MannKendall `json:"mann_kendall"`
	// Sigma is the noise level used by PELT: the larger of a robust
	// estimate from first differences and the binomial sampling noise;
	// Penalty its per-change-point penalty (MBIC-style 3·ln n).
	Sigma        float64       `json:"sigma"`
	Penalty      float64       `json:"penalty"`
	ChangePoints []ChangePoint `json:"change_points"`
	// Direction is "closer", "apart" or "none"; Verdict says it in words
	// with its numbers.
	Direction string   `json:"direction"`
	Verdict   string   `json:"verdict"`
	Evidence  []string `json:"evidence"`
}

// Trend tests whether the relation between A and B is changing: the
// Theil–Sen slope and the Mann–Kendall test of the net-cooperation series
// (periods with at least MinEvents events), and change points in its mean by
// PELT. Fewer than 4 usable periods give a NotEnoughDataError.
func Trend(ctx context.Context, src Source, a, b Spec, opts TrendOptions) (*TrendResult, error) {
	if opts.MinEvents <= 0 {
		opts.MinEvents = 5
	}
	if opts.Alpha <= 0 || opts.Alpha >= 1 {
		opts.Alpha = 0.05
	}
	if opts.MinSegment <= 0 {
		opts.MinSegment = 2
	}
	rel, err := Relations(ctx, src, a, b, opts.RelationsOptions)
	if err != nil {
		return nil, err // already says "analysis: relations A–B: …"
	}
	return trendFrom(rel, opts)
}

func trendFrom(rel *RelationsResult, opts TrendOptions) (*TrendResult, error) {
	res := &TrendResult{A: rel.A, B: rel.B, By: rel.By, MinEvents: opts.MinEvents,
		Series: []SeriesPoint{}, ChangePoints: []ChangePoint{}, Evidence: rel.Overall.Evidence}
	var used []int // indices into rel.Periods
	for i, p := range rel.Periods {
		if p.Total >= opts.MinEvents && p.Net != nil {
			used = append(used, i)
			res.Series = append(res.Series, SeriesPoint{Period: p.Period, Index: i, Net: p.Net.Net, Events: p.Total})
			res.Events += p.Total
		}
	}
	n := len(used)
	res.Periods = n
	const minPeriods = 4
	if n < minPeriods {
		return nil, notEnough(fmt.Sprintf("trend %s–%s: periods with ≥ %d events", rel.A.Label(), rel.B.Label(), opts.MinEvents), "periods", n, minPeriods)
	}
	x := make([]float64, n)
	y := make([]float64, n)
	for i, s := range res.Series {
		x[i], y[i] = float64(s.Index), s.Net
	}
	res.Slope, res.Intercept = TheilSen(x, y)
	res.SlopePerYear = res.Slope * periodsPerYear(rel.By)
	res.MannKendall = MannKendallTest(y)
	res.SlopeLo, res.SlopeHi = SenInterval(x, y, res.MannKendall.Var, z975)

	// The noise is at least the binomial sampling noise of net cooperation,
	// Var(2p̂ − 1) = (1 − net²)/n per period; overdispersed series get the
	// larger robust estimate.
	var ysum float64
	for _, v := range y {
		ysum += v
	}
	ybar := ysum / float64(n)
	var binVar float64
	for _, s := range res.Series {
		binVar += (1 - ybar*ybar) / float64(s.Events)
	}
	res.Sigma = math.Max(robustSigma(y), math.Sqrt(binVar/float64(n)))
	res.Penalty = 3 * math.Log(float64(n))
	cps := pelt(y, res.Sigma, res.Penalty, opts.MinSegment)
	bounds := append(append([]int{0}, cps...), n)
	segNet := func(lo, hi int) (float64, int) { // pooled over used periods [lo, hi)
		coop, tot := 0, 0
		for _, k := range used[lo:hi] {
			p := rel.Periods[k]
			coop += p.Quad.Coop()
			tot += p.Total
		}
		if tot == 0 {
			return 0, 0
		}
		return float64(2*coop-tot) / float64(tot), tot
	}
	for i, c := range cps {
		bn, be := segNet(bounds[i], c)
		an, ae := segNet(c, bounds[i+2])
		p := rel.Periods[used[c]]
		res.ChangePoints = append(res.ChangePoints, ChangePoint{Period: p.Period, Date: p.Start,
			Before: bn, After: an, Shift: an - bn, EventsBefore: be, EventsAfter: ae, Evidence: p.Evidence})
	}
	res.Direction, res.Verdict = verdict(res, rel, opts.Alpha)
	return res, nil
}

func periodsPerYear(p Period) float64 {
	switch p {
	case Day:
		return 365.25
	case Week:
		return 365.25 / 7
	}
	return 12
}

func verdict(r *TrendResult, rel *RelationsResult, alpha float64) (string, string) {
	mk := r.MannKendall
	stats := fmt.Sprintf("p %s, n = %d events", fmtP(mk.P), r.Events)
	if mk.P < alpha && mk.S != 0 {
		dir, words := "closer", "drawing closer"
		if mk.S < 0 {
			dir, words = "apart", "drifting apart"
		}
		// The largest change point shifting the same way dates the move.
		var best *ChangePoint
		for i := range r.ChangePoints {
			c := &r.ChangePoints[i]
			if (c.Shift > 0) == (mk.S > 0) && (best == nil || math.Abs(c.Shift) > math.Abs(best.Shift)) {
				best = c
			}
		}
		if best != nil {
			return dir, fmt.Sprintf("%s since %s (net cooperation %s → %s, %s)", words, best.Period,
				fmtSigned(best.Before), fmtSigned(best.After), stats)
		}
		first, last := r.Series[0], r.Series[len(r.Series)-1]
		at := func(i int) float64 { return clamp(r.Intercept+r.Slope*float64(i), -1, 1) }
		return dir, fmt.Sprintf("%s (net cooperation %s → %s from %s to %s, %s)", words,
			fmtSigned(at(first.Index)), fmtSigned(at(last.Index)), first.Period, last.Period, stats)
	}
	if len(r.ChangePoints) > 0 {
		c := r.ChangePoints[0]
		for _, d := range r.ChangePoints[1:] {
			if math.Abs(d.Shift) > math.Abs(c.Shift) {
				c = d
			}
		}
		return "none", fmt.Sprintf("no significant trend (%s), but a shift in %s (net cooperation %s → %s)",
			stats, c.Period, fmtSigned(c.Before), fmtSigned(c.After))
	}
	return "none", fmt.Sprintf("no significant change (%s)", stats)
}

func fmtSigned(v float64) string {
	if math.Abs(v) < 0.005 {
		v = 0
	}
	return fmt.Sprintf("%+.2f", v)
}

func fmtP(p float64) string {
	switch {
	case p < 0.001:
		return "< 0.001"
	case p < 0.01:
		return fmt.Sprintf("= %.3f", p)
	}
	return fmt.Sprintf("= %.2f", p)
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }
