package coder

import (
	"strings"

	"github.com/dyad-events/dyad"
)

// Coreference the coder resolves beyond pronouns: a definite document noun
// ("the draft", "the resolution") stands for the last document the story
// attributed to an actor, and a possessive pronoun in an act against
// someone does not name the actor itself.

// documentNouns name texts an actor puts forward: "the UN Security Council
// resolution" … "the draft".
var documentNouns = map[string]bool{"resolution": true, "draft": true, "proposal": true, "plan": true, "text": true,
	"bill": true, "motion": true, "declaration": true, "statement": true, "report": true, "initiative": true,
	"document": true, "communique": true, "communiqué": true, "blueprint": true, "roadmap": true}

// noteDocuments records the last document noun of a sentence that names
// its actor right before it ("the recent UN Security Council resolution",
// "Russia's draft"), for bridging (see bridgedDocument).
func (s *story) noteDocuments(toks []dyad.Token, ms []Mention) {
	for i := range toks {
		if !documentNouns[strings.ToLower(toks[i].Text)] {
			continue
		}
		end := i
		for end > 0 && (documentNouns[strings.ToLower(toks[end-1].Text)] || isPossessiveMark(toks[end-1].Text)) {
			end-- // "Russia's draft resolution"
		}
		for k := range ms {
			if m := &ms[k]; m.End == end && m.Code != "" && m.Kind != "pronoun" && m.agent == nil {
				cp := *m
				s.lastDoc = &cp
			}
		}
	}
}

// bridgedDocument returns the actor behind a definite document noun with no
// actor of its own ("opposed the draft", after "the UN Security Council
// resolution" in the sentence before), or nil.
func (c *Coder) bridgedDocument(t *tree, h int, st *story) *Mention {
	if st == nil || st.lastDoc == nil || !documentNouns[t.lemma(h)] || t.toks[h].UPOS != "NOUN" {
		return nil
	}
	definite := false
	for _, k := range t.kids[h] {
		switch t.fullRel(k) {
		case "det":
			switch strings.ToLower(t.toks[k].Text) {
			case "the", "this", "that":
				definite = true
			}
		case "nmod:poss", "compound":
			return nil // "Russia's draft", "the Russian draft": an actor of its own
		}
	}
	if !definite {
		return nil
	}
	cp := *st.lastDoc
	cp.Start, cp.End, cp.Head, cp.Text, cp.Kind = h, h+1, h, t.toks[h].Text, "bridged"
	return &cp
}

// otherPossessor returns, for a possessive pronoun target that resolved to
// the source itself ("Moscow … denounced its over-emphasis"), the actor it
// more likely stands for in an act against someone: the nearest document
// noun or actor before it in the sentence that is not a source, or nil.
func (c *Coder) otherPossessor(t *tree, mi *mentionIndex, p *Mention, srcs []*Mention, st *story) *Mention {
	for k := p.Start - 1; k >= 0; k-- {
		if m := mi.at(k); m != nil {
			if m.Code != "" && m.Kind != "agent" && !isSource(m, srcs) && t.rel(m.Head) != "nsubj" {
				return m
			}
			continue
		}
		if t.isNominal(k) && documentNouns[t.lemma(k)] {
			if m := c.bridgedDocument(t, k, st); m != nil && !isSource(m, srcs) {
				return m
			}
		}
	}
	return nil
}

func isSource(m *Mention, srcs []*Mention) bool {
	for _, s := range srcs {
		if sameActor(m, s) {
			return true
		}
	}
	return false
}

// namedLater returns the country an indefinite description of one ("a
// neighbouring sovereign country", "a state") introduces when the next
// sentence names it: the first country named there that the document has
// not named before ("… Putin's brazen invasion of a neighbouring sovereign
// country, … As Ukraine bleeds …"), or nil. A description with an actor of
// its own ("a NATO country") is not resolved.
func (c *Coder) namedLater(t *tree, h int, st *story) *Mention {
	if st == nil || len(st.next) == 0 || !stateNouns[t.lemma(h)] || t.toks[h].XPOS == "NNS" {
		return nil
	}
	indefinite := false
	for _, k := range t.kids[h] {
		switch t.fullRel(k) {
		case "det":
			w := strings.ToLower(t.toks[k].Text)
			indefinite = indefinite || w == "a" || w == "an"
		case "nmod:poss":
			return nil
		}
		if t.mentions != nil && t.mentions.at(k) != nil {
			return nil
		}
	}
	if !indefinite {
		return nil
	}
	for i := range st.next {
		m := &st.next[i]
		if m.Kind != "country" || m.Code == "" {
			continue
		}
		if st.countries[m.Code] {
			return nil // named before: not what the description introduces
		}
		cp := *m
		cp.Start, cp.End, cp.Head, cp.Text, cp.Kind = h, h+1, h, t.toks[h].Text, "cataphor"
		return &cp
	}
	return nil
}
