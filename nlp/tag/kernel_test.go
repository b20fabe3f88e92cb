package tag

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// forEachKernel runs test with the portable code and, where the CPU has
// AVX2, with the AVX2 kernels.
func forEachKernel(t *testing.T, test func(t *testing.T)) {
	saved := useAVX2
	t.Cleanup(func() { useAVX2 = saved })
	modes := []bool{false}
	if saved {
		modes = append(modes, true)
	}
	for _, avx := range modes {
		useAVX2 = avx
		name := "portable"
		if avx {
			name = "avx2"
		}
		t.Run(name, test)
	}
}

// TestTagEWTSameWithEveryKernel checks that both kernels give the same tags
// and first-pass margins on EWT test, with the model built for each (the
// AVX2 build gives more blocks lane rows, see buildLanes).
func TestTagEWTSameWithEveryKernel(t *testing.T) {
	sents := readTreebank(t, "data/ud-ewt/test.conllu")
	var want [][]int32
	forEachKernel(t, func(t *testing.T) {
		m, err := decodeModel(embedded)
		if err != nil {
			t.Fatal(err)
		}
		var got [][]int32
		c := newSentCtx(len(m.classes))
		for _, s := range sents {
			m.predict(c, s.Forms())
			out := make([]int32, 0, 2*c.n)
			for i := range c.n {
				out = append(out, int32(c.tags[i+pad]), c.margins[i+pad])
			}
			got = append(got, out)
		}
		if want == nil {
			want = got
			return
		}
		for i := range got {
			if !slices.Equal(got[i], want[i]) {
				t.Fatalf("sentence %d: got %v, want %v", i, got[i], want[i])
			}
		}
	})
}

// TestPickSameWithAVX2 checks pickAVX2 against pick on scores with many
// ties, extreme values and every class count the kernel handles.
func TestPickSameWithAVX2(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	scores := make([]int32, avxClasses)
	for nc := 1; nc <= avxClasses; nc++ {
		for trial := 0; trial < 300; trial++ {
			spread := 1 + rng.IntN(5)
			for j := range scores {
				scores[j] = math.MinInt32
				if j >= nc {
					continue
				}
				switch rng.IntN(16) {
				case 0:
					scores[j] = math.MinInt32 + int32(rng.IntN(2))
				case 1:
					scores[j] = math.MaxInt32 - int32(rng.IntN(2))
				default:
					scores[j] = int32(rng.IntN(spread)) - 1
				}
			}
			best, margin := pick(scores[:nc])
			gb, gm := pickAVX2(scores)
			if gb != best || gm != margin {
				t.Fatalf("nc %d: %v: got %d, %d, want %d, %d", nc, scores[:nc], gb, gm, best, margin)
			}
		}
	}
}
