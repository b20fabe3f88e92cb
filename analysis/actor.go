package analysis

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// ActorOptions configures Actor.
type ActorOptions struct {
	From, To time.Time
	Level    Level // groups counterparts (default LevelCountry)
	Top      int   // partners, adversaries and cited events (default 10)
	Evidence int   // ids per partner (default DefaultEvidence)
}

// Counterpart is a partner or adversary of an actor.
type Counterpart struct {
	Actor    string   `json:"actor"`
	Events   int      `json:"events"`
	Coop     int      `json:"coop"`
	Conflict int      `json:"conflict"`
	Net      *NetCoop `json:"net"`
	Evidence []string `json:"evidence"`
}

// Share is a count with its share of the actor's events.
type Share struct {
	Key   string  `json:"key"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

// ActorProfile describes one actor set.
type ActorProfile struct {
	A      Spec       `json:"a"`
	Level  Level      `json:"level"`
	Events int        `json:"events"` // events with A as source or target
	Quad   QuadCounts `json:"quad"`
	Net    *NetCoop   `json:"net"`
	// Partners are the counterparts with most cooperative events;
	// Adversaries those with most conflictual events.
	Partners    []Counterpart `json:"partners"`
	Adversaries []Counterpart `json:"adversaries"`
	Roots       []Share       `json:"roots"`    // CAMEO roots, most frequent first
	Contexts    []Share       `json:"contexts"` // PLOVER contexts (an event may have several)
	// MostCited are the ids of the events with the largest weight
	// (Obs.Weight, e.g. NumMentions), most recent first among equals.
	MostCited []string `json:"most_cited"`
}

// Actor profiles an actor set: its top partners by cooperation and
// adversaries by conflict, its event mix by CAMEO root, quad class and PLOVER
// context, and its most cited events. No event gives a NotEnoughDataError.
func Actor(ctx context.Context, src Source, a Spec, opts ActorOptions) (*ActorProfile, error) {
	if err := opts.Level.valid(); err != nil {
		return nil, err
	}
	if err := a.valid(); err != nil {
		return nil, err
	}
	if opts.Level == "" {
		opts.Level = LevelCountry
	}
	if opts.Top <= 0 {
		opts.Top = 10
	}
	obs, err := src.Observations(ctx, Selection{Actors: a.Patterns(), From: opts.From, To: opts.To})
	if err != nil {
		return nil, fmt.Errorf("analysis: actor %s: %w", a.Label(), err)
	}
	ma := newMatcher(a.Patterns())
	nev := evidenceN(opts.Evidence)
	type cp struct {
		q  quadPair
		ev evBuf
	}
	parts := map[string]*cp{}
	roots := map[string]int{}
	ctxs := map[string]int{}
	cited := evBuf{n: opts.Top, byWeight: true}
	p := &ActorProfile{A: a, Level: opts.Level, Partners: []Counterpart{}, Adversaries: []Counterpart{},
		Roots: []Share{}, Contexts: []Share{}}
	for i := range obs {
		o := &obs[i]
		if !validQuad(o.Quad) {
			continue
		}
		as, at := ma.match(o.Source), ma.match(o.Target)
		if !as && !at {
			continue
		}
		p.Events++
		p.Quad.add(o.Quad)
		if o.Root != "" {
			roots[o.Root]++
		}
		for _, c := range o.Contexts {
			ctxs[c]++
		}
		cited.add(o)
		other := ""
		switch {
		case as && !at:
			other = o.Target
		case at && !as:
			other = o.Source
		}
		if other == "" {
			continue
		}
		k := opts.Level.key(other)
		c := parts[k]
		if c == nil {
			c = &cp{ev: newEvBuf(nev)}
			parts[k] = c
		}
		c.q.n++
		if isCoop(o.Quad) {
			c.q.coop++
		}
		c.ev.add(o)
	}
	if p.Events == 0 {
		return nil, notEnough("actor "+a.Label(), "events", 0, 1)
	}
	p.Net = NetCoopOf(p.Quad.Coop(), p.Quad.Total())
	var all []Counterpart
	for k, c := range parts {
		all = append(all, Counterpart{Actor: k, Events: c.q.n, Coop: c.q.coop, Conflict: c.q.n - c.q.coop,
			Net: NetCoopOf(c.q.coop, c.q.n), Evidence: c.ev.ids()})
	}
	pick := func(by func(Counterpart) int) []Counterpart {
		sort.Slice(all, func(i, j int) bool {
			if by(all[i]) != by(all[j]) {
				return by(all[i]) > by(all[j])
			}
			if all[i].Events != all[j].Events {
				return all[i].Events > all[j].Events
			}
			return all[i].Actor < all[j].Actor
		})
		out := []Counterpart{}
		for _, c := range all {
			if len(out) == opts.Top || by(c) == 0 {
				break
			}
			out = append(out, c)
		}
		return out
	}
	p.Partners = pick(func(c Counterpart) int { return c.Coop })
	p.Adversaries = pick(func(c Counterpart) int { return c.Conflict })
	p.Roots = shares(roots, p.Events)
	p.Contexts = shares(ctxs, p.Events)
	p.MostCited = cited.ids()
	return p, nil
}

func shares(m map[string]int, total int) []Share {
	out := make([]Share, 0, len(m))
	for k, v := range m {
		out = append(out, Share{Key: k, Count: v, Share: float64(v) / float64(total)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out
}
