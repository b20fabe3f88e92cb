package coder

import (
	"sort"
	"strings"

	"github.com/dyad-events/dyad/dictionary"
)

// localiseAgents gives bare role nouns a country from the tree: "soldiers
// from Gondor", "activists in Arnor" (an attached in/of/from phrase naming
// a country), "Dagolath's first Deputy Prime Minister" (a possessive or
// adjectival country on the role or on the name it titles); with the
// AgentContext option, else the country of the place the sentence names,
// else the document's dominant country.
func (c *Coder) localiseAgents(t *tree, mi *mentionIndex, st *story, pl *placer) {
	placeCountry, placeDone := "", false
	countryOf := func(ch int) string {
		// A named actor with a bare three-letter code stands for a state too
		// (PETRARCH dictionaries have no country entries: "ARNOR [ARN]").
		if cm := mi.at(ch); cm != nil && (cm.Kind == "country" || cm.Kind == "capital" || cm.Kind == "adjective" || cm.Kind == "actor" && len(cm.Code) == 3) {
			cc, _ := c.dict.SplitCode(cm.Code)
			return cc
		}
		return ""
	}
	for k := range mi.ms {
		m := &mi.ms[k]
		if m.agent == nil || m.Kind != "agent" {
			continue
		}
		if c.dict.Petrarch == nil && (inProperName(t, m) || c.roleAdjective(t, m)) {
			m.Code, m.agent = "", nil
			continue
		}
		var countries []string
		add := func(cc string) {
			for _, x := range countries {
				if x == cc {
					return
				}
			}
			countries = append(countries, cc)
		}
		heads := []int{m.Head}
		if r := t.rel(m.Head); (r == "compound" || r == "flat") && t.head[m.Head] >= 0 {
			heads = append(heads, t.head[m.Head]) // the name the title belongs to
		}
		// placeOf adds the countries of an "in/of/from COUNTRY" phrase.
		elsewhere := false
		var org *Mention
		placeOf := func(ch int) {
			switch t.caseWord(ch) {
			case "at":
				// "judges at the International Criminal Court": a
				// member of the organisation, not of a place's country.
				for _, cj := range t.conjuncts(ch) {
					if om := mi.at(cj); om != nil && c.dict.Petrarch == nil && c.organisation(om) {
						org = om
					}
				}
			case "in", "of", "from":
				for _, cj := range t.conjuncts(ch) { // "in Fornost and Gondor"
					cc := countryOf(cj)
					for _, g := range t.kids[cj] {
						if cc == "" && g < cj && t.rel(g) == "compound" {
							cc = countryOf(g) // "from Gondor wire", a name taken for a modifier
						}
						if cc == "" && g < cj && t.rel(g) == "amod" && c.dict.Petrarch == nil && t.caseWord(ch) == "in" && settlementNouns[t.lemma(cj)] {
							cc = countryOf(g) // "civilians in Israeli towns"
						}
					}
					if om := mi.at(cj); cc == "" && om != nil && c.dict.Petrarch == nil && t.caseWord(ch) != "in" && c.organisation(om) {
						org = om // "a suicide bomber from the Islamic State Khorasan Province"
					}
					if cc != "" {
						add(cc)
					} else if c.dict.Petrarch == nil && t.caseWord(ch) != "in" && (stateNouns[t.lemma(cj)] || (mi.at(cj) != nil && mi.at(cj).Code == "")) {
						// "the foreign ministers of neighbouring countries":
						// from countries that are not named, so not the
						// country the document is about.
						elsewhere = true
					}
				}
			}
		}
		if c.dict.Petrarch == nil {
			// "Russia pulled its troops back", "Iran recalled its
			// ambassador from Baku": the subject's own, wherever they are.
			if cc := c.possessorCountry(t, mi, m); cc != "" {
				add(cc)
				heads, m.owned = nil, true
			}
		}
		for _, h := range heads {
			for _, ch := range t.kids[h] {
				switch {
				case ch >= m.Start && ch < m.End:
				case t.rel(ch) == "nmod" && t.fullRel(ch) != "nmod:poss":
					placeOf(ch)
				case t.fullRel(ch) == "nmod:poss" || t.rel(ch) == "amod" || t.rel(ch) == "compound":
					if cc := countryOf(ch); cc != "" {
						add(cc)
					}
				}
			}
		}
		if len(countries) == 0 {
			// "Lawmakers and officials in Fornost and Gondor": a phrase after
			// the last of coordinated nouns places each of them, wherever the
			// parser attached it (PETRARCH copies a compound's shared words
			// to every member).
			group := t.conjuncts(t.firstConjunct(m.Head))
			last := group[len(group)-1]
			for _, x := range group {
				last = max(last, x)
			}
			for _, x := range group {
				if x == m.Head {
					continue
				}
				for _, ch := range t.kids[x] {
					if ch > last && t.rel(ch) == "nmod" && t.fullRel(ch) != "nmod:poss" {
						placeOf(ch)
					}
				}
			}
		}
		if len(countries) == 0 && c.dict.Petrarch == nil {
			// "attacked Israeli towns, killing hundreds of civilians": the
			// victims of the clause belong to the party attacked.
			if cc := c.victimCountry(t, mi, m.Head); cc != "" {
				add(cc)
			}
		}

		if len(countries) == 0 && org != nil {
			// A member of a named organisation acts for it.
			m.Code, m.Kind = org.Code, "composite"
			continue
		}
		if len(countries) == 0 && c.opts.AgentContext && !elsewhere && guessable(t, m) {
			// The country of the place the sentence names ("protesters
			// stormed government buildings in Yerevan"), else the one the
			// document is mostly about.
			if !placeDone {
				placeCountry, placeDone = pl.sentenceCountry(t), true
			}
			switch {
			case placeCountry != "":
				countries = []string{placeCountry}
				m.placed = true
			case st.dominant != "":
				countries = []string{st.dominant}
				m.guessed = true
			}
		}
		if len(countries) > 0 {
			codes := make([]string, len(countries))
			for i, cc := range countries {
				codes[i] = dictionary.CombineAgent(cc, m.agent)
			}
			m.Code = strings.Join(codes, "/") // split into one actor each when coding
			m.Kind = "composite"
		}
	}
}

// spreadAgents gives a role "of" a list of countries to every country of
// the list: "the ambassadors of Arnor, Osgiliath and Gondor" stands for
// ARNGOV, OSGGOV and GONGOV (the dictionary merged only "ambassadors of
// Arnor"), as PETRARCH copies a compound's shared words to each member.
// The codes are joined with "/" and split into one actor each when coding.
func (c *Coder) spreadAgents(t *tree, mi *mentionIndex) {
	for k := range mi.ms {
		m := &mi.ms[k]
		if m.compAgent == nil || m.baseStart <= m.Start || m.Code == "" || strings.Contains(m.Code, "/") {
			continue // only an agent before its country: "ambassadors of X"
		}
		bh := -1
		for i := m.baseStart; i < m.baseEnd && i < len(t.toks); i++ {
			if h := t.head[i]; h < m.baseStart || h >= m.baseEnd {
				bh = i
			}
		}
		if bh < 0 {
			continue
		}
		codes := []string{m.Code}
		for _, cj := range t.conjuncts(bh)[1:] {
			o := mi.at(cj)
			if o == nil || o == m || o.Code == "" || o.agent != nil || o.compAgent != nil || o.Kind == "agent" {
				continue
			}
			base := o.Code
			switch o.Kind {
			case "country", "adjective", "capital", "govt", "people":
				if cc, _ := c.dict.SplitCode(o.Code); cc != "" {
					base = cc
				}
			}
			code := dictionary.CombineAgent(base, m.compAgent)
			if m.petrarch {
				code = petrarchCombine(base, m.compAgent)
			}
			codes = append(codes, code)
		}
		if len(codes) > 1 {
			m.Code = strings.Join(codes, "/")
		}
	}
}

// foreignWords mark a role noun as belonging elsewhere than the country a
// document is about: "foreign journalists", "international observers".
var foreignWords = map[string]bool{"foreign": true, "international": true, "overseas": true, "outside": true,
	"global": true, "multinational": true, "expatriate": true, "western": true}

// guessable reports whether bare role noun m may be given the document's
// dominant country: not when a modifier outside the role's own words says
// it belongs elsewhere ("foreign troops", "international aid workers"; but
// "the foreign minister" is a role of its own).
func guessable(t *tree, m *Mention) bool {
	for _, k := range t.kids[m.Head] {
		if k >= m.Start && k < m.End {
			continue
		}
		if r := t.rel(k); (r == "amod" || r == "compound") && foreignWords[t.lemma(k)] {
			return false
		}
	}
	return true
}

// inProperName reports whether bare role noun m is a word of a proper name
// rather than a role: capitalised inside the sentence and hung on another
// capitalised name that is no actor ("the Great Hall of the People", "the
// Monument to the People's Heroes").
func inProperName(t *tree, m *Mention) bool {
	h := t.head[m.Head]
	if m.Start == 0 || !capitalisedWord(t.toks[m.Head].Text) || h < 0 || (h >= m.Start && h < m.End) {
		return false
	}
	if t.toks[h].UPOS != "PROPN" || !capitalisedWord(t.toks[h].Text) || (t.mentions != nil && t.mentions.at(h) != nil) {
		return false
	}
	switch t.fullRel(m.Head) {
	case "nmod", "nmod:poss", "compound", "flat":
		return true
	}
	return false
}

// roleAdjective reports whether bare role noun m is used as an adjective
// of a noun naming an act ("military action", "a multinational naval
// operation", "military cooperation between Russia and North Korea"): it
// says what kind of act, not who is in it. On other nouns the role stays
// an actor ("struck military targets in Iran" is aimed at Iran's
// military). A noun names an act when the dictionary has event-noun
// patterns for it or it is a nominalisation (-tion, -sion, -ment, -ance,
// -ence).
func (c *Coder) roleAdjective(t *tree, m *Mention) bool {
	if m.End-m.Start != 1 || t.toks[m.Head].UPOS != "ADJ" || t.rel(m.Head) != "amod" || t.head[m.Head] < 0 {
		return false
	}
	n := t.lemma(t.head[m.Head])
	if len(c.dict.NounPatternsFor(n)) > 0 {
		return true
	}
	for _, suf := range []string{"tion", "sion", "ment", "ance", "ence"} {
		if strings.HasSuffix(n, suf) {
			return true
		}
	}
	return false
}

// capitalisedWord reports whether w starts with an upper-case ASCII letter.
func capitalisedWord(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// coordinatedAdjectives gives a role noun merged with the country
// adjective before it ("Ukrainian negotiators") the countries of the
// adjectives coordinated with that one too: "Russian and Ukrainian
// negotiators" are RUSGOV and UKRGOV, "American and British warplanes"
// USAMIL and GBRMIL. A country on the left counts when the parser joined
// it to the adjective (conj) or hung it on the role noun; "China and
// Afghan officials", two noun phrases, is left alone. The codes are
// joined with "/" and split into one actor each when coding.
func (c *Coder) coordinatedAdjectives(t *tree, mi *mentionIndex) {
	for k := range mi.ms {
		m := &mi.ms[k]
		if m.compAgent == nil || m.baseStart != m.Start || m.Code == "" || strings.Contains(m.Code, "/") {
			continue
		}
		base := m.baseStart // the adjective's token
		var codes []string
		for i := m.Start - 1; i >= 1; {
			w := strings.ToLower(t.toks[i].Text)
			if w != "and" && w != "," && w != "or" && w != "&" {
				break
			}
			l := mi.at(i - 1)
			if l == nil || l.End != i || l.Code == "" || l.agent != nil || l.compAgent != nil {
				break
			}
			switch l.Kind {
			case "adjective", "country", "actor":
			default:
				l = nil
			}
			if l == nil {
				break
			}
			h := l.Head
			joined := (t.rel(base) == "conj" && t.head[base] == h) || (t.rel(h) == "conj" && t.head[h] == base) ||
				(t.head[h] == m.Head && (t.rel(h) == "amod" || t.rel(h) == "compound"))
			// "US" and "UK" are written as adjectives ("US and Philippine
			// troops"); "China and Afghan officials" are two phrases.
			absorbed := false
			if !joined && l.Kind != "adjective" {
				if l.Kind != "country" || !abbreviation(l.Text) {
					break
				}
				absorbed = true
			}
			cc := l.Code
			if l.Kind == "adjective" || l.Kind == "country" {
				if x, _ := c.dict.SplitCode(l.Code); x != "" {
					cc = x
				}
			}
			codes = append(codes, dictionary.CombineAgent(cc, m.compAgent))
			if absorbed {
				l.Code = "" // the adjective's phrase, not an actor of its own
			}
			i = l.Start - 1
		}
		if len(codes) > 0 {
			for a, b := 0, len(codes)-1; a < b; a, b = a+1, b-1 {
				codes[a], codes[b] = codes[b], codes[a]
			}
			m.Code = strings.Join(append(codes, m.Code), "/")
		}
	}
}

// settlementNouns are places whose country adjective places the people in
// them ("civilians in Israeli towns").
var settlementNouns = map[string]bool{"town": true, "city": true, "village": true, "province": true, "region": true,
	"district": true, "area": true, "camp": true, "suburb": true, "territory": true, "port": true, "community": true}

// abbreviation reports whether s is written as an abbreviation: two or
// three capitals, with or without dots ("US", "U.S.", "UK", "UAE").
func abbreviation(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r == '.':
		case r >= 'A' && r <= 'Z':
			n++
		default:
			return false
		}
	}
	return n >= 2 && n <= 3
}

// organisation reports whether m is a named actor that is not a state: an
// armed group, party, company or international body.
func (c *Coder) organisation(m *Mention) bool {
	if m.Code == "" || m.Kind != "actor" || m.agent != nil || m.compAgent != nil {
		return false
	}
	cc, _ := c.dict.SplitCode(m.Code)
	return cc != m.Code
}

// stateNouns name countries without naming one: "the foreign ministers of
// neighbouring countries", "officials from several states".
var stateNouns = map[string]bool{"country": true, "state": true, "nation": true, "neighbour": true, "neighbor": true,
	"government": true, "capital": true, "member": true, "ally": true, "partner": true}

// unmergePossessed undoes a role merged with the country after it when that
// country is the possessor of another noun: "the foreign ministers of
// Afghanistan's neighbouring countries" are not Afghan ministers. The role
// and the country become mentions of their own.
func (c *Coder) unmergePossessed(t *tree, ms []Mention) []Mention {
	var extra []Mention
	for k := range ms {
		m := &ms[k]
		if m.compAgent == nil || m.baseStart <= m.Start || m.baseEnd != m.End {
			continue
		}
		b := -1
		for i := m.baseStart; i < m.baseEnd && i < len(t.toks); i++ {
			if h := t.head[i]; h < m.baseStart || h >= m.baseEnd {
				b = i
			}
		}
		if b < 0 || t.fullRel(b) != "nmod:poss" || t.head[b] < m.End {
			continue
		}
		base := Mention{Start: m.baseStart, End: m.baseEnd, Head: b, Code: m.base, Name: spanText(t.toks, m.baseStart, m.baseEnd),
			Text: spanText(t.toks, m.baseStart, m.baseEnd), Kind: "actor", Source: m.Source}
		if cc, _ := c.dict.SplitCode(m.base); cc == m.base {
			base.Kind = "country"
		}
		end := m.baseStart
		for end > m.Start+1 {
			if w := strings.ToLower(t.toks[end-1].Text); w != "of" && w != "from" && w != "the" {
				break
			}
			end--
		}
		a := m.compAgent
		*m = Mention{Start: m.Start, End: end, Head: end - 1, Code: dictionary.CombineAgent("", a), Name: spanText(t.toks, m.Start, end),
			Text: spanText(t.toks, m.Start, end), Kind: "agent", Source: m.Source, agent: a}
		extra = append(extra, base)
	}
	if len(extra) == 0 {
		return ms
	}
	ms = append(ms, extra...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	return ms
}

// victimCountry returns, for a role noun that is the object of a
// participle clause ("…, killing hundreds of civilians"), the country of
// the object of the verb that clause hangs on ("attacked Israeli towns"),
// or "".
func (c *Coder) victimCountry(t *tree, mi *mentionIndex, h int) string {
	if t.rel(h) == "nmod" && t.caseWord(h) == "of" && t.head[h] >= 0 {
		h = t.head[h] // "hundreds of civilians"
	}
	v := t.head[h]
	if v < 0 || t.rel(h) != "obj" || t.rel(v) != "advcl" || t.toks[v].XPOS != "VBG" || t.head[v] < 0 {
		return ""
	}
	for _, o := range t.childrenRel(t.head[v], "obj") {
		for _, k := range append([]int{o}, t.kids[o]...) {
			if k != o && t.rel(k) != "amod" && t.rel(k) != "compound" && t.fullRel(k) != "nmod:poss" {
				continue
			}
			if m := mi.at(k); m != nil && m.agent == nil && m.Code != "" {
				switch m.Kind {
				case "country", "adjective", "capital", "people":
					cc, _ := c.dict.SplitCode(m.Code)
					return cc
				}
			}
		}
	}
	return ""
}

// possessivePronouns are the determiners that make a role noun the
// clause subject's own: "its troops", "their diplomats".
var possessivePronouns = map[string]bool{"its": true, "their": true, "his": true, "her": true, "our": true}

// deployVerbs move a state's own people: the role noun they take as object
// with no country of its own is the subject's ("Kenya deployed 1,000
// police officers to Haiti", "Russia massed troops near the border").
var deployVerbs = map[string]bool{"deploy": true, "send": true, "dispatch": true, "station": true, "mass": true,
	"mobilise": true, "mobilize": true, "airlift": true, "redeploy": true, "post": true}

// possessorCountry returns, for role noun m that is the object of a verb
// and owned through a possessive pronoun ("China moved its warships",
// "Iran recalled its ambassador") or moved by a deployment verb
// (deployVerbs), the country of that verb's subject, or "". The subject is the pronoun's nearest antecedent there; an owner
// named elsewhere ("criticised Kyiv for its troops' conduct") is left to
// the other rules.
func (c *Coder) possessorCountry(t *tree, mi *mentionIndex, m *Mention) string {
	h := m.Head
	poss := false
	for _, k := range t.kids[h] {
		if t.fullRel(k) == "nmod:poss" && t.toks[k].UPOS == "PRON" && possessivePronouns[t.lower(k)] {
			poss = true
		}
	}
	// The object, or a conjunct of it ("its troops and tanks"), or what a
	// count of it is ("deploying thousands of police").
	for t.rel(h) == "conj" && t.head[h] >= 0 {
		h = t.head[h]
	}
	for steps := 0; steps < 3 && t.rel(h) == "nmod" && t.caseWord(h) == "of" && t.head[h] >= 0 && (countHeads[t.lemma(t.head[h])] || countHeads[t.lower(t.head[h])]); steps++ {
		h = t.head[h]
	}
	v := t.head[h]
	if v < 0 || t.rel(h) != "obj" {
		return ""
	}
	if !poss && !deployVerbs[t.lemma(v)] {
		return ""
	}
	subj := t.childrenRel(v, "nsubj")
	if len(subj) == 0 && (t.rel(v) == "conj" || t.rel(v) == "xcomp" || (t.rel(v) == "advcl" && t.toks[v].XPOS == "VBG")) && t.head[v] >= 0 {
		// "Russia massed and moved its troops", "Kenya offered to deploy
		// police officers", "stepped up security, deploying thousands of
		// police"
		subj = t.childrenRel(t.head[v], "nsubj")
	}
	if len(subj) == 0 {
		return ""
	}
	sm := mi.at(subj[0])
	if sm == nil || sm == m {
		return ""
	}
	if sm.Kind == "pronoun" && sm.Antecedent != nil {
		sm = sm.Antecedent
	}
	if sm.Code == "" || strings.Contains(sm.Code, "/") {
		return ""
	}
	cc, _ := c.dict.SplitCode(sm.Code)
	return cc
}
