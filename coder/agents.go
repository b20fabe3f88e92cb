package coder

import (
	"strings"

	"github.com/dyad-events/dyad/dictionary"
)

// localiseAgents gives bare role nouns a country from the tree: "soldiers
// from Gondor", "activists in Arnor" (an attached in/of/from phrase naming
// a country), "Dagolath's first Deputy Prime Minister" (a possessive or
// adjectival country on the role or on the name it titles); with the
// AgentContext option, else the document's dominant country.
func (c *Coder) localiseAgents(t *tree, mi *mentionIndex, st *story) {
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
		placeOf := func(ch int) {
			switch t.caseWord(ch) {
			case "in", "of", "from":
				for _, cj := range t.conjuncts(ch) { // "in Fornost and Gondor"
					cc := countryOf(cj)
					for _, g := range t.kids[cj] {
						if cc == "" && g < cj && t.rel(g) == "compound" {
							cc = countryOf(g) // "from Gondor wire", a name taken for a modifier
						}
					}
					if cc != "" {
						add(cc)
					}
				}
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
		if len(countries) == 0 && c.opts.AgentContext && st.dominant != "" {
			countries = []string{st.dominant}
			m.guessed = true
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
