package train

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
	"github.com/dyad-events/dyad/nlp/tag"
)

func smallTreebank(t *testing.T, n int) []*conllu.Sentence {
	t.Helper()
	s, err := conllu.ReadFile(shared.Path(t, "data/ud-ewt/train.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	return s[:n]
}

func TestJackknifeKeepsTreesAndIgnoresJobs(t *testing.T) {
	sents := smallTreebank(t, 200)
	opts := tag.TrainOptions{Iterations: 2, Seed: 3}
	a, err := Jackknife(sents, 4, 1, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Jackknife(sents, 4, 2, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(sents) {
		t.Fatalf("%d sentences back, want %d", len(a), len(sents))
	}
	changed, total := 0, 0
	for i, s := range sents {
		for j, w := range s.Words {
			x, y := a[i].Words[j], b[i].Words[j]
			if x.Form != w.Form || x.Head != w.Head || x.Deprel != w.Deprel {
				t.Fatalf("sentence %d word %d: tree or form changed", i, j)
			}
			if x.UPOS != y.UPOS || x.XPOS != y.XPOS {
				t.Fatalf("sentence %d word %d: tags depend on jobs", i, j)
			}
			if x.UPOS == "" || x.XPOS == "" {
				t.Fatalf("sentence %d word %d: no predicted tag", i, j)
			}
			total++
			if x.UPOS != w.UPOS {
				changed++
			}
		}
		if &a[i].Words[0] == &s.Words[0] {
			t.Fatal("Jackknife modified the input sentences in place")
		}
	}
	// Held-out tagging of a tiny treebank must make some mistakes; a
	// tagger that saw the fold would be nearly perfect.
	if changed == 0 {
		t.Errorf("jackknifed tags equal gold on all %d words: folds leak", total)
	}
	if float64(changed) > 0.5*float64(total) {
		t.Errorf("%d of %d jackknifed tags wrong: tagging is broken", changed, total)
	}
}

func TestTrainAndWriteModels(t *testing.T) {
	if testing.Short() {
		t.Skip("training skipped in -short mode")
	}
	sents := smallTreebank(t, 150)
	ms, err := Train(sents, Options{Folds: 2, TagIterations: 1, ParseIterations: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := WriteModels(dir, ms); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{TaggerFile, ParserFile} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || len(b) == 0 {
			t.Fatalf("%s: %v (%d bytes)", f, err, len(b))
		}
	}
	var buf bytes.Buffer
	if err := ms.Parser.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := Train(nil, Options{}); err == nil {
		t.Error("Train(nil) succeeded")
	}
}
