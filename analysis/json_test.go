package analysis

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"testing"
	"time"
)

// keysOf returns the sorted top-level JSON keys of v.
func keysOf(t *testing.T, v any) []string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestJSONShapes pins the JSON keys documented in docs/analysis.md.
func TestJSONShapes(t *testing.T) {
	ctx := context.Background()
	step := NewMemorySource(monthlyDyad(1, 24, 30, func(m int) float64 { return 0.35 + 0.4*float64(m/12) }))
	rel, err := Relations(ctx, step, chn, tal, RelationsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Trend(ctx, step, chn, tal, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	mv, err := Movers(ctx, NewMemorySource(moversWorld(1)), MoversOptions{Since: day("2022-02-24"), Window: 180 * 24 * time.Hour, MinEvents: 20})
	if err != nil {
		t.Fatal(err)
	}
	aw := NewMemorySource(alignWorld(1))
	al, err := Align(ctx, aw, Code("USA"), Code("GBR"), AlignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	at, err := AlignTop(ctx, aw, Code("USA"), 3, AlignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	obs, _ := blocWorld(7, 3, 8, 6, 0.85, 0.15)
	bl, err := Blocs(ctx, NewMemorySource(obs), BlocsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ap, err := Actor(ctx, aw, Code("USA"), ActorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		v    any
		keys string
	}{
		{"relations", rel, "a b by directed from overall periods to"},
		{"period", rel.Periods[0], "activity_a activity_b end evidence goldstein_mean goldstein_sum net period quad share_a share_b start total"},
		{"quad", rel.Periods[0].Quad, "material_conflict material_coop verbal_conflict verbal_coop"},
		{"net", rel.Periods[0].Net, "hi lo net"},
		{"spec", rel.A, "members name"},
		{"trend", tr, "a b by change_points direction events evidence intercept mann_kendall min_events penalty periods series sigma slope slope_hi slope_lo slope_per_year verdict"},
		{"mann_kendall", tr.MannKendall, "n p s tau var z"},
		{"series", tr.Series[0], "events index net period"},
		{"change_point", tr.ChangePoints[0], "after before date events_after events_before evidence period shift"},
		{"movers", mv, "after_to alpha before_from level min_events movers significant since tested"},
		{"mover", mv.Movers[0], "a after b before change evidence_after evidence_before p q significant z"},
		{"window_stats", mv.Movers[0].Before, "conflict coop events net"},
		{"align", al, "a b co_action cosine evidence level min_events pearson shared third_parties"},
		{"third_party", al.ThirdParties[0], "actor events_a events_b net_a net_b"},
		{"co_action", al.CoAction, "evidence share shared tuples_a tuples_b"},
		{"align_top", at, "a closest compared distant level min_events min_shared"},
		{"align_peer", at.Closest[0], "actor cosine pearson shared"},
		{"blocs", bl, "level weight windows"},
		{"bloc_window", bl.Windows[0], "actors blocs effective_blocs events evidence from modularity to top2_conflict_share"},
		{"bloc", bl.Windows[0].Blocs[0], "activity cohesion evidence id inner_conflicts inner_events label members share"},
		{"actor", ap, "a adversaries contexts events level most_cited net partners quad roots"},
		{"counterpart", ap.Partners[0], "actor conflict coop events evidence net"},
		{"share", ap.Roots[0], "count key share"},
	}
	for _, tt := range tests {
		got := keysOf(t, tt.v)
		want := splitSorted(tt.keys)
		if !slices.Equal(got, want) {
			t.Errorf("%s keys = %v, want %v", tt.name, got, want)
		}
	}
}

func splitSorted(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, s[start:i])
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	sort.Strings(out)
	return out
}
