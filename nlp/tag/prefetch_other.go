//go:build !amd64

package tag

import "unsafe"

// prefetchSlots loads, for each hash of hs, its home slot in an ftable
// (slots, mask+1 slots), so that the cache misses overlap (the amd64
// version uses prefetch instructions instead), and returns the sum of what
// it loaded, which callers keep so that the loads stay.
func prefetchSlots(slots *uint64, mask uint64, hs []uint64) uint64 {
	t := unsafe.Slice(slots, mask+1)
	var sink uint64
	for _, h := range hs {
		sink += t[h>>valBits&mask]
	}
	return sink
}

// prefetchBlocks loads the first entry of each weight block packed[off]
// for off in offs (skipping offsets past the end), as prefetchSlots does,
// and returns the sum of what it loaded.
func prefetchBlocks(packed []uint16, offs []uint32) uint64 {
	var sink uint64
	for _, off := range offs {
		if int(off) < len(packed) {
			sink += uint64(packed[off])
		}
	}
	return sink
}

// prefetchRows is never called where useAVX2 is false.
func prefetchRows(rows *int16, idx []uint32) uint64 { return 0 }
