package tag

import "strings"

// Feature extraction. Every feature is a 64-bit hash of a template number and
// one or more word- or tag-level hashes; nothing here allocates strings. The
// per-word hashes of a sentence are computed once into a reusable scratch
// (sentCtx) and each position's feature hashes are then combined from them.

const (
	pad       = 2 // padding positions on each side of a sentence
	nSuffix   = 4 // suffix lengths 1..4
	nPrefix   = 3 // prefix lengths 1..3
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	golden    = 0x9E3779B97F4A7C15
)

// Word flag bits.
const (
	flagHyphen = 1 << iota
	flagDigit
	flagInitCap
	flagAllCaps
	flagFirst
	flagAlpha
	flagPunct
)

const capMask = flagInitCap | flagAllCaps | flagAlpha

// Feature templates. Changing their meaning changes the model format.
const (
	tBias = iota + 1
	tLower
	tForm
	tSuffix // + k-1
	tPrefix = tSuffix + nSuffix
	tShape  = tPrefix + nPrefix
	tFlags  = tShape + 1
	tLowerM1
	tLowerM2
	tLowerP1
	tLowerP2
	tSuf3M1
	tSuf3P1
	tTagM1
	tTagM2M1
	tTagM1Lower
	tLowerM1Lower
	tLowerLowerP1
	tAmb
	tAmbP1
	tAmbP2
	tTagM1AmbP1
	tAmbTagM1
	tShapeP1
	tSuf3TagM1
	tLowerP1P2
	tFormAmb
	tCapCtx
	tSentCaps
	tTagM1LowerP1
	tFormAmbP1
	tPrior0
	tPriorP1
	tPriorP1P2
	tPriorP1Lower
	tTagM1PriorP1
	tPrior0P1
	nTemplates
)

// mix is a 64-bit finaliser (from MurmurHash3) that spreads the bits of a.
func mix(a uint64) uint64 {
	a ^= a >> 33
	a *= 0xff51afd7ed558ccd
	a ^= a >> 33
	a *= 0xc4ceb9fe1a85ec53
	a ^= a >> 33
	return a
}

// feat1 hashes a template with one value; the result is never zero.
func feat1(t int, a uint64) uint64 {
	h := mix(a + uint64(t)*golden)
	if h == 0 {
		h = 1
	}
	return h
}

// feat2 hashes a template with two values; the result is never zero.
func feat2(t int, a, b uint64) uint64 {
	h := mix(mix(a+uint64(t)*golden) ^ (b + 0x2545F4914F6CDD1D))
	if h == 0 {
		h = 1
	}
	return h
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hashLower returns the FNV-1a hash of s with ASCII letters lowercased.
func hashLower(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(lowerByte(s[i]))
		h *= fnvPrime
	}
	return h
}

// hashForm returns the FNV-1a hash of s as written.
func hashForm(s string) uint64 {
	h := uint64(fnvOffset) ^ 0x5bd1e995
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// sentCtx holds per-word hashes of one sentence, padded by pad positions on
// each side. It is reused between calls.
type sentCtx struct {
	n       int
	lower   []uint64
	form    []uint64
	shape   []uint64
	suf     []uint64 // nSuffix per position
	pre     []uint64 // nPrefix per position
	flags   []uint8
	amb     []uint64 // ambiguity class hash of the lowercase word, 0 when unknown
	famb    []uint64 // ambiguity class hash of the form as written
	caps    uint64   // sentence capitalisation class
	uniq    []int16  // class of a frequent unambiguous word, -1 otherwise
	tags    []int16  // predicted classes, padded
	prior   []int16  // classes predicted by the first pass, padded
	margins []int32  // first-pass score lead of each word's class
	margin  int32    // score lead of the last prediction
	feats   []uint64 // feature hashes of the current position
	starts  []uint32 // their weight blocks in Model.packed
	lrows   []uint32 // lane rows among them
	sink    uint64   // keeps the prefetching loads alive
	words   []string // TagTokens' words
	acc     [maxLaneWords]uint64
	scores  []int32
}

func newSentCtx(nclasses int) *sentCtx {
	// scores has room for the padding classes of lane rows (see addLanes)
	// and of the AVX2 kernels (see bestAVX2).
	return &sentCtx{feats: make([]uint64, 0, 64), starts: make([]uint32, 0, 64),
		scores: make([]int32, nclasses, max(nclasses+2, avxClasses))}
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// apostrophes maps typographic apostrophes, common in news text but rare in
// EWT, to the ASCII one.
var apostrophes = strings.NewReplacer("\u2019", "'", "\u2018", "'")

// padding hashes for positions outside the sentence.
var (
	padHashBefore = mix(0xB0B0)
	padHashAfter  = mix(0xE0E0)
)

// prepare fills the per-word hashes of words. lex maps lowercase hashes to
// ambiguity classes and uniq maps form hashes to unambiguous classes; either
// may be nil during dictionary construction.
func (c *sentCtx) prepare(words []string, m *Model) {
	n := len(words)
	c.n = n
	size := n + 2*pad
	c.lower = grow(c.lower, size)
	c.form = grow(c.form, size)
	c.shape = grow(c.shape, size)
	c.suf = grow(c.suf, size*nSuffix)
	c.pre = grow(c.pre, size*nPrefix)
	c.flags = grow(c.flags, size)
	c.amb = grow(c.amb, size)
	c.famb = grow(c.famb, size)
	c.uniq = grow(c.uniq, size)
	c.tags = grow(c.tags, size)
	c.prior = grow(c.prior, size)
	c.margins = grow(c.margins, size)
	for p := 0; p < size; p++ {
		i := p - pad
		if i < 0 || i >= n {
			h := padHashBefore + uint64(i+pad)
			if i >= n {
				h = padHashAfter + uint64(i-n)
			}
			c.lower[p], c.form[p], c.shape[p] = h, h, h
			for k := 0; k < nSuffix; k++ {
				c.suf[p*nSuffix+k] = h
			}
			for k := 0; k < nPrefix; k++ {
				c.pre[p*nPrefix+k] = h
			}
			c.flags[p] = 0
			c.amb[p] = h
			c.famb[p] = h
			c.uniq[p] = -1
			c.tags[p] = -1
			c.prior[p] = -1
			continue
		}
		w := words[i]
		if strings.IndexByte(w, 0xE2) >= 0 {
			w = apostrophes.Replace(w) // n’t → n't; allocates only then
		}
		c.lower[p] = hashLower(w)
		c.form[p] = hashForm(w)
		// suffixes and prefixes of the lowercased word, by bytes.
		for k := 1; k <= nSuffix; k++ {
			if len(w) > k {
				c.suf[p*nSuffix+k-1] = hashLower(w[len(w)-k:]) + uint64(k)
			} else {
				c.suf[p*nSuffix+k-1] = 0x51 + uint64(k)
			}
		}
		for k := 1; k <= nPrefix; k++ {
			if len(w) > k {
				c.pre[p*nPrefix+k-1] = hashLower(w[:k]) + uint64(k)*7
			} else {
				c.pre[p*nPrefix+k-1] = 0x71 + uint64(k)
			}
		}
		var fl uint8
		upper, lowerN, digits := 0, 0, 0
		sh := uint64(fnvOffset)
		var last byte
		for j := 0; j < len(w); j++ {
			b := w[j]
			var cat byte
			switch {
			case 'A' <= b && b <= 'Z':
				cat = 'X'
				upper++
			case 'a' <= b && b <= 'z':
				cat = 'x'
				lowerN++
			case '0' <= b && b <= '9':
				cat = 'd'
				digits++
			case b >= 0x80:
				cat = 'u'
			default:
				cat = b
				if b == '-' {
					fl |= flagHyphen
				}
			}
			if cat != last {
				sh ^= uint64(cat)
				sh *= fnvPrime
				last = cat
			}
		}
		if len(w) > 0 && 'A' <= w[0] && w[0] <= 'Z' {
			fl |= flagInitCap
		}
		if upper > 0 && lowerN == 0 {
			fl |= flagAllCaps
		}
		if digits > 0 {
			fl |= flagDigit
		}
		if upper+lowerN > 0 {
			fl |= flagAlpha
		} else if digits == 0 {
			fl |= flagPunct
		}
		if i == 0 {
			fl |= flagFirst
		}
		c.flags[p] = fl
		c.shape[p] = sh
		c.amb[p] = 0
		c.famb[p] = 0
		c.uniq[p] = -1
		c.tags[p] = -1
	}
	if m != nil {
		// The dictionary lookups of all words, after the hashing, so that
		// their cache misses overlap.
		for p := pad; p < n+pad; p++ {
			c.sink += m.lex.touch1(c.lower[p]|1) + m.lex.touch1(c.form[p]|1) + m.uniq.touch1(c.form[p]|1)
		}
		for p := pad; p < n+pad; p++ {
			if v, ok := m.lex.get(c.lower[p] | 1); ok {
				c.amb[p] = m.ambs[v]
			}
			if v, ok := m.lex.get(c.form[p] | 1); ok {
				c.famb[p] = m.ambs[v]
			}
			if v, ok := m.uniq.get(c.form[p] | 1); ok {
				c.uniq[p] = int16(v)
			}
		}
	}
	// Sentence capitalisation: how many alphabetic words (after the first)
	// start with a capital, bucketed.
	alpha, capN := 0, 0
	for p := pad + 1; p < n+pad; p++ {
		if c.flags[p]&flagAlpha != 0 {
			alpha++
			if c.flags[p]&flagInitCap != 0 {
				capN++
			}
		}
	}
	switch {
	case alpha == 0:
		c.caps = 1
	case capN*4 < alpha:
		c.caps = 2
	case capN*2 < alpha:
		c.caps = 3
	default:
		c.caps = 4
	}
}

// tagHash returns a hash for a (possibly padding) predicted class.
func tagHash(t int16) uint64 { return uint64(int64(t)+3) * 0x9E37 }

// features writes the feature hashes of word i (0-based) into c.feats, given
// the classes already predicted for earlier words in c.tags and, in stage 2,
// the first pass's classes of all words in c.prior.
func (c *sentCtx) features(i int, stage int) []uint64 {
	p := i + pad
	f := c.feats[:0]
	lw := c.lower[p]
	t1 := tagHash(c.tags[p-1])
	t2 := tagHash(c.tags[p-2])
	amb := c.amb[p]
	f = append(f,
		feat1(tBias, 0),
		feat1(tLower, lw),
		feat1(tForm, c.form[p]),
	)
	for k := 0; k < nSuffix; k++ {
		f = append(f, feat1(tSuffix+k, c.suf[p*nSuffix+k]))
	}
	for k := 0; k < nPrefix; k++ {
		f = append(f, feat1(tPrefix+k, c.pre[p*nPrefix+k]))
	}
	suf3 := c.suf[p*nSuffix+2]
	f = append(f,
		feat1(tShape, c.shape[p]),
		feat1(tFlags, uint64(c.flags[p])),
		feat1(tLowerM1, c.lower[p-1]),
		feat1(tLowerM2, c.lower[p-2]),
		feat1(tLowerP1, c.lower[p+1]),
		feat1(tLowerP2, c.lower[p+2]),
		feat1(tSuf3M1, c.suf[(p-1)*nSuffix+2]),
		feat1(tSuf3P1, c.suf[(p+1)*nSuffix+2]),
		feat1(tTagM1, t1),
		feat2(tTagM2M1, t2, t1),
		feat2(tTagM1Lower, t1, lw),
		feat2(tLowerM1Lower, c.lower[p-1], lw),
		feat2(tLowerLowerP1, lw, c.lower[p+1]),
		feat1(tAmb, amb),
		feat1(tAmbP1, c.amb[p+1]),
		feat1(tAmbP2, c.amb[p+2]),
		feat2(tTagM1AmbP1, t1, c.amb[p+1]),
		feat2(tAmbTagM1, amb, t1),
		feat1(tShapeP1, c.shape[p+1]),
		feat2(tSuf3TagM1, suf3, t1),
		feat2(tLowerP1P2, c.lower[p+1], c.lower[p+2]),
		feat1(tFormAmb, c.famb[p]),
		feat1(tCapCtx, uint64(c.flags[p-1]&capMask)<<16|uint64(c.flags[p]&(capMask|flagFirst))<<8|uint64(c.flags[p+1]&capMask)),
		feat1(tSentCaps, c.caps<<8|uint64(c.flags[p]&(capMask|flagFirst))),
		feat2(tTagM1LowerP1, t1, c.lower[p+1]),
		feat1(tFormAmbP1, c.famb[p+1]),
	)
	if stage == 2 {
		r0, r1, r2 := tagHash(c.prior[p]), tagHash(c.prior[p+1]), tagHash(c.prior[p+2])
		f = append(f,
			feat1(tPrior0, r0),
			feat1(tPriorP1, r1),
			feat2(tPriorP1P2, r1, r2),
			feat2(tPriorP1Lower, r1, lw),
			feat2(tTagM1PriorP1, t1, r1),
			feat2(tPrior0P1, r0, r1),
		)
	}
	c.feats = f
	return f
}
