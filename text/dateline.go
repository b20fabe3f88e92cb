package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

// datelineMaxBytes bounds the length of a dateline.
const datelineMaxBytes = 120

// Dateline recognises a wire-service dateline at the start of src (a
// document or paragraph), such as
//
//	KABUL, March 3 (Reuters) -
//	BEIJING (AP) —
//	GENEVA, Switzerland, Jan. 5 (AFP) --
//	WASHINGTON —
//	Kabul, March 3 (Reuters) -
//
// A dateline is a place name, optionally followed by comma-separated region
// and date parts and a parenthesised agency, and ends with a hyphen or dash
// followed by white space. The place must be written in capitals unless an
// agency is given. Leading white space is skipped. Dateline returns the
// place (with its region, as written: "GENEVA, Switzerland"), the span of
// the whole dateline including the dash, and whether one was found.
func Dateline(src string) (place string, span dyad.Span, ok bool) {
	defer func() {
		if recover() != nil {
			place, span, ok = "", dyad.Span{}, false
		}
	}()
	i := 0
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	start := i
	limit := min(len(src), start+datelineMaxBytes)
	// The place: up to five words starting with a capital.
	caps := true
	words := 0
	placeEnd := i
	for words < 6 {
		j, wcaps, good := datelineWord(src, i, limit)
		if !good {
			break
		}
		caps = caps && wcaps
		words++
		placeEnd = j
		i = skipBlanks(src, j, limit)
		if i >= limit || src[i] == ',' || src[i] == '(' || isDashAt(src, i) > 0 {
			break
		}
	}
	if words == 0 || words > 5 || placeEnd-start < 2 {
		return "", dyad.Span{}, false
	}
	placeEnd2 := placeEnd
	// Comma parts: regions (before any date) and a date.
	sawDate := false
	for parts := 0; i < limit && src[i] == ',' && parts < 3; parts++ {
		i = skipBlanks(src, i+1, limit)
		partStart := i
		partEnd := i
		isDate := false
		n := 0
		for n < 4 {
			j, _, good := datelinePartWord(src, i, limit)
			if !good {
				break
			}
			w := strings.TrimSuffix(src[i:j], ".")
			if monthNames[w] || allDigits(w) {
				isDate = true
			}
			n++
			partEnd = j
			i = skipBlanks(src, j, limit)
			if i >= limit || src[i] == ',' || src[i] == '(' || isDashAt(src, i) > 0 {
				break
			}
		}
		if n == 0 || partEnd == partStart {
			return "", dyad.Span{}, false
		}
		if isDate {
			sawDate = true
		} else if !sawDate {
			placeEnd2 = partEnd
		}
	}
	agency := false
	if i < limit && src[i] == '(' {
		j := strings.IndexByte(src[i:limit], ')')
		if j < 2 || strings.ContainsAny(src[i+1:i+j], "\n(") || j > 40 {
			return "", dyad.Span{}, false
		}
		agency = true
		i = skipBlanks(src, i+j+1, limit)
	}
	d := isDashAt(src, i)
	if d == 0 {
		return "", dyad.Span{}, false
	}
	end := i + d
	if end < len(src) && !(src[end] == ' ' || src[end] == '\t' || src[end] == '\n' || src[end] == '\r') {
		return "", dyad.Span{}, false
	}
	if !caps && !agency {
		return "", dyad.Span{}, false
	}
	return src[start:placeEnd2], dyad.Span{Start: start, End: end}, true
}

// monthNames are month names and abbreviations that mark the date part of a
// dateline.
var monthNames = map[string]bool{
	"January": true, "February": true, "March": true, "April": true, "May": true,
	"June": true, "July": true, "August": true, "September": true, "October": true,
	"November": true, "December": true, "Jan": true, "Feb": true, "Mar": true,
	"Apr": true, "Jun": true, "Jul": true, "Aug": true, "Sep": true, "Sept": true,
	"Oct": true, "Nov": true, "Dec": true,
}

func skipBlanks(src string, i, limit int) int {
	for i < limit && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// isDashAt returns the length of a dash ("-", "--", "—", "–") at i, or 0.
func isDashAt(src string, i int) int {
	if i >= len(src) {
		return 0
	}
	if src[i] == '-' {
		if i+1 < len(src) && src[i+1] == '-' {
			return 2
		}
		return 1
	}
	r, size := utf8.DecodeRuneInString(src[i:])
	if r == '—' || r == '–' || r == '―' {
		return size
	}
	return 0
}

// datelineWord reads a place word at i: a capital letter followed by
// letters, periods, apostrophes or hyphens. It reports its end and whether
// all its letters are capitals.
func datelineWord(src string, i, limit int) (end int, caps, ok bool) {
	r, size := utf8.DecodeRuneInString(src[i:limit])
	if !unicode.IsUpper(r) {
		return i, false, false
	}
	caps = true
	j := i
	for j < limit {
		r, size = utf8.DecodeRuneInString(src[j:limit])
		switch {
		case unicode.IsLetter(r):
			if unicode.IsLower(r) {
				caps = false
			}
		case r == '.' || r == '\'' || r == '’' || r == '-':
		default:
			return j, caps, j > i
		}
		j += size
	}
	return j, caps, j > i
}

// datelinePartWord reads a word of a region or date part: letters, digits
// and periods.
func datelinePartWord(src string, i, limit int) (end int, caps, ok bool) {
	j := i
	for j < limit {
		r, size := utf8.DecodeRuneInString(src[j:limit])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '\'') {
			break
		}
		j += size
	}
	return j, false, j > i
}

// datelineEnd returns the index of the last piece of a dateline starting at
// piece k, or -1.
func datelineEnd(src string, ps []piece, k int) int {
	if k >= len(ps) || ps[k].flags&fUpper == 0 {
		return -1
	}
	_, span, ok := Dateline(src[ps[k].start:])
	if !ok {
		return -1
	}
	end := ps[k].start + span.End
	for j := k; j < len(ps) && ps[j].start < end; j++ {
		if ps[j].end == end {
			return j
		}
	}
	return -1
}
