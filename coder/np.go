package coder

import (
	"sort"
	"strings"

	"github.com/dyad-events/dyad/dictionary"
)

// PETRARCH codes a noun phrase as a whole (check_NEphrase): the first actor
// in the phrase gives the base code, and every agent in the phrase, in
// order, is added to it — a "~CODE" agent after the base, a "CODE~" agent
// before it — until one adds a code the result already holds. "An MSF Arnor
// diplomat" is NGOARNGOV, "West German world government activists"
// GMWGOVWGO, "Dagolath's first Deputy Prime Minister Telemar" DAGGOV. The
// rules here apply with PETRARCH dictionaries only.

// npTokens returns the tokens of the base noun phrase headed by h, in
// order: h with its determiners, adjectives, compounds, numbers, flat
// name parts, possessors (with their own phrase) and bare nominal
// modifiers, but no prepositional phrase, clause or conjunct.
func (t *tree) npTokens(h int) []int {
	out := []int{h}
	var walk func(n int, depth int)
	walk = func(n int, depth int) {
		if depth > 6 {
			return
		}
		for _, k := range t.kids[n] {
			switch t.toks[k].UPOS {
			case "DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "PRON", "X", "SYM", "PUNCT":
			default:
				continue
			}
			ok := false
			switch t.fullRel(k) {
			case "det", "amod", "compound", "flat", "flat:name", "nummod", "nmod:poss", "nmod:desc":
				ok = true
			case "case":
				ok = t.fullRel(n) == "nmod:poss" // the "'s" of a possessor
			case "nmod":
				ok = t.caseWord(k) == "" // a name the parser hung on the phrase ("Minister Telemar")
			}
			if ok && t.toks[k].Text != "," {
				out = append(out, k)
				walk(k, depth+1)
			}
		}
	}
	walk(h, 0)
	sort.Ints(out)
	return out
}

// gappedActor returns a mention for an actor name written with spaces
// whose words lie apart in the noun phrase toks (see
// dictionary.MatchGapped), when it covers more than the mention found at
// its first word; else nil.
func (c *Coder) gappedActor(t *tree, mi *mentionIndex, toks []int) *Mention {
	gm, ok := c.dict.MatchGapped(t.toks, toks, t.date)
	if !ok || gm.Code == "" {
		return nil
	}
	if m := mi.at(gm.Start); m != nil && m.End >= gm.End {
		return nil
	}
	return &Mention{Start: gm.Start, End: gm.End, Head: gm.End - 1, Code: gm.Code, Name: gm.Entry(),
		Text: spanText(t.toks, gm.Start, gm.End), Kind: "actor", Source: gm.Source().String()}
}

// npItem is an actor or agent found in a noun phrase, at token pos.
type npItem struct {
	pos   int
	code  string            // an actor's code
	agent *dictionary.Agent // or an agent
}

// petrarchNP returns the mention standing for the noun phrase headed by h
// coded the PETRARCH way, or nil when the phrase holds no mention, or only
// one that covers h (which actorFor then finds as usual), or a role noun
// already placed in a country by the tree.
func (c *Coder) petrarchNP(t *tree, mi *mentionIndex, h int) *Mention {
	toks := t.npTokens(h)
	if len(toks) < 2 {
		return nil
	}
	var ms []*Mention
	for _, i := range toks {
		m := mi.at(i)
		if m != nil && (len(ms) == 0 || ms[len(ms)-1] != m) {
			ms = append(ms, m)
		}
	}
	if g := c.gappedActor(t, mi, toks); g != nil {
		// "Ithilen state-run television": ITHILEN TELEVISION [ITHTV]
		// stands for the words it spans.
		kept := []*Mention{}
		for _, m := range ms {
			if m.End <= g.Start || m.Start >= g.End {
				kept = append(kept, m)
			}
		}
		ms = append(kept, g)
		sort.SliceStable(ms, func(a, b int) bool { return ms[a].Start < ms[b].Start })
		if len(ms) == 1 {
			return g
		}
	}
	switch {
	case len(ms) == 0:
		return nil
	case len(ms) == 1:
		if m := ms[0]; m.Start > h || m.End <= h {
			if m.Code != "" && m.Kind != "agent" {
				return m // "The K.U. basketball team": the actor deep in the phrase
			}
		}
		return nil
	}
	var items []npItem
	for _, m := range ms {
		switch {
		case m.Kind == "agent" && m.agent != nil:
			items = append(items, npItem{pos: m.Start, agent: m.agent})
		case m.agent != nil:
			return nil // a role noun placed by the tree ("lawmakers in Fornost")
		case m.compAgent != nil && m.base != "":
			items = append(items, npItem{pos: m.baseStart, code: m.base})
			ap := m.Start
			if m.baseStart == m.Start {
				ap = m.baseEnd
			}
			items = append(items, npItem{pos: ap, agent: m.compAgent})
		case m.Code != "" && m.Kind != "pronoun":
			items = append(items, npItem{pos: m.Start, code: m.Code})
		}
	}
	sort.SliceStable(items, func(a, b int) bool { return items[a].pos < items[b].pos })
	code := ""
	for _, it := range items {
		if it.agent == nil {
			code = it.code // the first actor
			break
		}
	}
	for _, it := range items {
		if it.agent == nil {
			continue
		}
		if holdsCode(code, it.agent.Code) {
			break // PETRARCH stops at a redundant agent
		}
		code = petrarchCombine(code, it.agent)
	}
	if code == "" {
		return nil
	}
	start, end := toks[0], toks[len(toks)-1]+1
	for _, m := range ms {
		start, end = min(start, m.Start), max(end, m.End)
	}
	out := &Mention{Start: start, End: end, Head: h, Code: code, Name: spanText(t.toks, start, end), Text: spanText(t.toks, start, end), Kind: "composite"}
	hasActor := false
	for _, it := range items {
		hasActor = hasActor || it.agent == nil
	}
	if !hasActor {
		out.Kind = "agent"
	}
	return out
}

// petrarchCombine adds agent a to code the way PETRARCH does: a "CODE~"
// agent before it, a "~CODE" agent after it, nothing when code already
// holds the agent's code at a three-letter boundary.
func petrarchCombine(code string, a *dictionary.Agent) string {
	switch {
	case a == nil || holdsCode(code, a.Code):
		return code
	case a.Before:
		return a.Code + code
	}
	return code + a.Code
}

// holdsCode reports whether code holds agent code agc at a three-letter
// boundary ("HGWGOVMED" holds "GOVMED").
func holdsCode(code, agc string) bool {
	if agc == "" {
		return true
	}
	for k := 0; k+len(agc) <= len(code); k += 3 {
		if strings.EqualFold(code[k:k+len(agc)], agc) {
			return true
		}
	}
	return false
}

// newActor returns the uncoded noun phrase headed by h as an unknown actor
// the way PETRARCH extracts new actors (new_actor_length): the words of
// the phrase, determiners included and possessive markers left out, with a
// name in apposition right after the head ("Gryffindor's head Minerva
// McGonagall") and an "of" phrase ("the Ministry of Magic").
func newActor(t *tree, h int) *Mention {
	in := map[int]bool{}
	for _, k := range t.npTokens(h) {
		in[k] = true
	}
	for _, k := range t.kids[h] {
		if k < h {
			continue
		}
		add := t.rel(k) == "appos" && k > 0 && t.toks[k-1].UPOS != "PUNCT" ||
			t.rel(k) == "nmod" && t.caseWord(k) == "of" && len(t.childrenRel(k, "nmod")) == 0
		if !add {
			continue
		}
		lo, hi := t.subtreeSpan(k)
		for i := lo; i <= hi; i++ {
			in[i] = true
		}
	}
	start, end := h, h+1
	var words []string
	for i := range t.toks {
		if !in[i] {
			continue
		}
		start, end = min(start, i), max(end, i+1)
		if w := t.toks[i].Text; !isPossessiveMark(w) && t.toks[i].UPOS != "PUNCT" {
			words = append(words, w)
		}
	}
	text := strings.Join(words, " ")
	return &Mention{Start: start, End: end, Head: h, Name: text, Text: text, Kind: "unknown"}
}
