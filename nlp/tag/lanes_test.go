package tag

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBestMatchesNaiveSum checks weights.best, whose dense blocks are added
// as lane rows (in batches of laneBatch), against a plain sum.
func TestBestMatchesNaiveSum(t *testing.T) {
	const nc = 101
	rng := rand.New(rand.NewPCG(3, 4))
	w := &weights{nc: nc}
	var blocks [][]int32
	for k := uint64(1); k <= 300; k++ {
		n := 1 + rng.IntN(nc)
		cls := rng.Perm(nc)[:n]
		slices.Sort(cls)
		cs := make([]uint8, n)
		codes := make([]byte, n)
		row := make([]int32, nc)
		for j, c := range cls {
			cs[j] = uint8(c)
			codes[j] = byte(1 + rng.IntN(255))
			if codes[j] == 0x80 {
				codes[j] = 1
			}
			row[c] = codeValue[codes[j]]
		}
		w.keys = append(w.keys, k*7)
		w.appendBlock(cs, codes)
		blocks = append(blocks, row)
	}
	w.build()
	if len(w.lanes) == 0 {
		t.Fatal("no lane rows")
	}
	c := newSentCtx(nc)
	for trial := 0; trial < 500; trial++ {
		feats := make([]uint64, rng.IntN(100))
		want := make([]int32, nc)
		for i := range feats {
			b := rng.IntN(len(blocks) + 20)
			if b >= len(blocks) {
				feats[i] = uint64(rng.IntN(1<<20)*7+3) << valBits // absent
				continue
			}
			feats[i] = w.keys[b] << valBits
			for j, v := range blocks[b] {
				want[j] += v
			}
		}
		best, top, second := 0, want[0], int32(math.MinInt32)
		for j := 1; j < nc; j++ {
			if want[j] > top {
				best, top, second = j, want[j], top
			} else if want[j] > second {
				second = want[j]
			}
		}
		if got := w.best(feats, c); int(got) != best || c.margin != top-second {
			t.Fatalf("trial %d: best %d margin %d, want %d and %d", trial, got, c.margin, best, top-second)
		}
	}
}
