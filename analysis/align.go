package analysis

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"
)

// AlignOptions configures Align and AlignTop.
type AlignOptions struct {
	From, To time.Time
	// Level groups third parties (default LevelCountry).
	Level Level
	// Directed uses only what A (or B) does to a third party; by default
	// events in both directions count.
	Directed bool
	// MinEvents is the number of events each side needs with a third
	// party for it to count (default 3).
	MinEvents int
	// MinShared is the number of shared third parties AlignTop needs to
	// rank a candidate (default 3).
	MinShared int
	Evidence  int // ids (default DefaultEvidence)
}

func (o AlignOptions) withDefaults() AlignOptions {
	if o.Level == "" {
		o.Level = LevelCountry
	}
	if o.MinEvents <= 0 {
		o.MinEvents = 3
	}
	if o.MinShared <= 0 {
		o.MinShared = 3
	}
	return o
}

// ThirdParty is one shared third party of an alignment.
type ThirdParty struct {
	Actor   string  `json:"actor"`
	NetA    float64 `json:"net_a"`
	NetB    float64 `json:"net_b"`
	EventsA int     `json:"events_a"`
	EventsB int     `json:"events_b"`
}

// CoAction measures acting alike: tuples (target, CAMEO code, ISO week) in
// which A (or B) is the source.
type CoAction struct {
	TuplesA int `json:"tuples_a"`
	TuplesB int `json:"tuples_b"`
	Shared  int `json:"shared"`
	// Share is Shared / |tuples of A ∪ tuples of B| (Jaccard); null when
	// neither acted.
	Share    *float64 `json:"share"`
	Evidence []string `json:"evidence"`
}

// AlignResult is the alignment of A and B.
type AlignResult struct {
	A     Spec  `json:"a"`
	B     Spec  `json:"b"`
	Level Level `json:"level"`
	// Shared is the number of third parties both interacted with (at
	// least min_events each).
	Shared    int `json:"shared"`
	MinEvents int `json:"min_events"`
	// Cosine is the cosine similarity of the net-cooperation vectors over
	// shared third parties; Pearson their correlation (null when fewer
	// than 3 shared or a vector is constant).
	Cosine       *float64     `json:"cosine"`
	Pearson      *float64     `json:"pearson"`
	ThirdParties []ThirdParty `json:"third_parties"`
	CoAction     CoAction     `json:"co_action"`
	Evidence     []string     `json:"evidence"`
}

type quadPair struct{ n, coop int }

func (q quadPair) net() float64 { return float64(2*q.coop-q.n) / float64(q.n) }

// Align measures how alike A and B behave: the cosine and Pearson
// similarity of their net cooperation toward the third parties both dealt
// with, and co-action, the share of (target, CAMEO code, week) tuples in
// which both acted. No shared third party and no co-action give a
// NotEnoughDataError.
func Align(ctx context.Context, src Source, a, b Spec, opts AlignOptions) (*AlignResult, error) {
	opts = opts.withDefaults()
	if err := opts.Level.valid(); err != nil {
		return nil, err
	}
	if err := a.valid(); err != nil {
		return nil, err
	}
	if err := b.valid(); err != nil {
		return nil, err
	}
	obs, err := src.Observations(ctx, Selection{Actors: append(a.Patterns(), b.Patterns()...), From: opts.From, To: opts.To, NoContexts: true})
	if err != nil {
		return nil, fmt.Errorf("analysis: align %s–%s: %w", a.Label(), b.Label(), err)
	}
	ma, mb := newMatcher(a.Patterns()), newMatcher(b.Patterns())
	side := [2]*matcher{ma, mb}
	vec := [2]map[string]quadPair{{}, {}}
	type tuple struct {
		target, code string
		week         time.Time
	}
	tuples := [2]map[tuple][]int{{}, {}} // tuple → obs indices
	for i := range obs {
		o := &obs[i]
		if !validQuad(o.Quad) {
			continue
		}
		for s := 0; s < 2; s++ {
			m := side[s]
			var third string
			switch {
			case m.match(o.Source) && !ma.match(o.Target) && !mb.match(o.Target) && o.Target != "":
				third = o.Target
				code := o.Code
				if code == "" {
					code = o.Root
				}
				t := tuple{opts.Level.key(third), code, Week.start(o.Date)}
				tuples[s][t] = append(tuples[s][t], i)
			case !opts.Directed && m.match(o.Target) && !ma.match(o.Source) && !mb.match(o.Source) && o.Source != "":
				third = o.Source
			default:
				continue
			}
			k := opts.Level.key(third)
			q := vec[s][k]
			q.n++
			if isCoop(o.Quad) {
				q.coop++
			}
			vec[s][k] = q
		}
	}
	res := &AlignResult{A: a, B: b, Level: opts.Level, MinEvents: opts.MinEvents, ThirdParties: []ThirdParty{}}
	for k, qa := range vec[0] {
		qb, ok := vec[1][k]
		if !ok || qa.n < opts.MinEvents || qb.n < opts.MinEvents {
			continue
		}
		res.ThirdParties = append(res.ThirdParties, ThirdParty{Actor: k, NetA: qa.net(), NetB: qb.net(), EventsA: qa.n, EventsB: qb.n})
	}
	sort.Slice(res.ThirdParties, func(i, j int) bool {
		x, y := res.ThirdParties[i], res.ThirdParties[j]
		if x.EventsA+x.EventsB != y.EventsA+y.EventsB {
			return x.EventsA+x.EventsB > y.EventsA+y.EventsB
		}
		return x.Actor < y.Actor
	})
	res.Shared = len(res.ThirdParties)
	xa := make([]float64, res.Shared)
	xb := make([]float64, res.Shared)
	shared := map[string]bool{}
	for i, t := range res.ThirdParties {
		xa[i], xb[i] = t.NetA, t.NetB
		shared[t.Actor] = true
	}
	res.Cosine, res.Pearson = cosine(xa, xb), pearson(xa, xb)

	// Co-action.
	nev := evidenceN(opts.Evidence)
	co := newEvBuf(nev)
	res.CoAction.TuplesA, res.CoAction.TuplesB = len(tuples[0]), len(tuples[1])
	for t, ia := range tuples[0] {
		if ib, ok := tuples[1][t]; ok {
			res.CoAction.Shared++
			for _, i := range ia {
				co.add(&obs[i])
			}
			for _, i := range ib {
				co.add(&obs[i])
			}
		}
	}
	if union := res.CoAction.TuplesA + res.CoAction.TuplesB - res.CoAction.Shared; union > 0 {
		s := float64(res.CoAction.Shared) / float64(union)
		res.CoAction.Share = &s
	}
	res.CoAction.Evidence = co.ids()
	if res.Shared == 0 && res.CoAction.Shared == 0 {
		return nil, notEnough(fmt.Sprintf("align %s–%s: shared third parties", a.Label(), b.Label()), "shared third parties", 0, 1)
	}
	ev := newEvBuf(nev)
	for i := range obs {
		o := &obs[i]
		if !validQuad(o.Quad) {
			continue
		}
		if (ma.match(o.Source) || mb.match(o.Source)) && shared[opts.Level.key(o.Target)] ||
			(ma.match(o.Target) || mb.match(o.Target)) && shared[opts.Level.key(o.Source)] {
			ev.add(o)
		}
	}
	res.Evidence = ev.ids()
	return res, nil
}

func cosine(x, y []float64) *float64 {
	var xy, xx, yy float64
	for i := range x {
		xy += x[i] * y[i]
		xx += x[i] * x[i]
		yy += y[i] * y[i]
	}
	if len(x) == 0 || xx == 0 || yy == 0 {
		return nil
	}
	c := xy / math.Sqrt(xx*yy)
	return &c
}

func pearson(x, y []float64) *float64 {
	n := len(x)
	if n < 3 {
		return nil
	}
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(n)
	my /= float64(n)
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx < 1e-12 || syy < 1e-12 {
		return nil
	}
	r := sxy / math.Sqrt(sxx*syy)
	return &r
}

// AlignPeer is one candidate of AlignTop.
type AlignPeer struct {
	Actor   string   `json:"actor"`
	Cosine  float64  `json:"cosine"`
	Pearson *float64 `json:"pearson"`
	Shared  int      `json:"shared"`
}

// AlignTopResult lists A's closest and most distant actors.
type AlignTopResult struct {
	A         Spec        `json:"a"`
	Level     Level       `json:"level"`
	MinEvents int         `json:"min_events"`
	MinShared int         `json:"min_shared"`
	Compared  int         `json:"compared"` // candidates with ≥ min_shared third parties
	Closest   []AlignPeer `json:"closest"`
	Distant   []AlignPeer `json:"distant"`
}

// AlignTop ranks every actor (at opts.Level) by the cosine similarity of its
// net-cooperation vector with A's, over the third parties both dealt with
// (at least MinShared), and returns the k closest and the k most distant.
// Call Align on a pair for its evidence.
func AlignTop(ctx context.Context, src Source, a Spec, k int, opts AlignOptions) (*AlignTopResult, error) {
	opts = opts.withDefaults()
	if err := opts.Level.valid(); err != nil {
		return nil, err
	}
	if err := a.valid(); err != nil {
		return nil, err
	}
	if k <= 0 {
		k = 10
	}
	obs, err := src.Observations(ctx, Selection{From: opts.From, To: opts.To, NoContexts: true})
	if err != nil {
		return nil, fmt.Errorf("analysis: align top %s: %w", a.Label(), err)
	}
	ma := newMatcher(a.Patterns())
	const self = "\x00A" // key of A's own vector
	vecs := map[string]map[string]quadPair{}
	add := func(actor, third string, quad int) {
		m := vecs[actor]
		if m == nil {
			m = map[string]quadPair{}
			vecs[actor] = m
		}
		q := m[third]
		q.n++
		if isCoop(quad) {
			q.coop++
		}
		m[third] = q
	}
	for i := range obs {
		o := &obs[i]
		if !validQuad(o.Quad) || o.Source == "" || o.Target == "" {
			continue
		}
		as, at := ma.match(o.Source), ma.match(o.Target)
		ks, kt := opts.Level.key(o.Source), opts.Level.key(o.Target)
		if as && at || ks == kt {
			continue
		}
		from, to := ks, kt
		if as {
			from = self
		}
		if at {
			to = self
		}
		add(from, to, o.Quad)
		if !opts.Directed {
			add(to, from, o.Quad)
		}
	}
	va := vecs[self]
	res := &AlignTopResult{A: a, Level: opts.Level, MinEvents: opts.MinEvents, MinShared: opts.MinShared,
		Closest: []AlignPeer{}, Distant: []AlignPeer{}}
	var peers []AlignPeer
	for actor, vb := range vecs {
		if actor == self {
			continue
		}
		var xa, xb []float64
		for third, qa := range va {
			qb, ok := vb[third]
			if third == actor || !ok || qa.n < opts.MinEvents || qb.n < opts.MinEvents {
				continue
			}
			xa = append(xa, qa.net())
			xb = append(xb, qb.net())
		}
		if len(xa) < opts.MinShared {
			continue
		}
		c := cosine(xa, xb)
		if c == nil {
			continue
		}
		peers = append(peers, AlignPeer{Actor: actor, Cosine: *c, Pearson: pearson(xa, xb), Shared: len(xa)})
	}
	res.Compared = len(peers)
	if len(peers) == 0 {
		return nil, notEnough(fmt.Sprintf("align top %s: actors with ≥ %d shared third parties", a.Label(), opts.MinShared), "actors", 0, 1)
	}
	sort.Slice(peers, func(i, j int) bool {
		if peers[i].Cosine != peers[j].Cosine {
			return peers[i].Cosine > peers[j].Cosine
		}
		if peers[i].Shared != peers[j].Shared {
			return peers[i].Shared > peers[j].Shared
		}
		return peers[i].Actor < peers[j].Actor
	})
	for i := 0; i < k && i < len(peers); i++ {
		res.Closest = append(res.Closest, peers[i])
	}
	for i := 0; i < k && i < len(peers); i++ {
		res.Distant = append(res.Distant, peers[len(peers)-1-i])
	}
	return res, nil
}
