package parse

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
)

// forEachKernel runs test with the portable code and, where the CPU has
// AVX2, with the AVX2 kernels.
func forEachKernel(t *testing.T, test func(t *testing.T)) {
	saved := useAVX2
	t.Cleanup(func() { useAVX2 = saved })
	modes := []bool{false}
	if saved { // the CPU has AVX2
		modes = append(modes, true)
	}
	for _, avx := range modes {
		useAVX2 = avx
		name := "portable"
		if avx {
			name = "avx2"
		}
		t.Run(name, test)
	}
}

// randomSentences returns n sentences of words and tags drawn from
// fuzzTags and a small vocabulary.
func randomSentences(n int) [][]dyad.Token {
	words := []string{"Russia", "attacked", "Ukraine", ".", "the", "minister", "met", "with", "envoy",
		"and", "China", "India", "who", "did", "see", "yesterday", "?", "was", "by", "1999", "US", ","}
	rng := rand.New(rand.NewPCG(3, 4))
	sents := make([][]dyad.Token, n)
	for i := range sents {
		toks := make([]dyad.Token, 1+rng.IntN(40))
		for j := range toks {
			tg := fuzzTags[rng.IntN(len(fuzzTags))]
			toks[j] = dyad.Token{Text: words[rng.IntN(len(words))], UPOS: tg[0], XPOS: tg[1], Head: -1}
		}
		sents[i] = toks
	}
	return sents
}

func TestParseSameWithEveryKernel(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var want [][]dyad.Token
	forEachKernel(t, func(t *testing.T) {
		sents := randomSentences(300)
		for _, s := range sents {
			m.Parse(s)
		}
		if want == nil {
			want = sents
			return
		}
		for i := range sents {
			if !slices.Equal(sents[i], want[i]) {
				t.Fatalf("sentence %d: got %+v, want %+v", i, sents[i], want[i])
			}
		}
	})
}

func TestParseEWTSameWithEveryKernel(t *testing.T) {
	sents, err := conllu.ReadFile(shared.Path(t, "data/ud-ewt/test.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var want [][]dyad.Token
	forEachKernel(t, func(t *testing.T) {
		got := make([][]dyad.Token, len(sents))
		for i, s := range sents {
			got[i] = tokensOf(s)
			m.Parse(got[i])
		}
		if want == nil {
			want = got
			return
		}
		for i := range got {
			if !slices.Equal(got[i], want[i]) {
				t.Fatalf("sentence %d differs", i)
			}
		}
	})
}
