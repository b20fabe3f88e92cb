package server

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/sqlite"
)

// xssTitle is the title of a seeded document that tries to inject script.
const xssTitle = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2">`

// seedStore creates a SQLite store with synthetic documents: CHN–AFG
// relations turning cooperative in 2021-08, USA–RUS conflict, a few
// places, and one document whose title and text carry markup.
func seedStore(t testing.TB) store.Store {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "seed.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := seed(context.Background(), st, 24); err != nil {
		t.Fatal(err)
	}
	return st
}

type actor struct{ code, country, name string }

var (
	aCHN = actor{"CHNGOV", "CHN", "China"}
	aAFG = actor{"AFGGOVTAL", "AFG", "Taliban"}
	aUSA = actor{"USAGOV", "USA", "United States"}
	aRUS = actor{"RUSGOV", "RUS", "Russia"}
	aGBR = actor{"GBRGOV", "GBR", "Britain"}
	aIRN = actor{"IRNGOV", "IRN", "Iran"}
)

var places = []*dyad.Place{
	{Name: "Kabul", Country: "AFG", Lat: 34.53, Lon: 69.17},
	{Name: "Moscow", Country: "RUS", Lat: 55.75, Lon: 37.62},
	{Name: "Washington", Country: "USA", Lat: 38.9, Lon: -77.04},
	nil, nil,
}

// mkEvent builds a coded mention whose sentence reads
// "<source> <verb> <target> on <date>." with consistent spans.
func mkEvent(doc string, i int, date time.Time, s, t actor, cameo, root string, quad int, g float64, pl *dyad.Place, offset int) (dyad.Event, string) {
	verbs := map[int]string{1: "praised", 2: "aided", 3: "criticised", 4: "attacked"}
	v := verbs[quad]
	sent := fmt.Sprintf("%s %s %s on %s.", s.name, v, t.name, date.Format("January 2"))
	ev := dyad.Event{
		ID: fmt.Sprintf("%s-m%d", doc, i), DocID: doc, Sentence: i, Date: date.Format("2006-01-02"), DatePrecision: "day",
		Source: dyad.Actor{Code: s.code, Country: s.country, Sector: s.code[3:], Name: s.name, Text: s.name, Span: [2]int{offset, offset + len(s.name)}},
		Target: dyad.Actor{Code: t.code, Country: t.country, Sector: t.code[3:], Name: t.name, Text: t.name,
			Span: [2]int{offset + len(s.name) + 1 + len(v) + 1, offset + len(s.name) + 1 + len(v) + 1 + len(t.name)}},
		CAMEO: cameo, Root: root, Quad: quad, Goldstein: g,
		Plover:   dyad.Plover{Event: "TEST", Context: []string{"diplomatic"}},
		Modality: dyad.ModalityAsserted,
		Verb:     dyad.Verb{Text: v, Lemma: v, Span: [2]int{offset + len(s.name) + 1, offset + len(s.name) + 1 + len(v)}},
		Place:    pl, Pattern: "dicts/test.txt:1", Confidence: 0.9, SentenceText: sent,
	}
	return ev, sent
}

// seed stores months×(several) synthetic documents from 2020-01.
func seed(ctx context.Context, st store.Store, months int) error {
	rng := rand.New(rand.NewPCG(1, 2))
	codes := map[int][2]string{1: {"051", "05"}, 2: {"070", "07"}, 3: {"111", "11"}, 4: {"190", "19"}}
	gold := map[int]float64{1: 3.4, 2: 7, 3: -2, 4: -10}
	var docs []store.Doc
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for m := 0; m < months; m++ {
		for d := 0; d < 4; d++ {
			date := start.AddDate(0, m, 1+d*7)
			id := fmt.Sprintf("doc-%02d-%d", m, d)
			var text strings.Builder
			var evs []dyad.Event
			pairs := []struct {
				a, b  actor
				pcoop float64
			}{{aCHN, aAFG, 0.3}, {aUSA, aRUS, 0.2}, {aUSA, aGBR, 0.9}, {aRUS, aIRN, 0.8}, {aCHN, aRUS, 0.7}}
			if m >= 19 { // 2021-08: China and the Taliban draw closer
				pairs[0].pcoop = 0.9
			}
			for i, p := range pairs {
				quad := 3 + rng.IntN(2)
				if rng.Float64() < p.pcoop {
					quad = 1 + rng.IntN(2)
				}
				a, b := p.a, p.b
				if rng.IntN(2) == 0 {
					a, b = b, a
				}
				ev, sent := mkEvent(id, i, date.AddDate(0, 0, i), a, b, codes[quad][0], codes[quad][1], quad, gold[quad], places[(m+i)%len(places)], text.Len())
				text.WriteString(sent)
				text.WriteString(" ")
				evs = append(evs, ev)
			}
			title := fmt.Sprintf("Synthetic story %d/%d", m, d)
			if m == 0 && d == 0 {
				title = xssTitle
			}
			docs = append(docs, store.Doc{Document: dyad.Document{ID: id, URL: "https://example.org/" + id, Title: title, Source: "synthetic",
				Date: date, Text: text.String()}, Events: evs})
		}
	}
	_, err := st.PutBatch(ctx, docs)
	return err
}
