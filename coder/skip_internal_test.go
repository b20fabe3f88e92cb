package coder

import (
	"testing"

	"github.com/dyad-events/dyad/text"
)

// TestMemoryReads checks which sentences a later pronoun may read back to.
func TestMemoryReads(t *testing.T) {
	sents := text.Split("Officials met. China agreed. It signed. He left. Talks ended.")
	if len(sents) != 5 {
		t.Fatalf("%d sentences", len(sents))
	}
	pre := make([][]Mention, len(sents))
	pre[0] = []Mention{{Kind: "agent", Code: ""}}
	pre[1] = []Mention{{Kind: "country", Code: "CHN", Name: "China"}}
	r := newMemoryReads(sents, pre)
	// "It" (sentence 2) reads back to China (1), which stops it there;
	// "He" (3) reads back past every sentence, none naming a person.
	want := []struct{ thing, person bool }{
		{false, true}, // 0: China in 1 answers "It"; "He" reads on
		{true, true},  // 1: "It" in 2
		{false, true}, // 2: "He" in 3
		{false, false},
		{false, false},
	}
	for i, w := range want {
		if r.thing[i] != w.thing || r.person[i] != w.person {
			t.Errorf("sentence %d: thing %v person %v, want %v %v", i, r.thing[i], r.person[i], w.thing, w.person)
		}
	}
}
