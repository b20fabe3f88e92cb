package text

import (
	"testing"
	"unicode/utf8"
)

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"", " ", "\n\n", "KABUL, March 3 (Reuters) - The Taliban met. U.S. officials said so.",
		"He didn’t go to the U.S. The end...", "“Quote,” he said—again… (x) [y]",
		"$1.5bn 20% 1,000 3.5 e-mail U.S.-led 713-853-3989 a@b.c http://x.y/z.",
		"a\x00b\xff\xfe\u00a0c\u2028d\u2029e", "1. one\n2. two\n- three", "'s 'll ' ’ ’s",
		"Mr. No. 5 etc. Inc.. e.g.,", "#tag @h :) :-( [...] ...", "US$ HK$5 ---- ====",
	} {
		f.Add(s)
	}
	recoverPanics = false
	f.Fuzz(func(t *testing.T, src string) {
		sents := Split(src)
		checkInvariants(t, src, sents)
		// Every non-space byte of the input is covered by a token unless
		// it is a control or separator character.
		covered := 0
		for _, s := range sents {
			for _, tk := range s.Tokens {
				covered += tk.Span.Len()
			}
		}
		spaceBytes := 0
		for i := 0; i < len(src); {
			r, size := utf8.DecodeRuneInString(src[i:])
			if isSpaceRune(r) && !(r == utf8.RuneError && size == 1) {
				spaceBytes += size
			}
			i += size
		}
		if covered+spaceBytes != len(src) {
			t.Fatalf("tokens cover %d bytes and spaces %d, input has %d", covered, spaceBytes, len(src))
		}
		toks := Tokenize(src)
		prev := 0
		for _, tk := range toks {
			if !tk.Span.Valid(len(src)) || tk.Span.Start < prev || src[tk.Span.Start:tk.Span.End] != tk.Text {
				t.Fatalf("Tokenize: bad token %q %v", tk.Text, tk.Span)
			}
			prev = tk.Span.End
		}
	})
}
