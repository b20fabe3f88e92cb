package dictionary

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

func TestPetrarchCodeRules(t *testing.T) {
	for _, tc := range []struct {
		raw, code string
		valid     bool
	}{
		{"023?", "023", true}, {"025?", "025", true}, {"064:064", "064", true}, {"+++", "", false}, {"075A", "", false},
	} {
		c := parseCode(tc.raw)
		if c.Valid != tc.valid || c.Valid && c.Code != tc.code || c.Raw != tc.raw {
			t.Errorf("parseCode(%q) = %+v, want code %q valid %v", tc.raw, c, tc.code, tc.valid)
		}
	}
	for raw, want := range map[string]bool{"+++": true, "###": true, "---": false, "023": false, "abc": false, "": false} {
		if got := markerCode(raw); got != want {
			t.Errorf("markerCode(%q) = %v, want %v", raw, got, want)
		}
	}
	for m, want := range map[string]string{"memo": "memos", "policy": "policies", "bus": "buses", "tax": "taxs", "trade relation": "trade relations"} {
		if got := petrarchPlural(m); got != want {
			t.Errorf("petrarchPlural(%q) = %q, want %q", m, got, want)
		}
	}
}

func TestPetrarchPatternRules(t *testing.T) {
	p := parsePetrarchPattern(Pos{}, "- * FXLL DIPLOMATIC  [+++]", "")
	if p.Skipped != markerSkip {
		t.Errorf("marker pattern not skipped: %+v", p)
	}
	syn := map[string]*Synset{"&PREP": {Name: "&PREP", Members: []string{"against", "on"}}, "&TIE": {Name: "&TIE", Members: []string{"economic"}}}
	if !prepositionSynset("&PREP", syn) || prepositionSynset("&TIE", syn) {
		t.Error("prepositionSynset")
	}
	q := parsePetrarchPattern(Pos{}, "- * &PREP RESOLUTION  [102]", "")
	if _, why := translatePattern(q, "act", nil, syn); why != whyPrepSyn {
		t.Errorf("translatePattern with a synset of prepositions: why = %q", why)
	}
	if !hasWords(q) || hasWords(parsePetrarchPattern(Pos{}, "- % *  [030]", "")) {
		t.Error("hasWords")
	}
}

func TestTrieJoinedToken(t *testing.T) {
	d := testPetrarch(t)
	toks := []dyad.Token{{Text: "the"}, {Text: "Minas_Tirith"}, {Text: "talks"}}
	ms := d.MatchActors(toks, time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(ms) != 1 || ms[0].Start != 1 || ms[0].End != 2 || ms[0].Code != "GON" {
		t.Fatalf("matches = %+v", ms)
	}
	for _, bad := range []string{"Minas_", "_Tirith", "Minas__Tirith", "Minas_Tirith_X"} {
		toks[1].Text = bad
		if ms := d.MatchActors(toks, time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC)); len(ms) != 0 {
			t.Errorf("%q matched %+v", bad, ms)
		}
	}
}

func TestPetrarchGappedNames(t *testing.T) {
	n, ok := petrarchName(Pos{}, "RADAGAST THE_BROWN")
	if !ok || len(n.Gaps) != 3 || n.Gaps[0] || !n.Gaps[1] || n.Gaps[2] {
		t.Fatalf("RADAGAST THE_BROWN: %+v", n)
	}
	if n, _ := petrarchName(Pos{}, "MINAS_TIRITH"); n.Gaps != nil {
		t.Errorf("MINAS_TIRITH has gaps %v", n.Gaps)
	}
	actors := filepath.Join(t.TempDir(), "actors.txt")
	if err := os.WriteFile(actors, []byte("ITHILEN  [ITH]\nITHILEN TELEVISION  [ITHTV]\nRADAGAST THE_BROWN  [RAD]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := LoadPetrarch(PetrarchFiles{Actors: []string{actors}})
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC)
	words := func(ws ...string) ([]dyad.Token, []int) {
		toks := make([]dyad.Token, len(ws))
		idx := make([]int, len(ws))
		for i, w := range ws {
			toks[i], idx[i] = dyad.Token{Text: w}, i
		}
		return toks, idx
	}
	for _, tc := range []struct {
		words []string
		code  string
	}{
		{[]string{"Ithilen", "state-run", "television"}, "ITHTV"},
		{[]string{"the", "Ithilen", "television"}, "ITHTV"},
		{[]string{"Ithilen", "state-run", "radio"}, ""},
		{[]string{"Radagast", "the", "Brown"}, "RAD"},
		{[]string{"Radagast", "the", "old", "Brown"}, ""}, // THE_BROWN: adjacent
	} {
		toks, idx := words(tc.words...)
		m, ok := d.MatchGapped(toks, idx, date)
		if ok != (tc.code != "") || ok && m.Code != tc.code {
			t.Errorf("MatchGapped(%v) = %+v, %v; want %q", tc.words, m, ok, tc.code)
		}
		// MayStartGapped must never rule out where MatchGapped finds one.
		if ok && !d.MayStartGapped(toks, m.Start) {
			t.Errorf("MayStartGapped(%v, %d) = false where %s starts", tc.words, m.Start, m.Code)
		}
	}
	for _, tc := range []struct {
		words []string
		at    int
		want  bool
	}{
		{[]string{"Ithilen", "state-run", "television"}, 0, true},
		{[]string{"Ithilen", "state-run", "radio"}, 0, false},  // no word of a gapped name after it
		{[]string{"television", "in", "Ithilen"}, 2, false},    // the other words come before it
		{[]string{"Radagast", "the", "old", "Brown"}, 0, true}, // in order, if not adjacent
		{[]string{"Gandalf", "the", "Brown"}, 0, false},
	} {
		toks, _ := words(tc.words...)
		if got := d.MayStartGapped(toks, tc.at); got != tc.want {
			t.Errorf("MayStartGapped(%v, %d) = %v, want %v", tc.words, tc.at, got, tc.want)
		}
	}
}
