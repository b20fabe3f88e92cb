package coder

import (
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dictionary"
)

// Mention is an actor mention in a sentence: a dictionary match, a pronoun
// resolved to an earlier mention, or an unknown proper-noun phrase.
type Mention struct {
	Start, End int    // token range [Start, End) in the sentence
	Head       int    // syntactic head token (or End-1 before parsing)
	Code       string // resolved code on the document date; "" if unknown
	Name       string // canonical entry name, or the text for unknown actors
	Text       string // the words as they appear
	Kind       string // country, adjective, people, capital, govt, actor, agent, composite, pronoun, unknown
	Source     string // dictionary file:line of the name that matched
	// Antecedent is set for pronouns: the mention they were resolved to.
	Antecedent *Mention `json:"-"`
	// agent is the role entry of a bare agent mention ("the government").
	agent *dictionary.Agent
	// guessed marks a role noun given the document's dominant country;
	// placed one given the country of a place its sentence names.
	guessed, placed bool
	// owned marks a role noun its clause's subject owns ("Russia put its
	// forces on alert"): never that clause's target.
	owned bool
	// plural marks a role noun in the plural ("troops"), which "it" does
	// not stand for. It is known only for sentences the coder tagged: a
	// skipped sentence's mentions are remembered without it.
	plural bool
	// actor and role are the dictionary entries behind a named actor (or an
	// actor + role composite), kept to re-resolve the code for an event's
	// own date ("received a Taliban delegation in July 2021").
	actor *dictionary.Actor
	role  *dictionary.Agent
	// compAgent, baseStart, baseEnd and base describe a composite merged
	// by the dictionary: its agent, and the tokens and code of its country
	// or actor part.
	compAgent          *dictionary.Agent
	baseStart, baseEnd int
	base               string
	// petrarch marks a composite combined by PETRARCH's rule
	// (petrarchCombine) rather than dictionary.CombineAgent.
	petrarch bool
}

// codeOn returns the mention's code on date t: a named actor's code is
// re-resolved for that date; other mentions keep theirs.
func (m *Mention) codeOn(t time.Time) string {
	if m.actor == nil || t.IsZero() || m.Kind == "pronoun" {
		return m.Code
	}
	code, ok := m.actor.CodeAt(t)
	if !ok || code == "" {
		return m.Code
	}
	switch {
	case m.role != nil && m.petrarch:
		code = petrarchCombine(code, m.role)
	case m.role != nil:
		code = dictionary.CombineAgent(code, m.role)
	}
	return code
}

// story is the per-document state the coder keeps across sentences: names
// seen (for short aliases), the words of the document (for [ctx: …]
// conditions) and recent mentions (for pronoun resolution).
type story struct {
	sents    []dyad.Sentence
	words    map[string]bool // lower-cased words of the whole document, once asked for
	dominant string          // the country the document is mostly about, if one stands out
	seen     map[*dictionary.Actor]bool
	recent   []Mention // mentions in order of occurrence, coded only
	persons  []Mention // coded mentions of named people (for he/she)
	// lastDoc is the actor of the last document noun that named one ("the
	// UN Security Council resolution"), for "the draft" (see coref.go).
	lastDoc *Mention
	// next holds the mentions of the sentence after the one being coded,
	// and countries the country codes named so far (see namedLater).
	next      []Mention
	countries map[string]bool
	// reads tells which sentences' mentions a later pronoun may read
	// (see skip.go).
	reads memoryReads
}

func newStory(sents []dyad.Sentence) *story {
	return &story{sents: sents, seen: map[*dictionary.Actor]bool{}}
}

// contextOK reports whether one of the [ctx: …] words occurs in the story.
// The story's words are gathered the first time it is asked.
func (s *story) contextOK(ctx []string) bool {
	if s.words == nil {
		s.words = map[string]bool{}
		for _, se := range s.sents {
			for _, t := range se.Tokens {
				s.words[strings.ToLower(t.Text)] = true
			}
		}
	}
	for _, w := range ctx {
		ok := true
		for _, part := range strings.Fields(strings.ToLower(w)) {
			if !s.words[part] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// findMentions returns the dictionary mentions of a sentence (before
// parsing): matches filtered by short-alias and context conditions, with
// agents merged into their countries.
func (c *Coder) findMentions(toks []dyad.Token, date time.Time, st *story) []Mention {
	ms := c.dict.MatchActors(toks, date)
	if len(ms) == 0 {
		return nil
	}
	ms = c.dict.MergeAgents(toks, ms, date)
	out := make([]Mention, 0, len(ms))
	for i := range ms {
		m := &ms[i]
		if m.Short && (m.Actor == nil || !st.seen[m.Actor]) {
			continue
		}
		if len(m.Context) > 0 && !st.contextOK(m.Context) {
			continue
		}
		if m.Actor != nil && !m.Short {
			st.seen[m.Actor] = true
		}
		kind := m.Kind.String()
		if m.Composite {
			kind = "composite"
		}
		code := m.Code
		if m.Null {
			code = ""
		}
		mm := Mention{Start: m.Start, End: m.End, Head: m.End - 1, Code: code,
			Name: m.Entry(), Text: spanText(toks, m.Start, m.End), Kind: kind, Source: m.Source().String()}
		if m.Kind == dictionary.KindAgent && !m.Composite {
			mm.agent = m.Agent
		}
		if m.Composite {
			mm.compAgent, mm.baseStart, mm.baseEnd, mm.base = m.Agent, m.BaseStart, m.BaseEnd, m.BaseCode
			if c.dict.Petrarch != nil && m.BaseCode != "" && code != "" {
				// "West German world government": GMWGOV + ~WGO is
				// GMWGOVWGO for PETRARCH, which adds an agent unless the
				// code already holds it.
				mm.Code, mm.petrarch = petrarchCombine(m.BaseCode, m.Agent), true
			}
		}
		if m.Actor != nil && !m.Null {
			mm.actor = m.Actor
			if m.Composite {
				mm.role = m.Agent
			}
		}
		out = append(out, mm)
	}
	return out
}

// spanText returns the surface words of toks[a:b] joined as in the source.
func spanText(toks []dyad.Token, a, b int) string {
	var sb strings.Builder
	for i := a; i < b; i++ {
		sb.WriteString(toks[i].Text)
		if i < b-1 && (toks[i].SpaceAfter || toks[i+1].Span.Start > toks[i].Span.End) {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// mentionIndex maps each token of a sentence to the mention covering it.
type mentionIndex struct {
	ms    []Mention
	byTok []int // token → mention index, -1 if none
}

func newMentionIndex(n int, ms []Mention, t *tree) *mentionIndex {
	mi := &mentionIndex{ms: ms, byTok: make([]int, n)}
	for i := range mi.byTok {
		mi.byTok[i] = -1
	}
	for k := range mi.ms {
		m := &mi.ms[k]
		for i := m.Start; i < m.End && i < n; i++ {
			mi.byTok[i] = k
		}
		if t != nil {
			if h := t.spanHead(m.Start, m.End); h >= 0 {
				m.Head = h // the token whose own head lies outside the span
			}
			if m.Head >= 0 && m.Head < n {
				x := t.toks[m.Head].XPOS
				m.plural = (x == "NNS" || x == "NNPS") && (m.agent != nil || m.compAgent != nil) && !t.petrarch
			}
		}
	}
	return mi
}

func (mi *mentionIndex) at(i int) *Mention {
	if i < 0 || i >= len(mi.byTok) || mi.byTok[i] < 0 {
		return nil
	}
	return &mi.ms[mi.byTok[i]]
}

// calendarWords are proper nouns that are never actors.
var calendarWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan.": true, "feb.": true, "aug.": true, "sept.": true, "oct.": true, "nov.": true, "dec.": true}

// mediumNouns are things said or shown: a bare role noun modifying them
// names the medium ("a television address", "a radio interview", "a
// newspaper article"), not an actor.
var mediumNouns = map[string]bool{"address": true, "speech": true, "interview": true, "statement": true, "broadcast": true,
	"message": true, "post": true, "article": true, "report": true, "appearance": true, "debate": true, "program": true,
	"programme": true, "show": true, "briefing": true, "conference": true, "remark": true, "comment": true, "footage": true,
	"video": true, "clip": true, "op-ed": true, "editorial": true, "column": true, "commentary": true, "channel": true}

// countHeads count people: "tens of thousands of refugees", "a group of
// protesters", "dozens of soldiers".
var countHeads = map[string]bool{"ten": true, "tens": true, "hundred": true, "hundreds": true, "thousand": true,
	"thousands": true, "million": true, "millions": true, "dozen": true, "dozens": true, "score": true, "scores": true,
	"group": true, "number": true, "majority": true, "handful": true, "couple": true}

// operationNouns are kinds of activity: a bare role noun modifying them
// says what kind ("military activity", "police operation"), not whose.
var operationNouns = map[string]bool{"activity": true, "operation": true, "presence": true, "exercise": true, "drill": true,
	"buildup": true, "build-up": true, "deployment": true, "offensive": true, "action": true, "maneuver": true,
	"manoeuvre": true, "campaign": true}

var pronounKinds = map[string]string{
	"he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
	"it": "thing", "its": "thing",
	"they": "group", "them": "group", "their": "group",
}

// actorFor resolves the nominal headed by token h to a mention: the mention
// covering h; else a named or coded modifier (apposition, compound, adjective,
// possessor, "of" phrase) as in "a Taliban delegation" or "Russian Ambassador
// to the UN, Vassily Nebenzia"; else a pronoun's antecedent; else, when
// unknown actors are wanted, the proper-noun phrase itself.
func (c *Coder) actorFor(t *tree, mi *mentionIndex, h int, st *story) *Mention {
	if h < 0 {
		return nil
	}
	if c.dict.Petrarch == nil && calendarWords[t.lower(h)] {
		return nil // "on Thursday, the US State Department said": a date, whatever hangs on it
	}
	if c.dict.Petrarch != nil && t.isNominal(h) {
		if m := c.petrarchNP(t, mi, h); m != nil {
			return m
		}
	}
	if m := mi.at(h); m != nil {
		if r := c.titledActor(t, mi, m, h); r != nil {
			return r
		}
		if m.Kind == "adjective" && c.dict.Petrarch == nil {
			// "Russian President Vladimir Putin" parsed with "Russian" as
			// its head: an adjective heads no noun phrase; the person does.
			for _, k := range t.kids[h] {
				switch t.fullRel(k) {
				case "flat", "compound", "appos", "nmod:desc":
					if km := mi.at(k); km != nil && km != m && km.Code != "" && km.Kind != "adjective" {
						return km
					}
				}
			}
		}
		return m
	}
	if k := t.counted(h); c.dict.Petrarch == nil && k != h {
		// "tens of thousands of Sudanese refugees": the counted people.
		if m := c.actorFor(t, mi, k, st); m != nil {
			return m
		}
	}
	// Prefer an apposition naming a coded actor, then compound and
	// adjectival modifiers, then possessors and "of" phrases.
	for _, rels := range [][]string{{"appos"}, {"compound", "amod", "flat"}, {"nmod:poss"}, {"nmod"}} {
		for _, k := range t.kids[h] {
			r := t.fullRel(k)
			match := false
			for _, want := range rels {
				switch want {
				case "nmod": // only "of": "a delegation of the Taliban"
					match = match || (t.rel(k) == "nmod" && r != "nmod:poss" && t.caseWord(k) == "of")
				default:
					match = match || r == want
				}
			}
			if !match {
				continue
			}
			if m := mi.at(k); m != nil && m.Code != "" {
				if c.dict.Petrarch == nil && (mediumNouns[t.lemma(h)] || operationNouns[t.lemma(h)]) && (m.Kind == "agent" || m.guessed || m.placed) {
					// "in a television address": the medium, not an
					// actor; "reduce military activity around Kyiv": the
					// kind of activity, not whose.
					continue
				}
				if m.Kind == "capital" && r == "nmod:poss" && c.dict.Petrarch == nil && placeNouns[t.lemma(h)] {
					return c.countryOnly(m) // "Beirut's southern suburbs": a place
				}
				if m.Kind == "capital" && r == "compound" && c.dict.Petrarch == nil {
					// "the Kabul Longan Hotel", "Kabul airport": a place
					// in the country, not its government.
					return c.countryOnly(m)
				}
				return m
			}
		}
	}
	tok := t.toks[h]
	if tok.UPOS == "PROPN" {
		// "the official news agency WFNA": an unknown name whose noun
		// phrase holds a role noun deeper down is coded by that role, as
		// PETRARCH codes a noun phrase by the actors and agents in it
		// before it falls back on a new actor.
		if m := npModifierMention(t, mi, h); m != nil {
			if m.Kind == "capital" && c.dict.Petrarch == nil {
				return c.countryOnly(m) // "the Kabul Longan Hotel"
			}
			return m
		}
	}
	if c.dict.Petrarch == nil {
		if m := c.bridgedDocument(t, h, st); m != nil {
			return m // "opposed the draft"
		}
		if m := c.namedLater(t, h, st); m != nil {
			return m // "the invasion of a neighbouring country" … "Ukraine"
		}
	}
	if kind, ok := pronounKinds[strings.ToLower(tok.Text)]; ok && tok.UPOS == "PRON" {
		a := clauseAntecedent(t, mi, h, kind)
		if c.dict.Petrarch == nil && a != nil && t.subjectOfOwnVerb(mi, h, a) {
			// "Ukraine filed a case against Russia, accusing it of …": an
			// object pronoun is not its own verb's subject (that would be
			// "itself"): the nearest other actor before it, or none.
			if a = objectAntecedent(t, mi, h, a, kind); a == nil {
				return nil
			}
		}
		if a == nil {
			a = st.antecedent(kind)
		}
		if a != nil {
			p := &Mention{Start: h, End: h + 1, Head: h, Code: a.Code, Name: a.Name, Text: tok.Text, Kind: "pronoun", Source: a.Source, Antecedent: a}
			return p
		}
		return nil
	}
	if c.dict.Petrarch != nil && c.opts.NewActorLength > 0 && (tok.UPOS == "PROPN" || tok.UPOS == "NOUN") && !calendarWords[strings.ToLower(tok.Text)] {
		return newActor(t, h) // PETRARCH: any uncoded noun phrase
	}
	if tok.UPOS == "PROPN" && !calendarWords[strings.ToLower(tok.Text)] {
		lo, hi := h, h
		for _, k := range t.kids[h] {
			if (t.rel(k) == "compound" || t.rel(k) == "flat") && t.toks[k].UPOS == "PROPN" {
				if k < lo {
					lo = k
				}
				if k > hi {
					hi = k
				}
			}
		}
		return &Mention{Start: lo, End: hi + 1, Head: h, Name: spanText(t.toks, lo, hi+1), Text: spanText(t.toks, lo, hi+1), Kind: "unknown"}
	}
	return nil
}

// titledActor returns the mention that stands for a noun phrase headed by
// a named actor with a state-level code when a role noun titles it:
// "Bree Prime Minister Romendacil" or "Ithilen's minister Calimehtar" is
// the titled country's role (BREGOV, ITHGOV) — PETRARCH codes a noun
// phrase by its first actor and its agent — and "minister Calimehtar" is
// the named actor in that role. It returns nil when no role titles m.
func (c *Coder) titledActor(t *tree, mi *mentionIndex, m *Mention, h int) *Mention {
	if m.Kind != "actor" || len(m.Code) != 3 || h != m.Head {
		return nil
	}
	for _, k := range t.kids[h] {
		if k >= m.Start {
			break // titles stand before the name
		}
		switch t.fullRel(k) {
		case "compound", "flat", "amod", "nmod:poss":
		default:
			continue
		}
		tm := mi.at(k)
		switch {
		case tm == nil || tm == m:
		case tm.Kind == "composite" && tm.agent == nil && tm.Code != "":
			return tm // an actor with its role: "Bree Prime Minister"
		case tm.Kind == "composite" && tm.agent != nil && !tm.guessed && !strings.Contains(tm.Code, "/"):
			return tm // a role placed in a country: "Ithilen's minister"
		case tm.Kind == "agent" && tm.agent != nil:
			cp := *m
			cp.Code = dictionary.CombineAgent(m.Code, tm.agent)
			cp.Kind, cp.role = "composite", tm.agent
			cp.Start = min(cp.Start, tm.Start)
			cp.Text = spanText(t.toks, cp.Start, cp.End)
			return &cp
		}
	}
	return nil
}

// npModifierMention returns the first coded role or actor mention among
// the nominal modifiers of h and their own modifiers (compounds,
// adjectives, flat names), leftmost first, or nil.
func npModifierMention(t *tree, mi *mentionIndex, h int) *Mention {
	var best *Mention
	var walk func(n, depth int)
	walk = func(n, depth int) {
		for _, k := range t.kids[n] {
			switch t.fullRel(k) {
			case "compound", "amod", "flat":
			default:
				continue
			}
			if m := mi.at(k); m != nil && m.Code != "" && (best == nil || m.Start < best.Start) {
				best = m
			}
			if depth > 1 {
				walk(k, depth-1)
			}
		}
	}
	walk(h, 3)
	return best
}

// clauseAntecedent resolves a pronoun inside its sentence: the coded
// subject of a clause that governs the pronoun's clause and stands before
// it ("Ethiopia indicated it would act": it is Ethiopia). It returns nil
// when no governing clause has a suitable subject.
func clauseAntecedent(t *tree, mi *mentionIndex, h int, kind string) *Mention {
	n := h
	for steps := 0; steps < 8; steps++ {
		p := t.head[n]
		if p < 0 {
			return nil
		}
		for _, k := range t.kids[p] {
			if k >= h || k == n || t.rel(k) != "nsubj" {
				continue
			}
			m := mi.at(k)
			if m == nil || m.Code == "" {
				continue
			}
			switch {
			case m.Kind == "pronoun", m.Kind == "agent":
			case kind == "person" && !personLike(m.Code):
			case kind == "thing" && m.Kind == "people":
			default:
				return m
			}
		}
		n = p
	}
	return nil
}

// antecedent returns the most recent coded mention suitable for a pronoun
// of the given kind ("person", "thing", "group").
func (s *story) antecedent(kind string) *Mention {
	if kind == "person" {
		if n := len(s.persons); n > 0 {
			return &s.persons[n-1]
		}
		return nil
	}
	for i := len(s.recent) - 1; i >= 0; i-- {
		m := &s.recent[i]
		if m.Kind == "agent" || (kind == "thing" && (m.Kind == "people" || m.plural)) {
			continue // a role noun without a country is no antecedent, nor "troops" of "it"
		}
		return m
	}
	return nil
}

// remember records a sentence's coded mentions for later pronoun resolution.
func (s *story) remember(ms []Mention) {
	for _, m := range ms {
		if m.Code == "" || m.Kind == "pronoun" || m.Kind == "adjective" {
			continue
		}
		s.recent = append(s.recent, m)
		if m.Kind == "actor" && strings.Contains(m.Name, " ") && personLike(m.Code) {
			s.persons = append(s.persons, m)
		}
	}
	if len(s.recent) > 64 {
		s.recent = append(s.recent[:0], s.recent[len(s.recent)-32:]...)
	}
}

// personLike reports whether an actor code is one a person would carry:
// a country with a government, military, opposition or elite role.
func personLike(code string) bool {
	if len(code) < 6 {
		return false
	}
	switch code[3:6] {
	case "GOV", "MIL", "OPP", "ELI", "LEG", "JUD", "REB", "INS":
		return true
	}
	return false
}

// dominantCountry returns the country mentioned most in a document when it
// stands out: the only country mentioned, or at least two mentions and more
// than any other country.
func dominantCountry(counts map[string]int) string {
	best, bestN, second := "", 0, 0
	for k, n := range counts {
		switch {
		case n > bestN:
			best, bestN, second = k, n, bestN
		case n == bestN:
			second = n // a tie: nothing stands out (whatever the map order)
		case n > second:
			second = n
		}
	}
	if bestN == 0 || bestN == second || (bestN < 2 && len(counts) > 1) {
		return ""
	}
	return best
}

// placeNouns name parts of a place: a capital that has them ("Beirut's
// southern suburbs") is a city, not a government.
var placeNouns = map[string]bool{"suburb": true, "outskirt": true, "outskirts": true, "district": true,
	"neighbourhood": true, "neighborhood": true, "street": true, "airport": true, "centre": true, "center": true,
	"area": true, "port": true, "harbour": true, "harbor": true, "square": true, "market": true, "hospital": true,
	"residents": true, "resident": true, "population": true, "outskirts_of": true, "skyline": true}

// countryOnly returns a copy of mention m coded as its country alone.
func (c *Coder) countryOnly(m *Mention) *Mention {
	cc, _ := c.dict.SplitCode(m.Code)
	if cc == "" || cc == m.Code {
		return m
	}
	cp := *m
	cp.Code, cp.Kind, cp.actor, cp.role = cc, "country", nil, nil
	return &cp
}

// subjectOfOwnVerb reports whether mention a is the subject of the verb
// whose object pronoun h is (its own or inherited: "accusing it", with
// "accusing" sharing the subject of "filed").
func (t *tree) subjectOfOwnVerb(mi *mentionIndex, h int, a *Mention) bool {
	if r := t.rel(h); r != "obj" && r != "iobj" || t.head[h] < 0 {
		return false
	}
	for _, s := range t.frameShallow(t.head[h]).subj {
		if m := mi.at(s); m != nil && (m == a || m.Code == a.Code) {
			return true
		}
	}
	return false
}

// objectAntecedent returns the nearest coded actor mention before pronoun
// h, of the pronoun's kind, other than not: outside the phrase of a
// subject, a relative clause or a phrase of place, and no adjective; or
// nil.
func objectAntecedent(t *tree, mi *mentionIndex, h int, not *Mention, kind string) *Mention {
	for k := h - 1; k >= 0; k-- {
		m := mi.at(k)
		if m == nil || m == not || m.Code == "" || m.Code == not.Code || m.Head != k {
			continue
		}
		switch {
		case m.Kind == "agent" || m.Kind == "adjective" || m.Kind == "pronoun":
			continue
		case kind == "person" && !personLike(m.Code):
			continue
		case kind == "thing" && m.Kind == "people":
			continue
		}
		if t.insideSubjectOrClause(k) || locativePreps[t.caseWord(k)] {
			continue
		}
		return m
	}
	return nil
}

// insideSubjectOrClause reports whether token k lies in a subject's phrase
// or a relative clause.
func (t *tree) insideSubjectOrClause(k int) bool {
	for n, steps := k, 0; n >= 0 && steps <= len(t.toks); n, steps = t.head[n], steps+1 {
		switch t.fullRel(n) {
		case "nsubj", "nsubj:pass", "csubj", "acl:relcl":
			return true
		}
	}
	return false
}
