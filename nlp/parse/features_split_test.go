package parse

import (
	"slices"
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
)

// TestFeatureSplit checks that bufferFeatures, stackFeatures and
// extractDynamic together write exactly the keys of extract, in every
// configuration the parser meets on EWT test, and that stackFeatures writes
// the same keys every time a word is the stack top (Parse computes them
// once per word).
func TestFeatureSplit(t *testing.T) {
	sents, err := conllu.ReadFile(shared.Path(t, "data/ud-ewt/test.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		sents = sents[:100]
	}
	var a sentAtoms
	var st state
	var all, buf, stk, dyn []uint64
	scores := make([]int32, m.nclass)
	L := len(m.labels)
	for _, s := range sents {
		toks := tokensOf(s)
		a.reset(len(toks))
		for i := range toks {
			a.set(i+1, toks[i].Text, toks[i].XPOS, toks[i].UPOS)
		}
		st.reset(len(toks))
		firstStk := map[int32][]uint64{}
		for !st.terminal() {
			all = st.extract(&a, all)
			buf = bufferFeatures(&a, st.n, st.buf, buf[:0])
			stk = st.stackFeatures(&a, stk[:0])
			dyn = st.extractDynamic(&a, dyn[:0])
			if len(buf) != numBufferFeatures || len(stk) != numStackFeatures || len(all) != numFeatures {
				t.Fatalf("feature counts %d %d %d", len(buf), len(stk), len(all))
			}
			if first, ok := firstStk[st.s0()]; !ok {
				firstStk[st.s0()] = slices.Clone(stk)
			} else if !slices.Equal(first, stk) {
				t.Fatalf("stack features of word %d changed while it stayed on the stack", st.s0())
			}
			got := slices.Concat(buf, stk, dyn)
			want := slices.Clone(all)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("split features differ from extract")
			}
			var sc [256]int32
			_, _, left, right := st.valid()
			m.w.score(all, &sc, left, right, &scratch{})
			copy(scores, sc[:m.nclass])
			move, lab := classMove(bestValid(&st, scores, L, int(m.repairs.root)), L)
			st.apply(move, lab)
		}
	}
}
