package nlp

import (
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/cputime"
)

// benchCPU annotates EWT test (gold tokenization; gold tags when goldTags)
// and reports sentences per CPU-second, which stays meaningful when other
// jobs share the machine.
func benchCPU(b *testing.B, goldTags bool) {
	sents := readTreebank(b, "data/ud-ewt/test.conllu")
	p := *defaultPipeline(b)
	if goldTags {
		p.Tagger = nil
	}
	toks := make([][]dyad.Token, len(sents))
	for i, s := range sents {
		toks[i] = make([]dyad.Token, len(s.Words))
	}
	b.ResetTimer()
	cpu0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		for k, s := range sents {
			t := toks[k]
			for j, w := range s.Words {
				t[j] = dyad.Token{Text: w.Form, Head: -1}
				if goldTags {
					t[j].UPOS, t[j].XPOS, t[j].Lemma = w.UPOS, w.XPOS, w.Lemma
				}
			}
			p.AnnotateSentence(&dyad.Sentence{Index: k, Tokens: t})
		}
	}
	cpu := (cputime.Process() - cpu0).Seconds()
	if cpu > 0 {
		b.ReportMetric(float64(b.N*len(sents))/cpu, "sentences/cpu-s")
	}
}

func BenchmarkTagParseCPU(b *testing.B) { benchCPU(b, false) }
func BenchmarkParseCPU(b *testing.B)    { benchCPU(b, true) }
