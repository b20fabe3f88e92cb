package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
)

func runDictCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

const (
	dictTestNative = "../../dictionary/testdata/native"
	dictTestLint   = "../../dictionary/testdata/lint"
	dictTestPetr   = "../../dictionary/testdata/petrarch/"
)

func TestDictCommands(t *testing.T) {
	saved := defaultDictFS
	defaultDictFS = nil
	defer func() { defaultDictFS = saved }()
	out := t.TempDir()
	petr := []string{"--petrarch-verbs", dictTestPetr + "test.verbs.txt", "--petrarch-actors", dictTestPetr + "test.actors.txt",
		"--petrarch-agents", dictTestPetr + "test.agents.txt", "--petrarch-discards", dictTestPetr + "test.discards.txt",
		"--petrarch-issues", dictTestPetr + "test.issues.txt"}
	tests := []struct {
		name string
		args []string
		code int
		out  []string // substrings of stdout
	}{
		{"stats", []string{"dict", "stats", "--dict", dictTestNative}, exitOK, []string{"actors            4", "patterns         11   (+ 1 noun patterns)", "load "}},
		{"stats petrarch", append([]string{"dict", "stats"}, petr...), exitOK, []string{"actors            8", "petrarch         14 pattern lines", "words before the verb"}},
		{"stats no set", []string{"dict", "stats"}, exitUsage, nil},
		{"stats both", append([]string{"dict", "stats", "--dict", dictTestNative}, petr...), exitUsage, nil},
		{"stats bad dir", []string{"dict", "stats", "--dict", dictTestLint}, exitError, nil},
		{"stats help", []string{"dict", "stats", "-h"}, exitOK, nil},
		{"lint errors", []string{"dict", "lint", dictTestLint}, exitError, []string{"bad.txt:10: error: [overlap]", "bad.txt:24: warning: [lemma]"}},
		{"lint errors only", []string{"dict", "lint", "--errors-only", dictTestLint}, exitError, []string{"[unreachable]"}},
		{"lint clean", []string{"dict", "lint", dictTestNative}, exitOK, nil},
		{"lint two dirs", []string{"dict", "lint", "a", "b"}, exitUsage, nil},
		{"convert", append([]string{"dict", "convert", "--out", out}, petr...), exitOK, []string{"actors/01-test.actors.txt", "actors            8        8", "not written:"}},
		{"convert no out", append([]string{"dict", "convert"}, petr...), exitUsage, nil},
		{"convert no set", []string{"dict", "convert", "--out", out}, exitUsage, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runDictCLI(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			for _, w := range tc.out {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
		})
	}
	// The converted set loads and lints.
	if code, stdout, _ := runDictCLI(t, "dict", "stats", "--dict", out); code != exitOK || !strings.Contains(stdout, "actors            8") {
		t.Errorf("stats of the converted set: exit %d\n%s", code, stdout)
	}
}

func TestDictHelpTeaches(t *testing.T) {
	for _, sub := range []string{"stats", "lint", "convert"} {
		code, _, stderr := runDictCLI(t, "dict", sub, "-h")
		if code != exitOK || !strings.Contains(stderr, "Examples:") || !strings.Contains(stderr, "dyad dict "+sub) {
			t.Errorf("dict %s -h: exit %d, want usage with examples:\n%s", sub, code, stderr)
		}
	}
}

func TestDictStatsJSON(t *testing.T) {
	code, stdout, stderr := runDictCLI(t, "dict", "stats", "--json", "--dict", dictTestNative)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	for k, want := range map[string]float64{"actors": 4, "countries": 6, "agents": 6, "synsets": 2, "verb_heads": 8, "patterns": 11, "contexts": 2, "discards": 4} {
		if got[k] != want {
			t.Errorf("%s = %v, want %v", k, got[k], want)
		}
	}
	if s, _ := got["load_seconds"].(float64); s <= 0 {
		t.Errorf("load_seconds = %v", got["load_seconds"])
	}
}

func TestDictLintPetrarchValidate(t *testing.T) {
	dir := filepath.Dir(shared.Path(t, "data/petrarch/PETR.Validate.verbs.txt"))
	code, stdout, _ := runDictCLI(t, "dict", "lint", "--petrarch-verbs", filepath.Join(dir, "PETR.Validate.verbs.txt"),
		"--petrarch-actors", filepath.Join(dir, "PETR.Validate.actors.txt"), "--petrarch-agents", filepath.Join(dir, "PETR.Validate.agents.txt"))
	if code != exitError || !strings.Contains(stdout, "[code-shape]") {
		t.Errorf("lint of PETR.Validate: exit %d, want 1 with code-shape errors:\n%s", code, stdout)
	}
}
