package parse

import (
	"bytes"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
)

// BenchmarkParseEWT parses EWT test (gold tokens and tags) with the
// embedded model on one goroutine and reports sentences/s.
func BenchmarkParseEWT(b *testing.B) {
	sents, err := conllu.ReadFile(shared.Path(b, "data/ud-ewt/test.conllu"))
	if err != nil {
		b.Fatal(err)
	}
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	toks := make([][]dyad.Token, len(sents))
	for i, s := range sents {
		toks[i] = tokensOf(s)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range toks {
			m.Parse(t)
		}
	}
	b.ReportMetric(float64(len(sents)*b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkLoad measures decoding the embedded model (Default does this
// once per process).
func BenchmarkLoad(b *testing.B) {
	data, err := modelFS.ReadFile(defaultModelPath)
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		if _, err := Read(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
