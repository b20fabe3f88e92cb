package parse

import (
	"math"
	"math/bits"
	"slices"
)

// weights is the inference-time weight store: an open-addressing hash table
// from feature key to its sparse (class, weight) entries. An entry packs the
// class in the low 8 bits and an int16 weight in the high 16 bits, so scores
// accumulate as int32 without conversions. A slot (32 bytes, two to a cache
// line) holds the key (keyBits bits) and the entry count in one word and,
// when they fit, up to compactMax entries packed compactBits each, so that
// looking up a rare feature costs one cache miss; longer rows live in an
// arena, and the slot then holds their offset and where the row's LEFT-ARC
// and RIGHT-ARC entries begin (rows are sorted by class), so that scoring
// can skip the classes a configuration does not allow. Frequent features
// are also copied into a compact hot tier (see hot.go).
type weights struct {
	slots      []slot
	shift      uint // 64 - log2(len(slots))
	entries    []uint32
	nkeys      int
	firstRight uint32 // class of the first RIGHT-ARC: 2 + number of labels
	nclass     int    // 2 + 2*number of labels
	hot        hotTier
	// lastKey is the last key inserted; unsorted is set when keys were not
	// inserted in increasing order (lookups then cannot stop early).
	lastKey  uint64
	unsorted bool
}

type slot struct {
	kn uint64    // key | count<<keyBits | slotArena; 0 marks an empty slot
	e  [3]uint64 // packed entries, or an arena row's offset | split<<32
}

const (
	keyMask = 1<<keyBits - 1
	// slotArena marks a slot whose row lives in the arena.
	slotArena = 1 << 63
	// A compact entry is class | (weight+compactBias)<<7, for classes
	// below compactClasses and weights within ±(compactBias-1).
	compactBits = 20
	compactMask = 1<<compactBits - 1
	compactBias = 4096
	// compactMax entries fit in slot.e, three to a word.
	compactMax = 9
	// Unused entries of slot.e add a zero weight to a class that models
	// with compact entries do not have, so that the entries of a slot can
	// be added without counting them: entry k to class compactNullClass-k,
	// so that the additions of a slot's padding do not form a chain of
	// dependent loads and stores through one score.
	compactNullClass = 127
	// compactClasses bounds the classes of models with compact entries.
	compactClasses = compactNullClass - compactMax + 1
)

func newWeights(nkeys, nlabels int) *weights {
	size := 1
	for size < nkeys*2 {
		size <<= 1
	}
	if size < 16 {
		size = 16
	}
	w := &weights{shift: tableShift(size), firstRight: uint32(2 + nlabels), nclass: 2 + 2*nlabels}
	w.makeSlots(size)
	w.initHot(nkeys)
	return w
}

// tableShift returns the shift that maps a key to its home slot in a table
// of size slots. Keys are uniform hashes, so their top bits serve as the
// home slot directly, and keys inserted in increasing order fill the table
// front to back (a cache-friendly load).
func tableShift(size int) uint {
	return uint(keyBits - bits.TrailingZeros(uint(size)))
}

// slotIndex returns the home slot of key: the first of its cache line
// (slots are 32 bytes), so that a key displaced by one slot costs no
// further cache miss.
func (w *weights) slotIndex(key uint64) uint64 { return key >> w.shift &^ 1 }

// compactNulls holds compact entries that add nothing (see
// compactNullClass).
var compactNulls = func() (e [3]uint64) {
	for k := range compactMax {
		null := uint64(compactNullClass-k) | compactBias<<7
		e[k/3] |= null << (compactBits * (k % 3))
	}
	return e
}()

// compact packs ents into e when they fit, padding e with entries that add
// nothing (see compactNullClass).
func compact(ents []uint32, e *[3]uint64, nclass int) bool {
	if len(ents) > compactMax || nclass > compactClasses {
		return false
	}
	*e = compactNulls
	for k, x := range ents {
		c, v := x&0xff, int32(x)>>16
		if v <= -compactBias || v >= compactBias {
			return false
		}
		sh := compactBits * (k % 3)
		e[k/3] = e[k/3]&^(compactMask<<sh) | (uint64(c)|uint64(v+compactBias)<<7)<<sh
	}
	return true
}

// insert adds key with its entries (at most 255); keys must be distinct,
// nonzero and below 1<<keyBits. Inserting them in increasing order (as
// Read and Train do) keeps every probe sequence sorted, which lets a
// lookup of an absent key stop at the first larger key.
func (w *weights) insert(key uint64, ents []uint32) {
	if key <= w.lastKey {
		w.unsorted = true
	}
	w.lastKey = key
	mask := uint64(len(w.slots) - 1)
	i := w.slotIndex(key)
	for w.slots[i].kn != 0 {
		i = (i + 1) & mask
	}
	sl := slot{kn: key | uint64(len(ents))<<keyBits}
	if !compact(ents, &sl.e, w.nclass) {
		sl.e = [3]uint64{}
		sl.kn |= slotArena
		off := uint32(len(w.entries))
		w.entries = append(w.entries, ents...)
		sl.e[0] = uint64(off) | uint64(rowSplit(ents, w.firstRight))<<32
	}
	w.slots[i] = sl
	w.nkeys++
	w.addKey(key, len(ents), int(i))
}

// rowSplit returns, for class-sorted entries, the index of the first
// LEFT-ARC entry (class >= 2) and (<<8) that of the first RIGHT-ARC entry
// (class >= firstRight).
func rowSplit(ents []uint32, firstRight uint32) uint32 {
	ls, rs := len(ents), len(ents)
	for j := len(ents) - 1; j >= 0; j-- {
		c := ents[j] & 0xff
		if c >= 2 {
			ls = j
		}
		if c >= firstRight {
			rs = j
		}
	}
	return uint32(ls) | uint32(rs)<<8
}

// count returns the number of entries of slot sl.
func (sl *slot) count() int { return int(sl.kn >> keyBits & 0xff) }

// row returns the entries of slot sl, decoding compact ones into buf.
func (w *weights) row(sl *slot, buf *[compactMax]uint32) []uint32 {
	n := sl.count()
	if sl.kn&slotArena != 0 {
		off := int(uint32(sl.e[0]))
		return w.entries[off : off+n]
	}
	for k := 0; k < n; k++ {
		x := sl.e[k/3] >> (compactBits * (k % 3)) & compactMask
		buf[k] = uint32(x&0x7f) | uint32(uint16(int16(int32(x>>7)-compactBias)))<<16
	}
	return buf[:n]
}

// split returns, for an arena row, its first LEFT-ARC entry and (<<8) its
// first RIGHT-ARC entry.
func (sl *slot) split() uint32 { return uint32(sl.e[0]>>32) & 0xffff }

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
