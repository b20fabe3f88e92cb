package text

import (
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
)

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if !((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z')) {
			return false
		}
	}
	return w != ""
}

// TestHyphenPrefixes re-derives hyphenPrefixes and hyphenSuffixes from the
// EWT training treebank: each listed prefix must be kept attached at least
// once and at least as often as it is split off.
func TestHyphenPrefixes(t *testing.T) {
	sents, err := conllu.ReadFile(shared.Path(t, "data/ud-ewt/train.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	kept, split := map[string]int{}, map[string]int{}
	keptSuffix := map[string]int{}
	for _, s := range sents {
		text := s.Text()
		spans := alignWords(t, s, text, 0)
		for i, sp := range spans {
			w := text[sp.Start:sp.End]
			if a, b, ok := strings.Cut(w, "-"); ok && isLetters(a) && isLetters(b) {
				kept[strings.ToLower(a)]++
				keptSuffix[strings.ToLower(b)]++
			}
			if i+2 < len(spans) && text[spans[i+1].Start:spans[i+1].End] == "-" &&
				spans[i+1].Start == sp.End && spans[i+2].Start == spans[i+1].End &&
				isLetters(w) && isLetters(text[spans[i+2].Start:spans[i+2].End]) {
				split[strings.ToLower(w)]++
			}
		}
	}
	for p := range hyphenPrefixes {
		if kept[p] == 0 || kept[p] < split[p] {
			t.Errorf("prefix %q: kept %d, split %d in EWT train", p, kept[p], split[p])
		}
	}
	for sfx := range hyphenSuffixes {
		if keptSuffix[sfx] == 0 {
			t.Errorf("suffix %q never kept in EWT train", sfx)
		}
	}
	// Frequent prefixes the treebank keeps should all be listed.
	for p, n := range kept {
		if n >= 3 && n > 2*split[p] && !hyphenPrefixes[p] && len(p) > 1 {
			t.Logf("prefix %q kept %d times, split %d, but not listed", p, n, split[p])
		}
	}
}
