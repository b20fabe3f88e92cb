package parse

import (
	"math"

	"github.com/dyad-events/dyad"
)

// vecSlack is the capacity kept past the score vectors of a job, which
// addVecsAVX2 may read.
const vecSlack = 8

// workspace is per-goroutine scratch space reused through a sync.Pool.
type workspace struct {
	job  job
	tmp  [256]int32
	sink uint64  // keeps weights.score's prefetching loads alive
	sc   scratch // weights.score's working space
}

// job is the state of parsing one sentence, a transition at a time, each
// in three steps: features, prep (which starts loading the weights they
// need) and step.
type job struct {
	toks   []dyad.Token
	st     state
	atoms  sentAtoms
	feats  []uint64   // the dynamic features of the transition
	sfeats []uint64   // the stack features, when stkNew
	scores [256]int32 // indexed by class (classes fit in a byte)
	// bfeats holds the buffer features of the words whose vectors
	// bufferVectors is computing.
	bfeats [numBatches][]uint64
	// Score vectors (nclass per word) of the features that depend only on
	// the buffer front (bufVec, all computed first) or only on the stack
	// top (stkVec, valid where stkDone): computed once per sentence and
	// reused by every transition that sees the same word there.
	bufVec  []int32
	stkVec  []int32
	stkDone []bool
	dyn     batch // the dynamic features of the transition
	stk     batch // the stack features, when stkNew
	stkNew  bool
}

func (m *Model) getWorkspace() *workspace {
	if ws, ok := m.pool.Get().(*workspace); ok {
		return ws
	}
	ws := &workspace{}
	j := &ws.job
	j.feats = make([]uint64, 0, numFeatures)
	j.sfeats = make([]uint64, 0, numStackFeatures)
	for i := range j.bfeats {
		j.bfeats[i] = make([]uint64, 0, numBufferFeatures)
	}
	return ws
}

// Parse fills Head and Rel of every token. Tokens should carry UPOS and XPOS
// (and Lemma); Head is 1-based with 0 for the root. The result is always a
// tree: every head is in range, exactly one token has head 0, and there are
// no cycles. Parse is safe for concurrent use.
func (m *Model) Parse(toks []dyad.Token) {
	if len(toks) == 0 {
		return
	}
	ws := m.getWorkspace()
	defer m.pool.Put(ws)
	j := &ws.job
	m.start(ws, j, toks)
	for !j.st.terminal() {
		m.features(ws, j)
		m.prep(ws, j)
		m.step(ws, j)
	}
	m.finish(&j.st, toks)
	j.toks = nil
}

// start sets up job j to parse toks (nonempty).
func (m *Model) start(ws *workspace, j *job, toks []dyad.Token) {
	n := len(toks)
	j.toks = toks
	j.atoms.reset(n)
	for i := range toks {
		j.atoms.set(i+1, toks[i].Text, toks[i].XPOS, toks[i].UPOS)
	}
	j.st.reset(n)
	m.bufferVectors(ws, j, n)
	nc := m.nclass
	if need := (n + 1) * nc; cap(j.stkVec) < need+vecSlack {
		j.stkVec = make([]int32, need, need*2+vecSlack)
		j.stkDone = make([]bool, n+1, 2*(n+1))
	}
	j.stkVec = j.stkVec[:(n+1)*nc]
	j.stkDone = j.stkDone[:n+1]
	clear(j.stkDone)
	j.stkNew = false
}

// features extracts the dynamic features of the transition, and the
// stack features when s0 is new there, and starts loading the lines of the
// hot tier that prep reads for them.
func (m *Model) features(ws *workspace, j *job) {
	j.feats = j.st.extractDynamic(&j.atoms, j.feats[:0])
	ws.sink += m.w.prefetch(j.feats)
	if s0 := j.st.s0(); !j.stkDone[s0] {
		j.sfeats = j.st.stackFeatures(&j.atoms, j.sfeats[:0])
		ws.sink += m.w.prefetch(j.sfeats)
		j.stkNew = true
	}
}

// prep files the features and starts loading the table lines of the cold
// ones: step adds them up.
func (m *Model) prep(ws *workspace, j *job) {
	ws.sink += m.w.prep(j.feats, &j.dyn, &ws.sc)
	if j.stkNew {
		ws.sink += m.w.prep(j.sfeats, &j.stk, &ws.sc)
	}
}

// step scores the transition and applies the best valid move.
func (m *Model) step(ws *workspace, j *job) {
	st := &j.st
	nc := m.nclass
	s0 := int(st.s0())
	stkVec := j.stkVec[s0*nc : (s0+1)*nc]
	if j.stkNew {
		ws.sink += m.finishVector(&j.stk, &ws.tmp, stkVec, &ws.sc)
		j.stkDone[s0] = true
		j.stkNew = false
	}
	scores := j.scores[:nc]
	bufVec := j.bufVec[st.buf*nc : (st.buf+1)*nc]
	if useAVX2 {
		// Eight classes at a time: the vectors have vecSlack spare
		// classes after them, and scores room for them.
		addVecsAVX2(&scores[0], &bufVec[0], &stkVec[0], (nc+7)/8)
	} else {
		for c := range scores {
			scores[c] = bufVec[c] + stkVec[c]
		}
	}
	_, _, left, right := st.valid()
	ws.sink += m.w.finish(&j.dyn, &j.scores, left, right, &ws.sc)
	move, lab := classMove(m.bestMove(st, scores), len(m.labels))
	st.apply(move, lab)
}

// bestMove returns bestValid(st, scores, len(m.labels), m.repairs.root)
// for a configuration that is not terminal, with fewer tests: it may
// overwrite the scores of classes that bestValid skips.
func (m *Model) bestMove(st *state, scores []int32) int {
	L, root := len(m.labels), int(m.repairs.root)
	_, re, le, ri := st.valid() // SHIFT is always allowed
	best, top := moveShift, scores[moveShift]
	if re && scores[moveReduce] > top {
		best, top = moveReduce, scores[moveReduce]
	}
	if st.s0() == 0 { // LEFT-ARC is not allowed
		switch {
		case !ri:
		case root >= 0:
			if c := 2 + L + root; scores[c] > top {
				best = c
			}
		default:
			best, _ = argmax(scores[2+L:2+2*L], 2+L, best, top)
		}
		return best
	}
	if root >= 0 {
		// Arcs from words other than ROOT must not be labeled root: no
		// score beats math.MinInt32.
		scores[2+root], scores[2+L+root] = math.MinInt32, math.MinInt32
	}
	if le {
		best, top = argmax(scores[2:2+L], 2, best, top)
	}
	if ri {
		best, _ = argmax(scores[2+L:2+2*L], 2+L, best, top)
	}
	return best
}

// argmax returns the class and score of the best of best (scoring top)
// and classes base+i scoring s[i], the first one on ties.
func argmax(s []int32, base, best int, top int32) (int, int32) {
	for i, v := range s {
		if v > top {
			best, top = base+i, v
		}
	}
	return best, top
}

// bufferVectors sets j.bufVec to the score vectors (nclass long, at
// b*nclass) of the features that depend only on the buffer front b, for b
// in 1..n: every one is needed, since the buffer front visits every word,
// and computing them together lets the table lines of several load at
// once.
func (m *Model) bufferVectors(ws *workspace, j *job, n int) {
	nc := m.nclass
	if need := (n + 1) * nc; cap(j.bufVec) < need+vecSlack {
		j.bufVec = make([]int32, need, need*2+vecSlack)
	}
	vecs := j.bufVec[:(n+1)*nc]
	j.bufVec = vecs
	sc := &ws.sc
	// A three-stage pipeline: extract the features of b (and prefetch
	// their hot lines), prep those of b-1, finish the vector of b-3.
	const q = numBatches - 1
	for b := 1; b <= n+3; b++ {
		if b <= n {
			f := &j.bfeats[b&q]
			*f = bufferFeatures(&j.atoms, n, b, (*f)[:0])
			ws.sink += m.w.prefetch(*f)
		}
		if p := b - 1; p >= 1 && p <= n {
			ws.sink += m.w.prep(j.bfeats[p&q], &sc.b[p&q], sc)
		}
		if d := b - 3; d >= 1 {
			ws.sink += m.finishVector(&sc.b[d&q], &ws.tmp, vecs[d*nc:(d+1)*nc], sc)
		}
	}
}

// finishVector sets vec (nclass long) to the summed weights over all
// classes of the features that prep filed in b, using tmp as scratch.
func (m *Model) finishVector(b *batch, tmp *[256]int32, vec []int32, s *scratch) uint64 {
	clear(tmp[:])
	sink := m.w.finish(b, tmp, true, true, s)
	copy(vec, tmp[:len(vec)])
	return sink
}
