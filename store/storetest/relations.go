package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
)

// CountStore is a store that serves the analyses both ways: from every
// observation (analysis.Source) and from its monthly rollups
// (analysis.CountSource).
type CountStore interface {
	store.Store
	analysis.Source
	analysis.CountSource
}

// ObservationsOnly returns s as an analysis.Source and nothing more: a
// store's analysis.CountSource hidden, analysis.Relations computes from
// every observation.
func ObservationsOnly(s analysis.Source) analysis.Source { return obsOnly{s} }

type obsOnly struct{ s analysis.Source }

func (o obsOnly) Observations(ctx context.Context, sel analysis.Selection) ([]analysis.Obs, error) {
	return o.s.Observations(ctx, sel)
}

// randomDyadDocs makes documents whose events exercise what the two
// Relations paths must agree on: negated events, events without a quad
// class, source equal to target, merged mentions, month and year dates,
// overlapping actor sets and days with many tied events.
func randomDyadDocs(r *rand.Rand, n int) []store.Doc {
	codes := []string{"CHN", "CHNGOV", "CHNMIL", "AFG", "AFGGOV", "AFGINSTAL", "USA", "USAGOV", "PAK", "IGOUNO"}
	cameos := []string{"010", "036", "042", "057", "061", "071", "111", "120", "138", "173", "190", "195"}
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]store.Doc, n)
	for i := range docs {
		pub := base.AddDate(0, 0, r.IntN(700))
		var evs []dyad.Event
		for j := range 1 + r.IntN(6) {
			src, tgt := codes[r.IntN(len(codes))], codes[r.IntN(len(codes))]
			code := cameos[r.IntN(len(cameos))]
			date := pub.AddDate(0, 0, -r.IntN(4)).Format(time.DateOnly)
			switch r.IntN(20) {
			case 0:
				date = date[:7]
			case 1:
				date = date[:4]
			}
			if r.IntN(3) == 0 { // many events on a few days: ties
				date = base.AddDate(0, r.IntN(24), 0).Format(time.DateOnly)
			}
			quad := 1 + int(code[1]-'0')%4
			if code[0] == '1' {
				quad = 3 + int(code[1]-'0')%2
			}
			if r.IntN(25) == 0 {
				quad = 0
			}
			evs = append(evs, dyad.Event{ID: fmt.Sprintf("m%d-%d", i, j), Date: date, DatePrecision: "day",
				Source: dyad.Actor{Code: src, Name: src}, Target: dyad.Actor{Code: tgt, Name: tgt},
				CAMEO: code, Root: code[:2], Quad: quad, Goldstein: float64(r.IntN(200)-100) / 10,
				Negated: r.IntN(8) == 0, Modality: "asserted", SentenceText: src + " and " + tgt})
		}
		docs[i] = store.Doc{Document: dyad.Document{ID: fmt.Sprintf("d%d", i), Source: fmt.Sprintf("s%d", r.IntN(5)),
			Date: pub, Text: fmt.Sprintf("document %d", i)}, Events: evs}
	}
	return docs
}

// SameRelations fails t unless got equals want, the relations computed
// from every observation, with Goldstein figures rounded (two paths add the
// same values in different orders), and unless want has events at all.
func SameRelations(t *testing.T, got, want *analysis.RelationsResult) {
	t.Helper()
	roundGoldstein(want)
	roundGoldstein(got)
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(got)
	if string(wj) != string(gj) {
		t.Errorf("the count path differs from the observations\n got %s\nwant %s", gj, wj)
	}
	if want.Overall.Total == 0 {
		t.Errorf("case has no events: it tests nothing")
	}
}

// roundGoldstein rounds the Goldstein figures of a result: the two paths
// add the same values in different orders.
func roundGoldstein(res *analysis.RelationsResult) {
	r := func(ps *analysis.PeriodStats) {
		ps.GoldsteinSum = math.Round(ps.GoldsteinSum*1e6) / 1e6
		if ps.GoldsteinMean != nil {
			m := math.Round(*ps.GoldsteinMean*1e6) / 1e6
			ps.GoldsteinMean = &m
		}
	}
	for i := range res.Periods {
		r(&res.Periods[i])
	}
	r(&res.Overall)
}

// CountSourceMatchesObservations checks that analysis.Relations answered
// from the rollups of s (DyadPeriods) equals Relations computed from every
// observation (Observations), evidence included, on random documents that
// it stores in s, which must be empty. walk(true) makes s find the
// evidence of every month by reading it backwards day by day, as it does
// for busy months, and walk(false) restores its default; both ways are
// checked. It also checks that weekly series and bounds inside a month get
// analysis.ErrNoCounts. A store that is a Checker is checked for
// consistency once the documents are in.
func CountSourceMatchesObservations(t *testing.T, s CountStore, walk func(on bool)) {
	t.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 11))
	docs := randomDyadDocs(r, 1500)
	for k := 0; k < len(docs); k += 200 {
		if _, err := s.PutBatch(ctx, docs[k:min(k+200, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	if c, ok := s.(Checker); ok {
		CheckConsistency(t, c)
		if t.Failed() {
			t.FailNow()
		}
	}
	spec := func(m ...string) analysis.Spec { return analysis.Spec{Name: m[0], Members: m} }
	month := func(y, m int) time.Time { return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		name string
		a, b analysis.Spec
		opts analysis.RelationsOptions
	}{
		{"countries", spec("CHN"), spec("AFG"), analysis.RelationsOptions{}},
		{"directed", spec("CHN"), spec("AFG"), analysis.RelationsOptions{Directed: true, Evidence: 3}},
		{"exact codes", spec("CHNGOV"), spec("AFGINSTAL"), analysis.RelationsOptions{Evidence: 1}},
		{"overlapping sets", spec("CHN*"), spec("CHNGOV"), analysis.RelationsOptions{}},
		{"groups", spec("CHN", "PAK"), spec("USA*", "IGOUNO"), analysis.RelationsOptions{Evidence: 25}},
		{"month range", spec("CHN"), spec("USA"), analysis.RelationsOptions{From: month(2020, 6), To: month(2021, 3)}},
		{"no evidence", spec("USA"), spec("AFG"), analysis.RelationsOptions{Evidence: -1}},
	}
	defer walk(false)
	for _, on := range []bool{false, true} {
		walk(on)
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s/walk=%v", tc.name, on), func(t *testing.T) {
				want, err := analysis.Relations(ctx, ObservationsOnly(s), tc.a, tc.b, tc.opts)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.DyadPeriods(ctx, analysis.DyadQuery{A: tc.a.Patterns(), B: tc.b.Patterns(), By: analysis.Month,
					From: tc.opts.From, To: tc.opts.To}); err != nil {
					t.Fatalf("DyadPeriods: %v", err)
				}
				got, err := analysis.Relations(ctx, s, tc.a, tc.b, tc.opts)
				if err != nil {
					t.Fatal(err)
				}
				SameRelations(t, got, want)
			})
		}
	}
	// Weekly series and ranges inside a month are not in the rollups.
	for _, q := range []analysis.DyadQuery{
		{A: []string{"CHN*"}, B: []string{"AFG*"}, By: analysis.Week},
		{A: []string{"CHN*"}, B: []string{"AFG*"}, By: analysis.Month, From: time.Date(2020, 3, 15, 0, 0, 0, 0, time.UTC)},
	} {
		if _, err := s.DyadPeriods(ctx, q); !errors.Is(err, analysis.ErrNoCounts) {
			t.Errorf("%+v: err = %v, want ErrNoCounts", q, err)
		}
	}
}
