package text

import (
	"flag"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
)

var diag = flag.Int("diag", 0, "print up to this many token and sentence errors in the accuracy tests")

// goldDoc is a document rebuilt from a treebank: its text and the gold token
// and sentence spans.
type goldDoc struct {
	text      string
	tokens    []dyad.Span
	sentences []dyad.Span
}

// rebuildDocs joins the "# text =" lines of a treebank into documents: one
// space between the sentences of a paragraph, a blank line between
// paragraphs, a new document at each "# newdoc".
func rebuildDocs(t testing.TB, sents []*conllu.Sentence) []goldDoc {
	t.Helper()
	var docs []goldDoc
	var b strings.Builder
	var cur goldDoc
	flush := func() {
		if b.Len() > 0 {
			cur.text = b.String()
			docs = append(docs, cur)
		}
		b.Reset()
		cur = goldDoc{}
	}
	for _, s := range sents {
		newdoc, newpar := false, false
		for _, c := range s.Comments {
			if strings.HasPrefix(c, "newdoc") {
				newdoc = true
			}
			if strings.HasPrefix(c, "newpar") && !strings.HasPrefix(c, "newpar_") {
				newpar = true
			}
		}
		if newdoc {
			flush()
		} else if b.Len() > 0 {
			if newpar {
				b.WriteString("\n\n")
			} else {
				b.WriteString(" ")
			}
		}
		text := s.Text()
		base := b.Len()
		b.WriteString(text)
		cur.sentences = append(cur.sentences, dyad.Span{Start: base, End: base + len(text)})
		cur.tokens = append(cur.tokens, alignWords(t, s, text, base)...)
	}
	flush()
	return docs
}

// alignWords finds the byte spans of the syntactic words of s in text.
// A multiword token whose words do not spell it is one span.
func alignWords(t testing.TB, s *conllu.Sentence, text string, base int) []dyad.Span {
	var out []dyad.Span
	pos := 0
	skip := func() {
		for pos < len(text) {
			r, size := utf8.DecodeRuneInString(text[pos:])
			if !isSpaceRune(r) {
				return
			}
			pos += size
		}
	}
	mw := map[int]conllu.MultiWord{}
	for _, m := range s.MultiWords {
		mw[m.Start] = m
	}
	for wi := 0; wi < len(s.Words); wi++ {
		w := s.Words[wi]
		skip()
		if m, ok := mw[w.ID]; ok {
			if !strings.HasPrefix(text[pos:], m.Form) {
				t.Logf("line %d: cannot align %q at %q", s.Line, m.Form, text[pos:])
				return out
			}
			var parts []string
			for k := wi; k < len(s.Words) && s.Words[k].ID <= m.End; k++ {
				parts = append(parts, s.Words[k].Form)
			}
			if strings.Join(parts, "") == m.Form {
				for _, p := range parts {
					out = append(out, dyad.Span{Start: base + pos, End: base + pos + len(p)})
					pos += len(p)
				}
			} else {
				out = append(out, dyad.Span{Start: base + pos, End: base + pos + len(m.Form)})
				pos += len(m.Form)
			}
			wi += len(parts) - 1
			continue
		}
		if !strings.HasPrefix(text[pos:], w.Form) {
			t.Logf("line %d: cannot align %q at %q", s.Line, w.Form, text[pos:])
			return out
		}
		out = append(out, dyad.Span{Start: base + pos, End: base + pos + len(w.Form)})
		pos += len(w.Form)
	}
	return out
}

// scores holds counts for precision, recall and F1.
type scores struct{ tp, pred, gold int }

func (s scores) f1() float64 {
	if s.pred == 0 || s.gold == 0 {
		return 0
	}
	p, r := float64(s.tp)/float64(s.pred), float64(s.tp)/float64(s.gold)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// evaluate runs Split over the documents and scores tokens (exact spans)
// and sentence boundaries (sentence end offsets, except each document's
// last, which is trivially right).
func evaluate(t *testing.T, docs []goldDoc) (tok, sent scores) {
	shown := 0
	for _, d := range docs {
		pred := Split(d.text)
		ps := map[dyad.Span]bool{}
		ends := map[int]bool{}
		for i, s := range pred {
			for _, tk := range s.Tokens {
				ps[tk.Span] = true
			}
			if i < len(pred)-1 {
				ends[s.Span.End] = true
			}
		}
		gs := map[dyad.Span]bool{}
		for _, g := range d.tokens {
			gs[g] = true
		}
		tok.pred += len(ps)
		tok.gold += len(gs)
		for g := range gs {
			if ps[g] {
				tok.tp++
			}
		}
		gends := map[int]bool{}
		for i, s := range d.sentences {
			if i < len(d.sentences)-1 {
				gends[s.End] = true
			}
		}
		sent.pred += len(ends)
		sent.gold += len(gends)
		for e := range gends {
			if ends[e] {
				sent.tp++
			}
		}
		if shown < *diag {
			var missing []dyad.Span
			for g := range gs {
				if !ps[g] {
					missing = append(missing, g)
				}
			}
			sort.Slice(missing, func(i, j int) bool { return missing[i].Start < missing[j].Start })
			for _, g := range missing {
				if shown >= *diag {
					break
				}
				shown++
				a, b := max(0, g.Start-30), min(len(d.text), g.End+30)
				t.Logf("TOKEN missed %q in %q", d.text[g.Start:g.End], d.text[a:b])
			}
			for p := range ps {
				if !gs[p] && shown < *diag {
					shown++
					a, b := max(0, p.Start-30), min(len(d.text), p.End+30)
					t.Logf("TOKEN extra %q in %q", d.text[p.Start:p.End], d.text[a:b])
				}
			}
			for e := range gends {
				if !ends[e] && shown < *diag {
					shown++
					t.Logf("SENT missed end: %q || %q", d.text[max(0, e-40):e], d.text[e:min(len(d.text), e+40)])
				}
			}
			for e := range ends {
				if !gends[e] && shown < *diag {
					shown++
					t.Logf("SENT extra end: %q || %q", d.text[max(0, e-40):e], d.text[e:min(len(d.text), e+40)])
				}
			}
		}
	}
	return tok, sent
}

func loadTreebank(t *testing.T, paths ...string) []goldDoc {
	var docs []goldDoc
	for _, p := range paths {
		sents, err := conllu.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, rebuildDocs(t, sents)...)
	}
	return docs
}

func TestAccuracy(t *testing.T) {
	gumDir := filepath.Dir(shared.Path(t, "data/gum-news/GUM_news_afghan.conllu"))
	gum, err := filepath.Glob(filepath.Join(gumDir, "GUM_news_*.conllu"))
	if err != nil || len(gum) == 0 {
		t.Fatalf("no GUM news files in %s: %v", gumDir, err)
	}
	cases := []struct {
		name              string
		paths             []string
		tokFloor, sentMin float64
	}{
		// Floors are the measured scores (dev 0.9913/0.9239, test
		// 0.9908/0.9188, GUM news 0.9955/0.9741) minus a small margin.
		{"ewt-dev", []string{shared.Path(t, "data/ud-ewt/dev.conllu")}, 0.985, 0.915},
		{"ewt-test", []string{shared.Path(t, "data/ud-ewt/test.conllu")}, 0.985, 0.91},
		{"gum-news", gum, 0.99, 0.965},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			docs := loadTreebank(t, c.paths...)
			tok, sent := evaluate(t, docs)
			t.Logf("%s: %d docs, token F1 %.4f (tp %d pred %d gold %d), sentence-boundary F1 %.4f (tp %d pred %d gold %d)",
				c.name, len(docs), tok.f1(), tok.tp, tok.pred, tok.gold, sent.f1(), sent.tp, sent.pred, sent.gold)
			if tok.f1() < c.tokFloor {
				t.Errorf("token F1 %.4f below floor %.4f", tok.f1(), c.tokFloor)
			}
			if sent.f1() < c.sentMin {
				t.Errorf("sentence F1 %.4f below floor %.4f", sent.f1(), c.sentMin)
			}
		})
	}
}
