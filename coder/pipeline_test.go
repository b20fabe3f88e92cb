package coder_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/dictionary"
	"github.com/dyad-events/dyad/dicts"
	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/nlp/conllu"
)

// sampleDocs reads the bundled sample news (examples/news/*.jsonl).
func sampleDocs(t testing.TB) []dyad.Document {
	t.Helper()
	files, _ := filepath.Glob("../examples/news/*.jsonl")
	if len(files) == 0 {
		t.Fatal("no sample news in ../examples/news")
	}
	var docs []dyad.Document
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
		for sc.Scan() {
			var rec struct{ ID, Date, Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			d, _ := time.Parse("2006-01-02", rec.Date)
			docs = append(docs, dyad.Document{ID: rec.ID, Text: rec.Text, Date: d})
		}
		fh.Close()
	}
	return docs
}

// gumDocs rebuilds the raw text of the GUM news documents from their
// "# text =" lines (real news text for throughput and skip tests).
func gumDocs(t testing.TB) []dyad.Document {
	t.Helper()
	dir := shared.Path(t, "data/gum-news")
	files, _ := filepath.Glob(filepath.Join(dir, "*.conllu"))
	var docs []dyad.Document
	for _, f := range files {
		ss, err := conllu.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, s := range ss {
			if _, ok := s.Comment("newpar"); ok || hasPrefixComment(s, "newpar") {
				b.WriteString("\n\n")
			}
			b.WriteString(s.Text())
			b.WriteByte(' ')
		}
		docs = append(docs, dyad.Document{ID: filepath.Base(f), Text: b.String(), Date: time.Date(2017, 7, 1, 0, 0, 0, 0, time.UTC)})
	}
	return docs
}

func hasPrefixComment(s *conllu.Sentence, p string) bool {
	for _, c := range s.Comments {
		if strings.HasPrefix(c, p) {
			return true
		}
	}
	return false
}

func defaultCoder(t testing.TB, opts coder.Options) *coder.Coder {
	t.Helper()
	d, err := dicts.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	return coder.New(d, p, opts)
}

// TestSkipLosesNothing proves that not parsing sentences which cannot
// yield an event changes no event: every document is coded with and without
// skipping and the events must be identical.
func TestSkipLosesNothing(t *testing.T) {
	docs := sampleDocs(t)
	if _, ok := shared.Optional("data/gum-news"); ok {
		docs = append(docs, gumDocs(t)...)
	}
	sameWithoutShortcuts(t, defaultCoder(t, coder.DefaultOptions()), docs, coder.SetMatchPrefilter)
}

// sameWithoutShortcuts codes docs with c and with c's options plus NoSkip
// (between, when set, turns other shortcuts off and back on around the
// second coding) and requires identical events.
func sameWithoutShortcuts(t *testing.T, c *coder.Coder, docs []dyad.Document, between func(on bool)) {
	t.Helper()
	o := c.Options()
	o.NoSkip = true
	full := c.WithOptions(o)
	var st coder.Stats
	events := 0
	for i := range docs {
		a, err := c.CodeDocument(&dyad.Document{ID: docs[i].ID, Text: docs[i].Text, Date: docs[i].Date})
		if err != nil {
			t.Fatal(err)
		}
		if between != nil {
			between(false)
		}
		b, err := full.CodeDocument(&dyad.Document{ID: docs[i].ID, Text: docs[i].Text, Date: docs[i].Date})
		if between != nil {
			between(true)
		}
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a.Events, b.Events) {
			t.Errorf("%s: the shortcuts changed the events:\nwith    %v\nwithout %v", docs[i].ID, a.Events, b.Events)
		}
		st.Add(a.Stats)
		events += len(a.Events)
	}
	if st.Sentences == 0 || events == 0 {
		t.Fatalf("nothing coded: %+v, %d events", st, events)
	}
	t.Logf("%d documents, %d sentences, %d parsed, %d skipped (%.1f%%), %d events", len(docs), st.Sentences, st.Parsed, st.Skipped,
		100*float64(st.Skipped)/float64(st.Sentences), events)
}

// BenchmarkCodeGUM codes the GUM news documents end to end (tokenize, tag,
// parse, code) with the embedded default dictionaries.
func BenchmarkCodeGUM(b *testing.B) {
	benchCode(b, defaultCoder(b, coder.DefaultOptions()))
}

// BenchmarkCodeGUMPhoenix does the same with the full Phoenix dictionaries.
func BenchmarkCodeGUMPhoenix(b *testing.B) {
	benchCode(b, phoenixCoder(b, coder.DefaultOptions()))
}

// phoenixCoder returns a coder over the Phoenix dictionaries in
// ../shared/data/petrarch (the test is skipped without them).
func phoenixCoder(t testing.TB, opts coder.Options) *coder.Coder {
	t.Helper()
	dir := shared.Path(t, "data/petrarch")
	d, err := dictionary.LoadPetrarch(dictionary.PetrarchFiles{
		Verbs:    filepath.Join(dir, "CAMEO.verbpatterns.150430.txt"),
		Actors:   []string{filepath.Join(dir, "Phoenix.Countries.actors.txt"), filepath.Join(dir, "Phoenix.International.actors.txt"), filepath.Join(dir, "Phoenix.MilNonState.actors.txt")},
		Agents:   filepath.Join(dir, "Phoenix.agents.txt"),
		Discards: filepath.Join(dir, "Phoenix.discards.txt"),
		Issues:   filepath.Join(dir, "Phoenix.IssueCoding.txt"),
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	return coder.New(d, p, opts)
}

// TestPhoenixShortcutsLoseNothing codes the GUM news and the sample news
// with the Phoenix dictionaries twice: with the shortcuts (skipping
// sentences that cannot yield an event, the word-signature test before
// lexical matching) and without them. The events must be identical.
func TestPhoenixShortcutsLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("codes every document twice with the Phoenix dictionaries")
	}
	sameWithoutShortcuts(t, phoenixCoder(t, coder.DefaultOptions()), append(gumDocs(t), sampleDocs(t)...), coder.SetMatchPrefilter)
}

func benchCode(b *testing.B, c *coder.Coder) {
	docs := gumDocs(b)
	b.ResetTimer()
	cpu0 := cputime.Process()
	var st coder.Stats
	bytes := 0
	for i := 0; i < b.N; i++ {
		for j := range docs {
			res, err := c.CodeDocument(&dyad.Document{ID: docs[j].ID, Text: docs[j].Text, Date: docs[j].Date})
			if err != nil {
				b.Fatal(err)
			}
			st.Add(res.Stats)
			bytes += len(docs[j].Text)
		}
	}
	b.SetBytes(int64(bytes / max(b.N, 1)))
	b.ReportMetric(float64(st.Sentences)/b.Elapsed().Seconds(), "sentences/s")
	b.ReportMetric(100*float64(st.Skipped)/float64(max(st.Sentences, 1)), "%skipped")
	if cpu1 := cputime.Process(); cpu0 > 0 && cpu1 > cpu0 {
		// Per CPU-second: meaningful when other jobs share the machine.
		b.ReportMetric(float64(st.Sentences)/(cpu1-cpu0).Seconds(), "sentences/cpu-s")
	}
}

// FuzzCodeDocument codes arbitrary text with every option combination that
// changes code paths; it must never fail or produce an event without a
// CAMEO code or with spans outside the text.
func FuzzCodeDocument(f *testing.F) {
	f.Add("Russian forces attacked Ukraine on Saturday, officials said.", true, 0)
	f.Add("Stinker is about to restore ties with Gondor, a senior official said on Saturday.", false, 4)
	f.Add("\x00\xff?? It met them. They said it would.", false, 0)
	c := defaultCoder(f, coder.DefaultOptions())
	f.Fuzz(func(t *testing.T, text string, requireDyad bool, newActor int) {
		o := coder.DefaultOptions()
		o.RequireDyad = requireDyad
		o.NewActorLength = newActor % 6
		res, err := c.WithOptions(o).CodeDocument(&dyad.Document{ID: "fuzz", Text: text, Date: time.Date(2022, 3, 28, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatalf("CodeDocument: %v", err)
		}
		for _, e := range res.Events {
			if e.CAMEO == "" || e.Source.Span[1] > len(text) || e.Target.Span[1] > len(text) {
				t.Fatalf("bad event %+v", e)
			}
		}
	})
}
