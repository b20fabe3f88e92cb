package analysis

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// moversWorld: 12 stable dyads (share 0.6) and two planted movers: RUS–DEU
// falls from 0.8 to 0.2, CHN–AFG rises from 0.3 to 0.7. since = 2022-02-24.
func moversWorld(seed uint64) []Obs {
	r := rand.New(rand.NewPCG(seed, 3))
	since := day("2022-02-24")
	pairs := [][2]string{{"USAGOV", "GBR"}, {"FRA", "DEU"}, {"JPN", "KOR"}, {"IND", "PAK"}, {"BRA", "ARG"},
		{"EGY", "ISR"}, {"TUR", "GRC"}, {"NGA", "GHA"}, {"MEX", "USA"}, {"CAN", "USA"}, {"AUS", "NZL"}, {"ESP", "PRT"},
		{"RUSGOV", "DEUGOV"}, {"CHNGOV", "AFGGOVTAL"}}
	var out []Obs
	n := 0
	for i, p := range pairs {
		for w := 0; w < 2; w++ {
			share := 0.6
			switch {
			case i == 12 && w == 0:
				share = 0.8
			case i == 12 && w == 1:
				share = 0.2
			case i == 13 && w == 0:
				share = 0.3
			case i == 13 && w == 1:
				share = 0.7
			}
			for k := 0; k < 80; k++ {
				d := since.AddDate(0, 0, r.IntN(180))
				if w == 0 {
					d = since.AddDate(0, 0, -1-r.IntN(180))
				}
				out = append(out, ev(fmt.Sprintf("m%d", n), d, p[0], p[1], quadFor(r, share)))
				n++
			}
		}
	}
	// A rare dyad below MinEvents in one window.
	out = append(out, ev("rare", since.AddDate(0, 0, 3), "CUB", "VEN", 1))
	return out
}

func TestMovers(t *testing.T) {
	src := NewMemorySource(moversWorld(1))
	res, err := Movers(context.Background(), src, MoversOptions{Since: day("2022-02-24"), Window: 180 * 24 * time.Hour, MinEvents: 20, Evidence: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Tested != 14 {
		t.Errorf("tested %d dyads, want 14", res.Tested)
	}
	if res.Significant < 2 || res.Significant > 3 {
		t.Errorf("significant = %d, want the 2 planted movers (3 at most)", res.Significant)
	}
	top := res.Movers[0]
	if top.A != "DEU" || top.B != "RUS" || top.Change > -0.8 || !top.Significant || top.Q >= 0.001 {
		t.Errorf("top mover %+v, want DEU–RUS falling by about 1.2", top)
	}
	second := res.Movers[1]
	if second.A != "AFG" || second.B != "CHN" || second.Change < 0.4 || !second.Significant {
		t.Errorf("second mover %+v, want AFG–CHN rising by about 0.8", second)
	}
	if len(top.EvidenceBefore) != 3 || len(top.EvidenceAfter) != 3 {
		t.Errorf("evidence %v / %v, want 3 each", top.EvidenceBefore, top.EvidenceAfter)
	}
	for _, m := range res.Movers {
		if m.Q < m.P {
			t.Errorf("%s–%s: q %v < p %v", m.A, m.B, m.Q, m.P)
		}
	}
	// Code level keeps RUSGOV–DEUGOV.
	res, err = Movers(context.Background(), src, MoversOptions{Since: day("2022-02-24"), Window: 180 * 24 * time.Hour, MinEvents: 20, Level: LevelCode})
	if err != nil {
		t.Fatal(err)
	}
	if res.Movers[0].A != "DEUGOV" || res.Movers[0].B != "RUSGOV" {
		t.Errorf("code level top %s–%s", res.Movers[0].A, res.Movers[0].B)
	}
}

func TestMoversErrors(t *testing.T) {
	src := NewMemorySource(moversWorld(2))
	_, err := Movers(context.Background(), src, MoversOptions{Since: day("2022-02-24"), Window: 180 * 24 * time.Hour, MinEvents: 500})
	if !errors.Is(err, dyad.ErrNotEnoughData) {
		t.Errorf("min events too high: err = %v", err)
	}
	_, err = Movers(context.Background(), src, MoversOptions{Since: day("2022-02-24")})
	if !errors.Is(err, dyad.ErrInvalidInput) {
		t.Errorf("no window: err = %v", err)
	}
}

func TestMoversEvidenceBelongs(t *testing.T) {
	obs := moversWorld(4)
	byID := map[string]Obs{}
	for _, o := range obs {
		byID[o.ID] = o
	}
	since := day("2022-02-24")
	res, err := Movers(context.Background(), NewMemorySource(obs), MoversOptions{Since: since, Window: 180 * 24 * time.Hour, MinEvents: 20, Top: -1, Evidence: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Movers) != res.Tested {
		t.Errorf("Top < 0 returned %d of %d", len(res.Movers), res.Tested)
	}
	for _, m := range res.Movers {
		check := func(ids []string, after bool) {
			for _, id := range ids {
				o := byID[id]
				pair := map[string]bool{countryKey(o.Source): true, countryKey(o.Target): true}
				if !pair[m.A] || !pair[m.B] || o.Date.Before(since) != !after {
					t.Errorf("%s–%s: evidence %s (%s %s→%s) does not belong", m.A, m.B, id, o.Date.Format(time.DateOnly), o.Source, o.Target)
				}
			}
		}
		check(m.EvidenceBefore, false)
		check(m.EvidenceAfter, true)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Movers(ctx, NewMemorySource(obs), MoversOptions{Since: since, Window: time.Hour}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}
