package coder

import (
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dictionary"
)

// TestPetrarchRules checks the coding rules PETRARCH's dictionaries and
// semantics imply, one small hand-built tree per rule, over the
// dictionaries in testdata/petrarch_rules.
func TestPetrarchRules(t *testing.T) {
	dir := "testdata/petrarch_rules/"
	d, err := dictionary.LoadPetrarch(dictionary.PetrarchFiles{Verbs: dir + "verbs.txt",
		Actors: []string{dir + "actors.txt"}, Agents: dir + "agents.txt"})
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.AgentContext, opts.IntentCodes = false, false
	monadic := opts
	monadic.RequireDyad = false
	tests := []struct {
		name string
		opts Options
		spec string
		want string
	}{
		{"a role titles a named actor: first actor plus agent", opts,
			"Bree Bree PROPN 4 compound | Prime prime ADJ 3 amod | Minister minister PROPN 4 compound | Romendacil Romendacil PROPN 5 nsubj | met meet VERB 0 root | Gondor Gondor PROPN 5 obj",
			"BREGOV GON 040"},
		{"a role noun in the phrase beats an unknown name; [023?] codes 023", monadic,
			"the the DET 5 det | official official ADJ 4 amod | news news NOUN 4 compound | agency agency NOUN 5 compound | WFNA WFNA PROPN 6 nsubj | said say VERB 0 root",
			"GOV  023"},
		{"a +++ marker pattern is skipped; a reverse code codes both ways", opts,
			"Arnor Arnor PROPN 2 nsubj | restored restore VERB 0 root | fxll fxll ADJ 5 amod | diplomatic diplomatic ADJ 5 amod | ties tie NOUN 2 obj | with with ADP 7 case | Gondor Gondor PROPN 5 nmod",
			"ARN GON 064;GON ARN 064"},
		{"pattern words match as written: EFFORT is not efforts", opts,
			"Arnor Arnor PROPN 2 nsubj | abandoned abandon VERB 0 root | efforts effort NOUN 2 obj | with with ADP 5 case | Gondor Gondor PROPN 3 nmod",
			"ARN GON 345"},
		{"_ joins adjacent words: a word between breaks the match", opts,
			"Arnor Arnor PROPN 2 nsubj | abandoned abandon VERB 0 root | new new ADJ 6 amod | global global ADJ 6 amod | economic economic ADJ 6 amod | relations relation NOUN 2 obj | with with ADP 8 case | Gondor Gondor PROPN 6 nmod",
			"ARN GON 345"},
		{"_ joins adjacent words, synset in the middle", opts,
			"Arnor Arnor PROPN 2 nsubj | abandoned abandon VERB 0 root | new new ADJ 5 amod | economic economic ADJ 5 amod | relations relation NOUN 2 obj | with with ADP 7 case | Gondor Gondor PROPN 5 nmod",
			"ARN GON 903"},
		{"pattern words anywhere after the verb; target from the that-clause", opts,
			"Arnor Arnor PROPN 2 nsubj | allowed allow VERB 0 root | that that SCONJ 8 mark | Gondor Gondor PROPN 8 nsubj | is be AUX 8 cop | a a DET 8 det | really really ADV 7 advmod | pleasant pleasant ADJ 8 amod | place place NOUN 2 ccomp",
			"ARN GON 024"},
		{"% before the verb: a compound subject acting on each other", opts,
			"Philippines Philippines PROPN 4 nsubj | and and CCONJ 3 cc | France France PROPN 1 conj | agree agree VERB 0 root",
			"FRA PHL 030;PHL FRA 030"},
		{"% after the verb: each member of a compound is a target", opts,
			"Arnor Arnor PROPN 2 nsubj | agrees agree VERB 0 root | with with ADP 4 case | Philippines Philippines PROPN 2 obl | and and CCONJ 6 cc | France France PROPN 4 conj",
			"ARN FRA 031;ARN PHL 031"},
		{"a % pattern needs a compound", opts,
			"Arnor Arnor PROPN 2 nsubj | agrees agree VERB 0 root | with with ADP 4 case | Gondor Gondor PROPN 2 obl",
			"ARN GON 081"},
		{"a multiword verb with its block's pattern", opts,
			"Arnor Arnor PROPN 2 nsubj | cordoned cordon VERB 0 root | off off ADP 5 case | for for ADP 5 case | construction construction NOUN 2 obl | Gondor Gondor PROPN 2 obj",
			"ARN GON 071"},
		{"a pronoun's antecedent is the subject of its governing clause", opts,
			"Ethiopia Ethiopia PROPN 2 nsubj | indicated indicate VERB 0 root | it it PRON 4 nsubj | deplored deplore VERB 2 ccomp | Libya Libya PROPN 4 obj",
			"ETH LBY 123"},
		{"the first actor after the verb, whatever the parse made of the phrase", opts,
			"Arnor Arnor PROPN 2 nsubj | contributed contribute VERB 0 root | a a DET 4 det | million million NUM 5 nsubj | rupees rupee VERB 2 ccomp | to to ADP 7 case | Gondor Gondor PROPN 5 obl",
			"ARN GON 071"},
		{"a synset member's plural matches", opts,
			"Arnor Arnor PROPN 2 nsubj | contributed contribute VERB 0 root | ports port NOUN 2 obj | to to ADP 5 case | Gondor Gondor PROPN 2 obl",
			"ARN GON 903"},
		{"a token joined with _ matches the words it joins", opts,
			"Arnor Arnor PROPN 2 nsubj | met meet VERB 0 root | the the DET 4 det | Prince Prince PROPN 2 obj | of of ADP 6 case | Dol_Amroth Dol_Amroth PROPN 4 nmod",
			"ARN DOL 040"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := New(d, nil, tc.opts)
			doc := &dyad.Document{ID: "r", Date: time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC), Sentences: []dyad.Sentence{parsedSentence(t, tc.spec)}}
			res, err := c.CodeDocument(doc)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(triples(res.Events), ";"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
