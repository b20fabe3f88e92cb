package parse

import (
	"runtime"
	"unsafe"
)

// maxBatch bounds the features of one batch, which must be fewer (a power
// of two, so that masking an index proves it in range).
const maxBatch = 128

// numBatches is the number of batches a scratch holds, so that the table
// lines of several can be loading at once (see Model.bufferVectors); a
// power of two.
const numBatches = 4

// batch is a set of features filed by where their weights are, between
// weights.prep and weights.finish.
type batch struct {
	dense  [maxBatch]uint32 // offsets of dense rows in hotTier.dense
	sparse [maxBatch]uint32 // offsets of sparse rows in hotTier.rows
	cold   [maxBatch]uint64 // keys to look up in the big table
	nd     int
	ns     int
	nc     int
}

// scratch is the working space of weights.score, kept per goroutine so
// that calls neither allocate nor zero large stack arrays.
type scratch struct {
	b      [numBatches]batch
	far    [maxBatch]uint64  // keys not in their home line
	res    [maxBatch]uint64  // hot slots of the features (0: not hot)
	rows   [maxBatch]longRow // long sparse rows found there
	lo, hi [denseMaxWords]uint64
}

// longRow locates an arena row: entries[lo:hi], split as slot.split.
type longRow struct{ lo, hi, split uint32 }

// score adds the weights of the given features to scores. Entries of
// LEFT-ARC classes are added only when left is set and those of RIGHT-ARC
// classes only when right is set; the scores of skipped classes are
// meaningless (callers only read the scores of allowed classes). Its result
// is meaningless too; callers keep it so that the prefetching loads stay.
// buildHot must have been called. It uses s.b[0].
func (w *weights) score(feats []uint64, scores *[256]int32, left, right bool, s *scratch) uint64 {
	var sink uint64
	for len(feats) >= maxBatch {
		sink += w.score(feats[:maxBatch-1], scores, left, right, s)
		feats = feats[maxBatch-1:]
	}
	sink += w.prefetch(feats)
	sink += w.prep(feats, &s.b[0], s)
	return sink + w.finish(&s.b[0], scores, left, right, s)
}

// prefetch starts loading the hot table buckets that prep reads for feats,
// so that work done in between overlaps those cache misses. Its
// result is meaningless, as score's is.
func (w *weights) prefetch(feats []uint64) uint64 {
	if len(feats) == 0 {
		return 0
	}
	return prefetchHot(feats, &w.hot.slots[0], w.hot.mask)
}

// prep files feats (fewer than maxBatch) into b and starts loading the table
// lines of its cold keys, which weights.finish then reads: work done in
// between overlaps those cache misses. Its result is meaningless, as
// score's is.
func (w *weights) prep(feats []uint64, b *batch, s *scratch) uint64 {
	// Resolve the hot keys (the hot tier is small and mostly cached) and
	// file the features by where their weights are.
	if len(feats) >= maxBatch {
		// Counts of maxBatch would wrap when masked.
		panic("parse: too many features for one batch")
	}
	h := &w.hot
	if useAVX2 && h.filter != nil && len(h.slots) >= hotBucket && len(feats) > 0 {
		b.nd, b.ns, b.nc = prepAVX2(feats, &h.slots[0], h.mask, &h.filter[0], h.fshift, b,
			&h.dense[0], unsafe.SliceData(h.rows))
		return w.prefetchCold(b)
	}
	res := s.res[:len(feats)]
	h.probe(feats, res)
	// Branch-free filing: whether a feature is hot, and how, is
	// unpredictable, and mispredicted branches would cost more than the
	// stores.
	nd, ns, nc := 0, 0, 0
	feats = feats[:len(res)]
	for i, hs := range res {
		b.cold[nc&(maxBatch-1)] = feats[i]
		b.sparse[ns&(maxBatch-1)] = uint32(hs & (hotSparse - 1))
		b.dense[nd&(maxBatch-1)] = uint32(hs & hotOffMask)
		cold, sparse := b2i(hs == 0), b2i(hs&hotSparse != 0)
		nc += cold
		ns += sparse
		nd += 1 - cold - sparse
	}
	// Drop the other keys the filter rules out, then prefetch the home
	// line of those it keeps.
	cold := h.filterKeys(b.cold[:nc&(maxBatch-1)])
	b.nd, b.ns, b.nc = nd&(maxBatch-1), ns&(maxBatch-1), len(cold)
	return w.prefetchCold(b)
}

// prefetchCold starts loading the home lines of the cold keys of b.
func (w *weights) prefetchCold(b *batch) uint64 {
	var sink uint64
	if cold := b.cold[:b.nc&(maxBatch-1)]; len(cold) > 0 {
		sink = prefetchSlots(&w.slots[0], uint64(len(w.slots)-1), w.shift, cold, 0)
	}
	runtime.KeepAlive(w) // w.slots may live outside the Go heap, until w dies
	return sink
}

// finish adds the weights of the features filed in bt by prep to scores,
// as score does.
func (w *weights) finish(bt *batch, scores *[256]int32, left, right bool, s *scratch) uint64 {
	var sink uint64
	// The hot rows first: they are cached, and adding them leaves time
	// for the cold lines to arrive.
	h := &w.hot
	hrows := h.rows
	for _, off := range bt.sparse[:bt.ns&(maxBatch-1)] {
		addRow4(scores, hrows[off+1:off+1+hrows[off]])
	}
	if nd := bt.nd & (maxBatch - 1); nd > 0 {
		w.sumDense(scores, bt.dense[:nd], left, right, s)
	}
	slots := w.slots
	mask := uint64(len(slots) - 1)
	shift := w.shift
	nr, nf := 0, 0
	entries := w.entries
	// Keys were inserted in increasing order (see insert), so a probe can
	// stop at the first larger key: f would have been placed before it.
	// Most keys are in the first slot of their home line or the second
	// one; checking both without branches beats mispredicting which.
	sorted := !w.unsorted
	for _, f := range bt.cold[:bt.nc&(maxBatch-1)] {
		i := f >> shift &^ 1
		a, b := &slots[i&mask], &slots[(i+1)&mask]
		sl := &nullSlot
		if b.kn&keyMask == f {
			sl = b
		}
		if a.kn&keyMask == f {
			sl = a
		}
		if sl == &nullSlot && !a.ends(f, sorted) && !b.ends(f, sorted) {
			// Displaced: look further once all home lines are resolved
			// (and the next lines prefetched), so those misses overlap.
			s.far[nf&(maxBatch-1)] = f
			nf++
			continue
		}
		if sl.kn&slotArena == 0 {
			addCompact(scores, &sl.e)
			continue
		}
		// Arena rows are added below, once all of them are located;
		// touching each row's first entry now overlaps their cache misses
		// too.
		n := uint32(sl.count())
		off := uint32(sl.e[0])
		sink += uint64(entries[off])
		s.rows[nr&(maxBatch-1)] = longRow{off, off + n, sl.split()}
		nr++
	}
	far := s.far[:nf&(maxBatch-1)]
	if len(far) > 0 {
		sink += prefetchSlots(&slots[0], mask, shift, far, 2)
	}
	for _, f := range far {
		sl := w.find(f, f>>shift&^1+2, sorted)
		if sl.kn&slotArena == 0 {
			addCompact(scores, &sl.e)
			continue
		}
		n := uint32(sl.count())
		off := uint32(sl.e[0])
		s.rows[nr&(maxBatch-1)] = longRow{off, off + n, sl.split()}
		nr++
	}
	for _, r := range s.rows[:nr&(maxBatch-1)] {
		addSplit(scores, entries[r.lo:r.hi], r.split, left, right)
	}
	runtime.KeepAlive(w) // w.slots may live outside the Go heap, until w dies
	return sink
}

// probe sets res[i] to the hot slot of feats[i], 0 when it is not hot.
// The four slots of a key's home bucket are checked without branches; the
// probe goes on only when the bucket is full (slots fill in order) and
// holds no match, which is rare.
func (h *hotTier) probe(feats, res []uint64) {
	slots, mask := h.slots, h.mask
	res = res[:len(feats)]
	for i, f := range feats {
		j := f >> 1 & mask &^ (hotBucket - 1)
		b := slots[j : j+hotBucket : j+hotBucket]
		var hs uint64
		if b[0]>>hotOffBits == f {
			hs = b[0]
		}
		if b[1]>>hotOffBits == f {
			hs = b[1]
		}
		if b[2]>>hotOffBits == f {
			hs = b[2]
		}
		if b[3]>>hotOffBits == f {
			hs = b[3]
		}
		if b2i(hs == 0)&b2i(b[3] != 0) != 0 {
			hs = h.probeFar(f, j+hotBucket)
		}
		res[i] = hs
	}
}

// probeFar returns the hot slot of f, 0 when it is not hot, probing from
// slot j on.
func (h *hotTier) probeFar(f, j uint64) uint64 {
	for {
		hs := h.slots[j&h.mask]
		if hs == 0 || hs>>hotOffBits == f {
			return hs
		}
		j++
	}
}

// filterKeys drops from keys, in place, those the filter rules out.
func (h *hotTier) filterKeys(keys []uint64) []uint64 {
	filter, fshift := h.filter, h.fshift
	if filter == nil {
		return keys
	}
	n := 0
	for _, f := range keys {
		fb := filterBits(f)
		keys[n&(maxBatch-1)] = f
		n += b2i(filter[(f*k1)>>fshift]&fb == fb) // branch-free, as above
	}
	return keys[:n]
}

// b2i returns 1 for true and 0 for false, without a branch.
func b2i(b bool) int {
	var i int
	if b {
		i = 1
	}
	return i
}

// nullSlot stands for an absent key: its compact entries add nothing.
var nullSlot = slot{e: compactNulls}

// ends reports whether a probe for key f ends at slot sl without finding
// it: sl is empty or, when keys were inserted in order, holds a larger key.
func (sl *slot) ends(f uint64, sorted bool) bool {
	return sl.kn == 0 || (sorted && sl.kn&keyMask > f)
}

// find returns the slot of key f, probing from slot i on, or nullSlot.
func (w *weights) find(f, i uint64, sorted bool) *slot {
	mask := uint64(len(w.slots) - 1)
	for {
		sl := &w.slots[i&mask]
		if sl.kn&keyMask == f && sl.kn != 0 {
			return sl
		}
		if sl.ends(f, sorted) {
			return &nullSlot
		}
		i++
	}
}

// addCompact adds the compact entries of e (padded with ones that add
// nothing, see compactNullClass) to scores.
func addCompact(scores *[256]int32, e *[3]uint64) {
	for _, w := range e {
		x0, x1, x2 := w&compactMask, w>>compactBits&compactMask, w>>(2*compactBits)&compactMask
		scores[x0&0x7f] += int32(x0>>7) - compactBias
		scores[x1&0x7f] += int32(x1>>7) - compactBias
		scores[x2&0x7f] += int32(x2>>7) - compactBias
	}
}

// addSplit adds the entries of row whose classes are allowed: split holds
// the index of the first LEFT-ARC entry and (<<8) of the first RIGHT-ARC one.
func addSplit(scores *[256]int32, row []uint32, split uint32, left, right bool) {
	if left && right {
		addRow(scores, row)
		return
	}
	ls, rs := split&0xff, split>>8&0xff
	addRow(scores, row[:ls])
	if left {
		addRow(scores, row[ls:rs])
	}
	if right {
		addRow(scores, row[rs:])
	}
}

// addRow4 adds packed entries, a multiple of four, to scores.
func addRow4(scores *[256]int32, row []uint32) {
	for ; len(row) >= 4; row = row[4:] {
		e := row[:4:4]
		scores[e[0]&0xff] += int32(e[0]) >> 16
		scores[e[1]&0xff] += int32(e[1]) >> 16
		scores[e[2]&0xff] += int32(e[2]) >> 16
		scores[e[3]&0xff] += int32(e[3]) >> 16
	}
}

// addRow adds packed entries (class in the low byte, int16 weight in the
// high half) to scores.
func addRow(scores *[256]int32, row []uint32) {
	i := 0
	for ; i+4 <= len(row); i += 4 {
		e := row[i : i+4 : i+4]
		scores[e[0]&0xff] += int32(e[0]) >> 16
		scores[e[1]&0xff] += int32(e[1]) >> 16
		scores[e[2]&0xff] += int32(e[2]) >> 16
		scores[e[3]&0xff] += int32(e[3]) >> 16
	}
	for ; i < len(row); i++ {
		scores[row[i]&0xff] += int32(row[i]) >> 16
	}
}

// denseRanges returns the words of dense rows to add: [0, a) and [b, nw).
// Words holding only LEFT-ARC classes are skipped unless left, those
// holding only RIGHT-ARC classes unless right.
func (w *weights) denseRanges(left, right bool) (a, b, nw int) {
	nw = w.hot.nwords
	fr := int(w.firstRight)
	a, b = 1, nw
	if left {
		a = (fr + 3) / 4
	}
	if right {
		b = fr / 4
	}
	if b < a {
		b = a
	}
	return a, b, nw
}

// sumDense adds the dense rows at offsets ds to scores, skipping the words
// that denseRanges skips (the scores of those classes are meaningless
// after).
func (w *weights) sumDense(scores *[256]int32, ds []uint32, left, right bool, s *scratch) {
	dense := w.hot.dense
	if useAVX2 {
		// All classes, 128 at a time: cheaper than skipping some.
		groups := (4*w.hot.nwords + 127) / 128
		sumDenseAVX2(scores, &dense[0], &ds[0], len(ds), groups)
		return
	}
	a, b, nw := w.denseRanges(left, right)
	lo, hi := s.lo[:nw], s.hi[:nw]
	clear(lo)
	clear(hi)
	bias := int32(len(ds)) * denseBias
	for len(ds) > 0 {
		var o [denseBatch]uint32 // offset 0 is the zero row
		ds = ds[copy(o[:], ds):]
		addWords(dense, &o, lo[:a], hi[:a], 0)
		if b < nw {
			addWords(dense, &o, lo[b:], hi[b:], b)
		}
	}
	toScores(scores, lo[:a], hi[:a], 0, bias)
	if b < nw {
		toScores(scores, lo[b:], hi[b:], b, bias)
	}
}

// toScores adds the 32-bit lane sums of words from..from+len(lo), less
// bias, to the scores of their classes.
func toScores(scores *[256]int32, lo, hi []uint64, from int, bias int32) {
	hi = hi[:len(lo)]
	for j, l := range lo {
		h := hi[j]
		c := 4 * (from + j)
		sc := scores[c : c+4 : c+4]
		sc[0] += int32(uint32(l)) - bias
		sc[1] += int32(uint32(h)) - bias
		sc[2] += int32(l>>32) - bias
		sc[3] += int32(h>>32) - bias
	}
}

// addWords adds words from..from+len(lo) of the eight dense rows at offsets
// o, splitting each 16-bit-lane sum into 32-bit lanes: lanes 0 and 2 go to
// lo, lanes 1 and 3 to hi.
func addWords(dense []uint64, o *[denseBatch]uint32, lo, hi []uint64, from int) {
	n := len(lo)
	hi = hi[:n]
	r0, r1 := dense[int(o[0])+from:][:n], dense[int(o[1])+from:][:n]
	r2, r3 := dense[int(o[2])+from:][:n], dense[int(o[3])+from:][:n]
	r4, r5 := dense[int(o[4])+from:][:n], dense[int(o[5])+from:][:n]
	r6, r7 := dense[int(o[6])+from:][:n], dense[int(o[7])+from:][:n]
	for j := range lo {
		s := r0[j] + r1[j] + r2[j] + r3[j] + r4[j] + r5[j] + r6[j] + r7[j]
		lo[j] += s & lanes0and2
		hi[j] += s >> 16 & lanes0and2
	}
}
