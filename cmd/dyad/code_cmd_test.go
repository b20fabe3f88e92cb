package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
)

func TestCodeCommand(t *testing.T) {
	code, out, errs := runParseCLI(t, "Russian forces attacked Ukraine on Thursday.\n", "code", "--date", "2022-02-24", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) == 0 || lines[0] == "" {
		t.Fatalf("no events on stdout; stderr: %s", errs)
	}
	for _, l := range lines {
		var ev dyad.Event
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("not JSON Lines: %v: %s", err, l)
		}
		if ev.ID == "" || ev.Pattern == "" || ev.Date != "2022-02-24" || ev.SentenceText == "" {
			t.Errorf("incomplete event: %s", l)
		}
	}
	var first dyad.Event
	_ = json.Unmarshal([]byte(lines[0]), &first)
	if first.Source.Code != "RUSMIL" || first.Target.Code != "UKR" || first.Root != "19" {
		t.Errorf("event = %s %s %s, want RUSMIL UKR 19x", first.Source.Code, first.Target.Code, first.CAMEO)
	}
}

func TestCodeCommandCSVAndErrors(t *testing.T) {
	code, out, errs := runParseCLI(t, "Russian forces attacked Ukraine.\n", "code", "--date", "2022-02-24", "--format", "csv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 || rows[0][0] != "id" || len(rows[1]) != len(csvHeader) {
		t.Fatalf("bad CSV (%v): %q", err, out)
	}
	if c, _, _ := runParseCLI(t, "", "code", "--date", "28/03/2022"); c != exitUsage {
		t.Errorf("bad --date: exit %d, want %d", c, exitUsage)
	}
	if c, _, _ := runParseCLI(t, "", "code", "--format", "xml"); c != exitUsage {
		t.Errorf("bad --format: exit %d, want %d", c, exitUsage)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(good, []byte("China and Russia signed an agreement."), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, _, e := runParseCLI(t, "", "code", good, filepath.Join(dir, "missing.txt")); c != exitPartial || !strings.Contains(e, "missing.txt") {
		t.Errorf("one missing input: exit %d (want %d), stderr %q", c, exitPartial, e)
	}
	if c, _, _ := runParseCLI(t, "", "code", "--dict-only", filepath.Join(dir, "nope")); c != exitError {
		t.Errorf("missing dictionary: exit %d, want %d", c, exitError)
	}
}

func TestCodeExplain(t *testing.T) {
	code, out, errs := runParseCLI(t, "Russia did not attack Ukraine.\n", "code", "--explain", "--date", "2022-02-24")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"sentence 0", "tree:", "mention:", "negated"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "EVENT") {
		t.Errorf("negated attack coded an event:\n%s", out)
	}
}

// TestCodePetrarchCompat: with --petrarch-compat a promise codes as the
// act itself, as PETRARCH codes it, where dyad's default codes intent.
func TestCodePetrarchCompat(t *testing.T) {
	const text = "China will send humanitarian aid to Afghanistan.\n"
	for _, tc := range []struct {
		flags []string
		root  string
	}{{nil, "03"}, {[]string{"--petrarch-compat"}, "07"}} {
		args := append([]string{"code", "--date", "2022-01-01"}, tc.flags...)
		code, out, errs := runParseCLI(t, text, append(args, "-")...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", tc.flags, code, errs)
		}
		var ev dyad.Event
		if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &ev); err != nil {
			t.Fatalf("%v: %v: %q", tc.flags, err, out)
		}
		if ev.Source.Code != "CHN" || ev.Target.Code != "AFG" || ev.Root != tc.root {
			t.Errorf("%v: %s %s %s, want CHN AFG root %s", tc.flags, ev.Source.Code, ev.Target.Code, ev.CAMEO, tc.root)
		}
	}
}

// TestCodeHypothetical: a conditional act is dropped by default and coded
// with modality hypothetical under --hypothetical.
func TestCodeHypothetical(t *testing.T) {
	const text = "Russia could attack Ukraine if talks fail.\n"
	for _, tc := range []struct {
		flags []string
		want  bool
	}{{nil, false}, {[]string{"--hypothetical"}, true}} {
		args := append([]string{"code", "--date", "2022-01-01"}, tc.flags...)
		code, out, errs := runParseCLI(t, text, append(args, "-")...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", tc.flags, code, errs)
		}
		got := false
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var ev dyad.Event
			if l == "" || json.Unmarshal([]byte(l), &ev) != nil {
				continue
			}
			if ev.Root == "19" || ev.Root == "18" || ev.Root == "13" {
				got = true
				if ev.Modality != dyad.ModalityHypothetical {
					t.Errorf("%v: modality %q, want hypothetical", tc.flags, ev.Modality)
				}
			}
		}
		if got != tc.want {
			t.Errorf("%v: conditional attack coded = %v, want %v (%s)", tc.flags, got, tc.want, out)
		}
	}
}
