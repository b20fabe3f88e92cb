package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
)

// This file holds the rules every implementation applies in the same way,
// whatever its SQL: which documents PutBatch refuses, how a mention
// without a valid date is dated, how an event is classed in the rollups,
// which periods a series takes and how it is returned, and how a stored
// mention is encoded.

// ValidateDoc returns why PutBatch cannot store d, or "" when it can: an
// empty document id, an event without an id or a CAMEO code, or an event
// id repeated in the document. PutBatch reports such a document as
// StatusFailed with this reason.
func ValidateDoc(d *Doc) string {
	if strings.TrimSpace(d.ID) == "" {
		return "empty document id"
	}
	evs := d.Events
	ids := make(map[string]struct{}, len(evs))
	for i := range evs {
		ev := &evs[i]
		switch {
		case ev.ID == "":
			return fmt.Sprintf("event %d: empty id", i)
		case ev.CAMEO == "":
			return fmt.Sprintf("event %s: empty CAMEO code", ev.ID)
		}
		if _, dup := ids[ev.ID]; dup {
			return fmt.Sprintf("event %s: id repeated in the document", ev.ID)
		}
		ids[ev.ID] = struct{}{}
	}
	return ""
}

// FallbackDay is the event day of a mention without a valid date: the
// publication day of its document, UTC (1970-01-01 when pub is zero).
func FallbackDay(pub time.Time) time.Time {
	if pub.IsZero() {
		pub = time.Unix(0, 0)
	}
	y, m, d := pub.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// NormalizeEventDate prepares a mention's date for storing. A valid date
// (see EventDay) keeps its precision, or gets the one its length implies
// ("year", "month" or "day") when it has none; any other date becomes the
// FallbackDay of pub, the document's publication date, with precision
// "day".
func NormalizeEventDate(ev *dyad.Event, pub time.Time) {
	if _, ok := EventDay(ev.Date); ok {
		if ev.DatePrecision == "" {
			switch len(ev.Date) {
			case 4:
				ev.DatePrecision = "year"
			case 7:
				ev.DatePrecision = "month"
			default:
				ev.DatePrecision = "day"
			}
		}
		return
	}
	ev.Date = FallbackDay(pub).Format("2006-01-02")
	ev.DatePrecision = "day"
}

// RollupQuad is the class an event counts in, in the rollups and in
// PeriodCount: its quad class when the event is analysable (quad class
// 1–4 and its first mention not negated), else 0.
func RollupQuad(quad int, negated bool) int {
	if negated || quad < 1 || quad > 4 {
		return 0
	}
	return quad
}

// ValidPeriod checks the By of a CountQuery or TotalsQuery: "" means
// "month"; "day", "week" and "month" are returned as they are; anything
// else is an error wrapping dyad.ErrInvalidInput.
func ValidPeriod(by string) (string, error) {
	switch by {
	case "":
		return "month", nil
	case "day", "week", "month":
		return by, nil
	}
	return "", fmt.Errorf("period %q: want day, week or month: %w", by, dyad.ErrInvalidInput)
}

// CountsByPeriod returns the counts of per sorted by period, as DyadCounts
// returns a series that a store gathered in a map.
func CountsByPeriod[K comparable](per map[K]*PeriodCount) []PeriodCount {
	out := make([]PeriodCount, 0, len(per))
	for _, pc := range per {
		out = append(out, *pc)
	}
	slices.SortFunc(out, func(a, b PeriodCount) int { return a.Period.Compare(b.Period) })
	return out
}

// TotalsByPeriod returns the totals of per sorted by period, as
// ActorTotals returns a series that a store gathered in a map. Periods
// with nothing to count are left out: a store subtracting the events with
// the set on both sides may have made one for a period whose events all
// fall outside the analysable ones.
func TotalsByPeriod[K comparable](per map[K]*PeriodTotal) []PeriodTotal {
	out := make([]PeriodTotal, 0, len(per))
	for _, pt := range per {
		if pt.AsSource != 0 || pt.AsTarget != 0 || pt.Total != 0 {
			out = append(out, *pt)
		}
	}
	slices.SortFunc(out, func(a, b PeriodTotal) int { return a.Period.Compare(b.Period) })
	return out
}

// IsMonthStart reports whether t is zero or the first instant of a month,
// UTC: a bound that monthly rollups can answer.
func IsMonthStart(t time.Time) bool {
	if t.IsZero() {
		return true
	}
	t = t.UTC()
	return t.Day() == 1 && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

// EncodeMention writes a mention as stores keep it: the JSON of the
// dyad.Event without its sentence text, which is stored on its own (for
// full-text search). ev is left as it was.
func EncodeMention(ev *dyad.Event) ([]byte, error) {
	text := ev.SentenceText
	ev.SentenceText = ""
	js, err := json.Marshal(ev)
	ev.SentenceText = text
	if err != nil {
		return nil, fmt.Errorf("encode mention %q: %w", ev.ID, err)
	}
	return js, nil
}

// DecodeMention reads a mention written by EncodeMention back, with its
// sentence text.
func DecodeMention(js []byte, sentenceText string) (dyad.Event, error) {
	var ev dyad.Event
	if err := json.Unmarshal(js, &ev); err != nil {
		return dyad.Event{}, err
	}
	ev.SentenceText = sentenceText
	return ev, nil
}

// SetFirst completes an event read from a store's event row with its first
// mention: js is that mention as EncodeMention wrote it ("" when the event
// has none), sentenceText its sentence text, placeName and placeCountry
// the place kept on the event row. First and Place are set, and the
// display texts of Source and Target (the row carries the codes and
// names; the texts come from the first mention). The row's place is used
// when the mention has none.
func (e *Event) SetFirst(js, sentenceText, placeName, placeCountry string) error {
	if js != "" {
		m, err := DecodeMention([]byte(js), sentenceText)
		if err != nil {
			return fmt.Errorf("mention of event %s: %w", e.ID, err)
		}
		e.First = &m
		e.Place = m.Place
		e.Source.Text, e.Source.Span, e.Source.Kind = m.Source.Text, m.Source.Span, m.Source.Kind
		e.Target.Text, e.Target.Span, e.Target.Kind = m.Target.Text, m.Target.Span, m.Target.Kind
	}
	if e.Place == nil && (placeName != "" || placeCountry != "") {
		e.Place = &dyad.Place{Name: placeName, Country: placeCountry}
	}
	return nil
}
