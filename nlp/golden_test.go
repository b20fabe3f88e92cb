package nlp

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/dyad-events/dyad"
)

// goldenDigests are SHA-256 digests of every predicted UPOS, XPOS, lemma,
// head and relation of the embedded models on EWT test and GUM news, with
// predicted tags (tag+parse) and with gold tags (parse only). They were
// computed before the inference-speed work on nlp/tag and nlp/parse; any
// change to the models' output changes them. The tag+parse digests were
// renewed once, for the lemmas of nlp/lemma/news-lemmas.txt (troops →
// troop, boycotted → boycott); tags and arcs did not change.
var goldenDigests = map[string]string{
	"ewt-test/tagparse": "bf691c78fe777cba57cd2477667aa1bb3426792ac193a43b0b4f29cba8010a3b",
	"ewt-test/parse":    "fe0bb0b33d0c74dbe11274b8b9ed81cbcd6c24f43a81168837fac62fb9803398",
	"gum-news/tagparse": "377382bdf0244ce25d1b64aae16f02d9b7277b71300d41644112a79d8c1e237a",
	"gum-news/parse":    "d2dda1dd9eb669208096bea62eda4ac526cc1a79f56f9b7530f608882a7beed4",
}

func TestGoldenOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("golden output check skipped in -short mode")
	}
	p := defaultPipeline(t)
	for _, tb := range []struct{ name, path string }{
		{"ewt-test", "data/ud-ewt/test.conllu"},
		{"gum-news", "data/gum-news"},
	} {
		sents := readTreebank(t, tb.path)
		for _, goldTags := range []bool{false, true} {
			q := *p
			mode := "tagparse"
			if goldTags {
				q.Tagger, mode = nil, "parse"
			}
			h := sha256.New()
			for i, s := range sents {
				toks := make([]dyad.Token, len(s.Words))
				for j, w := range s.Words {
					toks[j] = dyad.Token{Text: w.Form, Head: -1}
					if goldTags {
						toks[j].UPOS, toks[j].XPOS, toks[j].Lemma = w.UPOS, w.XPOS, w.Lemma
					}
				}
				q.AnnotateSentence(&dyad.Sentence{Index: i, Tokens: toks})
				for _, tk := range toks {
					fmt.Fprintf(h, "%s\t%s\t%s\t%d\t%s\n", tk.UPOS, tk.XPOS, tk.Lemma, tk.Head, tk.Rel)
				}
				fmt.Fprintln(h)
			}
			key := tb.name + "/" + mode
			got := hex.EncodeToString(h.Sum(nil))
			if want := goldenDigests[key]; got != want {
				t.Errorf("%s: output digest %s, want %s", key, got, want)
			}
		}
	}
}
