package coder

import (
	"strings"

	"github.com/dyad-events/dyad"
)

// boundPreps introduce a time that bounds an act rather than dates it:
// "has strengthened ties since August 2021" is a state that lasts to the
// story's date, "complete the withdrawal by August 31" names a deadline,
// "had begun before the US pulled out" an earlier time that is not said.
// dateFillers may stand inside a date phrase ("the end of August 2021").
var dateFillers = map[string]bool{"early": true, "late": true, "mid": true, "mid-": true, "the": true, "end": true,
	"of": true, "start": true, "beginning": true, "middle": true, ",": true}

var boundPreps = map[string]bool{"since": true, "until": true, "till": true, "before": true, "after": true,
	"beyond": true, "by": true, "from": true}

// eventDateText returns the sentence text the event date is read from (see
// dateText), computed once per sentence.
func (t *tree) eventDateText(src string, s *dyad.Sentence) string {
	if t.dateText == nil {
		d := dateText(src, s, t)
		t.dateText = &d
	}
	return *t.dateText
}

// dateText returns the sentence text with the time phrases that bound
// rather than date its acts blanked out (see boundPreps). "by" counts only
// before a date ("by August 31"), never before an agent ("led by Baradar
// in July 2021").
func dateText(src string, s *dyad.Sentence, t *tree) string {
	var mask []bool
	set := func(n int, subtree bool) {
		lo, hi := n, n
		if subtree {
			lo, hi = t.subtreeSpan(n)
		}
		if mask == nil {
			mask = make([]bool, len(t.toks))
		}
		for i := lo; i <= hi; i++ {
			mask[i] = true
		}
	}
	for i := range t.toks {
		switch r := t.rel(i); r {
		case "obl", "nmod", "advcl":
			w := t.caseWord(i)
			if r == "advcl" {
				w = t.markWord(i)
			}
			if !boundPreps[w] {
				continue
			}
			if w == "by" && r != "advcl" && !calendarWords[strings.ToLower(t.toks[i].Text)] && t.toks[i].UPOS != "NUM" {
				continue
			}
			set(i, true)
		}
	}
	// The same on the surface, whatever the parser made of it: "since
	// August 2021" hung on the final full stop.
	for i := range t.toks {
		if !boundPreps[strings.ToLower(t.toks[i].Text)] {
			continue
		}
		j, dated := i+1, false
		for ; j < len(t.toks); j++ {
			w := strings.ToLower(t.toks[j].Text)
			if calendarWords[w] || t.toks[j].UPOS == "NUM" {
				dated = true
				continue
			}
			if !dateFillers[w] {
				break
			}
		}
		if dated {
			for k := i; k < j; k++ {
				set(k, false)
			}
		}
	}
	text := sentenceText(src, s)
	if mask == nil {
		return text
	}
	if !s.Span.Valid(len(src)) || s.Span.Len() == 0 {
		var kept []dyad.Token
		for i := range t.toks {
			if !mask[i] {
				kept = append(kept, t.toks[i])
			}
		}
		return spanText(kept, 0, len(kept))
	}
	b := []byte(text)
	for i := range t.toks {
		if !mask[i] {
			continue
		}
		for k := t.toks[i].Span.Start - s.Span.Start; k < t.toks[i].Span.End-s.Span.Start; k++ {
			if k >= 0 && k < len(b) {
				b[k] = ' '
			}
		}
	}
	return string(b)
}
