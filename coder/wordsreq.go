package coder

import (
	"slices"
	"strings"
	"sync"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dictionary"
)

// A native pattern with word slots ("obj=comment", "prt=down",
// "in_favor_of=…", "xcomp=meet", "subj=…") can only match a sentence that
// holds those words. matchVerb and matchNoun compare each slot word with a
// token's lower-cased text or lemma (for a phrase, its last word with the
// slot's head; a preposition's words with the case-marking tokens), so a
// sentence none of whose words can meet some slot of every pattern of
// every candidate head cannot yield an event, and need not be parsed.
// Matching reads only the patterns of the predicate's lemma, or of the
// stem makeVerb gives an "-ed" word read as a verb; both are tried.

// slotWords is what a pattern's word slots ask of a sentence's words.
type slotWords struct {
	need  []string   // words that must all occur (preposition words)
	anyOf [][]string // per slot with a word list: one of these words
	sigs  sigNeeds   // the same as signatures, for a quick no
	// objLast holds the last words of the object slot's phrases, which
	// phraseWords compares with an object's lemma and text (matchVerb);
	// it is empty for a pattern without them, or translated from PETRARCH.
	objLast wordSig
}

// possible reports whether a sentence whose words are words (signature
// sent) may satisfy every word slot.
func (w *slotWords) possible(sent *wordSig, words map[string]bool) bool {
	if !w.sigs.mayMatch(sent) {
		return false
	}
	for _, x := range w.need {
		if !words[x] {
			return false
		}
	}
	for _, l := range w.anyOf {
		if !slices.ContainsFunc(l, func(x string) bool { return words[x] }) {
			return false
		}
	}
	return true
}

// lastWords returns the last word of each phrase of list.
func lastWords(list []string) []string {
	var out []string
	for _, p := range list {
		f := strings.Fields(p)
		if len(f) > 0 {
			out = append(out, f[len(f)-1])
		}
	}
	return out
}

// newSlotWords reads pattern p's word slots: for a verb its subject,
// object, particle, complement and preposition slots; for an event noun
// (matchNoun) only its preposition slots.
func newSlotWords(p *dictionary.Pattern) slotWords {
	var w slotWords
	lists := [][]string{}
	if !p.Noun {
		lists = append(lists, p.Subj, p.Obj, p.Prt, p.XComp, p.XObj)
	}
	for _, sl := range p.Preps {
		w.need = append(w.need, sl.Prep...)
		w.sigs.needAll(sl.Prep...)
		lists = append(lists, sl.Words)
	}
	if p.Origin == "" { // PETRARCH's "* ARTILLERY" also matches inside the phrase
		for _, x := range lastWords(p.Obj) {
			w.objLast.add(x)
		}
	}
	for _, l := range lists {
		if len(l) == 0 {
			continue
		}
		last := lastWords(l)
		w.anyOf = append(w.anyOf, last)
		w.sigs.needOne(last)
	}
	return w
}

var slotCache sync.Map // *dictionary.Dictionary → map[*dictionary.Pattern]*slotWords

// patternSlots returns the slot words of every pattern of native
// dictionary d, or nil for PETRARCH dictionaries (whose patterns are also
// looked up by verb form and matched lexically).
func patternSlots(d *dictionary.Dictionary) map[*dictionary.Pattern]*slotWords {
	if d.Petrarch != nil {
		return nil
	}
	if v, ok := slotCache.Load(d); ok {
		return v.(map[*dictionary.Pattern]*slotWords)
	}
	m := make(map[*dictionary.Pattern]*slotWords, len(d.Patterns))
	for _, p := range d.Patterns {
		w := newSlotWords(p)
		m[p] = &w
	}
	v, _ := slotCache.LoadOrStore(d, m)
	return v.(map[*dictionary.Pattern]*slotWords)
}

// objectSigs maps the first element of each verb head's pattern list
// (dictionary.PatternsFor, whose lists stay put) to the objLast
// signatures of its patterns, in order: bestMatch reads them in a row
// instead of looking each pattern up.
type objectSigs map[**dictionary.Pattern][]wordSig

var objSigCache sync.Map // *dictionary.Dictionary → objectSigs

// patternObjectSigs returns the object signatures of native dictionary
// d's verb heads, or nil for PETRARCH dictionaries.
func patternObjectSigs(d *dictionary.Dictionary) objectSigs {
	slots := patternSlots(d)
	if slots == nil {
		return nil
	}
	if v, ok := objSigCache.Load(d); ok {
		return v.(objectSigs)
	}
	m := objectSigs{}
	for _, h := range d.VerbHeads() {
		pats := d.PatternsFor(h)
		if len(pats) == 0 {
			continue
		}
		sigs := make([]wordSig, len(pats))
		for i, p := range pats {
			if w := slots[p]; w != nil {
				sigs[i] = w.objLast
			}
		}
		m[&pats[0]] = sigs
	}
	v, _ := objSigCache.LoadOrStore(d, m)
	return v.(objectSigs)
}

// headCandidates calls f with every lemma the coder may look a tagged
// token's patterns up by: its lemma, and the stems makeVerb tries for an
// "-ed" word.
func headCandidates(tk *dyad.Token, f func(string) bool) bool {
	if f(strings.ToLower(tk.Lemma)) {
		return true
	}
	if w := strings.ToLower(tk.Text); len(w) > 2 && strings.HasSuffix(w, "ed") {
		return f(w[:len(w)-1]) || f(w[:len(w)-2])
	}
	return false
}

// patternPossible reports whether some pattern of some candidate head of
// the tagged sentence toks can find the words its slots ask for. It
// answers true for PETRARCH dictionaries.
func (c *Coder) patternPossible(toks []dyad.Token) bool {
	slots := c.ix.slots
	if slots == nil {
		return true
	}
	var sent wordSig
	words := make(map[string]bool, 2*len(toks))
	for i := range toks {
		w := strings.ToLower(toks[i].Text)
		sent.add(w)
		words[w] = true
		headCandidates(&toks[i], func(l string) bool { sent.add(l); words[l] = true; return false })
	}
	possible := func(ps []*dictionary.Pattern) bool {
		for _, p := range ps {
			if w := slots[p]; w == nil || w.possible(&sent, words) {
				return true
			}
		}
		return false
	}
	for i := range toks {
		if headCandidates(&toks[i], func(l string) bool {
			return possible(c.dict.PatternsFor(l)) || possible(c.dict.NounPatternsFor(l))
		}) {
			return true
		}
	}
	return false
}
