package coder

import (
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// ruleCase is one hand-built document for a coding rule: its sentences in
// parsedSentence notation and the events it must give.
type ruleCase struct {
	name  string
	date  string
	sents []string
	want  []string
	opts  func(*Options)
	check func(t *testing.T, evs []dyad.Event)
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := DefaultOptions()
			if tc.opts != nil {
				tc.opts(&o)
			}
			c := testCoder(t, o)
			date, _ := time.Parse("2006-01-02", tc.date)
			doc := &dyad.Document{ID: tc.name, Date: date}
			for _, spec := range tc.sents {
				s := parsedSentence(t, spec)
				s.Index = len(doc.Sentences)
				doc.Sentences = append(doc.Sentences, s)
			}
			res, err := c.CodeDocument(doc)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(triples(res.Events), ";"); got != strings.Join(tc.want, ";") {
				t.Fatalf("events = %v, want %v", triples(res.Events), tc.want)
			}
			if tc.check != nil {
				tc.check(t, res.Events)
			}
		})
	}
}

// TestTreeRepairs covers the repairs of the parser's systematic errors
// (repair.go).
func TestTreeRepairs(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "past verb read as an adjective of the root noun", date: "2022-03-28",
			sents: []string{"The the DET 2 det | US US PROPN 3 nsubj | eased ease VERB 4 amod VBN | sanctions sanction NOUN 0 root NNS | on on ADP 6 case | Afghanistan Afghanistan PROPN 4 nmod | . . PUNCT 4 punct"},
			want:  []string{"USA AFG 085"}},
		{name: "subject and verb both read as adjectives", date: "2022-03-01",
			sents: []string{"Moscow Moscow VERB 3 amod VBN | attacked attack VERB 3 amod VBN | Kyiv Kyiv PROPN 0 root"},
			want:  []string{"RUSGOV UKRGOV 190"}},
		{name: "subjunctive read as a noun phrase", date: "2023-05-01",
			sents: []string{"China China PROPN 2 nsubj | demanded demand VERB 0 root VBD | that that SCONJ 2 dep | Russia Russia PROPN 7 compound | extradite extradite NOUN 7 compound NN | Kurdish Kurdish ADJ 7 amod | militants militant NOUN 2 dep NNS"},
			want:  []string{"CHN RUS 100"}},
		{name: "subject read as an adverb", date: "2022-03-01",
			sents: []string{"Moscow Moscow ADV 2 advmod RB | attacked attack VERB 0 root VBN | Kyiv Kyiv PROPN 2 obj"},
			want:  []string{"RUSGOV UKRGOV 190"}},
		{name: "a referring it read as an expletive", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | said say VERB 0 root | it it PRON 5 expl | was be AUX 5 cop | willing willing ADJ 2 ccomp | to to PART 7 mark | meet meet VERB 5 xcomp | France France PROPN 7 obj"},
			want:  []string{"RUS FRA 030"}},
		{name: "prepared to: the subject's readiness, not a passive", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | said say VERB 0 root | it it PRON 5 nsubj:pass | was be AUX 5 aux:pass | prepared prepare VERB 2 ccomp VBN | to to PART 7 mark | meet meet VERB 5 xcomp | France France PROPN 7 obj"},
			want:  []string{"RUS FRA 030"}},
		{name: "split infinitive: the adverb read as the verb", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | pledged pledge VERB 0 root | to to PART 4 mark | sharply sharply VERB 2 xcomp | end end VERB 10 acl VB | the the DET 7 det | war war NOUN 5 obj | in in ADP 9 case | Ukraine Ukraine PROPN 7 nmod | . . PUNCT 2 punct"},
			want:  []string{"RUS UKR 0356"}},
		{name: "a clause on the last noun of the root's phrase", date: "2022-03-01",
			sents: []string{"Thousands thousand NOUN 0 root NNS | of of ADP 4 case | French French ADJ 4 amod | students student NOUN 1 nmod NNS | and and CCONJ 7 cc | their they PRON 7 nmod:poss | supporters supporter NOUN 4 conj NNS | rallied rally VERB 7 acl VBD | against against ADP 10 case | Russia Russia PROPN 8 obl"},
			want:  []string{"FRAEDU RUS 141"}},
		{name: "a pattern's subject slot reads through a count of people", date: "2022-03-01",
			sents: []string{"Tens ten NOUN 7 nsubj NNS | of of ADP 3 case | thousands thousand NOUN 1 nmod NNS | of of ADP 6 case | French French ADJ 6 amod | protesters protester NOUN 3 nmod NNS | marched march VERB 0 root VBD | against against ADP 9 case | Russia Russia PROPN 7 obl"},
			want:  []string{"FRAOPP RUS 141"}},
		{name: "an active subject read as a passive one", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj:pass | attacked attack VERB 0 root VBD | Ukraine Ukraine PROPN 2 obj"},
			want:  []string{"RUS UKR 190"}},
		{name: "a clause read as the subject's modifier", date: "2022-03-01",
			sents: []string{"Russian Russian ADJ 2 amod | troops troops NOUN 4 nsubj NNS | killed kill VERB 2 acl VBD | hundreds hundred NOUN 0 root NNS | of of ADP 7 case | Ukrainian Ukrainian ADJ 7 amod | people people NOUN 4 nmod"},
			want:  []string{"RUSMIL UKRCVL 202"}},
		{name: "verb read as an adjective of a noun listed after the root", date: "2022-03-01",
			sents: []string{"France France PROPN 0 root | warned warn VERB 3 amod VBD | Russia Russia PROPN 1 list | of of ADP 5 case | consequences consequence NOUN 3 nmod NNS"},
			want:  []string{"FRA RUS 130"}},
		{name: "count read as a phrase of its own", date: "2022-03-28",
			sents: []string{"Russia Russia PROPN 2 nsubj | sent send VERB 0 root | aid aid NOUN 2 obj | to to ADP 5 case | 20,000 20,000 NUM 2 obl | Ukrainian Ukrainian ADJ 7 amod | people people NOUN 2 obl"},
			want:  []string{"RUS UKRCVL 073"}},
		{name: "infinitive read as a prepositional phrase", date: "2022-03-28",
			sents: []string{"The the DET 2 det | US US PROPN 3 nsubj | decided decide VERB 0 root VBD | to to ADP 6 case IN | ease ease NOUN 6 compound NN | sanctions sanction NOUN 3 obl NNS | on on ADP 8 case | Afghanistan Afghanistan PROPN 6 nmod"},
			want:  []string{"USA AFG 085"},
			check: func(t *testing.T, evs []dyad.Event) {
				if evs[0].Modality != dyad.ModalityAsserted {
					t.Errorf("a decision reported as taken is the act: modality %q", evs[0].Modality)
				}
			}},
	})
}

// TestReducedRelativeFrames checks the frame of a participle modifying a
// noun with a by-agent: passive, the noun its logical object, and not
// asserted when the noun is "alleged".
func TestReducedRelativeFrames(t *testing.T) {
	for _, tc := range []struct {
		spec     string
		modality string
	}{
		{"crimes crime NOUN 0 root NNS | committed commit VERB 1 acl VBN | by by ADP 4 case | Russia Russia PROPN 2 obl:agent", "asserted"},
		{"alleged allege ADJ 2 amod JJ | crimes crime NOUN 0 root NNS | committed commit VERB 2 acl VBN | by by ADP 5 case | Russia Russia PROPN 3 obl:agent", dyad.ModalityHypothetical},
	} {
		s := parsedSentence(t, tc.spec)
		tr := newTree(s.Tokens)
		p := len(s.Tokens) - 3 // "committed"
		f := tr.frameOf(p)
		if !f.passive || !f.reduced || len(f.agent) != 1 || len(f.subj) != 1 || f.subj[0] != p-1 || f.modality != tc.modality {
			t.Errorf("%s: frame passive %v reduced %v agent %v subj %v modality %q, want passive, reduced, the noun, %q",
				tc.spec, f.passive, f.reduced, f.agent, f.subj, f.modality, tc.modality)
		}
	}
}

// TestRepairLeavesAdjectives checks that real participle adjectives, with
// no subject before them, are left alone.
func TestRepairLeavesAdjectives(t *testing.T) {
	for _, spec := range []string{
		"Afghanistan Afghanistan PROPN 4 nmod:poss | 's 's PART 1 case | frozen freeze VERB 4 amod VBN | assets asset NOUN 0 root NNS",
		"the the DET 3 det | revised revise VERB 3 amod VBN | version version NOUN 0 root NN",
		"went go VERB 0 root VBD | to to ADP 4 case IN | trade trade NOUN 4 compound NN | talks talk NOUN 1 obl NNS",
		// a verb in the noun's clause: "aid" is a noun here
		"China China PROPN 2 nsubj | demanded demand VERB 0 root VBD | that that SCONJ 8 mark | Russia Russia PROPN 6 compound | aid aid NOUN 6 compound NN | convoys convoy NOUN 8 nsubj:pass NNS | be be AUX 8 aux:pass | allowed allow VERB 2 ccomp VBN",
	} {
		s := parsedSentence(t, spec)
		tr := newTree(s.Tokens)
		tr.verbs = func(string) bool { return true }
		tr.repair(nil)
		if len(tr.repairs) > 0 {
			t.Errorf("%s: repaired %v", spec, tr.repairs)
		}
	}
}

// TestActorRules covers who counts as an actor: role nouns given a
// country, domestic dyads, media audiences and coordinated adjectives.
func TestActorRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "domestic dyad with a guessed country", date: "2022-03-01",
			sents: []string{"Russian Russian ADJ 2 amod | police police NOUN 3 nsubj | arrested arrest VERB 0 root | protesters protester NOUN 3 obj"},
			want:  []string{"RUSCOP RUSOPP 173"}},
		{name: "a state does not act on its own guessed organ", date: "2022-03-28",
			sents: []string{"China China PROPN 2 nsubj | received receive VERB 0 root | the the DET 4 det | delegation delegation NOUN 2 obj"},
			want:  nil},
		{name: "both countries only guessed", date: "2022-03-01",
			sents: []string{
				"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | Moscow Moscow PROPN 1 conj | met meet VERB 0 root",
				"Protesters protester NOUN 2 nsubj | attacked attack VERB 0 root | police police NOUN 2 obj"},
			want: []string{"RUS RUSGOV 040", "RUSGOV RUS 040"}},
		{name: "country of the place the sentence names", date: "2022-03-01",
			sents: []string{"Protesters protester NOUN 2 nsubj | attacked attack VERB 0 root | police police NOUN 2 obj | in in ADP 5 case | Kyiv Kyiv PROPN 2 obl"},
			want:  []string{"UKROPP UKRCOP 190"}},
		{name: "foreign roles get no guessed country", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | expelled expel VERB 0 root | foreign foreign ADJ 4 amod | journalists journalist NOUN 2 obj"},
			want:  nil},
		{name: "a role with no country is no actor", date: "2022-03-01",
			sents: []string{"Foreign foreign ADJ 2 amod | troops troops NOUN 3 nsubj | attacked attack VERB 0 root | Kyiv Kyiv PROPN 3 obj"},
			want:  nil},
		{name: "the media audience is no target", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | told tell VERB 0 root | reporters reporter NOUN 2 obj"},
			want:  nil},
		{name: "coordinated country adjectives", date: "2022-03-01",
			sents: []string{"Russian Russian ADJ 4 amod | and and CCONJ 3 cc | Ukrainian Ukrainian ADJ 1 conj | negotiators negotiator NOUN 5 nsubj | met meet VERB 0 root"},
			want:  []string{"RUSGOV UKRGOV 040", "UKRGOV RUSGOV 040"}},
		{name: "a role merged with a possessor of another noun", date: "2022-03-28",
			sents: []string{"China China PROPN 2 nsubj | received receive VERB 0 root | the the DET 4 det | ambassadors ambassador NOUN 2 obj | of of ADP 8 case | Afghanistan Afghanistan PROPN 8 nmod:poss | 's 's PART 6 case | neighbours neighbour NOUN 4 nmod"},
			want:  nil},
		{name: "the victims of a participle clause", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | Ukrainian Ukrainian ADJ 4 amod | towns town NOUN 2 obj | , , PUNCT 6 punct | killing kill VERB 2 advcl VBG | hundreds hundred NOUN 6 obj | of of ADP 9 case | people people NOUN 7 nmod"},
			want:  []string{"RUS UKR 190", "RUS UKRCVL 202"}},
		{name: "a capital's suburbs are a place", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | Kyiv Kyiv PROPN 5 nmod:poss | 's 's PART 3 case | suburbs suburb NOUN 2 obj"},
			want:  []string{"RUS UKR 190"}},
		{name: "the subject's own envoy is not the target; the country posted to is", date: "2021-09-17",
			sents: []string{"France France PROPN 2 nsubj | recalled recall VERB 0 root | its its PRON 4 nmod:poss | ambassador ambassador NOUN 2 obj | to to ADP 6 case | Australia Australia PROPN 4 nmod"},
			want:  []string{"FRA AUS 161"},
			check: func(t *testing.T, evs []dyad.Event) {
				if len(evs) > 0 && evs[0].Source.Code != "FRA" {
					t.Errorf("source %s", evs[0].Source.Code)
				}
			}},
		{name: "a state acting on its own forces is no dyad", date: "2022-02-27",
			sents: []string{"Russia Russia PROPN 2 nsubj | put put VERB 0 root | its its PRON 5 nmod:poss | nuclear nuclear ADJ 5 amod | forces force NOUN 2 obj | on on ADP 8 case | high high ADJ 8 amod | alert alert NOUN 2 obl"},
			want:  nil},
		{name: "its forces are the subject's, not the place's", date: "2022-02-27",
			sents: []string{
				"Ukraine Ukraine PROPN 2 nsubj | protested protest VERB 0 root",
				"Russia Russia PROPN 2 nsubj | deployed deploy VERB 0 root | its its PRON 4 nmod:poss | troops troops NOUN 2 obj | in in ADP 6 case | Ukraine Ukraine PROPN 4 nmod"},
			want: []string{"RUS UKR 150"},
			check: func(t *testing.T, evs []dyad.Event) {
				for _, e := range evs {
					if e.Target.Code == "UKRMIL" || e.Source.Code == "UKRMIL" {
						t.Errorf("%s %s %s: Russia's troops read as Ukraine's", e.Source.Code, e.Target.Code, e.CAMEO)
					}
				}
			}},
		{name: "what one warns against is not done", date: "2023-05-02",
			sents: []string{"China China PROPN 2 nsubj | warned warn VERB 0 root | the the DET 5 det | United United ADJ 5 amod | States States PROPN 2 obj | against against SCONJ 7 mark | sending send VERB 2 advcl | warships warship NOUN 7 obj | to to ADP 10 case | Japan Japan PROPN 7 obl"},
			want:  []string{"CHN USA 130"}},
		{name: "a tribute goes to its to-phrase, not to an actor further on", date: "2023-10-10",
			sents: []string{"Biden Biden PROPN 2 nsubj | paid pay VERB 0 root | tribute tribute NOUN 2 obj | to to ADP 6 case | the the DET 6 det | victims victim NOUN 2 obl | of of ADP 10 case | the the DET 10 det | Hamas Hamas PROPN 10 compound | attack attack NOUN 6 nmod"},
			want:  nil},
		{name: "Western roles are no country's, nor a province called Western", date: "2023-05-02",
			sents: []string{"Russia Russia PROPN 2 nsubj | confiscated confiscate VERB 0 root | the the DET 4 det | assets asset NOUN 2 obj | of of ADP 7 case | Western western ADJ 7 amod | companies company NOUN 4 nmod"},
			want:  nil},
		{name: "an adverb spelt like a verb heads nothing", date: "2022-03-30",
			sents: []string{"Russia Russia PROPN 2 nsubj | pulled pull VERB 0 root | its its PRON 4 nmod:poss | troops troops NOUN 2 obj | back back ADV 2 advmod | from from ADP 7 case | Kyiv Kyiv PROPN 2 obl"},
			want:  nil},
		{name: "a capital naming a building is its country", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | the the DET 6 det | Kabul Kabul PROPN 6 compound | Serena Serena PROPN 6 compound | Hotel Hotel PROPN 2 obj"},
			want:  []string{"RUS AFG 190"}},
	})
}

// TestRoleWordsThatAreNoActors checks role nouns used as adjectives of
// acts and inside proper names.
func TestRoleWordsThatAreNoActors(t *testing.T) {
	c := testCoder(t, DefaultOptions())
	s := parsedSentence(t, "China China PROPN 2 nsubj | condemned condemn VERB 0 root | military military ADJ 4 amod | cooperation cooperation NOUN 2 obj | military military ADJ 6 amod | targets target NOUN 2 obj")
	tr := newTree(s.Tokens)
	if !c.roleAdjective(tr, &Mention{Start: 2, End: 3, Head: 2}) {
		t.Error(`"military cooperation": the role word is an adjective of an act`)
	}
	if c.roleAdjective(tr, &Mention{Start: 4, End: 5, Head: 4}) {
		t.Error(`"military targets": the targets belong to the military`)
	}
	s = parsedSentence(t, "talks talk NOUN 0 root | in in ADP 4 case | the the DET 4 det | Hall Hall PROPN 1 nmod | of of ADP 7 case | the the DET 7 det | People people PROPN 4 nmod")
	tr = newTree(s.Tokens)
	if !inProperName(tr, &Mention{Start: 6, End: 7, Head: 6}) {
		t.Error(`"the Great Hall of the People": a word of a name`)
	}
}

// TestTargetRules covers where targets are found and where they are not.
func TestTargetRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "gerund clause hung on the object", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | accused accuse VERB 0 root | the the DET 4 det | US US PROPN 2 obj | of of ADP 6 mark | spying spy VERB 4 acl VBG"},
			want:  []string{"CHN USA 1125"}},
		{name: "an as-phrase is a predicate, not a target", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | condemned condemn VERB 0 root | the the DET 4 det | strike strike NOUN 2 obj | as as ADP 7 case | a a DET 7 det | violation violation NOUN 2 obl | of of ADP 10 case | Ukrainian Ukrainian ADJ 10 amod | airspace airspace NOUN 7 nmod"},
			want:  nil},
		{name: "a place where a named act happens is a venue", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | demanded demand VERB 0 root | a a DET 4 det | ceasefire ceasefire NOUN 2 obj | in in ADP 6 case | Gaza Gaza PROPN 4 nmod"},
			want:  nil},
		{name: "sanctions on X name X", date: "2022-03-01",
			sents: []string{"The the DET 2 det | US US PROPN 3 nsubj | slapped slap VERB 0 root | sanctions sanction NOUN 3 obj | on on ADP 6 case | Russia Russia PROPN 4 nmod"},
			want:  []string{"USA RUS 163"}},
		{name: "an actor in a clause on the object", date: "2022-03-28",
			sents: []string{"The the DET 2 det | US US PROPN 3 nsubj | eased ease VERB 0 root | sanctions sanction NOUN 3 obj | that that PRON 6 nsubj | crippled cripple VERB 4 acl:relcl | the the DET 9 det | Afghan Afghan ADJ 9 amod | economy economy NOUN 6 obj"},
			want:  []string{"USA AFG 085"}},
		{name: "a statement's topic further along its clause", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | expressed express VERB 0 root | doubts doubt NOUN 2 obj | about about ADP 6 case | the the DET 6 det | tasks task NOUN 3 nmod | set set VERB 2 conj VBN | out out ADP 7 compound:prt | in in ADP 12 case | the the DET 12 det | UN UN PROPN 12 compound | mandate mandate NOUN 7 obl"},
			want:  []string{"CHN IGOUNO 012"}},
		{name: "a statement is made to someone, not for someone", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | explained explain VERB 0 root | its its PRON 4 nmod:poss | position position NOUN 2 obj | for for ADP 8 case | a a DET 8 det | UN UN PROPN 8 compound | presence presence NOUN 2 obl"},
			want:  nil},
		{name: "a place stands for its country as target", date: "2022-11-11",
			sents: []string{"Russian Russian ADJ 2 amod | forces forces NOUN 3 nsubj | withdrew withdraw VERB 0 root | from from ADP 5 case | Kherson Kherson PROPN 3 obl"},
			want:  []string{"RUSMIL UKR 0874"}},
		{name: "the host of the meeting attended", date: "2022-03-28",
			sents: []string{"China China PROPN 3 nsubj | will will AUX 3 aux | host host VERB 0 root | a a DET 5 det | meeting meeting NOUN 3 obj | that that PRON 9 nsubj:pass | will will AUX 9 aux | be be AUX 9 aux:pass | attended attend VERB 5 acl:relcl | by by ADP 13 case | a a DET 13 det | Taliban Taliban PROPN 13 compound | delegation delegation NOUN 9 obl:agent | . . PUNCT 3 punct"},
			want:  []string{"AFGGOVTAL CHN 036"}},
		{name: "an object shared with the next verb", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | shelled shell VERB 0 root | and and CCONJ 4 cc | occupied occupy VERB 2 conj | Kyiv Kyiv PROPN 4 obj"},
			want:  []string{"RUS UKRGOV 192", "RUS UKRGOV 194"}},
		{name: "a symmetric act across a border is mutual", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | Ukraine Ukraine PROPN 1 conj | exchanged exchange VERB 0 root | fire fire NOUN 4 obj | across across ADP 9 case | the the DET 9 det | Gaza Gaza PROPN 9 compound | border border NOUN 4 obl"},
			want:  []string{"RUS UKR 193", "UKR RUS 193"}},
		{name: "striking a truce is mutual", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | China China PROPN 1 conj | struck strike VERB 0 root | a a DET 6 det | truce truce NOUN 4 obj"},
			want:  []string{"CHN RUS 057", "RUS CHN 057"}},
		{name: "welcoming a truce is not", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | China China PROPN 1 conj | welcomed welcome VERB 0 root | the the DET 6 det | truce truce NOUN 4 obj"},
			want:  nil},
	})
}

// TestEventNounRules covers which verbs hand their subject to the event
// noun they take.
func TestEventNounRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "a light verb's subject does the act", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | launched launch VERB 0 root | an a DET 4 det | attack attack NOUN 2 obj | on on ADP 6 case | Ukraine Ukraine PROPN 4 nmod"},
			want:  []string{"RUS UKR 190"}},
		{name: "another verb's subject does not", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | investigated investigate VERB 0 root | the the DET 4 det | attack attack NOUN 2 obj | on on ADP 6 case | Ukraine Ukraine PROPN 4 nmod"},
			want:  nil},
		{name: "the object of a coded complement is not coded again", date: "2022-03-01",
			sents: []string{"The the DET 2 det | US US PROPN 3 nsubj | threatened threaten VERB 0 root | to to PART 5 mark | impose impose VERB 3 xcomp | sanctions sanction NOUN 5 obj | on on ADP 8 case | Russia Russia PROPN 6 nmod"},
			want:  []string{"USA RUS 1312"}},
		{name: "a planned act is not coded", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nmod:poss | 's 's PART 1 case | planned planned ADJ 4 amod | visit visit NOUN 7 nsubj:pass | to to ADP 6 case | Ukraine Ukraine PROPN 4 nmod | cancelled cancel VERB 0 root"},
			want:  nil},
	})
}

// TestModalityRules covers acts asked for, charged, conditional or
// possible, which are not coded, and the future seen from the past.
func TestModalityRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "what a request asks for is not done", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | urged urge VERB 0 root | Russia Russia PROPN 2 obj | to to PART 5 mark | attack attack VERB 2 xcomp | Ukraine Ukraine PROPN 5 obj"},
			want:  []string{"CHN RUS 020"}},
		{name: "a call's infinitive parsed on the verb is still asked for", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | ignored ignore VERB 0 root | Russia Russia PROPN 5 nmod:poss | 's 's PART 3 case | calls call NOUN 2 obj | to to PART 7 mark | attack attack VERB 2 advcl | Ukraine Ukraine PROPN 7 obj"},
			want:  []string{"CHN RUS 120"}},
		{name: "what a vetoed resolution says is not done", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | vetoed veto VERB 0 root | a a DET 5 det | French French ADJ 5 amod | resolution resolution NOUN 2 obj | condemning condemn VERB 2 xcomp VBG | China China PROPN 6 obj"},
			want:  []string{"RUS FRA 129"}},
		{name: "nor with the clause parsed on the resolution", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | vetoed veto VERB 0 root | a a DET 5 det | French French ADJ 5 amod | resolution resolution NOUN 2 obj | condemning condemn VERB 5 acl VBG | China China PROPN 6 obj"},
			want:  []string{"RUS FRA 129"}},
		{name: "what a proposal proposes names no target of considering it", date: "2022-03-01",
			sents: []string{"China China PROPN 3 nsubj | is be AUX 3 aux | considering consider VERB 0 root | a a DET 5 det | proposal proposal NOUN 3 obj | to to PART 7 mark | send send VERB 5 acl | aid aid NOUN 7 obj | to to ADP 10 case | Russia Russia PROPN 7 obl"},
			want:  nil},
		{name: "a proposal's infinitive after its by-phrase is still proposed", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | rejected reject VERB 0 root | a a DET 4 det | proposal proposal NOUN 2 obj | by by ADP 6 case | France France PROPN 2 obl:agent | to to PART 8 mark | attack attack VERB 2 advcl | Russia Russia PROPN 8 obj"},
			want:  nil},
		{name: "what an accusation claims is not asserted", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | denied deny VERB 0 root | accusations accusation NOUN 2 obj | by by ADP 5 case | France France PROPN 3 nmod | that that SCONJ 9 mark | Russian Russian ADJ 8 amod | troops troops NOUN 9 nsubj | attacked attack VERB 3 acl | Ukraine Ukraine PROPN 9 obj"},
			want:  []string{"RUS FRA 016"}},
		{name: "what an accusation charges is not asserted", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | accused accuse VERB 0 root | Ukraine Ukraine PROPN 2 obj | of of ADP 5 mark | attacking attack VERB 2 advcl VBG | Kyiv Kyiv PROPN 5 obj"},
			want:  []string{"RUS UKR 112"}},
		{name: "being expected to is an intention, not a request", date: "2022-03-01",
			sents: []string{"China China PROPN 3 nsubj:pass | is be AUX 3 aux:pass | expected expect VERB 0 root | to to PART 5 mark | meet meet VERB 3 xcomp | Russia Russia PROPN 5 obj"},
			want:  []string{"CHN RUS 036"}},
		{name: "a possible act is not coded", date: "2022-03-01",
			sents: []string{"China China PROPN 3 nsubj | could could AUX 3 aux | attack attack VERB 0 root | Russia Russia PROPN 3 obj"},
			want:  nil},
		{name: "unless asked for", date: "2022-03-01",
			sents: []string{"China China PROPN 3 nsubj | could could AUX 3 aux | attack attack VERB 0 root | Russia Russia PROPN 3 obj"},
			opts:  func(o *Options) { o.Hypothetical = true },
			want:  []string{"CHN RUS 190"}},
		{name: "a present tense in a time clause under a past one is still to come", date: "2023-05-01",
			sents: []string{"China China PROPN 2 nsubj | demanded demand VERB 0 root VBD | that that SCONJ 5 mark | Russia Russia PROPN 5 nsubj | extradite extradite VERB 2 ccomp VB | militants militant NOUN 5 obj NNS | before before SCONJ 9 mark | France France PROPN 9 nsubj | ratifies ratify VERB 2 advcl VBZ | Russia Russia PROPN 12 nmod:poss | 's 's PART 10 case | membership membership NOUN 9 obj NN"},
			want:  []string{"CHN RUS 100"}},
		{name: "the complement's object decides the code (xobj)", date: "2023-05-01",
			sents: []string{"France France PROPN 2 nsubj | refused refuse VERB 0 root VBD | to to PART 4 mark | send send VERB 2 xcomp VB | weapons weapon NOUN 4 obj NNS | to to ADP 7 case | Ukraine Ukraine PROPN 4 obl"},
			want:  []string{"FRA UKR 1222"}},
		{name: "xobj with a phrase", date: "2023-05-01",
			sents: []string{"France France PROPN 2 nsubj | refused refuse VERB 0 root VBD | to to PART 4 mark | send send VERB 2 xcomp VB | fighter fighter NOUN 6 compound NN | jets jet NOUN 4 obj NNS | to to ADP 8 case | Ukraine Ukraine PROPN 4 obl"},
			want:  []string{"FRA UKR 1222"}},
		{name: "another object leaves the complement's generic code", date: "2023-05-01",
			sents: []string{"France France PROPN 2 nsubj | refused refuse VERB 0 root VBD | to to PART 4 mark | send send VERB 2 xcomp VB | aid aid NOUN 4 obj NN | to to ADP 7 case | Ukraine Ukraine PROPN 4 obl"},
			want:  []string{"FRA UKR 122"}},
		{name: "the purpose of a planned act is planned", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | agreed agree VERB 0 root | to to PART 4 mark | meet meet VERB 2 xcomp | France France PROPN 4 obj | to to PART 7 mark | attack attack VERB 4 advcl | Ukraine Ukraine PROPN 7 obj"},
			want:  []string{"RUS FRA 036", "RUS UKR 190"},
			check: func(t *testing.T, evs []dyad.Event) {
				for _, e := range evs {
					if e.CAMEO == "190" && e.Modality != dyad.ModalityIntended {
						t.Errorf("the attack is the purpose of a planned meeting: modality %q, want intended", e.Modality)
					}
				}
			}},
		{name: "a condition is not an act", date: "2022-03-01",
			sents: []string{"If if SCONJ 3 mark | Russia Russia PROPN 3 nsubj | attacks attack VERB 8 advcl | Ukraine Ukraine PROPN 3 obj | , , PUNCT 3 punct | China China PROPN 8 nsubj | will will AUX 8 aux | condemn condemn VERB 0 root | Russia Russia PROPN 8 obj"},
			want:  []string{"CHN RUS 111"}},
		{name: "would in a reported clause is the future", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | said say VERB 0 root | Russia Russia PROPN 5 nsubj | would would AUX 5 aux | attack attack VERB 2 ccomp | Ukraine Ukraine PROPN 5 obj"},
			want:  []string{"RUS UKR 190"},
			check: func(t *testing.T, evs []dyad.Event) {
				if evs[0].Modality != dyad.ModalityIntended {
					t.Errorf("modality = %q, want intended", evs[0].Modality)
				}
			}},
		{name: "a bounding time does not date the act", date: "2022-03-28",
			sents: []string{"Beijing Beijing PROPN 3 nsubj | has have AUX 3 aux | strengthened strengthen VERB 0 root | ties tie NOUN 3 obj | with with ADP 7 case | the the DET 7 det | Taliban Taliban PROPN 4 nmod | since since ADP 9 case | August August PROPN 3 obl | 2021 2021 NUM 9 nummod | . . PUNCT 3 punct"},
			want:  []string{"CHNGOV AFGGOVTAL 050"}},
	})
}

// TestCoreferenceRules covers "the draft", "like China", possessives in
// acts against someone, and "a neighbouring country" named next.
func TestCoreferenceRules(t *testing.T) {
	resolution := "The the DET 5 det | UN UN PROPN 5 compound | Security Security PROPN 5 compound | Council Council PROPN 5 compound | resolution resolution NOUN 6 nsubj | passed pass VERB 0 root | . . PUNCT 6 punct"
	runRuleCases(t, []ruleCase{
		{name: "the draft and like", date: "2022-03-28",
			sents: []string{resolution, "Moscow Moscow PROPN 6 nsubj | , , PUNCT 4 punct | like like ADP 4 case | China China PROPN 6 obl | , , PUNCT 4 punct | denounced denounce VERB 0 root | the the DET 8 det | draft draft NOUN 6 obj | . . PUNCT 6 punct"},
			want:  []string{"CHN IGOUNO 111", "RUSGOV IGOUNO 111"}},
		{name: "its in an act against someone", date: "2022-03-28",
			sents: []string{resolution, "Moscow Moscow PROPN 2 nsubj | opposed oppose VERB 0 root | the the DET 4 det | draft draft NOUN 2 obj | and and CCONJ 6 cc | denounced denounce VERB 2 conj | its its PRON 8 nmod:poss | emphasis emphasis NOUN 6 obj | . . PUNCT 2 punct"},
			want:  []string{"RUSGOV IGOUNO 110", "RUSGOV IGOUNO 111"}},
		{name: "an object pronoun is not its verb's subject", date: "2022-03-01",
			sents: []string{"Ukraine Ukraine PROPN 2 nsubj | condemned condemn VERB 0 root | Russia Russia PROPN 2 obj | , , PUNCT 5 punct | accusing accuse VERB 2 advcl VBG | it it PRON 5 obj"},
			want:  []string{"UKR RUS 111", "UKR RUS 112"}},
		{name: "nor anything of the subject's phrase", date: "2022-03-01",
			sents: []string{"Russian Russian ADJ 2 amod | forces forces NOUN 3 nsubj | attacked attack VERB 0 root | it it PRON 3 obj"},
			want:  nil},
		{name: "a neighbouring country named in the next sentence", date: "2022-03-01",
			sents: []string{
				"Russia Russia PROPN 3 nmod:poss | 's 's PART 1 case | invasion invasion NOUN 8 nsubj | of of ADP 7 case | a a DET 7 det | neighbouring neighbour VERB 7 amod VBG | country country NOUN 3 nmod | failed fail VERB 0 root | . . PUNCT 8 punct",
				"Ukraine Ukraine PROPN 2 nsubj | resisted resist VERB 0 root"},
			want: []string{"RUS UKR 192"}},
	})
}

// TestMoreRepairsAndTargets covers the repairs of stray subjects, root
// nouns with a clause and adjective-tagged verbs, and further target
// rules.
func TestMoreRepairsAndTargets(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "a prepositional phrase made the subject of a noun", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | spoke speak VERB 0 root | by by ADP 4 case | phone phone NOUN 2 obl | with with ADP 6 case | China China PROPN 8 nsubj | on on ADP 8 case | Friday Friday PROPN 2 obl"},
			want:  []string{"RUS CHN 041"}},
		{name: "a root noun with its verb as a clause", date: "2022-03-01",
			sents: []string{"Russian Russian ADJ 2 amod | troops troops NOUN 0 root | seized seize VERB 2 acl VBN | Kyiv Kyiv PROPN 3 obl | . . PUNCT 2 punct"},
			want:  []string{"RUSMIL UKRGOV 192"}},
		{name: "a verb tagged an adjective", date: "2022-03-01",
			sents: []string{"Chinese Chinese ADJ 2 amod | officials official NOUN 4 nsubj | voiced voiced ADJ 4 amod JJ | doubts doubt NOUN 0 root NNS | about about ADP 6 case | Russia Russia PROPN 4 nmod"},
			want:  []string{"CHNGOV RUS 012"}},
		{name: "two heads of one name are one subject", date: "2022-03-01",
			sents: []string{"Wang Wang NOUN 3 nsubj | Yi Yi PROPN 3 nsubj | met meet VERB 0 root | Russia Russia PROPN 3 obj"},
			want:  []string{"CHNGOV RUS 040"}},
		{name: "a member of a named organisation", date: "2022-03-01",
			sents: []string{"A a DET 2 det | bomber bomber NOUN 9 nsubj | from from ADP 8 case | the the DET 8 det | Islamic Islamic PROPN 8 compound | State State PROPN 8 compound | Khorasan Khorasan PROPN 8 compound | Province Province PROPN 2 nmod | attacked attack VERB 0 root | Kabul Kabul PROPN 9 obj"},
			want:  []string{"IMGISK AFGGOV 190"}},
		{name: "a capital deep in a building's name", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | the the DET 6 det | Kabul Kabul PROPN 5 compound | Serena Serena PROPN 6 compound | Hotel Hotel PROPN 2 obj"},
			want:  []string{"RUS AFG 190"}},
		{name: "the content clause of a hope", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | voiced voice VERB 0 root | hope hope NOUN 2 obj | that that SCONJ 7 mark | talks talk NOUN 7 nsubj | would would AUX 7 aux | bring bring VERB 3 ccomp | peace peace NOUN 7 obj | to to ADP 10 case | Ukraine Ukraine PROPN 7 obl"},
			want:  []string{"CHN UKR 013"}},
		{name: "a statement's content names no target", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | explained explain VERB 0 root | a a DET 4 det | plan plan NOUN 2 obj | that that PRON 6 nsubj | helps help VERB 4 acl:relcl | Ukraine Ukraine PROPN 6 obj"},
			want:  nil},
		{name: "an actor in a clause's time phrase", date: "2022-03-28",
			sents: []string{"The the DET 2 det | US US PROPN 3 nsubj | eased ease VERB 0 root | sanctions sanction NOUN 3 obj | imposed impose VERB 4 acl VBN | after after ADP 7 case | attacks attack NOUN 5 obl | by by ADP 9 case | Russia Russia PROPN 7 nmod"},
			want:  nil},
		{name: "a role noun naming the medium is no actor", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | Ukraine Ukraine PROPN 2 obj",
				"Russia Russia PROPN 2 nsubj | condemned condemn VERB 0 root | France France PROPN 2 obj",
				"Vladimir Vladimir PROPN 2 compound | Putin Putin PROPN 3 nsubj | declared declare VERB 0 root | martial martial ADJ 5 amod | law law NOUN 3 obj | in in ADP 9 case | a a DET 9 det | television television NOUN 9 compound | address address NOUN 3 obl"},
			want: []string{"RUS FRA 111", "RUS UKR 190"}},
		{name: "what talks are about is not done", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | France France PROPN 1 conj | met meet VERB 0 root | for for ADP 6 case | talks talk NOUN 4 obl | on on SCONJ 8 mark | ending end VERB 4 advcl VBG | the the DET 10 det | war war NOUN 8 obj | in in ADP 12 case | Ukraine Ukraine PROPN 8 obl"},
			want:  []string{"FRA RUS 040", "RUS FRA 040"}},
		{name: "coordinated adjectives act with each other, not with the topic", date: "2022-03-01",
			sents: []string{"Russian Russian ADJ 4 amod | and and CCONJ 3 cc | French French ADJ 1 conj | negotiators negotiator NOUN 5 nsubj | resumed resume VERB 0 root | talks talk NOUN 5 obj | on on ADP 9 case | the the DET 9 det | future future NOUN 6 nmod | of of ADP 11 case | Ukraine Ukraine PROPN 9 nmod"},
			want:  []string{"FRAGOV RUSGOV 046", "RUSGOV FRAGOV 046"}},
		{name: "what is given in exchange names no target", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | freed free VERB 0 root | French French ADJ 4 amod | hostages hostage NOUN 2 obj | in in ADP 6 case | exchange exchange NOUN 4 nmod | for for ADP 9 case | Russian Russian ADJ 9 amod | prisoners prisoner NOUN 4 nmod"},
			want:  []string{"CHN FRA 0841"}},
		{name: "an abbreviated country coordinated with an adjective", date: "2022-03-01",
			sents: []string{"US US PROPN 5 nsubj | and and CCONJ 4 cc | French French ADJ 4 amod | troops troops NOUN 1 conj | attacked attack VERB 0 root | Russia Russia PROPN 5 obj"},
			want:  []string{"FRAMIL RUS 190", "USAMIL RUS 190"}},
		{name: "each other: each side to the other", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | Ukraine Ukraine PROPN 1 conj | condemned condemn VERB 0 root | each each DET 4 obj | other other ADJ 5 fixed"},
			want:  []string{"RUS UKR 111", "UKR RUS 111"}},
		{name: "each other's role nouns", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | France France PROPN 1 conj | expelled expel VERB 0 root | each each DET 8 det | other other ADJ 5 fixed | 's 's PART 5 case | ambassadors ambassador NOUN 4 obj"},
			want:  []string{"FRA RUS 174", "RUS FRA 174"}},
		{name: "troops a state deploys are its own", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | deployed deploy VERB 0 root | troops troops NOUN 2 obj NNS | in in ADP 5 case | Kherson Kherson PROPN 2 obl"},
			want:  []string{"RUS UKR 150"}},
		{name: "a clause on a span of time shares the main subject", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | Ukraine Ukraine PROPN 2 obj | two two NUM 5 nummod | days day NOUN 2 obl | after after SCONJ 7 mark | condemning condemn VERB 5 acl VBG | France France PROPN 7 obj"},
			want:  []string{"RUS FRA 111", "RUS UKR 190"}},
		{name: "their talks: each with the other", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | France France PROPN 1 conj | sat sit VERB 0 root | for for ADP 7 case | their they PRON 7 nmod:poss | talks talk NOUN 4 obl"},
			want:  []string{"FRA RUS 046", "RUS FRA 046"}},
		{name: "a state's troops sent, with no agent: the state sent them", date: "2022-03-01",
			sents: []string{"French French ADJ 2 amod | troops troops NOUN 4 nsubj:pass | were be AUX 4 aux:pass | sent send VERB 0 root VBN | to to ADP 6 case | Ukraine Ukraine PROPN 4 obl"},
			want:  []string{"FRAMIL UKR 154"}},
		{name: "a reduced passive relative: the agent did it to the noun", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | freed free VERB 0 root | French French ADJ 4 amod | hostages hostage NOUN 2 obj | in in ADP 6 case | exchange exchange NOUN 4 nmod | for for ADP 9 case | Russian Russian ADJ 9 amod | prisoners prisoner NOUN 4 nmod | released release VERB 9 acl VBN | by by ADP 12 case | Ukraine Ukraine PROPN 10 obl:agent"},
			want:  []string{"CHN FRA 0841", "UKR RUS 0841"}},
		{name: "a role noun naming a kind of activity is no actor", date: "2022-03-01",
			sents: []string{"France France PROPN 2 nsubj | condemned condemn VERB 0 root | military military ADJ 4 amod | activity activity NOUN 2 obj | in in ADP 6 case | Kherson Kherson PROPN 4 nmod"},
			want:  nil},
		{name: "a place name inside an actor's name is no place target", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | sent send VERB 0 root | weapons weapon NOUN 2 obj | , , PUNCT 5 punct | equipment equipment NOUN 10 dep | to to ADP 9 case | the the DET 9 det | Kherson Kherson PROPN 9 compound | Brigade Brigade PROPN 5 nmod | . . PUNCT 2 punct"},
			want:  nil},
		{name: "the people counted are the actor", date: "2022-03-01",
			sents: []string{"France France PROPN 2 nsubj | sent send VERB 0 root | aid aid NOUN 2 obj | to to ADP 5 case | tens ten NOUN 2 obl NNS | of of ADP 7 case | thousands thousand NOUN 5 nmod NNS | of of ADP 10 case | Ukrainian Ukrainian ADJ 10 amod | people people NOUN 7 nmod"},
			want:  []string{"FRA UKRCVL 073"}},
		{name: "a date names no target, nor what the parser hung on it", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | freed free VERB 0 root | hostages hostage NOUN 2 obj | on on ADP 5 case | Thursday Thursday PROPN 2 obl | , , PUNCT 7 punct | France France PROPN 5 appos | said say VERB 2 advcl"},
			want:  nil},
		{name: "the toll of an act is not another act", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | shelled shell VERB 0 root | Kyiv Kyiv PROPN 2 obj | , , PUNCT 5 punct | wounding wound VERB 2 advcl VBG | Ukrainian Ukrainian ADJ 7 amod | soldiers soldier NOUN 5 obj NNS"},
			want:  []string{"RUS UKRGOV 194"}},
		{name: "unless it is mass killing", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | shelled shell VERB 0 root | Kyiv Kyiv PROPN 2 obj | , , PUNCT 5 punct | killing kill VERB 2 advcl VBG | Ukrainian Ukrainian ADJ 7 amod | people people NOUN 5 obj NNS"},
			want:  []string{"RUS UKRCVL 202", "RUS UKRGOV 194"}},
		{name: "role nouns at an organisation are its members", date: "2022-03-01",
			sents: []string{"Judges judge NOUN 5 nsubj NNS | at at ADP 4 case | the the DET 4 det | UN UN PROPN 1 nmod | condemned condemn VERB 0 root | Russia Russia PROPN 5 obj"},
			want:  []string{"IGOUNO RUS 111"}},
		{name: "a protest's demand is what it is for", date: "2022-03-01",
			sents: []string{"French French ADJ 2 amod | protesters protester NOUN 3 nsubj NNS | rallied rally VERB 0 root VBD | against against ADP 5 case | Russia Russia PROPN 3 obl | , , PUNCT 7 punct | demanding demand VERB 3 advcl VBG | Russia Russia PROPN 10 nmod:poss | 's 's PART 8 case | resignation resignation NOUN 7 obj"},
			want:  []string{"FRAOPP RUS 1411"}},
		{name: "a demand on a verb that coded no protest stays a demand", date: "2022-03-01",
			sents: []string{"French French ADJ 2 amod | soldiers soldier NOUN 3 nsubj NNS | gathered gather VERB 0 root VBD | , , PUNCT 5 punct | demanding demand VERB 3 advcl VBG | Russia Russia PROPN 8 nmod:poss | 's 's PART 6 case | resignation resignation NOUN 5 obj"},
			want:  []string{"FRAMIL RUS 1041"}},
		{name: "a subjectless finite verb does not borrow the main clause's subject", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | condemned condemn VERB 0 root | France France PROPN 2 obj | after after ADP 5 case | floods flood NOUN 2 obl NNS | killed kill VERB 2 advcl VBD | Ukrainian Ukrainian ADJ 8 amod | people people NOUN 6 obj"},
			want:  []string{"RUS FRA 111"}},
		{name: "a purpose on a span of time shares the main subject", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | shelled shell VERB 0 root | Kyiv Kyiv PROPN 2 obj | for for ADP 6 case | two two NUM 6 nummod | days day NOUN 2 obl NNS | to to PART 8 mark | condemn condemn VERB 6 acl | France France PROPN 8 obj"},
			want:  []string{"RUS FRA 111", "RUS UKRGOV 194"}},
		{name: "a sponsor in a hyphenated modifier is no target", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | a a DET 7 det | US US PROPN 6 compound | - - PUNCT 4 punct | run run NOUN 7 compound | base base NOUN 2 obj"},
			want:  nil},
		{name: "nor a sponsor the tree hangs on the object", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | a a DET 7 det | France France PROPN 7 compound | - - PUNCT 4 punct | backed back VERB 7 amod | convoy convoy NOUN 2 obj"},
			want:  nil},
		{name: "a count of troops a state deploys in a participle clause", date: "2022-03-01",
			sents: []string{"France France PROPN 2 nsubj | condemned condemn VERB 0 root | Russia Russia PROPN 2 obj | , , PUNCT 5 punct | deploying deploy VERB 2 advcl VBG | thousands thousand NOUN 5 obj NNS | of of ADP 8 case | troops troops NOUN 6 nmod NNS | in in ADP 10 case | Kherson Kherson PROPN 5 obl"},
			want:  []string{"FRA RUS 111", "FRA UKR 150"}},
		{name: "a threat is aimed at whom its condition names", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | threatened threaten VERB 0 root | to to PART 4 mark | impose impose VERB 2 xcomp | sanctions sanction NOUN 4 obj NNS | if if SCONJ 8 mark | France France PROPN 8 nsubj | joined join VERB 4 advcl VBD"},
			want:  []string{"RUS FRA 1312"}},
		{name: "what talks on the noun are about is not done", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | welcomed welcome VERB 0 root VBD | the the DET 5 det | French French ADJ 5 amod | talks talk NOUN 2 obj NNS | on on SCONJ 7 mark | ending end VERB 5 acl VBG | the the DET 9 det | war war NOUN 7 obj | in in ADP 11 case | Ukraine Ukraine PROPN 7 obl"},
			want:  []string{"RUS FRA 051"}},
		{name: "a recovered subject is the coded modifier of the noun before the verb", date: "2022-03-01",
			sents: []string{"France France PROPN 2 nsubj | condemned condemn VERB 0 root | Ukraine Ukraine PROPN 2 obj | as as SCONJ 7 mark | Russian Russian ADJ 6 amod | missiles missile NOUN 2 obl NNS | shelled shell VERB 2 advcl VBD | Kyiv Kyiv PROPN 7 obj"},
			want:  []string{"FRA UKR 111", "RUS UKRGOV 194"}},
		{name: "troops a state offers to deploy are its own", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | offered offer VERB 0 root VBD | to to PART 4 mark | deploy deploy VERB 2 xcomp VB | troops troops NOUN 4 obj NNS | in in ADP 7 case | Kherson Kherson PROPN 4 obl"},
			want:  []string{"RUS UKR 150"}},
		{name: "a swap goes both ways", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | Ukraine Ukraine PROPN 1 conj | swapped swap VERB 0 root | prisoners prisoner NOUN 4 obj"},
			want:  []string{"RUS UKR 0841", "UKR RUS 0841"}},
		{name: "parties to a deal rather than its subject matter", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | China China PROPN 1 conj | signed sign VERB 0 root | a a DET 6 det | deal deal NOUN 4 obj | that that PRON 8 nsubj | covers cover VERB 6 acl:relcl | Ukraine Ukraine PROPN 8 obj"},
			want:  []string{"CHN RUS 061", "RUS CHN 061"}},
		{name: "an appeal's beneficiary is not its addressee", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | called call VERB 0 root | for for ADP 5 case | the the DET 5 det | release release NOUN 2 obl | of of ADP 8 case | Russia Russia PROPN 8 nmod:poss | assets asset NOUN 5 nmod"},
			want:  nil},
		{name: "a named country before other places", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | sent send VERB 0 root | aid aid NOUN 2 obj | to to ADP 5 case | Termez Termez PROPN 2 obl | and and CCONJ 7 cc | Kazakhstan Kazakhstan PROPN 5 conj"},
			want:  []string{"RUS KAZ 073"}},
		{name: "a place an act is near is no target", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | a a DET 4 det | car car NOUN 2 obj | outside outside ADP 6 case | Kherson Kherson PROPN 2 obl"},
			want:  nil},
		{name: "a place an act is in is", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | a a DET 4 det | car car NOUN 2 obj | in in ADP 6 case | Kherson Kherson PROPN 2 obl"},
			want:  []string{"RUS UKR 190"}},
		{name: "what is refused does not happen", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | refused refuse VERB 0 root | to to PART 4 mark | meet meet VERB 2 xcomp | China China PROPN 4 obj"},
			want:  nil},
		{name: "what a plan means to do has not happened", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | unveiled unveil VERB 0 root | a a DET 4 det | plan plan NOUN 2 obj | to to PART 6 mark | attack attack VERB 4 acl | Ukraine Ukraine PROPN 6 obj"},
			want:  nil},
	})
}

// TestCoordinationRules covers coordination the parser misattached and
// acts shared by coordinated actors.
func TestCoordinationRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "a noun coordinated with the verb joins its object", date: "2022-03-01",
			sents: []string{"China China PROPN 2 nsubj | urged urge VERB 0 root | the the DET 4 det | US US PROPN 2 obj | and and CCONJ 7 cc | the the DET 7 det | Kremlin Kremlin PROPN 2 conj"},
			want:  []string{"CHN RUSGOV 020", "CHN USA 020"}},
		{name: "fighting between two parties", date: "2022-03-01",
			sents: []string{"Fighting fight VERB 2 nsubj | broke break VERB 0 root | out out ADP 2 compound:prt | between between ADP 5 case | Russia Russia PROPN 2 obl | and and CCONJ 7 cc | Ukraine Ukraine PROPN 5 conj"},
			want:  []string{"RUS UKR 190", "UKR RUS 190"}},
		{name: "their summit is each with the other", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | China China PROPN 1 conj | held hold VERB 0 root | their their PRON 6 nmod:poss | summit summit NOUN 4 obj"},
			want:  []string{"CHN RUS 041", "RUS CHN 041"}},
		{name: "bilateral trade is increased together", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | China China PROPN 1 conj | increased increase VERB 0 root | bilateral bilateral NOUN 6 compound | trade trade NOUN 4 obj"},
			want:  []string{"CHN RUS 061", "RUS CHN 061"}},
		{name: "an adjective parsed as the head of a titled name", date: "2022-03-01",
			sents: []string{"Wang Wang PROPN 8 nsubj | Yi Yi PROPN 1 flat | and and CCONJ 4 cc | Russian Russian PROPN 1 conj | President President PROPN 4 flat | Vladimir Vladimir PROPN 4 flat | Putin Putin PROPN 4 flat | met meet VERB 0 root"},
			want:  []string{"CHNGOV RUSGOV 040", "RUSGOV CHNGOV 040"}},
	})
}
