package dictionary

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/shared"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func petrarchPath(t testing.TB, name string) string {
	t.Helper()
	return shared.Path(t, "data/petrarch/"+name)
}

func validateFiles(t testing.TB) PetrarchFiles {
	return PetrarchFiles{
		Verbs:    petrarchPath(t, "PETR.Validate.verbs.txt"),
		Actors:   []string{petrarchPath(t, "PETR.Validate.actors.txt")},
		Agents:   petrarchPath(t, "PETR.Validate.agents.txt"),
		Discards: petrarchPath(t, "PETR.Validate.discards.txt"),
	}
}

func phoenixFiles(t testing.TB) PetrarchFiles {
	return PetrarchFiles{
		Verbs: petrarchPath(t, "CAMEO.verbpatterns.150430.txt"),
		Actors: []string{petrarchPath(t, "Phoenix.Countries.actors.txt"), petrarchPath(t, "Phoenix.International.actors.txt"),
			petrarchPath(t, "Phoenix.MilNonState.actors.txt")},
		Agents:   petrarchPath(t, "Phoenix.agents.txt"),
		Discards: petrarchPath(t, "Phoenix.discards.txt"),
		Issues:   petrarchPath(t, "Phoenix.IssueCoding.txt"),
	}
}

func testPetrarch(t testing.TB) *Dictionary {
	t.Helper()
	d, err := LoadPetrarch(PetrarchFiles{
		Verbs:    "testdata/petrarch/test.verbs.txt",
		Actors:   []string{"testdata/petrarch/test.actors.txt"},
		Agents:   "testdata/petrarch/test.agents.txt",
		Discards: "testdata/petrarch/test.discards.txt",
		Issues:   "testdata/petrarch/test.issues.txt",
	})
	if err != nil {
		t.Fatalf("LoadPetrarch: %v", err)
	}
	return d
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output (run go test -update after checking):\n--- got\n%s", p, got)
	}
}

func TestPetrarchVerbsGolden(t *testing.T) {
	d := testPetrarch(t)
	var b strings.Builder
	for _, blk := range d.Petrarch.Blocks {
		fmt.Fprintf(&b, "block %s [%s] valid=%v %s\n", blk.Name, blk.Code.Raw, blk.Code.Valid, blk.Source)
		for _, v := range blk.Verbs {
			fmt.Fprintf(&b, "  verb %q lemma=%s words=%v index=%d forms=%v code=%s own=%v\n", v.Text, v.Lemma, v.Words, v.Index, v.Forms, v.Code.Raw, v.Own)
		}
		for _, p := range blk.Patterns {
			fmt.Fprintf(&b, "  %d %q [%s] pre=%v post=%v", p.Source.Line, p.Text, p.Code.Raw, elems(p.Pre), elems(p.Post))
			if p.Native != nil {
				fmt.Fprintf(&b, "\n     -> %s\n", p.Native.Text)
			} else {
				fmt.Fprintf(&b, "\n     untranslatable: %s\n", p.Why)
			}
		}
	}
	b.WriteString("native patterns:\n")
	for _, p := range d.Patterns {
		fmt.Fprintf(&b, "  %s  %s  heads=%v spec=%d\n", p.Source, p.Text, p.Heads, p.Specificity())
	}
	golden(t, "petrarch/verbs.golden", b.String())
}

func elems(es []PetrarchElem) string {
	var parts []string
	for _, e := range es {
		s := e.Text
		if e.Joined {
			s = "_" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestPetrarchVerbs(t *testing.T) {
	d := testPetrarch(t)
	r := d.Report
	if r.PetrarchPatterns != 14 {
		t.Errorf("PetrarchPatterns = %d, want 14", r.PetrarchPatterns)
	}
	wantWhy := map[string]int{whyPre: 1, whyCompound: 1, whySkip: 1, whyLegacy: 1, whyMultiword: 1}
	if !reflect.DeepEqual(r.UntranslatedWhy, wantWhy) {
		t.Errorf("UntranslatedWhy = %v, want %v", r.UntranslatedWhy, wantWhy)
	}
	if s := d.Synsets["&FRUIT"]; s == nil || !reflect.DeepEqual(s.Members, []string{"apple", "pear"}) {
		t.Errorf("&FRUIT = %+v, want apple, pear (final _ of the name dropped)", s)
	}
	ps := d.PatternsFor("hail")
	var obj []string
	for _, p := range ps {
		if p.Code == "070" {
			obj = p.Obj
		}
	}
	if !reflect.DeepEqual(obj, []string{"food aid", "money", "apple", "pear"}) {
		t.Errorf("070 pattern obj = %q, want nested synsets expanded", obj)
	}
	var visit *Pattern
	for _, p := range ps {
		if p.Code == "042" && len(p.Obj) > 0 {
			visit = p
		}
	}
	if visit == nil || visit.Reverse != "043" || len(visit.Preps) != 1 || !visit.Preps[0].Source || visit.Obj[0] != "visitor" {
		t.Errorf("042:043 pattern = %+v, want obj=visitor from=+ (PETRARCH $ is the source)", visit)
	}
	if p := findPattern(d.PatternsFor("greet"), "030"); p == nil || !reflect.DeepEqual(p.XComp, []string{"cooperate"}) {
		t.Errorf("TO_COOPERATE pattern = %+v, want xcomp=cooperate", p)
	}
	if p := findPattern(d.PatternsFor("wave"), "041"); p == nil || len(p.Preps) != 1 || !p.Preps[0].Target {
		t.Errorf("+WAVE_AT = %+v, want wave at=$", p)
	}
	if p := findPattern(d.PatternsFor("defy"), "130"); p == nil || p.Comment != "trailing comment [###]" {
		t.Errorf("comment after a bracket = %+v", p)
	}
	if p := findPattern(d.PatternsFor("greet"), "075A"); p == nil || !p.NonCAMEO || p.Text != "075A &V_GREET obj=warmly" {
		t.Errorf("non-CAMEO code kept as written: %+v", p)
	}
}

func findPattern(ps []*Pattern, code string) *Pattern {
	for _, p := range ps {
		if p.Code == code {
			return p
		}
	}
	return nil
}

func TestPetrarchActors(t *testing.T) {
	d := testPetrarch(t)
	if len(d.Actors) != 8 {
		t.Fatalf("actors = %d, want 8 (reading stops at ---STOP---)", len(d.Actors))
	}
	tests := []struct {
		sent, date, want string
	}{
		{"The Arnorian envoy", "2000-01-01", "Arnorian|ARN"},
		{"in Minas Tirith today", "2000-01-01", "Minas Tirith|GON"},
		{"the hobbit council met", "1990-05-01", "hobbit council|HOB"},
		{"the hobbit council met", "1995-06-01", "hobbit council|HOB"},
		{"the hobbit council met", "1997-01-01", "hobbit council|HOBGOV"},
		{"the hobbit council met", "2001-01-01", "hobbit council|HOBREB"},
		{"Dual Coded said", "2003-01-01", "Dual Coded|GONGOV"},
		{"Dual Coded said", "2010-01-01", "Dual Coded|GONELI"},
		{"al-Qaeda said", "2010-01-01", "al-Qaeda|IMGMOSALQ"},
		{"Zero said", "1990-01-01", "Zero|"},
		{"Zero said", "1995-01-01", "Zero|ZER"},
		{"Lorien said", "1995-01-01", "Lorien|ELR/GAL"},
		{"never read", "1995-01-01", ""},
	}
	for _, tc := range tests {
		tk := toks(tc.sent)
		ms := d.MatchActors(tk, day(tc.date))
		got := ""
		if len(ms) > 0 {
			got = spanText(tk, ms[0].Start, ms[0].End) + "|" + ms[0].Code
		}
		if got != tc.want {
			t.Errorf("MatchActors(%q, %s) = %q, want %q", tc.sent, tc.date, got, tc.want)
		}
	}
	zero := d.MatchActors(toks("Zero said"), day("1990-01-01"))
	if len(zero) != 1 || !zero[0].Null {
		t.Errorf("[--- <911226] must give a Null match before 1991-12-26: %+v", zero)
	}
	found := false
	for _, w := range d.Report.Warnings {
		found = found || strings.Contains(w.Error(), "test.actors.txt:11: date restriction [XYZ 990231-991231]")
	}
	if !found {
		t.Errorf("warnings = %v, want the impossible date on line 11", d.Report.Warnings)
	}
	if !d.IsCountryCode("ARN") || d.IsCountryCode("HOB") || d.IsCountryCode("IMG") {
		t.Errorf("inferred country codes = %v", d.ISOCodes())
	}
}

func TestPetrarchAgents(t *testing.T) {
	d := testPetrarch(t)
	var got []string
	for _, a := range d.Agents {
		var names []string
		for _, n := range a.Names {
			names = append(names, n.Text)
		}
		got = append(got, fmt.Sprintf("%s%v:%s", a.Code, a.Before, strings.Join(names, ",")))
	}
	want := []string{
		"COPfalse:POLICE",
		"JUDfalse:ATTORNEY GENERAL,ATTORNEYS GENERAL",
		"BUSfalse:COMPANY,COMPANIES",
		"LEGfalse:CONGRESSMAN,CONGRESSMEN,CONGRESSWOMAN",
		"NGOtrue:HUMAN RIGHTS GROUP,HUMAN RIGHTS GROUPS",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("agents =\n %q\nwant\n %q", got, want)
	}
	tk := toks("American human rights groups said")
	ms := d.MergeAgents(tk, d.MatchActors(tk, time.Time{}), time.Time{})
	if len(ms) != 1 || ms[0].Code != "NGO" {
		t.Errorf("agent alone = %+v, want NGO (no country known)", ms)
	}
	if CombineAgent("USA", d.Agents[4]) != "NGOUSA" || CombineAgent("USA", d.Agents[0]) != "USACOP" {
		t.Error("CombineAgent: NGO~ goes before the country, ~COP after")
	}
}

func TestPetrarchDiscardsAndIssues(t *testing.T) {
	d := testPetrarch(t)
	for _, tc := range []struct {
		sent         string
		sentence, st bool
	}{
		{"The World Cup final.", true, true},
		{"World Cups galore.", true, true},
		{"Baseballs were thrown.", true, false},
		{"The goal keeper saved.", true, false},
		{"The goal keepers saved.", false, false},
		{"Nothing here.", false, false},
	} {
		tk := toks(tc.sent)
		if got := d.DiscardSentence(tk); got != tc.sentence {
			t.Errorf("DiscardSentence(%q) = %v", tc.sent, got)
		}
		if got := d.DiscardStory(tk); got != tc.st {
			t.Errorf("DiscardStory(%q) = %v", tc.sent, got)
		}
	}
	for _, tc := range []struct {
		sent string
		want []string
	}{
		{"Teachers and pre-k programs", []string{"EARLY_EDUCATION", "TEACHERS"}},
		{"pre k programs", []string{"EARLY_EDUCATION"}},
		{"they ethnic purged the town", []string{"ATROCITY"}},
		{"the teacher strike ended", nil},
	} {
		if got := d.Contexts(toks(tc.sent)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Contexts(%q) = %q, want %q", tc.sent, got, tc.want)
		}
	}
}

func TestPetrarchErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name  string
		files PetrarchFiles
		want  string
	}{
		{"empty actors", PetrarchFiles{Actors: []string{write("e.txt", "\n\n")}}, "e.txt: empty file"},
		{"binary verbs", PetrarchFiles{Verbs: write("b.txt", "--- A [010] ---\nA\x00\n")}, "b.txt:2: binary data"},
		{"orphan code", PetrarchFiles{Actors: []string{write("o.txt", "\t[USA]\n")}}, "o.txt:1: indented code line"},
		{"orphan synonym", PetrarchFiles{Actors: []string{write("s.txt", "+USA\n")}}, "s.txt:1: synonym"},
		{"pattern outside", PetrarchFiles{Verbs: write("p.txt", "- * TALKS [040]\n")}, "p.txt:1: pattern"},
		{"no block", PetrarchFiles{Verbs: write("v.txt", "MEET\n")}, "v.txt:1: line \"MEET\": expected a verb block header"},
		{"missing", PetrarchFiles{Agents: filepath.Join(dir, "nope.txt")}, "nope.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadPetrarch(tc.files)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	d, err := LoadPetrarchOptions(PetrarchFiles{Actors: []string{write("m.txt", "\t[USA]\nUSA [USA]\n")}}, Options{SkipBadEntries: true})
	if err != nil || len(d.Actors) != 1 || d.Report.Skipped != 1 {
		t.Errorf("SkipBadEntries: err=%v actors=%d skipped=%d", err, len(d.Actors), d.Report.Skipped)
	}
}

// TestPetrarchSharedFiles loads every PETRARCH file of the peer data:
// all must load without error.
func TestPetrarchSharedFiles(t *testing.T) {
	for name, fs := range map[string]PetrarchFiles{"validate": validateFiles(t), "phoenix": phoenixFiles(t)} {
		d, err := LoadPetrarch(fs)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s := d.Stats()
		if s.Actors == 0 || s.Agents == 0 || s.Patterns == 0 || s.Discards == 0 || s.PetrarchPatterns == 0 {
			t.Errorf("%s: empty kinds in %+v", name, s)
		}
		if s.Untranslatable >= s.PetrarchPatterns {
			t.Errorf("%s: nothing translated: %+v", name, s)
		}
		t.Logf("%s: %+v (%d warnings)", name, s, d.Report.Warned)
		if name == "validate" && (s.Actors != 128 || s.Names != 161 || s.Codes != 138 || s.Agents != 88 ||
			s.AgentNames != 165 || s.Discards != 9 || s.PetrarchPatterns != 474) {
			t.Errorf("validate counts changed: %+v", s)
		}
		if name == "phoenix" && (s.Actors != 27252 || s.Agents != 2243 || s.Discards != 506 || s.PetrarchPatterns != 11011 ||
			s.Contexts != 2976 || s.ContextExclusions != 203 || d.Report.Skipped != 0) {
			t.Errorf("phoenix counts changed: %+v", s)
		}
	}
}

func TestConvertRoundTrip(t *testing.T) {
	for name, fs := range map[string]PetrarchFiles{"validate": validateFiles(t), "test": {
		Verbs: "testdata/petrarch/test.verbs.txt", Actors: []string{"testdata/petrarch/test.actors.txt"},
		Agents: "testdata/petrarch/test.agents.txt", Discards: "testdata/petrarch/test.discards.txt", Issues: "testdata/petrarch/test.issues.txt"}} {
		d, err := LoadPetrarch(fs)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		r, err := WriteNative(d, dir)
		if err != nil {
			t.Fatal(err)
		}
		n, err := LoadDir(dir)
		if err != nil {
			t.Fatalf("%s: converted set does not load: %v", name, err)
		}
		a, b := d.Stats(), n.Stats()
		a.Codes -= r.Skipped["actor code not CAMEO-shaped"]
		a.Patterns -= r.Skipped["pattern code not CAMEO"]
		heads := map[string]bool{}
		for _, p := range d.Patterns {
			if !p.NonCAMEO && !p.Noun {
				for _, h := range p.Heads {
					heads[h] = true
				}
			}
		}
		a.VerbHeads = len(heads)
		a.ContextExclusions -= r.Skipped["issue exclusion (~phrase)"]
		a.PetrarchPatterns, a.Untranslatable = 0, 0
		if a != b {
			t.Errorf("%s: round trip changed the counts:\n read    %+v\n written %+v\n skipped %v", name, a, b, r.Skipped)
		}
		// The same sentence gives the same actors either way.
		tk := toks("The Israeli troops and Hamas gunmen in Gaza City")
		if got, want := matchCodes(n, tk), matchCodes(d, tk); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: matches differ after conversion: %q vs %q", name, got, want)
		}
	}
}

func matchCodes(d *Dictionary, tk []dyad.Token) []string {
	var out []string
	for _, m := range d.MatchActors(tk, day("2010-01-01")) {
		out = append(out, fmt.Sprintf("%d-%d:%s", m.Start, m.End, m.Code))
	}
	return out
}

func TestConvertGolden(t *testing.T) {
	d := testPetrarch(t)
	dir := t.TempDir()
	r, err := WriteNative(d, dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range r.Files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "==> %s\n%s", f, data)
	}
	fmt.Fprintf(&b, "==> skipped %v\n", r.Skipped)
	golden(t, "petrarch/convert.golden", b.String())
}
