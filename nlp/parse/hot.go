package parse

import (
	"math/bits"
	"slices"
)

// The weight table of a full model is far larger than the CPU caches, and a
// probe that misses them costs hundreds of nanoseconds. Lookups are very
// skewed, though, and a feature's number of class entries is a good proxy
// for how often it fires (rare features are updated for few classes). So
// the features with long rows are copied into a compact hot tier — a small
// table with their rows packed longest first — that stays in cache, and the
// others are summarized by a Bloom filter, so that most absent features are
// rejected without touching the big table. The big table still holds every
// key (Save reads it); lookups reach it only for keys that are not hot and
// pass the filter, which gives the same answer as probing it directly.

const (
	// hotMin is the number of entries from which a row is hot.
	hotMin = 10
	// denseMin is the number of entries from which a hot row is kept dense
	// (below, it is kept sparse) for the portable code; the AVX2 kernels
	// add dense rows so cheaply that every hot row is kept dense (see
	// denseFrom).
	denseMin = 20
	// hotSlotsPerKey sizes the hot table: sparse enough that the home
	// bucket of hotBucket slots (which a probe checks at once) is rarely
	// full, which the branch predictor then gets right, and small enough
	// to stay cached.
	hotSlotsPerKey = 4
	hotBucket      = 4
	// filterBitsPerKey sizes the Bloom filter over the keys that are not
	// hot (about 12% false positives with three bits in a 64-bit block).
	filterBitsPerKey = 4

	// denseBias offsets dense weights, which must lie strictly within
	// ±denseBias, to make them positive.
	denseBias = 4096
	// denseBatch rows fit in 16-bit lanes: 8*(2*4096-1) < 1<<16.
	denseBatch = 8
	// denseMaxWords bounds the words of a dense row (256 classes).
	denseMaxWords = 64
	// denseSlack zero words follow the dense rows: sumDenseAVX2 reads
	// 128 classes at a time, up to 31 words past the end of the last row.
	denseSlack = 32
	lanes0and2 = 0x0000_ffff_0000_ffff

	hotOffBits = 24
	hotOffMask = 1<<hotOffBits - 1
	// sparseNullClass and the two classes below it are beyond those of
	// the model: entries adding zero to them pad sparse hot rows, the k-th
	// pad to class sparseNullClass-k, so that the additions do not form a
	// chain through one score.
	sparseNullClass = 255
	// hotSparse marks, in a hot slot, the offset of a sparse row in
	// hotTier.rows rather than that of a dense row in hotTier.dense.
	hotSparse = 1 << (hotOffBits - 1)
)

// hotTier holds the rows of frequent features and a filter over the rest.
type hotTier struct {
	// slots is an open-addressing table of key<<hotOffBits | v, where v is
	// the offset of the key's dense row in dense, or hotSparse | the offset
	// of its sparse row in rows; 0 marks an empty slot. The home slot of a
	// key is the first of the bucket of hotBucket slots at key>>1 & mask
	// (bit 0 of keys is always set), and keys are placed by linear probing
	// from there.
	slots []uint64
	mask  uint64
	// rows holds the sparse hot rows: per key a header (the entry count, a
	// multiple of four), then the entries, padded with sparseNullClass ones.
	rows []uint32
	// dense holds dense rows, four classes to a uint64: lane c&3 (16 bits)
	// of word c>>2 holds class c's weight plus denseBias, so every lane is
	// positive and below 2*denseBias and denseBatch rows can be added word
	// by word without a carry crossing lanes. The sums are exact integers,
	// so scores are the same as from sparse entries, for a quarter of the
	// additions.
	dense  []uint64
	nwords int // words per dense row
	// filter is a Bloom filter with one 64-bit block per key over the keys
	// that are not hot.
	filter []uint64
	fshift uint
	cand   []int32 // slots of hot candidates, until buildHot
}

// initHot prepares the hot tier of a table that will hold nkeys keys:
// insert then files each key as hot or in the filter (addKey), and
// buildHot completes the tier.
func (w *weights) initHot(nkeys int) {
	h := &w.hot
	*h = hotTier{nwords: (w.nclass + 3) / 4}
	if filterBitsPerKey > 0 {
		nf := 64
		for nf*64 < nkeys*filterBitsPerKey {
			nf <<= 1
		}
		h.filter = make([]uint64, nf)
		h.fshift = uint(64 - bits.TrailingZeros(uint(nf)))
	}
}

// addKey files a key just inserted in slot i: a hot candidate, or a key
// of the filter.
func (w *weights) addKey(key uint64, n int, i int) {
	if n >= hotMin && w.hot.nwords <= denseMaxWords {
		w.hot.cand = append(w.hot.cand, int32(i))
	} else {
		w.hot.filterAdd(key)
	}
}

// filterAdd adds key to the filter.
func (h *hotTier) filterAdd(key uint64) {
	if h.filter != nil {
		h.filter[h.block(key)] |= filterBits(key)
	}
}

// buildHot builds the hot tier once all keys are inserted.
func (w *weights) buildHot() {
	h := &w.hot
	hot := h.cand // slot indexes of hot keys
	h.cand = nil
	// Longest rows first, then by key, so hot rows are packed by
	// frequency and the layout is deterministic.
	slices.SortFunc(hot, func(a, b int32) int {
		na, nb := w.slots[a].count(), w.slots[b].count()
		if na != nb {
			return nb - na
		}
		ka, kb := w.slots[a].kn&keyMask, w.slots[b].kn&keyMask
		if ka < kb {
			return -1
		}
		if ka > kb {
			return 1
		}
		return 0
	})
	size := 16
	for size < hotSlotsPerKey*len(hot) {
		size <<= 1
	}
	h.slots = make([]uint64, size)
	h.mask = uint64(size - 1)
	// Row 0 is all zeros: sumDense pads batches with it.
	ndense := len(hot) / 4
	if denseFrom() <= hotMin {
		ndense = len(hot)
	}
	h.dense = make([]uint64, h.nwords, h.nwords*(1+ndense)+denseSlack)
	var sum [256]int32
	var buf [compactMax]uint32
	for _, i := range hot {
		sl := &w.slots[i]
		key := sl.kn & keyMask
		row := w.row(sl, &buf)
		var v uint64
		if d, ok := h.addDense(row, &sum); ok {
			v = uint64(d) * uint64(h.nwords)
		} else if off := len(h.rows); off < hotSparse && w.nclass <= sparseNullClass-2 {
			// Padded to whole groups of four entries, all added whatever
			// the allowed classes: fewer branches to mispredict.
			v = uint64(off) | hotSparse
			n := (len(row) + 3) &^ 3
			h.rows = append(h.rows, uint32(n))
			h.rows = append(h.rows, row...)
			for k := range n - len(row) {
				h.rows = append(h.rows, uint32(sparseNullClass-k))
			}
		} else {
			h.filterAdd(key) // the hot tier is full: the key stays cold
			continue
		}
		j := key >> 1 & h.mask &^ (hotBucket - 1)
		for h.slots[j] != 0 {
			j = (j + 1) & h.mask
		}
		h.slots[j] = key<<hotOffBits | v
	}
	h.dense = append(h.dense, make([]uint64, denseSlack)...)
	w.moveHot()
}

// moveHot copies the words of the hot tier (its table, dense rows and
// filter, a few megabytes that every transition probes at random) to huge
// pages when it can: with small pages, their probes miss the TLB.
func (w *weights) moveHot() {
	h := &w.hot
	parts := []*[]uint64{&h.slots, &h.dense, &h.filter}
	n := 0
	for _, p := range parts {
		n += (len(*p) + 7) &^ 7 // each part starts a cache line
	}
	mem := w.hugeWords(n)
	if mem == nil {
		return
	}
	for _, p := range parts {
		k := copy(mem, *p)
		*p = mem[:k:k]
		mem = mem[(k+7)&^7:]
	}
}

// block returns the filter block of key.
func (h *hotTier) block(key uint64) uint64 { return (key * k1) >> h.fshift }

// filterBits returns the three filter bits of key within its block.
func filterBits(key uint64) uint64 {
	return 1<<(key>>1&63) | 1<<(key>>7&63) | 1<<(key>>13&63)
}

// denseFrom returns the number of entries from which a hot row is kept
// dense: denseMin, or hotMin with the AVX2 kernels.
func denseFrom() int {
	if useAVX2 {
		return hotMin
	}
	return denseMin
}

// addDense stores row (class-sorted entries) densely when it is long enough
// and its weights fit, and returns its index. sum is scratch.
func (h *hotTier) addDense(row []uint32, sum *[256]int32) (uint32, bool) {
	if len(row) < denseFrom() || len(h.dense)/h.nwords >= hotSparse/h.nwords {
		return 0, false
	}
	clear(sum[:])
	for _, e := range row {
		sum[e&0xff] += int32(int16(e >> 16))
	}
	for _, v := range sum {
		if v <= -denseBias || v >= denseBias {
			return 0, false
		}
	}
	d := len(h.dense) / h.nwords
	for j := 0; j < h.nwords; j++ {
		var word uint64
		for k := 0; k < 4; k++ {
			word |= uint64(sum[4*j+k]+denseBias) << (16 * k)
		}
		h.dense = append(h.dense, word)
	}
	return uint32(d), true
}
