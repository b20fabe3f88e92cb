// Command checkbaselines compares evaluation results (JSON objects written by
// "dyad eval … --json") with the figures stated in eval/baselines.json, and
// checks that README.md states the same figures. It exits 1 when a metric
// falls more than its tolerance below the stated figure, or when the README
// and baselines.json disagree.
//
// Usage: go run ./eval/cmd/checkbaselines -baselines eval/baselines.json -readme README.md -results DIR
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad/internal/baseline"
)

func main() {
	basePath := flag.String("baselines", "eval/baselines.json", "stated figures")
	readme := flag.String("readme", "README.md", "README that must state the same figures")
	results := flag.String("results", "bin/eval", "directory of JSON results")
	flag.Parse()
	if err := run(*basePath, *readme, *results); err != nil {
		fmt.Fprintln(os.Stderr, "checkbaselines:", err)
		os.Exit(1)
	}
}

func run(basePath, readmePath, resultsDir string) error {
	bs, err := baseline.Load(basePath)
	if err != nil {
		return err
	}
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(bs))
	for n := range bs {
		names = append(names, n)
	}
	sort.Strings(names)
	failed := 0
	for _, n := range names {
		b := bs[n]
		marker := fmt.Sprintf("<!-- baseline %s=%s -->", n, strconv.FormatFloat(b.Value, 'f', -1, 64))
		if !strings.Contains(string(readme), marker) {
			fmt.Printf("FAIL %-28s README does not state %s\n", n, marker)
			failed++
			continue
		}
		got, err := readMetric(filepath.Join(resultsDir, b.Result), b.Key)
		if err != nil {
			fmt.Printf("FAIL %-28s %v\n", n, err)
			failed++
			continue
		}
		status := "ok  "
		if got < b.Value-b.Tolerance {
			status = "FAIL"
			failed++
		}
		fmt.Printf("%s %-28s measured %8.2f  stated %8.2f  (tolerance %.2f)\n", status, n, got, b.Value, b.Tolerance)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d baselines failed", failed, len(names))
	}
	return nil
}

func readMetric(path, key string) (float64, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	v, ok := m[key].(float64)
	if !ok {
		return 0, fmt.Errorf("%s: no numeric key %q", path, key)
	}
	return v, nil
}
