package dictionary

import (
	"time"

	"github.com/dyad-events/dyad"
)

// gappedName is an actor name with PETRARCH " " connectors (Name.Gaps).
type gappedName struct {
	name  *Name
	actor int // index in Actors
	low   []string
}

// buildGapped indexes the actor names with gaps by their first word.
func (d *Dictionary) buildGapped() {
	d.gapped = nil
	for i, a := range d.Actors {
		for _, n := range append([]*Name{&a.Name}, aliasPtrs(a)...) {
			if n.Gaps == nil {
				continue
			}
			if d.gapped == nil {
				d.gapped = map[string][]gappedName{}
			}
			low := lowerWords(n.Words)
			d.gapped[low[0]] = append(d.gapped[low[0]], gappedName{name: n, actor: i, low: low})
		}
	}
}

func aliasPtrs(a *Actor) []*Name {
	out := make([]*Name, len(a.Aliases))
	for i := range a.Aliases {
		out[i] = &a.Aliases[i]
	}
	return out
}

// MatchGapped finds a PETRARCH actor name written with spaces among the
// tokens at positions idx (a noun phrase, in order), the way PETRARCH
// matches names inside a noun phrase: the name's words in order, other
// words of the phrase allowed before a word that follows a space, none
// before one that follows "_" ("ITHILEN TELEVISION" in "Ithilen state-run
// television"). It returns the longest name starting at the earliest
// position, with Start and End spanning the matched words, and reports
// whether one matched. Names without a space are MatchActors' business.
func (d *Dictionary) MatchGapped(toks []dyad.Token, idx []int, date time.Time) (ActorMatch, bool) {
	if len(d.gapped) == 0 {
		return ActorMatch{}, false
	}
	for s := range idx {
		var best *gappedName
		bestEnd := -1
		for k := range d.gapped[fold(toks[idx[s]].Text)] {
			g := &d.gapped[fold(toks[idx[s]].Text)][k]
			if end, ok := gappedAt(toks, idx, s, g); ok && (best == nil || len(g.low) > len(best.low)) {
				best, bestEnd = g, end
			}
		}
		if best != nil {
			a := d.Actors[best.actor]
			m := ActorMatch{Start: idx[s], End: bestEnd, Kind: KindActor, Name: best.name, Actor: a}
			if c, ok := a.codeAt(date); ok && c == NullCode {
				m.Null = true
			} else if ok {
				m.Code = c
			}
			return m, true
		}
	}
	return ActorMatch{}, false
}

// gappedAt matches g from idx[s] on and returns the token after its last
// word.
func gappedAt(toks []dyad.Token, idx []int, s int, g *gappedName) (int, bool) {
	j := s
	for w := 0; w < len(g.low); w++ {
		if w > 0 {
			j++
			for g.name.Gaps[w] && j < len(idx) && fold(toks[idx[j]].Text) != g.low[w] {
				j++
			}
		}
		if j >= len(idx) || fold(toks[idx[j]].Text) != g.low[w] {
			return 0, false
		}
		if w > 0 && !g.name.Gaps[w] && idx[j] != idx[j-1]+1 {
			return 0, false
		}
	}
	return idx[j] + 1, true
}

// MayStartGapped reports whether a name written with gaps may start at
// toks[i]: one whose first word is that token's and whose other words
// all occur after it, in order. MatchGapped asks more (the words within
// one noun phrase, some of them adjacent), so a token for which this
// answers false starts no gapped name.
func (d *Dictionary) MayStartGapped(toks []dyad.Token, i int) bool {
	for _, g := range d.gapped[fold(toks[i].Text)] {
		j, ok := i+1, true
		for _, w := range g.low[1:] {
			for j < len(toks) && fold(toks[j].Text) != w {
				j++
			}
			if j == len(toks) {
				ok = false
				break
			}
			j++
		}
		if ok {
			return true
		}
	}
	return false
}
