package lemma

import (
	_ "embed"
	"fmt"
	"strings"
)

// ewtLemmas is derived from the UD English Web Treebank training set
// (CC BY-SA 4.0) by TestGenerateTables. Lines are tab-separated:
// "V lemma", "N lemma", "A lemma" (known verb, noun and adjective/adverb
// lemmas), "C Lemma" (capitalised adjective lemmas such as American) and
// "E form xpos lemma" (forms the rules get wrong).
//
//go:embed ewt-lemmas.txt
var ewtLemmas string

// newsLemmas holds the project's own additions for news text, read after
// ewtLemmas (see news-lemmas.txt).
//
//go:embed news-lemmas.txt
var newsLemmas string

type lemmaTables struct {
	verbs, nouns, adjs map[string]bool
	capAdjs            map[string]string // lowercase → capitalised adjective lemma
	exceptions         map[string]string // "form\txpos" → lemma
}

var tables = mustParseTables(ewtLemmas + "\n" + newsLemmas)

func mustParseTables(data string) *lemmaTables {
	t, err := parseTables(data)
	if err != nil {
		// The file is embedded and checked by the tests; fall back to the
		// rules alone rather than failing at init.
		t, _ = parseTables("")
	}
	return t
}

// parseTables reads the derived-table format; errors carry the line number.
func parseTables(data string) (*lemmaTables, error) {
	t := &lemmaTables{verbs: map[string]bool{}, nouns: map[string]bool{}, adjs: map[string]bool{},
		capAdjs: map[string]string{}, exceptions: map[string]string{}}
	for i, line := range strings.Split(data, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		bad := func() error { return fmt.Errorf("lemma: ewt-lemmas.txt:%d: malformed line %q", i+1, line) }
		switch {
		case len(f) == 2 && f[0] == "V":
			t.verbs[f[1]] = true
		case len(f) == 2 && f[0] == "N":
			t.nouns[f[1]] = true
		case len(f) == 2 && f[0] == "A":
			t.adjs[f[1]] = true
		case len(f) == 2 && f[0] == "C":
			t.capAdjs[strings.ToLower(f[1])] = f[1]
		case len(f) == 4 && f[0] == "E":
			t.exceptions[f[1]+"\t"+f[2]] = f[3]
		default:
			return nil, bad()
		}
	}
	return t, nil
}
