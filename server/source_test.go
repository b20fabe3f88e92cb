package server

import (
	"context"
	"testing"
	"time"

	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
)

func TestStoreSource(t *testing.T) {
	st := seedStore(t)
	src := &StoreSource{st: st, Page: 7} // small pages: the paging is exercised
	ctx := context.Background()
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct {
		name string
		sel  analysis.Selection
		want int
	}{
		{"all", analysis.Selection{}, 480},
		{"one actor", analysis.Selection{Actors: []string{"AFGGOVTAL"}}, 96},
		{"prefix", analysis.Selection{Actors: []string{"CHN*"}}, 192},
		{"two patterns", analysis.Selection{Actors: []string{"AFG*", "IRNGOV"}}, 192},
		{"from inclusive, to exclusive", analysis.Selection{Actors: []string{"AFG*"}, From: day("2021-01-01"), To: day("2021-07-01")}, 24},
		{"empty range", analysis.Selection{From: day("2030-01-01")}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			obs, err := src.Observations(ctx, tc.sel)
			if err != nil {
				t.Fatal(err)
			}
			if len(obs) != tc.want {
				t.Errorf("%d observations, want %d", len(obs), tc.want)
			}
			seen := map[string]bool{}
			for _, o := range obs {
				if seen[o.ID] {
					t.Fatalf("observation %s twice", o.ID)
				}
				seen[o.ID] = true
				if (!tc.sel.From.IsZero() && o.Date.Before(tc.sel.From)) || (!tc.sel.To.IsZero() && !o.Date.Before(tc.sel.To)) {
					t.Errorf("%s dated %s outside [%s, %s)", o.ID, o.Date, tc.sel.From, tc.sel.To)
				}
				if o.Quad < 1 || o.Quad > 4 || o.Weight != 1 || len(o.Contexts) != 1 || o.Code == "" {
					t.Errorf("observation %+v lacks fields", o)
				}
			}
		})
	}
	// The analyses agree with the same events held in memory.
	all, _ := src.Observations(ctx, analysis.Selection{})
	mem := analysis.NewMemorySource(all)
	a, b := analysis.Code("CHN"), analysis.Code("AFG")
	r1, err := analysis.Relations(ctx, src, a, b, analysis.RelationsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := analysis.Relations(ctx, mem, a, b, analysis.RelationsOptions{})
	if r1.Overall.Total != 96 || r1.Overall.Total != r2.Overall.Total || *r1.Overall.Net != *r2.Overall.Net {
		t.Errorf("store %d events net %v, memory %d net %v", r1.Overall.Total, r1.Overall.Net, r2.Overall.Total, r2.Overall.Net)
	}
	// NewSource prefers a store's own ObservationLister (the SQLite store
	// has one) and gives the same observations as paging through Events.
	if _, ok := NewSource(plainStore{st}).(*StoreSource); !ok {
		t.Error("NewSource of a plain store is not a StoreSource")
	}
	if _, ok := NewSource(st).(*StoreSource); ok {
		t.Error("NewSource ignored the SQLite store's Observations")
	}
	for _, sel := range []analysis.Selection{{}, {Actors: []string{"CHN*", "AFGGOVTAL"}}, {Actors: []string{"IRN*"}, From: day("2021-03-01"), To: day("2021-09-01")}} {
		want, _ := src.Observations(ctx, sel)
		got, err := NewSource(st).Observations(ctx, sel)
		if err != nil || len(got) != len(want) {
			t.Fatalf("%+v: SQL source %d observations (%v), Events %d", sel, len(got), err, len(want))
		}
		ids := map[string]analysis.Obs{}
		for _, o := range want {
			ids[o.ID] = o
		}
		for _, o := range got {
			if w, ok := ids[o.ID]; !ok || !w.Date.Equal(o.Date) || w.Quad != o.Quad || w.Weight != o.Weight || len(w.Contexts) != len(o.Contexts) {
				t.Errorf("%+v: SQL source %+v, Events %+v", sel, o, w)
			}
		}
	}
	if _, ok := NewSource(listerStore{st, mem}).(listerStore); !ok {
		t.Error("NewSource ignored the store's ObservationLister")
	}
}

// listerStore is a store that answers selections itself.
type listerStore struct {
	storeAlias
	mem *analysis.MemorySource
}

func (l listerStore) Observations(ctx context.Context, sel analysis.Selection) ([]analysis.Obs, error) {
	return l.mem.Observations(ctx, sel)
}

type storeAlias = store.Store

// plainStore hides a store's own Observations.
type plainStore struct{ store.Store }
