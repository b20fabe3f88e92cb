package dictionary

import (
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
)

// ActorMatch is one actor mention found by MatchActors: tokens
// [Start, End) of the sentence matched Name.
type ActorMatch struct {
	Start, End int
	Kind       Kind
	// Code is the code on the date: ISO3 for country names and adjectives,
	// ISO3CVL for people, ISO3GOV for capitals and government metonyms, the
	// actor's dated code, the agent's role code, or for a composite (see
	// MergeAgents) the combined code. It is "" when no code covers the date
	// (the actor is recognised but unknown then) or the entry says NullCode.
	Code string
	// Null reports that the entry deliberately codes nothing on the date
	// (PETRARCH "---").
	Null    bool
	Name    *Name    // the name that matched
	Actor   *Actor   // set for KindActor (and composites built on an actor)
	Country *Country // set for country kinds (and composites built on one)
	Agent   *Agent   // set for KindAgent and composites
	// Composite reports a country/actor + agent combination made by
	// MergeAgents ("Chinese companies", "the government of Afghanistan").
	Composite bool
	// BaseStart, BaseEnd and BaseCode give, for a composite, the tokens
	// and code of its country or actor part ("Gondor" in "the parliament
	// of Gondor").
	BaseStart, BaseEnd int
	BaseCode           string
	// Short is true for a short alias ("Wang~"): accept it only after the
	// full name occurred in the story.
	Short bool
	// Context lists the "[ctx: …]" words of a conditional name: resolve the
	// match only when one of them occurs in the document.
	Context []string
}

// Entry returns the canonical name of the matched entry ("Wang Yi",
// "Afghanistan", "government").
func (m *ActorMatch) Entry() string {
	switch {
	case m.Actor != nil && m.Kind == KindActor:
		return m.Actor.Name.Text
	case m.Country != nil && m.Kind != KindAgent:
		return m.Country.Name.Text
	case m.Agent != nil && len(m.Agent.Names) > 0 && !m.Composite:
		return m.Agent.Names[0].Text
	case m.Name != nil:
		return m.Name.Text
	}
	return ""
}

// Source returns where the matched name was defined.
func (m *ActorMatch) Source() Pos {
	if m.Name != nil {
		return m.Name.Source
	}
	return Pos{}
}

const (
	kindRankAgent = iota
	kindRankCountry
	kindRankActor
)

// buildNames fills the actor-name trie: countries, then actors, then agents.
func (d *Dictionary) buildNames() {
	n := 0
	for _, c := range d.Countries {
		n += 1 + len(c.Aliases) + len(c.Adj) + len(c.People) + len(c.Capital) + len(c.Govt)
	}
	for _, a := range d.Actors {
		n += 1 + len(a.Aliases)
	}
	for _, a := range d.Agents {
		n += len(a.Names)
	}
	t := newTrieSize(n)
	add := func(n *Name, kind Kind, ref int) {
		if len(n.Words) == 0 || len(n.Words) > 64 {
			return
		}
		low := make([]string, len(n.Words))
		for i, w := range n.Words {
			low[i] = fold(w)
		}
		e := trieEntry{kind: kind, ref: int32(ref), name: n, exact: n.exact, words: n.Words}
		t.insert(low, e, false)
		if n.optThe && len(low) > 1 && low[0] == "the" {
			e2 := e
			e2.exact >>= 1
			e2.words = n.Words[1:]
			t.insert(low[1:], e2, false)
		}
	}
	for i, c := range d.Countries {
		add(&c.Name, KindCountry, i)
		for j := range c.Aliases {
			add(&c.Aliases[j], KindCountry, i)
		}
		for j := range c.Adj {
			add(&c.Adj[j], KindAdjective, i)
		}
		for j := range c.People {
			add(&c.People[j], KindPeople, i)
		}
		for j := range c.Capital {
			add(&c.Capital[j], KindCapital, i)
		}
		for j := range c.Govt {
			add(&c.Govt[j], KindGovt, i)
		}
	}
	for i, a := range d.Actors {
		add(&a.Name, KindActor, i)
		for j := range a.Aliases {
			add(&a.Aliases[j], KindActor, i)
		}
	}
	for i, a := range d.Agents {
		for j := range a.Names {
			add(&a.Names[j], KindAgent, i)
		}
	}
	d.names = t
}

func kindRank(k Kind) int {
	switch k {
	case KindAgent:
		return kindRankAgent
	case KindActor:
		return kindRankActor
	}
	return kindRankCountry
}

// MatchActors finds the actor mentions in toks (one sentence): at each token,
// left to right, the longest name that starts there; matches do not overlap.
// Names match token texts case-insensitively, except that in native
// dictionaries a name word written in capitals of two to five letters (an
// acronym: "US", "UN", "PRC") only matches the same capitals; a native name
// beginning with "the" also matches without it. Among names of equal length
// the later-defined wins (named actors before countries before agents).
// Codes are resolved for date (see ActorMatch.Code); a zero date takes each
// actor's default code.
//
// The hot path allocates only the result slice for ASCII tokens.
func (d *Dictionary) MatchActors(toks []dyad.Token, date time.Time) []ActorMatch {
	if d.names == nil {
		return nil
	}
	t := d.names
	var out []ActorMatch
	for i := 0; i < len(toks); {
		best, bestEnd := int32(-1), -1
		node := int32(0)
		for j := i; j < len(toks); j++ {
			child, ok := t.step(node, toks[j].Text)
			if !ok {
				break
			}
			node = child
			for e := t.ends[node]; e >= 0; e = t.entries[e].next {
				en := &t.entries[e]
				if en.exact != 0 && !exactOK(en, toks[i:j+1]) {
					continue
				}
				if j+1 > bestEnd || kindRank(en.kind) > kindRank(t.entries[best].kind) ||
					(kindRank(en.kind) == kindRank(t.entries[best].kind) && en.ref > t.entries[best].ref) {
					best, bestEnd = e, j+1
				}
			}
		}
		if best < 0 {
			i++
			continue
		}
		out = append(out, d.resolve(&t.entries[best], i, bestEnd, date))
		i = bestEnd
	}
	return out
}

func exactOK(e *trieEntry, toks []dyad.Token) bool {
	for k := range toks {
		if k < 64 && e.exact&(1<<uint(k)) != 0 && toks[k].Text != e.words[k] {
			return false
		}
	}
	return true
}

func (d *Dictionary) resolve(e *trieEntry, start, end int, date time.Time) ActorMatch {
	m := ActorMatch{Start: start, End: end, Kind: e.kind, Name: e.name, Short: e.name.Short, Context: e.name.Context}
	switch e.kind {
	case KindActor:
		a := d.Actors[e.ref]
		m.Actor = a
		c, ok := a.codeAt(date)
		if ok && c == NullCode {
			m.Null = true
		} else if ok {
			m.Code = c
		}
	case KindAgent:
		m.Agent = d.Agents[e.ref]
		m.Code = m.Agent.Code
	default:
		c := d.Countries[e.ref]
		m.Country = c
		if c.ExistsOn(date) {
			m.Code = c.ISO3 + kindSuffix(e.kind)
		}
	}
	return m
}

func kindSuffix(k Kind) string {
	switch k {
	case KindPeople:
		return "CVL"
	case KindCapital, KindGovt:
		return "GOV"
	}
	return ""
}

// MergeAgents joins agent matches with the country or actor they belong to:
// "Chinese companies", "China's foreign minister", "the Afghan government"
// (a country-kind or actor match, optionally followed by "'s" or "'", right
// before the agent) and "the government of Afghanistan" (agent, "of",
// optional "the", country or actor). The joined match spans both, has Kind
// KindAgent, Composite set, Agent and Country/Actor set, and the combined
// code (CombineAgent). Other matches are returned unchanged. ms must come
// from MatchActors on the same toks.
func (d *Dictionary) MergeAgents(toks []dyad.Token, ms []ActorMatch, date time.Time) []ActorMatch {
	out := make([]ActorMatch, 0, len(ms))
	baseCode := func(m *ActorMatch) string {
		if m.Country != nil && m.Kind != KindAgent {
			if m.Code == "" {
				return ""
			}
			return m.Country.ISO3
		}
		return m.Code
	}
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if m.Kind != KindAgent && i+1 < len(ms) && ms[i+1].Kind == KindAgent {
			gap := ms[i+1].Start - m.End
			ok := gap == 0
			if gap == 1 && m.End < len(toks) {
				ok = isPossessive(toks[m.End].Text)
			}
			if ok && baseCode(&m) != "" {
				ag := ms[i+1]
				c := ag
				c.Start, c.Composite = m.Start, true
				c.Actor, c.Country = m.Actor, m.Country
				c.Code = CombineAgent(baseCode(&m), ag.Agent)
				c.BaseStart, c.BaseEnd, c.BaseCode = m.Start, m.End, baseCode(&m)
				out = append(out, c)
				i++
				continue
			}
		}
		if m.Kind == KindAgent && i+1 < len(ms) && ms[i+1].Kind != KindAgent {
			k := m.End
			if k >= 0 && k < len(toks) && strings.EqualFold(toks[k].Text, "of") {
				k++
				if k < len(toks) && strings.EqualFold(toks[k].Text, "the") {
					k++
				}
				n := ms[i+1]
				possessive := n.End < len(toks) && isPossessive(toks[n.End].Text)
				if n.Start == k && baseCode(&n) != "" && !possessive {
					c := m
					c.End, c.Composite = n.End, true
					c.Actor, c.Country = n.Actor, n.Country
					c.Code = CombineAgent(baseCode(&n), m.Agent)
					c.BaseStart, c.BaseEnd, c.BaseCode = n.Start, n.End, baseCode(&n)
					out = append(out, c)
					i++
					continue
				}
			}
		}
		out = append(out, m)
	}
	return out
}

func isPossessive(w string) bool {
	return w == "'s" || w == "'" || w == "’s" || w == "’" || w == "'S"
}

// hasGroups reports whether every three-letter group of role occurs among
// the three-letter groups of code.
func hasGroups(code, role string) bool {
	if len(role) == 0 || len(role)%3 != 0 {
		return false
	}
	for r := 0; r < len(role); r += 3 {
		found := false
		for c := 0; c+3 <= len(code); c += 3 {
			if code[c:c+3] == role[r:r+3] {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// CombineAgent attaches agent a's role code to code (a country or actor
// code): "CHN" + ~BUS → "CHNBUS"; a Before agent ("NGO~") goes first: "USA"
// + NGO~ → "NGOUSA". A code that already holds the role code among its
// three-letter groups ("AFGGOVTAL" + GOV) is returned as is; an empty code
// gives the role code.
func CombineAgent(code string, a *Agent) string {
	if a == nil {
		return code
	}
	switch {
	case code == "":
		return a.Code
	case hasGroups(code, a.Code):
		return code
	case a.Before:
		if strings.HasPrefix(code, a.Code) {
			return code
		}
		return a.Code + code
	case strings.HasSuffix(code, a.Code):
		return code
	case hasRole(code):
		// The actor already has a role ("AFGGOVTAL", "IGOUNO"): "Taliban
		// fighters" or a "UN envoy" stay that actor.
		return code
	}
	return code + a.Code
}

// roleCodes are the sector codes an actor code may already carry.
var roleCodes = map[string]bool{"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "OPP": true,
	"REB": true, "INS": true, "SEP": true, "BUS": true, "MED": true, "NGO": true, "EDU": true, "CVL": true,
	"REF": true, "LAB": true, "ELI": true, "SPY": true, "PTY": true, "CRM": true, "REL": true, "HLH": true, "AGR": true}

// hasRole reports whether an actor code is an international body or
// already carries a sector code after its country.
func hasRole(code string) bool {
	if len(code) < 6 {
		return false
	}
	if intlPrefixes[code[:3]] {
		return true
	}
	for i := 3; i+3 <= len(code); i += 3 {
		if roleCodes[code[i:i+3]] {
			return true
		}
	}
	return false
}

// International prefixes that take the place of a country code.
var intlPrefixes = map[string]bool{"IGO": true, "IMG": true, "NGO": true, "MNC": true}

// SplitCode splits an actor code into its country and sector: when the code
// starts with a known ISO3 code (IsCountryCode) the country is that and the
// sector the next three letters ("CHNGOV" → "CHN", "GOV"); an international
// prefix (IGO, IMG, NGO, MNC) has no country and is itself the sector
// ("IGOUNO" → "", "IGO"); any other code has no country and its first three
// letters as sector ("GOV" → "", "GOV"). NullCode and "" give "", "".
func (d *Dictionary) SplitCode(code string) (country, sector string) {
	if len(code) < 3 || code == NullCode {
		return "", ""
	}
	head := code[:3]
	if d.iso[head] && !intlPrefixes[head] {
		if len(code) >= 6 {
			return head, code[3:6]
		}
		return head, ""
	}
	return "", head
}

// CodeParts returns the country and sector of a match: an actor's country
// and sector fields when its entry sets them, else SplitCode of m.Code.
func (d *Dictionary) CodeParts(m *ActorMatch) (country, sector string) {
	country, sector = d.SplitCode(m.Code)
	if m.Actor != nil && !m.Composite {
		if m.Actor.Country != "" {
			country = m.Actor.Country
		}
		if m.Actor.Sector != "" {
			sector = m.Actor.Sector
		}
	}
	return country, sector
}

// ContextOK reports whether a conditional name ("Georgia [ctx: Tbilisi |
// Georgian]") may resolve in a document: true when m has no Context, or when
// one of its context words or phrases occurs in doc (token texts or lemmas,
// case-insensitively). Pass all tokens of the document.
func (m *ActorMatch) ContextOK(doc []dyad.Token) bool {
	if len(m.Context) == 0 {
		return true
	}
	for _, c := range m.Context {
		words := strings.Fields(c)
		if len(words) == 0 {
			continue
		}
		for i := 0; i+len(words) <= len(doc); i++ {
			ok := true
			for k, w := range words {
				t := &doc[i+k]
				if !strings.EqualFold(t.Text, w) && !strings.EqualFold(t.Lemma, w) {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// ISOCodes returns the known country codes, sorted.
func (d *Dictionary) ISOCodes() []string {
	out := make([]string, 0, len(d.iso))
	for k := range d.iso {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
