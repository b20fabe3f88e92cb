package coder

import "strings"

// Which pairs of actors make a dyad: acts two parties do together, and
// dyads within one country or with the media that are not events.

// symmetricNouns name acts two parties do together: "X and Y struck a
// truce", "signed a pact", "exchanged fire", "held joint drills".
var symmetricNouns = map[string]bool{"deal": true, "truce": true, "agreement": true, "accord": true, "ceasefire": true,
	"pact": true, "treaty": true, "talks": true, "talk": true, "negotiation": true, "meeting": true, "summit": true,
	"fire": true, "prisoner": true, "prisoners": true, "memorandum": true, "partnership": true, "alliance": true,
	"relations": true, "relation": true, "ties": true, "tie": true, "trade": true, "cooperation": true,
	"dialogue": true, "exchanges": true, "contacts": true}

// jointVerbs make their coordinated subjects parties to the act their
// object names ("struck a truce", "held joint drills"); welcoming, hosting
// or attending one does not.
var jointVerbs = map[string]bool{"strike": true, "sign": true, "conclude": true, "reach": true, "seal": true, "hold": true,
	"conduct": true, "stage": true, "begin": true, "start": true, "resume": true, "continue": true, "launch": true,
	"exchange": true, "agree": true, "negotiate": true, "ink": true, "forge": true, "clinch": true, "renew": true,
	"extend": true, "finalise": true, "finalize": true, "hammer": true, "establish": true, "restore": true,
	"increase": true, "boost": true, "expand": true, "deepen": true, "strengthen": true, "improve": true,
	"upgrade": true, "develop": true, "enhance": true, "normalise": true, "normalize": true}

// jointAct reports whether predicate f makes its coordinated subjects
// parties to what its object names: a joint verb (jointVerbs) with a
// symmetric noun ("struck a truce") or anything "joint" ("began joint
// military exercises").
func (t *tree) jointAct(f *frame) bool {
	if !jointVerbs[t.lemma(f.pred)] {
		return false
	}
	for _, o := range f.obj {
		if symmetricNouns[t.lemma(o)] || symmetricNouns[strings.ToLower(t.toks[o].Text)] {
			return true
		}
		for _, k := range t.kids[o] {
			if r := t.rel(k); (r == "amod" || r == "compound") && (t.lemma(k) == "joint" || t.lemma(k) == "bilateral" || t.lemma(k) == "mutual") {
				return true
			}
		}
	}
	return false
}

// theirMutualNoun reports whether an object or oblique of frame f is a
// noun of a mutual act owned by "their": "Ukrainian and Russian delegations
// sat down for their first direct talks".
func (t *tree) theirMutualNoun(f *frame) bool {
	heads := append([]int(nil), f.obj...)
	for _, o := range f.obls {
		if !o.nested && !o.onObj {
			heads = append(heads, o.head)
		}
	}
	for _, h := range heads {
		if !symmetricNouns[t.lemma(h)] && !symmetricNouns[strings.ToLower(t.toks[h].Text)] {
			continue
		}
		for _, k := range t.kids[h] {
			if t.fullRel(k) == "nmod:poss" && strings.EqualFold(t.toks[k].Text, "their") {
				return true
			}
		}
	}
	return false
}

// eachOther reports whether the object of frame f, or its possessor or
// determiner, is the reciprocal "each other" or "one another".
func (t *tree) eachOther(f *frame) bool {
	recip := func(k int) bool {
		w := strings.ToLower(t.toks[k].Text)
		if (w == "other" || w == "another") && k > 0 {
			p := strings.ToLower(t.toks[k-1].Text)
			return (p == "each" || p == "one") && t.head[k-1] == k
		}
		if w != "each" && w != "one" {
			return false
		}
		for _, x := range t.kids[k] {
			if l := strings.ToLower(t.toks[x].Text); l == "other" || l == "another" {
				return true
			}
		}
		return k+1 < len(t.toks) && (strings.EqualFold(t.toks[k+1].Text, "other") || strings.EqualFold(t.toks[k+1].Text, "another"))
	}
	for _, o := range append(append([]int(nil), f.obj...), f.iobj...) {
		if recip(o) {
			return true
		}
		for _, k := range t.kids[o] {
			if r := t.fullRel(k); (r == "det" || r == "nmod:poss") && recip(k) {
				return true
			}
		}
	}
	return false
}

// guessedSameCountry reports a dyad where one side is a role noun whose
// country was only inferred (from the document or a place) and the
// inference makes it part of the other side: an organ of the other side's
// state ("China will receive the foreign ministers …" must not become
// China → Chinese government), or the other side's own branch. Domestic
// dyads between different parts of one country ("police arrested
// protesters", "the Taliban banned women", "protesters demonstrated
// against China's lockdowns") stay.
func guessedSameCountry(c *Coder, a, b *Mention) bool {
	if !a.guessed && !a.placed && !b.guessed && !b.placed {
		return false
	}
	ca, _ := c.dict.SplitCode(a.Code)
	cb, _ := c.dict.SplitCode(b.Code)
	if ca == "" || ca != cb {
		return false
	}
	for _, m := range []*Mention{a, b} {
		if !m.guessed && !m.placed {
			continue
		}
		// The inferred role belongs to the state ("the foreign ministers"
		// → CHNGOV beside China): the state would be acting on itself.
		// Society acting against its state ("protesters demonstrated
		// against China's lockdowns") is a domestic event.
		o := a
		if m == a {
			o = b
		}
		if _, sec := c.dict.SplitCode(m.Code); stateSectors[sec] && strings.HasPrefix(m.Code, o.Code) {
			return true
		}
		if strings.HasPrefix(o.Code, m.Code) {
			return true // the role's code is the other side's own branch
		}
	}
	return false
}

// stateSectors are the role codes of a state's own organs.
var stateSectors = map[string]bool{"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "SPY": true}

// media reports whether m is the media ("reporters", "television", "the
// BBC"): the audience of a public statement, which CAMEO does not take for
// its target ("told reporters", "said in a television interview").
func (c *Coder) media(m *Mention) bool {
	if a := m.agent; a != nil && strings.HasPrefix(a.Code, "MED") {
		return true
	}
	if a := m.compAgent; a != nil && strings.HasPrefix(a.Code, "MED") {
		return true
	}
	_, sector := c.dict.SplitCode(m.Code)
	return sector == "MED"
}

// sameActor reports whether two mentions are one actor: the same code, or
// the same words when one is uncoded. The parts of a split compound
// ("Russian and Ukrainian negotiators") share their words but not their
// code.
func sameActor(a, b *Mention) bool {
	if a.Code != "" && b.Code != "" {
		return a.Code == b.Code
	}
	return a.Start == b.Start && a.End == b.End
}

// betweenParties returns the actors of a "between X and Y" phrase on
// predicate p, or on the verb whose subject p is ("fighting broke out …
// between the army and the RSF"), or nil.
func (t *tree) betweenParties(p int) []int {
	hosts := []int{p}
	if r := t.rel(p); (r == "nsubj" || r == "csubj") && t.head[p] >= 0 {
		hosts = append(hosts, t.head[p])
	}
	for _, h := range hosts {
		for _, k := range t.kids[h] {
			if r := t.rel(k); (r == "obl" || r == "nmod") && t.caseWord(k) == "between" {
				if cj := t.conjuncts(k); len(cj) >= 2 {
					return cj
				}
			}
		}
	}
	return nil
}
