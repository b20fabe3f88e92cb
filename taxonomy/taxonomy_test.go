package taxonomy

import (
	"bufio"
	"errors"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
)

// readLines returns the lines of a reference file with their 1-based numbers.
func readLines(t *testing.T, rel string) []string {
	t.Helper()
	f, err := os.Open(shared.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

func TestEventCodesFile(t *testing.T) {
	lines := readLines(t, "data/reference/CAMEO.eventcodes.txt")
	if lines[0] != "CAMEOEVENTCODE\tEVENTDESCRIPTION" {
		t.Fatalf("header = %q", lines[0])
	}
	seen := map[string]bool{}
	for i, line := range lines[1:] {
		code, name, ok := strings.Cut(line, "\t")
		if !ok {
			t.Errorf("line %d: no tab in %q", i+2, line)
			continue
		}
		c, found := Lookup(code)
		if !found {
			t.Errorf("line %d: Lookup(%q) not found", i+2, code)
			continue
		}
		if c.Name != name {
			t.Errorf("line %d: Lookup(%q).Name = %q, file says %q", i+2, code, c.Name, name)
		}
		seen[code] = true
	}
	if len(seen) != 311 || len(All()) != 311 {
		t.Errorf("file has %d codes, All() has %d; want 311 each", len(seen), len(All()))
	}
	for _, c := range All() {
		if !seen[c.Code] {
			t.Errorf("All() holds %q, which the file lacks", c.Code)
		}
	}
	t.Logf("%d event-code lines agree with Lookup", len(seen))
}

func TestGoldsteinFile(t *testing.T) {
	lines := readLines(t, "data/reference/CAMEO.goldsteinscale.txt")
	if lines[0] != "CAMEOEVENTCODE\tGOLDSTEINSCALE" {
		t.Fatalf("header = %q", lines[0])
	}
	listed := map[string]bool{}
	for i, line := range lines[1:] {
		code, val, _ := strings.Cut(line, "\t")
		want, err := strconv.ParseFloat(val, 64)
		if err != nil {
			t.Errorf("line %d: %v", i+2, err)
			continue
		}
		c, ok := Lookup(code)
		if !ok {
			t.Errorf("line %d: Lookup(%q) not found", i+2, code)
			continue
		}
		if c.Goldstein != want || c.GoldsteinFrom != code {
			t.Errorf("line %d: %s Goldstein = %v from %q, file says %v", i+2, code, c.Goldstein, c.GoldsteinFrom, want)
		}
		listed[code] = true
	}
	// Codes the scale lacks take their nearest listed ancestor's value.
	for _, c := range All() {
		if listed[c.Code] {
			continue
		}
		a := c.Code
		for a != "" && !listed[a] {
			a = Parent(a)
		}
		p, _ := Lookup(a)
		if a == "" || c.GoldsteinFrom != a || c.Goldstein != p.Goldstein {
			t.Errorf("%s: Goldstein %v from %q, want the value of ancestor %q", c.Code, c.Goldstein, c.GoldsteinFrom, a)
		}
	}
	t.Logf("%d Goldstein lines agree with Lookup; %d codes fall back to an ancestor", len(listed), len(All())-len(listed))
}

var ploverLine = regexp.MustCompile(`^(\d+):\s*([A-Z]+)\s*(?:,([^,]*),([^,]*))?$`)

func TestPloverFile(t *testing.T) {
	lines := readLines(t, "data/reference/CAMEO2PLOVER-2021.txt")
	if PloverVersion == "" || !strings.Contains(strings.Join(lines[:5], "\n"), "PLOVER manual version "+PloverVersion) {
		t.Errorf("PloverVersion %q is not the version the file states", PloverVersion)
	}
	// Known oddities of the file, documented in docs/taxonomy.md. If the
	// file changes, these assertions fail and the docs must be revisited.
	notCAMEO := map[string]bool{"1213": true, "1214": true}
	type key struct {
		code  string
		event string
	}
	overridden := map[key]bool{{"08", "RETREAT"}: true} // second "08:" header; the first (CONCEDE) is kept
	mapped := map[string]bool{}
	checked, skipped := 0, 0
	for i, raw := range lines {
		if strings.HasPrefix(raw, "#") {
			continue
		}
		line, _, _ := strings.Cut(raw, "#")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.Trim(line, "~") == "" {
			break
		}
		m := ploverLine.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("line %d: unexpected form %q", i+1, raw)
			continue
		}
		code, event := m[1], m[2]
		mode := strings.Join(strings.Fields(m[3]), " ")
		var context []string
		for _, c := range strings.Split(m[4], ";") {
			if c = strings.TrimSpace(c); c != "" {
				context = append(context, c)
			}
		}
		switch {
		case notCAMEO[code]:
			if Valid(code) {
				t.Errorf("line %d: %s is listed as not CAMEO but Valid says it is", i+1, code)
			}
			skipped++
			continue
		case overridden[key{code, event}]:
			if c, _ := Lookup(code); c.PloverEvent == event {
				t.Errorf("line %d: %s maps to %s; the earlier line should win", i+1, code, event)
			}
			skipped++
			continue
		}
		c, ok := Lookup(code)
		if !ok {
			t.Errorf("line %d: Lookup(%q) not found", i+1, code)
			continue
		}
		if c.PloverEvent != event || c.PloverMode != mode || !slices.Equal(c.PloverContext, context) || c.PloverFrom != code {
			t.Errorf("line %d: %s = %s/%q/%q from %q, file says %s/%q/%q", i+1, code,
				c.PloverEvent, c.PloverMode, c.PloverContext, c.PloverFrom, event, mode, context)
		}
		mapped[code] = true
		checked++
	}
	// Codes without a line inherit from the nearest mapped ancestor, or stay
	// empty when no ancestor is mapped (the 01 and 02 families).
	unmapped := 0
	for _, c := range All() {
		if mapped[c.Code] {
			continue
		}
		a := Parent(c.Code)
		for a != "" && !mapped[a] {
			a = Parent(a)
		}
		want, _ := Lookup(a)
		if c.PloverFrom != a || c.PloverEvent != want.PloverEvent || c.PloverMode != want.PloverMode || !slices.Equal(c.PloverContext, want.PloverContext) {
			t.Errorf("%s: PLOVER %s/%s/%v from %q, want inherited from %q", c.Code, c.PloverEvent, c.PloverMode, c.PloverContext, c.PloverFrom, a)
		}
		if a == "" {
			unmapped++
			if r := c.Root; r != "01" && r != "02" {
				t.Errorf("%s: unexpectedly unmapped", c.Code)
			}
		}
	}
	if checked != 273 || skipped != 3 || unmapped != 39 {
		t.Errorf("checked %d lines, skipped %d, %d codes unmapped; want 273, 3, 39", checked, skipped, unmapped)
	}
	t.Logf("%d PLOVER lines agree with Lookup, %d known exceptions, %d codes unmapped", checked, skipped, unmapped)
}

func TestAllSortedUniqueConsistent(t *testing.T) {
	all := All()
	if len(all) != 311 {
		t.Fatalf("len(All()) = %d, want 311", len(all))
	}
	roots := 0
	for i, c := range all {
		if i > 0 && all[i-1].Code >= c.Code {
			t.Errorf("All()[%d] = %q does not sort after %q", i, c.Code, all[i-1].Code)
		}
		if !Valid(c.Code) || c.Root != Root(c.Code) || c.Quad != QuadClass(c.Code) || c.Quad < 1 || c.Quad > 4 {
			t.Errorf("%s: inconsistent entry %+v", c.Code, c)
		}
		if p := Parent(c.Code); p != "" && !Valid(p) {
			t.Errorf("%s: parent %s is not a code", c.Code, p)
		}
		if c.Goldstein < -10 || c.Goldstein > 10 || c.Name == "" {
			t.Errorf("%s: bad Goldstein %v or empty name", c.Code, c.Goldstein)
		}
		if len(c.Code) == 2 {
			roots++
		}
	}
	if roots != 20 {
		t.Errorf("%d roots, want 20", roots)
	}
}

func TestLookupReturnsCopy(t *testing.T) {
	c, ok := Lookup("030")
	if !ok || len(c.PloverContext) == 0 {
		t.Fatalf("Lookup(030) = %+v, %v", c, ok)
	}
	c.PloverContext[0] = "changed"
	all := All()
	all[0].Name = "changed"
	if d, _ := Lookup("030"); d.PloverContext[0] == "changed" {
		t.Error("Lookup shares its context slice with the table")
	}
	if d, _ := Lookup(all[0].Code); d.Name == "changed" {
		t.Error("All shares entries with the table")
	}
}

func TestLookupExamples(t *testing.T) {
	tests := []struct {
		code      string
		ok        bool
		quad      int
		goldstein float64
		event     string
		mode      string
		context   []string
	}{
		{"01", true, 1, 0, "", "", nil},
		{"0231", true, 1, 3.4, "", "", nil},
		{"03", true, 1, 4, "AGREE", "", nil},
		{"042", true, 1, 1.9, "CONSULT", "visit", nil},
		{"051", true, 1, 3.4, "SUPPORT", "", []string{"diplomatic"}},
		{"08", true, 2, 5, "CONCEDE", "", nil},
		{"0861", true, 2, 9, "RETREAT", "access", []string{"peacekeeping"}},
		{"091", true, 3, -2, "ACCUSE", "investigate", []string{"crime", "corruption"}},
		{"163", true, 4, -8, "COERCE", "restrict", []string{"diplomatic"}},
		{"175", true, 4, -9, "ASSAULT", "pro_autocracy", []string{"military"}},
		{"1823", true, 4, -10, "ASSAULT", "", nil},
		{"2042", true, 4, -10, "ASSAULT", "unconventional", []string{"cbrn"}},
		{"1213", false, 0, 0, "", "", nil},
		{"00", false, 0, 0, "", "", nil},
		{"[023]", false, 0, 0, "", "", nil},
		{"", false, 0, 0, "", "", nil},
	}
	for _, tt := range tests {
		c, ok := Lookup(tt.code)
		if ok != tt.ok || ok != Valid(tt.code) || QuadClass(tt.code) != tt.quad {
			t.Errorf("%q: ok %v, Valid %v, QuadClass %d; want ok %v quad %d", tt.code, ok, Valid(tt.code), QuadClass(tt.code), tt.ok, tt.quad)
			continue
		}
		if c.Goldstein != tt.goldstein || c.PloverEvent != tt.event || c.PloverMode != tt.mode || !slices.Equal(c.PloverContext, tt.context) {
			t.Errorf("%q = %v %s/%q/%q, want %v %s/%q/%q", tt.code, c.Goldstein, c.PloverEvent, c.PloverMode, c.PloverContext,
				tt.goldstein, tt.event, tt.mode, tt.context)
		}
	}
}

func TestRootParentNearest(t *testing.T) {
	tests := []struct {
		code, root, parent, nearest string
	}{
		{"0231", "02", "023", "0231"},
		{"023", "02", "02", "023"},
		{"02", "02", "", "02"},
		{"20", "20", "", "20"},
		{"2042", "20", "204", "2042"},
		{"1213", "12", "121", "121"},  // not CAMEO: nearest is its parent
		{"0110", "01", "011", "011"},  // PETRARCH typo for 010
		{"999", "99", "99", ""},       // shaped like a code, no valid ancestor
		{"2", "", "", ""},             // too short
		{"02311", "", "", ""},         // too long
		{"[023]", "", "", ""},         // not canonical
		{"0a1", "", "", ""},           // not digits
		{"", "", "", ""},              // empty
		{"٠٢٣", "", "", ""},           // non-ASCII digits
		{" 023", "", "", ""},          // white space is not canonical
		{"023 ", "", "", ""},          // white space is not canonical
		{"---", "", "", ""},           // no code
		{"042:043", "", "", ""},       // paired form
		{"12", "12", "", "12"},        // root
		{"121", "12", "12", "121"},    // three digits
		{"1211", "12", "121", "1211"}, // four digits
	}
	for _, tt := range tests {
		if got := Root(tt.code); got != tt.root {
			t.Errorf("Root(%q) = %q, want %q", tt.code, got, tt.root)
		}
		if got := Parent(tt.code); got != tt.parent {
			t.Errorf("Parent(%q) = %q, want %q", tt.code, got, tt.parent)
		}
		got, ok := Nearest(tt.code)
		if got != tt.nearest || ok != (tt.nearest != "") {
			t.Errorf("Nearest(%q) = %q, %v, want %q", tt.code, got, ok, tt.nearest)
		}
	}
}

func TestQuadClass(t *testing.T) {
	tests := []struct {
		code string
		want int
	}{
		{"01", 1}, {"019", 1}, {"0256", 1}, {"05", 1}, {"057", 1},
		{"06", 2}, {"074", 2}, {"08", 2}, {"0874", 2},
		{"09", 3}, {"094", 3}, {"10", 3}, {"1246", 3}, {"13", 3}, {"139", 3},
		{"14", 4}, {"1454", 4}, {"17", 4}, {"19", 4}, {"20", 4}, {"2042", 4},
		{"00", 0}, {"21", 0}, {"1213", 0}, {"[01]", 0}, {"", 0}, {"x", 0},
	}
	for _, tt := range tests {
		if got := QuadClass(tt.code); got != tt.want {
			t.Errorf("QuadClass(%q) = %d, want %d", tt.code, got, tt.want)
		}
	}
	for q, want := range map[int]string{0: "", 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict", 5: ""} {
		if got := QuadName(q); got != want {
			t.Errorf("QuadName(%d) = %q, want %q", q, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  error
	}{
		{"0231", "0231", nil},
		{"[0231]", "0231", nil},
		{" 023 ", "023", nil},
		{"\t[023]\n", "023", nil},
		{"[ 023 ]", "023", nil},
		{"02", "02", nil},
		{"[20]", "20", nil},
		{"---", "", ErrNoCode},
		{"[---]", "", ErrNoCode},
		{" [---] ", "", ErrNoCode},
		{"0110", "0110", ErrUnknownCode},
		{"[1213]", "1213", ErrUnknownCode},
		{"109", "109", ErrUnknownCode},
		{"00", "00", ErrUnknownCode},
		{"", "", ErrMalformed},
		{"[]", "", ErrMalformed},
		{"[", "", ErrMalformed},
		{"023]", "", ErrMalformed},
		{"[023", "", ErrMalformed},
		{"[[023]]", "", ErrMalformed},
		{"[042:043]", "", ErrMalformed},
		{"[080!]", "", ErrMalformed},
		{"[999a]", "", ErrMalformed},
		{"[025?]", "", ErrMalformed},
		{"[+++]", "", ErrMalformed},
		{"[###]", "", ErrMalformed},
		{"[abc]", "", ErrMalformed},
		{"2", "", ErrMalformed},
		{"02311", "", ErrMalformed},
		{"0 23", "", ErrMalformed},
		{"--", "", ErrMalformed},
		{"-023", "", ErrMalformed},
		{"٠٢٣", "", ErrMalformed},
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
			t.Errorf("Normalize(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	// Errors must say what was expected.
	_, err := Normalize("[abc]")
	if err == nil || !strings.Contains(err.Error(), "expected a CAMEO code") {
		t.Errorf("Normalize([abc]) error %v does not describe the expected form", err)
	}
	_, err = Normalize("[042:043]")
	if err == nil || !strings.Contains(err.Error(), "NormalizePair") {
		t.Errorf("Normalize([042:043]) error %v does not point to NormalizePair", err)
	}
}

func TestNormalizePair(t *testing.T) {
	tests := []struct {
		in            string
		first, second string
		err           error
	}{
		{"[042:043]", "042", "043", nil},
		{"[036:036]", "036", "036", nil},
		{" [0356:0356] ", "0356", "0356", nil},
		{"[074:0861]", "074", "0861", nil},
		{"[ 042 : 043 ]", "042", "043", nil},
		{"042:043", "042", "043", nil},
		{"[023]", "023", "", nil},
		{"023", "023", "", nil},
		{"[---]", "", "", ErrNoCode},
		{"[---:043]", "", "", ErrNoCode},
		{"[042:1213]", "042", "1213", ErrUnknownCode},
		{"[042:043:044]", "", "", ErrMalformed},
		{"[042:]", "", "", ErrMalformed},
		{"[:043]", "", "", ErrMalformed},
		{"[042:043", "", "", ErrMalformed},
		{"[042!:043]", "", "", ErrMalformed},
		{"[042:abc]", "", "", ErrMalformed},
	}
	for _, tt := range tests {
		a, b, err := NormalizePair(tt.in)
		if a != tt.first || b != tt.second || !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
			t.Errorf("NormalizePair(%q) = %q, %q, %v; want %q, %q, %v", tt.in, a, b, err, tt.first, tt.second, tt.err)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"0231", "[0231]", " 023 ", "[---]", "---", "[042:043]", "[080!]", "[999a]", "", "[", "]", "[]", "1213", "٠٢٣", "[ 20 ]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Normalize(s)
		switch {
		case err == nil:
			if !Valid(got) {
				t.Fatalf("Normalize(%q) = %q, which is not valid", s, got)
			}
			if again, err := Normalize("[" + got + "]"); again != got || err != nil {
				t.Fatalf("Normalize([%s]) = %q, %v; not idempotent", got, again, err)
			}
			if !strings.Contains(s, got) {
				t.Fatalf("Normalize(%q) = %q, which is not in the input", s, got)
			}
		case errors.Is(err, ErrUnknownCode):
			if Valid(got) || Root(got) == "" || !strings.Contains(s, got) {
				t.Fatalf("Normalize(%q) = %q with ErrUnknownCode", s, got)
			}
		case errors.Is(err, ErrNoCode), errors.Is(err, ErrMalformed):
			if got != "" {
				t.Fatalf("Normalize(%q) = %q with error %v", s, got, err)
			}
			if errors.Is(err, ErrNoCode) && strings.Trim(strings.TrimSpace(s), "[] \t\r\n\v\f") != "---" {
				t.Fatalf("Normalize(%q) reports ErrNoCode", s)
			}
		default:
			t.Fatalf("Normalize(%q) error %v wraps no sentinel", s, err)
		}
		a, b, perr := NormalizePair(s)
		if !strings.Contains(s, ":") && (a != got || b != "" || (perr == nil) != (err == nil)) {
			t.Fatalf("NormalizePair(%q) = %q, %q, %v; Normalize gave %q, %v", s, a, b, perr, got, err)
		}
		if perr == nil && (!Valid(a) || (b != "" && !Valid(b))) {
			t.Fatalf("NormalizePair(%q) = %q, %q: not valid", s, a, b)
		}
	})
}

// TestVerbPatternCodes reads every bracketed code in PETRARCH's CAMEO verb
// dictionary and classifies it with NormalizePair. The counts are the ones
// documented in docs/taxonomy.md.
func TestVerbPatternCodes(t *testing.T) {
	lines := readLines(t, "data/petrarch/CAMEO.verbpatterns.150430.txt")
	bracket := regexp.MustCompile(`\[[^\]]*\]`)
	counts := map[string]int{}
	unknown := map[string]int{}
	for _, line := range lines {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, b := range bracket.FindAllString(line, -1) {
			a, c, err := NormalizePair(b)
			switch {
			case err == nil && c == "":
				counts["single"]++
			case err == nil:
				counts["pair"]++
			case errors.Is(err, ErrNoCode):
				counts["none"]++
			case errors.Is(err, ErrUnknownCode):
				counts["unknown"]++
				for _, x := range []string{a, c} {
					if x != "" && !Valid(x) {
						unknown[x]++
					}
				}
			case errors.Is(err, ErrMalformed):
				counts["malformed"]++
			default:
				t.Errorf("%s: %v", b, err)
			}
		}
	}
	want := map[string]int{"single": 9870, "pair": 909, "none": 692, "unknown": 12, "malformed": 3}
	wantUnknown := map[string]int{"0110": 1, "0330": 1, "0732": 1, "109": 2, "1213": 6, "1214": 1}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("%s codes: %d, want %d", k, counts[k], v)
		}
	}
	for k, v := range wantUnknown {
		if unknown[k] != v {
			t.Errorf("unknown code %s: %d occurrences, want %d", k, unknown[k], v)
		}
	}
	if len(unknown) != len(wantUnknown) {
		t.Errorf("unknown codes %v, want %v", unknown, wantUnknown)
	}
	t.Logf("verb pattern codes: %v; unknown: %v", counts, unknown)
}
