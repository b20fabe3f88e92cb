package tag

import (
	_ "embed"
	"fmt"
	"math"
	"math/bits"
	"sync"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/nlp/lemma"
)

// class is one joint (UPOS, XPOS) label.
type class struct {
	UPOS, XPOS string
}

// weights is one stage of averaged, quantized perceptron weights.
type weights struct {
	// keys holds the sorted 40-bit feature keys. packed holds, for each
	// feature in key order, a block: either a sparse block (a count n, then
	// n entries class<<8 | weight code (see quant.go), classes ascending)
	// or, for features with weights for many classes, a dense block
	// (denseFlag, then the int16 weight of each of the nc classes, 0 for
	// none), which is faster to add up.
	keys   []uint64
	packed []uint16
	nc     int    // number of classes
	nw     int    // number of (non-zero) weights
	table  ftable // feature key -> start of its block in packed
	lanes  []uint64
	nlw    int // words per lane row
	// rows16 holds the lane rows again as avxClasses int16 weights each
	// (zero past nc), for the AVX2 kernels; nil when nc > avxClasses.
	rows16 []int16
}

const denseFlag = 0x8000

// appendBlock appends the weights of one feature; cls must ascend and
// codes are weight codes (see quant.go).
func (w *weights) appendBlock(cls []uint8, codes []byte) {
	w.nw += len(cls)
	if 3*len(cls) >= w.nc {
		w.packed = append(w.packed, denseFlag)
		start := len(w.packed)
		w.packed = append(w.packed, make([]uint16, w.nc)...)
		for j, c := range cls {
			w.packed[start+int(c)] = uint16(codeValue[codes[j]])
		}
		return
	}
	w.packed = append(w.packed, uint16(len(cls)))
	for j, c := range cls {
		w.packed = append(w.packed, uint16(c)<<8|uint16(codes[j]))
	}
}

// blockLen returns the length of the block starting at pos.
func (w *weights) blockLen(pos int) int {
	if n := w.packed[pos]; n&denseFlag == 0 {
		return int(n) + 1
	}
	return w.nc + 1
}

// build constructs the lookup table over the feature blocks.
func (w *weights) build() {
	idx := make([]uint32, len(w.keys))
	pos := 0
	for k := range w.keys {
		idx[k] = uint32(pos)
		pos += w.blockLen(pos)
	}
	w.packed = w.packed[:pos] // drops the stubs of an earlier build
	w.buildLanes(idx)
	w.table = newFtable(w.keys, idx)
}

// best returns the highest scoring class for the features (lowest class
// index on ties) and leaves its lead over the runner-up in c.margin.
func (w *weights) best(feats []uint64, c *sentCtx) int16 {
	scores := c.scores
	clear(scores)
	// Resolve all features first so that the table probes, which mostly
	// miss the cache, overlap; then add up their weights. Prefetches, not
	// loads, start the misses: a prefetch retires at once, so neither the
	// probes' lines nor the blocks' hold up the work that follows.
	if len(w.table.slots) > 0 {
		c.sink += prefetchSlots(&w.table.slots[0], w.table.mask, feats)
	}
	starts := c.starts[:0]
	for _, f := range feats {
		if k, ok := w.table.get(f); ok {
			starts = append(starts, k)
		}
	}
	c.starts = starts
	packed := w.packed
	c.sink += prefetchBlocks(packed, starts)
	// The lane rows first, so that loading them overlaps the sparse
	// additions.
	lrows := c.lrows[:0]
	for _, k := range starts {
		if n := packed[k]; n&denseFlag != 0 && n&laneIndex != 0 {
			lrows = append(lrows, uint32(n&laneIndex-1))
		}
	}
	avx := useAVX2 && w.rows16 != nil && cap(scores) >= avxClasses
	if avx {
		c.sink += prefetchRows(&w.rows16[0], lrows)
	}
	for _, k := range starts {
		n := packed[k]
		if n&denseFlag != 0 {
			if n&laneIndex != 0 {
				continue
			}
			row := packed[k+1 : k+1+uint32(len(scores))]
			for j, v := range row {
				scores[j] += int32(int16(v))
			}
			continue
		}
		for _, e := range packed[k+1 : k+1+uint32(n)] {
			scores[e>>8] += codeValue[e&0xff]
		}
	}
	c.lrows = lrows
	if avx {
		return w.bestAVX2(scores[:avxClasses], lrows, c)
	}
	if len(lrows) > 0 {
		w.addLanes(scores, lrows, &c.acc)
	}
	best, margin := pick(scores)
	c.margin = margin
	return int16(best)
}

// pick returns the highest scoring class (the first one on ties) and its
// lead over the runner-up (over math.MinInt32 with a single class).
func pick(scores []int32) (int, int32) {
	best, top, second := 0, scores[0], int32(math.MinInt32)
	for j := 1; j < len(scores); j++ {
		if s := scores[j]; s > top {
			best, top, second = j, s, top
		} else if s > second {
			second = s
		}
	}
	return best, top - second
}

// bestAVX2 finishes best with the AVX2 kernels: it adds the lane rows
// lrows to scores (avxClasses long, its first nc holding the sums of the
// other features) and picks the best class as best does.
func (w *weights) bestAVX2(scores []int32, lrows []uint32, c *sentCtx) int16 {
	// The padding classes must never win nor be the runner-up; rows16
	// adds zero to them.
	for j := w.nc; j < len(scores); j++ {
		scores[j] = math.MinInt32
	}
	if len(lrows) > 0 {
		addRowsAVX2(&scores[0], &w.rows16[0], &lrows[0], len(lrows))
	}
	best, margin := pickAVX2(scores)
	c.margin = margin
	return int16(best)
}

// pickAVX2 does what pick does for scores of avxClasses classes, those
// past the model's classes set to math.MinInt32.
func pickAVX2(scores []int32) (int, int32) {
	lo, hi, top, rest := argmaxAVX2(&scores[:avxClasses][0])
	// pick keeps the first class scoring top, and its runner-up is top
	// again when another class ties with it.
	best := bits.TrailingZeros64(lo)
	if lo == 0 {
		best = 64 + bits.TrailingZeros64(hi)
	}
	second := rest
	if bits.OnesCount64(lo)+bits.OnesCount64(hi) > 1 {
		second = top
	}
	return best, top - second
}

// Model is a trained part-of-speech tagger. It predicts the joint
// (UPOS, XPOS) pair of each word with two greedy left-to-right averaged
// perceptron passes, the second of which also sees the first pass's tags of
// the following words. A Model is immutable and safe for concurrent use.
type Model struct {
	classes []class

	// uniq maps form hashes of frequent unambiguous words to their class.
	uniqKeys []uint64
	uniqVals []uint32
	uniq     ftable

	// lex maps lowercase (and form) hashes of known words to their
	// ambiguity class.
	lexKeys []uint64
	ambs    []uint64
	lex     ftable

	stage1, stage2 weights

	// classIdx maps a label to its class, for tags known in advance.
	classIdx map[class]int16

	pool sync.Pool
}

// buildDict constructs the dictionary lookup tables from the sorted arrays.
func (m *Model) buildDict() {
	idx := make([]uint32, len(m.lexKeys))
	for i := range idx {
		idx[i] = uint32(i)
	}
	m.lex = newFtable(m.lexKeys, idx)
	m.uniq = newFtable(m.uniqKeys, m.uniqVals)
	m.classIdx = make(map[class]int16, len(m.classes))
	for i, cl := range m.classes {
		m.classIdx[cl] = int16(i)
	}
	nc := len(m.classes)
	m.pool.New = func() any { return newSentCtx(nc) }
}

// Classes returns the number of joint (UPOS, XPOS) labels and the number of
// weighted features of the model.
func (m *Model) Classes() (labels, features int) {
	return len(m.classes), len(m.stage1.keys) + len(m.stage2.keys)
}

// Tag tags a sentence of words; upos and xpos have len(words). It is safe for
// concurrent use and allocates only the two result slices.
func (m *Model) Tag(words []string) (upos, xpos []string) {
	upos = make([]string, len(words))
	xpos = make([]string, len(words))
	if len(words) == 0 || len(m.classes) == 0 {
		return upos, xpos
	}
	c := m.pool.Get().(*sentCtx)
	m.predict(c, words)
	for i := range words {
		cl := m.classes[c.tags[i+pad]]
		upos[i], xpos[i] = cl.UPOS, cl.XPOS
	}
	m.pool.Put(c)
	return upos, xpos
}

// predict fills c.tags with the predicted class of every word.
func (m *Model) predict(c *sentCtx, words []string) {
	m.predictKnown(c, words, nil)
}

// predictKnown is predict with the classes of some words known (known[i]
// >= 0): they are kept as words the model knows to be unambiguous are,
// and the words after them are tagged with them as context.
func (m *Model) predictKnown(c *sentCtx, words []string, known []int16) {
	c.prepare(words, m)
	for i, k := range known {
		if k >= 0 && i < c.n {
			c.uniq[i+pad] = k
		}
	}
	m.pass(c, &m.stage1, 1)
	if len(m.stage2.keys) > 0 {
		copy(c.prior, c.tags)
		m.pass(c, &m.stage2, 2)
	}
}

// stage2Margin is the first-pass score lead (in quantized weight units)
// above which the second pass keeps the first pass's tag; tuned on EWT dev.
var stage2Margin int32 = 15000

// pass runs one greedy left-to-right pass of a stage over c.
func (m *Model) pass(c *sentCtx, w *weights, stage int) {
	for i := 0; i < c.n; i++ {
		p := i + pad
		if u := c.uniq[p]; u >= 0 {
			c.tags[p] = u
			continue
		}
		if stage == 2 && c.margins[p] >= stage2Margin {
			continue // the first pass was confident: keep its tag
		}
		c.tags[p] = w.best(c.features(i, stage), c)
		c.margins[p] = c.margin
	}
}

// Known is a tag a caller knows for a word before tagging, such as a name
// its dictionary holds ("PROPN", "NNP"); the zero value knows nothing.
type Known struct{ UPOS, XPOS string }

// TagTokensKnown is TagTokens with some tags known in advance (known[i]
// for toks[i]; known may be shorter): those words keep them, and the words
// around are tagged in their light. A label the model does not have is
// ignored.
func (m *Model) TagTokensKnown(toks []dyad.Token, known []Known) {
	if len(m.classes) == 0 || len(known) == 0 {
		m.TagTokens(toks)
		return
	}
	ks := make([]int16, len(toks))
	any := false
	for i := range ks {
		ks[i] = -1
		if i < len(known) && known[i].UPOS != "" {
			if k, ok := m.classIdx[class(known[i])]; ok {
				ks[i], any = k, true
			}
		}
	}
	if !any {
		ks = nil
	}
	m.tagTokens(toks, ks)
}

// TagTokens fills UPOS, XPOS and Lemma of every token in place, using the
// token texts as the words.
func (m *Model) TagTokens(toks []dyad.Token) {
	m.tagTokens(toks, nil)
}

func (m *Model) tagTokens(toks []dyad.Token, known []int16) {
	if len(toks) == 0 {
		return
	}
	if len(m.classes) == 0 {
		for i := range toks {
			toks[i].UPOS, toks[i].XPOS = "", ""
			toks[i].Lemma = lemma.Lemma(toks[i].Text, "", "")
		}
		return
	}
	c := m.pool.Get().(*sentCtx)
	words := c.words[:0]
	for i := range toks {
		words = append(words, toks[i].Text)
	}
	m.predictKnown(c, words, known)
	for i := range toks {
		cl := m.classes[c.tags[i+pad]]
		toks[i].UPOS, toks[i].XPOS = cl.UPOS, cl.XPOS
		toks[i].Lemma = lemma.Lemma(toks[i].Text, cl.UPOS, cl.XPOS)
	}
	clear(words) // do not keep the texts alive from the pool
	c.words = words
	m.pool.Put(c)
}

//go:embed model/tagger.bin
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, trained on UD English EWT (CC BY-SA
// 4.0). It is loaded once and is safe for concurrent use. It returns an error
// when the embedded model is missing or corrupt.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		if len(embedded) == 0 {
			defaultErr = fmt.Errorf("tag: embedded model is missing (run go run ./nlp/tag/cmd/tagtrain)")
			return
		}
		defaultModel, defaultErr = decodeModel(embedded)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("tag: embedded model: %w", defaultErr)
		}
	})
	return defaultModel, defaultErr
}
