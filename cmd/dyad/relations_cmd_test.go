package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/analysis"
)

// TestRelationsTableMatchesJSON checks that "dyad relations" gives the same
// numbers as a table (read from the store's counts, without evidence) and
// as JSON (read from every observation, with evidence), by month and by
// week.
func TestRelationsTableMatchesJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("codes two years of sample news")
	}
	db := filepath.Join(t.TempDir(), "r.db")
	if code, _, errs := runStoreCLI(t, "", "ingest", "--db", db, "../../examples/news/2021.jsonl", "../../examples/news/2022.jsonl"); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	for _, by := range []string{"month", "week"} {
		code, table, errs := runStoreCLI(t, "", "relations", "--db", db, "--by", by, "CHN", "AFG*")
		if code != 0 {
			t.Fatalf("relations --by %s: exit %d: %s", by, code, errs)
		}
		code, js, errs := runStoreCLI(t, "", "relations", "--db", db, "--by", by, "--json", "CHN", "AFG*")
		if code != 0 {
			t.Fatalf("relations --by %s --json: exit %d: %s", by, code, errs)
		}
		var res analysis.RelationsResult
		if err := json.Unmarshal([]byte(js), &res); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{}
		for _, p := range append(res.Periods, res.Overall) {
			want[p.Period] = strconv.Itoa(p.Total) + " " + fmtOpt(p.ShareA, "%.3f") + " " + fmtOpt(p.ShareB, "%.3f")
			if p.Total > 0 && len(p.Evidence) == 0 {
				t.Errorf("--json %s: period %s has no evidence", by, p.Period)
			}
		}
		rows := 0
		for _, line := range strings.Split(table, "\n")[2:] {
			f := strings.Fields(line)
			if len(f) < 10 {
				continue
			}
			rows++
			// period, events, 4 quads, net (3 fields or "-"), goldstein, shares
			w, ok := want[f[0]]
			if !ok {
				t.Errorf("--by %s: table period %s not in the JSON", by, f[0])
				continue
			}
			if got := f[1] + " " + f[len(f)-2] + " " + f[len(f)-1]; got != w {
				t.Errorf("--by %s, %s: table events and shares %s, JSON %s", by, f[0], got, w)
			}
		}
		if rows != len(res.Periods)+1 || res.Overall.Total == 0 {
			t.Errorf("--by %s: %d table rows, %d periods in the JSON, %d events", by, rows, len(res.Periods), res.Overall.Total)
		}
	}
}
