package analysis

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/dyad-events/dyad"
)

// alignWorld: USA and GBR cooperate with F1..F6 and fight E1..E4; RUS does
// the opposite; IND is neutral noise. USA and GBR condemn E1 with the same
// code in the same weeks.
func alignWorld(seed uint64) []Obs {
	r := rand.New(rand.NewPCG(seed, 5))
	friends := []string{"FAA", "FBB", "FCC", "FDD", "FEE", "FFF"}
	enemies := []string{"EAA", "EBB", "ECC", "EDD"}
	var out []Obs
	n := 0
	add := func(a, b string, p float64, k int) {
		for i := 0; i < k; i++ {
			src, tgt := a, b
			if r.IntN(2) == 0 {
				src, tgt = b, a
			}
			out = append(out, ev(fmt.Sprintf("g%d", n), day("2022-01-03").AddDate(0, 0, r.IntN(300)), src, tgt, quadFor(r, p)))
			n++
		}
	}
	for _, f := range friends {
		add("USAGOV", f, 0.9, 20)
		add("GBR", f, 0.85, 20)
		add("RUS", f, 0.15, 20)
		add("IND", f, 0.5+0.1*r.Float64(), 20)
	}
	for _, e := range enemies {
		add("USA", e, 0.1, 20)
		add("GBRGOV", e, 0.15, 20)
		add("RUS", e, 0.9, 20)
		add("IND", e, 0.55, 20)
	}
	// Co-action: both condemn EAA (code 111) in weeks 1..5.
	for w := 0; w < 5; w++ {
		d := day("2022-01-03").AddDate(0, 0, 7*w)
		c1 := ev(fmt.Sprintf("cu%d", w), d, "USAGOV", "EAAGOV", 3)
		c2 := ev(fmt.Sprintf("cg%d", w), d.AddDate(0, 0, 2), "GBRGOV", "EAA", 3)
		out = append(out, c1, c2)
	}
	return out
}

func TestAlign(t *testing.T) {
	src := NewMemorySource(alignWorld(1))
	ctx := context.Background()
	res, err := Align(ctx, src, Code("USA"), Code("GBR"), AlignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Shared != 10 || res.Cosine == nil || *res.Cosine < 0.9 || res.Pearson == nil || *res.Pearson < 0.9 {
		t.Errorf("USA–GBR: shared %d cosine %v pearson %v", res.Shared, deref(res.Cosine), deref(res.Pearson))
	}
	if res.CoAction.Shared < 5 || res.CoAction.Share == nil || *res.CoAction.Share <= 0 || len(res.CoAction.Evidence) == 0 {
		t.Errorf("co-action %+v", res.CoAction)
	}
	if len(res.Evidence) != DefaultEvidence {
		t.Errorf("evidence %d ids", len(res.Evidence))
	}
	res, err = Align(ctx, src, Code("USA"), Code("RUS"), AlignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if *res.Cosine > -0.8 || *res.Pearson > -0.8 {
		t.Errorf("USA–RUS cosine %v pearson %v, want strongly negative", *res.Cosine, *res.Pearson)
	}
	_, err = Align(ctx, src, Code("USA"), Code("BRA"), AlignOptions{})
	if !errors.Is(err, dyad.ErrNotEnoughData) {
		t.Errorf("no overlap: err = %v", err)
	}
}

func TestAlignTop(t *testing.T) {
	src := NewMemorySource(alignWorld(2))
	res, err := AlignTop(context.Background(), src, Code("USA"), 2, AlignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Closest) != 2 || res.Closest[0].Actor != "GBR" || res.Closest[0].Cosine < 0.9 {
		t.Errorf("closest %+v, want GBR first", res.Closest)
	}
	if len(res.Distant) != 2 || res.Distant[0].Actor != "RUS" || res.Distant[0].Cosine > -0.8 {
		t.Errorf("distant %+v, want RUS first", res.Distant)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
