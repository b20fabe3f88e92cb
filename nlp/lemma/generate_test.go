package lemma

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
)

var update = flag.Bool("update", false, "regenerate ewt-lemmas.txt from EWT train")

func isLowerWord(s string) bool {
	if s == "" || s == "_" {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || r == '-' || r == '\'') {
			return false
		}
	}
	return true
}

// deriveTables builds the ewt-lemmas.txt content from a training treebank.
func deriveTables(sents []*conllu.Sentence) string {
	var lines []string
	seen := map[string]bool{}
	add := func(l string) {
		if !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	// Capitalised adjective lemmas (American) count when they are seen at
	// least twice and more often than the lowercase lemma.
	capCount := map[string]int{}
	lowerAdj := map[string]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			if w.UPOS == "ADJ" {
				lowerAdj[w.Lemma]++
			}
		}
	}
	for _, s := range sents {
		for _, w := range s.Words {
			switch w.UPOS {
			case "VERB", "AUX":
				if isLowerWord(w.Lemma) {
					add("V\t" + w.Lemma)
				}
			case "NOUN":
				if isLowerWord(w.Lemma) {
					add("N\t" + w.Lemma)
				}
			case "ADJ", "ADV":
				if isLowerWord(w.Lemma) {
					add("A\t" + w.Lemma)
				} else if w.UPOS == "ADJ" && w.Lemma == w.Form && w.Lemma != "" && 'A' <= w.Lemma[0] && w.Lemma[0] <= 'Z' && isLowerWord(strings.ToLower(w.Lemma)) {
					capCount[w.Lemma]++
				}
			}
		}
	}
	var caps []string
	for l, n := range capCount {
		if n >= 2 && n > lowerAdj[strings.ToLower(l)] {
			caps = append(caps, l)
		}
	}
	slices.Sort(caps)
	for _, l := range caps {
		add("C\t" + l)
	}
	lex, err := parseTables(strings.Join(lines, "\n"))
	if err != nil {
		panic(err)
	}
	saved := tables
	tables = lex
	defer func() { tables = saved }()
	// Count the gold lemmas of each (lowercase form, xpos) pair and how often
	// the rules already produce the majority lemma.
	type key struct{ form, xpos string }
	gold := map[key]map[string]int{}
	total := map[key]int{}
	var keys []key
	for _, s := range sents {
		for _, w := range s.Words {
			if w.Lemma == "" || w.Lemma == "_" || strings.ContainsAny(w.Form, "\t\n") || strings.ContainsAny(w.Lemma, "\t\n") {
				continue
			}
			k := key{toLower(w.Form), w.XPOS}
			if gold[k] == nil {
				gold[k] = map[string]int{}
				keys = append(keys, k)
			}
			total[k]++
			gold[k][w.Lemma]++
		}
	}
	right := map[key]int{}
	best := map[key]string{}
	for _, k := range keys {
		b, bn := "", 0
		for l, n := range gold[k] {
			if n > bn || (n == bn && l < b) {
				b, bn = l, n
			}
		}
		if bn >= 2 && 2*bn > total[k] {
			best[k] = b
		}
	}
	for _, s := range sents {
		for _, w := range s.Words {
			k := key{toLower(w.Form), w.XPOS}
			if b, ok := best[k]; ok && Lemma(w.Form, w.UPOS, w.XPOS) == b {
				right[k]++
			}
		}
	}
	for _, k := range keys {
		if b, ok := best[k]; ok && 2*right[k] < total[k] {
			lines = append(lines, "E\t"+k.form+"\t"+k.xpos+"\t"+b)
		}
	}
	slices.SortFunc(lines, func(a, b string) int { return cmp.Compare(a, b) })
	return "# Derived from UD English EWT train.conllu (CC BY-SA 4.0) by\n" +
		"# go test ./nlp/lemma -run TestGenerateTables -update\n" + strings.Join(lines, "\n") + "\n"
}

// TestGenerateTables checks that the embedded ewt-lemmas.txt is what the
// current rules derive from EWT train, and rewrites it with -update.
func TestGenerateTables(t *testing.T) {
	sents, err := conllu.ReadFile(shared.Path(t, "data/ud-ewt/train.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	got := deriveTables(sents)
	if *update {
		if err := os.WriteFile("ewt-lemmas.txt", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote ewt-lemmas.txt (%d bytes)", len(got))
		return
	}
	if got != ewtLemmas {
		t.Errorf("ewt-lemmas.txt is stale (%d bytes, derived %d); run go test ./nlp/lemma -run TestGenerateTables -update", len(ewtLemmas), len(got))
	}
}

var _ = fmt.Sprint
