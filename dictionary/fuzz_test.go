package dictionary

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fuzzLoad writes data to a temporary file and runs one PETRARCH loader on
// it in both modes: it must never panic, and a successful load must give a
// dictionary whose matcher and stats work.
func fuzzLoad(t *testing.T, data []byte, files func(string) PetrarchFiles) {
	p := filepath.Join(t.TempDir(), "f.txt")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, skip := range []bool{false, true} {
		d, err := LoadPetrarchOptions(files(p), Options{SkipBadEntries: skip})
		if err != nil {
			if !strings.Contains(err.Error(), "f.txt") {
				t.Fatalf("error without the file name: %v", err)
			}
			continue
		}
		exercise(t, d)
	}
}

// exercise runs the lookup methods over a fixed sentence.
func exercise(t *testing.T, d *Dictionary) {
	tk := toks("The Afghan government of Kabul said U.S. troops and al-Qaeda met in Beijing.")
	ms := d.MergeAgents(tk, d.MatchActors(tk, time.Date(2022, 3, 28, 0, 0, 0, 0, time.UTC)), time.Time{})
	for _, m := range ms {
		if m.Start < 0 || m.End > len(tk) || m.Start >= m.End {
			t.Fatalf("bad match range %d-%d", m.Start, m.End)
		}
		_ = m.Entry()
	}
	d.Contexts(tk)
	d.DiscardStory(tk)
	_ = d.Stats()
	for _, h := range d.VerbHeads() {
		for _, p := range d.PatternsFor(h) {
			_ = p.Specificity()
		}
	}
	Lint(d)
}

func FuzzNative(f *testing.F) {
	for _, p := range []string{"actors/countries.txt", "actors/people.txt", "agents/agents.txt", "verbs/verbs.txt", "misc/misc.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata/native", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("actor X\n  code CHNGOV 2013..\n  | y\n040 meet with=$ | x\n"))
	f.Add([]byte("\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, skip := range []bool{false, true} {
			d, err := ParseNative("f.txt", data, Options{SkipBadEntries: skip})
			if err != nil {
				if !strings.Contains(err.Error(), "f.txt") {
					t.Fatalf("error without the file name: %v", err)
				}
				continue
			}
			exercise(t, d)
		}
	})
}

func FuzzPetrarchVerbs(f *testing.F) {
	b, err := os.ReadFile("testdata/petrarch/test.verbs.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("--- X [010:011] ---\n+A_B {C D}\n- $ * + _ ^ % &Y [---]\n&Y_\n+&Y\n"))
	f.Add([]byte("--- [ ---\n- * [\n-\n&\n+\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, func(p string) PetrarchFiles { return PetrarchFiles{Verbs: p} })
	})
}

func FuzzPetrarchActors(f *testing.F) {
	b, err := os.ReadFile("testdata/petrarch/test.actors.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("A [B <] [C >1] [D 1-2] [E 20200101-20191231]\n\t[F\n+G [H]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, func(p string) PetrarchFiles { return PetrarchFiles{Actors: []string{p}} })
	})
}

func FuzzPetrarchAgents(f *testing.F) {
	b, err := os.ReadFile("testdata/petrarch/test.agents.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("!A! = \nX!A! [~B]\n!!! [~]\nY {Z [~C]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, func(p string) PetrarchFiles { return PetrarchFiles{Agents: p} })
	})
}

func FuzzDiscards(f *testing.F) {
	for _, p := range []string{"testdata/petrarch/test.discards.txt", "testdata/petrarch/test.issues.txt"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("+\n_\n+_\nn:v:+ [X]\n~~\n<ISSUE CATEGORY=\">\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, func(p string) PetrarchFiles { return PetrarchFiles{Discards: p} })
		fuzzLoad(t, data, func(p string) PetrarchFiles { return PetrarchFiles{Issues: p} })
	})
}
