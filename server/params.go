package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
)

// params reads query parameters with typed errors.
type params struct{ r *http.Request }

func (p params) str(name string) string { return strings.TrimSpace(p.r.URL.Query().Get(name)) }

// list returns repeated or comma-separated values.
func (p params) list(name string) []string {
	var out []string
	for _, v := range p.r.URL.Query()[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func (p params) int(name string, def, min, max int) (int, error) {
	s := p.str(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, badData("parameter %s=%q: want an integer from %d to %d", name, s, min, max)
	}
	return n, nil
}

func (p params) float(name string, def, min, max float64) (float64, error) {
	s := p.str(name)
	if s == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < min || f > max {
		return 0, badData("parameter %s=%q: want a number from %g to %g", name, s, min, max)
	}
	return f, nil
}

func (p params) bool(name string) (bool, error) {
	s := p.str(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, badData("parameter %s=%q: want true or false", name, s)
	}
	return b, nil
}

// date parses YYYY-MM-DD, YYYY-MM or YYYY; end selects the last day of a
// month or year (inclusive upper bounds).
func (p params) date(name string, end bool) (time.Time, error) {
	s := p.str(name)
	if s == "" {
		return time.Time{}, nil
	}
	t, ok := store.EventDay(s)
	if !ok {
		return time.Time{}, badData("parameter %s=%q: want YYYY-MM-DD, YYYY-MM or YYYY", name, s)
	}
	if end {
		switch len(s) {
		case 4:
			t = t.AddDate(1, 0, -1)
		case 7:
			t = t.AddDate(0, 1, -1)
		}
	}
	return t, nil
}

// dateRange reads from and to as the half-open range [from, to+1 period)
// used by the analyses.
func (p params) dateRange() (from, to time.Time, err error) {
	if from, err = p.date("from", false); err != nil {
		return
	}
	if to, err = p.date("to", true); err != nil {
		return
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1)
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		err = badData("from %s is after to %s", p.str("from"), p.str("to"))
	}
	return
}

// spec reads an actor set (CHN, CHNGOV, CHN*, USA,GBR or west=USA,GBR).
func (p params) spec(name string, required bool) (analysis.Spec, bool, error) {
	s := p.str(name)
	if s == "" {
		if required {
			return analysis.Spec{}, false, badData("parameter %s is required (an actor code such as CHN, CHNGOV or USA,GBR)", name)
		}
		return analysis.Spec{}, false, nil
	}
	sp, err := analysis.ParseSpec(s, nil)
	if err != nil {
		return analysis.Spec{}, false, badData("parameter %s=%q: %w", name, s, err)
	}
	return sp, true, nil
}

func (p params) period(name string) (analysis.Period, error) {
	switch s := p.str(name); s {
	case "", "month":
		return analysis.Month, nil
	case "week":
		return analysis.Week, nil
	case "day":
		return analysis.Day, nil
	default:
		return "", badData("parameter %s=%q: want day, week or month", name, s)
	}
}

func (p params) level(name string) (analysis.Level, error) {
	switch s := p.str(name); s {
	case "", "country":
		return analysis.LevelCountry, nil
	case "code":
		return analysis.LevelCode, nil
	default:
		return "", badData("parameter %s=%q: want country or code", name, s)
	}
}

// duration reads a window length: 90d, 26w, 6m (30.44 days each), 1y, or
// a Go duration (720h).
func (p params) duration(name string, def time.Duration) (time.Duration, error) {
	s := p.str(name)
	if s == "" {
		return def, nil
	}
	bad := badData("parameter %s=%q: want a length such as 90d, 26w, 6m or 1y", name, s)
	if n := len(s); n >= 2 {
		if v, err := strconv.ParseFloat(s[:n-1], 64); err == nil && v > 0 {
			day := 24 * time.Hour
			switch s[n-1] {
			case 'd':
				return time.Duration(v * float64(day)), nil
			case 'w':
				return time.Duration(v * 7 * float64(day)), nil
			case 'm':
				return time.Duration(v * 30.436875 * float64(day)), nil
			case 'y':
				return time.Duration(v * 365.25 * float64(day)), nil
			}
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, bad
	}
	return d, nil
}
