package analysis

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/dyad-events/dyad"
)

func blocLabels(t *testing.T, w BlocWindow, truth map[string]int) (got, want []int) {
	t.Helper()
	lab := map[string]int{}
	for _, b := range w.Blocs {
		for _, m := range b.Members {
			lab[m] = b.ID
		}
	}
	for a, b := range truth {
		l, ok := lab[a]
		if !ok {
			t.Fatalf("actor %s missing from blocs", a)
		}
		got = append(got, l)
		want = append(want, b)
	}
	return got, want
}

func TestBlocsTwoBlocsWithNoise(t *testing.T) {
	for seed := uint64(1); seed <= 10; seed++ {
		// 2 blocs × 12 actors, 6 events per pair; 25% of within-bloc
		// events are conflict and 30% of cross-bloc events cooperation.
		obs, truth := blocWorld(seed, 2, 12, 6, 0.75, 0.3)
		res, err := Blocs(context.Background(), NewMemorySource(obs), BlocsOptions{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		w := res.Windows[0]
		got, want := blocLabels(t, w, truth)
		if ari := AdjustedRand(got, want); ari < 0.9 {
			t.Errorf("seed %d: ARI %.3f < 0.9 (%d blocs)", seed, ari, len(w.Blocs))
		}
		if w.Top2ConflictShare == nil || *w.Top2ConflictShare < 0.5 || len(w.Evidence) == 0 {
			t.Errorf("seed %d: top-2 conflict share %v", seed, deref(w.Top2ConflictShare))
		}
		if c := w.Blocs[0].Cohesion; c == nil || !near(*c, 0.75, 0.06) {
			t.Errorf("seed %d: cohesion %v, want about 0.75", seed, deref(c))
		}
	}
}

func TestBlocsThreeBlocs(t *testing.T) {
	obs, truth := blocWorld(7, 3, 8, 6, 0.85, 0.15)
	res, err := Blocs(context.Background(), NewMemorySource(obs), BlocsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w := res.Windows[0]
	if len(w.Blocs) != 3 {
		t.Fatalf("%d blocs, want 3: %+v", len(w.Blocs), w.Blocs)
	}
	if w.EffectiveBlocs < 2.5 || w.EffectiveBlocs > 3.5 {
		t.Errorf("effective number of blocs %.2f, want 2.5–3.5", w.EffectiveBlocs)
	}
	got, want := blocLabels(t, w, truth)
	if ari := AdjustedRand(got, want); ari < 0.99 {
		t.Errorf("ARI %.3f", ari)
	}
	// With three equal blocs about a third of conflict runs between the
	// two largest.
	if w.Top2ConflictShare == nil || !near(*w.Top2ConflictShare, 1.0/3, 0.1) {
		t.Errorf("top-2 conflict share %v, want about 1/3", deref(w.Top2ConflictShare))
	}
	if w.Modularity <= 0.2 {
		t.Errorf("modularity %.3f", w.Modularity)
	}
}

func TestBlocsWindowsDeterministic(t *testing.T) {
	obs, _ := blocWorld(3, 2, 10, 8, 0.8, 0.2)
	src := NewMemorySource(obs)
	opts := BlocsOptions{From: day("2021-01-01"), To: day("2022-01-01"), Window: 120 * 24 * 3600e9, Step: 60 * 24 * 3600e9, Seed: 42, MaxActors: 15}
	a, err := Blocs(context.Background(), src, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Blocs(context.Background(), src, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("two runs with the same seed differ")
	}
	if len(a.Windows) != 6 {
		t.Errorf("%d windows, want 6", len(a.Windows))
	}
	for _, w := range a.Windows {
		if w.Actors != 15 {
			t.Errorf("window %s: %d actors, want MaxActors 15", w.From, w.Actors)
		}
	}
	// Code level: the sources are coded XXXGOV, targets XXX — distinct actors.
	c, err := Blocs(context.Background(), src, BlocsOptions{Level: LevelCode, MaxActors: 100})
	if err != nil {
		t.Fatal(err)
	}
	if c.Windows[0].Actors != 40 {
		t.Errorf("code level: %d actors, want 40", c.Windows[0].Actors)
	}
}

func TestBlocsNotEnoughData(t *testing.T) {
	src := NewMemorySource([]Obs{ev("1", day("2021-01-01"), "USA", "GBR", 1), ev("2", day("2021-01-02"), "USA", "GBR", 1)})
	_, err := Blocs(context.Background(), src, BlocsOptions{MinEvents: 1})
	if !errors.Is(err, dyad.ErrNotEnoughData) || err.Error() != "analysis: blocs: actors with ≥ 1 events: not enough data (n = 2): need at least 3 actors" {
		t.Errorf("err = %v", err)
	}
	_, err = Blocs(context.Background(), NewMemorySource(nil), BlocsOptions{})
	if !errors.Is(err, dyad.ErrNotEnoughData) {
		t.Errorf("empty: err = %v", err)
	}
}

func TestSignedModularityPlanted(t *testing.T) {
	// Four nodes, two friendly pairs that are hostile to each other.
	n := 4
	pos := make([]float64, 16)
	neg := make([]float64, 16)
	set := func(m []float64, i, j int, w float64) { m[i*n+j], m[j*n+i] = w, w }
	set(pos, 0, 1, 1)
	set(pos, 2, 3, 1)
	set(neg, 0, 2, 1)
	set(neg, 1, 3, 1)
	comm, q := signedLouvain(n, pos, neg, 1, 4)
	if comm[0] != comm[1] || comm[2] != comm[3] || comm[0] == comm[2] {
		t.Errorf("partition %v", comm)
	}
	// Q = (1/(4+4))·[ (2 − 2·(1·1+1·1+1·1+1·1)/4) + (0 + 2·…) ]: computed directly.
	if want := signedModularity(n, pos, neg, []int{0, 0, 1, 1}); !near(q, want, 1e-12) || q <= 0 {
		t.Errorf("Q = %v, want %v > 0", q, want)
	}
}

func TestBlocsGoldsteinWeight(t *testing.T) {
	obs, truth := blocWorld(9, 2, 8, 6, 0.8, 0.2)
	res, err := Blocs(context.Background(), NewMemorySource(obs), BlocsOptions{Weight: WeightGoldstein})
	if err != nil {
		t.Fatal(err)
	}
	got, want := blocLabels(t, res.Windows[0], truth)
	if ari := AdjustedRand(got, want); ari < 0.9 || res.Weight != WeightGoldstein {
		t.Errorf("goldstein weight: ARI %.3f, weight %s", ari, res.Weight)
	}
	if _, err := Blocs(context.Background(), NewMemorySource(obs), BlocsOptions{Weight: "mentions"}); !errors.Is(err, dyad.ErrInvalidInput) {
		t.Errorf("bad weight: err = %v", err)
	}
}
