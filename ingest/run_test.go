package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/sqlite"
)

// fakeCoder codes every sentence (split at ". ") as one event between
// actors picked from the text's hash; a document whose text contains
// "PANIC" panics and one containing "FAIL" fails. delay simulates work.
type fakeCoder struct{ delay time.Duration }

var fakeActors = []string{"USA", "CHN", "AFG", "RUS", "UKR", "IRN", "PAK", "IND"}
var fakeCodes = []string{"040", "036", "042", "111", "190", "0311", "061"}

func (f fakeCoder) Code(doc *dyad.Document) ([]dyad.Event, int, error) {
	if f.delay > 0 {
		time.Sleep(f.delay)
	}
	if strings.Contains(doc.Text, "PANIC") {
		panic("fake coder panic")
	}
	if strings.Contains(doc.Text, "FAIL") {
		return nil, 0, errors.New("fake coder failure")
	}
	sents := strings.Split(strings.TrimSpace(doc.Text), ". ")
	var evs []dyad.Event
	for i, s := range sents {
		h := shortHash(doc.ID + "|" + s)
		n := int(h[0]) + int(h[1])
		src, tgt := fakeActors[n%len(fakeActors)], fakeActors[(n/3+1)%len(fakeActors)]
		code := fakeCodes[n%len(fakeCodes)]
		evs = append(evs, dyad.Event{ID: shortHash(fmt.Sprintf("%s|%d", doc.ID, i)), DocID: doc.ID, Sentence: i,
			Date: doc.Date.Format("2006-01-02"), DatePrecision: "day", CAMEO: code, Root: code[:2], Quad: 1, Goldstein: 1,
			Source: dyad.Actor{Code: src, Country: src, Name: src, Text: src}, Target: dyad.Actor{Code: tgt, Country: tgt, Name: tgt, Text: tgt},
			Verb: dyad.Verb{Text: "met", Lemma: "meet"}, SentenceText: s})
	}
	return evs, len(sents), nil
}

func openStore(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func checkDB(t testing.TB, s *sqlite.Store) {
	t.Helper()
	probs, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("inconsistent store: %s", p)
	}
}

func stats(t testing.TB, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestRun(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "d.db"))
	defer s.Close()
	opts := Options{Date: time.Date(2022, 3, 28, 0, 0, 0, 0, time.UTC)}
	var calls []Progress
	sum, err := Run(ctx, s, fakeCoder{}, Paths([]string{"testdata/news", "testdata/bad"}, nil, opts),
		RunOptions{BatchSize: 3, Workers: 2, Progress: func(p Progress) { calls = append(calls, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 8 || sum.Failed != 3 || sum.Duplicate != 0 || len(sum.Failures) != 3 {
		t.Errorf("summary: %d new, %d duplicate, %d failed (%+v)", sum.New, sum.Duplicate, sum.Failed, sum.Failures)
	}
	if sum.Batches != 3 {
		t.Errorf("%d transactions, want 3 (8 documents in batches of 3)", sum.Batches)
	}
	st := stats(t, s)
	if st.Documents != 8 || st.Mentions != sum.Mentions || sum.Mentions == 0 || sum.Mentions != sum.Events {
		t.Errorf("stats %+v, summary mentions %d events %d", st, sum.Mentions, sum.Events)
	}
	if len(calls) == 0 || calls[len(calls)-1].Done != 11 {
		t.Errorf("progress calls: %+v", calls)
	}
	checkDB(t, s)

	// Re-ingesting adds nothing, with or without the check before coding.
	for _, noSkip := range []bool{false, true} {
		sum, err = Run(ctx, s, fakeCoder{}, Paths([]string{"testdata/news"}, nil, opts), RunOptions{NoSkipKnown: noSkip})
		if err != nil {
			t.Fatal(err)
		}
		if sum.New != 0 || sum.Duplicate != 6 || sum.Mentions != 0 {
			t.Errorf("re-ingest (recode %v): %d new %d duplicate %d mentions", noSkip, sum.New, sum.Duplicate, sum.Mentions)
		}
		if got := stats(t, s); got != st {
			t.Errorf("re-ingest changed the store: %+v → %+v", st, got)
		}
	}
}

func TestRunResolvesEventDates(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "d.db"))
	defer s.Close()
	r := ReaderFunc(func(ctx context.Context, yield func(Item) bool) error {
		yield(Item{Pos: "x", Doc: store.Doc{Document: dyad.Document{ID: "x", Date: time.Date(2022, 3, 17, 0, 0, 0, 0, time.UTC),
			Text: "Rebels attacked the town yesterday. Talks took place in July 2021. Nothing dated here"}}})
		return nil
	})
	enrich := func(d *store.Doc) {
		for i := range d.Events {
			if strings.Contains(d.Events[i].SentenceText, "town") {
				d.Events[i].Place = &dyad.Place{Name: "Kunduz", Country: "AFG"}
			}
		}
	}
	if _, err := Run(ctx, s, fakeCoder{}, r, RunOptions{Enrich: enrich}); err != nil {
		t.Fatal(err)
	}
	if evs, err := s.Events(ctx, store.EventFilter{Place: "kunduz"}); err != nil || len(evs) != 1 || evs[0].Place == nil || evs[0].Place.Country != "AFG" {
		t.Errorf("place set by Enrich: %+v, %v", evs, err)
	}
	d, err := s.Document(ctx, "x")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range d.Events {
		got = append(got, ev.Date+"/"+ev.DatePrecision)
	}
	if want := "2022-03-16/day 2021-07/month 2022-03-17/day"; strings.Join(got, " ") != want {
		t.Errorf("event dates = %v, want %s", got, want)
	}
}

// flakyStore fails every batch holding a document whose id starts with
// "poison".
type flakyStore struct{ store.Store }

func (f flakyStore) PutBatch(ctx context.Context, docs []store.Doc) ([]store.PutResult, error) {
	for _, d := range docs {
		if strings.HasPrefix(d.ID, "poison") {
			return nil, errors.New("disk on fire")
		}
	}
	return f.Store.PutBatch(ctx, docs)
}

func TestRunIsolatesBadDocuments(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "d.db"))
	defer s.Close()
	var docs []Item
	for i, text := range []string{"A met B. C met D", "poison doc", "FAIL here", "PANIC here", "E met F", "G met H"} {
		id := fmt.Sprintf("d%d", i)
		if strings.HasPrefix(text, "poison") {
			id = "poison"
		}
		docs = append(docs, Item{Pos: id, Doc: store.Doc{Document: dyad.Document{ID: id, Text: text, Date: time.Now()}}})
	}
	docs = append(docs, Item{Pos: "bad.jsonl:3", Err: errors.New("bad.jsonl:3: broken")})
	r := ReaderFunc(func(ctx context.Context, yield func(Item) bool) error {
		for _, it := range docs {
			yield(it)
		}
		return nil
	})
	sum, err := Run(ctx, flakyStore{s}, fakeCoder{}, r, RunOptions{BatchSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	failed := map[string]bool{}
	for _, f := range sum.Failures {
		failed[f.Pos] = true
	}
	for _, pos := range []string{"poison", "d2", "d3", "bad.jsonl:3"} {
		if !failed[pos] {
			t.Errorf("%s not listed as failed: %+v", pos, sum.Failures)
		}
	}
	if sum.New != 3 || sum.Failed != 4 {
		t.Errorf("%d new, %d failed", sum.New, sum.Failed)
	}
	if st := stats(t, s); st.Documents != 3 || st.Mentions != 4 {
		t.Errorf("stats %+v", st)
	}
	checkDB(t, s)
}

func TestRunGDELT(t *testing.T) {
	dir := t.TempDir()
	var rows []string
	for i := 0; i < 500; i++ {
		rows = append(rows, gdeltLine(i+1, "20220101", "USA", "CHN", "040", 1, 1, fmt.Sprintf("https://n.example/%d", i%100)))
	}
	rows = append(rows, "short\trow")
	path := filepath.Join(dir, "a.export.CSV")
	os.WriteFile(path, []byte(strings.Join(rows, "\n")), 0o644)
	s := openStore(t, filepath.Join(dir, "d.db"))
	defer s.Close()
	noCoder := CoderFunc(func(*dyad.Document) ([]dyad.Event, int, error) { return nil, 0, errors.New("coder called") })
	for run := 0; run < 2; run++ {
		sum, err := Run(ctx, s, noCoder, Paths([]string{path}, nil, Options{}), RunOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Failed != 1 || !strings.Contains(sum.Failures[0].Reason, "a.export.CSV:501") {
			t.Errorf("run %d failures: %+v", run, sum.Failures)
		}
		st := stats(t, s)
		if st.Documents != 100 || st.Mentions != 500 || st.Events != 1 {
			t.Errorf("run %d: stats %+v, want 100 documents (one per URL), 500 mentions, 1 merged event", run, st)
		}
	}
	evs, err := s.Events(ctx, store.EventFilter{Source: []string{"USA"}})
	if err != nil || len(evs) != 1 || evs[0].NumMentions != 500 || evs[0].NumArticles != 100 || evs[0].NumSources != 1 {
		t.Errorf("merged GDELT event: %+v, %v", evs, err)
	}
	checkDB(t, s)
}

func docOf(id, text string) store.Doc {
	return store.Doc{Document: dyad.Document{ID: id, Text: text, Date: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)}}
}
