package coder_test

import (
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/text"
)

// BenchmarkCodeGUMFloor measures what BenchmarkCodeGUM could reach with a
// coder that cost nothing: it splits every GUM news document into
// sentences and tags and parses exactly the sentences the coder tags and
// parses (found by coding each document once before timing), and nothing
// else. Its sentences/s bounds the end-to-end rate for as long as the
// coder must parse those sentences, whatever the rest of it costs.
func BenchmarkCodeGUMFloor(b *testing.B) {
	b.Run("defaults", func(b *testing.B) { benchNLPFloor(b, defaultCoder(b, coder.DefaultOptions())) })
	b.Run("phoenix", func(b *testing.B) { benchNLPFloor(b, phoenixCoder(b, coder.DefaultOptions())) })
}

// floorDoc is one document's text and the sentences the coder tags (and
// parses), their analyses cleared.
type floorDoc struct {
	text           string
	tagged, parsed [][]dyad.Token
}

func benchNLPFloor(b *testing.B, c *coder.Coder) {
	p, err := nlp.Default()
	if err != nil {
		b.Fatal(err)
	}
	var docs []floorDoc
	sentences, tagged, parsed := 0, 0, 0
	for _, d := range gumDocs(b) {
		res, err := c.CodeDocument(&dyad.Document{ID: d.ID, Text: d.Text, Date: d.Date})
		if err != nil {
			b.Fatal(err)
		}
		fd := floorDoc{text: d.Text}
		for _, s := range res.Sentences {
			if len(s.Tokens) == 0 || s.Tokens[0].UPOS == "" {
				continue
			}
			toks := make([]dyad.Token, len(s.Tokens))
			for i, t := range s.Tokens {
				toks[i] = dyad.Token{Text: t.Text, Span: t.Span, SpaceAfter: t.SpaceAfter, Head: -1}
			}
			if s.Tokens[0].Rel != "" {
				fd.parsed = append(fd.parsed, toks)
			} else {
				fd.tagged = append(fd.tagged, toks)
			}
		}
		sentences += len(res.Sentences)
		tagged += len(fd.tagged) + len(fd.parsed)
		parsed += len(fd.parsed)
		docs = append(docs, fd)
	}
	if parsed == 0 {
		b.Fatal("the coder parsed no sentence")
	}
	var scratch []dyad.Token
	b.ResetTimer()
	c0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if len(text.Split(d.text)) == 0 {
				b.Fatal("no sentences")
			}
			for _, toks := range d.tagged {
				scratch = append(scratch[:0], toks...)
				p.Tagger.TagTokens(scratch)
			}
			for _, toks := range d.parsed {
				scratch = append(scratch[:0], toks...)
				p.Tagger.TagTokens(scratch)
				p.Parser.Parse(scratch)
			}
		}
	}
	n := float64(b.N * sentences)
	b.ReportMetric(n/b.Elapsed().Seconds(), "sentences/s")
	b.ReportMetric(n/(cputime.Process()-c0).Seconds(), "sentences/cpu-s")
	b.ReportMetric(100*float64(tagged)/float64(sentences), "%tagged")
	b.ReportMetric(100*float64(parsed)/float64(sentences), "%parsed")
}
