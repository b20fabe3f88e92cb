package coder

import (
	"testing"
)

func TestCommaClauses(t *testing.T) {
	// "Arnor restored complete , full ties with Gondor , it seems , a Bree official said ."
	spec := "Arnor Arnor PROPN 2 nsubj | restored restore VERB 0 root | complete complete ADJ 6 amod | , , PUNCT 5 punct | full full ADJ 6 amod | ties tie NOUN 2 obj | with with ADP 8 case | Gondor Gondor PROPN 6 nmod | , , PUNCT 11 punct | it it PRON 11 nsubj | seems seem VERB 2 parataxis | , , PUNCT 16 punct | a a DET 15 det | Bree Bree PROPN 15 compound | official official NOUN 16 nsubj | said say VERB 2 parataxis | . . PUNCT 2 punct"
	s := parsedSentence(t, spec)
	tr := newTree(s.Tokens)
	deleted := func(del []bool) string {
		out := ""
		for i, d := range del {
			if d {
				out += s.Tokens[i].Text + " "
			}
		}
		return out
	}
	for _, tc := range []struct {
		name string
		o    CommaOptions
		want string
	}{
		{"off", CommaOptions{}, ""},
		{"the comma between adjectives delimits nothing; internal 2..8", CommaOptions{Min: 2, Max: 8}, "it seems "},
		{"internal clause too short", CommaOptions{Min: 3, Max: 8}, ""},
		{"terminal 2..8 (the final stop stays)", CommaOptions{EMin: 2, EMax: 8}, "a Bree official said "},
		{"terminal too long", CommaOptions{EMin: 2, EMax: 3}, ""},
		{"initial 3..8", CommaOptions{BMin: 3, BMax: 8}, "Arnor restored complete , full ties with Gondor "},
		{"initial too long", CommaOptions{BMin: 3, BMax: 6}, ""},
	} {
		if got := deleted(tr.commaClauses(tc.o)); got != tc.want {
			t.Errorf("%s: deleted %q, want %q", tc.name, got, tc.want)
		}
	}
}
