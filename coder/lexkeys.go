package coder

import (
	"math/bits"

	"github.com/dyad-events/dyad/dictionary"
)

// lexKeyedMin is the number of lexical patterns from which a verb's
// patterns are filed by key (lexKeys): below it, testing each pattern's
// signatures costs less than gathering candidates.
const lexKeyedMin = 48

// lexKeys files the lexical patterns of one verb form by a word each
// needs, so that matchLexical visits only the patterns whose word the
// sentence may hold (the Phoenix verbs SAY or MEET have hundreds of
// patterns, and a sentence's words rule out nearly all of them).
// A pattern is filed under the signature bit of its longest word; one
// without words under the bits of the first words of its synset with
// the fewest of them (one of those must occur); one with neither is
// always a candidate.
type lexKeys struct {
	n      int // the number of patterns filed
	always []int32
	start  [257]int32 // idx[start[b]:start[b+1]] are the patterns of bit b
	idx    []keyedPattern
}

// keyedPattern is a pattern filed under a bit, with the folded
// signature of all the words it spells out (on either side of the verb),
// so that most candidates are ruled out without reading the pattern
// itself.
type keyedPattern struct {
	all uint64
	i   int32
}

// fold ORs a signature's four words into one: when s covers o, fold(s)
// covers fold(o), so a folded test can only let more through.
func (s *wordSig) fold() uint64 { return s[0] | s[1] | s[2] | s[3] }

// keyCache remembers, while the keys are built, the key bits of each
// pattern (verb forms share their block's patterns).
type keyCache struct {
	pats map[*dictionary.PetrarchPattern][]int
}

// newLexKeys files pats (see lexKeys).
func (ix *lexIndex) newLexKeys(pats []lexPattern, kc *keyCache) *lexKeys {
	k := &lexKeys{n: len(pats)}
	byBit := make([][]keyedPattern, 256)
	for i := range pats {
		lp := &pats[i]
		keyBits, ok := kc.pats[lp.p]
		if !ok {
			keyBits = ix.keyBits(lp)
			kc.pats[lp.p] = keyBits
		}
		if len(keyBits) == 0 {
			k.always = append(k.always, int32(i))
			continue
		}
		kp := keyedPattern{i: int32(i), all: lp.pre.all.fold() | lp.post.all.fold()}
		for _, b := range keyBits {
			byBit[b] = append(byBit[b], kp)
		}
	}
	for b := range byBit {
		k.start[b] = int32(len(k.idx))
		k.idx = append(k.idx, byBit[b]...)
	}
	k.start[256] = int32(len(k.idx))
	return k
}

// keyBits returns the signature bits lp is filed under: one of them is
// set in the signature of any sentence lp matches.
func (ix *lexIndex) keyBits(lp *lexPattern) []int {
	var word *lexElem
	var syn []int
	for _, els := range [2][]lexElem{lp.preEls, lp.postEls} {
		for i := range els {
			switch e := &els[i]; e.Kind {
			case dictionary.ElemWord:
				if e.Text != "" && (word == nil || len(e.Text) > len(word.Text)) {
					word = e
				}
			case dictionary.ElemSynset:
				first := e.firstWords()
				if bs := first.bits(); len(bs) > 0 && (syn == nil || len(bs) < len(syn)) {
					syn = bs
				}
			}
		}
	}
	if word != nil {
		return []int{int(word.bit)}
	}
	return syn
}

// candidates returns, in increasing order, the indexes of the patterns
// always candidates, and of those filed under a bit of sent whose words
// sent may all hold, in buf's storage. The patterns are marked in a
// bitmap, which orders them and drops repeats (a pattern filed under
// several bits) for less than sorting costs.
func (k *lexKeys) candidates(sent *wordSig, buf []int32) []int32 {
	var small [64]uint64
	marks := small[:]
	if words := (k.n + 63) / 64; words > len(small) {
		marks = make([]uint64, words)
	}
	for _, i := range k.always {
		marks[i>>6] |= 1 << (i & 63)
	}
	folded := sent.fold()
	for q, x := range sent {
		for ; x != 0; x &= x - 1 {
			b := q<<6 | bits.TrailingZeros64(x)
			for j := k.start[b]; j < k.start[b+1]; j++ {
				if e := &k.idx[j]; e.all&^folded == 0 {
					marks[e.i>>6] |= 1 << (e.i & 63)
				}
			}
		}
	}
	out := buf[:0]
	for w, x := range marks[:(k.n+63)/64] {
		for ; x != 0; x &= x - 1 {
			out = append(out, int32(w<<6|bits.TrailingZeros64(x)))
		}
	}
	return out
}
