package tag

// Dense blocks are also kept as lane rows, three classes to a uint64: lane
// c%3 (laneBits bits) of word c/3 holds class c's weight plus laneBias, so
// every lane is positive and below 1<<16, and up to laneBatch rows can be
// added word by word without a carry crossing lanes. The sums are exact
// integers, so the scores are the same as from the dense blocks, for a
// third of the additions.

const (
	laneBits  = 21
	laneMask  = 1<<laneBits - 1
	laneBias  = 32768
	laneBatch = (1<<laneBits - 1) / (2*laneBias - 1) // 32 rows
	// maxLaneWords bounds the words of a lane row (255 classes).
	maxLaneWords = 85
	// laneIndex holds, in the header of a dense block, its lane row + 1
	// (0 when it has none).
	laneIndex = denseFlag - 1
	// avxClasses is the number of classes the AVX2 kernels handle: the
	// scores of up to 104 classes fit in 13 of the 16 vector registers.
	// Models with fewer classes pad their rows and scores.
	avxClasses = 104
)

// buildLanes copies the dense blocks into lane rows and records their
// index in the block headers. With the AVX2 kernels, it also gives the
// sparse blocks of at least wideMin entries lane rows: their features fire
// often, and adding a row takes 13 vector additions where adding the
// entries one by one takes a few scalar operations each. Such a block
// stays in place (Save reads it) but idx[k], the block of key k, then
// points to a stub after the blocks: a dense block header with the lane
// row and no weights.
func (w *weights) buildLanes(idx []uint32) {
	w.nlw = (w.nc + 2) / 3
	w.lanes = nil
	w.rows16 = nil
	if w.nlw > maxLaneWords {
		return
	}
	// The AVX2 kernel adds the rows' int16 weights as they are: eight
	// classes per addition where lanes add three.
	wide := w.nc <= avxClasses
	convert := wide && useAVX2
	vals := make([]int32, w.nc)
	pos := 0
	for k := range w.keys {
		n := w.packed[pos]
		size := w.blockLen(pos)
		full := len(w.lanes)/w.nlw >= laneIndex-1
		switch {
		case n&denseFlag != 0 && full:
			w.packed[pos] = denseFlag // no lane row
		case n&denseFlag != 0:
			for c, v := range w.packed[pos+1 : pos+1+w.nc] {
				vals[c] = int32(int16(v))
			}
			w.packed[pos] = denseFlag | w.addLaneRow(vals, wide)
		case convert && !full && int(n) >= wideMin && len(w.packed) < maxTableVal:
			clear(vals)
			for _, e := range w.packed[pos+1 : pos+1+int(n)] {
				vals[e>>8] += codeValue[e&0xff]
			}
			idx[k] = uint32(len(w.packed))
			w.packed = append(w.packed, denseFlag|w.addLaneRow(vals, wide))
		}
		pos += size
	}
}

// wideMin is the number of entries from which a sparse block gets a lane
// row (see buildLanes).
const wideMin = 16

// addLaneRow appends the weights vals (nc) as a lane row, and as a row of
// rows16 when wide, and returns its index + 1.
func (w *weights) addLaneRow(vals []int32, wide bool) uint16 {
	li := uint16(len(w.lanes)/w.nlw + 1)
	for j := 0; j < w.nlw; j++ {
		var word uint64
		for k := 0; k < 3; k++ {
			v := int32(laneBias)
			if c := 3*j + k; c < w.nc {
				v += vals[c]
			}
			word |= uint64(v) << (laneBits * k)
		}
		w.lanes = append(w.lanes, word)
	}
	if wide {
		for _, v := range vals {
			w.rows16 = append(w.rows16, int16(v))
		}
		w.rows16 = append(w.rows16, make([]int16, avxClasses-w.nc)...)
	}
	return li
}

// addLanes adds the lane rows rows to scores, whose capacity must cover
// every lane (3*nlw).
func (w *weights) addLanes(scores []int32, rows []uint32, acc *[maxLaneWords]uint64) {
	nlw := w.nlw
	lanes := w.lanes
	for len(rows) > 0 {
		k := min(len(rows), laneBatch)
		a := acc[:nlw]
		clear(a)
		batch := rows[:k]
		for ; len(batch) >= 4; batch = batch[4:] {
			r0 := lanes[int(batch[0])*nlw:][:len(a)]
			r1 := lanes[int(batch[1])*nlw:][:len(a)]
			r2 := lanes[int(batch[2])*nlw:][:len(a)]
			r3 := lanes[int(batch[3])*nlw:][:len(a)]
			for j := range a {
				a[j] += r0[j] + r1[j] + r2[j] + r3[j]
			}
		}
		for ; len(batch) >= 2; batch = batch[2:] {
			r0 := lanes[int(batch[0])*nlw:][:len(a)]
			r1 := lanes[int(batch[1])*nlw:][:len(a)]
			for j := range a {
				a[j] += r0[j] + r1[j]
			}
		}
		if len(batch) == 1 {
			r0 := lanes[int(batch[0])*nlw:][:len(a)]
			for j := range a {
				a[j] += r0[j]
			}
		}
		bias := int32(k) * laneBias
		s := scores[:3*nlw] // the scores of the padding lanes are unused
		for j, v := range a {
			t := s[3*j : 3*j+3 : 3*j+3]
			t[0] += int32(v&laneMask) - bias
			t[1] += int32(v>>laneBits&laneMask) - bias
			t[2] += int32(v>>(2*laneBits)) - bias
		}
		rows = rows[k:]
	}
}
