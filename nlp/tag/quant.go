package tag

import (
	"math"
	"sort"
)

// Weights are stored in the model file as one byte each: a sign bit and a
// 7-bit index into a fixed, geometric table of magnitudes from minLevel to
// 32767 (about 7% apart). Averaged perceptron scores tolerate that relative
// error, and it halves the file against int16 weights. Weights smaller
// than half of minLevel are pruned.
const (
	nLevels  = 127
	minLevel = 8
	// pruneBelow is the magnitude under which weights are dropped.
	pruneBelow = 4
)

// levels holds the strictly increasing int16 magnitudes of the codes.
var levels = func() [nLevels]int16 {
	var l [nLevels]int16
	ratio := math.Log(32767.0 / minLevel)
	prev := int64(0)
	for k := range l {
		v := int64(math.Round(minLevel * math.Exp(ratio*float64(k)/float64(nLevels-1))))
		if v <= prev {
			v = prev + 1
		}
		l[k] = int16(min(v, 32767))
		prev = v
	}
	return l
}()

// quantize maps a weight in int16 units to the nearest representable level
// (by ratio); ok is false when the weight is pruned.
func quantize(q float64) (w int16, ok bool) {
	a := math.Abs(q)
	if a < pruneBelow {
		return 0, false
	}
	k := sort.Search(nLevels, func(i int) bool { return float64(levels[i]) >= a })
	if k == nLevels {
		k = nLevels - 1
	} else if k > 0 && a*a < float64(levels[k-1])*float64(levels[k]) {
		k-- // geometric midpoint
	}
	w = levels[k]
	if q < 0 {
		w = -w
	}
	return w, true
}

// weightCode returns the byte code of a quantized weight.
func weightCode(w int16) byte {
	a := w
	var sign byte
	if a < 0 {
		a, sign = -a, 0x80
	}
	k := sort.Search(nLevels, func(i int) bool { return levels[i] >= a })
	return sign | byte(k+1)
}

// codeWeight returns the weight of a byte code, and false for an invalid one.
func codeWeight(c byte) (int16, bool) {
	k := int(c&0x7f) - 1
	if k < 0 || k >= nLevels {
		return 0, false
	}
	if c&0x80 != 0 {
		return -levels[k], true
	}
	return levels[k], true
}

// codeValue maps every byte code to its weight (0 for invalid codes).
var codeValue = func() (t [256]int32) {
	for c := range t {
		v, _ := codeWeight(byte(c))
		t[c] = int32(v)
	}
	return t
}()
