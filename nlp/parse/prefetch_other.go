//go:build !amd64

package parse

import "unsafe"

// prefetchSlots loads, for each key of keys, slot (home slot + plus) &
// mask, so that the cache misses overlap (the amd64 version uses prefetch
// instructions instead), and returns the sum of what it loaded, which
// callers keep so that the loads stay. slots is the first slot of a table
// of mask+1 slots and shift is tableShift of it.
func prefetchSlots(slots *slot, mask uint64, shift uint, keys []uint64, plus uint64) uint64 {
	t := unsafe.Slice(slots, mask+1)
	var sink uint64
	for _, f := range keys {
		sink += t[(f>>shift&^1+plus)&mask].kn
	}
	return sink
}

// prefetchHot loads, for each key of feats, its home bucket in the hot
// table (hot, hmask+1 slots, see hotTier.probe), as prefetchSlots does,
// and returns the sum of what it loaded.
func prefetchHot(feats []uint64, hot *uint64, hmask uint64) uint64 {
	t := unsafe.Slice(hot, hmask+1)
	var sink uint64
	for _, f := range feats {
		sink += t[f>>1&hmask&^(hotBucket-1)]
	}
	return sink
}
