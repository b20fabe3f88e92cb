package tag

// ftable is an immutable open-addressing hash table from 40-bit keys to
// 24-bit values. Each slot packs key<<24 | value into one uint64, so a probe
// touches a single cache line; linear probing over a power-of-two slot array
// keeps lookups branch-light and allocation free. Keys are the upper 40 bits
// of well-mixed 64-bit hashes (see key40).
type ftable struct {
	slots []uint64
	mask  uint64
}

const (
	valBits = 24
	valMask = 1<<valBits - 1
	// maxTableVal is the largest value an ftable can hold.
	maxTableVal = valMask
	key40Max    = 1<<40 - 1
)

// key40 returns the 40-bit table key of a 64-bit hash; never zero.
func key40(h uint64) uint64 {
	k := h >> valBits
	if k == 0 {
		k = 1
	}
	return k
}

// newFtable builds a table of the given 40-bit keys (non-zero) and values
// (at most maxTableVal). Later duplicates of a key are ignored.
func newFtable(keys []uint64, vals []uint32) ftable {
	size := 16
	for size*2 < len(keys)*3 { // load factor at most 2/3
		size <<= 1
	}
	t := ftable{slots: make([]uint64, size), mask: uint64(size - 1)}
	for i, k := range keys {
		j := k & t.mask
		for t.slots[j] != 0 && t.slots[j]>>valBits != k {
			j = (j + 1) & t.mask
		}
		if t.slots[j] == 0 {
			t.slots[j] = k<<valBits | uint64(vals[i]&valMask)
		}
	}
	return t
}

// get returns the value stored under the 40-bit key of hash h.
func (t *ftable) get(h uint64) (uint32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	k := key40(h)
	j := k & t.mask
	for {
		s := t.slots[j]
		if s>>valBits == k {
			return uint32(s & valMask), true
		}
		if s == 0 {
			return 0, false
		}
		j = (j + 1) & t.mask
	}
}

// touch1 loads the home slot of hash h, so that the cache misses of the
// lookups that follow overlap; its result is meaningless but keeps the
// load.
func (t *ftable) touch1(h uint64) uint64 {
	if len(t.slots) == 0 {
		return 0
	}
	return t.slots[key40(h)&t.mask]
}
