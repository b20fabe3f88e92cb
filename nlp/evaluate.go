package nlp

import (
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/nlp/conllu"
)

// Scores are the accuracies of a pipeline on a treebank, as percentages
// (0-100) over all words, punctuation included. LAS compares the full
// relation, subtype included (nsubj:pass is not nsubj).
type Scores struct {
	UPOS            float64 `json:"upos"`
	XPOS            float64 `json:"xpos"`
	UAS             float64 `json:"uas"`
	LAS             float64 `json:"las"`
	Sentences       int     `json:"sentences"`
	Tokens          int     `json:"tokens"`
	SentencesPerSec float64 `json:"sentences_per_sec"`
}

// Evaluate tags and parses the gold tokenization of sents, one sentence
// after another on the calling goroutine, and scores the result against the
// gold columns. With goldTags the gold UPOS, XPOS and LEMMA are kept and only
// the parser runs. SentencesPerSec measures tagging plus parsing only.
func (p *Pipeline) Evaluate(sents []*conllu.Sentence, goldTags bool) Scores {
	var sc Scores
	var upos, xpos, uas, las int
	toks := make([][]dyad.Token, len(sents))
	for i, s := range sents {
		t := make([]dyad.Token, len(s.Words))
		for j, w := range s.Words {
			t[j] = dyad.Token{Text: w.Form, Head: -1}
			if goldTags {
				t[j].UPOS, t[j].XPOS, t[j].Lemma = w.UPOS, w.XPOS, w.Lemma
			}
		}
		toks[i] = t
	}
	q := *p
	if goldTags {
		q.Tagger = nil
	}
	start := time.Now()
	for i := range toks {
		q.AnnotateSentence(&dyad.Sentence{Index: i, Tokens: toks[i]})
	}
	elapsed := time.Since(start)
	for i, s := range sents {
		for j, w := range s.Words {
			t := toks[i][j]
			sc.Tokens++
			if t.UPOS == w.UPOS {
				upos++
			}
			if t.XPOS == w.XPOS {
				xpos++
			}
			if t.Head == w.Head {
				uas++
				if t.Rel == w.Deprel {
					las++
				}
			}
		}
	}
	sc.Sentences = len(sents)
	if sc.Tokens > 0 {
		n := float64(sc.Tokens)
		sc.UPOS, sc.XPOS = 100*float64(upos)/n, 100*float64(xpos)/n
		sc.UAS, sc.LAS = 100*float64(uas)/n, 100*float64(las)/n
	}
	if s := elapsed.Seconds(); s > 0 {
		sc.SentencesPerSec = float64(len(sents)) / s
	}
	return sc
}
