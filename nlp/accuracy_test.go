package nlp

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
)

// Accuracy targets of the embedded models (gold tokenization, predicted
// tags, all words incl. punctuation, LAS with subtypes).
const (
	targetUPOS   = 95.0
	targetUAS    = 86.5
	targetLAS    = 83.0
	targetGUMLAS = 80.0
)

func readTreebank(tb testing.TB, rel string) []*conllu.Sentence {
	tb.Helper()
	p := shared.Path(tb, rel)
	fi, err := os.Stat(p)
	if err != nil {
		tb.Fatal(err)
	}
	files := []string{p}
	if fi.IsDir() {
		files, _ = filepath.Glob(filepath.Join(p, "*.conllu"))
		sort.Strings(files)
	}
	var out []*conllu.Sentence
	for _, f := range files {
		s, err := conllu.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, s...)
	}
	return out
}

func TestAccuracyEWTTest(t *testing.T) {
	if testing.Short() {
		t.Skip("accuracy evaluation skipped in -short mode")
	}
	sents := readTreebank(t, "data/ud-ewt/test.conllu")
	sc := defaultPipeline(t).Evaluate(sents, false)
	t.Logf("EWT test: %+v", sc)
	if sc.Sentences != 2077 {
		t.Errorf("read %d sentences, want 2077", sc.Sentences)
	}
	if sc.UPOS < targetUPOS {
		t.Errorf("UPOS %.2f < %.1f", sc.UPOS, targetUPOS)
	}
	if sc.UAS < targetUAS {
		t.Errorf("UAS %.2f < %.1f", sc.UAS, targetUAS)
	}
	if sc.LAS < targetLAS {
		t.Errorf("LAS %.2f < %.1f", sc.LAS, targetLAS)
	}
}

func TestAccuracyGUMNews(t *testing.T) {
	if testing.Short() {
		t.Skip("accuracy evaluation skipped in -short mode")
	}
	sents := readTreebank(t, "data/gum-news")
	sc := defaultPipeline(t).Evaluate(sents, false)
	t.Logf("GUM news: %+v", sc)
	if sc.LAS < targetGUMLAS {
		t.Errorf("LAS %.2f < %.1f", sc.LAS, targetGUMLAS)
	}
}

// BenchmarkTagParse measures tagging plus parsing of EWT test (gold
// tokenization) on one goroutine and reports sentences/s.
func BenchmarkTagParse(b *testing.B) {
	sents := readTreebank(b, "data/ud-ewt/test.conllu")
	p := defaultPipeline(b)
	b.ResetTimer()
	var per float64
	for i := 0; i < b.N; i++ {
		sc := p.Evaluate(sents, false)
		per += sc.SentencesPerSec
	}
	b.ReportMetric(per/float64(b.N), "sentences/s")
}

// BenchmarkParse measures the parser alone on EWT test with gold tags.
func BenchmarkParse(b *testing.B) {
	sents := readTreebank(b, "data/ud-ewt/test.conllu")
	p := defaultPipeline(b)
	b.ResetTimer()
	var per float64
	for i := 0; i < b.N; i++ {
		sc := p.Evaluate(sents, true)
		per += sc.SentencesPerSec
	}
	b.ReportMetric(per/float64(b.N), "sentences/s")
}
