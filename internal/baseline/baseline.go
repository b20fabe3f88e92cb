// Package baseline reads eval/baselines.json: the evaluation figures that
// README.md states, each with the tolerance CI allows below it. Tests and
// the CI checker compare fresh measurements against them, so a regression
// fails while the published figures stay honest.
package baseline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
)

// Figure is one stated figure.
type Figure struct {
	Result    string  `json:"result"`    // file the CI evaluation writes (bin/eval/…)
	Key       string  `json:"key"`       // JSON key in that file
	Value     float64 `json:"value"`     // the figure README.md states
	Tolerance float64 `json:"tolerance"` // allowed drop below Value
	Target    float64 `json:"target,omitempty"`
	What      string  `json:"what"`
}

// Load reads a baselines file.
func Load(path string) (map[string]Figure, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]Figure
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// Check fails tb when got is more than the tolerance below the stated
// figure name, and logs how far it stands from its target.
func Check(tb testing.TB, name string, got float64) {
	tb.Helper()
	m, err := Load(filepath.Join(shared.ModuleRoot(), "eval", "baselines.json"))
	if err != nil {
		tb.Fatal(err)
	}
	f, ok := m[name]
	if !ok {
		tb.Fatalf("no baseline %q in eval/baselines.json", name)
	}
	if got < f.Value-f.Tolerance {
		tb.Errorf("%s = %.4g, more than %.4g below the stated %.4g", name, got, f.Tolerance, f.Value)
	}
	if f.Target != 0 {
		if got < f.Target {
			tb.Logf("%s = %.4g (stated %.4g); the target %.4g is not reached yet", name, got, f.Value, f.Target)
		} else {
			tb.Logf("%s = %.4g (stated %.4g) meets the target %.4g", name, got, f.Value, f.Target)
		}
	}
}
