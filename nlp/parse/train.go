package parse

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/nlp/conllu"
)

// TrainOptions configures Train.
type TrainOptions struct {
	// Iterations is the number of passes over the training data (default 9,
	// where EWT dev accuracy levels off).
	Iterations int
	// Seed fixes the shuffling and exploration order; equal seeds and inputs
	// give byte-identical models.
	Seed int64
	// Log receives one progress line per iteration when non-nil.
	Log io.Writer
	// ExploreFrom is the first iteration (0-based) that follows the model's
	// own predictions during training (default 1); earlier iterations follow
	// the oracle.
	ExploreFrom int
	// ExploreProb is the probability of following a wrong prediction once
	// exploration starts (default 0.9).
	ExploreProb float64
	// MaxEntries bounds the model size: only the MaxEntries averaged
	// weights largest in magnitude are kept (default 2,250,000, about
	// 9.7 MB on EWT; negative keeps all).
	MaxEntries int
	// Dev, when set, is parsed after each iteration and its UAS/LAS logged.
	Dev []*conllu.Sentence
}

// ErrNoTrainingData is returned by Train when no usable sentence is given.
var ErrNoTrainingData = errors.New("parse: no usable training sentences")

type trainSent struct {
	atoms sentAtoms
	gh    []int32 // projectivized gold heads, 1-based; gh[0] unused
	gl    []int16 // gold label indexes
}

// Train trains a parser on sents, whose UPOS and XPOS columns should hold
// tags predicted by a tagger that did not see those sentences, so that the
// parser learns to cope with tagging errors. Sentences without a complete
// tree are skipped; non-projective trees are projectivized by lifting.
func Train(sents []*conllu.Sentence, opts TrainOptions) (*Model, error) {
	if opts.Iterations <= 0 {
		opts.Iterations = 9
	}
	if opts.ExploreFrom <= 0 {
		opts.ExploreFrom = 1
	}
	if opts.ExploreProb <= 0 {
		opts.ExploreProb = 0.9
	}
	if opts.MaxEntries == 0 {
		opts.MaxEntries = 2_250_000
	}
	// Label inventory, sorted for determinism.
	labelSet := map[string]bool{}
	for _, s := range sents {
		if complete(s) {
			for _, w := range s.Words {
				labelSet[w.Deprel] = true
			}
		}
	}
	labels := make([]string, 0, len(labelSet))
	for l := range labelSet {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	if len(labels) == 0 {
		return nil, ErrNoTrainingData
	}
	if len(labels) > 127 {
		return nil, fmt.Errorf("parse: %d labels exceed the model's limit of 127", len(labels))
	}
	lidx := map[string]int16{}
	for i, l := range labels {
		lidx[l] = int16(i)
	}
	var data []*trainSent
	lifted := 0
	for _, s := range sents {
		if !complete(s) {
			continue
		}
		n := len(s.Words)
		ts := &trainSent{gh: make([]int32, n+1), gl: make([]int16, n+1)}
		ts.atoms.reset(n)
		for i, w := range s.Words {
			ts.atoms.set(i+1, w.Form, w.XPOS, w.UPOS)
			ts.gh[i+1] = int32(w.Head)
			ts.gl[i+1] = lidx[w.Deprel]
		}
		lifted += projectivize(ts.gh)
		data = append(data, ts)
	}
	if len(data) == 0 {
		return nil, ErrNoTrainingData
	}
	m := &Model{labels: labels, nclass: 2 + 2*len(labels)}
	m.initRepairs()
	tw := newTrainWeights()
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x0D1AD))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	tr := &trainer{m: m, tw: tw, rng: rng, scores: make([]float32, m.nclass),
		costs: make([]int, m.nclass), feats: make([]uint64, 0, numFeatures)}
	if opts.Log != nil {
		fmt.Fprintf(opts.Log, "parse: %d training sentences (%d arcs lifted to projectivize), %d labels\n", len(data), lifted, len(labels))
	}
	for it := 0; it < opts.Iterations; it++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		tr.correct, tr.total = 0, 0
		explore := it >= opts.ExploreFrom
		for _, idx := range order {
			tr.sentence(data[idx], explore, opts.ExploreProb)
		}
		if opts.Log != nil {
			line := fmt.Sprintf("parse: iteration %d/%d: train decision accuracy %.2f%% (%s)", it+1, opts.Iterations,
				100*float64(tr.correct)/float64(max(tr.total, 1)), time.Since(start).Round(time.Millisecond))
			if len(opts.Dev) > 0 {
				tr.finish(opts.MaxEntries)
				uas, las := m.evalConllu(opts.Dev)
				line += fmt.Sprintf(", dev UAS %.2f LAS %.2f", uas, las)
			}
			fmt.Fprintln(opts.Log, line)
		}
	}
	tr.finish(opts.MaxEntries)
	return m, nil
}

func buildWeights(keys []uint64, rows [][]uint32, nlabels int) *weights {
	w := newWeights(len(keys), nlabels)
	for i, k := range keys {
		w.insert(k, rows[i])
	}
	w.buildHot()
	return w
}

// evalConllu parses sents with their own tags and returns UAS and LAS.
func (m *Model) evalConllu(sents []*conllu.Sentence) (uas, las float64) {
	var total, uh, lh int
	var toks []dyad.Token
	for _, s := range sents {
		toks = toks[:0]
		for _, w := range s.Words {
			toks = append(toks, dyad.Token{Text: w.Form, UPOS: w.UPOS, XPOS: w.XPOS, Lemma: w.Lemma, Head: -1})
		}
		m.Parse(toks)
		for i, w := range s.Words {
			total++
			if toks[i].Head == w.Head {
				uh++
				if toks[i].Rel == w.Deprel {
					lh++
				}
			}
		}
	}
	if total == 0 {
		return 0, 0
	}
	return 100 * float64(uh) / float64(total), 100 * float64(lh) / float64(total)
}

func complete(s *conllu.Sentence) bool {
	roots := 0
	for _, w := range s.Words {
		if w.Head < 0 || w.Deprel == "" || w.Deprel == "_" {
			return false
		}
		if w.Head == 0 {
			roots++
		}
	}
	return roots == 1 && len(s.Words) > 0 && acyclic(s)
}

func acyclic(s *conllu.Sentence) bool {
	n := len(s.Words)
	for i := 1; i <= n; i++ {
		h := i
		for steps := 0; h != 0; steps++ {
			if steps > n {
				return false
			}
			h = s.Words[h-1].Head
		}
	}
	return true
}

// projectivize lifts non-projective arcs (attaching the dependent to its
// head's head) until the tree is projective; it returns the lifts made.
func projectivize(gh []int32) int {
	n := len(gh) - 1
	lifts := 0
	for {
		best, bestLen := int32(-1), n+2
		for d := 1; d <= n; d++ {
			h := gh[d]
			if h == 0 {
				continue
			}
			lo, hi := min(int(h), d), max(int(h), d)
			if hi-lo >= bestLen {
				continue
			}
			for k := lo + 1; k < hi; k++ {
				if !dominates(gh, h, int32(k)) {
					best, bestLen = int32(d), hi-lo
					break
				}
			}
		}
		if best < 0 {
			return lifts
		}
		gh[best] = gh[gh[best]]
		lifts++
	}
}

func dominates(gh []int32, h, k int32) bool {
	for steps := 0; k != 0 && steps < len(gh); steps++ {
		k = gh[k]
		if k == h {
			return true
		}
	}
	return false
}

const costInvalid = 1 << 30

// quantMax is the largest stored weight magnitude. Weights are rounded to
// multiples of maxAbs/quantMax: on EWT dev this costs nothing against
// int16's full range, and most weights fit in one varint byte.
const quantMax = 4095

type trainer struct {
	m              *Model
	tw             *trainWeights
	rng            *rand.Rand
	st             state
	scores         []float32
	costs          []int
	feats          []uint64
	c              float64
	correct, total int
}

// finish averages, prunes and quantizes the weights into the model.
func (t *trainer) finish(maxEntries int) {
	scale := quantMax / max(t.tw.maxAbs(t.c), 1e-9)
	keys, rows := t.tw.finalize(t.c, maxEntries, scale)
	t.m.w = buildWeights(keys, rows, len(t.m.labels))
}

// sentence trains on one sentence: at each step the best-scoring allowed
// class is compared with the best zero-cost one (dynamic oracle, labeled
// costs), the weights are updated on a mistake, and the parser then follows
// its own mistake with probability p once exploration is on.
func (t *trainer) sentence(ts *trainSent, explore bool, p float64) {
	st := &t.st
	n := len(ts.gh) - 1
	st.reset(n)
	L := len(t.m.labels)
	root := int(t.m.repairs.root)
	for !st.terminal() {
		t.feats = st.extract(&ts.atoms, t.feats)
		clear(t.scores)
		t.tw.score(t.feats, t.scores)
		sh, re, le, ri := st.valid()
		csh, cre, cle, cri := st.costs(ts.gh)
		s0 := st.s0()
		b := int32(st.buf)
		for c := range t.costs {
			t.costs[c] = costInvalid
		}
		if sh {
			t.costs[moveShift] = csh
		}
		if re {
			t.costs[moveReduce] = cre
		}
		if le {
			goldArc := ts.gh[s0] == b
			for l := 0; l < L; l++ {
				if l == root {
					continue
				}
				c := cle
				if goldArc && ts.gl[s0] != int16(l) {
					c++
				}
				t.costs[2+l] = c
			}
		}
		if ri {
			goldArc := ts.gh[b] == s0
			for l := 0; l < L; l++ {
				if root >= 0 && (l == root) != (s0 == 0) {
					continue
				}
				c := cri
				if goldArc && ts.gl[b] != int16(l) {
					c++
				}
				t.costs[2+L+l] = c
			}
		}
		minCost := costInvalid
		for _, c := range t.costs {
			minCost = min(minCost, c)
		}
		pred, gold := -1, -1
		for c, cost := range t.costs {
			if cost == costInvalid {
				continue
			}
			if pred < 0 || t.scores[c] > t.scores[pred] {
				pred = c
			}
			if cost == minCost && (gold < 0 || t.scores[c] > t.scores[gold]) {
				gold = c
			}
		}
		t.c++
		t.total++
		next := gold
		if t.costs[pred] == minCost {
			t.correct++
			next = pred
		} else {
			t.tw.update(t.feats, gold, 1, t.c)
			t.tw.update(t.feats, pred, -1, t.c)
			if explore && t.rng.Float64() < p {
				next = pred
			}
		}
		move, lab := classMove(next, L)
		st.apply(move, lab)
	}
}
