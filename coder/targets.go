package coder

import "strings"

// The target of a pattern whose slots name none: where dyad looks for it
// in the tree, and which phrases it passes over.

// defaultTarget is the target when no slot names one (root is the CAMEO
// root of the pattern; inner reports the frame of a complement): the
// logical object when it is not the pattern's object word, else the first
// oblique, trying the object's modifiers last ("eased sanctions on
// Afghanistan" finds the oblique; "released Afghan assets" the modifier).
func (c *Coder) defaultTarget(t *tree, f *frame, obj []int, objNoun int, root string, inner bool) [][]int {
	var groups [][]int
	if objNoun >= 0 && t.mentions != nil {
		// "trained Ukrainian soldiers": the object word is itself an actor.
		if m := t.mentions.at(objNoun); m != nil && m.Code != "" {
			groups = append(groups, []int{objNoun})
		}
	}
	var objs []int
	for _, o := range obj {
		if o != objNoun {
			objs = append(objs, o)
		}
	}
	if len(objs) > 0 {
		groups = append(groups, objs)
	}
	if len(f.iobj) > 0 {
		groups = append(groups, f.iobj)
	}
	last := -1
	for _, o := range f.obls {
		if f.reduced && !o.onObj {
			continue // "drones supplied by Iran at Ukrainian cities": the noun's, not the participle's
		}
		if o.prep == "" || o.clause || (f.passive && o.prep == "by") {
			continue // temporal and bare obliques and clauses name no actor
		}
		if locativePreps[o.prep] && c.isPlaceName(t, o.head) {
			continue // "signed an agreement in Doha": a venue, not a target
		}
		if c.dict.Petrarch == nil && o.onObj && (o.prep == "of" || o.prep == "from") && c.roleObject(t, o) {
			continue // "received the ambassadors of Afghanistan's neighbours": whose ambassadors
		}
		if locativePreps[o.prep] && c.dict.Petrarch == nil && c.eventVenue(t, o) {
			continue // "demanded a ceasefire in Gaza"
		}
		if (locativePreps[o.prep] || topicPreps[o.prep] || topicPreps[o.via]) && c.dict.Petrarch == nil && t.subjects(f) >= 2 && (symmetricVerbs[t.lemma(f.pred)] || t.jointAct(f)) {
			// "X and Y exchanged fire across the Gaza border", "resumed
			// talks on the filling of the Ethiopian dam": with each other.
			continue
		}
		if c.dict.Petrarch == nil && t.inReturnFor(o.head) {
			continue // "freed Israeli hostages in exchange for Palestinian prisoners"
		}
		if temporalPreps[o.prep] || nonTargetPreps[o.prep] || (o.onObj && topicPreps[o.prep] && !c.nounTargetPrep(t, o)) {
			continue // "since the Taliban takeover", "a conference on Afghanistan"
		}
		if c.dict.Petrarch == nil && (temporalPreps[o.via] || nonTargetPreps[o.via]) {
			continue // inside such a phrase: "as a violation of Afghan airspace"
		}
		if c.dict.Petrarch == nil && o.prep == "of" && o.via == "to" {
			// "paid tribute to the victims of the Hamas attack": the act
			// goes to the "to" phrase; its head, with that head's own
			// "of" phrase ("to the people of Ukraine", see actorFor),
			// names the target or none does.
			continue
		}
		if c.dict.Petrarch == nil && o.prep == "for" && !o.onObj && speechVerbs[t.lemma(f.pred)] {
			continue // a statement is made to someone, not for someone
		}
		if c.dict.Petrarch == nil && (root == "02" || root == "10") && (o.prep == "for" || o.via == "for") {
			// "called for the release of Afghanistan's frozen assets": an
			// appeal or demand is addressed to someone; what it asks for,
			// and for whom, names no target.
			continue
		}
		if o.group == last && len(groups) > 0 {
			groups[len(groups)-1] = append(groups[len(groups)-1], o.head)
			continue
		}
		groups = append(groups, []int{o.head})
		last = o.group
	}
	if objNoun >= 0 {
		if m := t.modifiers(objNoun); len(m) > 0 {
			groups = append(groups, m)
		}
	}
	// Last of all, with PETRARCH dictionaries, the subject of a that-clause
	// complement: "allowed that Mordor isn't a pleasant place" is aimed at
	// Mordor, as PETRARCH takes the first actor after the verb when nothing
	// nearer names one. (dyad's own dictionaries say which verbs' clauses
	// name a target: clauseTargetRoots.)
	for _, x := range f.xcomp {
		if c.dict.Petrarch != nil && t.rel(x) == "ccomp" && x > f.pred {
			if s := t.childrenRel(x, "nsubj", "nsubj:pass"); len(s) > 0 {
				groups = append(groups, t.conjuncts(s[0]))
			}
		}
	}
	if c.dict.Petrarch != nil {
		// And PETRARCH's first actor after the verb, wherever the parser
		// attached it ("welcomed cultural memos sent by Bree").
		if a := c.firstActorAfter(t, f.pred); a >= 0 {
			groups = append(groups, []int{a})
		}
	} else if c.clauseTargets(t, f, inner) {
		// Last of all, an actor named in a clause on the object: "eased
		// sanctions that had crippled the Afghan economy", "removed
		// cameras installed by the IAEA".
		if a := c.actorInClause(t, f, obj, objNoun); a >= 0 {
			groups = append(groups, []int{a})
		}
	}
	return groups
}

// clauseTargets reports whether a clause on the object of f may name its
// target (see actorInClause): not when coordinated subjects act together
// ("Rosneft and CNPC signed a deal to supply oil through Kazakhstan": with
// each other, not with what the deal is about), nor for a complement's
// frame (inner), nor for a statement, whose content names no target.
func (c *Coder) clauseTargets(t *tree, f *frame, inner bool) bool {
	if inner || speechVerbs[t.lemma(f.pred)] {
		return false
	}
	return t.subjects(f) < 2 || !(symmetricVerbs[t.lemma(f.pred)] || t.jointAct(f))
}

// actorInClause returns the head of the first coded actor mention inside a
// clause (acl, acl:relcl) hung on one of the objects (or on the object word
// objNoun) or on a phrase of theirs ("opened an investigation into war
// crimes committed by Russian forces"), other than a place named after a
// locative preposition, or -1.
func (c *Coder) actorInClause(t *tree, f *frame, obj []int, objNoun int) int {
	if t.mentions == nil {
		return -1
	}
	if objNoun >= 0 && !inInts(obj, objNoun) {
		obj = append([]int{objNoun}, obj...)
	}
	for _, o := range f.obls {
		if o.onObj && !o.clause && !temporalPreps[o.prep] && !nonTargetPreps[o.prep] && !temporalPreps[o.via] && !nonTargetPreps[o.via] {
			obj = append(obj, o.head)
		}
	}
	for _, o := range obj {
		for _, cl := range t.childrenRel(o, "acl") {
			if cl == f.pred || t.ancestorOf(cl, f.pred) {
				continue // the predicate's own clause: "a meeting that X attended"
			}
			if intentNouns[t.lemma(o)] && t.markWord(cl) == "to" {
				// "is considering a proposal to reopen schools for girls":
				// what is proposed, planned or agreed names no target of
				// the act on the proposal.
				continue
			}
			lo, hi := t.subtreeSpan(cl)
			for k := lo; k <= hi; k++ {
				m := t.mentions.at(k)
				if m == nil || m.Code == "" || m.Head != k || (k != cl && !t.ancestorOf(cl, k)) || t.framedBelow(k, cl) {
					continue
				}
				if locativePreps[t.caseWord(k)] && (m.Kind == "capital" || m.Kind == "country") {
					continue // "a deal signed in Doha"
				}
				return k
			}
		}
	}
	return -1
}

// returnNouns make "in N for" a phrase of what is given back or answered
// ("in exchange for", "in return for", "in retaliation for", "in response
// to"): the actors it names are the other side of a trade or the cause, not
// the act's target.
var returnNouns = map[string]bool{"exchange": true, "return": true, "retaliation": true, "response": true, "reprisal": true}

// inReturnFor reports whether nominal h is introduced by "in N for" or
// "in N to" with N one of returnNouns.
func (t *tree) inReturnFor(h int) bool {
	for _, c := range t.kids[h] {
		if c > h {
			break
		}
		if t.rel(c) != "case" {
			continue
		}
		if c >= 2 && returnNouns[strings.ToLower(t.toks[c-1].Text)] && strings.EqualFold(t.toks[c-2].Text, "in") {
			return true
		}
	}
	return false
}

// subjects counts the parties frame f's subject names: its coordinated
// nominals, a mention of coordinated adjectives ("Egyptian and Ethiopian
// negotiators", coded EGYGOV/ETHGOV) counting for each of them.
func (t *tree) subjects(f *frame) int {
	n := 0
	for _, s := range f.subj {
		if t.mentions == nil {
			n++
			continue
		}
		if m := t.mentions.at(s); m != nil && strings.Contains(m.Code, "/") {
			n += strings.Count(m.Code, "/") + 1
			continue
		}
		n++
	}
	return n
}
