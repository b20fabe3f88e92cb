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
