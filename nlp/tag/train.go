package tag

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/nlp/conllu"
)

// TrainOptions control training; the zero value selects the defaults.
// Training is deterministic: the same data and options give a byte-identical
// Save output.
type TrainOptions struct {
	// Iterations is the number of perceptron passes over the data (default 8).
	Iterations int
	// Seed seeds the per-iteration shuffle of the training sentences.
	Seed int64
	// Log receives one progress line per iteration of each training stage;
	// it may be nil.
	Log io.Writer
}

// Dictionary thresholds (tuned on EWT dev).
const (
	defaultIterations = 8
	uniqMinFreq       = 5    // a form seen this often ...
	uniqMinShare      = 0.99 // ... with one class this often is tagged by lookup
	lexMinFreq        = 2    // words seen this often get an ambiguity class
	ambMinShare       = 0.05 // classes below this share are left out of it
	minUpdates        = 3    // features updated fewer times are pruned
	jackknifeFolds    = 2    // folds for the first-stage tags stage 2 learns from
)

// ErrNoData is returned by Train when the sentences hold no tagged words.
var ErrNoData = errors.New("tag: no tagged training words")

// wentry is one class weight of a feature during training.
type wentry struct {
	cls int32
	w   int64 // current weight
	tot int64 // sum of weights over time, up to ts
	ts  int64 // instance counter at the last update
}

type trainer struct {
	ids   map[uint64]int32
	keys  []uint64
	rows  [][]wentry
	nupd  []int32 // number of updates of each feature
	clock int64
}

func (t *trainer) score(feats []uint64, scores []int32) {
	clear(scores)
	for _, f := range feats {
		id, ok := t.ids[f]
		if !ok {
			continue
		}
		for _, e := range t.rows[id] {
			scores[e.cls] += int32(e.w)
		}
	}
}

func (t *trainer) update(feats []uint64, cls int32, delta int64) {
	for _, f := range feats {
		id, ok := t.ids[f]
		if !ok {
			id = int32(len(t.rows))
			t.ids[f] = id
			t.keys = append(t.keys, f)
			t.rows = append(t.rows, nil)
			t.nupd = append(t.nupd, 0)
		}
		t.nupd[id]++
		row := t.rows[id]
		j := slices.IndexFunc(row, func(e wentry) bool { return e.cls == cls })
		if j < 0 {
			row = append(row, wentry{cls: cls, ts: t.clock})
			t.rows[id] = row
			j = len(row) - 1
		}
		e := &row[j]
		e.tot += (t.clock - e.ts) * e.w
		e.ts = t.clock
		e.w += delta
	}
}

// Train trains a tagger on the UPOS and XPOS columns of sents. Words without
// both tags are skipped as training targets but still serve as context.
//
// The first stage is trained on all sentences. The second stage learns from
// first-stage tags of the following words; to see realistic (imperfect) tags
// it is trained on jackknifed first-stage output: each of jackknifeFolds
// folds is tagged by a first stage trained on the other folds.
func Train(sents []*conllu.Sentence, opts TrainOptions) (*Model, error) {
	if opts.Iterations <= 0 {
		opts.Iterations = defaultIterations
	}
	start := time.Now()
	m, gold, words := newModelDict(sents)
	if len(m.classes) == 0 {
		return nil, ErrNoData
	}
	st := &stageTrainer{m: m, words: words, gold: gold, opts: opts, start: start}
	prior := make([][]int16, len(sents))
	ctx := newSentCtx(len(m.classes))
	for f := 0; f < jackknifeFolds; f++ {
		var in, out []int
		for i := range sents {
			if i%jackknifeFolds == f {
				out = append(out, i)
			} else {
				in = append(in, i)
			}
		}
		w := st.train(in, nil, 1, fmt.Sprintf("fold %d/%d", f+1, jackknifeFolds))
		for _, si := range out {
			ctx.prepare(words[si], m)
			m.pass(ctx, w, 1)
			prior[si] = slices.Clone(ctx.tags[pad : pad+len(words[si])])
		}
	}
	all := make([]int, len(sents))
	for i := range all {
		all[i] = i
	}
	m.stage1 = *st.train(all, nil, 1, "stage 1")
	m.stage2 = *st.train(all, prior, 2, "stage 2")
	if len(m.stage1.packed) > maxTableVal || len(m.stage2.packed) > maxTableVal {
		return nil, fmt.Errorf("tag: model too large (%d + %d weights)", m.stage1.nw, m.stage2.nw)
	}
	if opts.Log != nil {
		fmt.Fprintf(opts.Log, "tag: %d classes, %d+%d features, %d+%d weights (%s)\n",
			len(m.classes), len(m.stage1.keys), len(m.stage2.keys), m.stage1.nw, m.stage2.nw,
			time.Since(start).Round(time.Millisecond))
	}
	return m, nil
}

type stageTrainer struct {
	m     *Model
	words [][]string
	gold  [][]int32
	opts  TrainOptions
	start time.Time
}

// train runs the perceptron over the sentences idx and returns the averaged
// weights of one stage; prior holds first-stage tags for stage 2.
func (st *stageTrainer) train(idx []int, prior [][]int16, stage int, name string) *weights {
	m := st.m
	t := &trainer{ids: make(map[uint64]int32, 1<<18)}
	ctx := newSentCtx(len(m.classes))
	order := slices.Clone(idx)
	for it := 0; it < st.opts.Iterations; it++ {
		rng := rand.New(rand.NewPCG(uint64(st.opts.Seed), uint64(it)+1))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var correct, total int
		for _, si := range order {
			ws, gs := st.words[si], st.gold[si]
			ctx.prepare(ws, m)
			if prior != nil {
				copy(ctx.prior[pad:], prior[si])
			}
			for i := range ws {
				p := i + pad
				g := gs[i]
				if u := ctx.uniq[p]; u >= 0 {
					ctx.tags[p] = u
					if g >= 0 {
						total++
						if int32(u) == g {
							correct++
						}
					}
					continue
				}
				feats := ctx.features(i, stage)
				t.score(feats, ctx.scores)
				best := int32(0)
				for j, s := range ctx.scores {
					if s > ctx.scores[best] {
						best = int32(j)
					}
				}
				if g >= 0 {
					t.clock++
					total++
					if best == g {
						correct++
					} else {
						t.update(feats, g, 1)
						t.update(feats, best, -1)
					}
				}
				ctx.tags[p] = int16(best)
			}
		}
		if st.opts.Log != nil {
			fmt.Fprintf(st.opts.Log, "tag: %s: iteration %d/%d: train accuracy %.2f%% (%d features, %s)\n",
				name, it+1, st.opts.Iterations, 100*float64(correct)/float64(max(total, 1)), len(t.rows),
				time.Since(st.start).Round(time.Millisecond))
		}
	}
	return t.finish(len(m.classes))
}

// finish averages, quantizes and prunes the weights.
func (t *trainer) finish(nc int) *weights {
	w := &weights{nc: nc}
	c := float64(max(t.clock, 1))
	maxAbs := 0.0
	avg := make([][]float64, len(t.rows))
	for id, row := range t.rows {
		a := make([]float64, len(row))
		for j, e := range row {
			tot := e.tot + (t.clock-e.ts)*e.w
			a[j] = float64(tot) / c
			maxAbs = max(maxAbs, math.Abs(a[j]))
		}
		avg[id] = a
	}
	scale := 1.0
	if maxAbs > 0 {
		scale = 32767 / maxAbs
	}
	// Sort the features by their 40-bit table key; features whose keys
	// collide are merged by adding their weights.
	order := make([]int32, len(t.keys))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(key40(t.keys[a]), key40(t.keys[b])), cmp.Compare(t.keys[a], t.keys[b]))
	})
	var cls []uint8
	var wts []int16
	sum := make([]float64, 256)
	used := make([]bool, 256)
	for lo := 0; lo < len(order); {
		k := key40(t.keys[order[lo]])
		hi := lo
		for hi < len(order) && key40(t.keys[order[hi]]) == k {
			id := order[hi]
			if t.nupd[id] < minUpdates {
				hi++
				continue // a rare feature: pruned
			}
			for j, e := range t.rows[id] {
				sum[e.cls] += avg[id][j]
				used[e.cls] = true
			}
			hi++
		}
		lo = hi
		cls, wts = cls[:0], wts[:0]
		for c := range sum {
			if !used[c] {
				continue
			}
			if q, ok := quantize(max(-32767, min(32767, sum[c]*scale))); ok {
				cls = append(cls, uint8(c))
				wts = append(wts, q)
			}
			sum[c], used[c] = 0, false
		}
		if len(cls) > 0 {
			w.keys = append(w.keys, k)
			codes := make([]byte, len(wts))
			for j, q := range wts {
				codes[j] = weightCode(q)
			}
			w.appendBlock(cls, codes)
		}
	}
	w.build()
	return w
}

// newModelDict collects the class set and the tag dictionaries of a model,
// and returns the gold class (-1 when untagged) and words of each sentence.
func newModelDict(sents []*conllu.Sentence) (*Model, [][]int32, [][]string) {
	seen := map[class]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			if tagged(w) {
				seen[class{w.UPOS, w.XPOS}]++
			}
		}
	}
	m := &Model{}
	for c := range seen {
		m.classes = append(m.classes, c)
	}
	slices.SortFunc(m.classes, func(a, b class) int {
		return cmp.Or(cmp.Compare(a.XPOS, b.XPOS), cmp.Compare(a.UPOS, b.UPOS))
	})
	if len(m.classes) > 255 {
		m.classes = m.classes[:0] // cannot happen with UD tag sets
		return m, nil, nil
	}
	index := map[class]int32{}
	for i, c := range m.classes {
		index[c] = int32(i)
	}
	gold := make([][]int32, len(sents))
	words := make([][]string, len(sents))
	formCounts := map[string][]int32{}
	lowerCounts := map[string][]int32{} // lowercase words and, prefixed by \x00, forms
	bump := func(tab map[string][]int32, k string, c int32) {
		row := tab[k]
		if row == nil {
			row = make([]int32, len(m.classes))
			tab[k] = row
		}
		row[c]++
	}
	for si, s := range sents {
		gs := make([]int32, len(s.Words))
		ws := make([]string, len(s.Words))
		for i, w := range s.Words {
			ws[i] = w.Form
			gs[i] = -1
			if tagged(w) {
				c := index[class{w.UPOS, w.XPOS}]
				gs[i] = c
				bump(formCounts, w.Form, c)
				bump(lowerCounts, asciiLower(w.Form), c)
				bump(lowerCounts, "\x00"+w.Form, c)
			}
		}
		gold[si], words[si] = gs, ws
	}
	type kv struct {
		k uint64
		v uint64
	}
	var uniq []kv
	for f, row := range formCounts {
		total, best := int32(0), 0
		for c, n := range row {
			total += n
			if n > row[best] {
				best = c
			}
		}
		if total >= uniqMinFreq && float64(row[best]) >= uniqMinShare*float64(total) {
			uniq = append(uniq, kv{key40(hashForm(f)), uint64(best)})
		}
	}
	var lex []kv
	for f, row := range lowerCounts {
		total := int32(0)
		for _, n := range row {
			total += n
		}
		if total < lexMinFreq {
			continue
		}
		h := uint64(fnvOffset)
		for c, n := range row {
			if n > 0 && float64(n) >= ambMinShare*float64(total) {
				h = mix(h ^ uint64(c+1))
			}
		}
		key := key40(hashLower(f))
		if form, ok := strings.CutPrefix(f, "\x00"); ok {
			key = key40(hashForm(form))
		}
		lex = append(lex, kv{key, h | 1})
	}
	byKey := func(a, b kv) int { return cmp.Or(cmp.Compare(a.k, b.k), cmp.Compare(a.v, b.v)) }
	slices.SortFunc(uniq, byKey)
	slices.SortFunc(lex, byKey)
	uniq = slices.CompactFunc(uniq, func(a, b kv) bool { return a.k == b.k })
	lex = slices.CompactFunc(lex, func(a, b kv) bool { return a.k == b.k })
	for _, e := range uniq {
		m.uniqKeys = append(m.uniqKeys, e.k)
		m.uniqVals = append(m.uniqVals, uint32(e.v))
	}
	for _, e := range lex {
		m.lexKeys = append(m.lexKeys, e.k)
		m.ambs = append(m.ambs, e.v)
	}
	m.buildDict()
	return m, gold, words
}

// asciiLower lowercases ASCII letters only, as hashLower does.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

func tagged(w conllu.Word) bool {
	return w.UPOS != "" && w.UPOS != "_" && w.XPOS != "" && w.XPOS != "_"
}

// TrainFile reads a CoNLL-U treebank and trains a tagger on it.
func TrainFile(path string, opts TrainOptions) (*Model, error) {
	sents, err := conllu.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tag: %w", err)
	}
	m, err := Train(sents, opts)
	if err != nil {
		return nil, fmt.Errorf("tag: training on %s: %w", path, err)
	}
	return m, nil
}

// Accuracy is the result of Evaluate.
type Accuracy struct {
	Sentences, Tokens  int
	UPOS, XPOS, Both   float64 // fractions of tokens tagged correctly
	Lemma              float64 // lemma accuracy with predicted tags
	SentencesPerSecond float64
}

// Evaluate tags the words of sents and compares with their gold UPOS, XPOS
// and lemmas.
func (m *Model) Evaluate(sents []*conllu.Sentence) Accuracy {
	var a Accuracy
	var up, xp, both, lem int
	toks := []dyad.Token{}
	start := time.Now()
	for _, s := range sents {
		toks = toks[:0]
		for _, w := range s.Words {
			toks = append(toks, dyad.Token{Text: w.Form})
		}
		m.TagTokens(toks)
		for i, w := range s.Words {
			a.Tokens++
			u, x := toks[i].UPOS == w.UPOS, toks[i].XPOS == w.XPOS
			if u {
				up++
			}
			if x {
				xp++
			}
			if u && x {
				both++
			}
			if toks[i].Lemma == w.Lemma {
				lem++
			}
		}
	}
	el := time.Since(start).Seconds()
	a.Sentences = len(sents)
	if el > 0 {
		a.SentencesPerSecond = float64(len(sents)) / el
	}
	if n := float64(max(a.Tokens, 1)); a.Tokens > 0 {
		a.UPOS, a.XPOS, a.Both, a.Lemma = float64(up)/n, float64(xp)/n, float64(both)/n, float64(lem)/n
	}
	return a
}
