package coder

import (
	"slices"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/dictionary"
)

// TestLexKeysCandidates checks which patterns lexKeys offers for a
// sentence's words: a pattern with words only when the sentence holds
// them all, one with a synset only when it holds a first word of one of
// its members, and one with neither always.
func TestLexKeysCandidates(t *testing.T) {
	w := func(s string) dictionary.PetrarchElem {
		return dictionary.PetrarchElem{Kind: dictionary.ElemWord, Text: s}
	}
	syn := dictionary.PetrarchElem{Kind: dictionary.ElemSynset, Text: "&CURRENCY"}
	tgt := dictionary.PetrarchElem{Kind: dictionary.ElemTarget}
	ix := &lexIndex{synFirst: map[string]map[string][][]string{
		"&currency": {"dollars": {{"dollars"}}, "euro": {{"euro"}, {"euro", "notes"}}},
	}}
	pats := []lexPattern{
		{p: &dictionary.PetrarchPattern{Post: []dictionary.PetrarchElem{w("to"), w("agreement"), tgt}}},                             // 0
		{p: &dictionary.PetrarchPattern{Post: []dictionary.PetrarchElem{tgt}}},                                                      // 1: always
		{p: &dictionary.PetrarchPattern{Post: []dictionary.PetrarchElem{syn, tgt}}},                                                 // 2
		{p: &dictionary.PetrarchPattern{Pre: []dictionary.PetrarchElem{w("not")}, Post: []dictionary.PetrarchElem{w("agreement")}}}, // 3
	}
	for i := range pats {
		pats[i] = ix.sign(pats[i])
	}
	k := ix.newLexKeys(pats, &keyCache{pats: map[*dictionary.PetrarchPattern][]int{}})
	for _, tc := range []struct {
		words string
		want  []int32
	}{
		{"they came to an agreement", []int32{0, 1}},
		{"they did not reach agreement", []int32{1, 3}},
		{"they did not come to an agreement", []int32{0, 1, 3}},
		{"they paid in euro", []int32{1, 2}},
		{"they paid in dollars to settle", []int32{1, 2}},
		{"nothing here", []int32{1}},
	} {
		var sent wordSig
		for _, x := range strings.Fields(tc.words) {
			sent.add(x)
		}
		got := k.candidates(&sent, nil)
		// A signature may let a pattern through by a bit collision, never
		// leave one out: the wanted ones must be there, and these words
		// collide with no other.
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: candidates %v, want %v", tc.words, got, tc.want)
		}
	}
}
