package coder

// PETRARCH works on a constituency parse: a verb phrase holds everything
// after its verb up to the end of its clause. These helpers find that
// extent in a dependency tree.

// markVerbPhrase marks as consumed the tokens of the verb phrase of
// predicate p: what follows p in its subtree, but not its subjects, nor
// coordinated verbs and parenthetical clauses (which stand outside the
// verb phrase in a constituency tree).
func (t *tree) markVerbPhrase(p int, consumed map[int]bool) {
	var mark func(n int)
	mark = func(n int) {
		if n != p && t.clauseAfterComma(n) {
			return // "…, the agency WFNA said": a clause of its own
		}
		consumed[n] = true
		for _, k := range t.kids[n] {
			mark(k)
		}
	}
	for _, k := range t.kids[p] {
		if k < p {
			continue
		}
		switch t.rel(k) {
		case "conj", "parataxis", "punct", "nsubj", "csubj", "cc", "discourse", "vocative", "list", "reparandum", "dep":
			continue
		}
		mark(k)
	}
}

// markTrailingVerbs marks as consumed the verbs after predicate p, up to
// the end of its clause, that have no subject of their own and are not
// coordinated with p: a constituency parse puts "…, almost five years after
// Calenardhon crowds burned down its embassy" inside the verb phrase of the
// verb before it, wherever the dependency parser hung it. The clause ends
// at ".", ";", ":" or a comma that opens a clause with its own subject
// ("…, a senior official said").
func (t *tree) markTrailingVerbs(p int, consumed map[int]bool) {
	for k := p + 1; k < t.clauseEnd(p); k++ {
		if u := t.toks[k].UPOS; u != "VERB" || consumed[k] || t.rel(k) == "conj" && t.head[k] == p {
			continue
		}
		if len(t.childrenRel(k, "nsubj", "nsubj:pass", "csubj")) > 0 {
			continue
		}
		consumed[k] = true
	}
}

// clauseEnd returns the index of the token that ends the clause of
// predicate p, looking right: ".", ";", ":" or a comma that opens a final
// clause with its own subject ("…, a senior official said on Saturday."),
// or len(toks). A parenthetical ", it seems," ends nothing.
func (t *tree) clauseEnd(p int) int {
	for k := p + 1; k < len(t.toks); k++ {
		switch w := t.toks[k].Text; {
		case w == "." || w == ";" || w == ":":
			return k
		case w == "," && t.opensFinalClause(k+1):
			return k
		}
	}
	return len(t.toks)
}

// opensFinalClause reports whether token i starts the subject of a verb
// after it whose clause runs to the end of the sentence.
func (t *tree) opensFinalClause(i int) bool {
	last := len(t.toks) - 1
	for last > 0 && t.toks[last].UPOS == "PUNCT" {
		last--
	}
	for v := i; v < len(t.toks); v++ {
		if u := t.toks[v].UPOS; u != "VERB" && u != "AUX" {
			continue
		}
		for _, s := range t.childrenRel(v, "nsubj", "nsubj:pass") {
			if lo, _ := t.subtreeSpan(s); lo == i && s < v {
				_, hi := t.subtreeSpan(v)
				return hi >= last
			}
		}
	}
	return false
}

// hasObjectPhrase reports whether the verb phrase of predicate p (see
// markVerbPhrase) holds a noun phrase after p, other than a bare time
// expression ("today", "next week").
func (t *tree) hasObjectPhrase(p int) bool {
	region := map[int]bool{}
	t.markVerbPhrase(p, region)
	for k := range region {
		if t.isDeleted(k) {
			continue
		}
		switch t.toks[k].UPOS {
		case "NOUN", "PROPN", "PRON", "NUM":
		default:
			continue
		}
		switch t.fullRel(k) {
		case "obl:tmod", "obl:unmarked", "nmod:tmod", "nmod:unmarked", "advmod", "compound", "nmod:poss", "nummod", "flat":
			continue
		}
		return true
	}
	return false
}

// clauseAfterComma reports whether token n heads a clause with its own
// subject right after a comma, which a constituency parse would not put
// inside the verb phrase before it, whatever the dependency parser attached
// it to.
func (t *tree) clauseAfterComma(n int) bool {
	if u := t.toks[n].UPOS; u != "VERB" && u != "AUX" {
		return false
	}
	if len(t.childrenRel(n, "nsubj", "nsubj:pass")) == 0 {
		return false
	}
	lo, _ := t.subtreeSpan(n)
	return t.toks[lo].Text == "," || lo > 0 && t.toks[lo-1].Text == ","
}

// requestVerbs ask, demand or threaten that someone act: what they ask for
// has not happened ("urged Kabul to reverse its decision", "called on NATO
// to impose a no-fly zone", "threatened to launch an operation").
var requestVerbs = map[string]bool{"urge": true, "ask": true, "call": true, "invite": true, "tell": true, "order": true,
	"press": true, "request": true, "push": true, "pressure": true, "pressurize": true, "pressurise": true,
	"appeal": true, "demand": true, "require": true, "warn": true, "advise": true, "want": true, "expect": true,
	"beg": true, "implore": true, "challenge": true, "encourage": true, "instruct": true, "exhort": true,
	"plead": true, "threaten": true, "insist": true}

// accuseVerbs charge someone with an act, which the writer does not assert
// ("accused Ukraine of staging the killings").
var accuseVerbs = map[string]bool{"accuse": true, "blame": true, "charge": true, "suspect": true, "allege": true, "implicate": true}

// refusalVerbs say their complement did not happen ("refused to back
// Finland and Sweden's bid to join NATO").
var refusalVerbs = map[string]bool{"refuse": true, "decline": true, "fail": true}

// claimNouns name what someone says is so: their clause ("accusations
// that its troops were fighting alongside M23") is claimed, not asserted.
var claimNouns = map[string]bool{"accusation": true, "allegation": true, "claim": true, "charge": true, "suggestion": true,
	"rumour": true, "rumor": true, "speculation": true, "assertion": true, "suspicion": true, "insinuation": true, "denial": true}

// topicMarks introduce what talk is about: a gerund clause they mark
// ("talks on ending the war", "spoke about reopening the border") is the
// subject of the talk, not an act.
var topicMarks = map[string]bool{"on": true, "about": true, "regarding": true, "concerning": true}

// blockVerbs stop a text or a plan: what the text would have said or done
// ("vetoed a resolution condemning the invasion") did not happen.
var blockVerbs = map[string]bool{"veto": true, "block": true, "reject": true, "torpedo": true}

// intentObjectBefore reports whether verb h has as its object a noun of
// intention (intentNouns) whose phrase comes before the infinitive clause
// n with no other verb between them: the parser attached the noun's
// infinitive to the verb ("ignored the UN's calls to reopen girls'
// schools", "rejected a proposal by Trump to send troops"). An agreement
// is left out: "signed agreements to establish diplomatic relations"
// establishes them.
func (t *tree) intentObjectBefore(h, n int) bool {
	lo, _ := t.subtreeSpan(n)
	for _, k := range t.kids[h] {
		if t.rel(k) != "obj" || !intentNouns[t.lemma(k)] {
			continue
		}
		_, hi := t.subtreeSpan(k)
		if hi >= lo {
			continue
		}
		between := true
		for i := hi + 1; i < lo; i++ {
			if u := t.toks[i].UPOS; u == "VERB" || u == "AUX" || t.toks[i].Text == ";" {
				between = false
				break
			}
		}
		if between {
			return true
		}
	}
	return false
}

// intentNouns name what someone means or is asked to do: their
// infinitive ("a plan to fast-track cases", "a bid to join NATO", "calls
// for talks to resume") has not happened.
var intentNouns = map[string]bool{"plan": true, "proposal": true, "bid": true, "effort": true, "attempt": true,
	"offer": true, "promise": true, "pledge": true, "threat": true, "call": true, "demand": true, "request": true,
	"appeal": true, "intention": true, "readiness": true, "willingness": true, "ability": true, "right": true,
	"need": true, "option": true, "chance": true, "opportunity": true, "plot": true, "scheme": true, "push": true,
	"move": true, "initiative": true, "ambition": true, "goal": true, "aim": true, "mission": true, "framework": true,
	"commitment": true}

// thatRequestVerbs are the request verbs whose that-clause is what they
// ask for ("demanded that X withdraw"); "told Putin that Washington would
// send weapons" and "warned that …" report.
var thatRequestVerbs = map[string]bool{"demand": true, "insist": true, "require": true, "request": true, "urge": true,
	"ask": true, "appeal": true, "call": true, "plead": true, "order": true}

// requests reports whether verb h, governing an infinitive, asks someone
// to act: a request verb in the active voice with the person asked as its
// object ("urged X to lift", "called on X to reopen"), or one that needs
// none ("threatened to attack", "demanded to see"). "Xi is expected to
// meet Putin" and "wanted to export more" state intentions.
func (t *tree) requests(h int) bool {
	l := t.lemma(h)
	if !requestVerbs[l] || t.passiveVerb(h) {
		return false
	}
	switch l {
	case "threaten", "demand", "insist":
		return true
	}
	return t.controller(h) >= 0
}

// passiveVerb reports whether verb h is in the passive voice.
func (t *tree) passiveVerb(h int) bool {
	return len(t.childrenRel(h, "nsubj:pass", "aux:pass", "csubj:pass")) > 0
}

// unrealised reports whether predicate p lies inside what a request verb
// asks for (see requestVerbs), an accusation charges (accuseVerbs) or a
// refusal refuses (refusalVerbs): its
// complement (xcomp, ccomp, an infinitive or gerund clause), or anything
// inside that complement short of a relative clause ("urged Kabul to
// reverse its decision to bar girls": the bar is not asserted here), or
// the infinitive of a noun of intention ("a plan to …"), or a gerund
// clause marked "against" ("warned the US against sending warships").
// Such acts are not coded; the request, accusation or warning is.
func (t *tree) unrealised(p int) bool {
	n := p
	for steps := 0; steps < 16; steps++ {
		h := t.head[n]
		if h < 0 {
			return false
		}
		switch r := t.fullRel(n); t.rel(n) {
		case "xcomp":
			if t.requests(h) || accuseVerbs[t.lemma(h)] || refusalVerbs[t.lemma(h)] {
				return true
			}
			if blockVerbs[t.lemma(h)] {
				return true // "vetoed a resolution condemning its invasion"
			}
		case "ccomp":
			if thatRequestVerbs[t.lemma(h)] && !t.passiveVerb(h) {
				return true // "demanded that Sweden extradite …"
			}
		case "advcl":
			if t.markWord(n) == "to" && t.requests(h) {
				return true
			}
			if t.markWord(n) == "to" && t.intentObjectBefore(h, n) {
				return true // "ignored the UN's calls to reopen …" with the infinitive on the verb
			}
			if t.markWord(n) == "against" {
				return true // "warned the US against sending warships": opposed, not done
			}
			if topicMarks[t.markWord(n)] && t.toks[n].XPOS == "VBG" {
				return true // "met for talks on ending the war": the subject, not an act
			}
			if accuseVerbs[t.lemma(h)] && gerundMarks[t.markWord(n)] {
				return true // "accused the Taliban of violating …"
			}
		case "acl":
			if r == "acl:relcl" {
				return false
			}
			if t.markWord(n) == "to" && intentNouns[t.lemma(h)] {
				return true // "a plan to take action against the gangs"
			}
			if claimNouns[t.lemma(h)] {
				return true // "denied accusations that its troops were fighting"
			}
			if t.rel(h) == "obj" && t.head[h] >= 0 && blockVerbs[t.lemma(t.head[h])] {
				return true // "vetoed a draft calling for …": what the blocked text says
			}
			if t.markWord(n) == "against" {
				return true // "a warning against sending troops"
			}
			if topicMarks[t.markWord(n)] && t.toks[n].XPOS == "VBG" {
				return true // "talks on ending the war"
			}
			if t.rel(h) == "obj" && t.head[h] >= 0 && accuseVerbs[t.lemma(t.head[h])] && gerundMarks[t.markWord(n)] {
				return true // "accused the US of spying", the clause on the object
			}
		case "conj", "obj", "nmod", "obl", "iobj", "nsubj", "nsubj:pass":
		default:
			return false
		}
		n = h
	}
	return false
}
