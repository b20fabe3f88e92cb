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
)

// buildLanes copies the dense blocks into lane rows and records their
// index in the block headers.
func (w *weights) buildLanes() {
	w.nlw = (w.nc + 2) / 3
	w.lanes = nil
	if w.nlw > maxLaneWords {
		return
	}
	pos := 0
	for range w.keys {
		n := w.packed[pos]
		if n&denseFlag != 0 && len(w.lanes)/w.nlw < laneIndex {
			w.packed[pos] = denseFlag | uint16(len(w.lanes)/w.nlw+1)
			vals := w.packed[pos+1 : pos+1+w.nc]
			for j := 0; j < w.nlw; j++ {
				var word uint64
				for k := 0; k < 3; k++ {
					v := int32(laneBias)
					if c := 3*j + k; c < w.nc {
						v += int32(int16(vals[c]))
					}
					word |= uint64(v) << (laneBits * k)
				}
				w.lanes = append(w.lanes, word)
			}
		}
		pos += w.blockLen(pos)
	}
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
