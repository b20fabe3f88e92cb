package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/sqlite"
	"github.com/dyad-events/dyad/store/storetest"
)

// mixedDocs makes documents exercising what the stores must agree on:
// merged events, month and year precision dates, negated first mentions,
// places, PLOVER contexts, content and URL duplicates, GDELT rows that
// append to the document of their URL, and sentence text for full-text
// search. Goldstein values are whole numbers, so that sums are exact in
// any order.
func mixedDocs(seed uint64, n int) []store.Doc {
	r := rand.New(rand.NewPCG(seed, 5))
	codes := []string{"CHN", "CHNGOV", "CHNMIL", "AFG", "AFGGOVTAL", "USA", "USAGOV", "IGOUNO", "RUSGOV", "RUSMIL", "UKR", "CH"}
	contexts := [][]string{nil, {}, {"economic"}, {"military", "political"}}
	cameos := []string{"010", "036", "042", "0311", "051", "111", "120", "138", "173", "190", "200"}
	words := []string{"aid", "humanitarian aid", "economic aid", "talks", "attacked", "border", "trade deal", "sanctions", "the ceasefire"}
	places := []*dyad.Place{nil, nil, {Name: "Kabul", Country: "AFG"}, {Name: "Kyiv", Country: "UKR"}}
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var docs []store.Doc
	for i := 0; i < n; i++ {
		d := base.AddDate(0, 0, i*5)
		var evs []dyad.Event
		for j := 0; j < 1+r.IntN(8); j++ {
			src, tgt := codes[r.IntN(len(codes))], codes[r.IntN(len(codes))]
			c := cameos[r.IntN(len(cameos))]
			date, prec := d.AddDate(0, 0, -r.IntN(20)).Format("2006-01-02"), "day"
			switch r.IntN(12) {
			case 0:
				date, prec = date[:7], "month"
			case 1:
				date, prec = date[:4], "year"
			case 2:
				date, prec = "", "" // the document's date
			}
			if j > 0 && r.IntN(3) == 0 { // the previous event again: merged
				p := evs[j-1]
				src, tgt, c, date, prec = p.Source.Code, p.Target.Code, p.CAMEO, p.Date, p.DatePrecision
			}
			evs = append(evs, dyad.Event{ID: fmt.Sprintf("d%d-%d", i, j), Sentence: j, Date: date, DatePrecision: prec,
				Source: dyad.Actor{Code: src, Country: src[:min(3, len(src))], Name: src + " name", Text: src},
				Target: dyad.Actor{Code: tgt, Country: tgt[:min(3, len(tgt))], Name: tgt + " name", Text: tgt},
				CAMEO:  c, Root: c[:2], Quad: r.IntN(6), Goldstein: float64(r.IntN(20) - 10),
				Plover: dyad.Plover{Event: "CONSULT", Context: contexts[r.IntN(len(contexts))]}, Negated: r.IntN(6) == 0,
				Place:        places[r.IntN(len(places))],
				SentenceText: fmt.Sprintf("%s and %s discussed %s, sentence %d.", src, tgt, words[r.IntN(len(words))], j)})
		}
		doc := store.Doc{Document: dyad.Document{ID: fmt.Sprintf("doc%d", i), Date: d, Title: fmt.Sprintf("Title %d", i),
			Source: []string{"reuters", "ap", "afp"}[r.IntN(3)], Text: fmt.Sprintf("document %d", i)}, Events: evs}
		switch r.IntN(10) {
		case 0: // same content as an earlier document
			doc.Text = fmt.Sprintf("DOCUMENT  %d", r.IntN(i+1))
		case 1: // same URL as an earlier one
			doc.URL = fmt.Sprintf("http://n/%d", r.IntN(i+1))
		case 2: // a GDELT row: no text, appends to its URL's document
			doc.Text, doc.URL, doc.AppendEvents = "", fmt.Sprintf("http://g/%d", r.IntN(5)), true
		case 3:
			doc.Date = time.Time{}
		default:
			doc.URL = fmt.Sprintf("http://n/%d", i)
		}
		docs = append(docs, doc)
	}
	return docs
}

// TestSameAsSQLite stores the same documents in both stores and compares
// every query: the PostgreSQL store mirrors the SQLite one.
func TestSameAsSQLite(t *testing.T) {
	ctx := context.Background()
	pg := openFresh(t)
	defer pg.Close()
	lite, err := sqlite.Open(filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	docs := mixedDocs(3, 160)
	for i := 0; i < len(docs); i += 23 {
		batch := docs[i:min(i+23, len(docs))]
		r1, err := pg.PutBatch(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := lite.PutBatch(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r1, r2) {
			t.Fatalf("PutBatch results differ:\npostgres %+v\nsqlite   %+v", r1, r2)
		}
	}
	storetest.CheckConsistency(t, pg)
	same := func(what string, a, b any, errA, errB error) {
		t.Helper()
		if (errA == nil) != (errB == nil) || (errA != nil && errors.Is(errA, dyad.ErrInvalidInput) != errors.Is(errB, dyad.ErrInvalidInput)) {
			t.Errorf("%s: errors differ: postgres %v, sqlite %v", what, errA, errB)
			return
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs:\npostgres %+v\nsqlite   %+v", what, a, b)
		}
	}
	st1, e1 := pg.Stats(ctx)
	st2, e2 := lite.Stats(ctx)
	same("stats", st1, st2, e1, e2)
	if st1.Events < 300 {
		t.Fatalf("fixture too small: %+v", st1)
	}
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	filters := []store.EventFilter{
		{}, {Order: store.OrderDateAsc, Limit: 1000}, {Order: store.OrderMentionsDesc, Limit: 50}, {Order: store.OrderAdded, Limit: 1000},
		{Source: []string{"CHN*"}, Limit: 1000}, {Target: []string{"AFG", "UKR"}}, {Actor: []string{"USA*", "IGOUNO"}, Limit: 300},
		{Source: []string{"C*"}, Target: []string{"CH"}}, {Source: []string{"ZZZ*"}}, {Actor: []string{"*"}, Limit: 7, Offset: 30},
		{Country: []string{"afg", "RUS"}}, {CAMEO: []string{"03*", "190"}}, {CAMEO: []string{"01"}}, {Root: []string{"11", "12"}},
		{Quad: []int{0, 4}}, {From: day("2020-06-01"), To: day("2020-09-30"), Limit: 500}, {From: day("2021-01-01")},
		{Place: "kabul"}, {Place: "UKR"}, {DocID: "doc17"}, {Text: "aid", Limit: 500}, {Text: `"humanitarian aid"`},
		{Text: "aid OR talks", Limit: 500}, {Text: "aid NOT economic", Limit: 500}, {Text: "sanction*"}, {Text: `"trade de"*`},
		{Text: "(border OR ceasefire) AND CHN", Source: []string{"CHN*"}}, {Text: "discussed talks sentence"},
		{Text: `"unbalanced`}, {Text: "aid AND"}, {Text: "(aid"}, {Text: "a-b"},
	}
	for _, f := range filters {
		a, e1 := pg.Events(ctx, f)
		b, e2 := lite.Events(ctx, f)
		for _, l := range [][]store.Event{a, b} {
			for i := range l {
				l[i].Added = time.Time{}
			}
		}
		same(fmt.Sprintf("Events(%+v)", f), a, b, e1, e2)
	}
	evs, _ := lite.Events(ctx, store.EventFilter{Order: store.OrderMentionsDesc, Limit: 5})
	for _, id := range []string{evs[0].ID, evs[1].ID, evs[0].First.ID, "nope"} {
		a, e1 := pg.Event(ctx, id)
		b, e2 := lite.Event(ctx, id)
		if a != nil && b != nil {
			a.Added, b.Added = time.Time{}, time.Time{}
		}
		same("Event("+id+")", a, b, e1, e2)
	}
	for _, f := range []store.DocFilter{{}, {Source: "ap", Limit: 1000}, {From: day("2020-03-01"), To: day("2020-06-01")}, {Text: "title 1"}, {Text: "HTTP://G"}, {Limit: 5, Offset: 9}} {
		a, e1 := pg.Documents(ctx, f)
		b, e2 := lite.Documents(ctx, f)
		for _, l := range [][]store.DocInfo{a, b} {
			for i := range l {
				l[i].Added = time.Time{}
			}
		}
		same(fmt.Sprintf("Documents(%+v)", f), a, b, e1, e2)
	}
	for _, id := range []string{"doc3", "doc40", "zz"} {
		a, e1 := pg.Document(ctx, id)
		b, e2 := lite.Document(ctx, id)
		same("Document("+id+")", a, b, e1, e2)
	}
	for _, d := range docs[:30] {
		a1, r1, e1 := pg.Known(ctx, &d)
		a2, r2, e2 := lite.Known(ctx, &d)
		same("Known("+d.ID+")", [2]string{a1, r1}, [2]string{a2, r2}, e1, e2)
	}
	for _, q := range []store.ActorQuery{{}, {Query: "CH"}, {Query: "chn*"}, {Query: "gov name"}, {Query: "x", Limit: 2}} {
		a, e1 := pg.Actors(ctx, q)
		b, e2 := lite.Actors(ctx, q)
		same(fmt.Sprintf("Actors(%+v)", q), a, b, e1, e2)
	}
	for _, by := range []string{"", "month", "week", "day", "hour"} {
		for _, q := range []store.CountQuery{
			{Source: []string{"CHN*"}, Target: []string{"AFG*"}},
			{Source: []string{"CHN*"}, Target: []string{"AFG*"}, Directed: true, From: day("2020-02-10"), To: day("2020-11-20")},
			{Source: []string{"USA"}, Target: []string{"C*", "IGOUNO"}},
			{Source: []string{"RUS*"}},
			{Target: []string{"UKR"}, Directed: true},
			{},
		} {
			q.By = by
			a, e1 := pg.DyadCounts(ctx, q)
			b, e2 := lite.DyadCounts(ctx, q)
			same(fmt.Sprintf("DyadCounts(%+v)", q), a, b, e1, e2)
		}
		for _, q := range []store.TotalsQuery{{Actor: []string{"CHN*"}}, {Actor: []string{"USAGOV", "AFG*"}, From: day("2020-03-15"), To: day("2020-12-01")}, {}} {
			q.By = by
			a, e1 := pg.ActorTotals(ctx, q)
			b, e2 := lite.ActorTotals(ctx, q)
			same(fmt.Sprintf("ActorTotals(%+v)", q), a, b, e1, e2)
		}
	}
	sels := []analysis.Selection{{}, {Actors: []string{"CHNGOV"}}, {Actors: []string{"CHN*"}}, {Actors: []string{"CH"}}, {Actors: []string{"C*"}},
		{Actors: []string{"AFG*", "USAGOV", "IGOUNO"}}, {Actors: []string{"ZZZ*"}}, {Actors: []string{"*"}},
		{From: day("2020-03-01"), To: day("2020-09-01")}, {Actors: []string{"USA*"}, From: day("2020-02-15").Add(5 * time.Hour), To: day("2021-01-01")},
		{From: day("2020-05-02"), To: day("2020-05-01")}}
	for _, sel := range sels {
		sel.NoContexts = len(sel.Actors) == 1
		a, e1 := pg.Observations(ctx, sel)
		b, e2 := lite.Observations(ctx, sel)
		sortObs(a)
		sortObs(b)
		if len(a) == 0 && len(b) == 0 {
			a, b = nil, nil // empty either way
		}
		same(fmt.Sprintf("Observations(%+v)", sel), a, b, e1, e2)
	}

	// Monthly series from the rollups, evidence candidates included, and
	// the relations computed from them.
	month := func(y, m int) time.Time { return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC) }
	for _, q := range []analysis.DyadQuery{
		{A: []string{"CHN*"}, B: []string{"AFG*"}, Evidence: 3},
		{A: []string{"CHN*"}, B: []string{"AFG*"}, Directed: true, From: month(2020, 3), To: month(2021, 1), Evidence: 1},
		{A: []string{"USAGOV", "IGOUNO"}, B: []string{"C*"}, Evidence: 30},
		{A: []string{"CHN*"}, B: []string{"CHNGOV"}},
		{A: []string{"CHN*"}, B: []string{"AFG*"}, By: analysis.Week},
	} {
		if q.By == "" {
			q.By = analysis.Month
		}
		a, e1 := pg.DyadPeriods(ctx, q)
		b, e2 := lite.DyadPeriods(ctx, q)
		for _, l := range [][]analysis.DyadPeriod{a, b} {
			sort.Slice(l, func(i, j int) bool { return l[i].Start.Before(l[j].Start) })
			for i := range l {
				sortObs(l[i].Evidence)
			}
		}
		if errors.Is(e1, analysis.ErrNoCounts) != errors.Is(e2, analysis.ErrNoCounts) {
			t.Errorf("DyadPeriods(%+v): postgres %v, sqlite %v", q, e1, e2)
		}
		same(fmt.Sprintf("DyadPeriods(%+v)", q), a, b, e1, e2)
	}
	for _, tc := range []struct {
		a, b string
		opts analysis.RelationsOptions
	}{
		{"CHN", "AFG", analysis.RelationsOptions{Evidence: 3}},
		{"USAGOV,IGOUNO", "C*", analysis.RelationsOptions{Directed: true, Evidence: 40}},
		{"RUS", "UKR", analysis.RelationsOptions{From: month(2020, 2), To: month(2021, 2)}},
		{"CHN", "AFG", analysis.RelationsOptions{By: analysis.Week}},
	} {
		sa, _ := analysis.ParseSpec(tc.a, nil)
		sb, _ := analysis.ParseSpec(tc.b, nil)
		a, e1 := analysis.Relations(ctx, pg, sa, sb, tc.opts)
		b, e2 := analysis.Relations(ctx, lite, sa, sb, tc.opts)
		same(fmt.Sprintf("Relations(%s, %s, %+v)", tc.a, tc.b, tc.opts), a, b, e1, e2)
	}
}

func sortObs(obs []analysis.Obs) {
	sort.Slice(obs, func(i, j int) bool { return obs[i].ID < obs[j].ID })
}
