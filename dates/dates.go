// Package dates resolves the dates news sentences refer to ("on March 17",
// "in July 2021", "last week", "on Tuesday") relative to a publication date,
// with a precision, and parses metadata and dateline dates.
package dates

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date precisions.
const (
	PrecisionDay   = "day"
	PrecisionMonth = "month"
	PrecisionYear  = "year"
)

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3, "few": 3,
}

const monthRE = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

// dateRule is one pattern of relative or absolute date expressions.
type dateRule struct {
	re *regexp.Regexp
	fn func(m []string, pub time.Time) (time.Time, string, bool)
	// need holds the clues (see clues) without which re cannot match.
	need clue
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func pubDay(pub time.Time) time.Time {
	y, m, d := pub.UTC().Date()
	return day(y, m, d)
}

// inferYear picks the year for a month (and day) written without one: the
// latest date not more than a week after the publication date (news reports
// the past; "on March 3" in a January story means last March).
func inferYear(m time.Month, d int, pub time.Time) int {
	y := pub.Year()
	if d == 0 {
		if m > pub.Month() {
			return y - 1
		}
		return y
	}
	if day(y, m, d).After(pubDay(pub).AddDate(0, 0, 7)) {
		return y - 1
	}
	return y
}

func validDay(y int, m time.Month, d int) bool {
	return y >= 1 && y <= 9999 && d >= 1 && d <= 31 && day(y, m, d).Day() == d
}

func atoiOK(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func count(s string) int {
	s = strings.ToLower(strings.TrimSpace(s))
	if n, ok := atoiOK(s); ok {
		return n
	}
	return numberWords[s]
}

// monthDay resolves a month name, a day number and an optional year; a
// missing year is inferred from the publication date.
func monthDay(month, dayNum, year string, pub time.Time) (time.Time, string, bool) {
	mo := months[strings.ToLower(month)]
	d, _ := atoiOK(dayNum)
	y := 0
	if year != "" {
		y, _ = atoiOK(year)
	} else {
		y = inferYear(mo, d, pub)
	}
	if !validDay(y, mo, d) {
		return time.Time{}, "", false
	}
	return day(y, mo, d), PrecisionDay, true
}

var dateRules = []dateRule{
	// March 17, 2022 / March 17 / March 17th
	{regexp.MustCompile(`(?i)\b` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`), func(m []string, pub time.Time) (time.Time, string, bool) {
		return monthDay(m[1], m[2], m[3], pub)
	}, clueDigit},
	// 17 March 2022 / 17 March
	{regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRE + `(?:,?\s+(\d{4})\b)?`), func(m []string, pub time.Time) (time.Time, string, bool) {
		return monthDay(m[2], m[1], m[3], pub)
	}, clueDigit},
	// 2022-03-17
	{regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`), func(m []string, pub time.Time) (time.Time, string, bool) {
		y, _ := atoiOK(m[1])
		mo, _ := atoiOK(m[2])
		d, _ := atoiOK(m[3])
		if mo < 1 || mo > 12 || !validDay(y, time.Month(mo), d) {
			return time.Time{}, "", false
		}
		return day(y, time.Month(mo), d), PrecisionDay, true
	}, clueDigit},
	// (early|mid|late|in|last|this) July 2021 / late February
	{regexp.MustCompile(`(?i)\b(early|mid-?|late|in|since|during|last|this|by|until|of)?\s*` + monthRE + `(?:\s+(\d{4}))?\b`), func(m []string, pub time.Time) (time.Time, string, bool) {
		mo := months[strings.ToLower(m[2])]
		lead := strings.ToLower(strings.TrimSuffix(m[1], "-"))
		// "may" is also a verb: require a lead word or a year.
		if strings.EqualFold(m[2], "may") && lead == "" && m[3] == "" {
			return time.Time{}, "", false
		}
		if m[3] == "" && lead == "" {
			return time.Time{}, "", false
		}
		y := 0
		if m[3] != "" {
			y, _ = atoiOK(m[3])
		} else {
			y = inferYear(mo, 0, pub)
			if lead == "last" && mo >= pub.Month() {
				y = pub.Year() - 1
			}
			if lead == "this" {
				y = pub.Year()
			}
		}
		if y < 1 || y > 9999 {
			return time.Time{}, "", false
		}
		return day(y, mo, 1), PrecisionMonth, true
	}, clueMonth},
	{regexp.MustCompile(`(?i)\byesterday\b`), func(m []string, pub time.Time) (time.Time, string, bool) {
		return pubDay(pub).AddDate(0, 0, -1), PrecisionDay, true
	}, clueYesterday},
	{regexp.MustCompile(`(?i)\b(today|tonight|this (?:morning|afternoon|evening))\b`), func(m []string, pub time.Time) (time.Time, string, bool) {
		return pubDay(pub), PrecisionDay, true
	}, clueToday},
	{regexp.MustCompile(`(?i)\btomorrow\b`), func(m []string, pub time.Time) (time.Time, string, bool) {
		return pubDay(pub).AddDate(0, 0, 1), PrecisionDay, true
	}, clueTomorrow},
	// two days ago / 3 weeks ago / a month ago / two years ago
	{regexp.MustCompile(`(?i)\b(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few)\s+(day|week|month|year)s?\s+(?:ago|earlier|before)\b`), func(m []string, pub time.Time) (time.Time, string, bool) {
		n := count(m[1])
		p := pubDay(pub)
		switch strings.ToLower(m[2]) {
		case "day":
			return p.AddDate(0, 0, -n), PrecisionDay, true
		case "week":
			return p.AddDate(0, 0, -7*n), PrecisionDay, true
		case "month":
			t := p.AddDate(0, -n, 0)
			return day(t.Year(), t.Month(), 1), PrecisionMonth, true
		default:
			return day(p.Year()-n, 1, 1), PrecisionYear, true
		}
	}, clueUnit | clueAgo},
	// last/this/next week|month|year
	{regexp.MustCompile(`(?i)\b(last|past|previous|this|next)\s+(week|month|year)\b`), func(m []string, pub time.Time) (time.Time, string, bool) {
		p := pubDay(pub)
		off := map[string]int{"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1}[strings.ToLower(m[1])]
		switch strings.ToLower(m[2]) {
		case "week":
			return p.AddDate(0, 0, 7*off), PrecisionDay, true
		case "month":
			t := day(p.Year(), p.Month(), 1).AddDate(0, off, 0)
			return t, PrecisionMonth, true
		default:
			return day(p.Year()+off, 1, 1), PrecisionYear, true
		}
	}, clueUnit},
	// (on|last|next) Tuesday
	{regexp.MustCompile(`(?i)\b(last|next|on|this)?\s*(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b`), func(m []string, pub time.Time) (time.Time, string, bool) {
		wd := weekdays[strings.ToLower(m[2])]
		p := pubDay(pub)
		back := (int(p.Weekday()) - int(wd) + 7) % 7
		switch strings.ToLower(m[1]) {
		case "next":
			fwd := (int(wd) - int(p.Weekday()) + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			return p.AddDate(0, 0, fwd), PrecisionDay, true
		case "last":
			if back == 0 {
				back = 7
			}
		}
		return p.AddDate(0, 0, -back), PrecisionDay, true
	}, clueWeekday},
	// in 2020 / since 2019 / during 2014
	{regexp.MustCompile(`(?i)\b(in|since|during|by|until|of|from)\s+((?:19|20)\d\d)\b`), func(m []string, pub time.Time) (time.Time, string, bool) {
		y, _ := atoiOK(m[2])
		return day(y, 1, 1), PrecisionYear, true
	}, clueDigit},
}

// ResolveDate finds the date an event sentence refers to, relative to the
// publication date pub: absolute dates ("on March 17", "17 March 2022",
// "in July 2021", "late February", "in 2020") and relative ones
// ("yesterday", "two days ago", "last week", "on Tuesday", "last month").
// The leftmost expression wins. A month or day without a year takes the
// latest year that does not put it more than a week after pub. Precision
// is "day", "month" or "year"; the result is the first day covered. When
// nothing is found, or pub is zero, it returns pub's day with precision
// "day". "last week" and "N weeks ago" are approximated as a day seven
// days back per week.
func ResolveDate(sentence string, pub time.Time) (time.Time, string) {
	return ResolveEventDate(sentence, "", pub)
}

// clue is a set of cheap facts about a sentence, each a condition
// without which some date rules cannot match.
type clue uint8

const (
	clueDigit     clue = 1 << iota // a digit
	clueMonth                      // a run of letters ending in a month name ("March", "inMarch")
	clueWeekday                    // a run of letters ending in a weekday name
	clueYesterday                  // the word "yesterday"
	clueToday                      // "today", "tonight", "morning", "afternoon" or "evening"
	clueTomorrow                   // "tomorrow"
	clueUnit                       // "day", "week", "month" or "year", maybe plural
	clueAgo                        // "ago", "earlier" or "before"

	allClues clue = 1<<iota - 1
)

// monthNames are the spellings monthRE matches, lower case.
var monthNames = func() []string {
	out := []string{"sepember"} // sept?(?:ember)? also allows it
	for m := range months {
		out = append(out, m)
	}
	return out
}()

// wordClues returns the clues a run of letters (lower case) gives. A
// rule's month or weekday may follow a lead word without a space ("in"
// in "inMarch"), so those count as endings; the other words stand alone.
func wordClues(w string) clue {
	var c clue
	switch w {
	case "yesterday":
		c |= clueYesterday
	case "today", "tonight", "morning", "afternoon", "evening":
		c |= clueToday
	case "tomorrow":
		c |= clueTomorrow
	case "day", "days", "week", "weeks", "month", "months", "year", "years":
		c |= clueUnit
	case "ago", "earlier", "before":
		c |= clueAgo
	}
	for _, m := range monthNames {
		if strings.HasSuffix(w, m) {
			c |= clueMonth
			break
		}
	}
	for d := range weekdays {
		if strings.HasSuffix(w, d) {
			c |= clueWeekday
			break
		}
	}
	return c
}

// sentenceClues returns the clues sentence gives. The rules match without
// regard to case, and Unicode folds "ſ" to "s" and the Kelvin sign to "k":
// a sentence with either gives every clue.
func sentenceClues(sentence string) clue {
	if strings.Contains(sentence, "\u017f") || strings.Contains(sentence, "\u212a") {
		return allClues
	}
	var c clue
	start := -1
	for i := 0; i <= len(sentence); i++ {
		ch := byte(' ')
		if i < len(sentence) {
			ch = sentence[i]
		}
		if ch >= '0' && ch <= '9' {
			c |= clueDigit
		}
		letter := ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z'
		if letter && start < 0 {
			start = i
		} else if !letter && start >= 0 {
			if n := i - start; n >= 3 {
				c |= wordClues(strings.ToLower(sentence[start:i]))
			}
			start = -1
		}
	}
	return c
}

// participles that, just before a date, tie it to a noun ("an agreement
// signed in 2020") rather than to the event.
var irregularParticiples = map[string]bool{"held": true, "made": true, "built": true, "won": true, "begun": true,
	"written": true, "taken": true, "given": true, "set": true, "struck": true, "drawn": true, "sent": true, "brought": true}

// precededByParticiple reports whether the word before sentence[:pos]
// (after "in", "on", "since" and the like) is a past participle other than
// verb.
func precededByParticiple(sentence string, pos int, verb string) bool {
	words := strings.Fields(sentence[:pos])
	for len(words) > 0 {
		w := strings.ToLower(strings.Trim(words[len(words)-1], ",;:()\"'"))
		switch w {
		case "in", "on", "since", "during", "by", "until", "of", "from", "early", "late", "mid", "last", "this", "first", "back":
			words = words[:len(words)-1]
			continue
		}
		if w == "" || strings.EqualFold(w, verb) {
			return false
		}
		return (strings.HasSuffix(w, "ed") && len(w) > 4) || irregularParticiples[w]
	}
	return false
}

// ResolveEventDate is ResolveDate for the sentence of an event whose
// predicate is verb (as written, "" if unknown): a date right after a
// participle other than the verb ("an agreement signed in 2020") describes
// something else and is skipped.
func ResolveEventDate(sentence, verb string, pub time.Time) (time.Time, string) {
	return resolveEventDate(sentence, verb, pub, true)
}

// resolveEventDate is ResolveEventDate; without useClues it tries every
// rule, which tests compare with.
func resolveEventDate(sentence, verb string, pub time.Time, useClues bool) (time.Time, string) {
	if pub.IsZero() {
		return time.Time{}, PrecisionDay
	}
	if len(sentence) > 4096 {
		sentence = sentence[:4096]
	}
	clues := allClues
	if useClues {
		if clues = sentenceClues(sentence); clues&^clueAgo == 0 {
			return pubDay(pub), PrecisionDay // no rule can match
		}
	}
	best, bestPos := time.Time{}, -1
	prec := ""
	for _, r := range dateRules {
		if clues&r.need != r.need {
			continue // a word the rule needs is missing
		}
		locs := r.re.FindAllStringSubmatchIndex(sentence, 4)
		for _, loc := range locs {
			if bestPos >= 0 && loc[0] >= bestPos {
				break
			}
			m := make([]string, len(loc)/2)
			for i := range m {
				if loc[2*i] >= 0 {
					m[i] = sentence[loc[2*i]:loc[2*i+1]]
				}
			}
			if verb != "" && precededByParticiple(sentence, loc[0], verb) {
				continue
			}
			t, p, ok := r.fn(m, pub)
			if !ok || t.Year() < 1000 || t.Year() > 9999 {
				continue
			}
			best, bestPos, prec = t, loc[0], p
			break
		}
	}
	if bestPos < 0 {
		return pubDay(pub), PrecisionDay
	}
	return best, prec
}

// FormatDate writes t at precision: YYYY-MM-DD, YYYY-MM or YYYY.
func FormatDate(t time.Time, precision string) string {
	switch precision {
	case PrecisionMonth:
		return t.Format("2006-01")
	case PrecisionYear:
		return t.Format("2006")
	}
	return t.Format("2006-01-02")
}

// datelineRE matches a wire dateline with a date at the start of a text:
// "KABUL, March 3 (Reuters) -", "GENEVA, Switzerland, Jan. 5, 2022 (AFP) --".
var datelineRE = regexp.MustCompile(`^\s*[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,40}){0,2},\s*` +
	`(?i:` + monthRE + `)\s+(\d{1,2})(?:,\s*(\d{4}))?\s*(?:\([^)\n]{1,40}\))?\s*(?:-{1,2}|–|—)\s`)

// DatelineDate parses the date of a wire dateline at the start of text.
// The year comes from the dateline when written, else from yearHint (the
// latest year that does not put the date more than a week after yearHint).
// ok is false when text does not start with a dated dateline.
func DatelineDate(text string, yearHint time.Time) (time.Time, bool) {
	if len(text) > 300 {
		text = text[:300]
	}
	m := datelineRE.FindStringSubmatch(text)
	if m == nil {
		return time.Time{}, false
	}
	mo := months[strings.ToLower(m[1])]
	d, _ := atoiOK(m[2])
	y := 0
	if m[3] != "" {
		y, _ = atoiOK(m[3])
	} else {
		if yearHint.IsZero() {
			return time.Time{}, false
		}
		y = inferYear(mo, d, yearHint)
	}
	if !validDay(y, mo, d) {
		return time.Time{}, false
	}
	return day(y, mo, d), true
}

// metaDateLayouts are the layouts tried by ParseMetaDate.
var metaDateLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02",
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006", "January 2, 2006",
	"Jan 2, 2006", "20060102150405", "20060102",
}

// ParseMetaDate parses a date from metadata in the common layouts (ISO 8601,
// RFC 1123/822, "January 2, 2006", GDELT's YYYYMMDDhhmmss). ok is false
// when s matches none.
func ParseMetaDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, l := range metaDateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
