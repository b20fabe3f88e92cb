package feed

import (
	"strings"
	"time"

	"github.com/dyad-events/dyad/ingest"
)

// zoneOffsets are the zone abbreviations of RFC 822 and the common US
// ones, in seconds east of UTC.
var zoneOffsets = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
	"EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
	"BST": 3600, "CET": 3600, "CEST": 2 * 3600, "EET": 2 * 3600, "EEST": 3 * 3600,
	"MSK": 3 * 3600, "IST": 5*3600 + 1800, "JST": 9 * 3600, "KST": 9 * 3600,
	"AEST": 10 * 3600, "AEDT": 11 * 3600,
}

// dateLayouts are tried in order after normalisation (weekday removed,
// zone abbreviation replaced by a numeric offset, "Sept" shortened).
var dateLayouts = []string{
	time.RFC3339Nano,
	time.RFC3339,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04 -0700",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"2 January 2006 15:04:05 -0700",
	"2 January 2006 15:04 -0700",
	"2 Jan 2006",
	"2 January 2006",
	"Jan 2 2006 15:04:05 -0700",
	"Jan 2, 2006 15:04:05 -0700",
	"Jan 2 2006 15:04:05",
	"Jan 2, 2006",
	"January 2, 2006",
	"2-Jan-06 15:04:05 -0700",
	time.ANSIC,
	time.UnixDate,
}

// ParseDate parses a feed date: RFC 822/1123 with or without weekday,
// seconds, a numeric zone or an abbreviation (GMT, EST, PDT, …), RFC 3339
// and ISO 8601 variants, and the other layouts of ingest.ParseMetaDate. A
// date without a zone is UTC. ok is false when s matches none.
func ParseDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 80 {
		return time.Time{}, false
	}
	n := normalizeDate(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, n); err == nil {
			return t.UTC(), true
		}
	}
	if t, ok := ingest.ParseMetaDate(s); ok {
		return t, true
	}
	return time.Time{}, false
}

// normalizeDate drops a leading weekday, turns a trailing zone
// abbreviation (or "GMT+2", "UTC-05:00") into a numeric offset and
// shortens "Sept".
func normalizeDate(s string) string {
	// Weekday: "Mon, " "Monday, " "Mon ".
	if i := strings.IndexAny(s, ", "); i > 0 && i <= 9 && isWeekday(s[:i]) {
		s = strings.TrimLeft(s[i:], ", ")
	}
	s = strings.Replace(s, "Sept ", "Sep ", 1)
	f := strings.Fields(s)
	if len(f) < 2 {
		return s
	}
	last := f[len(f)-1]
	up := strings.ToUpper(last)
	// "GMT+2", "UTC-05:00", "GMT+0530".
	for _, pfx := range []string{"GMT", "UTC", "UT"} {
		if strings.HasPrefix(up, pfx) && len(up) > len(pfx) && (up[len(pfx)] == '+' || up[len(pfx)] == '-') {
			if off, ok := numericOffset(up[len(pfx):]); ok {
				f[len(f)-1] = off
				return strings.Join(f, " ")
			}
		}
	}
	if off, ok := zoneOffsets[up]; ok {
		f[len(f)-1] = formatOffset(off)
		return strings.Join(f, " ")
	}
	// "+00:00" after a space in an RFC 822 date.
	if (last[0] == '+' || last[0] == '-') && len(last) == 6 && last[3] == ':' {
		f[len(f)-1] = last[:3] + last[4:]
		return strings.Join(f, " ")
	}
	return s
}

func isWeekday(w string) bool {
	w = strings.ToLower(w)
	for _, d := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		if w == d || w == d[:3] || (len(w) == 4 && w == d[:4]) {
			return true
		}
	}
	return false
}

// numericOffset turns "+2", "-05:00", "+0530" into "+0200" style offsets.
func numericOffset(s string) (string, bool) {
	sign := s[0]
	d := strings.ReplaceAll(s[1:], ":", "")
	for _, c := range d {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	switch len(d) {
	case 1:
		d = "0" + d + "00"
	case 2:
		d += "00"
	case 3:
		d = "0" + d
	case 4:
	default:
		return "", false
	}
	return string(sign) + d, true
}

func formatOffset(sec int) string {
	sign := byte('+')
	if sec < 0 {
		sign, sec = '-', -sec
	}
	h, m := sec/3600, sec%3600/60
	return string([]byte{sign, byte('0' + h/10), byte('0' + h%10), byte('0' + m/10), byte('0' + m%10)})
}
