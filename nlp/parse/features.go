package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Features follow Zhang & Nivre (2011), "Transition-based dependency parsing
// with rich non-local features": words and tags of the stack top (s0), the
// buffer front (n0..n2), their heads and outermost children, the distance
// between s0 and n0, valencies and the label sets of children. Every feature
// is hashed to a uint64 key from precomputed per-word atoms, so extraction
// allocates nothing.

const (
	k1 = 0x9E3779B97F4A7C15
	k2 = 0xC2B2AE3D27D4EB4F
)

func mix(h, v uint64) uint64 {
	h ^= v
	h *= k1
	h ^= h >> 31
	return h
}

// Feature keys keep keyBits bits: with about a million stored keys, an
// unseen feature falsely matches a stored one once in a million lookups,
// and the delta-coded model file shrinks by a third.
const keyBits = 40

// Keys are never zero (zero marks an empty table slot).
func key1(t, a uint64) uint64       { return mix(mix(t*k2, a), 1)>>(64-keyBits) | 1 }
func key2(t, a, b uint64) uint64    { return mix(mix(mix(t*k2, a), b), 2)>>(64-keyBits) | 1 }
func key3(t, a, b, c uint64) uint64 { return mix(mix(mix(mix(t*k2, a), b), c), 3)>>(64-keyBits) | 1 }

// hashString is FNV-1a over s, then mixed.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mix(h, 0x51ED27)
}

// normWord maps digits to 0 so numbers share features, and lower-cases a
// form unless it is an acronym (two or more letters, all upper case): "US"
// and "UN" must not read as the pronoun "us" and the prefix "un".
func normWord(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	upper, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	acronym := letters >= 2 && upper == letters
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '0'
		}
		if acronym {
			return r
		}
		return unicode.ToLower(r)
	}, s)
}

var (
	atomNone    = hashString("\x00NONE")
	atomRoot    = hashString("\x00ROOT")
	atomRootTag = hashString("\x00ROOTTAG")
)

// sentAtoms holds per-word atoms; index i+1 holds word i (0 = ROOT) and
// index 0 is the "no word" atom used for missing positions.
type sentAtoms struct {
	w, p, u, x []uint64 // word, XPOS, UPOS, suffix
}

func (a *sentAtoms) reset(n int) {
	m := n + 2
	if cap(a.w) < m {
		a.w = make([]uint64, m*2)
		a.p = make([]uint64, m*2)
		a.u = make([]uint64, m*2)
		a.x = make([]uint64, m*2)
	}
	a.w, a.p, a.u, a.x = a.w[:m], a.p[:m], a.u[:m], a.x[:m]
	a.w[0], a.p[0], a.u[0], a.x[0] = atomNone, atomNone, atomNone, atomNone
	a.w[1], a.p[1], a.u[1], a.x[1] = atomRoot, atomRootTag, atomRootTag, atomRoot
}

// set fills word i (1-based).
func (a *sentAtoms) set(i int, form, xpos, upos string) {
	nw := normWord(form)
	a.w[i+1] = hashString(nw)
	a.p[i+1] = hashString(xpos)
	a.u[i+1] = hashString(upos) + 1
	a.x[i+1] = hashString(suffix(nw, 3)) + 2
}

// suffix returns the last n bytes of s (the whole word when shorter).
func suffix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[i:]
}

func capInt(v, max int) uint64 {
	if v > max {
		v = max
	}
	return uint64(v)
}

// s0n0Dist is the distance feature between the stack top s0 and the
// buffer front n0: 9 without n0, 10 with the root on the stack, else the
// bucketed distance.
func s0n0Dist(s0, n0 int32) uint64 {
	switch {
	case n0 == noTok:
		return 9
	case s0 == 0:
		return 10
	}
	return distBucket(int(n0 - s0))
}

// labelFeat is the label feature of token i: its arc label plus one, or 0
// for no token.
func (s *state) labelFeat(i int32) uint64 {
	if i == noTok {
		return 0
	}
	return uint64(s.label[i]) + 1
}

// headFeatures returns the head h of s0 and h's head h2 (noTok when
// missing), s0's label feature (0 without a head) and h's (0 without h2),
// as both feature extractors read them.
func (s *state) headFeatures(s0 int32) (h, h2 int32, s0lab, hl uint64) {
	h, h2 = s.head[s0], noTok
	if h < 0 {
		return noTok, noTok, 0, 0
	}
	s0lab = s.labelFeat(s0)
	if h2 = s.head[h]; h2 >= 0 {
		hl = s.labelFeat(h)
	}
	return h, h2, s0lab, hl
}

func distBucket(d int) uint64 {
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	case d <= 14:
		return 7
	}
	return 8
}

// numFeatures is the number of feature keys extract writes.
const numFeatures = 108

// extract writes the feature keys of the configuration into out.
func (s *state) extract(a *sentAtoms, out []uint64) []uint64 {
	out = out[:0]
	n := s.n
	W, P, U, X := a.w, a.p, a.u, a.x
	at := func(i int32) int { return int(i) + 1 } // noTok(-1) -> 0
	s0 := s.s0()
	b := int32(s.buf)
	var n0, n1, n2 int32 = noTok, noTok, noTok
	if int(b) <= n {
		n0 = b
	}
	if int(b)+1 <= n {
		n1 = b + 1
	}
	if int(b)+2 <= n {
		n2 = b + 2
	}
	var s1 int32 = noTok
	if len(s.stack) >= 2 {
		s1 = s.stack[len(s.stack)-2]
	}
	s0h, s0h2 := int32(noTok), int32(noTok)
	var s0l, s0r, s0l2, s0r2, n0l, n0l2 int32 = noTok, noTok, noTok, noTok, noTok, noTok
	var s0lab, s0ll, s0rl, n0ll, s0hl, s0l2l, s0r2l, n0l2l uint64
	lab := s.labelFeat
	s0h, s0h2, s0lab, s0hl = s.headFeatures(s0)
	if s0 != 0 {
		s0l, s0l2, s0r, s0r2 = s.left1[s0], s.left2[s0], s.right1[s0], s.right2[s0]
	}
	s0ll, s0rl, s0l2l, s0r2l = lab(s0l), lab(s0r), lab(s0l2), lab(s0r2)
	var n0vl uint64
	var n0sl uint64
	if n0 != noTok {
		n0l, n0l2 = s.left1[n0], s.left2[n0]
		n0ll, n0l2l = lab(n0l), lab(n0l2)
		n0vl = capInt(int(s.nleft[n0]), 6)
		n0sl = s.lset[n0]
	}
	var s0vl, s0vr, s0sl, s0sr uint64
	if s0 != 0 {
		s0vl, s0vr = capInt(int(s.nleft[s0]), 6), capInt(int(s.nright[s0]), 6)
		s0sl, s0sr = s.lset[s0], s.rset[s0]
	}
	d := s0n0Dist(s0, n0)

	s0w, s0p := W[at(s0)], P[at(s0)]
	n0w, n0p := W[at(n0)], P[at(n0)]
	n1w, n1p := W[at(n1)], P[at(n1)]
	n2w, n2p := W[at(n2)], P[at(n2)]
	s1w, s1p := W[at(s1)], P[at(s1)]
	s0hw, s0hp := W[at(s0h)], P[at(s0h)]
	s0h2w, s0h2p := W[at(s0h2)], P[at(s0h2)]
	s0lw, s0lp := W[at(s0l)], P[at(s0l)]
	s0rw, s0rp := W[at(s0r)], P[at(s0r)]
	s0l2w, s0l2p := W[at(s0l2)], P[at(s0l2)]
	s0r2w, s0r2p := W[at(s0r2)], P[at(s0r2)]
	n0lw, n0lp := W[at(n0l)], P[at(n0l)]
	n0l2w, n0l2p := W[at(n0l2)], P[at(n0l2)]
	// n-1: the word just before n0 (often s0, but not always)
	var np int32 = noTok
	if n0 != noTok && n0 > 1 {
		np = n0 - 1
	}
	npp := P[at(np)]

	out = append(out,
		// bias
		key1(1, 0),
		// single words
		key2(2, s0w, s0p), key1(3, s0w), key1(4, s0p),
		key2(5, n0w, n0p), key1(6, n0w), key1(7, n0p),
		key2(8, n1w, n1p), key1(9, n1w), key1(10, n1p),
		key2(11, n2w, n2p), key1(12, n2w), key1(13, n2p),
		// word pairs
		key3(14, s0w, s0p, mix(n0w, n0p)), key3(15, s0w, s0p, n0w), key3(16, s0w, n0w, n0p),
		key3(17, s0w, s0p, n0p), key3(18, s0p, n0w, n0p), key2(19, s0w, n0w),
		key2(20, s0p, n0p), key2(21, n0p, n1p),
		// three words
		key3(22, n0p, n1p, n2p), key3(23, s0p, n0p, n1p), key3(24, s0hp, s0p, n0p),
		key3(25, s0p, s0lp, n0p), key3(26, s0p, s0rp, n0p), key3(27, s0p, n0p, n0lp),
		// distance
		key2(28, s0w, d), key2(29, s0p, d), key2(30, n0w, d), key2(31, n0p, d),
		key3(32, s0w, n0w, d), key3(33, s0p, n0p, d),
		// valency
		key2(34, s0w, s0vr), key2(35, s0p, s0vr), key2(36, s0w, s0vl), key2(37, s0p, s0vl),
		key2(38, n0w, n0vl), key2(39, n0p, n0vl),
		// unigrams of heads and children
		key1(40, s0hw), key1(41, s0hp), key1(42, s0lab),
		key1(43, s0lw), key1(44, s0lp), key1(45, s0ll),
		key1(46, s0rw), key1(47, s0rp), key1(48, s0rl),
		key1(49, n0lw), key1(50, n0lp), key1(51, n0ll),
		// third order
		key1(52, s0h2w), key1(53, s0h2p), key1(54, s0hl),
		key1(55, s0l2w), key1(56, s0l2p), key1(57, s0l2l),
		key1(58, s0r2w), key1(59, s0r2p), key1(60, s0r2l),
		key1(61, n0l2w), key1(62, n0l2p), key1(63, n0l2l),
		key3(64, s0p, s0lp, s0l2p), key3(65, s0p, s0rp, s0r2p),
		key3(66, s0p, s0hp, s0h2p), key3(67, n0p, n0lp, n0l2p),
		// label sets
		key2(68, s0w, s0sr), key2(69, s0p, s0sr), key2(70, s0w, s0sl), key2(71, s0p, s0sl),
		key2(72, n0w, n0sl), key2(73, n0p, n0sl),
		// extras: second stack item, previous word, label-aware pairs
		key2(74, s1p, s1w), key3(75, s1p, s0p, n0p), key3(76, npp, n0p, s0p),
		key3(77, s0p, s0lab, n0p), key3(78, s0p, s0rl, n0p), key3(79, n0p, n0ll, s0p),
		key3(80, s0p, n0p, mix(n1p, d)),
		// UPOS (robust to fine-tag confusions) and suffixes (unknown words)
		key1(81, U[at(s0)]), key1(82, U[at(n0)]), key1(83, U[at(n1)]),
		key2(84, U[at(s0)], U[at(n0)]), key3(85, U[at(s0)], U[at(n0)], U[at(n1)]),
		key3(86, U[at(s1)], U[at(s0)], U[at(n0)]), key3(87, U[at(s0)], U[at(n0)], d),
		key2(88, X[at(s0)], U[at(s0)]), key2(89, X[at(n0)], U[at(n0)]), key2(90, X[at(n1)], U[at(n1)]),
		key3(91, X[at(s0)], X[at(n0)], U[at(n0)]), key3(92, U[at(s0h)], U[at(s0)], U[at(n0)]),
		key2(93, W[at(s0)], U[at(n0)]), key2(94, U[at(s0)], W[at(n0)]),
		key3(95, U[at(n0)], U[at(n1)], U[at(n2)]), key3(96, U[at(np)], U[at(n0)], U[at(s0)]),
		// lexical attachment (prepositions, conjunctions, punctuation)
		key3(97, s0w, n0w, n1p), key3(98, s0p, n0w, n1w), key2(99, s0hw, n0w),
		key3(100, s1p, s0p, n0w), key3(101, n0w, s0p, s0lab), key3(102, n0w, s0p, s0hp),
		key3(103, s0w, n0w, s0rp), key3(104, s1w, n0w, s0p), key2(105, n0w, n1w),
		key3(106, n0w, s0rl, s0p), key3(107, n0p, s0p, mix(s1p, s0lab)), key2(108, s0w, s1w),
	)
	return out
}

// extractDynamic appends the feature keys of extract that are not in
// bufferFeatures or stackFeatures to out: together the three give the same
// keys.
func (s *state) extractDynamic(a *sentAtoms, out []uint64) []uint64 {
	n := s.n
	W, P, U, X := a.w, a.p, a.u, a.x
	at := func(i int32) int { return int(i) + 1 } // noTok(-1) -> 0
	s0 := s.s0()
	b := int32(s.buf)
	var n0, n1 int32 = noTok, noTok
	if int(b) <= n {
		n0 = b
	}
	if int(b)+1 <= n {
		n1 = b + 1
	}
	var s1 int32 = noTok
	if len(s.stack) >= 2 {
		s1 = s.stack[len(s.stack)-2]
	}
	lab := s.labelFeat
	s0h := s.head[s0]
	var s0lab uint64
	if s0h >= 0 {
		s0lab = lab(s0)
	} else {
		s0h = noTok
	}
	var s0l, s0r, s0r2, n0l, n0l2 int32 = noTok, noTok, noTok, noTok, noTok
	var s0vr, s0sr uint64
	if s0 != 0 {
		s0l, s0r, s0r2 = s.left1[s0], s.right1[s0], s.right2[s0]
		s0vr, s0sr = capInt(int(s.nright[s0]), 6), s.rset[s0]
	}
	s0rl, s0r2l := lab(s0r), lab(s0r2)
	var n0ll, n0l2l, n0vl, n0sl uint64
	if n0 != noTok {
		n0l, n0l2 = s.left1[n0], s.left2[n0]
		n0ll, n0l2l = lab(n0l), lab(n0l2)
		n0vl = capInt(int(s.nleft[n0]), 6)
		n0sl = s.lset[n0]
	}
	d := s0n0Dist(s0, n0)

	s0w, s0p := W[at(s0)], P[at(s0)]
	n0w, n0p := W[at(n0)], P[at(n0)]
	n1w, n1p := W[at(n1)], P[at(n1)]
	s1w, s1p := W[at(s1)], P[at(s1)]
	s0hw, s0hp := W[at(s0h)], P[at(s0h)]
	s0lp := P[at(s0l)]
	s0rw, s0rp := W[at(s0r)], P[at(s0r)]
	s0r2w, s0r2p := W[at(s0r2)], P[at(s0r2)]
	n0lw, n0lp := W[at(n0l)], P[at(n0l)]
	n0l2w, n0l2p := W[at(n0l2)], P[at(n0l2)]
	// n-1: the word just before n0 (often s0, but not always)
	var np int32 = noTok
	if n0 != noTok && n0 > 1 {
		np = n0 - 1
	}
	npp := P[at(np)]
	us0, un0 := U[at(s0)], U[at(n0)]

	return append(out,
		// word pairs
		key3(14, s0w, s0p, mix(n0w, n0p)), key3(15, s0w, s0p, n0w), key3(16, s0w, n0w, n0p),
		key3(17, s0w, s0p, n0p), key3(18, s0p, n0w, n0p), key2(19, s0w, n0w),
		key2(20, s0p, n0p),
		// three words
		key3(23, s0p, n0p, n1p), key3(24, s0hp, s0p, n0p),
		key3(25, s0p, s0lp, n0p), key3(26, s0p, s0rp, n0p), key3(27, s0p, n0p, n0lp),
		// distance
		key2(28, s0w, d), key2(29, s0p, d), key2(30, n0w, d), key2(31, n0p, d),
		key3(32, s0w, n0w, d), key3(33, s0p, n0p, d),
		// valency
		key2(34, s0w, s0vr), key2(35, s0p, s0vr),
		key2(38, n0w, n0vl), key2(39, n0p, n0vl),
		// unigrams of heads and children
		key1(46, s0rw), key1(47, s0rp), key1(48, s0rl),
		key1(49, n0lw), key1(50, n0lp), key1(51, n0ll),
		// third order
		key1(58, s0r2w), key1(59, s0r2p), key1(60, s0r2l),
		key1(61, n0l2w), key1(62, n0l2p), key1(63, n0l2l),
		key3(65, s0p, s0rp, s0r2p), key3(67, n0p, n0lp, n0l2p),
		// label sets
		key2(68, s0w, s0sr), key2(69, s0p, s0sr),
		key2(72, n0w, n0sl), key2(73, n0p, n0sl),
		// extras: second stack item, previous word, label-aware pairs
		key3(75, s1p, s0p, n0p), key3(76, npp, n0p, s0p),
		key3(77, s0p, s0lab, n0p), key3(78, s0p, s0rl, n0p), key3(79, n0p, n0ll, s0p),
		key3(80, s0p, n0p, mix(n1p, d)),
		// UPOS and suffixes
		key2(84, us0, un0), key3(85, us0, un0, U[at(n1)]),
		key3(86, U[at(s1)], us0, un0), key3(87, us0, un0, d),
		key3(91, X[at(s0)], X[at(n0)], un0), key3(92, U[at(s0h)], us0, un0),
		key2(93, s0w, un0), key2(94, us0, n0w),
		key3(96, U[at(np)], un0, us0),
		// lexical attachment (prepositions, conjunctions, punctuation)
		key3(97, s0w, n0w, n1p), key3(98, s0p, n0w, n1w), key2(99, s0hw, n0w),
		key3(100, s1p, s0p, n0w), key3(101, n0w, s0p, s0lab), key3(102, n0w, s0p, s0hp),
		key3(103, s0w, n0w, s0rp), key3(104, s1w, n0w, s0p),
		key3(106, n0w, s0rl, s0p), key3(107, n0p, s0p, mix(s1p, s0lab)),
	)
}

// numBufferFeatures and numStackFeatures count the keys bufferFeatures and
// stackFeatures write.
const (
	numBufferFeatures = 18
	numStackFeatures  = 25
)

// bufferFeatures appends the keys of extract that depend only on the buffer
// front b (1..n): the bias and the words n0, n1 and n2 = b, b+1, b+2.
func bufferFeatures(a *sentAtoms, n, b int, out []uint64) []uint64 {
	W, P, U, X := a.w, a.p, a.u, a.x
	at := func(i int) int { // past the end -> 0 (noTok)
		if i > n {
			return 0
		}
		return i + 1
	}
	i0, i1, i2 := at(b), at(b+1), at(b+2)
	n0w, n0p := W[i0], P[i0]
	n1w, n1p := W[i1], P[i1]
	n2w, n2p := W[i2], P[i2]
	return append(out,
		key1(1, 0),
		key2(5, n0w, n0p), key1(6, n0w), key1(7, n0p),
		key2(8, n1w, n1p), key1(9, n1w), key1(10, n1p),
		key2(11, n2w, n2p), key1(12, n2w), key1(13, n2p),
		key2(21, n0p, n1p), key3(22, n0p, n1p, n2p),
		key1(82, U[i0]), key1(83, U[i1]),
		key2(89, X[i0], U[i0]), key2(90, X[i1], U[i1]),
		key3(95, U[i0], U[i1], U[i2]), key2(105, n0w, n1w),
	)
}

// stackFeatures appends the keys of extract that depend only on the stack
// top s0 (0 for ROOT) and on what stays fixed while s0 is on the stack: a
// word gets its head either as it is pushed (RIGHT-ARC, from the word then
// below it) or as it is popped (LEFT-ARC), its left children while it was
// the buffer front, and the word below it changes only once it is popped.
// So the keys are the same every time a word is the stack top.
func (s *state) stackFeatures(a *sentAtoms, out []uint64) []uint64 {
	W, P, U, X := a.w, a.p, a.u, a.x
	at := func(i int32) int { return int(i) + 1 } // noTok(-1) -> 0
	lab := s.labelFeat
	s0 := s.s0()
	var s1 int32 = noTok
	if len(s.stack) >= 2 {
		s1 = s.stack[len(s.stack)-2]
	}
	s0h, s0h2, s0lab, s0hl := s.headFeatures(s0)
	var s0l, s0l2 int32 = noTok, noTok
	var s0vl, s0sl uint64
	if s0 != 0 {
		s0l, s0l2 = s.left1[s0], s.left2[s0]
		s0vl, s0sl = capInt(int(s.nleft[s0]), 6), s.lset[s0]
	}
	s0ll, s0l2l := lab(s0l), lab(s0l2)
	s0w, s0p := W[at(s0)], P[at(s0)]
	s1w, s1p := W[at(s1)], P[at(s1)]
	s0hw, s0hp := W[at(s0h)], P[at(s0h)]
	s0h2w, s0h2p := W[at(s0h2)], P[at(s0h2)]
	s0lw, s0lp := W[at(s0l)], P[at(s0l)]
	s0l2w, s0l2p := W[at(s0l2)], P[at(s0l2)]
	return append(out,
		key2(2, s0w, s0p), key1(3, s0w), key1(4, s0p),
		key2(36, s0w, s0vl), key2(37, s0p, s0vl),
		key1(40, s0hw), key1(41, s0hp), key1(42, s0lab),
		key1(43, s0lw), key1(44, s0lp), key1(45, s0ll),
		key1(52, s0h2w), key1(53, s0h2p), key1(54, s0hl),
		key1(55, s0l2w), key1(56, s0l2p), key1(57, s0l2l),
		key3(64, s0p, s0lp, s0l2p), key3(66, s0p, s0hp, s0h2p),
		key2(70, s0w, s0sl), key2(71, s0p, s0sl), key2(74, s1p, s1w),
		key1(81, U[at(s0)]), key2(88, X[at(s0)], U[at(s0)]), key2(108, s0w, s1w),
	)
}
