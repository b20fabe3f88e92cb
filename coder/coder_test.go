package coder

import (
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dictionary"
)

// tree builds a parsed sentence from a compact notation, one token per
// "|"-separated field: "form lemma UPOS head rel". Spans are computed as if
// the forms were joined by single spaces.
func parsedSentence(t *testing.T, spec string) dyad.Sentence {
	t.Helper()
	var s dyad.Sentence
	off := 0
	for _, f := range strings.Split(spec, "|") {
		p := strings.Fields(f)
		if len(p) != 5 && len(p) != 6 {
			t.Fatalf("bad token spec %q (want TEXT LEMMA UPOS HEAD REL [XPOS])", f)
		}
		h, err := strconv.Atoi(p[3])
		if err != nil {
			t.Fatalf("bad head in %q", f)
		}
		tk := dyad.Token{Text: p[0], Lemma: p[1], UPOS: p[2], Head: h, Rel: p[4],
			Span: dyad.Span{Start: off, End: off + len(p[0])}, SpaceAfter: true}
		if len(p) == 6 {
			tk.XPOS = p[5]
		}
		s.Tokens = append(s.Tokens, tk)
		off += len(p[0]) + 1
	}
	s.Span = dyad.Span{Start: 0, End: off - 1}
	return s
}

func testCoder(t *testing.T, opts Options) *Coder {
	t.Helper()
	d, err := dictionary.LoadDir("testdata/dict")
	if err != nil {
		t.Fatal(err)
	}
	return New(d, nil, opts)
}

func triples(evs []dyad.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Source.Code+" "+e.Target.Code+" "+e.CAMEO)
	}
	sort.Strings(out)
	return out
}

func TestCodeTrees(t *testing.T) {
	c := testCoder(t, DefaultOptions())
	tests := []struct {
		name  string
		date  string
		sents []string
		want  []string
		check func(t *testing.T, evs []dyad.Event)
	}{
		{name: "active", date: "2022-02-24",
			sents: []string{"Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | Ukraine Ukraine PROPN 2 obj | . . PUNCT 2 punct"},
			want:  []string{"RUS UKR 190"}},
		{name: "passive with by-agent", date: "2022-02-24",
			sents: []string{"Ukraine Ukraine PROPN 3 nsubj:pass | was be AUX 3 aux:pass | attacked attack VERB 0 root | by by ADP 5 case | Russia Russia PROPN 3 obl:agent | . . PUNCT 3 punct"},
			want:  []string{"RUS UKR 190"}},
		{name: "negated", date: "2022-02-24",
			sents: []string{"Russia Russia PROPN 4 nsubj | did do AUX 4 aux | not not PART 4 advmod | attack attack VERB 0 root | Ukraine Ukraine PROPN 4 obj"},
			want:  nil},
		{name: "negation pattern: a refusal", date: "2022-02-24",
			sents: []string{"China China PROPN 4 nsubj | will will AUX 4 aux | not not PART 4 advmod | meet meet VERB 0 root | Russia Russia PROPN 4 obj"},
			want:  []string{"CHN RUS 125"}},
		{name: "negation pattern: a fact is no refusal", date: "2022-02-24",
			sents: []string{"China China PROPN 4 nsubj | did do AUX 4 aux | not not PART 4 advmod | meet meet VERB 0 root | Russia Russia PROPN 4 obj"},
			want:  nil},
		{name: "negation pattern: would not", date: "2022-02-24",
			sents: []string{"China China PROPN 4 nsubj | would would AUX 4 aux | not not PART 4 advmod | meet meet VERB 0 root | Russia Russia PROPN 4 obj"},
			want:  []string{"CHN RUS 125"}},
		{name: "compound subject, multiword preposition", date: "2022-03-17",
			sents: []string{"China China PROPN 5 nsubj | and and CCONJ 4 cc | the the DET 4 det | US US PROPN 1 conj | voted vote VERB 0 root | in in ADP 7 case | favor favor NOUN 5 obl | of of ADP 13 case | the the DET 13 det | UN UN PROPN 12 compound | Security Security PROPN 12 compound | Council Council PROPN 13 compound | resolution resolution NOUN 7 nmod"},
			want:  []string{"CHN IGOUNO 051", "USA IGOUNO 051"}},
		{name: "title and mod target, dated roles", date: "2021-07-28",
			sents: []string{"Chinese Chinese ADJ 3 amod | Foreign foreign ADJ 3 amod | Minister minister PROPN 4 compound | Wang Wang PROPN 6 nsubj | Yi Yi PROPN 4 flat | received receive VERB 0 root | a a DET 9 det | Taliban Taliban PROPN 9 compound | delegation delegation NOUN 6 obj"},
			want:  []string{"CHNGOV AFGINSTAL 043"}},
		{name: "role after the takeover", date: "2022-03-28",
			sents: []string{"Wang Wang PROPN 3 nsubj | Yi Yi PROPN 1 flat | received receive VERB 0 root | a a DET 6 det | Taliban Taliban PROPN 6 compound | delegation delegation NOUN 3 obj"},
			want:  []string{"CHNGOV AFGGOVTAL 043"}},
		{name: "object control", date: "2022-03-28",
			sents: []string{"China China PROPN 2 nsubj | asked ask VERB 0 root | the the DET 4 det | US US PROPN 2 obj | to to PART 6 mark | release release VERB 2 xcomp | Afghan Afghan ADJ 8 amod | assets asset NOUN 6 obj"},
			want:  []string{"CHN USA 0253"}},
		{name: "target inside the complement", date: "2022-03-28",
			sents: []string{"China China PROPN 2 nsubj | agreed agree VERB 0 root | to to PART 4 mark | cooperate cooperate VERB 2 xcomp | with with ADP 6 case | Russia Russia PROPN 4 obl"},
			want:  []string{"CHN RUS 030"}},
		{name: "future is intent", date: "2022-03-28",
			sents: []string{"China China PROPN 3 nsubj | will will AUX 3 aux | receive receive VERB 0 root | a a DET 6 det | Taliban Taliban PROPN 6 compound | delegation delegation NOUN 3 obj"},
			want:  []string{"CHN AFGGOVTAL 036"},
			check: func(t *testing.T, evs []dyad.Event) {
				if evs[0].Modality != dyad.ModalityIntended {
					t.Errorf("modality = %q, want intended", evs[0].Modality)
				}
			}},
		{name: "reported speech", date: "2022-03-01",
			sents: []string{"Ukraine Ukraine PROPN 2 nsubj | said say VERB 0 root | Russia Russia PROPN 4 nsubj | attacked attack VERB 2 ccomp | Kyiv Kyiv PROPN 4 obj"},
			want:  []string{"RUS UKRGOV 190"},
			check: func(t *testing.T, evs []dyad.Event) {
				if evs[0].AttributedTo == nil || evs[0].AttributedTo.Code != "UKR" || evs[0].Modality != dyad.ModalityReported {
					t.Errorf("attribution = %+v, modality %q", evs[0].AttributedTo, evs[0].Modality)
				}
			}},
		{name: "relative clause", date: "2022-03-01",
			sents: []string{"Russian Russian ADJ 2 amod | forces force NOUN 6 nsubj | that that PRON 4 nsubj | attacked attack VERB 2 acl:relcl | Ukraine Ukraine PROPN 4 obj | withdrew withdraw VERB 0 root"},
			want:  []string{"RUSMIL UKR 190"}},
		{name: "event noun with possessor", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 3 nmod:poss | 's 's PART 1 case | invasion invasion NOUN 7 nsubj | of of ADP 5 case | Ukraine Ukraine PROPN 3 nmod | has have AUX 7 aux | failed fail VERB 0 root"},
			want:  []string{"RUS UKR 192"}},
		{name: "pronoun resolved to the previous sentence", date: "2022-03-01",
			sents: []string{
				"Russia Russia PROPN 2 nsubj | massed mass VERB 0 root | troops troop NOUN 2 obj NNS",
				"It it PRON 2 nsubj | attacked attack VERB 0 root | Ukraine Ukraine PROPN 2 obj"},
			want: []string{"RUS UKR 190"}},
		{name: "oblique target on object", date: "2022-03-01",
			sents: []string{"The the DET 2 det | US US PROPN 3 nsubj | imposed impose VERB 0 root | sanctions sanction NOUN 3 obj | on on ADP 6 case | Russia Russia PROPN 3 obl"},
			want:  []string{"USA RUS 172"}},
		{name: "reciprocal subjects, venue is no target", date: "2022-03-01",
			// ... but it tells who visits (042) and who hosts (043).
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | China China PROPN 1 conj | met meet VERB 0 root | in in ADP 6 case | Beijing Beijing PROPN 4 obl"},
			want:  []string{"CHN RUS 043", "RUS CHN 042"}},
		{name: "a meeting in a third country", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 4 nsubj | and and CCONJ 3 cc | China China PROPN 1 conj | met meet VERB 0 root | in in ADP 8 case | the the DET 8 det | Swiss Swiss ADJ 8 amod | city city NOUN 4 obl | of of ADP 10 case | Geneva Geneva PROPN 8 nmod"},
			want:  []string{"CHN RUS 044", "RUS CHN 044"}},
		{name: "a place in another clause is not the meeting's venue", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | met meet VERB 0 root | China China PROPN 2 obj | and and CCONJ 5 cc | called call VERB 2 conj | for for ADP 7 case | investment investment NOUN 5 obl | in in ADP 9 case | Beijing Beijing PROPN 7 nmod"},
			want:  []string{"RUS CHN 040"}},
		{name: "coordinated complements", date: "2022-03-28",
			sents: []string{"China China PROPN 2 nsubj | asked ask VERB 0 root | the the DET 4 det | US US PROPN 2 obj | to to PART 6 mark | release release VERB 2 xcomp | assets asset NOUN 6 obj | and and CCONJ 9 cc | lift lift VERB 6 conj | sanctions sanction NOUN 9 obj"},
			want:  []string{"CHN USA 0253", "CHN USA 0254"}},
		{name: "a country and its government are different actors", date: "2022-03-01",
			sents: []string{"Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | Moscow Moscow PROPN 2 obj"},
			want:  []string{"RUS RUSGOV 190"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
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
			got := triples(res.Events)
			if strings.Join(got, ";") != strings.Join(tc.want, ";") {
				t.Fatalf("events = %v, want %v", got, tc.want)
			}
			for _, e := range res.Events {
				if e.ID == "" || e.Pattern == "" || e.Root != e.CAMEO[:2] {
					t.Errorf("incomplete event %+v", e)
				}
			}
			if tc.check != nil && len(res.Events) > 0 {
				tc.check(t, res.Events)
			}
		})
	}
}

func TestIntentCode(t *testing.T) {
	for in, want := range map[string]string{"043": "036", "0611": "0311", "071": "0331", "085": "0354", "057": "032", "190": "190", "01": "01"} {
		if got := intentCode(in); got != want {
			t.Errorf("intentCode(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPetrarchLexicalPatterns checks that PETRARCH patterns with words
// before the verb, which the slot form cannot express, are matched
// lexically around the verb.
func TestPetrarchLexicalPatterns(t *testing.T) {
	d, err := dictionary.LoadPetrarch(dictionary.PetrarchFiles{Verbs: "testdata/petrarch/verbs.txt", Actors: []string{"testdata/petrarch/actors.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	c := New(d, nil, DefaultOptions())
	for _, tc := range []struct{ spec, want string }{
		{"Arnor Arnor PROPN 3 nsubj | reportedly reportedly ADV 3 advmod | fired fire VERB 0 root | rockets rocket NOUN 3 obj | at at ADP 6 case | Gondor Gondor PROPN 3 obl", "ARN GON 194"},
		{"Arnor Arnor PROPN 2 nsubj | fired fire VERB 0 root | rockets rocket NOUN 2 obj | at at ADP 5 case | Gondor Gondor PROPN 2 obl", "ARN GON 190"},
	} {
		doc := &dyad.Document{ID: "p", Date: time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC), Sentences: []dyad.Sentence{parsedSentence(t, tc.spec)}}
		res, err := c.CodeDocument(doc)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(triples(res.Events), ";"); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.spec, got, tc.want)
		}
	}
}

// TestMonadicWithEventDate codes an event without a target (require_dyad
// off) in a sentence that names its own date: the missing target must
// survive re-resolving actors for that date.
func TestMonadicWithEventDate(t *testing.T) {
	o := DefaultOptions()
	o.RequireDyad = false
	c := testCoder(t, o)
	s := parsedSentence(t, "Russia Russia PROPN 2 nsubj | attacked attack VERB 0 root | on on ADP 4 case | Saturday Saturday PROPN 2 obl")
	doc := &dyad.Document{ID: "m", Text: "Russia attacked on Saturday", Date: time.Date(2022, 3, 2, 0, 0, 0, 0, time.UTC), Sentences: []dyad.Sentence{s}}
	res, err := c.CodeDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != 1 || res.Events[0].Target.Code != "" || res.Events[0].Date != "2022-02-26" {
		t.Fatalf("events = %+v", res.Events)
	}
}
