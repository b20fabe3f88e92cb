package analysis

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/dyad-events/dyad"
)

// DefaultEvidence is the number of event ids given per number when an
// options struct leaves Evidence at zero. A negative Evidence gives none.
const DefaultEvidence = 10

func evidenceN(n int) int {
	switch {
	case n == 0:
		return DefaultEvidence
	case n < 0:
		return 0
	}
	return n
}

// evBuf keeps the n best event ids: the most recent (ties: heavier, then
// smaller id) or, with byWeight, the heaviest (ties: most recent).
type evBuf struct {
	n        int
	byWeight bool
	items    []evItem
}

type evItem struct {
	date time.Time
	w    float64
	id   string
}

func newEvBuf(n int) evBuf { return evBuf{n: n} }

func (b *evBuf) better(x, y evItem) bool {
	if b.byWeight && x.w != y.w {
		return x.w > y.w
	}
	if !x.date.Equal(y.date) {
		return x.date.After(y.date)
	}
	if x.w != y.w {
		return x.w > y.w
	}
	return x.id < y.id
}

func (b *evBuf) add(o *Obs) {
	if b.n <= 0 {
		return
	}
	w := o.Weight
	if w <= 0 {
		w = 1
	}
	b.items = append(b.items, evItem{o.Date, w, o.ID})
	if len(b.items) >= 4*b.n+16 {
		b.trim()
	}
}

func (b *evBuf) trim() {
	sort.Slice(b.items, func(i, j int) bool { return b.better(b.items[i], b.items[j]) })
	if len(b.items) > b.n {
		b.items = b.items[:b.n]
	}
}

func (b *evBuf) ids() []string {
	b.trim()
	out := make([]string, 0, len(b.items))
	for _, it := range b.items {
		out = append(out, it.id)
	}
	return out
}

// QuadCounts counts events per quad class.
type QuadCounts struct {
	VerbalCoop       int `json:"verbal_coop"`       // quad 1
	MaterialCoop     int `json:"material_coop"`     // quad 2
	VerbalConflict   int `json:"verbal_conflict"`   // quad 3
	MaterialConflict int `json:"material_conflict"` // quad 4
}

func (q *QuadCounts) add(quad int) {
	switch quad {
	case 1:
		q.VerbalCoop++
	case 2:
		q.MaterialCoop++
	case 3:
		q.VerbalConflict++
	case 4:
		q.MaterialConflict++
	}
}

// Add adds the counts of o.
func (q *QuadCounts) Add(o QuadCounts) {
	q.VerbalCoop += o.VerbalCoop
	q.MaterialCoop += o.MaterialCoop
	q.VerbalConflict += o.VerbalConflict
	q.MaterialConflict += o.MaterialConflict
}

// Coop is the number of cooperative events (quads 1 and 2).
func (q QuadCounts) Coop() int { return q.VerbalCoop + q.MaterialCoop }

// Conflict is the number of conflictual events (quads 3 and 4).
func (q QuadCounts) Conflict() int { return q.VerbalConflict + q.MaterialConflict }

// Total is the number of events in all four quads.
func (q QuadCounts) Total() int { return q.Coop() + q.Conflict() }

// NetCoop is net cooperation (coop − conflict)/total with its 95% interval,
// the Wilson interval of the cooperative share p mapped by net = 2p − 1.
type NetCoop struct {
	Net float64 `json:"net"`
	Lo  float64 `json:"lo"`
	Hi  float64 `json:"hi"`
}

// NetCoopOf returns the net cooperation of coop cooperative events out of
// total, with its 95% Wilson interval, or nil when total is 0.
func NetCoopOf(coop, total int) *NetCoop {
	if total <= 0 {
		return nil
	}
	lo, hi := Wilson(coop, total, z975)
	return &NetCoop{Net: float64(2*coop-total) / float64(total), Lo: 2*lo - 1, Hi: 2*hi - 1}
}

// RelationsOptions configures Relations.
type RelationsOptions struct {
	By       Period    // day, week or month (default month)
	Directed bool      // only A → B events; default both directions
	From, To time.Time // [From, To); zero bounds follow the data
	Evidence int       // event ids per period (default DefaultEvidence, <0 none)
}

// PeriodStats is one period of a dyad series.
type PeriodStats struct {
	Period string     `json:"period"` // label: 2021-08 (month) or 2021-08-02 (day, week start)
	Start  string     `json:"start"`  // first day, YYYY-MM-DD
	End    string     `json:"end"`    // first day of the next period
	Quad   QuadCounts `json:"quad"`
	Total  int        `json:"total"` // events in quads 1–4
	// GoldsteinSum and GoldsteinMean summarise the Goldstein values; the
	// mean is null for an empty period.
	GoldsteinSum  float64  `json:"goldstein_sum"`
	GoldsteinMean *float64 `json:"goldstein_mean"`
	// Net is net cooperation with its Wilson 95% interval; null when empty.
	Net *NetCoop `json:"net"`
	// ActivityA and ActivityB count the events involving A (or B) with
	// anyone in the period; ShareA = Total/ActivityA and ShareB likewise
	// (null when the activity is zero).
	ActivityA int      `json:"activity_a"`
	ActivityB int      `json:"activity_b"`
	ShareA    *float64 `json:"share_a"`
	ShareB    *float64 `json:"share_b"`
	Evidence  []string `json:"evidence"`
}

// RelationsResult is a dyad series.
type RelationsResult struct {
	A        Spec          `json:"a"`
	B        Spec          `json:"b"`
	Directed bool          `json:"directed"`
	By       Period        `json:"by"`
	From     string        `json:"from"` // first period start
	To       string        `json:"to"`   // end of the last period (exclusive)
	Periods  []PeriodStats `json:"periods"`
	// Overall sums every period.
	Overall PeriodStats `json:"overall"`
}

func (o RelationsOptions) withDefaults() RelationsOptions {
	if o.By == "" {
		o.By = Month
	}
	return o
}

// Relations returns the per-period series of the relation between A and B:
// counts per quad class, Goldstein sum and mean, net cooperation with its
// Wilson interval, volume normalised by each side's total activity, and the
// most recent event ids. A dyad without events gives a NotEnoughDataError.
// A source that is also a CountSource answers from its pre-aggregated
// counts when it can; otherwise Relations reads the observations of A and
// B.
func Relations(ctx context.Context, src Source, a, b Spec, opts RelationsOptions) (*RelationsResult, error) {
	opts = opts.withDefaults()
	if err := opts.By.valid(); err != nil {
		return nil, err
	}
	if err := a.valid(); err != nil {
		return nil, err
	}
	if err := b.valid(); err != nil {
		return nil, err
	}
	if !opts.From.IsZero() && !opts.To.IsZero() && !opts.From.Before(opts.To) {
		return nil, fmt.Errorf("analysis: relations: from %s is not before to %s: %w",
			opts.From.Format(time.DateOnly), opts.To.Format(time.DateOnly), dyad.ErrInvalidInput)
	}
	if cs, ok := src.(CountSource); ok {
		res, err := relationsFromCounts(ctx, cs, a, b, opts)
		if !errors.Is(err, ErrNoCounts) {
			if err != nil {
				return nil, fmt.Errorf("analysis: relations %s–%s: %w", a.Label(), b.Label(), err)
			}
			return res, nil
		}
	}
	sel := Selection{Actors: append(a.Patterns(), b.Patterns()...), From: opts.From, To: opts.To, NoContexts: true}
	obs, err := src.Observations(ctx, sel)
	if err != nil {
		return nil, fmt.Errorf("analysis: relations %s–%s: %w", a.Label(), b.Label(), err)
	}
	return relationsFrom(obs, a, b, opts)
}

// periodAcc accumulates one period of a dyad series.
type periodAcc struct {
	q        QuadCounts
	gsum     float64
	actA     int
	actB     int
	ev       evBuf
	nonEmpty bool
}

func relationsFrom(obs []Obs, a, b Spec, opts RelationsOptions) (*RelationsResult, error) {
	ma, mb := newMatcher(a.Patterns()), newMatcher(b.Patterns())
	nev := evidenceN(opts.Evidence)
	byStart := map[time.Time]*periodAcc{}
	lastDay, lastAcc := int64(-1<<62), (*periodAcc)(nil) // one-entry cache: input is often date-ordered
	get := func(t time.Time) *periodAcc {
		if d := t.Unix() / 86400; d == lastDay && t.Unix() >= 0 {
			return lastAcc
		}
		s := opts.By.start(t)
		p := byStart[s]
		if p == nil {
			p = &periodAcc{ev: newEvBuf(nev)}
			byStart[s] = p
		}
		lastDay, lastAcc = t.Unix()/86400, p
		return p
	}
	var first, last time.Time
	n := 0
	for i := range obs {
		o := &obs[i]
		if !validQuad(o.Quad) {
			continue
		}
		sa, ta := ma.match(o.Source), ma.match(o.Target)
		sb, tb := mb.match(o.Source), mb.match(o.Target)
		if !(sa || ta || sb || tb) {
			continue
		}
		p := get(o.Date)
		if sa || ta {
			p.actA++
		}
		if sb || tb {
			p.actB++
		}
		in := sa && tb || (!opts.Directed && sb && ta)
		if !in || o.Source == o.Target {
			continue
		}
		n++
		p.q.add(o.Quad)
		p.gsum += o.Goldstein
		p.ev.add(o)
		p.nonEmpty = true
		if first.IsZero() || o.Date.Before(first) {
			first = o.Date
		}
		if o.Date.After(last) {
			last = o.Date
		}
	}
	return assembleRelations(byStart, first, last, n, a, b, opts)
}

// assembleRelations turns per-period accumulators into the series from
// the period of first to that of last (or opts.From, opts.To). n is the
// number of dyad events.
func assembleRelations(byStart map[time.Time]*periodAcc, first, last time.Time, n int, a, b Spec, opts RelationsOptions) (*RelationsResult, error) {
	if n == 0 {
		return nil, notEnough("relations "+a.Label()+"–"+b.Label(), "events", 0, 1)
	}
	nev := evidenceN(opts.Evidence)
	from := opts.By.start(first)
	if !opts.From.IsZero() {
		from = opts.By.start(opts.From)
	}
	end := opts.By.next(opts.By.start(last))
	if !opts.To.IsZero() {
		end = opts.By.start(opts.To.Add(-time.Nanosecond))
		end = opts.By.next(end)
	}
	res := &RelationsResult{A: a, B: b, Directed: opts.Directed, By: opts.By,
		From: from.Format(time.DateOnly), To: end.Format(time.DateOnly)}
	all := newEvBuf(nev)
	var oq QuadCounts
	var ogsum float64
	var oactA, oactB int
	for s := from; s.Before(end); s = opts.By.next(s) {
		ps := PeriodStats{Period: opts.By.label(s), Start: s.Format(time.DateOnly),
			End: opts.By.next(s).Format(time.DateOnly), Evidence: []string{}}
		if p := byStart[s]; p != nil {
			fillPeriod(&ps, p.q, p.gsum, p.actA, p.actB)
			if p.nonEmpty {
				ps.Evidence = p.ev.ids()
				all.items = append(all.items, p.ev.items...)
			}
			oq.Add(p.q)
			ogsum += p.gsum
			oactA += p.actA
			oactB += p.actB
		}
		res.Periods = append(res.Periods, ps)
	}
	res.Overall = PeriodStats{Period: "all", Start: res.From, End: res.To}
	fillPeriod(&res.Overall, oq, ogsum, oactA, oactB)
	res.Overall.Evidence = all.ids()
	return res, nil
}

func fillPeriod(ps *PeriodStats, q QuadCounts, gsum float64, actA, actB int) {
	ps.Quad = q
	ps.Total = q.Total()
	ps.GoldsteinSum = gsum
	ps.ActivityA, ps.ActivityB = actA, actB
	if ps.Total > 0 {
		m := gsum / float64(ps.Total)
		ps.GoldsteinMean = &m
		ps.Net = NetCoopOf(q.Coop(), ps.Total)
	}
	if actA > 0 {
		s := float64(ps.Total) / float64(actA)
		ps.ShareA = &s
	}
	if actB > 0 {
		s := float64(ps.Total) / float64(actB)
		ps.ShareB = &s
	}
}
