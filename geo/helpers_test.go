package geo

import (
	"strings"
	"testing"
	"unicode"

	"github.com/dyad-events/dyad"
)

func mustDefault(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := Default()
	if err != nil {
		tb.Fatalf("Default: %v", err)
	}
	return g
}

// toks splits s on spaces into tokens with byte spans, as a tokenizer
// would for text whose punctuation is already spaced out; "Sar-e" stays
// one token.
func toks(s string) []dyad.Token {
	var out []dyad.Token
	pos := 0
	for _, f := range strings.Fields(s) {
		i := strings.Index(s[pos:], f) + pos
		out = append(out, dyad.Token{Text: f, Span: dyad.Span{Start: i, End: i + len(f)}, Head: -1})
		pos = i + len(f)
	}
	for i := range out {
		out[i].SpaceAfter = i+1 < len(out) && out[i+1].Span.Start > out[i].Span.End
	}
	return out
}

// tokenize is toks for ordinary text: commas and final periods are split
// off words.
func tokenize(s string) []dyad.Token {
	var b strings.Builder
	for i, r := range s {
		if r == ',' || (r == '.' && (i+1 == len(s) || s[i+1] == ' ') && i > 0 && unicode.IsLower(rune(s[i-1]))) {
			b.WriteByte(' ')
			b.WriteRune(r)
			continue
		}
		b.WriteRune(r)
	}
	// Spans must point into s, so map the spaced copy back.
	ts := toks(b.String())
	pos := 0
	for i := range ts {
		j := strings.Index(s[pos:], ts[i].Text) + pos
		ts[i].Span = dyad.Span{Start: j, End: j + len(ts[i].Text)}
		pos = j + len(ts[i].Text)
	}
	return ts
}
