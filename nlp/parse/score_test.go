package parse

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestScoreMatchesNaiveSum checks weights.score against a plain sum of the
// entries of each feature, over tables that exercise every representation:
// compact slots, arena rows, sparse and dense hot rows, rows too heavy to
// be dense or compact, keys inserted out of order, absent keys.
func TestScoreMatchesNaiveSum(t *testing.T) {
	forEachKernel(t, testScoreMatchesNaiveSum)
}

func testScoreMatchesNaiveSum(t *testing.T) {
	const nlabels = 51
	nclass := 2 + 2*nlabels
	rng := rand.New(rand.NewPCG(1, 2))
	for _, sorted := range []bool{true, false} {
		rows := map[uint64][]uint32{}
		var keys []uint64
		for len(keys) < 20000 {
			key := rng.Uint64()>>(64-keyBits) | 1
			if _, dup := rows[key]; dup {
				continue
			}
			n := 1 + rng.IntN(12)
			switch rng.IntN(10) {
			case 0:
				n = 10 + rng.IntN(nclass-10) // hot
			case 1:
				n = 20 + rng.IntN(nclass-20) // dense
			}
			limit := 4095
			if rng.IntN(20) == 0 {
				limit = 32767 // too heavy for compact slots and dense rows
			}
			cls := rng.Perm(nclass)[:n]
			slices.Sort(cls)
			row := make([]uint32, n)
			for j, c := range cls {
				v := int16(rng.IntN(2*limit+1) - limit)
				row[j] = uint32(c) | uint32(uint16(v))<<16
			}
			rows[key] = row
			keys = append(keys, key)
		}
		if sorted {
			slices.Sort(keys)
		}
		w := newWeights(len(keys), nlabels)
		for _, k := range keys {
			w.insert(k, rows[k])
		}
		w.buildHot()
		if w.unsorted == sorted {
			t.Fatalf("unsorted = %v after inserting sorted = %v keys", w.unsorted, sorted)
		}
		var s scratch
		for trial := 0; trial < 2000; trial++ {
			feats := make([]uint64, 1+rng.IntN(2*maxBatch))
			for i := range feats {
				if rng.IntN(3) == 0 {
					feats[i] = rng.Uint64()>>(64-keyBits) | 1 // most likely absent
				} else {
					feats[i] = keys[rng.IntN(len(keys))]
				}
			}
			left, right := rng.IntN(2) == 0, rng.IntN(4) != 0
			var got [256]int32
			w.score(feats, &got, left, right, &s)
			want := make([]int32, nclass)
			for _, f := range feats {
				for _, e := range rows[f] {
					want[e&0xff] += int32(int16(e >> 16))
				}
			}
			for c := range nclass {
				isLeft, isRight := c >= 2 && c < 2+nlabels, c >= 2+nlabels
				if (isLeft && !left) || (isRight && !right) {
					continue // meaningless when the move is not allowed
				}
				if got[c] != want[c] {
					t.Fatalf("sorted=%v trial %d class %d: score %d, want %d", sorted, trial, c, got[c], want[c])
				}
			}
		}
	}
}
