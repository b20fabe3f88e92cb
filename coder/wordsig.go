package coder

import "math/bits"

// wordSig is a 256-bit signature of a set of lower-cased words: a word
// sets one bit chosen by its hash. A set holds a word only if the word's
// bit is set, so a missing bit proves a word absent.
type wordSig [4]uint64

func (s *wordSig) add(w string) {
	b := sigBit(w)
	s[b>>6] |= 1 << (b & 63)
}

// addBit sets bit b (see sigBit).
func (s *wordSig) addBit(b uint8) { s[b>>6] |= 1 << (b & 63) }

// has reports whether bit b is set.
func (s *wordSig) has(b uint8) bool { return s[b>>6]&(1<<(b&63)) != 0 }

// sigBit returns the bit (0–255) word w sets in a signature.
func sigBit(w string) int {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	return int(h>>6&3)<<6 | int(h&63)
}

// bits returns the bits set in s, in increasing order.
func (s *wordSig) bits() []int {
	var out []int
	for q, x := range s {
		for ; x != 0; x &= x - 1 {
			out = append(out, q<<6|bits.TrailingZeros64(x))
		}
	}
	return out
}

// covers reports whether s has every bit of o.
func (s *wordSig) covers(o *wordSig) bool {
	return o[0]&^s[0]|o[1]&^s[1]|o[2]&^s[2]|o[3]&^s[3] == 0
}

// meets reports whether s and o share a bit.
func (s *wordSig) meets(o *wordSig) bool {
	return o[0]&s[0]|o[1]&s[1]|o[2]&s[2]|o[3]&s[3] != 0
}

// sigNeeds is what a pattern asks of a sentence's words, as signatures:
// every word of all, and for each set in anyOf one of its words. A
// sentence it rules out cannot hold the words; one it lets through may.
type sigNeeds struct {
	all   wordSig
	anyOf []wordSig
}

// needAll records that every word must occur.
func (n *sigNeeds) needAll(words ...string) {
	for _, w := range words {
		n.all.add(w)
	}
}

// needOne records that one of words must occur.
func (n *sigNeeds) needOne(words []string) {
	var s wordSig
	for _, w := range words {
		s.add(w)
	}
	n.anyOf = append(n.anyOf, s)
}

// mayMatch reports whether a sentence whose words have signature sent
// may satisfy n.
func (n *sigNeeds) mayMatch(sent *wordSig) bool {
	if !sent.covers(&n.all) {
		return false
	}
	for i := range n.anyOf {
		if !sent.meets(&n.anyOf[i]) {
			return false
		}
	}
	return true
}
