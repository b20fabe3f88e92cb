package nlp

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/dyad-events/dyad/internal/baseline"
	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
)

// The accuracy of the embedded models (gold tokenization, predicted tags,
// all words incl. punctuation, LAS with subtypes) is checked against the
// figures README.md states (eval/baselines.json): a drop of more than the
// tolerance fails; how far each stands from its target is logged.

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
	baseline.Check(t, "ewt_test_upos", sc.UPOS)
	baseline.Check(t, "ewt_test_uas", sc.UAS)
	baseline.Check(t, "ewt_test_las", sc.LAS)
}

func TestAccuracyGUMNews(t *testing.T) {
	if testing.Short() {
		t.Skip("accuracy evaluation skipped in -short mode")
	}
	sents := readTreebank(t, "data/gum-news")
	sc := defaultPipeline(t).Evaluate(sents, false)
	t.Logf("GUM news: %+v", sc)
	baseline.Check(t, "gum_news_las", sc.LAS)
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
