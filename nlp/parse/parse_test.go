package parse

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
)

// toyTreebank is a tiny hand-written treebank for tests that must not
// depend on peer data.
const toyTreebank = `1	Russia	Russia	PROPN	NNP	_	2	nsubj	_	_
2	attacked	attack	VERB	VBD	_	0	root	_	_
3	Ukraine	Ukraine	PROPN	NNP	_	2	obj	_	_
4	.	.	PUNCT	.	_	2	punct	_	_

1	Ukraine	Ukraine	PROPN	NNP	_	3	nsubj:pass	_	_
2	was	be	AUX	VBD	_	3	aux:pass	_	_
3	attacked	attack	VERB	VBN	_	0	root	_	_
4	by	by	ADP	IN	_	5	case	_	_
5	Russia	Russia	PROPN	NNP	_	3	obl:agent	_	_
6	.	.	PUNCT	.	_	3	punct	_	_

1	The	the	DET	DT	_	2	det	_	_
2	minister	minister	NOUN	NN	_	3	nsubj	_	_
3	met	meet	VERB	VBD	_	0	root	_	_
4	with	with	ADP	IN	_	6	case	_	_
5	the	the	DET	DT	_	6	det	_	_
6	envoy	envoy	NOUN	NN	_	3	obl	_	_
7	.	.	PUNCT	.	_	3	punct	_	_

1	China	China	PROPN	NNP	_	4	nsubj	_	_
2	and	and	CCONJ	CC	_	3	cc	_	_
3	India	India	PROPN	NNP	_	1	conj	_	_
4	met	meet	VERB	VBD	_	0	root	_	_

1	Who	who	PRON	WP	_	3	obj	_	_
2	did	do	AUX	VBD	_	3	aux	_	_
3	see	see	VERB	VB	_	0	root	_	_
4	yesterday	yesterday	NOUN	NN	_	3	obl:unmarked	_	_
5	?	?	PUNCT	.	_	3	punct	_	_
`

func toySents(t testing.TB) []*conllu.Sentence {
	t.Helper()
	s, err := conllu.ReadAll(strings.NewReader(toyTreebank), "toy")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var (
	toyOnce  sync.Once
	toyModel *Model
)

func trainToy(t testing.TB) *Model {
	t.Helper()
	toyOnce.Do(func() {
		m, err := Train(toySents(t), TrainOptions{Iterations: 10, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		toyModel = m
	})
	return toyModel
}

func tokensOf(s *conllu.Sentence) []dyad.Token {
	toks := make([]dyad.Token, len(s.Words))
	for i, w := range s.Words {
		toks[i] = dyad.Token{Text: w.Form, UPOS: w.UPOS, XPOS: w.XPOS, Lemma: w.Lemma, Head: -1}
	}
	return toks
}

// checkTree reports whether toks form a single-rooted tree.
func checkTree(t *testing.T, toks []dyad.Token) {
	t.Helper()
	n := len(toks)
	roots := 0
	for i, tk := range toks {
		if tk.Head < 0 || tk.Head > n || tk.Head == i+1 {
			t.Fatalf("token %d has head %d (n=%d)", i+1, tk.Head, n)
		}
		if tk.Rel == "" {
			t.Fatalf("token %d has no relation", i+1)
		}
		if tk.Head == 0 {
			roots++
		}
	}
	if roots != 1 {
		t.Fatalf("%d roots", roots)
	}
	for i := range toks {
		h := i + 1
		for steps := 0; h != 0; steps++ {
			if steps > n {
				t.Fatalf("cycle through token %d", i+1)
			}
			h = toks[h-1].Head
		}
	}
}

func TestToyTrainingFitsTrainingData(t *testing.T) {
	m := trainToy(t)
	for _, s := range toySents(t) {
		toks := tokensOf(s)
		m.Parse(toks)
		checkTree(t, toks)
		for i, w := range s.Words {
			if toks[i].Head != w.Head || toks[i].Rel != w.Deprel {
				t.Errorf("%q word %d %q: got %d/%s, want %d/%s", s.Text(), i+1, w.Form,
					toks[i].Head, toks[i].Rel, w.Head, w.Deprel)
			}
		}
	}
}

func TestSaveReadRoundTripAndDeterminism(t *testing.T) {
	m1 := trainToy(t)
	m2, err := Train(toySents(t), TrainOptions{Iterations: 10, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	var b1, b2 bytes.Buffer
	if err := m1.Save(&b1); err != nil {
		t.Fatal(err)
	}
	if err := m2.Save(&b2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Fatal("two trainings with the same seed saved different bytes")
	}
	r, err := Read(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var b3 bytes.Buffer
	if err := r.Save(&b3); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1.Bytes(), b3.Bytes()) {
		t.Fatal("Save(Read(Save(m))) differs from Save(m)")
	}
	for _, s := range toySents(t) {
		a, b := tokensOf(s), tokensOf(s)
		m1.Parse(a)
		r.Parse(b)
		for i := range a {
			if a[i].Head != b[i].Head || a[i].Rel != b[i].Rel {
				t.Fatalf("reloaded model parses %q differently at word %d", s.Text(), i+1)
			}
		}
	}
}

func TestReadRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "hello", "\x00\x01\x02"} {
		if _, err := Read(strings.NewReader(in)); err == nil {
			t.Errorf("Read(%q) succeeded", in)
		}
	}
	var b bytes.Buffer
	if err := trainToy(t).Save(&b); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(bytes.NewReader(b.Bytes()[:b.Len()/2])); err == nil {
		t.Error("Read of a truncated model succeeded")
	}
}

func TestProjectivize(t *testing.T) {
	tests := []struct {
		name  string
		heads []int32 // 1-based; index 0 unused
		lifts int
	}{
		{"projective", []int32{0, 2, 0, 2}, 0},
		// 1 <- 3 crosses 2 -> 4: word 4 (head 2) spans word 3 whose head is 0... construct a classic crossing
		{"crossing", []int32{0, 3, 0, 2, 2}, 1},
	}
	for _, tc := range tests {
		gh := append([]int32(nil), tc.heads...)
		got := projectivize(gh)
		if got != tc.lifts {
			t.Errorf("%s: %d lifts, want %d (heads %v)", tc.name, got, tc.lifts, gh)
		}
		if !isProjective(gh) {
			t.Errorf("%s: result %v not projective", tc.name, gh)
		}
	}
}

func isProjective(gh []int32) bool {
	for d := 1; d < len(gh); d++ {
		h := gh[d]
		if h == 0 {
			continue
		}
		lo, hi := min(int(h), d), max(int(h), d)
		for k := lo + 1; k < hi; k++ {
			if !dominates(gh, h, int32(k)) {
				return false
			}
		}
	}
	return true
}

// TestOracleReachesGold follows zero-cost transitions from the start and
// checks that they rebuild every projectivized EWT training tree exactly:
// the dynamic oracle's costs are right on the gold path.
func TestOracleReachesGold(t *testing.T) {
	sents := toySents(t)
	if p := sharedTrain(t); p != nil {
		sents = append(sents, p...)
	}
	for _, s := range sents {
		if !complete(s) {
			continue
		}
		n := len(s.Words)
		gh := make([]int32, n+1)
		for i, w := range s.Words {
			gh[i+1] = int32(w.Head)
		}
		projectivize(gh)
		var st state
		st.reset(n)
		for !st.terminal() {
			sh, re, le, ri := st.valid()
			csh, cre, cle, cri := st.costs(gh)
			switch {
			case le && cle == 0:
				st.apply(moveLeft, 0)
			case ri && cri == 0:
				st.apply(moveRight, 0)
			case re && cre == 0:
				st.apply(moveReduce, 0)
			case sh && csh == 0:
				st.apply(moveShift, 0)
			default:
				t.Fatalf("%s: no zero-cost move", s.Text())
			}
		}
		for d := 1; d <= n; d++ {
			if st.head[d] != gh[d] {
				t.Fatalf("%q: word %d head %d, gold %d", s.Text(), d, st.head[d], gh[d])
			}
		}
	}
}

func sharedTrain(t *testing.T) []*conllu.Sentence {
	if testing.Short() {
		return nil
	}
	p := shared.Path(t, "data/ud-ewt/dev.conllu")
	s, err := conllu.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEmbeddedModelLoads(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := Default()
	if m != m2 {
		t.Error("Default returned different models")
	}
	if len(m.Labels()) < 30 {
		t.Errorf("embedded model has only %d labels", len(m.Labels()))
	}
	toks := []dyad.Token{{Text: "Russia", UPOS: "PROPN", XPOS: "NNP"}, {Text: "attacked", UPOS: "VERB", XPOS: "VBD"},
		{Text: "Ukraine", UPOS: "PROPN", XPOS: "NNP"}, {Text: ".", UPOS: "PUNCT", XPOS: "."}}
	m.Parse(toks)
	checkTree(t, toks)
	if toks[0].Head != 2 || toks[0].Rel != "nsubj" || toks[2].Head != 2 || toks[2].Rel != "obj" || toks[1].Rel != "root" {
		t.Errorf("Russia attacked Ukraine: got %+v", toks)
	}
}

func TestParseConcurrent(t *testing.T) {
	m := trainToy(t)
	sents := toySents(t)
	want := make([][]dyad.Token, len(sents))
	for i, s := range sents {
		want[i] = tokensOf(s)
		m.Parse(want[i])
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 50; r++ {
				for i, s := range sents {
					toks := tokensOf(s)
					m.Parse(toks)
					for j := range toks {
						if toks[j].Head != want[i][j].Head || toks[j].Rel != want[i][j].Rel {
							t.Errorf("concurrent parse differs")
							return
						}
					}
				}
			}
		}()
	}
	wg.Wait()
}

var fuzzTags = [][2]string{{"NOUN", "NN"}, {"VERB", "VBD"}, {"PROPN", "NNP"}, {"DET", "DT"}, {"ADP", "IN"},
	{"PUNCT", "."}, {"AUX", "VBZ"}, {"ADJ", "JJ"}, {"PRON", "PRP"}, {"CCONJ", "CC"}, {"X", "FW"}, {"", ""}}

func FuzzParse(f *testing.F) {
	f.Add("Russia attacked Ukraine .", []byte{2, 1, 2, 5})
	f.Add("", []byte{})
	f.Add("a", []byte{200})
	f.Add(". . . . . . . .", []byte{5, 5, 5, 5})
	f.Add("Who did see yesterday ? and and the", []byte{8, 6, 1, 0, 5, 9, 9, 3})
	m, err := Default()
	if err != nil {
		m = trainToy(f)
	}
	f.Fuzz(func(t *testing.T, words string, tags []byte) {
		fields := strings.Fields(words)
		if len(fields) > 300 {
			fields = fields[:300]
		}
		toks := make([]dyad.Token, len(fields))
		for i, w := range fields {
			tg := fuzzTags[0]
			if i < len(tags) {
				tg = fuzzTags[int(tags[i])%len(fuzzTags)]
			}
			toks[i] = dyad.Token{Text: w, UPOS: tg[0], XPOS: tg[1], Head: -1}
		}
		m.Parse(toks)
		if len(toks) > 0 {
			checkTree(t, toks)
		}
	})
}

func FuzzRead(f *testing.F) {
	var b bytes.Buffer
	if err := trainToy(f).Save(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte{})
	f.Add([]byte("dyad-parse-1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		toks := []dyad.Token{{Text: "a", UPOS: "DET", XPOS: "DT"}, {Text: "b", UPOS: "NOUN", XPOS: "NN"}}
		m.Parse(toks)
		checkTree(t, toks)
	})
}
