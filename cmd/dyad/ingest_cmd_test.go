package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/dicts"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/sqlite"
)

func asEventForTest(src, verb, tgt string) dyad.Event {
	return dyad.Event{Source: dyad.Actor{Text: src}, Verb: dyad.Verb{Text: verb}, Target: dyad.Actor{Text: tgt}}
}

// TestIngestCorpus ingests the sample corpus with the real coder, checks
// the summary, the stored events and that re-ingesting adds nothing.
func TestIngestCorpus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	code, out, stderr := runStoreCLI(t, "", "ingest", "--db", db, "--date", "2022-03-28", "--progress", "lines", "../../ingest/testdata/news", "../../ingest/testdata/bad")
	if code != exitPartial {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	if !strings.Contains(out, "8 new, 0 duplicate, 3 failed") {
		t.Errorf("summary:\n%s", out)
	}
	for _, want := range []string{"corrupt.html", "broken.jsonl:2", "broken.jsonl:3", "ingest: "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	code, out, _ = runStoreCLI(t, "", "events", "--db", db, "--limit", "1000")
	n := strings.Count(out, "\n")
	if code != exitOK || n == 0 {
		t.Fatalf("events after ingest: exit %d, %d lines", code, n)
	}
	code, out2, stderr := runStoreCLI(t, "", "ingest", "--db", db, "--date", "2022-03-28", "--progress", "none", "../../ingest/testdata/news")
	if code != exitOK || !strings.Contains(out2, "0 new, 6 duplicate, 0 failed") {
		t.Errorf("re-ingest: exit %d\n%s\n%s", code, out2, stderr)
	}
	_, out3, _ := runStoreCLI(t, "", "events", "--db", db, "--limit", "1000")
	if out3 != out {
		t.Errorf("re-ingest changed the events")
	}
	code, out, _ = runStoreCLI(t, "", "ingest", "--db", db, "--json", "--progress", "none", "-")
	if code != exitError {
		t.Errorf("empty stdin: exit %d %s", code, out)
	}
	code, out, _ = runStoreCLI(t, "Iran condemned the United States on Tuesday.", "ingest", "--db", db, "--date", "2022-03-17", "--progress", "none", "-")
	if code != exitOK || !strings.Contains(out, "1 new") {
		t.Errorf("stdin: exit %d\n%s", code, out)
	}
}

// BenchmarkIngestCoder ingests the sample corpus (copies with distinct
// texts, 200 documents per iteration) with the real coder into SQLite, and
// reports documents/s and sentences/s next to the time the coder alone
// takes on the same documents: the store should be a small share.
func BenchmarkIngestCoder(b *testing.B) {
	var texts []string
	for _, p := range []string{"kabul-talks.txt", "more/border-clash.txt"} {
		buf, err := os.ReadFile(filepath.Join("../../ingest/testdata/news", p))
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(buf))
	}
	texts = append(texts, "Ukrainian Foreign Minister Dmytro Kuleba met his Turkish counterpart in Antalya on Thursday. Turkey offered to mediate between Russia and Ukraine.",
		"The United States imposed new sanctions on Iran on March 30. Iran condemned the decision.")
	dict, err := dicts.Default()
	if err != nil {
		b.Fatal(err)
	}
	pipe, err := nlp.Default()
	if err != nil {
		b.Fatal(err)
	}
	cod := coderAdapter{coder.New(dict, pipe, coder.DefaultOptions())}
	const perIter = 200
	mk := func(iter int) []ingest.Item {
		var items []ingest.Item
		for i := 0; i < perIter; i++ {
			t := texts[i%len(texts)] + fmt.Sprintf("\n\nCopy %d-%d.", iter, i)
			items = append(items, ingest.Item{Pos: "bench", Doc: store.Doc{Document: dyad.Document{ID: fmt.Sprintf("b%d-%d", iter, i), Text: t,
				Date: time.Date(2022, 3, 28, 0, 0, 0, 0, time.UTC)}}})
		}
		return items
	}
	// The coder alone, on all cores.
	items := mk(-1)
	t0 := time.Now()
	var wg sync.WaitGroup
	ch := make(chan ingest.Item)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range ch {
				cod.Code(&it.Doc.Document)
			}
		}()
	}
	for _, it := range items {
		ch <- it
	}
	close(ch)
	wg.Wait()
	coderOnly := time.Since(t0)

	s, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sentences := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		items := mk(i)
		sum, err := ingest.Run(context.Background(), s, cod, ingest.ReaderFunc(func(ctx context.Context, yield func(ingest.Item) bool) error {
			for _, it := range items {
				yield(it)
			}
			return nil
		}), ingest.RunOptions{})
		if err != nil || sum.New != perIter {
			b.Fatalf("%v, %d new", err, sum.New)
		}
		sentences += sum.Sentences
	}
	el := b.Elapsed().Seconds()
	b.ReportMetric(float64(perIter*b.N)/el, "docs/s")
	b.ReportMetric(float64(sentences)/el, "sentences/s")
	b.ReportMetric(float64(perIter)/coderOnly.Seconds(), "coder-only-docs/s")
}
