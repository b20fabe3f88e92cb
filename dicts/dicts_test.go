package dicts_test

import (
	"testing"

	"github.com/dyad-events/dyad/dictionary"
	"github.com/dyad-events/dyad/dicts"
	"github.com/dyad-events/dyad/eval"
)

// TestActorResolution resolves the project's actor-resolution sets
// (eval/actors/*.tsv: countries, organisations, agents, people with dated
// roles) with the embedded defaults. Target: at least 97% correct.
func TestActorResolution(t *testing.T) {
	d, err := dicts.Default()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := eval.ReadActorDir("../eval/actors")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 400 {
		t.Fatalf("only %d actor cases, want at least 400", len(cases))
	}
	sc := eval.ScoreActors(d, cases)
	for _, m := range sc.Errors {
		t.Logf("%s: %q on %s: want %s, got %q", m.Pos, m.Mention, m.Date, m.Want, m.Got)
	}
	t.Logf("actor resolution: %d of %d correct (%.2f%%)", sc.Correct, sc.Cases, sc.Accuracy)
	if sc.Accuracy < 97 {
		t.Errorf("actor resolution %.2f%% is below the 97%% target", sc.Accuracy)
	}
}

// TestDefaultsLoadAndLint loads the embedded dictionaries and requires the
// linter to find no errors in them.
func TestDefaultsLoadAndLint(t *testing.T) {
	d, err := dicts.Default()
	if err != nil {
		t.Fatal(err)
	}
	st := d.Stats()
	if st.Countries < 197 {
		t.Errorf("%d countries, want every UN member and observer", st.Countries)
	}
	rep, err := dictionary.LintFS(dicts.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep {
		if f.Severity == dictionary.SeverityError {
			t.Errorf("lint: %s", f)
		}
	}
}
