package dictionary

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseRange parses a native date range "FROM..TO" (either end may be
// omitted, not both). Dates are YYYY, YYYY-MM or YYYY-MM-DD; a partial date
// as start means its first day, as end its last day.
func ParseRange(s string) (DateRange, error) {
	from, to, ok := strings.Cut(s, "..")
	if !ok {
		return DateRange{}, fmt.Errorf("date range %q: expected FROM..TO (YYYY[-MM[-DD]]..YYYY[-MM[-DD]], either end may be omitted)", s)
	}
	if from == "" && to == "" {
		return DateRange{}, fmt.Errorf("date range %q: expected at least one date around \"..\"", s)
	}
	var r DateRange
	var err error
	if from != "" {
		if r.From, err = parseISO(from, false); err != nil {
			return DateRange{}, err
		}
	}
	if to != "" {
		if r.To, err = parseISO(to, true); err != nil {
			return DateRange{}, err
		}
	}
	if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		return DateRange{}, fmt.Errorf("date range %q: ends before it starts", s)
	}
	return r, nil
}

// parseISO parses YYYY, YYYY-MM or YYYY-MM-DD; end selects the last day of a
// partial date.
func parseISO(s string, end bool) (time.Time, error) {
	bad := func() (time.Time, error) {
		return time.Time{}, fmt.Errorf("date %q: expected YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return bad()
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if (i > 0 && len(p) != 2) || !allDigits(p) {
			return bad()
		}
		nums[i], _ = strconv.Atoi(p)
	}
	y, m, d := nums[0], 1, 1
	if len(nums) > 1 {
		m = nums[1]
		if m < 1 || m > 12 {
			return bad()
		}
	}
	if len(nums) > 2 {
		d = nums[2]
		if d < 1 || d > daysIn(y, time.Month(m)) {
			return time.Time{}, fmt.Errorf("date %q: day %d does not exist in %04d-%02d", s, d, y, m)
		}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if end {
		switch len(nums) {
		case 1:
			t = time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
		case 2:
			t = time.Date(y, time.Month(m), daysIn(y, time.Month(m)), 0, 0, 0, 0, time.UTC)
		}
	}
	return t, nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parsePetrarchDate parses a PETRARCH/TABARI date: YYMMDD (strings of at
// most seven characters; YY 00-30 is 20YY, else 19YY) or YYYYMMDD (only the
// first eight characters are read). Days are checked against the month.
func parsePetrarchDate(s string) (time.Time, error) {
	bad := func(why string) (time.Time, error) {
		return time.Time{}, fmt.Errorf("date %q: %s (expected YYMMDD or YYYYMMDD)", s, why)
	}
	var y, m, d int
	switch {
	case len(s) > 7:
		if !allDigits(s[:8]) {
			return bad("not all digits")
		}
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[4:6])
		d, _ = strconv.Atoi(s[6:8])
	case len(s) >= 6:
		if !allDigits(s[:6]) {
			return bad("not all digits")
		}
		y, _ = strconv.Atoi(s[:2])
		if y <= 30 {
			y += 2000
		} else {
			y += 1900
		}
		m, _ = strconv.Atoi(s[2:4])
		d, _ = strconv.Atoi(s[4:6])
		if len(s) == 7 {
			return bad("seven digits")
		}
	default:
		return bad("too short")
	}
	if m < 1 || m > 12 {
		return bad("no such month")
	}
	if d < 1 || d > daysIn(y, time.Month(m)) {
		return bad("no such day")
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}
