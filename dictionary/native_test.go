package dictionary

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/text"
)

func loadTestNative(t testing.TB) *Dictionary {
	t.Helper()
	d, err := LoadDir("testdata/native")
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	return d
}

func toks(s string) []dyad.Token { return text.Tokenize(s) }

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestLoadDirCounts(t *testing.T) {
	d := loadTestNative(t)
	s := d.Stats()
	want := Stats{Actors: 4, Names: 32, Codes: 6, Countries: 6, Agents: 6, AgentNames: 23, Synsets: 2,
		VerbHeads: 8, Patterns: 11, NounPatterns: 1, Contexts: 2, Discards: 4}
	if s != want {
		t.Errorf("Stats() =\n %+v\nwant\n %+v", s, want)
	}
	if got := len(d.Report.Files); got != 5 {
		t.Errorf("files = %d, want 5", got)
	}
	if d.Report.Files[0].Path != "actors/countries.txt" {
		t.Errorf("first file %q, want lexical order starting with actors/countries.txt", d.Report.Files[0].Path)
	}
}

func TestMatchActors(t *testing.T) {
	d := loadTestNative(t)
	tests := []struct {
		sent string
		date string
		want []string // "text|kind|code"
	}{
		{"China will receive the foreign ministers in Beijing.", "2022-03-28",
			[]string{"China|country|CHN", "foreign ministers|agent|GOV", "Beijing|capital|CHNGOV"}},
		{"Wang Yi met the Taliban delegation.", "2022-03-28",
			[]string{"Wang Yi|actor|CHNGOV", "the Taliban|actor|AFGTAL"}},
		{"Wang Yi met them.", "2023-03-01", []string{"Wang Yi|actor|CHNELI"}},
		{"Wang Yi met them.", "2010-01-01", []string{"Wang Yi|actor|"}},
		{"Taliban fighters and Afghans fled to Kabul.", "2022-03-28",
			[]string{"Taliban|actor|AFGTAL", "Afghans|people|AFGCVL", "Kabul|capital|AFGGOV"}},
		{"The UN Security Council voted.", "2022-03-28", []string{"UN Security Council|actor|IGOUNO"}},
		{"Let us meet the US envoy.", "2022-03-28", []string{"US|country|USA"}},
		{"The Kremlin and the White House spoke.", "2022-03-28",
			[]string{"The Kremlin|govt|RUSGOV", "the White House|govt|USAGOV"}},
		{"South Sudan in 2005.", "2005-01-01", []string{"South Sudan|country|"}},
		{"South Sudan in 2015.", "2015-01-01", []string{"South Sudan|country|SSD"}},
		{"U.S.-led forces and Chinese companies.", "2022-03-28",
			[]string{"U.S.|country|USA", "Chinese|adjective|CHN", "companies|agent|BUS"}},
		{"The police and displaced persons.", "2022-03-28", []string{"police|agent|COP", "displaced persons|agent|REF"}},
		{"No polices here.", "2022-03-28", nil},
	}
	for _, tc := range tests {
		tk := toks(tc.sent)
		ms := d.MatchActors(tk, day(tc.date))
		var got []string
		for _, m := range ms {
			got = append(got, spanText(tk, m.Start, m.End)+"|"+m.Kind.String()+"|"+m.Code)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("MatchActors(%q, %s) = %q, want %q", tc.sent, tc.date, got, tc.want)
		}
	}
}

func spanText(tk []dyad.Token, a, b int) string {
	var parts []string
	for _, t := range tk[a:b] {
		parts = append(parts, t.Text)
	}
	s := strings.Join(parts, " ")
	return strings.ReplaceAll(strings.ReplaceAll(s, " 's", "'s"), " - ", "-")
}

func TestMatchFlags(t *testing.T) {
	d := loadTestNative(t)
	tk := toks("Wang said Georgia would talk.")
	ms := d.MatchActors(tk, day("2022-03-28"))
	if len(ms) != 2 {
		t.Fatalf("got %d matches, want 2: %+v", len(ms), ms)
	}
	if !ms[0].Short || ms[0].Entry() != "Wang Yi" {
		t.Errorf("Wang: Short=%v Entry=%q, want short alias of Wang Yi", ms[0].Short, ms[0].Entry())
	}
	if !reflect.DeepEqual(ms[1].Context, []string{"tbilisi", "georgian", "caucasus"}) {
		t.Errorf("Georgia context = %q", ms[1].Context)
	}
	if ms[0].Source().String() != "actors/people.txt:2" {
		t.Errorf("source = %q, want actors/people.txt:2", ms[0].Source())
	}
}

func TestMergeAgents(t *testing.T) {
	d := loadTestNative(t)
	tests := []struct{ sent, want string }{
		{"Chinese companies invested.", "CHNBUS"},
		{"China's foreign minister spoke.", "CHNGOV"},
		{"The government of Afghanistan said.", "AFGGOV"},
		{"The Afghan police said.", "AFGCOP"},
		{"An American aid group said.", "NGOUSA"},
	}
	for _, tc := range tests {
		tk := toks(tc.sent)
		ms := d.MergeAgents(tk, d.MatchActors(tk, day("2022-03-28")), day("2022-03-28"))
		if len(ms) != 1 || ms[0].Code != tc.want || !ms[0].Composite {
			t.Errorf("MergeAgents(%q) = %+v, want one composite %s", tc.sent, ms, tc.want)
		}
	}
}

func TestPatterns(t *testing.T) {
	d := loadTestNative(t)
	ps := d.PatternsFor("receive")
	if len(ps) != 3 {
		t.Fatalf("PatternsFor(receive) = %d patterns, want 3", len(ps))
	}
	p := ps[0]
	if p.Code != "043" || !reflect.DeepEqual(p.Obj, []string{"delegation", "envoy"}) || !p.ModTarget || p.Specificity() != 2 {
		t.Errorf("receive[0] = %+v", p)
	}
	if p.Source.String() != "verbs/verbs.txt:8" || p.Comment != "X received a Taliban delegation" {
		t.Errorf("receive[0] source %q comment %q", p.Source, p.Comment)
	}
	if ps[1].Code != NullCode {
		t.Errorf("receive[1].Code = %q, want ---", ps[1].Code)
	}
	if pr := ps[2].Preps; len(pr) != 1 || !pr[0].Source || pr[0].Prep[0] != "from" {
		t.Errorf("receive[2] preps = %+v, want from=+", pr)
	}
	imp := d.PatternsFor("impose")[0]
	if !reflect.DeepEqual(imp.Obj, []string{"sanction", "embargo", "blockade"}) || !reflect.DeepEqual(imp.Synsets, []string{"&SANCTION"}) {
		t.Errorf("impose obj = %q synsets %q", imp.Obj, imp.Synsets)
	}
	give := d.PatternsFor("give")[0]
	if !reflect.DeepEqual(give.Obj, []string{"aid", "assistance", "humanitarian aid"}) || !give.IObjTarget {
		t.Errorf("give = %+v", give)
	}
	vote := d.PatternsFor("vote")[0]
	if !reflect.DeepEqual(vote.Preps, []PrepSlot{{Prep: []string{"in", "favor", "of"}, Target: true}}) {
		t.Errorf("vote preps = %+v", vote.Preps)
	}
	if v := d.PatternsFor("visit"); len(v) != 1 || v[0].Code != "042" || v[0].Reverse != "043" {
		t.Errorf("visit = %+v", v)
	}
	if n := d.NounPatternsFor("invasion"); len(n) != 1 || n[0].Code != "138" || !n[0].Noun {
		t.Errorf("NounPatternsFor(invasion) = %+v", n)
	}
	if d.HasVerb("invasion") || !d.HasVerb("Meet") {
		t.Errorf("HasVerb: invasion must not be a verb head, Meet must be")
	}
}

// TestComplementObject checks the xobj slot: read with its synsets
// expanded, and counted in the pattern's specificity.
func TestComplementObject(t *testing.T) {
	src := "synset &ARMS  weapon | arm | fighter jet\n1222  refuse  xcomp=send | supply  xobj=&ARMS\n"
	d, err := ParseNative("x.txt", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := d.PatternsFor("refuse")
	if len(ps) != 1 {
		t.Fatalf("PatternsFor(refuse) = %d patterns, want 1", len(ps))
	}
	p := ps[0]
	if !reflect.DeepEqual(p.XComp, []string{"send", "supply"}) || !reflect.DeepEqual(p.XObj, []string{"weapon", "arm", "fighter jet"}) || p.Specificity() != 2 {
		t.Errorf("refuse = xcomp %q xobj %q specificity %d", p.XComp, p.XObj, p.Specificity())
	}
}

func TestDiscardsAndContexts(t *testing.T) {
	d := loadTestNative(t)
	if !d.DiscardSentence(toks("The goalkeeper saved it.")) || d.DiscardStory(toks("The goalkeeper saved it.")) {
		t.Error("goalkeeper: want sentence discard only")
	}
	if !d.DiscardStory(toks("The Premier League resumed.")) || !d.DiscardSentence(toks("The Premier League resumed.")) {
		t.Error("Premier League: want story discard")
	}
	if d.DiscardSentence(toks("The premier met the league.")) {
		t.Error("non-adjacent words must not discard")
	}
	tk := toks("They discussed women's rights and new sanctions.")
	tk[len(tk)-2].Lemma = "sanction"
	if got := d.Contexts(tk); !reflect.DeepEqual(got, []string{"economic", "human_rights"}) {
		t.Errorf("Contexts = %q", got)
	}
}

func TestSplitCode(t *testing.T) {
	d := loadTestNative(t)
	for _, tc := range []struct{ code, c, s string }{
		{"CHNGOV", "CHN", "GOV"}, {"IGOUNO", "", "IGO"}, {"AFG", "AFG", ""}, {"GOV", "", "GOV"},
		{"NGOUSA", "", "NGO"}, {"---", "", ""}, {"", "", ""},
	} {
		c, s := d.SplitCode(tc.code)
		if c != tc.c || s != tc.s {
			t.Errorf("SplitCode(%q) = %q,%q want %q,%q", tc.code, c, s, tc.c, tc.s)
		}
	}
}

func TestNativeErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"keyword", "actr Wang Yi\n", "x.txt:1: unknown entry keyword \"actr\""},
		{"indent", "  alias Wang\n", "x.txt:1: indented line with no entry"},
		{"country iso", "country Afg Afghanistan\n", "x.txt:1: country code \"Afg\""},
		{"actor code", "actor Wang Yi\n  code chngov\n", "x.txt:2: actor code \"chngov\""},
		{"range", "actor Wang Yi\n  code CHNGOV 2013-13-01..\n", "x.txt:2: code line: date \"2013-13-01\""},
		{"range order", "actor X\n  code CHNGOV 2014..2013\n", "ends before it starts"},
		{"field", "actor X\n  colour red\n", "x.txt:2: unknown actor field \"colour\""},
		{"event code", "0110 meet\n", "x.txt:1: unknown CAMEO event code \"0110\""},
		{"bad code", "04x meet\n", "x.txt:1: event code \"04x\""},
		{"slot", "040 meet ojb=talk\n", "x.txt:1: unknown slot \"ojb\""},
		{"two targets", "040 meet obj=$ with=$\n", "more than one slot marks the target"},
		{"iobj", "040 give iobj=aid\n", "expected iobj=$"},
		{"xobj alone", "1222 refuse xobj=weapon\n", "needs an xcomp slot"},
		{"xobj target", "1222 refuse xcomp=send xobj=$\n", "xobj takes lemmas"},
		{"head", "040\n", "expected \"CODE HEAD"},
		{"synset", "synset AID aid\n", "synset name \"AID\""},
		{"discard", "discard page football\n", "discard level \"page\""},
		{"ctx", "country GEO Georgia [ctx:]\n", "expected at least one context word"},
		{"agent", "agent gov government\n", "agent code \"gov\""},
		{"empty", "  \n\n", "x.txt: empty file"},
		{"binary", "actor A\x00B\n", "x.txt:1: binary data"},
		{"control", "actor A\x1aB\n", "x.txt:1: stray control byte 0x1a"},
		{"utf8", "actor A\xff\n", "x.txt:1: invalid UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseNative("x.txt", []byte(tc.src), Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			if !errors.Is(err, dyad.ErrInvalidInput) {
				t.Errorf("error does not wrap dyad.ErrInvalidInput")
			}
			var le *LoadError
			if !errors.As(err, &le) || le.Pos.File != "x.txt" {
				t.Errorf("errors.As(*LoadError) failed or wrong file: %v", le)
			}
		})
	}
}

func TestSkipBadEntries(t *testing.T) {
	src := "actor Good\n  code USAGOV\nactr Bad\n  alias ignored\nactor Also Good\n  code chn\n  code CHN\n"
	d, err := ParseNative("x.txt", []byte(src), Options{SkipBadEntries: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Actors) != 2 || d.Report.Skipped != 2 || len(d.Report.Errors) != 2 {
		t.Fatalf("actors %d skipped %d errors %d; want 2, 2, 2", len(d.Actors), d.Report.Skipped, len(d.Report.Errors))
	}
	if d.Report.Errors[0].Pos.Line != 3 || d.Report.Errors[1].Pos.Line != 6 {
		t.Errorf("error lines %d, %d; want 3, 6", d.Report.Errors[0].Pos.Line, d.Report.Errors[1].Pos.Line)
	}
	if d.Report.Files[0].Skipped != 2 || d.Report.Files[0].Entries != 2 {
		t.Errorf("file report %+v", d.Report.Files[0])
	}
}

func TestLoadFSAndMerge(t *testing.T) {
	base := fstest.MapFS{
		"d/a.txt": {Data: []byte("actor Wang Yi\n  code CHNGOV\ncountry CHN China\n")},
	}
	user := fstest.MapFS{
		"b.txt": {Data: []byte("actor Wang Yi\n  code CHNELI\nactor China\n  code CHNXXX\n")},
	}
	d1, err := LoadFS(base, "d")
	if err != nil {
		t.Fatal(err)
	}
	if d1.Actors[0].Source.File != "a.txt" {
		t.Errorf("source file %q, want path relative to root", d1.Actors[0].Source.File)
	}
	d2, err := LoadFS(user, ".")
	if err != nil {
		t.Fatal(err)
	}
	m := Merge(d1, nil, d2)
	if len(m.Actors) != 2 || m.Actors[0].Codes[0].Code != "CHNELI" {
		t.Errorf("merged actors = %+v, want Wang Yi overridden by CHNELI", m.Actors)
	}
	ms := m.MatchActors(toks("China spoke"), time.Time{})
	if len(ms) != 1 || ms[0].Code != "CHNXXX" || ms[0].Kind != KindActor {
		t.Errorf("equal-length tie: got %+v, want the actor (defined later) to win", ms)
	}
	if _, err := LoadFS(fstest.MapFS{"x.md": {Data: []byte("hi")}}, "."); err == nil {
		t.Error("a set without .txt files must fail")
	}
}

func TestParseRange(t *testing.T) {
	for _, tc := range []struct{ in, from, to string }{
		{"2013-03-16..2022-12-30", "2013-03-16", "2022-12-30"},
		{"2021..", "2021-01-01", ""},
		{"..2021-02", "", "2021-02-28"},
		{"2020-02..2020", "2020-02-01", "2020-12-31"},
	} {
		r, err := ParseRange(tc.in)
		if err != nil {
			t.Fatalf("ParseRange(%q): %v", tc.in, err)
		}
		f, to := "", ""
		if !r.From.IsZero() {
			f = r.From.Format("2006-01-02")
		}
		if !r.To.IsZero() {
			to = r.To.Format("2006-01-02")
		}
		if f != tc.from || to != tc.to {
			t.Errorf("ParseRange(%q) = %s..%s want %s..%s", tc.in, f, to, tc.from, tc.to)
		}
	}
	for _, bad := range []string{"2013", "..", "2013-02-30..", "13..", "2013-1..", "x..y"} {
		if _, err := ParseRange(bad); err == nil {
			t.Errorf("ParseRange(%q) succeeded, want error", bad)
		}
	}
}

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{"company": "companies", "boy": "boys", "church": "churches",
		"box": "boxes", "soldier": "soldiers", "NGO": "NGOs", "POLICE": "POLICES", "3": "3",
		"oligarch": "oligarchs", "monarch": "monarchs", "patriarch": "patriarchs", "march": "marches",
		"research": "researches", "epoch": "epochs", "spokesman": "spokesmen", "woman": "women",
		"German": "Germans", "human": "humans", "schoolchild": "schoolchildren"} {
		if got := Plural(in); got != want {
			t.Errorf("Plural(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAgentPlurals checks that an agent's names get their regular plurals
// unless the entry spells its plurals out.
func TestAgentPlurals(t *testing.T) {
	d, err := ParseNative("x.txt", []byte("agent ELI   oligarch | warlord\nagent ELI   tribesman\n  plural    tribesmen\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range d.Agents {
		for _, n := range a.Names {
			got = append(got, n.Text)
		}
	}
	want := []string{"oligarch", "warlord", "oligarchs", "warlords", "tribesman", "tribesmen"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names = %q, want %q", got, want)
	}
}

// TestConcurrentUse runs the lookups from several goroutines (meaningful
// under -race): a loaded Dictionary is read-only.
func TestConcurrentUse(t *testing.T) {
	d := loadTestNative(t)
	tk := toks("Wang Yi said Chinese companies will meet the Taliban in Kabul.")
	want := len(d.MatchActors(tk, day("2022-03-28")))
	done := make(chan int)
	for g := 0; g < 4; g++ {
		go func() {
			n := 0
			for i := 0; i < 200; i++ {
				n = len(d.MergeAgents(tk, d.MatchActors(tk, day("2022-03-28")), day("2022-03-28")))
				d.Contexts(tk)
				d.DiscardSentence(tk)
				d.PatternsFor("meet")
			}
			done <- n
		}()
	}
	for g := 0; g < 4; g++ {
		if n := <-done; n == 0 || n > want {
			t.Errorf("goroutine got %d matches (MatchActors gives %d)", n, want)
		}
	}
}

func TestMergeAgentsEdges(t *testing.T) {
	d := loadTestNative(t)
	tk := toks("The foreign ministers of Afghanistan's neighbours met.")
	ms := d.MergeAgents(tk, d.MatchActors(tk, day("2022-03-28")), day("2022-03-28"))
	if len(ms) != 2 || ms[0].Composite {
		t.Errorf("agent of a possessive must not merge: %+v", ms)
	}
	tk = toks("A Taliban government spoke.")
	ms = d.MergeAgents(tk, d.MatchActors(tk, day("2022-03-28")), day("2022-03-28"))
	if len(ms) != 1 || ms[0].Code != "AFGTALGOV" {
		t.Errorf("Taliban government = %+v, want AFGTALGOV", ms)
	}
	if got := CombineAgent("AFGGOVTAL", &Agent{Code: "GOV"}); got != "AFGGOVTAL" {
		t.Errorf("CombineAgent kept a duplicate role: %s", got)
	}
}

func TestCodePartsAndContext(t *testing.T) {
	d := loadTestNative(t)
	doc := toks("Talks in Tbilisi. Georgia said so.")
	ms := d.MatchActors(doc, day("2022-03-28"))
	if len(ms) != 1 || !ms[0].ContextOK(doc) || ms[0].ContextOK(toks("Georgia said so.")) {
		t.Errorf("Georgia context: %+v", ms)
	}
	ms = d.MatchActors(toks("Wang Yi said"), day("2022-03-28"))
	if c, s := d.CodeParts(&ms[0]); c != "CHN" || s != "GOV" {
		t.Errorf("CodeParts(Wang Yi) = %s, %s", c, s)
	}
	a := &Actor{Country: "PAK", Sector: "INS"}
	if c, s := d.CodeParts(&ActorMatch{Code: "AFGTAL", Actor: a, Kind: KindActor}); c != "PAK" || s != "INS" {
		t.Errorf("CodeParts with overrides = %s, %s", c, s)
	}
}

func TestPetrarchVerbForms(t *testing.T) {
	for _, tc := range []struct {
		v    PetrarchVerb
		want []string
	}{
		{PetrarchVerb{Lemma: "meet", Words: []string{"meet"}, Forms: []string{"meets", "met", "meeting"}}, []string{"meet", "meets", "met", "meeting"}},
		{PetrarchVerb{Lemma: "praise", Words: []string{"praise"}}, []string{"praise", "praises", "praised", "praising"}},
		{PetrarchVerb{Lemma: "fight", Words: []string{"fight", "back"}, Forms: []string{"+fought_back", "+fights_back"}}, []string{"fight", "fought", "fights"}},
	} {
		if got := tc.v.AllForms(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("AllForms(%s) = %q, want %q", tc.v.Lemma, got, tc.want)
		}
	}
}

func TestLoadDirPaths(t *testing.T) {
	if _, err := LoadDir("testdata/nonexistent"); err == nil || !strings.Contains(err.Error(), "testdata/nonexistent") {
		t.Errorf("missing dir: err = %v, want the path named", err)
	}
	d, err := LoadDir("testdata/native/verbs/verbs.txt")
	if err != nil || len(d.Patterns) != 12 || d.Patterns[0].Source.File != "verbs.txt" {
		t.Errorf("single file: err=%v, patterns=%d", err, len(d.Patterns))
	}
}
