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
