package nlp

import (
	"syscall"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// cpuTime returns the process's user+system CPU time, so that benchmarks
// on a shared machine can report throughput per CPU-second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

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
	cpu0 := cpuTime()
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
	cpu := (cpuTime() - cpu0).Seconds()
	if cpu > 0 {
		b.ReportMetric(float64(b.N*len(sents))/cpu, "sentences/cpu-s")
	}
}

func BenchmarkTagParseCPU(b *testing.B) { benchCPU(b, false) }
func BenchmarkParseCPU(b *testing.B)    { benchCPU(b, true) }
