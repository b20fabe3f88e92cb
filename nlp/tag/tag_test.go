package tag

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func readTreebank(tb testing.TB, rel string) []*conllu.Sentence {
	tb.Helper()
	sents, err := conllu.ReadFile(shared.Path(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	return sents
}

func mustDefault(tb testing.TB) *Model {
	tb.Helper()
	m, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func TestDefaultTagsSentence(t *testing.T) {
	m := mustDefault(t)
	words := strings.Fields("China and the US voted in favor of the resolution .")
	upos, xpos := m.Tag(words)
	wantU := strings.Fields("PROPN CCONJ DET PROPN VERB ADP NOUN ADP DET NOUN PUNCT")
	wantX := strings.Fields("NNP CC DT NNP VBD IN NN IN DT NN .")
	for i := range words {
		if upos[i] != wantU[i] || xpos[i] != wantX[i] {
			t.Errorf("%s: got %s/%s, want %s/%s", words[i], upos[i], xpos[i], wantU[i], wantX[i])
		}
	}
	toks := make([]dyad.Token, len(words))
	for i, w := range words {
		toks[i].Text = w
	}
	m.TagTokens(toks)
	if toks[4].Lemma != "vote" || toks[4].UPOS != "VERB" {
		t.Errorf("voted: got %+v, want lemma vote, UPOS VERB", toks[4])
	}
	if toks[0].Lemma != "China" {
		t.Errorf("China: lemma %q, want China", toks[0].Lemma)
	}
}

// TestTagTokensKnown checks that known tags are kept, that a label the
// model lacks is ignored, and that no known tag leaves TagTokens' output.
func TestTagTokensKnown(t *testing.T) {
	m := mustDefault(t)
	words := strings.Fields("Tokyo extended a yen loan to Bangladesh .")
	toks := func() []dyad.Token {
		ts := make([]dyad.Token, len(words))
		for i, w := range words {
			ts[i].Text = w
		}
		return ts
	}
	plain, none, known := toks(), toks(), toks()
	m.TagTokens(plain)
	m.TagTokensKnown(none, nil)
	m.TagTokensKnown(known, []Known{{UPOS: "PROPN", XPOS: "NNP"}, {UPOS: "NOPE", XPOS: "X"}})
	for i := range words {
		if none[i].UPOS != plain[i].UPOS || none[i].XPOS != plain[i].XPOS {
			t.Errorf("%s: no known tags gave %s/%s, TagTokens %s/%s", words[i], none[i].UPOS, none[i].XPOS, plain[i].UPOS, plain[i].XPOS)
		}
	}
	if known[0].UPOS != "PROPN" || known[0].XPOS != "NNP" || known[0].Lemma != "Tokyo" {
		t.Errorf("Tokyo: got %s/%s lemma %q, want the known PROPN/NNP", known[0].UPOS, known[0].XPOS, known[0].Lemma)
	}
	if known[1].UPOS == "" || known[1].UPOS == "NOPE" {
		t.Errorf("extended: got %q, want the model's own tag for an unknown label", known[1].UPOS)
	}
}

func TestTypographicApostrophes(t *testing.T) {
	m := mustDefault(t)
	ascii := strings.Fields("The minister did n't say it 's over .")
	curly := strings.Fields("The minister did n\u2019t say it \u2019s over .")
	u1, x1 := m.Tag(ascii)
	u2, x2 := m.Tag(curly)
	if strings.Join(u1, " ")+strings.Join(x1, " ") != strings.Join(u2, " ")+strings.Join(x2, " ") {
		t.Errorf("curly apostrophes change the tags: %v %v vs %v %v", u1, x1, u2, x2)
	}
	if u2[3] != "PART" || x2[3] != "RB" {
		t.Errorf("n\u2019t tagged %s/%s, want PART/RB", u2[3], x2[3])
	}
}

func TestTagEdgeCases(t *testing.T) {
	m := mustDefault(t)
	for _, words := range [][]string{nil, {}, {""}, {"\xff\xfe"}, {"a", "", "b"}, strings.Fields(strings.Repeat("very ", 500))} {
		upos, xpos := m.Tag(words)
		if len(upos) != len(words) || len(xpos) != len(words) {
			t.Fatalf("Tag(%d words) returned %d/%d tags", len(words), len(upos), len(xpos))
		}
		for i := range words {
			if upos[i] == "" || xpos[i] == "" {
				t.Errorf("word %d of %q: empty tag", i, words)
			}
		}
	}
}

func TestConcurrentTag(t *testing.T) {
	m := mustDefault(t)
	words := strings.Fields("The minister met his Russian counterpart in Beijing on Tuesday .")
	wantU, _ := m.Tag(words)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 200; k++ {
				u, _ := m.Tag(words)
				if strings.Join(u, " ") != strings.Join(wantU, " ") {
					errs <- strings.Join(u, " ")
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent Tag gave %s, want %s", e, strings.Join(wantU, " "))
	}
}

// TestTrainDeterministic trains a small model twice and checks that Save
// output is byte-identical, and that Read(Save(m)) tags like m.
func TestTrainDeterministic(t *testing.T) {
	sents := readTreebank(t, "data/ud-ewt/train.conllu")[:400]
	save := func() ([]byte, *Model) {
		m, err := Train(sents, TrainOptions{Iterations: 3, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), m
	}
	a, m := save()
	b, _ := save()
	if !bytes.Equal(a, b) {
		t.Fatalf("two training runs differ: %d vs %d bytes", len(a), len(b))
	}
	m2, err := Read(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	if err := m2.Save(&c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, c.Bytes()) {
		t.Errorf("Save(Read(Save(m))) differs from Save(m)")
	}
	dev := readTreebank(t, "data/ud-ewt/dev.conllu")[:200]
	for _, s := range dev {
		u1, x1 := m.Tag(s.Forms())
		u2, x2 := m2.Tag(s.Forms())
		if strings.Join(u1, " ")+strings.Join(x1, " ") != strings.Join(u2, " ")+strings.Join(x2, " ") {
			t.Fatalf("line %d: reloaded model tags differently", s.Line)
		}
	}
	if acc := m.Evaluate(dev); acc.UPOS < 0.75 {
		t.Errorf("tiny model UPOS %.3f on 200 dev sentences, want >= 0.75", acc.UPOS)
	}
	other, err := Train(sents, TrainOptions{Iterations: 3, Seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	var d bytes.Buffer
	other.Save(&d)
	if bytes.Equal(a, d.Bytes()) {
		t.Errorf("a different seed gave an identical model; is the seed used?")
	}
}

func TestTrainNoData(t *testing.T) {
	_, err := Train(nil, TrainOptions{})
	if !errors.Is(err, ErrNoData) {
		t.Errorf("Train(nil) error = %v, want ErrNoData", err)
	}
	_, err = TrainFile(filepath.Join(t.TempDir(), "missing.conllu"), TrainOptions{})
	if err == nil {
		t.Error("TrainFile of a missing file succeeded")
	}
}

func TestReadRejectsCorruption(t *testing.T) {
	var buf bytes.Buffer
	m, err := Train(readTreebank(t, "data/ud-ewt/train.conllu")[:50], TrainOptions{Iterations: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	for _, bad := range [][]byte{nil, []byte("hello"), good[:len(good)/2], append(append([]byte{}, good...), 0)} {
		if _, err := Read(bytes.NewReader(bad)); err == nil {
			t.Errorf("Read accepted %d corrupt bytes", len(bad))
		}
	}
}

// TestAccuracyEWT checks the embedded model against the EWT test set.
func TestAccuracyEWT(t *testing.T) {
	m := mustDefault(t)
	for _, c := range []struct {
		file     string
		minUPOS  float64
		minXPOS  float64
		minLemma float64
	}{
		{"data/ud-ewt/test.conllu", 0.950, 0.940, 0.965},
		{"data/ud-ewt/dev.conllu", 0.945, 0.935, 0.965},
	} {
		a := m.Evaluate(readTreebank(t, c.file))
		t.Logf("%s: UPOS %.2f%% XPOS %.2f%% lemma %.2f%% (%d tokens)", c.file, 100*a.UPOS, 100*a.XPOS, 100*a.Lemma, a.Tokens)
		if a.UPOS < c.minUPOS || a.XPOS < c.minXPOS || a.Lemma < c.minLemma {
			t.Errorf("%s: UPOS %.4f XPOS %.4f lemma %.4f, want >= %.3f, %.3f, %.3f", c.file, a.UPOS, a.XPOS, a.Lemma, c.minUPOS, c.minXPOS, c.minLemma)
		}
	}
}

func TestEmbeddedModelSize(t *testing.T) {
	if len(embedded) > 4<<20 {
		t.Errorf("embedded model is %d bytes, want <= 4 MiB", len(embedded))
	}
}

func BenchmarkTag(b *testing.B) {
	m := mustDefault(b)
	sents := readTreebank(b, "data/ud-ewt/test.conllu")
	forms := make([][]string, len(sents))
	ntok := 0
	for i, s := range sents {
		forms[i] = s.Forms()
		ntok += len(forms[i])
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		for _, f := range forms {
			m.Tag(f)
		}
	}
	cpu := (cputime.Process() - cpu0).Seconds()
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N*len(forms))/sec, "sentences/s")
	b.ReportMetric(float64(b.N*ntok)/sec, "tokens/s")
	if cpu > 0 {
		// Throughput per CPU-second is stable when other jobs share the machine.
		b.ReportMetric(float64(b.N*len(forms))/cpu, "sentences/cpu-s")
	}
	b.ReportMetric(0, "ns/op")
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := decodeModel(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

// tinySentences builds a small synthetic treebank in memory, so that tests
// of the file format need no peer data.
func tinySentences() []*conllu.Sentence {
	rows := [][3]string{{"The", "DET", "DT"}, {"minister", "NOUN", "NN"}, {"met", "VERB", "VBD"},
		{"Wang", "PROPN", "NNP"}, {"in", "ADP", "IN"}, {"Beijing", "PROPN", "NNP"}, {".", "PUNCT", "."}}
	var out []*conllu.Sentence
	for i := 0; i < 30; i++ {
		s := &conllu.Sentence{}
		for j, r := range rows[:3+i%5] {
			s.Words = append(s.Words, conllu.Word{ID: j + 1, Form: r[0], UPOS: r[1], XPOS: r[2]})
		}
		out = append(out, s)
	}
	return out
}

func FuzzRead(f *testing.F) {
	m, err := Train(tinySentences(), TrainOptions{Iterations: 2})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Read(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error %v does not wrap ErrFormat", err)
			}
			return
		}
		m.Tag([]string{"a", "test", "."})
	})
}

// TestGolden tags fixed news sentences with the embedded model and compares
// with testdata/tagged.golden; run with -update after retraining.
func TestGolden(t *testing.T) {
	m := mustDefault(t)
	sents := []string{
		"China and the US voted in favor of the resolution .",
		"Foreign ministers from Pakistan , Iran and Russia met in Beijing on Thursday .",
		"The Taliban have sought recognition but withdrew their demand after talks broke down .",
		"Police fired tear gas as thousands of protesters fled the square .",
	}
	var b strings.Builder
	for _, s := range sents {
		words := strings.Fields(s)
		toks := make([]dyad.Token, len(words))
		for i, w := range words {
			toks[i].Text = w
		}
		m.TagTokens(toks)
		for _, tk := range toks {
			b.WriteString(tk.Text + "\t" + tk.UPOS + "\t" + tk.XPOS + "\t" + tk.Lemma + "\n")
		}
		b.WriteString("\n")
	}
	golden := filepath.Join("testdata", "tagged.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("tagging differs from %s (run with -update after retraining):\n%s", golden, b.String())
	}
}

func TestReadTiny(t *testing.T) {
	m, err := Train(tinySentences(), TrainOptions{Iterations: 3})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	u, x := m2.Tag([]string{"The", "minister", "met", "Wang", "."})
	if got := strings.Join(u, " ") + "|" + strings.Join(x, " "); got != "DET NOUN VERB PROPN PUNCT|DT NN VBD NNP ." {
		t.Errorf("tiny model tags %s", got)
	}
	// Flip every byte in turn: each corruption must give an error or a
	// working model, never a panic.
	data := buf.Bytes()
	for i := range data {
		c := append([]byte(nil), data...)
		c[i] ^= 0x55
		if mm, err := Read(bytes.NewReader(c)); err == nil {
			mm.Tag([]string{"a"})
		} else if !errors.Is(err, ErrFormat) {
			t.Fatalf("byte %d: error %v does not wrap ErrFormat", i, err)
		}
	}
}
