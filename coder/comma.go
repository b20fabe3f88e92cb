package coder

import (
	"unicode"
	"unicode/utf8"
)

// CommaOptions bound the comma-delimited clauses that are deleted from a
// sentence before its patterns are matched, as PETRARCH's comma_* options
// do: an initial clause (before the first comma) of BMin..BMax words, a
// terminal clause (after the last comma) of EMin..EMax words, and each
// internal clause (between two commas) of Min..Max words. A zero maximum
// turns that kind of deletion off; the zero value turns all of it off.
// Words are counted as PETRARCH counts them: tokens that begin with a
// letter. Commas inside a noun phrase ("complete, full diplomatic ties",
// "Mordor, the Shire and Bree") delimit no clause.
type CommaOptions struct {
	Min, Max   int
	BMin, BMax int
	EMin, EMax int
}

// Active reports whether some kind of deletion is on.
func (o CommaOptions) Active() bool { return o.Max > 0 || o.BMax > 0 || o.EMax > 0 }

// commaClauses returns which tokens the comma options delete (nil when
// none): the words of each clause whose length lies within its bounds.
// The commas themselves stay.
func (t *tree) commaClauses(o CommaOptions) []bool {
	if !o.Active() {
		return nil
	}
	var commas []int
	for i := range t.toks {
		if t.toks[i].Text == "," && t.clauseComma(i) {
			commas = append(commas, i)
		}
	}
	if len(commas) == 0 {
		return nil
	}
	end := len(t.toks) // the final punctuation stays
	for end > 0 && t.toks[end-1].UPOS == "PUNCT" && t.toks[end-1].Text != "," {
		end--
	}
	var del []bool
	drop := func(a, b int) {
		if del == nil {
			del = make([]bool, len(t.toks))
		}
		for i := a; i < b; i++ {
			del[i] = true
		}
	}
	within := func(n, lo, hi int) bool { return hi > 0 && n >= lo && n <= hi }
	first, last := commas[0], commas[len(commas)-1]
	if within(t.countWords(0, first), o.BMin, o.BMax) {
		drop(0, first)
	}
	if within(t.countWords(last+1, end), o.EMin, o.EMax) {
		drop(last+1, end)
	}
	for k := 0; k+1 < len(commas); k++ {
		if a, b := commas[k], commas[k+1]; within(t.countWords(a+1, b), o.Min, o.Max) {
			drop(a+1, b)
		}
	}
	return del
}

// countWords counts the tokens in [a, b) that begin with a letter.
func (t *tree) countWords(a, b int) int {
	n := 0
	for i := a; i < b; i++ {
		if r, _ := utf8.DecodeRuneInString(t.toks[i].Text); unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// clauseComma reports whether the comma at i delimits a clause: not one
// between adjectives of a noun ("complete, full diplomatic ties") nor one
// between coordinated nouns ("Mordor, the Shire, Fornost and Bree"), which
// PETRARCH's noun phrases absorb.
func (t *tree) clauseComma(i int) bool {
	if i > 0 && t.toks[i-1].UPOS == "ADJ" {
		if h := t.head[i-1]; h > i && t.isNominal(h) {
			return false
		}
	}
	if h := t.head[i]; h > i && t.rel(h) == "conj" && t.isNominal(h) && t.head[h] >= 0 && t.isNominal(t.head[h]) {
		return false
	}
	return true
}

// isDeleted reports whether token i lies in a deleted comma clause.
func (t *tree) isDeleted(i int) bool {
	return t.deleted != nil && i >= 0 && i < len(t.deleted) && t.deleted[i]
}

// dropDeleted returns the mentions that lie wholly outside deleted clauses.
func dropDeleted(ms []Mention, del []bool) []Mention {
	if del == nil {
		return ms
	}
	out := make([]Mention, 0, len(ms))
	for _, m := range ms {
		keep := true
		for i := m.Start; i < m.End && i < len(del); i++ {
			if del[i] {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, m)
		}
	}
	return out
}
