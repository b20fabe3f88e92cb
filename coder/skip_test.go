package coder_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/coder"
)

// TestSkipReasons checks, sentence by sentence, which sentences are parsed
// and why the others are not. The last sentence of each text is the one
// checked; "" means it is parsed.
func TestSkipReasons(t *testing.T) {
	o := coder.DefaultOptions()
	o.Explain = true
	c := defaultCoder(t, o)
	date := time.Date(2023, 5, 2, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ name, text, skip string }{
		{"no actor", "The weather was mild on Monday.", "no actor mention"},
		{"one actor", "China said on Monday that the weather was mild.", "fewer than two possible actors"},
		{"one actor twice", "China said China would wait.", "fewer than two possible actors"},
		{"two actors", "China criticised Japan on Monday.", ""},
		{"a pronoun with an antecedent", "Japan protested. China criticised it on Monday.", ""},
		{"two pronouns of one kind", "Japan protested. It said it would wait.", "fewer than two possible actors"},
		{"a pronoun standing for the actor named", "Japan protested. It said Japan would wait.", "fewer than two possible actors"},
		{"a pronoun standing for another actor", "Japan protested. It said China would wait.", ""},
		{"a possessor country after a role", "The foreign ministers of Afghanistan's neighbours met on Monday.", ""},
		{"a place and an attack", "Russian forces struck the port of Odesa on Monday.", ""},
		{"a place and a statement", "Russian officials spoke in Odesa on Monday.", "fewer than two possible actors (a place, but no act aimed at places)"},
		{"a question", "Will China criticise Japan?", "a question reports no event"},
		{"no pattern's words", "China and Japan had a long history.", "no pattern finds the words it asks for"},
		{"a pattern's words", "China and Japan had talks.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.CodeText("skip", tc.text, date)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Explain) == 0 {
				t.Fatal("no sentences")
			}
			last := res.Explain[len(res.Explain)-1]
			got := ""
			for _, n := range last.Notes {
				if r, ok := strings.CutPrefix(n, "skipped: "); ok {
					got = r
				}
			}
			if got != tc.skip {
				t.Errorf("%q: skipped %q, want %q (notes %q)", last.Text, got, tc.skip, last.Notes)
			}
		})
	}
}
