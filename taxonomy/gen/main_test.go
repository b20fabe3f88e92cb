package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
)

// TestTablesUpToDate regenerates tables.go from the reference files and
// checks that the committed file is byte for byte the same.
func TestTablesUpToDate(t *testing.T) {
	ref := filepath.Dir(shared.Path(t, "data/reference/"+ploverFile))
	got, notes, err := generate(ref)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "tables.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("taxonomy/tables.go is stale: run go run ./taxonomy/gen")
	}
	again, _, err := generate(ref)
	if err != nil || !bytes.Equal(got, again) {
		t.Fatal("generate is not deterministic")
	}
	joined := strings.Join(notes, "\n")
	for _, w := range []string{"code 08 (RETREAT) conflicts", "code 1213 is not in", "code 1214 is not in", "code 175 repeats", "unmapped (no line for the code or any ancestor): 39"} {
		if !strings.Contains(joined, w) {
			t.Errorf("notes lack %q:\n%s", w, joined)
		}
	}
}

func TestReadPlover(t *testing.T) {
	head := "# PLOVER manual version Draft 9, today\n"
	tests := []struct {
		name    string
		in      string
		want    map[string]mapping
		wantErr string
	}{
		{"root and lines", head + "03: AGREE\n030: AGREE,  , diplomatic # c\n0311: AGREE, visit ,   economic ; legal  # c\n",
			map[string]mapping{"03": {event: "AGREE"}, "030": {event: "AGREE", context: []string{"diplomatic"}},
				"0311": {event: "AGREE", mode: "visit", context: []string{"economic", "legal"}}}, ""},
		{"first duplicate wins", head + "08: CONCEDE\n08: RETREAT\n", map[string]mapping{"08": {event: "CONCEDE"}}, ""},
		{"end marker", head + "03: AGREE\n~~~~~\n04: junk line\n", map[string]mapping{"03": {event: "AGREE"}}, ""},
		{"comment holds colon", head + "0813: RETREAT, ,   legal # Ease curfew  21.09.17: \"ease\"\n",
			map[string]mapping{"0813": {event: "RETREAT", context: []string{"legal"}}}, ""},
		{"two fields", head + "030: AGREE, visit\n", nil, "1 or 3"},
		{"four fields", head + "030: AGREE, a, b, c\n", nil, "1 or 3"},
		{"no colon", head + "030 AGREE\n", nil, "want CODE"},
		{"bad code", head + "0a: AGREE\n", nil, "want CODE"},
		{"lower-case event", head + "030: agree, , \n", nil, "upper-case"},
		{"no version", "03: AGREE\n", nil, "no \"# PLOVER manual version"},
	}
	for _, tt := range tests {
		got, version, _, err := readPlover([]byte(tt.in))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || version != "Draft 9, today" || len(got) != len(tt.want) {
			t.Errorf("%s: %v, %q, %d entries; want %d", tt.name, err, version, len(got), len(tt.want))
			continue
		}
		for c, w := range tt.want {
			g := got[c]
			if g.event != w.event || g.mode != w.mode || !slices.Equal(g.context, w.context) {
				t.Errorf("%s: %s = %+v, want %+v", tt.name, c, g, w)
			}
		}
	}
}

func TestReadTSV(t *testing.T) {
	tests := []struct {
		name, in, wantErr string
		n                 int
	}{
		{"ok", "A\tB\n01\tX\n010\tY  z\n\n", "", 2},
		{"crlf", "A\tB\r\n01\tX\r\n", "", 1},
		{"header", "A\tC\n01\tX\n", "header", 0},
		{"duplicate", "A\tB\n01\tX\n01\tY\n", "already on line 2", 0},
		{"no tab", "A\tB\n01 X\n", "want CODE", 0},
		{"bad code", "A\tB\n1\tX\n", "want CODE", 0},
		{"empty value", "A\tB\n01\t \n", "want CODE", 0},
	}
	for _, tt := range tests {
		got, err := readTSV([]byte(tt.in), "f", "A", "B")
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || len(got) != tt.n {
			t.Errorf("%s: %v, %d entries, want %d", tt.name, err, len(got), tt.n)
		}
	}
	got, _ := readTSV([]byte("A\tB\n010\tY  z\n"), "f", "A", "B")
	if got["010"].value != "Y z" || got["010"].line != 2 {
		t.Errorf("value %+v, want white space normalised and line 2", got["010"])
	}
}

func FuzzReadPlover(f *testing.F) {
	f.Add([]byte("# PLOVER manual version X\n03: AGREE\n030: AGREE, , diplomatic; legal # c\n~~~\n"))
	f.Add([]byte("08: A\n08: B\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, version, _, err := readPlover(data)
		if err != nil {
			return
		}
		if version == "" {
			t.Fatal("no error but no version")
		}
		for c, e := range m {
			if !isCode(c) || e.event == "" || strings.ContainsAny(e.event, " \t") {
				t.Fatalf("bad entry %q: %+v", c, e)
			}
			for _, x := range e.context {
				if x == "" || strings.TrimSpace(x) != x {
					t.Fatalf("%s: context %q not normalised", c, x)
				}
			}
		}
	})
}
