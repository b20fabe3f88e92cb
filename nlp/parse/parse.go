// Package parse is dyad's dependency parser. It produces Universal
// Dependencies basic trees (head and relation, subtypes included, e.g.
// nsubj:pass, obl:agent, acl:relcl) from words with predicted tags.
//
// The parser is a greedy transition-based parser (arc-eager with labeled
// arcs and a single-root constraint) scored by an averaged perceptron over
// the rich non-local feature set of Zhang & Nivre (2011), trained with the
// dynamic oracle of Goldberg & Nivre (2012) and exploration of its own
// mistakes. Features hash to uint64 keys from per-word atoms, and weights
// live in an open-addressing table of sparse int16 class rows, with the
// frequent rows also in a small cache-resident tier (hot.go), so parsing
// allocates nothing per feature. A model trained on UD English EWT is
// embedded (see Default).
package parse

import (
	"math"
	"sync"

	"github.com/dyad-events/dyad"
)

// Model is a trained parsing model. A Model is immutable after Train or Read
// and safe for concurrent use by multiple goroutines.
type Model struct {
	labels  []string
	nclass  int // 2 + 2*len(labels): SHIFT, REDUCE, LEFT(l), RIGHT(l)
	w       *weights
	pool    sync.Pool
	repairs repairLabels
}

// repairLabels are the label indexes used when attaching words that the
// transition sequence left without a head.
type repairLabels struct {
	root, punct, parataxis, dep int16
}

// Labels returns the dependency relations the model can assign, in the
// model's internal order.
func (m *Model) Labels() []string { return append([]string(nil), m.labels...) }

// workspace is per-goroutine scratch space reused through a sync.Pool.
type workspace struct {
	st     state
	atoms  sentAtoms
	feats  []uint64
	scores [256]int32 // indexed by class (classes fit in a byte)
	tmp    [256]int32
	// Score vectors of the features that depend only on the buffer front
	// (bufVec, for buffer front bufFor) or only on the stack top (stkVec,
	// nclass per word, valid where stkDone): computed once per sentence
	// and reused by every transition that sees the same word there.
	bufVec  []int32
	bufFor  int
	stkVec  []int32
	stkDone []bool
	sink    uint64  // keeps weights.score's prefetching loads alive
	sc      scratch // weights.score's working space
}

func (m *Model) getWorkspace() *workspace {
	if ws, ok := m.pool.Get().(*workspace); ok {
		return ws
	}
	return &workspace{feats: make([]uint64, 0, numFeatures)}
}

func (m *Model) labelIndex(name string) int16 {
	for i, l := range m.labels {
		if l == name {
			return int16(i)
		}
	}
	return -1
}

func (m *Model) initRepairs() {
	m.repairs = repairLabels{root: m.labelIndex("root"), punct: m.labelIndex("punct"),
		parataxis: m.labelIndex("parataxis"), dep: m.labelIndex("dep")}
	if m.repairs.dep < 0 {
		m.repairs.dep = m.repairs.parataxis
	}
}

// Parse fills Head and Rel of every token. Tokens should carry UPOS and XPOS
// (and Lemma); Head is 1-based with 0 for the root. The result is always a
// tree: every head is in range, exactly one token has head 0, and there are
// no cycles. Parse is safe for concurrent use.
func (m *Model) Parse(toks []dyad.Token) {
	n := len(toks)
	if n == 0 {
		return
	}
	ws := m.getWorkspace()
	defer m.pool.Put(ws)
	ws.atoms.reset(n)
	for i := range toks {
		ws.atoms.set(i+1, toks[i].Text, toks[i].XPOS, toks[i].UPOS)
	}
	st := &ws.st
	st.reset(n)
	L := len(m.labels)
	nc := m.nclass
	scores := ws.scores[:nc]
	if cap(ws.bufVec) < nc {
		ws.bufVec = make([]int32, nc)
	}
	bufVec := ws.bufVec[:nc]
	ws.bufFor = -1
	if need := (n + 1) * nc; cap(ws.stkVec) < need {
		ws.stkVec = make([]int32, need, need*2)
		ws.stkDone = make([]bool, n+1, 2*(n+1))
	}
	ws.stkVec = ws.stkVec[:(n+1)*nc]
	ws.stkDone = ws.stkDone[:n+1]
	clear(ws.stkDone)
	for !st.terminal() {
		if st.buf != ws.bufFor {
			ws.feats = bufferFeatures(&ws.atoms, n, st.buf, ws.feats[:0])
			ws.sink += m.vector(ws.feats, &ws.tmp, bufVec, &ws.sc)
			ws.bufFor = st.buf
		}
		s0 := int(st.s0())
		stkVec := ws.stkVec[s0*nc : (s0+1)*nc]
		if !ws.stkDone[s0] {
			ws.feats = st.stackFeatures(&ws.atoms, ws.feats[:0])
			ws.sink += m.vector(ws.feats, &ws.tmp, stkVec, &ws.sc)
			ws.stkDone[s0] = true
		}
		for c := range scores {
			scores[c] = bufVec[c] + stkVec[c]
		}
		ws.feats = st.extractDynamic(&ws.atoms, ws.feats[:0])
		_, _, left, right := st.valid()
		ws.sink += m.w.score(ws.feats, &ws.scores, left, right, &ws.sc)
		move, lab := classMove(bestValid(st, scores, L, int(m.repairs.root)), L)
		st.apply(move, lab)
	}
	m.finish(st, toks)
}

// vector sets vec (nclass long) to the summed weights of feats over all
// classes, using tmp as scratch.
func (m *Model) vector(feats []uint64, tmp *[256]int32, vec []int32, s *scratch) uint64 {
	clear(tmp[:])
	sink := m.w.score(feats, tmp, true, true, s)
	copy(vec, tmp[:len(vec)])
	return sink
}

// bestValid returns the highest-scoring class allowed in st (the first
// one on ties, in class order). Arcs from ROOT must carry the label root
// (index root) and other arcs must not.
func bestValid(st *state, scores []int32, L, root int) int {
	sh, re, le, ri := st.valid()
	best, top := -1, int32(math.MinInt32)
	if sh {
		best, top = moveShift, scores[moveShift]
	}
	if re && (best < 0 || scores[moveReduce] > top) {
		best, top = moveReduce, scores[moveReduce]
	}
	if le {
		best, top = bestLabel(scores, 2, L, root, best, top)
	}
	if ri {
		if st.s0() == 0 && root >= 0 {
			if c := 2 + L + root; best < 0 || scores[c] > top {
				best = c
			}
		} else {
			best, _ = bestLabel(scores, 2+L, L, root, best, top)
		}
	}
	return best
}

// bestLabel returns the class and score of the best of best (scoring top;
// none when negative) and classes base+l for labels l other than skip.
func bestLabel(scores []int32, base, L, skip, best int, top int32) (int, int32) {
	for l, v := range scores[base : base+L] {
		if (v > top || best < 0) && l != skip {
			best, top = base+l, v
		}
	}
	return best, top
}

// classMove splits a class into a move and a label.
func classMove(cls, L int) (int, int16) {
	switch {
	case cls == moveShift:
		return moveShift, -1
	case cls == moveReduce:
		return moveReduce, -1
	case cls < 2+L:
		return moveLeft, int16(cls - 2)
	}
	return moveRight, int16(cls - 2 - L)
}

// finish copies heads and labels into toks, attaching words left headless.
func (m *Model) finish(st *state, toks []dyad.Token) {
	n := len(toks)
	root := int32(-1)
	for i := 1; i <= n; i++ {
		if st.head[i] == 0 {
			root = int32(i)
			break
		}
	}
	if root < 0 {
		// Pick the first headless verb, else the first headless word.
		for i := 1; i <= n; i++ {
			if st.head[i] < 0 && (toks[i-1].UPOS == "VERB" || toks[i-1].UPOS == "AUX") {
				root = int32(i)
				break
			}
		}
		if root < 0 {
			for i := 1; i <= n; i++ {
				if st.head[i] < 0 {
					root = int32(i)
					break
				}
			}
		}
		st.head[root] = 0
		st.label[root] = m.repairs.root
	}
	for i := 1; i <= n; i++ {
		if st.head[i] < 0 {
			st.head[i] = root
			switch {
			case toks[i-1].UPOS == "PUNCT":
				st.label[i] = m.repairs.punct
			case toks[i-1].UPOS == "VERB":
				st.label[i] = m.repairs.parataxis
			default:
				st.label[i] = m.repairs.dep
			}
		}
	}
	for i := range toks {
		toks[i].Head = int(st.head[i+1])
		if l := st.label[i+1]; l >= 0 && int(l) < len(m.labels) {
			toks[i].Rel = m.labels[l]
		} else {
			toks[i].Rel = "dep"
		}
	}
}
