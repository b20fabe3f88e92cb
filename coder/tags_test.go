package coder

import (
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
)

// TestKnownTags checks which words the dictionary's names retag: a
// name's last capitalised word, country adjectives, and peoples in the
// plural, when the tagger gave them a class no name has; never words
// inside a longer name, lower-case words, or names it tagged as nouns.
func TestKnownTags(t *testing.T) {
	words := strings.Fields("Tokyo and Revolutionary Guards met Turkish officials and the Taliban , not Afghans or the government Guards")
	toks := make([]dyad.Token, len(words))
	for i, w := range words {
		toks[i].Text, toks[i].UPOS = w, "ADV"
	}
	toks[16].UPOS = "NOUN" // "Guards" below, tagged as a noun: left alone
	ms := []Mention{
		{Start: 0, End: 1, Kind: "capital"},
		{Start: 2, End: 4, Kind: "actor"},
		{Start: 5, End: 6, Kind: "adjective"},
		{Start: 8, End: 10, Kind: "actor"},
		{Start: 12, End: 13, Kind: "people"},
		{Start: 14, End: 16, Kind: "agent"},
		{Start: 16, End: 17, Kind: "actor"},
	}
	known := knownTags(toks, ms)
	want := map[int]string{0: "PROPN/NNP", 3: "PROPN/NNP", 5: "ADJ/JJ", 9: "PROPN/NNP", 12: "PROPN/NNPS"}
	for i := range words {
		got := ""
		if known[i].UPOS != "" {
			got = known[i].UPOS + "/" + known[i].XPOS
		}
		if got != want[i] {
			t.Errorf("%s: known %q, want %q", words[i], got, want[i])
		}
	}
	if knownTags(toks, nil) != nil {
		t.Errorf("no mentions gave known tags")
	}
}
