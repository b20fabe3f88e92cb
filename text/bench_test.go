package text

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
)

// newsText rebuilds the GUM news documents and repeats them to about 1 MB.
func newsText(b *testing.B) string {
	dir := filepath.Dir(shared.Path(b, "data/gum-news/GUM_news_afghan.conllu"))
	files, err := filepath.Glob(filepath.Join(dir, "GUM_news_*.conllu"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no GUM news files: %v", err)
	}
	var docs []string
	for _, f := range files {
		sents, err := conllu.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range rebuildDocs(b, sents) {
			docs = append(docs, d.text)
		}
	}
	one := strings.Join(docs, "\n\n")
	return strings.Repeat(one+"\n\n", (1<<20)/len(one)+1)
}

// BenchmarkSplit reports MB/s of wall time and, as cpu-MB/s, megabytes per
// second of process CPU time, which stays meaningful on a shared machine
// (run with -cpu 1 for a one-core figure).
func BenchmarkSplit(b *testing.B) {
	src := newsText(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Process()
	n := 0
	for b.Loop() {
		Split(src)
		n++
	}
	if used := cputime.Process() - start; used > 0 {
		b.ReportMetric(float64(n*len(src))/1e6/used.Seconds(), "cpu-MB/s")
	}
}

func BenchmarkTokenize(b *testing.B) {
	src := newsText(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Tokenize(src)
	}
}
