package coder

import (
	"sort"
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
	tests := []petrarchRuleTest{
		{"a role titles a named actor: first actor plus agent", opts,
			"Bree Bree PROPN 4 compound | Prime prime ADJ 3 amod | Minister minister PROPN 4 compound | Romendacil Romendacil PROPN 5 nsubj | met meet VERB 0 root | Gondor Gondor PROPN 5 obj",
			"BREGOV GON 040"},
		{"a role noun in the phrase beats an unknown name; [023?] codes 023", monadic,
			"the the DET 5 det | official official ADJ 4 amod | news news NOUN 4 compound | agency agency NOUN 5 compound | WFNA WFNA PROPN 6 nsubj | said say VERB 0 root | on on ADP 8 case | Thursday Thursday PROPN 6 obl",
			"GOV  023"},
		{"no target: a noun phrase after the verb is needed", monadic,
			"the the DET 3 det | official official ADJ 3 amod | agency agency NOUN 4 nsubj | said say VERB 0 root | today today NOUN 4 obl:unmarked",
			""},
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
	runPetrarchRules(t, d, tests)
}

type petrarchRuleTest struct {
	name string
	opts Options
	spec string
	want string
}

func runPetrarchRules(t *testing.T, d *dictionary.Dictionary, tests []petrarchRuleTest) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := New(d, nil, tc.opts)
			doc := &dyad.Document{ID: "r", Date: time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC), Sentences: []dyad.Sentence{parsedSentence(t, tc.spec)}}
			res, err := c.CodeDocument(doc)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(petrarchTriples(res.Events), ";"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// petrarchTriples renders events as triples, a new actor as its quoted
// upper-case words (PETRARCH's notation).
func petrarchTriples(evs []dyad.Event) []string {
	var out []string
	name := func(a dyad.Actor) string {
		if a.Code == "" && a.Text != "" {
			return `"` + strings.ToUpper(a.Text) + `"`
		}
		return a.Code
	}
	for _, e := range evs {
		out = append(out, name(e.Source)+" "+name(e.Target)+" "+e.CAMEO)
	}
	sort.Strings(out)
	return out
}

// TestPetrarchRulesMore checks the rules that copy PETRARCH's reading of
// noun phrases, verb phrases, comma clauses and patterns.
func TestPetrarchRulesMore(t *testing.T) {
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
	comma := monadic
	comma.Comma = CommaOptions{Min: 2, Max: 8, EMin: 2, EMax: 8}
	passive := opts
	passive.PassiveByOnly = true
	newActors := opts
	newActors.NewActorLength = 4
	once := opts
	once.VerbPhraseOnce = true
	const saidClause = "Arnor Arnor PROPN 2 nsubj | met meet VERB 0 root | Gondor Gondor PROPN 2 obj | , , PUNCT 8 punct | a a DET 7 det | Bree Bree PROPN 7 compound | official official NOUN 8 nsubj | said say VERB 2 parataxis | on on ADP 10 case | Thursday Thursday PROPN 8 obl | . . PUNCT 2 punct"
	const leaving = "Arnor Arnor PROPN 2 nsubj | celebrated celebrate VERB 0 root | Iftar Iftar PROPN 2 obj | in in ADP 5 case | Bree Bree PROPN 2 obl | with with ADP 7 case | Gondor Gondor PROPN 2 obl | after after SCONJ 9 mark | leaving leave VERB 2 advcl | Libya Libya PROPN 9 obj"
	const philippines = "The the DET 2 det | Philippines Philippines PROPN 4 nsubj:pass | was be AUX 4 aux:pass | criticized criticize VERB 0 root VBN | over over ADP 7 case | its its PRON 7 nmod:poss | dispute dispute NOUN 4 obl | with with ADP 9 case | Libya Libya PROPN 7 nmod"
	tests := []petrarchRuleTest{
		{"a verb form takes its own block: LEFT, not LEAVE", opts,
			"Arnor Arnor PROPN 2 nsubj | left leave VERB 0 root | for for ADP 4 case | Gondor Gondor PROPN 2 obl",
			"ARN GON 032;GON ARN 033"},
		{"a noun phrase: first actor plus every agent, before and after", opts,
			"An a DET 4 det | MSF MSF PROPN 4 compound | Arnor Arnor PROPN 4 compound | diplomat diplomat NOUN 5 nsubj | met meet VERB 0 root | Gondor Gondor PROPN 5 obj",
			"NGOARNGOV GON 040"},
		{"a role of a list of countries is each country's", opts,
			"The the DET 2 det | ambassadors ambassador NOUN 9 nsubj | of of ADP 4 case | Arnor Arnor PROPN 2 nmod | , , PUNCT 6 punct | Bree Bree PROPN 4 conj | and and CCONJ 8 cc | Gondor Gondor PROPN 4 conj | met meet VERB 0 root | Libya Libya PROPN 9 obj",
			"ARNGOV LBY 040;BREGOV LBY 040;GONGOV LBY 040"},
		{"a place after coordinated roles places each of them", opts,
			"Lawmakers lawmaker NOUN 6 nsubj | and and CCONJ 3 cc | officials official NOUN 1 conj | in in ADP 5 case | Arnor Arnor PROPN 1 nmod | met meet VERB 0 root | Libya Libya PROPN 6 obj",
			"ARNGOV LBY 040;ARNLEG LBY 040"},
		{"^ skips a noun phrase", opts,
			"Arnor Arnor PROPN 2 nsubj | celebrated celebrate VERB 0 root | Iftar Iftar PROPN 2 obj | in in ADP 5 case | Bree Bree PROPN 2 obl | with with ADP 8 case | the the DET 8 det | leaders leader NOUN 2 obl | of of ADP 10 case | Gondor Gondor PROPN 8 nmod",
			"ARN GON 045"},
		{"^ ^ skips a role: the target is its country alone", opts,
			"Arnor Arnor PROPN 2 nsubj | celebrated celebrate VERB 0 root | Iftar Iftar PROPN 2 obj | at at ADP 5 case | Bree Bree PROPN 2 obl | with with ADP 8 case | the the DET 8 det | parliament parliament NOUN 2 obl | of of ADP 10 case | Gondor Gondor PROPN 8 nmod | in in ADP 12 case | Libya Libya PROPN 10 nmod",
			"ARN GON 044"},
		{"VerbPhraseOnce: no verb inside a coded verb phrase is coded", once, leaving, "ARN GON 045"},
		{"without VerbPhraseOnce the inner verb codes too", opts, leaving, "ARN GON 045;ARN LBY 012"},
		{"of two subjects not listed, the first", opts,
			"Arnor Arnor PROPN 2 compound | centre centre NOUN 6 nsubj | of of ADP 4 case | talks talk NOUN 2 nmod | Libya Libya PROPN 6 nsubj | met meet VERB 0 root | Gondor Gondor PROPN 6 obj",
			"ARN GON 040"},
		{"without comma options the final clause codes", monadic, saidClause, "ARN GON 040;BREGOV  023"},
		{"a final comma clause of 2 to 8 words is deleted", comma, saidClause, "ARN GON 040"},
		{"passive without a by-phrase: no source", opts, philippines, ""},
		{"PassiveByOnly: the subject of an agentless passive is the source", passive, philippines, "PHL LBY 121"},
		{"a coded target before an uncoded one", monadic,
			"Arnor Arnor PROPN 2 nsubj | met meet VERB 0 root | Gxndor Gxndor PROPN 2 obj | near near ADP 5 case | Libya Libya PROPN 2 obl",
			"ARN LBY 040"},
		{"new actors: an uncoded noun phrase with its of-phrase", newActors,
			"The the DET 2 det | Ministry Ministry PROPN 5 nsubj | of of ADP 4 case | Magic Magic PROPN 2 nmod | met meet VERB 0 root | Gondor Gondor PROPN 5 obj",
			`"THE MINISTRY OF MAGIC" GON 040`},
		{"a name written with a space matches with words between", opts,
			"Arnor Arnor PROPN 2 nsubj | met meet VERB 0 root | Ithilen Ithilen PROPN 5 compound | state-run state-run ADJ 5 amod | television television NOUN 2 obj",
			"ARN ITHTV 040"},
		{"a target before the verb: the source is the clause's first actor", opts,
			"Gondor Gondor PROPN 3 nmod:poss | 's 's PART 1 case | official official NOUN 4 nsubj | noted note VERB 0 root | that that SCONJ 7 mark | Libya Libya PROPN 7 nsubj | regretted regret VERB 4 ccomp",
			"GONGOV LBY 115"},
		{"a role noun after the verb is the target when no actor is", opts,
			"Arnor Arnor PROPN 3 nsubj | arrested arrest VERB 3 amod VBD | students student NOUN 4 nsubj | today today NOUN 0 root",
			"ARN EDU 212"},
		{"a noun with a clause of an -ing verb is its subject", opts,
			"Arnor Arnor PROPN 2 nsubj | saw see VERB 0 root | Libya Libya PROPN 4 compound | crowds crowd NOUN 2 obj | burning burn VERB 4 acl VBG | Gondor Gondor PROPN 5 obj",
			"LBY GON 222"},
	}
	runPetrarchRules(t, d, tests)
}
