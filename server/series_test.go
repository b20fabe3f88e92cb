package server

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store/sqlite"
	"github.com/dyad-events/dyad/store/storetest"
)

// TestSeriesSourceMatchesObservations checks that the dyad series answered
// from the store's counts (seriesSource) equals analysis.Relations
// computed from every observation, without evidence, for every period
// length, both directions or one, and ranges on and inside period
// boundaries.
func TestSeriesSourceMatchesObservations(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "series.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs := storetest.RandomDyadDocs(rand.New(rand.NewPCG(5, 8)), 1200)
	for k := 0; k < len(docs); k += 200 {
		if _, err := st.PutBatch(ctx, docs[k:min(k+200, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	src := seriesSource{st: st, src: st}
	spec := func(m ...string) analysis.Spec { return analysis.Spec{Name: m[0], Members: m} }
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	pairs := []struct{ a, b analysis.Spec }{
		{spec("CHN"), spec("AFG")},
		{spec("CHN*"), spec("CHNGOV")},
		{spec("CHN", "PAK"), spec("USA*", "IGOUNO")},
	}
	ranges := [][2]time.Time{{}, {day(2020, 6, 1), day(2021, 3, 1)}, {day(2020, 6, 10), day(2021, 2, 17)}}
	for _, by := range []analysis.Period{analysis.Day, analysis.Week, analysis.Month} {
		for _, directed := range []bool{false, true} {
			for pi, p := range pairs {
				for ri, rg := range ranges {
					opts := analysis.RelationsOptions{By: by, Directed: directed, From: rg[0], To: rg[1], Evidence: -1}
					t.Run(fmt.Sprintf("%s/directed=%v/pair%d/range%d", by, directed, pi, ri), func(t *testing.T) {
						want, err := analysis.Relations(ctx, storetest.ObservationsOnly(st), p.a, p.b, opts)
						if err != nil {
							t.Fatal(err)
						}
						got, err := analysis.Relations(ctx, src, p.a, p.b, opts)
						if err != nil {
							t.Fatal(err)
						}
						storetest.SameRelations(t, got, want)
					})
				}
			}
		}
	}
}
