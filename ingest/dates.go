package ingest

import (
	"time"

	"github.com/dyad-events/dyad/dates"
)

// Date precisions, as in package dates.
const (
	PrecisionDay   = dates.PrecisionDay
	PrecisionMonth = dates.PrecisionMonth
	PrecisionYear  = dates.PrecisionYear
)

// ResolveEventDate is dates.ResolveEventDate.
func ResolveEventDate(sentence, verb string, pub time.Time) (time.Time, string) {
	return dates.ResolveEventDate(sentence, verb, pub)
}

// FormatDate is dates.FormatDate.
func FormatDate(t time.Time, precision string) string { return dates.FormatDate(t, precision) }

// DatelineDate is dates.DatelineDate.
func DatelineDate(text string, yearHint time.Time) (time.Time, bool) {
	return dates.DatelineDate(text, yearHint)
}

// ParseMetaDate is dates.ParseMetaDate.
func ParseMetaDate(s string) (time.Time, bool) { return dates.ParseMetaDate(s) }

// pubDate applies the publication date order documented on the package:
// metadata, dateline, opts.Date, fallback (file mtime or now).
func pubDate(meta time.Time, text string, opts *Options, fallback time.Time) (time.Time, string) {
	if !meta.IsZero() {
		return meta.UTC(), "metadata"
	}
	// --date gives the dateline its year as is; a file time or the clock
	// gives the latest year that does not put the date in the future.
	hint := fallback
	if !opts.Date.IsZero() {
		hint = time.Date(opts.Date.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	}
	if hint.IsZero() {
		hint = opts.now()
	}
	if t, ok := DatelineDate(text, hint); ok {
		return t, "dateline"
	}
	if !opts.Date.IsZero() {
		return opts.Date.UTC(), "flag"
	}
	if !fallback.IsZero() {
		return fallback.UTC(), "mtime"
	}
	return opts.now().UTC(), "now"
}
