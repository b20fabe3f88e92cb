package coder

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dictionary"
	"github.com/dyad-events/dyad/taxonomy"
)

// The event record: what dyad writes for one coded act (source and target
// actors with byte spans, the code with its taxonomy values, the evidence),
// its stable identifier and confidence.

// setCode gives event ev the CAMEO code code, with the root, quad class,
// Goldstein value and PLOVER type that go with it, and a new ID. It reports
// false, leaving ev alone, for a code the taxonomy does not know.
func setCode(ev *dyad.Event, code string) bool {
	info, ok := taxonomy.Lookup(code)
	if !ok {
		return false
	}
	ev.CAMEO, ev.Root, ev.Quad, ev.Goldstein = code, info.Root, info.Quad, info.Goldstein
	ev.Plover = dyad.Plover{Event: info.PloverEvent, Mode: info.PloverMode, Context: mergeContexts(info.PloverContext, ev.Issues)}
	ev.ID = eventID(ev)
	return true
}

// actorOf renders a mention as an event actor with byte spans.
func (c *Coder) actorOf(t *tree, m *Mention) dyad.Actor {
	if m == nil {
		return dyad.Actor{}
	}
	country, sector := c.dict.SplitCode(m.Code)
	a := dyad.Actor{Code: m.Code, Country: country, Sector: sector, Name: m.Name, Text: m.Text, Kind: m.Kind}
	if m.Start >= 0 && m.End <= len(t.toks) && m.Start < m.End {
		a.Span = [2]int{t.toks[m.Start].Span.Start, t.toks[m.End-1].Span.End}
	}
	if a.Code == "" {
		a.Name = strings.ToUpper(m.Text)
	}
	return a
}

func (c *Coder) event(doc *dyad.Document, s *dyad.Sentence, idx int, t *tree, sm, tm *Mention, b binding, code string, info taxonomy.Code, modality string, negated bool, sc *sentenceContexts) dyad.Event {
	contexts := sc.get()
	v := t.toks[b.pred]
	ev := dyad.Event{
		DocID: doc.ID, Sentence: idx,
		Source: c.actorOf(t, sm), Target: c.actorOf(t, tm),
		CAMEO: code, Root: info.Root, Quad: info.Quad, Goldstein: info.Goldstein,
		Plover:       dyad.Plover{Event: info.PloverEvent, Mode: info.PloverMode, Context: mergeContexts(info.PloverContext, contexts)},
		Negated:      negated,
		Modality:     modality,
		Verb:         dyad.Verb{Text: v.Text, Lemma: v.Lemma, Span: [2]int{v.Span.Start, v.Span.End}},
		Pattern:      b.pat.Source.String(),
		SentenceText: sentenceText(doc.Text, s),
		Issues:       contexts,
	}
	if !doc.Date.IsZero() {
		ev.Date, ev.DatePrecision = doc.Date.Format("2006-01-02"), "day"
	}
	ev.Confidence = confidence(b, sm, tm, modality)
	ev.ID = eventID(&ev)
	return ev
}

// sentenceContexts finds a sentence's PLOVER contexts (issues) when an
// event first asks for them: most parsed sentences yield no event.
type sentenceContexts struct {
	d    *dictionary.Dictionary
	toks []dyad.Token
	done bool
	v    []string
}

func (sc *sentenceContexts) get() []string {
	if !sc.done {
		sc.v, sc.done = sc.d.Contexts(sc.toks), true
	}
	return sc.v
}

func mergeContexts(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range append(append([]string(nil), a...), b...) {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	if out == nil {
		out = []string{}
	}
	return out
}

// confidence is a heuristic in [0,1]: more specific patterns, dictionary
// actors (rather than pronouns or unknown names) and asserted modality score
// higher.
func confidence(b binding, sm, tm *Mention, modality string) float64 {
	c := 0.55 + 0.08*float64(min(b.pat.Specificity(), 3))
	for _, m := range []*Mention{sm, tm} {
		switch {
		case m == nil || m.Code == "":
			c -= 0.2
		case m.Kind == "pronoun":
			c -= 0.1
		case m.Kind == "agent":
			c -= 0.05
		}
	}
	if modality == dyad.ModalityHypothetical {
		c -= 0.15
	}
	if c < 0.05 {
		c = 0.05
	}
	if c > 0.95 {
		c = 0.95
	}
	return float64(int(c*100+0.5)) / 100
}

// eventID is a stable identifier: the same event coded from the same
// document always gets the same id, so re-running an ingest never duplicates.
func eventID(ev *dyad.Event) string {
	h := sha1.New()
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00%s\x00%s\x00%d\x00%s\x00%s", ev.DocID, ev.Sentence, ev.Verb.Span[0],
		ev.Source.Code, ev.Source.Text, ev.Source.Span[0], ev.Target.Code, ev.CAMEO)
	fmt.Fprintf(h, "\x00%s\x00%d", ev.Target.Text, ev.Target.Span[0])
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// dedupeEvents drops repeated (source, target, code) events of one sentence
// (e.g. coded from both a verb and its event-noun object).
func dedupeEvents(evs []dyad.Event) []dyad.Event {
	seen := map[string]bool{}
	out := evs[:0]
	for _, e := range evs {
		// Two mentions of one actor ("the US special representative,
		// Thomas West") give one event: the key is the codes, or the text
		// for uncoded actors.
		src, tgt := e.Source.Code, e.Target.Code
		if src == "" {
			src = "\x00" + e.Source.Text
		}
		if tgt == "" {
			tgt = "\x00" + e.Target.Text
		}
		k := src + "|" + tgt + "|" + e.CAMEO
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	return out
}
