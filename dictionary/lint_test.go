package dictionary

import (
	"strings"
	"testing"
)

func TestLintGolden(t *testing.T) {
	fs, err := LintDir("testdata/lint")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	golden(t, "lint.golden", b.String())
	checks := map[string]int{}
	for _, f := range fs {
		checks[f.Severity.String()+" "+f.Check]++
	}
	for _, want := range []string{"error load", "error duplicate-name", "error overlap", "error unreachable", "warning lemma", "warning synset"} {
		if checks[want] == 0 {
			t.Errorf("no %q finding in\n%s", want, b.String())
		}
	}
}

func TestLintCleanSet(t *testing.T) {
	fs, err := LintDir("testdata/native")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Severity == SeverityError {
			t.Errorf("unexpected error on the clean test set: %s", f)
		}
	}
}
