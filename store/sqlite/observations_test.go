package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
)

// eventsObservations is the reference: the observations server.StoreSource
// builds by paging through Events (copied here; store/sqlite must not
// import server).
func eventsObservations(ctx context.Context, s *Store, sel analysis.Selection, page int) ([]analysis.Obs, error) {
	f := store.EventFilter{Actor: sel.Actors, From: sel.From, Order: store.OrderAdded, Limit: page}
	if !sel.To.IsZero() {
		last := sel.To.Add(-time.Nanosecond).UTC()
		f.To = time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)
		if f.To.Before(sel.From) && !sel.From.IsZero() {
			return nil, nil
		}
	}
	var out []analysis.Obs
	for {
		evs, err := s.Events(ctx, f)
		if err != nil {
			return nil, err
		}
		for i := range evs {
			ev := &evs[i]
			if ev.First != nil && ev.First.Negated {
				continue
			}
			day, ok := store.EventDay(ev.Date)
			if !ok {
				continue
			}
			o := analysis.Obs{ID: ev.ID, Date: day, Source: ev.Source.Code, Target: ev.Target.Code,
				Code: ev.CAMEO, Root: ev.Root, Quad: ev.Quad, Goldstein: ev.Goldstein, Weight: float64(ev.NumMentions)}
			if ev.First != nil {
				o.Contexts = ev.First.Plover.Context
			}
			out = append(out, o)
		}
		if len(evs) < f.Limit {
			return out, nil
		}
		f.Offset += len(evs)
	}
}

func sortObs(obs []analysis.Obs) {
	sort.Slice(obs, func(i, j int) bool { return obs[i].ID < obs[j].ID })
}

// obsStore stores synthetic documents with negated mentions, merged
// events (several mentions), month and year precision dates and assorted
// PLOVER contexts.
func obsStore(t *testing.T) *Store {
	t.Helper()
	s := openTemp(t)
	t.Cleanup(func() { s.Close() })
	r := rand.New(rand.NewPCG(11, 12))
	codes := []string{"CHN", "CHNGOV", "CHNMIL", "AFG", "AFGGOVTAL", "USA", "USAGOV", "IGOUNO", "RUSGOV", "CH"}
	contexts := [][]string{nil, {}, {"economic"}, {"military", "political"}, {"territory"}}
	cameos := []string{"010", "036", "042", "051", "111", "120", "138", "173", "190", "200"}
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var docs []store.Doc
	for i := 0; i < 120; i++ {
		d := base.AddDate(0, 0, i*6)
		var evs []dyad.Event
		for j := 0; j < 8; j++ {
			src, tgt := codes[r.IntN(len(codes))], codes[r.IntN(len(codes))]
			c := cameos[r.IntN(len(cameos))]
			date, prec := d.AddDate(0, 0, -r.IntN(20)).Format("2006-01-02"), "day"
			switch r.IntN(10) {
			case 0:
				date, prec = date[:7], "month"
			case 1:
				date, prec = date[:4], "year"
			}
			if j > 0 && r.IntN(4) == 0 { // repeat the previous event: merged
				p := evs[j-1]
				src, tgt, c, date, prec = p.Source.Code, p.Target.Code, p.CAMEO, p.Date, p.DatePrecision
			}
			evs = append(evs, dyad.Event{ID: fmt.Sprintf("d%d-%d", i, j), Date: date, DatePrecision: prec,
				Source: dyad.Actor{Code: src, Country: src[:min(3, len(src))]}, Target: dyad.Actor{Code: tgt, Country: tgt[:min(3, len(tgt))]},
				CAMEO: c, Root: c[:2], Quad: 1 + r.IntN(5)%4, Goldstein: float64(r.IntN(20) - 10),
				Plover: dyad.Plover{Event: "CONSULT", Context: contexts[r.IntN(len(contexts))]}, Negated: r.IntN(6) == 0,
				SentenceText: fmt.Sprintf("%s and %s, sentence %d.", src, tgt, j)})
		}
		docs = append(docs, store.Doc{Document: dyad.Document{ID: fmt.Sprintf("doc%d", i), Date: d, Text: fmt.Sprintf("document %d", i)}, Events: evs})
	}
	for i := 0; i < len(docs); i += 30 {
		if _, err := s.PutBatch(context.Background(), docs[i:i+30]); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestObservationsMatchesEvents: the SQL Observations returns exactly the
// observations of the Events adapter for assorted selections.
func TestObservationsMatchesEvents(t *testing.T) {
	s := obsStore(t)
	ctx := context.Background()
	day := func(v string) time.Time { d, _ := time.Parse("2006-01-02", v); return d }
	sels := map[string]analysis.Selection{
		"all":             {},
		"exact":           {Actors: []string{"CHNGOV"}},
		"prefix":          {Actors: []string{"CHN*"}},
		"two-letter code": {Actors: []string{"CH"}},
		"short prefix":    {Actors: []string{"C*"}},
		"mixed":           {Actors: []string{"AFG*", "USAGOV", "IGOUNO"}},
		"unknown":         {Actors: []string{"ZZZ*", "XXXGOV"}},
		"everything":      {Actors: []string{"*"}},
		"dates":           {From: day("2020-03-01"), To: day("2020-09-01")},
		"dates and actor": {Actors: []string{"USA*", "RUSGOV"}, From: day("2020-02-15"), To: day("2021-01-01")},
		"from only":       {Actors: []string{"AFGGOVTAL"}, From: day("2021-06-01")},
		"to only":         {To: day("2020-06-01")},
		"mid-day bounds":  {From: day("2020-04-01").Add(13 * time.Hour), To: day("2020-07-01").Add(5 * time.Hour)},
		"empty range":     {From: day("2020-05-01"), To: day("2020-05-01")},
		"reversed":        {From: day("2020-05-02"), To: day("2020-05-01")},
		"future":          {From: day("2030-01-01")},
	}
	nonEmpty := 0
	defer func(d, f int64) { obsScanDivisor, obsStretchFactor = d, f }(obsScanDivisor, obsStretchFactor)
	for _, plan := range []struct {
		name   string
		div, f int64
	}{{"default", obsScanDivisor, obsStretchFactor}, {"indexes", 0, 0}, {"scans", 1 << 40, 1 << 40}} {
		obsScanDivisor, obsStretchFactor = plan.div, plan.f
		for name, sel := range sels {
			t.Run(plan.name+"/"+name, func(t *testing.T) {
				want, err := eventsObservations(ctx, s, sel, 13)
				if err != nil {
					t.Fatal(err)
				}
				got, err := s.Observations(ctx, sel)
				if err != nil {
					t.Fatal(err)
				}
				sortObs(want)
				sortObs(got)
				if len(got) != len(want) {
					t.Fatalf("%d observations, want %d", len(got), len(want))
				}
				for i := range got {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Fatalf("observation %d:\n got %+v\nwant %+v", i, got[i], want[i])
					}
				}
				if len(got) > 0 {
					nonEmpty++
				}
				// Without contexts: the same observations, contexts left out.
				sel.NoContexts = true
				bare, err := s.Observations(ctx, sel)
				if err != nil {
					t.Fatal(err)
				}
				sortObs(bare)
				if len(bare) != len(want) {
					t.Fatalf("without contexts: %d observations, want %d", len(bare), len(want))
				}
				for i := range bare {
					w := want[i]
					w.Contexts = nil
					if !reflect.DeepEqual(bare[i], w) {
						t.Fatalf("without contexts, observation %d:\n got %+v\nwant %+v", i, bare[i], w)
					}
				}
			})
		}
	}
	obsScanDivisor, obsStretchFactor = 25, 2
	if nonEmpty < 30 {
		t.Errorf("only %d selections had observations", nonEmpty)
	}
	// The fixture exercises what it should: negated first mentions are
	// skipped, merged events weigh more, month dates map to their first day.
	all, _ := s.Observations(ctx, analysis.Selection{})
	st, _ := s.Stats(ctx)
	heavy, month := 0, 0
	for _, o := range all {
		if o.Weight > 1 {
			heavy++
		}
		if o.Date.Day() == 1 {
			month++
		}
	}
	if len(all) >= st.Events || heavy == 0 || month == 0 {
		t.Errorf("fixture: %d observations of %d events, %d merged, %d on a first day", len(all), st.Events, heavy, month)
	}
	// The analyses give the same answers on both sources.
	ref, _ := eventsObservations(ctx, s, analysis.Selection{}, 1000)
	mem := analysis.NewMemorySource(ref)
	a, b := analysis.Code("CHN"), analysis.Code("AFG")
	r1, err := analysis.Relations(ctx, s, a, b, analysis.RelationsOptions{By: analysis.Week})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := analysis.Relations(ctx, mem, a, b, analysis.RelationsOptions{By: analysis.Week})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r1, r2) {
		t.Errorf("relations differ: store %d events, memory %d", r1.Overall.Total, r2.Overall.Total)
	}
}

// TestObservationsCanceled: a canceled context is an error.
func TestObservationsCanceled(t *testing.T) {
	s := obsStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Observations(ctx, analysis.Selection{}); err == nil {
		t.Error("no error with a canceled context")
	}
}

func TestFirstMention(t *testing.T) {
	f := firstMention{contexts: map[string][]string{}}
	tests := []struct {
		js   string
		neg  bool
		want []string
	}{
		{`{"plover":{"event":"X","context":["a","b"]},"negated":false}`, false, []string{"a", "b"}},
		{`{"plover":{"event":"X","context":null},"negated":false}`, false, nil},
		{`{"plover":{"event":"X","context":[]},"negated":false}`, false, []string{}},
		{`{"plover":{"event":"X","context":["a]\"b"]},"negated":false}`, false, []string{`a]"b`}},
		{`{"plover":{"event":"X","context":["a"]},"negated":true}`, true, nil},
		// Unexpected layouts decode the whole mention.
		{`{"plover":{"event":"X"}, "negated" : true}`, true, nil},
		{`{"plover":{"context": ["c"]},"negated":false}`, false, []string{"c"}},
		{`{"verb":{"text":"\"negated\":true"},"plover":{"context":["d"]}}`, false, []string{"d"}},
	}
	for _, tc := range tests {
		neg, cs, err := f.parse([]byte(tc.js))
		if err != nil || neg != tc.neg || (!neg && !reflect.DeepEqual(cs, tc.want)) {
			t.Errorf("%s: %v %q %v; want %v %q", tc.js, neg, cs, err, tc.neg, tc.want)
		}
	}
	if _, _, err := f.parse([]byte(`{"negated":`)); err == nil {
		t.Error("no error for broken JSON")
	}
}
