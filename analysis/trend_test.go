package analysis

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
)

var (
	chn = Code("CHN")
	tal = Code("AFGGOVTAL")
)

func TestTrendStepChange(t *testing.T) {
	// Cooperative share 0.35 for 12 months, then 0.75: the change starts at
	// 2021-01. Every seed must find it within one period.
	for seed := uint64(1); seed <= 20; seed++ {
		obs := monthlyDyad(seed, 24, 30, func(m int) float64 {
			if m < 12 {
				return 0.35
			}
			return 0.75
		})
		res, err := Trend(context.Background(), NewMemorySource(obs), chn, tal, TrendOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.ChangePoints) == 0 {
			t.Fatalf("seed %d: no change point; series %+v", seed, res.Series)
		}
		var best ChangePoint
		for _, c := range res.ChangePoints {
			if c.Shift > best.Shift {
				best = c
			}
		}
		got := Month.index(day("2020-01-01"), day(best.Date))
		if got < 11 || got > 13 {
			t.Errorf("seed %d: change point at %s (month %d), want month 12 ± 1", seed, best.Date, got)
		}
		if !near(best.Before, -0.3, 0.15) || !near(best.After, 0.5, 0.15) {
			t.Errorf("seed %d: shift %+.2f → %+.2f, want −0.30 → +0.50 ± 3 sd; change points %+v", seed, best.Before, best.After, res.ChangePoints)
		}
		if res.Direction != "closer" || !strings.HasPrefix(res.Verdict, "drawing closer since 2021-0") || len(best.Evidence) == 0 {
			t.Errorf("seed %d: direction %s, verdict %q", seed, res.Direction, res.Verdict)
		}
		if res.Slope <= 0 || res.MannKendall.P >= 0.05 {
			t.Errorf("seed %d: slope %v, MK %+v", seed, res.Slope, res.MannKendall)
		}
	}
}

func TestTrendDriftingApart(t *testing.T) {
	obs := monthlyDyad(3, 36, 25, func(m int) float64 { return 0.9 - 0.02*float64(m) })
	res, err := Trend(context.Background(), NewMemorySource(obs), chn, tal, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Direction != "apart" || !strings.HasPrefix(res.Verdict, "drifting apart") || res.SlopePerYear > -0.3 {
		t.Errorf("direction %s slope/yr %.3f verdict %q", res.Direction, res.SlopePerYear, res.Verdict)
	}
	if !strings.Contains(res.Verdict, "n = 900 events") {
		t.Errorf("verdict %q lacks the event count", res.Verdict)
	}
}

func TestTrendNoChange(t *testing.T) {
	// A stationary dyad: no change point and Mann–Kendall p > 0.05 in at
	// least 95% of 200 seeds.
	ok, mkOK, cpOK := 0, 0, 0
	for seed := uint64(1); seed <= 200; seed++ {
		obs := monthlyDyad(1000+seed, 24, 30, func(int) float64 { return 0.6 })
		res, err := Trend(context.Background(), NewMemorySource(obs), chn, tal, TrendOptions{})
		if err != nil {
			t.Fatal(err)
		}
		m, c := res.MannKendall.P > 0.05, len(res.ChangePoints) == 0
		if m {
			mkOK++
		}
		if c {
			cpOK++
		}
		if m && c {
			ok++
			if res.Direction != "none" || !strings.HasPrefix(res.Verdict, "no significant change (p = ") {
				t.Errorf("seed %d: verdict %q", seed, res.Verdict)
			}
		}
	}
	t.Logf("no-change: %d/200 clean (MK p > 0.05: %d, no change point: %d)", ok, mkOK, cpOK)
	if ok < 190 {
		t.Errorf("only %d/200 seeds clean (MK %d, PELT %d), want ≥ 190", ok, mkOK, cpOK)
	}
}

func TestTrendNotEnoughData(t *testing.T) {
	obs := monthlyDyad(1, 2, 10, func(int) float64 { return 0.5 })
	_, err := Trend(context.Background(), NewMemorySource(obs), chn, tal, TrendOptions{})
	if !errors.Is(err, dyad.ErrNotEnoughData) || !strings.Contains(err.Error(), "not enough data (n = 2)") {
		t.Errorf("two periods: err = %v", err)
	}
	// Periods below MinEvents do not count.
	obs = monthlyDyad(1, 12, 3, func(int) float64 { return 0.5 })
	_, err = Trend(context.Background(), NewMemorySource(obs), chn, tal, TrendOptions{MinEvents: 5})
	if !errors.Is(err, dyad.ErrNotEnoughData) || !strings.Contains(err.Error(), "(n = 0)") {
		t.Errorf("sparse periods: err = %v", err)
	}
}

func TestTrendRiseAndFall(t *testing.T) {
	// Up for 8 months, then back down: no monotone trend, but shifts.
	obs := monthlyDyad(5, 24, 40, func(m int) float64 {
		if m >= 8 && m < 16 {
			return 0.85
		}
		return 0.3
	})
	res, err := Trend(context.Background(), NewMemorySource(obs), chn, tal, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.ChangePoints) != 2 || res.ChangePoints[0].Period != "2020-09" || res.ChangePoints[1].Period != "2021-05" {
		t.Fatalf("change points %+v, want 2020-09 and 2021-05", res.ChangePoints)
	}
	if res.ChangePoints[0].Shift < 0.8 || res.ChangePoints[1].Shift > -0.8 {
		t.Errorf("shifts %+.2f, %+.2f", res.ChangePoints[0].Shift, res.ChangePoints[1].Shift)
	}
	if res.Direction != "none" || !strings.Contains(res.Verdict, "no significant trend") || !strings.Contains(res.Verdict, "but a shift in") {
		t.Errorf("direction %s, verdict %q", res.Direction, res.Verdict)
	}
}
