package coder

import (
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/geo"
)

// tree is a dependency tree over one sentence with 0-based token indexes.
// head[i] is the 0-based head of token i, or -1 for the root.
type tree struct {
	toks []dyad.Token
	// lows caches the lower-cased token texts (see lower), and sigs the
	// signatures of their prefixes and suffixes (see sideSigs).
	lows []string
	sigs []wordSig
	// bits caches the signature bits of the lower-cased texts (see bit).
	bits []uint8
	// lexCands is matchLexical's scratch list of candidate patterns.
	lexCands []int32
	head     []int
	kids     [][]int
	// rels holds each token's relation when a repair (repair.go) changed
	// the parser's tree; nil means the tokens' own relations.
	rels []string
	// repairs describes the repairs made, for --explain.
	repairs []string
	// verbal marks tokens a repair made verbs though tagged nouns or
	// adjectives; lemmas holds the verb lemmas it gave them.
	verbal []bool
	lemmas map[int]string
	// placer finds the sentence's places (nil when unknown); geoPlaces
	// caches them once placesFound.
	placer      *placer
	geoPlaces   []geo.Mention
	placesFound bool
	// dateText caches eventDateText.
	dateText *string
	// verbs reports whether a word is a verb lemma with dictionary
	// patterns (for the repairs; nil when unknown).
	verbs func(string) bool
	// mentions are the sentence's actor mentions, once known.
	mentions *mentionIndex
	// story is the document state, for pronoun antecedents.
	story *story
	// petrarch reports that PETRARCH dictionaries are loaded, for the
	// rules that copy PETRARCH's reading of a sentence.
	petrarch bool
	// deleted marks the tokens of comma clauses deleted by
	// Options.Comma (nil when none).
	deleted []bool
	// passiveByOnly is Options.PassiveByOnly.
	passiveByOnly bool
	// date is the document date, for names matched late (gapped names).
	date time.Time
}

func newTree(toks []dyad.Token) *tree {
	t := &tree{toks: toks, head: make([]int, len(toks)), kids: make([][]int, len(toks))}
	for i, tk := range toks {
		h := tk.Head - 1
		if tk.Head <= 0 || tk.Head > len(toks) || h == i {
			h = -1
		}
		t.head[i] = h
		if h >= 0 {
			t.kids[h] = append(t.kids[h], i)
		}
	}
	return t
}

// rel returns the relation of token i without its subtype ("obl:tmod" → "obl").
func (t *tree) rel(i int) string {
	r := t.fullRel(i)
	if k := strings.IndexByte(r, ':'); k >= 0 {
		return r[:k]
	}
	return r
}

// fullRel returns the relation of token i with its subtype.
func (t *tree) fullRel(i int) string {
	if t.rels != nil {
		return t.rels[i]
	}
	return t.toks[i].Rel
}

func (t *tree) lemma(i int) string {
	if l, ok := t.lemmas[i]; ok {
		return l
	}
	return strings.ToLower(t.toks[i].Lemma)
}

// childrenRel returns the children of i whose relation (without subtype) is rel.
func (t *tree) childrenRel(i int, rels ...string) []int {
	var out []int
	for _, k := range t.kids[i] {
		r := t.rel(k)
		for _, want := range rels {
			if r == want || t.fullRel(k) == want {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

func (t *tree) firstChildRel(i int, rels ...string) int {
	if c := t.childrenRel(i, rels...); len(c) > 0 {
		return c[0]
	}
	return -1
}

// conjuncts returns i followed by the tokens coordinated with it
// ("China and the US" → China, US), following conj chains.
func (t *tree) conjuncts(i int) []int {
	out := []int{i}
	for k := 0; k < len(out); k++ {
		for _, c := range t.kids[out[k]] {
			if t.rel(c) == "conj" && t.isNominal(c) == t.isNominal(i) {
				out = append(out, c)
			}
		}
	}
	return out
}

// firstConjunct climbs conj relations from i to the first conjunct of its
// coordination.
func (t *tree) firstConjunct(i int) int {
	for steps := 0; t.rel(i) == "conj" && t.head[i] >= 0 && steps < len(t.toks); steps++ {
		i = t.head[i]
	}
	return i
}

// isNominal reports whether token i heads a noun phrase.
func (t *tree) isNominal(i int) bool {
	switch t.toks[i].UPOS {
	case "NOUN", "PROPN", "PRON", "NUM", "X", "SYM":
		return true
	}
	return false
}

// caseWords returns the lowercased case/mark words attached to nominal i,
// joined with "_" for multiword prepositions ("in front of" → "in_front_of").
func (t *tree) caseWord(i int) string {
	var parts []string
	for _, c := range t.kids[i] {
		if c > i {
			break
		}
		if r := t.rel(c); r == "case" || (r == "fixed" && len(parts) > 0) {
			parts = append(parts, strings.ToLower(t.toks[c].Text))
			for _, f := range t.kids[c] {
				if t.rel(f) == "fixed" {
					parts = append(parts, strings.ToLower(t.toks[f].Text))
				}
			}
		}
	}
	return strings.Join(parts, "_")
}

// spanHead returns the head of tokens [a, b): the last of them whose own
// head lies outside the span, or -1.
func (t *tree) spanHead(a, b int) int {
	h := -1
	for k := a; k < b && k < len(t.head); k++ {
		if p := t.head[k]; p < a || p >= b {
			h = k
		}
	}
	return h
}

// subtreeSpan returns the first and last token index of i's subtree.
func (t *tree) subtreeSpan(i int) (int, int) {
	lo, hi := i, i
	stack := []int{i}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n < lo {
			lo = n
		}
		if n > hi {
			hi = n
		}
		stack = append(stack, t.kids[n]...)
	}
	return lo, hi
}

// ancestorOf reports whether a dominates b.
func (t *tree) ancestorOf(a, b int) bool {
	for n, steps := t.head[b], 0; n >= 0 && steps <= len(t.toks); n, steps = t.head[n], steps+1 {
		if n == a {
			return true
		}
	}
	return false
}

// nounPred reports whether predicate p is read as an event noun (tagged a
// noun and not made a verb by a repair).
func (t *tree) nounPred(p int) bool {
	u := t.toks[p].UPOS
	return (u == "NOUN" || u == "PROPN") && (t.verbal == nil || !t.verbal[p])
}

// lower returns token i's text in lower case, computed once per sentence:
// PETRARCH's lexical patterns compare every token with many words.
func (t *tree) lower(i int) string {
	if t.lows == nil {
		t.lows = make([]string, len(t.toks))
		for k := range t.toks {
			t.lows[k] = strings.ToLower(t.toks[k].Text)
		}
	}
	return t.lows[i]
}

// bit returns the signature bit of token i's lower-cased text
// (sigBit(t.lower(i))), hashed once per token.
func (t *tree) bit(i int) uint8 {
	if t.bits == nil {
		t.bits = make([]uint8, len(t.toks))
		for k := range t.toks {
			t.bits[k] = uint8(sigBit(t.lower(k)))
		}
	}
	return t.bits[i]
}
