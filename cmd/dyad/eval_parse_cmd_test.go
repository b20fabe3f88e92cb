package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
)

const evalSample = `# text = Russia attacked Ukraine.
1	Russia	Russia	PROPN	NNP	_	2	nsubj	_	_
2	attacked	attack	VERB	VBD	_	0	root	_	_
3	Ukraine	Ukraine	PROPN	NNP	_	2	obj	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_

# text = Ukraine was attacked by Russia.
1	Ukraine	Ukraine	PROPN	NNP	_	3	nsubj:pass	_	_
2	was	be	AUX	VBD	_	3	aux:pass	_	_
3	attacked	attack	VERB	VBN	_	0	root	_	_
4	by	by	ADP	IN	_	5	case	_	_
5	Russia	Russia	PROPN	NNP	_	3	obl:agent	_	SpaceAfter=No
6	.	.	PUNCT	.	_	3	punct	_	_
`

func TestEvalParseJSON(t *testing.T) {
	dir := t.TempDir()
	// a directory of two files stands for their concatenation
	for _, n := range []string{"a.conllu", "b.conllu"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(evalSample), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, gold := range []bool{false, true} {
		args := []string{"eval", "parse", "--treebank", dir, "--json"}
		if gold {
			args = append(args, "--gold-tags")
		}
		code, out, errs := runParseCLI(t, "", args...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var got map[string]float64
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("not JSON: %v: %q", err, out)
		}
		for _, k := range []string{"upos", "xpos", "uas", "las", "sentences", "tokens", "sentences_per_sec"} {
			if _, ok := got[k]; !ok {
				t.Errorf("key %q missing in %s", k, out)
			}
		}
		if got["sentences"] != 4 || got["tokens"] != 20 {
			t.Errorf("sentences %v tokens %v, want 4 and 20", got["sentences"], got["tokens"])
		}
		if gold && (got["upos"] != 100 || got["xpos"] != 100) {
			t.Errorf("--gold-tags: upos %v xpos %v, want 100", got["upos"], got["xpos"])
		}
		if got["las"] > got["uas"] || got["uas"] < 50 {
			t.Errorf("implausible scores %s", out)
		}
	}
}

func TestEvalParseTableAndUsage(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.conllu")
	if err := os.WriteFile(p, []byte(evalSample), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runParseCLI(t, "", "eval", "parse", "--treebank", p)
	if code != exitOK || !strings.Contains(out, "LAS") || !strings.Contains(out, "subtype") {
		t.Errorf("exit %d, table %q, stderr %q", code, out, errs)
	}
	for _, args := range [][]string{{"eval", "parse"}, {"eval", "parse", "--treebank", filepath.Join(t.TempDir(), "none")}, {"eval", "parse", "x"}} {
		if code, _, _ := runParseCLI(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.conllu")
	os.WriteFile(bad, []byte("1\tonly\tthree\n"), 0o644)
	code, _, errs = runParseCLI(t, "", "eval", "parse", "--treebank", bad)
	if code != exitError || !strings.Contains(errs, "bad.conllu:1") {
		t.Errorf("malformed treebank: exit %d, stderr %q (want file:line)", code, errs)
	}
}

// TestTrainDeterministic trains twice on a small EWT subset and requires
// byte-identical model files.
func TestTrainDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("training skipped in -short mode")
	}
	bank := shared.Path(t, "data/ud-ewt/train.conllu")
	var files [2][2][]byte
	for i := range files {
		out := t.TempDir()
		code, _, errs := runParseCLI(t, "", "train", "--treebank", bank, "--out", out, "--limit", "300",
			"--folds", "3", "--tag-iterations", "2", "--parse-iterations", "2", "--jobs", "2")
		if code != exitOK {
			t.Fatalf("train exit %d: %s", code, errs)
		}
		if !strings.Contains(errs, "iteration") {
			t.Errorf("no progress lines on stderr: %q", errs)
		}
		for j, f := range []string{"tag/model/tagger.bin", "parse/model/parser.bin"} {
			b, err := os.ReadFile(filepath.Join(out, f))
			if err != nil {
				t.Fatal(err)
			}
			files[i][j] = b
		}
	}
	for j := range files[0] {
		if len(files[0][j]) == 0 || !bytes.Equal(files[0][j], files[1][j]) {
			t.Errorf("model file %d differs between identical trainings", j)
		}
	}
	if code, _, _ := runParseCLI(t, "", "train", "--treebank", bank); code != exitUsage {
		t.Errorf("train without --out: exit %d, want %d", code, exitUsage)
	}
}
