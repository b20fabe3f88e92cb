package coder

import (
	"strings"

	"github.com/dyad-events/dyad/geo"
)

// Last-resort targets, tried with dyad's own dictionaries when the tree
// names none: the actor a statement is about, further along its clause
// than the parser let the frame reach.

// fallbackTargets returns the targets of last resort for binding b (see
// the functions below), or nil.
func (c *Coder) fallbackTargets(t *tree, mi *mentionIndex, st *story, res *Result, f *frame, b binding, srcs []*Mention) []*Mention {
	if m := c.objectPossessor(t, mi, st, f, b, srcs); m != nil {
		return []*Mention{m}
	}
	var heads []int
	if rootOf(b.pat.Code) == "01" && b.objNoun > b.pred && !speechVerbs[t.lemma(b.pred)] && !hasAddressee(t, b) {
		if h := c.statementTarget(t, b.objNoun); h >= 0 {
			heads = append(heads, h)
		}
	}
	if len(heads) == 0 && rootOf(b.pat.Code) == "04" {
		heads = c.meetingHost(t, b)
	}
	if len(heads) == 0 && rootOf(b.pat.Code) == "13" {
		heads = t.conditionSubject(b)
	}
	if len(heads) == 0 {
		if m := c.placeTarget(t, b, srcs); m != nil {
			return []*Mention{m}
		}
		return nil
	}
	tgts := c.resolveAll(t, mi, heads, st, res)
	if c.opts.RequireDyad {
		tgts = c.dyadicOnly(tgts)
	}
	return splitCompound(tgts)
}

// hasAddressee reports whether a statement's predicate or object has a
// "to" phrase ("paid tribute to the victims of the Hamas attack", "a
// message to …"): the act goes there, and defaultTarget has looked at it
// already, so an actor further on ("Hamas") is not its target.
func hasAddressee(t *tree, b binding) bool {
	for _, x := range [2]int{b.pred, b.objNoun} {
		for _, k := range t.kids[x] {
			if (t.rel(k) == "obl" || t.rel(k) == "nmod") && t.fullRel(k) != "nmod:poss" && t.caseWord(k) == "to" {
				return true
			}
		}
	}
	return false
}

// statementTarget returns the head of the first coded actor mention after
// the object word p of a statement (CAMEO root 01: "expressed doubts",
// "voiced concern") whose frame found no target, in the same clause:
// "expressed many doubts about the tasks set out in the UNAMA mandate",
// whatever the parser made of the words after "doubts". The clause ends at
// ".", ";", ":", at a verb with a subject of its own (but for the clause
// saying what the doubt or hope is), or at a finite verb after a
// coordinating conjunction ("… and called for …"); a subject and a place
// after a locative preposition are no target. It returns -1 when there is
// none.
func (c *Coder) statementTarget(t *tree, p int) int {
	if t.mentions == nil {
		return -1
	}
	for k := p + 1; k < len(t.toks); k++ {
		tk := &t.toks[k]
		switch tk.Text {
		case ".", ";", ":", "?", "!":
			return -1
		}
		if tk.UPOS == "VERB" || tk.UPOS == "AUX" {
			// A clause of its own ends the search, unless it says what the
			// doubt or hope is ("voiced hope that the talks would bring
			// peace to Afghanistan").
			if len(t.childrenRel(k, "nsubj", "nsubj:pass", "csubj")) > 0 && t.head[k] != p {
				return -1
			}
			if finiteTags[tk.XPOS] && k > 0 && t.toks[k-1].UPOS == "CCONJ" {
				return -1
			}
			if h := t.head[k]; h >= 0 && intentNouns[t.lemma(h)] && t.markWord(k) == "to" {
				return -1 // "considering a proposal to reopen schools for girls" (see actorInClause)
			}
		}
		m := t.mentions.at(k)
		if m == nil || m.Code == "" || m.Start != k || m.Kind == "pronoun" {
			continue
		}
		if r := t.rel(m.Head); r == "nsubj" || r == "csubj" {
			continue
		}
		if w := strings.ToLower(t.toks[max(k-1, 0)].Text); placePreps[w] && (m.Kind == "capital" || m.Kind == "country") {
			continue
		}
		return m.Head
	}
	return -1
}

// conditionSubject returns, for a threat, the subject of the condition it
// sets ("threatened to close the Strait of Hormuz if the United States
// joined the air campaign" is aimed at the United States), or nil.
func (t *tree) conditionSubject(b binding) []int {
	for _, p := range []int{b.pred, b.xcomp} {
		if p < 0 {
			continue
		}
		for _, k := range t.childrenRel(p, "advcl") {
			if !conditionalMarks[t.markWord(k)] {
				continue
			}
			if s := t.childrenRel(k, "nsubj"); len(s) > 0 {
				return t.conjuncts(s[0])
			}
		}
	}
	return nil
}

// finiteTags are the tags of finite verbs.
var finiteTags = map[string]bool{"VBD": true, "VBZ": true, "VBP": true, "MD": true}

// placeTargetRoots are the CAMEO roots whose acts are done to a country
// when they are done in or from its places: material cooperation (06),
// aid (07), yielding (08: "withdrew from Kherson"), force posture (15) and
// sanctions, seizures and force (16-20). Meetings, statements, appeals,
// demands and protests are held in places without being aimed at them.
var placeTargetRoots = map[string]bool{"06": true, "07": true, "08": true, "15": true, "16": true, "17": true,
	"18": true, "19": true, "20": true}

// vicinityPreps place an act beside somewhere, not in it: "blew himself
// up outside Kabul airport" (but a show of force near or around a country,
// CAMEO root 15, is aimed at it).
var vicinityPreps = map[string]bool{"outside": true, "near": true, "around": true, "inside": true, "across": true,
	"along": true, "beyond": true, "off": true, "next_to": true, "close_to": true}

// placeTarget returns, for an act of placeTargetRoots with no target actor,
// the country of the first place the gazetteer finds in the predicate's
// own phrases (not in its subject, nor in a phrase of time or framing),
// when it is not a source's country: "Chinese companies have signed deals
// to extract copper from the Mes Aynak mine" is aimed at Afghanistan.
func (c *Coder) placeTarget(t *tree, b binding, srcs []*Mention) *Mention {
	if !placeTargetRoots[rootOf(b.pat.Code)] || t.placer == nil || t.placer.g == nil {
		return nil
	}
	// excluded reports a place outside the predicate's own phrases: in a
	// subject, in another clause or a coordinated predicate, or in a
	// phrase of time, framing, vicinity or meeting place ("at a summit in
	// The Hague").
	posture := rootOf(b.pat.Code) == "15" // "exercises around Taiwan" are aimed at it
	excluded := func(k int) bool {
		for n, steps := k, 0; n >= 0 && steps <= len(t.toks); n, steps = t.head[n], steps+1 {
			if n == b.pred {
				return false
			}
			switch t.rel(n) {
			case "nsubj", "csubj", "advcl", "parataxis", "ccomp", "appos":
				return true
			case "conj":
				if !t.isNominal(n) {
					return true // a coordinated predicate
				}
			case "obl", "nmod":
				w := t.caseWord(n)
				if temporalPreps[w] || nonTargetPreps[w] || (vicinityPreps[w] && !posture) || (w == "at" && len(c.dict.NounPatternsFor(t.lemma(n))) > 0) {
					return true
				}
			}
		}
		return true // outside the predicate's phrases
	}
	places := t.placer.places(t)
	// A country named outright comes before the towns and provinces of
	// others ("a railway linking Termez to Peshawar through Afghanistan").
	for _, countries := range []bool{true, false} {
		for _, gm := range places {
			cc := gm.Place.Country
			if cc == "" || gm.End <= gm.Start || (gm.Place.Kind == geo.KindCountry) != countries ||
				excluded(gm.End-1) {
				continue
			}
			if t.sponsorAfter(gm.End) {
				continue // "through a US-run system": a sponsor, not a place acted on
			}
			if m := t.mentions.at(gm.Start); m != nil && m.Code != "" && m.Kind != "capital" && m.Kind != "country" && m.End > gm.End {
				// "the Somali National Army": an actor's name, not the
				// Somali Region of Ethiopia.
				continue
			}
			own := false
			for _, s := range srcs {
				if sc, _ := c.dict.SplitCode(s.Code); sc == cc {
					own = true
				}
			}
			if own {
				continue
			}
			return &Mention{Start: gm.Start, End: gm.End, Head: gm.End - 1, Code: cc, Name: gm.Place.Name, Text: gm.Text, Kind: "place"}
		}
	}
	return nil
}

// hostVerbs make their subject the host of the meeting they take as object
// or place: "China will receive the ministers at a meeting", "Qatar hosted
// the talks".
var hostVerbs = map[string]bool{"host": true, "receive": true, "convene": true, "organise": true, "organize": true,
	"hold": true, "chair": true, "welcome": true, "invite": true, "sponsor": true}

// meetingHost returns, for a consultation (CAMEO root 04) with no target,
// the host of the meeting it is about: attending "a meeting that will also
// be attended by a Taliban delegation", where the meeting is where "China
// will receive the foreign ministers", is consulting China. The meeting is
// the noun a relative-clause predicate hangs on, or its object; its host
// is the subject of a hosting verb (hostVerbs) whose object or oblique the
// meeting is.
func (c *Coder) meetingHost(t *tree, b binding) []int {
	n := -1
	switch {
	case t.fullRel(b.pred) == "acl:relcl" && t.head[b.pred] >= 0:
		n = t.head[b.pred]
	case b.objNoun >= 0:
		n = b.objNoun
	}
	if n < 0 || !t.isNominal(n) || !c.meetingNoun(t.lemma(n)) {
		return nil
	}
	v := t.head[n]
	if v < 0 || (t.rel(n) != "obj" && t.rel(n) != "obl") || !hostVerbs[t.lemma(v)] || v == b.pred {
		return nil
	}
	return t.frameShallow(v).subj
}

// meetingNoun reports whether lemma names a meeting: an event noun with a
// consultation pattern (CAMEO root 04).
func (c *Coder) meetingNoun(lemma string) bool {
	for _, p := range c.dict.NounPatternsFor(lemma) {
		if rootOf(p.Code) == "04" {
			return true
		}
	}
	return false
}

// againstRoots are the CAMEO roots of acts against someone: demands,
// disapproval, rejection, threats and protests (10-14).
var againstRoots = map[string]bool{"10": true, "11": true, "12": true, "13": true, "14": true}

// objectPossessor returns, for an act against someone (againstRoots) with
// no target, the actor a possessive pronoun on its object stands for:
// "rejected his offer", "denounced its over-emphasis on human rights". A
// pronoun that resolves to the source itself names someone else in such
// an act (one does not denounce one's own draft): then the nearest
// document or actor before it in the sentence (see otherPossessor).
func (c *Coder) objectPossessor(t *tree, mi *mentionIndex, st *story, f *frame, b binding, srcs []*Mention) *Mention {
	if !againstRoots[rootOf(b.pat.Code)] {
		return nil
	}
	for _, o := range f.obj {
		for _, k := range t.kids[o] {
			if t.fullRel(k) != "nmod:poss" || t.toks[k].UPOS != "PRON" {
				continue
			}
			m := c.actorFor(t, mi, k, st)
			if m == nil || m.Code == "" {
				continue
			}
			if isSource(m, srcs) {
				m = c.otherPossessor(t, mi, m, srcs, st)
			}
			if m != nil && c.dyadic(m) {
				return m
			}
		}
	}
	return nil
}
