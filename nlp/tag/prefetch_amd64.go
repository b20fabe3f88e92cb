package tag

// prefetchSlots asks the CPU to start loading, for each hash of hs, the
// cache line of its home slot in an ftable (slots, mask+1 slots), without
// waiting for it: unlike a load, a prefetch retires at once, so the misses
// overlap whatever work follows. The result is meaningless (the portable
// version returns the sum of the loads it makes instead).
//
//go:noescape
func prefetchSlots(slots *uint64, mask uint64, hs []uint64) uint64

// prefetchBlocks asks the CPU to start loading the first line of each
// weight block packed[off] for off in offs, as prefetchSlots does; offsets
// past the end are harmless. The result is meaningless.
//
//go:noescape
func prefetchBlocks(packed []uint16, offs []uint32) uint64

// prefetchRows asks the CPU to start loading the rows16 rows idx (of
// avxClasses int16 weights, four cache lines at most), as prefetchSlots
// does. The result is meaningless.
//
//go:noescape
func prefetchRows(rows *int16, idx []uint32) uint64
