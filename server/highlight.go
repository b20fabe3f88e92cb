package server

import (
	"sort"
	"strings"

	"github.com/dyad-events/dyad"
)

// Segment is a piece of a sentence for display: plain text, or a marked
// actor, verb, source or target. The dashboard renders each segment as
// text (never as HTML).
type Segment struct {
	Text string `json:"text"`
	// Role is "", "source", "verb", "target" or "actor".
	Role string `json:"role,omitempty"`
	// Code is the actor code of a marked actor.
	Code string `json:"code,omitempty"`
}

// mark is a span of a sentence (offsets relative to the sentence) with a
// role; a lower rank wins overlaps.
type mark struct {
	start, end int
	role, code string
	rank       int
}

// segments cuts text at the marks. Overlapping marks keep the one of lower
// rank (then the earlier one); marks outside text are dropped.
func segments(text string, marks []mark) []Segment {
	var ok []mark
	for _, m := range marks {
		if m.start >= 0 && m.start < m.end && m.end <= len(text) {
			ok = append(ok, m)
		}
	}
	sort.SliceStable(ok, func(i, j int) bool {
		if ok[i].rank != ok[j].rank {
			return ok[i].rank < ok[j].rank
		}
		return ok[i].start < ok[j].start
	})
	var kept []mark
	for _, m := range ok {
		clash := false
		for _, k := range kept {
			if m.start < k.end && k.start < m.end {
				clash = true
				break
			}
		}
		if !clash {
			kept = append(kept, m)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].start < kept[j].start })
	out := []Segment{}
	pos := 0
	for _, m := range kept {
		if m.start > pos {
			out = append(out, Segment{Text: text[pos:m.start]})
		}
		out = append(out, Segment{Text: text[m.start:m.end], Role: m.role, Code: m.code})
		pos = m.end
	}
	if pos < len(text) {
		out = append(out, Segment{Text: text[pos:]})
	}
	return out
}

// sentenceStart finds the document offset at which the event's sentence
// text begins, from the spans of its source, verb and target (which are
// document offsets): the offset that makes every span's text line up.
func sentenceStart(ev *dyad.Event) (int, bool) {
	st := ev.SentenceText
	type probe struct {
		span [2]int
		text string
	}
	probes := []probe{{ev.Verb.Span, ev.Verb.Text}, {ev.Source.Span, ev.Source.Text}, {ev.Target.Span, ev.Target.Text}}
	lines := func(off int) bool {
		n := 0
		for _, p := range probes {
			if p.span[1] <= p.span[0] {
				continue
			}
			a, b := p.span[0]-off, p.span[1]-off
			if a < 0 || b > len(st) {
				return false
			}
			if p.text != "" && st[a:b] != p.text {
				return false
			}
			n++
		}
		return n > 0
	}
	for _, p := range probes {
		if p.text == "" || p.span[1] <= p.span[0] {
			continue
		}
		for i := 0; ; {
			j := strings.Index(st[i:], p.text)
			if j < 0 {
				break
			}
			off := p.span[0] - (i + j)
			if off >= 0 && lines(off) {
				return off, true
			}
			i += j + 1
		}
	}
	return 0, false
}

// eventSegments marks source, verb and target in the event's sentence.
// Without consistent spans it falls back to the first occurrence of each
// text.
func eventSegments(ev *dyad.Event) []Segment {
	st := ev.SentenceText
	if st == "" {
		return nil
	}
	var marks []mark
	if off, ok := sentenceStart(ev); ok {
		add := func(sp [2]int, role, code string, rank int) {
			if sp[1] > sp[0] {
				marks = append(marks, mark{sp[0] - off, sp[1] - off, role, code, rank})
			}
		}
		add(ev.Verb.Span, "verb", "", 0)
		add(ev.Source.Span, "source", ev.Source.Code, 1)
		add(ev.Target.Span, "target", ev.Target.Code, 2)
	} else {
		find := func(t, role, code string, rank int) {
			if t == "" {
				return
			}
			if i := strings.Index(st, t); i >= 0 {
				marks = append(marks, mark{i, i + len(t), role, code, rank})
			}
		}
		find(ev.Verb.Text, "verb", "", 0)
		find(ev.Source.Text, "source", ev.Source.Code, 1)
		find(ev.Target.Text, "target", ev.Target.Code, 2)
	}
	return segments(st, marks)
}
