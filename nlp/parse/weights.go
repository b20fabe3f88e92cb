package parse

import (
	"math"
	"math/bits"
	"slices"
)

// weights is the inference-time weight store: an open-addressing hash table
// from feature key to its sparse (class, weight) entries. An entry packs the
// class in the low 8 bits and an int16 weight in the high 16 bits, so scores
// accumulate as int32 without conversions. A slot holds the key (keyBits
// bits) and the entry count in one word, and up to two entries inline, so
// most lookups touch a single cache line; longer rows live in an arena and
// the first inline word holds their offset, the second where the row's
// LEFT-ARC and RIGHT-ARC entries begin (rows are sorted by class), so that
// scoring can skip the classes a configuration does not allow.
type weights struct {
	slots      []slot
	shift      uint // 64 - log2(len(slots))
	entries    []uint32
	nkeys      int
	firstRight uint32 // class of the first RIGHT-ARC: 2 + number of labels
}

type slot struct {
	kn uint64 // key | count<<keyBits; 0 marks an empty slot
	e  [2]uint32
}

const keyMask = 1<<keyBits - 1

func newWeights(nkeys, nlabels int) *weights {
	size := 1
	for size < nkeys*2 {
		size <<= 1
	}
	if size < 16 {
		size = 16
	}
	return &weights{slots: makeSlots(size), shift: tableShift(size), firstRight: uint32(2 + nlabels)}
}

// tableShift returns the shift that maps a key to its home slot in a table
// of size slots. Keys are uniform hashes, so their top bits serve as the
// home slot directly, and keys inserted in increasing order fill the table
// front to back (a cache-friendly load).
func tableShift(size int) uint {
	return uint(keyBits - bits.TrailingZeros(uint(size)))
}

// slotIndex returns the home slot of key.
func (w *weights) slotIndex(key uint64) uint64 { return key >> w.shift }

// insert adds key with its entries (at most 255); keys must be distinct,
// nonzero and below 1<<keyBits.
func (w *weights) insert(key uint64, ents []uint32) {
	mask := uint64(len(w.slots) - 1)
	i := w.slotIndex(key)
	for w.slots[i].kn != 0 {
		i = (i + 1) & mask
	}
	sl := slot{kn: key | uint64(len(ents))<<keyBits}
	if len(ents) <= 2 {
		copy(sl.e[:], ents)
	} else {
		sl.e[0] = uint32(len(w.entries))
		w.entries = append(w.entries, ents...)
		// Entries are sorted by class: find the first LEFT-ARC (class >= 2)
		// and the first RIGHT-ARC entry.
		ls, rs := len(ents), len(ents)
		for j := len(ents) - 1; j >= 0; j-- {
			c := ents[j] & 0xff
			if c >= 2 {
				ls = j
			}
			if c >= w.firstRight {
				rs = j
			}
		}
		sl.e[1] = uint32(ls) | uint32(rs)<<8
	}
	w.slots[i] = sl
	w.nkeys++
}

// row returns the entries of slot sl.
func (w *weights) row(sl *slot) []uint32 {
	n := uint32(sl.kn >> keyBits)
	if n <= 2 {
		return sl.e[:n]
	}
	return w.entries[sl.e[0] : sl.e[0]+n]
}

// score adds the weights of the given features to scores. Entries of
// LEFT-ARC classes are added only when left is set and those of RIGHT-ARC
// classes only when right is set; the scores of skipped classes are
// meaningless (callers only read the scores of allowed classes). Its result
// is meaningless too; callers keep it so that the prefetching loads stay.
func (w *weights) score(feats []uint64, scores *[256]int32, left, right bool) uint64 {
	slots := w.slots
	mask := uint64(len(slots) - 1)
	shift := w.shift
	entries := w.entries
	// Touch every home slot first: the loads are independent, so the CPU
	// overlaps their cache misses instead of taking them one at a time
	// behind the row loops below.
	var sink uint64
	for _, f := range feats {
		sink += slots[(f>>shift)&mask].kn
	}
	var rows [numFeatures]longRow
	nrows := 0
	for _, f := range feats {
		i := f >> shift
		for {
			sl := &slots[i&mask]
			kn := sl.kn
			if kn == 0 {
				break
			}
			if kn&keyMask == f {
				switch n := uint32(kn >> keyBits); n {
				case 1:
					scores[sl.e[0]&0xff] += int32(int16(sl.e[0] >> 16))
				case 2:
					scores[sl.e[0]&0xff] += int32(int16(sl.e[0] >> 16))
					scores[sl.e[1]&0xff] += int32(int16(sl.e[1] >> 16))
				default:
					// Long rows are added below, once all of them are
					// located; touching each row's first entry now overlaps
					// their cache misses too.
					off := sl.e[0]
					if nrows < len(rows) {
						sink += uint64(entries[off])
						rows[nrows] = longRow{off, off + n, sl.e[1]}
						nrows++
					} else {
						addSplit(scores, entries[off:off+n], sl.e[1], left, right)
					}
				}
				break
			}
			i++
		}
	}
	for _, r := range rows[:nrows] {
		addSplit(scores, entries[r.lo:r.hi], r.split, left, right)
	}
	return sink
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

// longRow locates an arena row: entries[lo:hi], split as in slot.e[1].
type longRow struct{ lo, hi, split uint32 }

// addRow adds packed entries to scores.
func addRow(scores *[256]int32, row []uint32) {
	for len(row) >= 4 {
		e0, e1, e2, e3 := row[0], row[1], row[2], row[3]
		scores[e0&0xff] += int32(int16(e0 >> 16))
		scores[e1&0xff] += int32(int16(e1 >> 16))
		scores[e2&0xff] += int32(int16(e2 >> 16))
		scores[e3&0xff] += int32(int16(e3 >> 16))
		row = row[4:]
	}
	for _, e := range row {
		scores[e&0xff] += int32(int16(e >> 16))
	}
}

// trainWeights is the training-time store: averaged perceptron weights with
// sparse rows. Averaging uses the "w - u/c" trick (Daumé 2006).
type trainWeights struct {
	slots []tslot
	shift uint
	rows  [][]tentry
}

type tslot struct {
	key uint64
	row int32 // -1 empty
}

type tentry struct {
	cls uint16
	w   float32
	u   float64
}

func newTrainWeights() *trainWeights {
	t := &trainWeights{}
	t.alloc(1 << 16)
	return t
}

func (t *trainWeights) alloc(size int) {
	t.slots = make([]tslot, size)
	for i := range t.slots {
		t.slots[i].row = -1
	}
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
}

func (t *trainWeights) find(key uint64) int32 {
	mask := uint64(len(t.slots) - 1)
	i := (key * k2) >> t.shift
	for {
		s := &t.slots[i]
		if s.row < 0 {
			return -1
		}
		if s.key == key {
			return s.row
		}
		i = (i + 1) & mask
	}
}

func (t *trainWeights) findOrAdd(key uint64) int32 {
	if r := t.find(key); r >= 0 {
		return r
	}
	if (len(t.rows)+1)*2 > len(t.slots) {
		old := t.slots
		t.alloc(len(old) * 2)
		for _, s := range old {
			if s.row >= 0 {
				t.place(s.key, s.row)
			}
		}
	}
	r := int32(len(t.rows))
	t.rows = append(t.rows, nil)
	t.place(key, r)
	return r
}

func (t *trainWeights) place(key uint64, row int32) {
	mask := uint64(len(t.slots) - 1)
	i := (key * k2) >> t.shift
	for t.slots[i].row >= 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = tslot{key: key, row: row}
}

func (t *trainWeights) score(feats []uint64, scores []float32) {
	for _, f := range feats {
		r := t.find(f)
		if r < 0 {
			continue
		}
		for _, e := range t.rows[r] {
			scores[e.cls] += e.w
		}
	}
}

// update adds delta to class cls of every feature at time c.
func (t *trainWeights) update(feats []uint64, cls int, delta float32, c float64) {
	for _, f := range feats {
		r := t.findOrAdd(f)
		row := t.rows[r]
		found := false
		for j := range row {
			if row[j].cls == uint16(cls) {
				row[j].w += delta
				row[j].u += c * float64(delta)
				found = true
				break
			}
		}
		if !found {
			t.rows[r] = append(row, tentry{cls: uint16(cls), w: delta, u: c * float64(delta)})
		}
	}
}

// maxAbs returns the largest averaged weight magnitude at time c.
func (t *trainWeights) maxAbs(c float64) float64 {
	m := 0.0
	for _, row := range t.rows {
		for _, e := range row {
			m = max(m, math.Abs(float64(e.w)-e.u/c))
		}
	}
	return m
}

// finalize averages the weights at time c, keeps the maxEntries largest in
// magnitude (all when maxEntries <= 0) and quantizes them to int16 with
// scale. It returns the sorted keys with their packed, class-sorted entries.
func (t *trainWeights) finalize(c float64, maxEntries int, scale float64) (keys []uint64, rows [][]uint32) {
	type kr struct {
		key uint64
		row int32
	}
	var all []kr
	for _, s := range t.slots {
		if s.row >= 0 {
			all = append(all, kr{s.key, s.row})
		}
	}
	slices.SortFunc(all, func(a, b kr) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	avg := func(e tentry) float64 { return float64(e.w) - e.u/c }
	minAbs := 0.0
	if maxEntries > 0 {
		var mags []float64
		for _, x := range all {
			for _, e := range t.rows[x.row] {
				mags = append(mags, math.Abs(avg(e)))
			}
		}
		if len(mags) > maxEntries {
			slices.Sort(mags)
			minAbs = mags[len(mags)-maxEntries]
		}
	}
	for _, x := range all {
		var ents []uint32
		row := slices.Clone(t.rows[x.row])
		slices.SortFunc(row, func(a, b tentry) int { return int(a.cls) - int(b.cls) })
		for _, e := range row {
			v := avg(e)
			if math.Abs(v) < minAbs {
				continue
			}
			q := math.Round(v * scale)
			if q == 0 {
				continue
			}
			q = max(-32767, min(32767, q))
			ents = append(ents, uint32(e.cls)&0xff|uint32(uint16(int16(q)))<<16)
		}
		if len(ents) > 0 {
			keys = append(keys, x.key)
			rows = append(rows, ents)
		}
	}
	return keys, rows
}
