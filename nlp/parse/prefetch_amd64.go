package parse

// prefetchSlots asks the CPU to start loading, for each key of keys, the
// line of slot (home slot + plus) & mask into the cache, without waiting
// for it: unlike a load, a prefetch retires at once, so the misses overlap
// whatever work follows. slots is the first slot of a table of mask+1
// slots and shift is tableShift of it. The result is meaningless (the
// portable version returns the sum of the loads it makes instead).
//
//go:noescape
func prefetchSlots(slots *slot, mask uint64, shift uint, keys []uint64, plus uint64) uint64

// prefetchHot asks the CPU to start loading, for each key of feats, its
// home bucket in the hot table (hot, hmask+1 slots, see hotTier.probe), so
// that the misses overlap whatever work follows, as prefetchSlots does.
// The result is meaningless.
//
//go:noescape
func prefetchHot(feats []uint64, hot *uint64, hmask uint64) uint64
