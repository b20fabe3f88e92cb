package analysis

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/dyad-events/dyad"
)

// Level says how actor codes are grouped into actors.
type Level string

// Levels of actor aggregation.
const (
	// LevelCountry collapses codes to their country (first three letters;
	// six for IGO/NGO/IMG/MNC bodies such as IGOUNO). It is the default.
	LevelCountry Level = "country"
	// LevelCode keeps full actor codes.
	LevelCode Level = "code"
)

func (l Level) key(code string) string {
	if l == LevelCode {
		return code
	}
	return countryKey(code)
}

func (l Level) valid() error {
	switch l {
	case "", LevelCountry, LevelCode:
		return nil
	}
	return fmt.Errorf("analysis: unknown level %q (want country or code): %w", l, dyad.ErrInvalidInput)
}

// MoversOptions configures Movers.
type MoversOptions struct {
	// Since splits the two windows: before = [Since−Window, Since),
	// after = [Since, Since+Window).
	Since  time.Time
	Window time.Duration
	// MinEvents is the number of events a dyad needs in each window
	// (default 10).
	MinEvents int
	Level     Level
	// Domestic keeps, at LevelCode, dyads whose two codes belong to the
	// same country (USAGOV–USAOPP); they are dropped by default.
	Domestic bool
	// Alpha is the false discovery rate (default 0.05).
	Alpha float64
	// Top limits the dyads returned (default 50; negative for all).
	Top      int
	Evidence int // ids per window and dyad (default DefaultEvidence)
}

// WindowStats summarises one dyad in one window.
type WindowStats struct {
	Events   int      `json:"events"`
	Coop     int      `json:"coop"`
	Conflict int      `json:"conflict"`
	Net      *NetCoop `json:"net"`
}

// Mover is one dyad's change in net cooperation between the windows.
type Mover struct {
	// A and B name the dyad, in alphabetical order (dyads are undirected).
	A      string      `json:"a"`
	B      string      `json:"b"`
	Before WindowStats `json:"before"`
	After  WindowStats `json:"after"`
	// Change is net(after) − net(before) = 2·(p_after − p_before).
	Change float64 `json:"change"`
	// Z and P are the two-proportion z-test on the cooperative share; Q
	// the Benjamini–Hochberg q-value across all tested dyads.
	Z              float64  `json:"z"`
	P              float64  `json:"p"`
	Q              float64  `json:"q"`
	Significant    bool     `json:"significant"`
	EvidenceBefore []string `json:"evidence_before"`
	EvidenceAfter  []string `json:"evidence_after"`
}

// MoversResult lists the dyads whose relation changed most.
type MoversResult struct {
	Since       string  `json:"since"`
	BeforeFrom  string  `json:"before_from"`
	AfterTo     string  `json:"after_to"` // exclusive
	MinEvents   int     `json:"min_events"`
	Level       Level   `json:"level"`
	Alpha       float64 `json:"alpha"`
	Tested      int     `json:"tested"`      // dyads with ≥ min_events in both windows
	Significant int     `json:"significant"` // with q < alpha
	// Movers are the significant dyads by |change| (largest first), then
	// the others by |change|, cut to Top.
	Movers []Mover `json:"movers"`
}

type moverAgg struct {
	n    [2]int // events before, after
	coop [2]int
}

// Movers compares every dyad's net cooperation in the window before Since
// with the window after, tests the change in cooperative share with the
// two-proportion z-test, controls the false discovery rate across dyads with
// Benjamini–Hochberg, and ranks significant dyads by the size of the change.
func Movers(ctx context.Context, src Source, opts MoversOptions) (*MoversResult, error) {
	if opts.Since.IsZero() || opts.Window <= 0 {
		return nil, fmt.Errorf("analysis: movers: need since and a positive window: %w", dyad.ErrInvalidInput)
	}
	if err := opts.Level.valid(); err != nil {
		return nil, err
	}
	if opts.Level == "" {
		opts.Level = LevelCountry
	}
	if opts.MinEvents <= 0 {
		opts.MinEvents = 10
	}
	if opts.Alpha <= 0 || opts.Alpha >= 1 {
		opts.Alpha = 0.05
	}
	if opts.Top == 0 {
		opts.Top = 50
	}
	from, to := opts.Since.Add(-opts.Window), opts.Since.Add(opts.Window)
	obs, err := src.Observations(ctx, Selection{From: from, To: to, NoContexts: true})
	if err != nil {
		return nil, fmt.Errorf("analysis: movers: %w", err)
	}
	// Pass 1: intern both sides and note the window of each observation.
	in := newInterner(opts.Level)
	sid := make([]int32, len(obs))
	tid := make([]int32, len(obs))
	for i := range obs {
		if i&0xfffff == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("analysis: movers: %w", err)
			}
		}
		o := &obs[i]
		sid[i] = -1
		if o.Source == "" || o.Target == "" || !validQuad(o.Quad) || o.Date.Before(from) || !o.Date.Before(to) {
			continue
		}
		if !opts.Domestic && opts.Level == LevelCode && countryKey(o.Source) == countryKey(o.Target) {
			continue
		}
		a, b := in.id(o.Source), in.id(o.Target)
		if a == b {
			continue
		}
		if a > b {
			a, b = b, a
		}
		sid[i], tid[i] = a, b
	}
	// Pass 2: counts per dyad, in a dense matrix when the actors are few.
	n := len(in.names)
	dense := n <= 1024
	var cnt [2][]int32 // window → n·n events
	var cop [2][]int32 // window → n·n cooperative events
	aggs := map[uint64]*moverAgg{}
	if dense {
		for w := 0; w < 2; w++ {
			cnt[w] = make([]int32, n*n)
			cop[w] = make([]int32, n*n)
		}
	}
	for i := range obs {
		a := sid[i]
		if a < 0 {
			continue
		}
		o := &obs[i]
		w := 0
		if !o.Date.Before(opts.Since) {
			w = 1
		}
		c := int32(0)
		if isCoop(o.Quad) {
			c = 1
		}
		if dense {
			k := int(a)*n + int(tid[i])
			cnt[w][k]++
			cop[w][k] += c
			continue
		}
		k := uint64(a)<<32 | uint64(tid[i])
		g := aggs[k]
		if g == nil {
			g = &moverAgg{}
			aggs[k] = g
		}
		g.n[w]++
		g.coop[w] += int(c)
	}
	if dense {
		for a := 0; a < n; a++ {
			for b := a + 1; b < n; b++ {
				k := a*n + b
				if cnt[0][k] > 0 && cnt[1][k] > 0 {
					aggs[uint64(a)<<32|uint64(b)] = &moverAgg{n: [2]int{int(cnt[0][k]), int(cnt[1][k])},
						coop: [2]int{int(cop[0][k]), int(cop[1][k])}}
				}
			}
		}
	}
	names := in.names
	res := &MoversResult{Since: opts.Since.Format(time.DateOnly), BeforeFrom: from.Format(time.DateOnly),
		AfterTo: to.Format(time.DateOnly), MinEvents: opts.MinEvents, Level: opts.Level, Alpha: opts.Alpha,
		Movers: []Mover{}}
	type cand struct {
		key uint64
		m   Mover
	}
	var cands []cand
	keys := make([]uint64, 0, len(aggs))
	for k := range aggs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, k := range keys {
		g := aggs[k]
		if g.n[0] < opts.MinEvents || g.n[1] < opts.MinEvents {
			continue
		}
		a, b := names[k>>32], names[k&0xffffffff]
		if a > b {
			a, b = b, a
		}
		m := Mover{A: a, B: b,
			Before: windowStats(g.n[0], g.coop[0]), After: windowStats(g.n[1], g.coop[1])}
		m.Change = m.After.Net.Net - m.Before.Net.Net
		m.Z, m.P = TwoProportionZ(g.coop[0], g.n[0], g.coop[1], g.n[1])
		cands = append(cands, cand{k, m})
	}
	res.Tested = len(cands)
	if len(cands) == 0 {
		return nil, notEnough(fmt.Sprintf("movers: dyads with ≥ %d events in both windows", opts.MinEvents), "dyads", 0, 1)
	}
	ps := make([]float64, len(cands))
	for i := range cands {
		ps[i] = cands[i].m.P
	}
	qs := BenjaminiHochberg(ps)
	for i := range cands {
		cands[i].m.Q = qs[i]
		cands[i].m.Significant = qs[i] < opts.Alpha
		if cands[i].m.Significant {
			res.Significant++
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		x, y := &cands[i].m, &cands[j].m
		if x.Significant != y.Significant {
			return x.Significant
		}
		if ax, ay := math.Abs(x.Change), math.Abs(y.Change); ax != ay {
			return ax > ay
		}
		if x.A != y.A {
			return x.A < y.A
		}
		return x.B < y.B
	})
	if opts.Top > 0 && len(cands) > opts.Top {
		cands = cands[:opts.Top]
	}
	// Second pass: evidence for the reported dyads only.
	nev := evidenceN(opts.Evidence)
	type bufs struct{ before, after evBuf }
	want := map[uint64]*bufs{}
	for _, c := range cands {
		want[c.key] = &bufs{newEvBuf(nev), newEvBuf(nev)}
	}
	if nev > 0 {
		for i := range obs {
			if sid[i] < 0 {
				continue
			}
			o := &obs[i]
			k := uint64(sid[i])<<32 | uint64(tid[i])
			if b := want[k]; b != nil {
				if o.Date.Before(opts.Since) {
					b.before.add(o)
				} else {
					b.after.add(o)
				}
			}
		}
	}
	for _, c := range cands {
		b := want[c.key]
		c.m.EvidenceBefore, c.m.EvidenceAfter = b.before.ids(), b.after.ids()
		res.Movers = append(res.Movers, c.m)
	}
	return res, nil
}

func windowStats(n, coop int) WindowStats {
	return WindowStats{Events: n, Coop: coop, Conflict: n - coop, Net: NetCoopOf(coop, n)}
}
