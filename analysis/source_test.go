package analysis

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

func TestSpecMatch(t *testing.T) {
	west := Group{Name: "west", Members: []string{"USA", "GBR", "FRA", "DEU", "IGONAT*"}}
	tests := []struct {
		spec Spec
		code string
		want bool
	}{
		{west, "USAGOV", true},
		{west, "USA", true},
		{west, "GBRMIL", true},
		{west, "IGONATO", true},
		{west, "CHNGOV", false},
		{west, "RUS", false},
		{Code("CHN*"), "CHNGOV", true},
		{Code("CHN*"), "CHN", true},
		{Code("CHNGOV"), "CHNGOV", true},
		{Code("CHNGOV"), "CHNMIL", false},
		{Code("CHNGOV"), "CHNGOVMIL", false},
		{Code("AFGGOVTAL"), "AFGGOVTAL", true},
		{Code("AFGGOVTAL"), "AFGGOV", false},
	}
	for _, tt := range tests {
		if got := tt.spec.Match(tt.code); got != tt.want {
			t.Errorf("%s.Match(%s) = %v, want %v", tt.spec.Label(), tt.code, got, tt.want)
		}
		if got := newMatcher(tt.spec.Patterns()).match(tt.code); got != tt.want {
			t.Errorf("matcher %v on %s = %v, want %v", tt.spec.Patterns(), tt.code, got, tt.want)
		}
	}
}

func TestParseSpec(t *testing.T) {
	groups := map[string]Group{"west": {Name: "west", Members: []string{"USA", "GBR"}}}
	tests := []struct {
		in      string
		name    string
		members string
		err     bool
	}{
		{"CHNGOV", "CHNGOV", "CHNGOV", false},
		{"chn*", "chn*", "CHN*", false},
		{"west", "west", "USA,GBR", false},
		{"axis=RUS, IRN ,PRK", "axis", "RUS,IRN,PRK", false},
		{"", "", "", true},
		{"a=,", "", "", true},
		{"C*N", "", "", true},
	}
	for _, tt := range tests {
		s, err := ParseSpec(tt.in, groups)
		if tt.err {
			if !errors.Is(err, dyad.ErrInvalidInput) {
				t.Errorf("ParseSpec(%q) error = %v, want ErrInvalidInput", tt.in, err)
			}
			continue
		}
		if err != nil || s.Name != tt.name || strings.Join(s.Members, ",") != tt.members {
			t.Errorf("ParseSpec(%q) = %+v, %v; want %s=%s", tt.in, s, err, tt.name, tt.members)
		}
	}
}

func TestMemorySourceSelection(t *testing.T) {
	src := NewMemorySource([]Obs{
		ev("3", day("2022-03-01"), "USAGOV", "RUS", 3),
		ev("1", day("2022-01-01"), "CHNGOV", "AFGGOVTAL", 1),
		ev("2", day("2022-02-01"), "RUSMIL", "UKR", 4),
		ev("4", day("2022-04-01"), "FRA", "DEU", 1),
	})
	ids := func(sel Selection) string {
		obs, err := src.Observations(context.Background(), sel)
		if err != nil {
			t.Fatal(err)
		}
		var s []string
		for _, o := range obs {
			s = append(s, o.ID)
		}
		return strings.Join(s, ",")
	}
	tests := []struct {
		sel  Selection
		want string
	}{
		{Selection{}, "1,2,3,4"},
		{Selection{Actors: []string{"RUS*"}}, "2,3"},
		{Selection{Actors: []string{"RUS"}}, "3"}, // exact code RUS only; the prefix form is RUS*
		{Selection{Actors: []string{"RUSMIL", "FRA*"}}, "2,4"},
		{Selection{From: day("2022-02-01"), To: day("2022-04-01")}, "2,3"},
		{Selection{Actors: Code("USA").Patterns(), From: day("2022-02-15")}, "3"},
	}
	for _, tt := range tests {
		if got := ids(tt.sel); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.sel, got, tt.want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := src.Observations(ctx, Selection{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
}

func TestPeriodStart(t *testing.T) {
	tests := []struct {
		p     Period
		in    string
		start string
		label string
	}{
		{Day, "2021-08-15", "2021-08-15", "2021-08-15"},
		{Week, "2021-08-15", "2021-08-09", "2021-08-09"}, // Sunday → Monday before
		{Week, "2021-08-16", "2021-08-16", "2021-08-16"},
		{Month, "2021-08-15", "2021-08-01", "2021-08"},
	}
	for _, tt := range tests {
		s := tt.p.start(day(tt.in))
		if s.Format(time.DateOnly) != tt.start || tt.p.label(s) != tt.label {
			t.Errorf("%s start(%s) = %s (%s), want %s (%s)", tt.p, tt.in, s.Format(time.DateOnly), tt.p.label(s), tt.start, tt.label)
		}
	}
	if n := Month.index(day("2020-11-01"), day("2021-02-01")); n != 3 {
		t.Errorf("month index = %d, want 3", n)
	}
}

func TestCountryKey(t *testing.T) {
	for in, want := range map[string]string{"USAGOV": "USA", "USA": "USA", "IGOUNO": "IGOUNO", "IGOUNOWHO": "IGOUNO", "AFGGOVTAL": "AFG", "NGOAMN": "NGOAMN"} {
		if got := countryKey(in); got != want {
			t.Errorf("countryKey(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestNotEnoughDataMessage(t *testing.T) {
	err := notEnough("trend", "periods", 2, 4)
	if !errors.Is(err, dyad.ErrNotEnoughData) || !strings.Contains(err.Error(), "not enough data (n = 2)") {
		t.Errorf("error %q does not wrap ErrNotEnoughData with n", err)
	}
	var ne *NotEnoughDataError
	if !errors.As(err, &ne) || ne.N != 2 || ne.Min != 4 {
		t.Errorf("errors.As: %+v", ne)
	}
}

// TestMemorySourceIndexMatchesScan checks the index against the plain scan.
func TestMemorySourceIndexMatchesScan(t *testing.T) {
	obs := moversWorld(9)
	idx := NewMemorySource(obs)
	scan := &MemorySource{obs: idx.obs, scan: true}
	ctx := context.Background()
	for _, sel := range []Selection{
		{Actors: []string{"RUS*"}},
		{Actors: []string{"RUSGOV", "CHN*", "USA*"}, From: day("2022-01-01"), To: day("2022-06-01")},
		{Actors: []string{"AFGGOVTAL"}},
		{Actors: []string{"U*"}}, // too short for the index: scan
		{Actors: []string{"XYZ*"}},
	} {
		a, err := idx.Observations(ctx, sel)
		if err != nil {
			t.Fatal(err)
		}
		b, err := scan.Observations(ctx, sel)
		if err != nil {
			t.Fatal(err)
		}
		if len(a) != len(b) {
			t.Fatalf("%v: index %d, scan %d", sel.Actors, len(a), len(b))
		}
		for i := range a {
			if a[i].ID != b[i].ID {
				t.Fatalf("%v: #%d index %s, scan %s", sel.Actors, i, a[i].ID, b[i].ID)
			}
		}
		if sel.Actors[0] == "RUS*" && len(a) != 160 {
			t.Errorf("RUS*: %d observations, want 160", len(a))
		}
	}
}
