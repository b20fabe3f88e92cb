package coder

import (
	"slices"
	"strings"

	"github.com/dyad-events/dyad/dictionary"

	"github.com/dyad-events/dyad"
)

// Deciding, before tagging and parsing, that a sentence cannot yield an
// event. An event needs a source and a target that are different coded
// actors (RequireDyad, and sameActor in events.go), and every actor the
// coder can use comes from one of a few places, each visible in the words:
//
//   - an actor mention the dictionary found before parsing; one mention is
//     one actor, and mentions of one actor are one (mentionKey), except a role merged with a possessor country after it
//     ("the ministers of Afghanistan's neighbours"), which unmergePossessed
//     may split in two, and a code that already lists several ("A/B");
//   - a pronoun resolved to a mention of the sentence itself (which the
//     mentions already count), else to the story's latest antecedent of
//     its kind (person, thing, group): one actor per kind at most;
//   - a definite document noun standing for the last document an actor put
//     forward ("the draft"; bridgedDocument);
//   - an indefinite state noun naming the next sentence's country ("a
//     neighbouring country"; namedLater);
//   - a place with a country, which stands for it as the target of an act
//     of placeTargetRoots ("struck the ports of Odesa"; fallback.go),
//     counted by the placer: it counts when some word may head a pattern
//     of those roots (placeHead);
//   - with PETRARCH dictionaries, an actor name with gaps found inside a
//     noun phrase ("Ithilen state-run television"; MatchGapped).
//
// actorSlots counts them all, so it never counts fewer actors than the
// coder could find; below two, parsing cannot pay. Role nouns placed by the
// tree ("lawmakers in Kabul") and composites combined inside a noun phrase
// are mentions already, and recoding by the event date changes a code but
// not the number of actors. TestSkipLosesNothing codes every sample and
// GUM document with and without skipping and requires identical events.

// A skipped sentence leaves the story its mentions as found before parsing
// (story.remember), for the pronouns of the sentences after it. Parsing
// changes some of them: a role noun gets its country from the tree
// (localiseAgents), a possessed role is split (unmergePossessed) or
// spread (spreadAgents), a composite after "and" is joined with the
// adjectives before it (coordinatedAdjectives), and comma clauses are
// deleted (Options.Comma). Such a sentence is parsed even when it cannot
// yield an event itself, unless no later pronoun can read what it leaves:
// memoryReads tells, per sentence, whether one can.

// memoryReads holds, per sentence, whether a pronoun of a later sentence
// may resolve to a mention the sentence leaves in the story: group and
// thing pronouns ("it", "they") to any coded mention but a role noun,
// person pronouns ("he", "her") to a named person.
type memoryReads struct {
	thing, person []bool
}

// newMemoryReads works backwards from the end of the document: a later
// sentence's pronoun reads back until a sentence in between leaves a
// mention it takes instead, whatever parsing does to that sentence.
func newMemoryReads(sents []dyad.Sentence, pre [][]Mention) memoryReads {
	r := memoryReads{thing: make([]bool, len(sents)), person: make([]bool, len(sents))}
	thing, person := false, false
	for j := len(sents) - 1; j >= 0; j-- {
		r.thing[j], r.person[j] = thing, person
		blockThing, blockPerson := false, false
		for i := range pre[j] {
			m := &pre[j][i]
			switch m.Kind {
			case "agent", "people", "pronoun", "adjective", "unknown":
			default:
				blockThing = blockThing || m.Code != ""
			}
			blockPerson = blockPerson || m.Kind == "actor" && m.Code != "" && strings.Contains(m.Name, " ") && personLike(m.Code)
		}
		thing, person = thing && !blockThing, person && !blockPerson
		for _, tk := range sents[j].Tokens {
			if isPronounWord(tk.Text) {
				if pronounKinds[lowerASCII(tk.Text)] == "person" {
					person = true
				} else {
					thing = true
				}
			}
		}
	}
	return r
}

// rememberStable reports whether skipping sentence idx (tokens toks,
// mentions ms) leaves the story what parsing it would leave, as far as a
// later pronoun can tell.
func (c *Coder) rememberStable(toks []dyad.Token, ms []Mention, reads memoryReads, idx int) bool {
	thing, person := idx < len(reads.thing) && reads.thing[idx], idx < len(reads.person) && reads.person[idx]
	if !thing && !person {
		return true
	}
	if len(ms) > 0 && c.opts.Comma.Active() {
		return false
	}
	for i := range ms {
		m := &ms[i]
		switch {
		case m.compAgent != nil && m.baseStart > m.Start:
			return false // split into a role and a country or named actor
		case !thing:
			// The other changes give role nouns countries: no person.
		case m.agent != nil || m.Kind == "agent":
			return false
		case m.compAgent != nil && m.Start > 0:
			switch toks[m.Start-1].Text {
			case "and", ",", "or", "&":
				return false
			}
		}
	}
	return true
}

// actorSlots returns an upper bound on the distinct coded actors sentence
// toks can offer as source or target, given its pre-parse mentions ms and
// the story so far, places aside. It stops counting at 2.
func (c *Coder) actorSlots(toks []dyad.Token, ms []Mention, st *story) int {
	n := 0
	var seen []actorKey
	for i := range ms {
		m := &ms[i]
		k, ok := mentionKey(m)
		if ok && slices.Contains(seen, k) {
			continue // the same actor again ("China … Beijing's ally China")
		}
		seen = append(seen, k)
		n += 1 + strings.Count(m.Code, "/")
		if m.compAgent != nil && m.baseStart > m.Start {
			n++ // unmergePossessed may make the country an actor of its own
		}
		if n >= 2 {
			return n
		}
	}
	// A pronoun the sentence does not resolve itself (to a mention
	// counted above) takes the story's latest antecedent of its kind, the
	// same one for every pronoun of that kind: at most one actor per
	// kind, and none when that antecedent is an actor counted already. A
	// document noun stands for the story's last document, and a state
	// noun for the first country the next sentence names (namedLater),
	// alike.
	var kinds [3]bool
	native := c.dict.Petrarch == nil
	var next *Mention // the country a state noun may stand for
	if native {
		for i := range st.next {
			if st.next[i].Kind == "country" && st.next[i].Code != "" {
				if !st.countries[st.next[i].Code] {
					next = &st.next[i]
				}
				break
			}
		}
	}
	docDone, nextDone := false, false
	// another reports whether a stands for an actor not counted yet, and
	// counts it.
	another := func(a *Mention) bool {
		if k, ok := mentionKey(a); ok {
			if slices.Contains(seen, k) {
				return false
			}
			seen = append(seen, k)
		}
		return true
	}
	for i := range toks {
		w := toks[i].Text
		switch {
		case isPronounWord(w):
			k := pronounKinds[lowerASCII(w)]
			if i := kindIndex(k); !kinds[i] {
				if a := st.antecedent(k); a != nil {
					kinds[i] = true
					if another(a) {
						n++
					}
				}
			}
		case native && st.lastDoc != nil && !docDone && documentWord(w):
			docDone = true
			if another(st.lastDoc) {
				n++
			}
		case native && next != nil && !nextDone && stateWord(w):
			nextDone = true
			if another(next) {
				n++
			}
		case !native && c.dict.MayStartGapped(toks, i):
			n++
		}
		if n >= 2 {
			return n
		}
	}
	return n
}

// isPronounWord reports whether w is one of the personal pronouns the
// coder resolves (pronounKinds), in any case.
func isPronounWord(w string) bool {
	if len(w) > 5 {
		return false
	}
	_, ok := pronounKinds[lowerASCII(w)]
	return ok
}

// stateWord reports whether w may be a state noun of namedLater, in the
// singular (namedLater reads lemmas; the surface form of a singular noun
// is its lemma, bar case).
func stateWord(w string) bool {
	return stateNouns[lowerASCII(w)]
}

// documentWord reports whether w may be a document noun of bridgedDocument
// (which reads lemmas): the word itself or its regular plural.
func documentWord(w string) bool {
	l := lowerASCII(w)
	if documentNouns[l] {
		return true
	}
	return strings.HasSuffix(l, "s") && documentNouns[l[:len(l)-1]]
}

// kindIndex numbers the pronoun kinds of pronounKinds.
func kindIndex(kind string) int {
	switch kind {
	case "person":
		return 0
	case "thing":
		return 1
	}
	return 2
}

// actorKey identifies the actor a mention stands for, whatever the date.
type actorKey struct {
	actor *dictionary.Actor
	role  *dictionary.Agent
	code  string
}

// mentionKey returns the key of the actor mention m stands for, and false
// when the coder may still change what it stands for after parsing, so
// that it must count as an actor of its own: a role noun (given a country
// by the tree or the story), a composite (split or joined with
// coordinated adjectives), a capital (taken for its country or for a
// place), and a mention without a code. A named actor is keyed by its
// entry and role, which fix its code on every date; any other mention by
// its code.
func mentionKey(m *Mention) (actorKey, bool) {
	if m.Code == "" || m.agent != nil || m.compAgent != nil || m.Kind == "agent" || m.Kind == "capital" || m.Kind == "composite" {
		return actorKey{}, false
	}
	if m.actor != nil {
		return actorKey{actor: m.actor, role: m.role}, true
	}
	return actorKey{code: m.Code}, true
}

// placeHead reports whether some token of a tagged sentence may head a
// pattern whose act a place's country can be the target of
// (placeTargetRoots), under any lemma the coder may look its patterns up
// by (headCandidates). With PETRARCH dictionaries, which name verbs by
// their forms, it answers true.
func (c *Coder) placeHead(toks []dyad.Token) bool {
	if c.dict.Petrarch != nil {
		return true
	}
	aimed := func(ps []*dictionary.Pattern) bool {
		return slices.ContainsFunc(ps, func(p *dictionary.Pattern) bool { return placeTargetRoots[rootOf(p.Code)] })
	}
	for i := range toks {
		if headCandidates(&toks[i], func(l string) bool {
			return aimed(c.dict.PatternsFor(l)) || aimed(c.dict.NounPatternsFor(l))
		}) {
			return true
		}
	}
	return false
}

// placeActors returns how many of the countries of a sentence's places
// (ccs) can be actors besides its mentions: a country the sentence names
// outright, with a code that does not change over time, is one actor
// whether it is read as a mention or as a place.
func placeActors(ccs []string, ms []Mention) int {
	n := 0
	for _, cc := range ccs {
		named := false
		for i := range ms {
			m := &ms[i]
			if m.Kind == "country" && m.Code == cc && (m.actor == nil || len(m.actor.Codes) <= 1) {
				named = true
				break
			}
		}
		if !named {
			n++
		}
	}
	return n
}
