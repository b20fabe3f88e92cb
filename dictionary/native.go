package dictionary

import (
	"strings"
	"unicode"
)

// nativeEntry is the entry being read; indented lines are its fields.
type nativeEntry interface {
	field(l *loader, pos Pos, name, value string) *LoadError
	// list reports whether "| more" continuation lines are accepted.
	list() bool
	more(l *loader, pos Pos, value string) *LoadError
	finish(l *loader)
}

// native parses one file of the native format into l.
func (l *loader) native(name string, data []byte) {
	l.beginFile(name, "native")
	if !l.checkFile(name, data, true) {
		return
	}
	var cur nativeEntry
	skipping := false // the current entry's header was bad: ignore its fields
	flush := func() {
		if cur != nil {
			cur.finish(l)
			l.entry()
		}
		cur = nil
	}
	for i, raw := range splitLines(data) {
		pos := Pos{File: name, Line: i + 1}
		line := strings.TrimRightFunc(stripComment(raw), unicode.IsSpace)
		if strings.TrimSpace(line) == "" {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			if skipping {
				continue
			}
			if cur == nil {
				l.bad(errorf(pos, "indented line with no entry above it (expected an entry keyword in column 0: country, actor, agent, synset, context, discard, or a CAMEO code starting a verb pattern)"))
				continue
			}
			body := strings.TrimSpace(line)
			if strings.HasPrefix(body, "|") {
				if !cur.list() {
					l.bad(errorf(pos, "continuation line %q: only synset, agent, context and discard entries continue with \"| more\" lines (expected \"field value\")", body))
					continue
				}
				if e := cur.more(l, pos, strings.TrimSpace(body[1:])); e != nil {
					l.bad(e)
				}
				continue
			}
			fname, value := cutField(body)
			if e := cur.field(l, pos, fname, value); e != nil {
				l.bad(e)
			}
			continue
		}
		flush()
		skipping = false
		var e *LoadError
		cur, e = l.nativeHeader(pos, line)
		if e != nil {
			l.bad(e)
			cur, skipping = nil, true
		}
		if pe, ok := cur.(*patternEntry); ok {
			pe.p.Comment = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(raw[len(stripComment(raw)):]), "#"))
		}
		if l.failed() {
			return
		}
	}
	flush()
}

// stripComment removes a "#" comment: "#" at the start of the line or after
// white space; "#" inside a word ("C#") is kept.
func stripComment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i]
		}
	}
	return s
}

// cutField splits "name value…" at the first run of white space.
func cutField(s string) (string, string) {
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// alternatives splits "a | b | c" into trimmed non-empty parts.
func alternatives(s string) []string {
	parts := strings.Split(s, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (l *loader) nativeHeader(pos Pos, line string) (nativeEntry, *LoadError) {
	kw, rest := cutField(line)
	switch kw {
	case "country":
		return parseCountryHeader(pos, rest)
	case "actor":
		n, e := parseNativeName(pos, rest)
		if e != nil {
			return nil, e
		}
		return &actorEntry{a: &Actor{Name: n, Source: pos}}, nil
	case "agent":
		return parseAgentHeader(pos, rest)
	case "synset":
		return parseSynsetHeader(pos, rest)
	case "context":
		name, words := cutField(rest)
		if name == "" || !isIdent(name) {
			return nil, errorf(pos, "context name %q: expected \"context NAME keyword | keyword…\" with NAME a word such as human_rights", name)
		}
		c := &contextEntry{c: &Context{Name: name, Category: name, Source: pos}}
		if e := c.more(nil, pos, words); e != nil {
			return nil, e
		}
		return c, nil
	case "discard":
		level, words := cutField(rest)
		if level != "sentence" && level != "story" {
			return nil, errorf(pos, "discard level %q: expected \"discard sentence PHRASES\" or \"discard story PHRASES\"", level)
		}
		x := &discardEntry{story: level == "story", pos: pos}
		if e := x.more(nil, pos, words); e != nil {
			return nil, e
		}
		return x, nil
	}
	if kw != "" && (kw[0] >= '0' && kw[0] <= '9' || strings.HasPrefix(kw, "---")) {
		p, e := parsePatternLine(pos, line)
		if e != nil {
			return nil, e
		}
		return &patternEntry{p: p}, nil
	}
	return nil, errorf(pos, "unknown entry keyword %q (expected country, actor, agent, synset, context, discard, or a CAMEO code starting a verb pattern)", kw)
}

// parseNativeName reads a name with optional "~" (short alias) and
// "[ctx: a | b]" condition.
func parseNativeName(pos Pos, s string) (Name, *LoadError) {
	s = strings.TrimSpace(s)
	n := Name{Source: pos}
	if i := strings.Index(s, "["); i >= 0 {
		cond := strings.TrimSpace(s[i:])
		if !strings.HasSuffix(cond, "]") || !strings.HasPrefix(cond[1:], "ctx:") {
			return n, errorf(pos, "name condition %q: expected \"[ctx: word | word…]\" at the end of the name", cond)
		}
		for _, w := range alternatives(cond[len("[ctx:") : len(cond)-1]) {
			n.Context = append(n.Context, strings.ToLower(w))
		}
		if len(n.Context) == 0 {
			return n, errorf(pos, "name condition %q: expected at least one context word", cond)
		}
		s = strings.TrimSpace(s[:i])
	}
	if strings.HasSuffix(s, "~") {
		n.Short = true
		s = strings.TrimSpace(strings.TrimSuffix(s, "~"))
	}
	if s == "" {
		return n, errorf(pos, "empty name (expected one or more words)")
	}
	if strings.ContainsAny(s, "|") {
		return n, errorf(pos, "name %q: expected one name here; list alternatives on an alias line", s)
	}
	n.Text = s
	n.Words = tokenizeName(s)
	if len(n.Words) == 0 {
		return n, errorf(pos, "name %q has no words", s)
	}
	if len(n.Words) > 64 {
		return n, errorf(pos, "name %q: more than 64 words", s)
	}
	for i, w := range n.Words {
		if isAcronym(w) {
			n.exact |= 1 << uint(i)
		}
	}
	n.optThe = len(n.Words) > 1 && strings.EqualFold(n.Words[0], "the")
	return n, nil
}

// isAcronym reports a word written in capitals with two to five letters
// (periods allowed: "U.S."), which matches only the same capitals.
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '.' || r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 5
}

func parseNames(pos Pos, value string) ([]Name, *LoadError) {
	alts := alternatives(value)
	if len(alts) == 0 {
		return nil, errorf(pos, "expected one or more names separated by \" | \"")
	}
	out := make([]Name, 0, len(alts))
	for _, a := range alts {
		n, e := parseNativeName(pos, a)
		if e != nil {
			return nil, e
		}
		out = append(out, n)
	}
	return out, nil
}

func isUpper3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// IsActorCode reports whether code is CAMEO-shaped: upper-case letters in
// groups of three ("CHN", "CHNGOV", "IGOUNO"), or NullCode.
func IsActorCode(code string) bool {
	if code == NullCode {
		return true
	}
	if code == "" || len(code)%3 != 0 {
		return false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < 'A' || code[i] > 'Z' {
			return false
		}
	}
	return true
}

func isIdent(s string) bool {
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-') {
			return false
		}
	}
	return s != ""
}

// ---- country ----

type countryEntry struct{ c *Country }

func parseCountryHeader(pos Pos, rest string) (nativeEntry, *LoadError) {
	iso, name := cutField(rest)
	if !isUpper3(iso) {
		return nil, errorf(pos, "country code %q: expected \"country ISO3 Name\" with a three-letter upper-case ISO 3166 code (AFG)", iso)
	}
	n, e := parseNativeName(pos, name)
	if e != nil {
		return nil, e
	}
	return &countryEntry{c: &Country{ISO3: iso, Name: n, Source: pos}}, nil
}

func (c *countryEntry) list() bool                           { return false }
func (c *countryEntry) more(*loader, Pos, string) *LoadError { return nil }
func (c *countryEntry) finish(l *loader)                     { l.d.Countries = append(l.d.Countries, c.c) }
func (c *countryEntry) field(l *loader, pos Pos, name, value string) *LoadError {
	var dst *[]Name
	switch name {
	case "alias":
		dst = &c.c.Aliases
	case "adj":
		dst = &c.c.Adj
	case "people":
		dst = &c.c.People
	case "capital":
		dst = &c.c.Capital
	case "govt":
		dst = &c.c.Govt
	case "code":
		iso, rng := cutField(value)
		if iso != c.c.ISO3 {
			return errorf(pos, "country code line %q: expected \"code %s FROM..TO\" repeating the country's code", value, c.c.ISO3)
		}
		r, err := ParseRange(rng)
		if err != nil {
			return &LoadError{Pos: pos, Msg: "country code line", Err: err}
		}
		c.c.Exists = append(c.c.Exists, r)
		return nil
	default:
		return errorf(pos, "unknown country field %q (expected alias, adj, people, capital, govt or code)", name)
	}
	ns, e := parseNames(pos, value)
	if e != nil {
		return e
	}
	*dst = append(*dst, ns...)
	return nil
}

// ---- actor ----

type actorEntry struct{ a *Actor }

func (a *actorEntry) list() bool                           { return false }
func (a *actorEntry) more(*loader, Pos, string) *LoadError { return nil }
func (a *actorEntry) finish(l *loader)                     { l.d.Actors = append(l.d.Actors, a.a) }
func (a *actorEntry) field(l *loader, pos Pos, name, value string) *LoadError {
	switch name {
	case "alias":
		ns, e := parseNames(pos, value)
		if e != nil {
			return e
		}
		a.a.Aliases = append(a.a.Aliases, ns...)
	case "code":
		f := strings.Fields(value)
		if len(f) == 0 || len(f) > 2 {
			return errorf(pos, "code line %q: expected \"code CODE [FROM..TO]\"", value)
		}
		if !IsActorCode(f[0]) {
			return errorf(pos, "actor code %q: expected upper-case letters in groups of three (CHNGOV, IGOUNO) or ---", f[0])
		}
		cr := CodeRange{Code: f[0], Source: pos}
		if len(f) == 2 {
			r, err := ParseRange(f[1])
			if err != nil {
				return &LoadError{Pos: pos, Msg: "code line", Err: err}
			}
			cr.Range = r
		}
		a.a.Codes = append(a.a.Codes, cr)
	case "country":
		if !isUpper3(value) {
			return errorf(pos, "country %q: expected a three-letter upper-case ISO 3166 code", value)
		}
		a.a.Country = value
	case "sector":
		if !isUpper3(value) {
			return errorf(pos, "sector %q: expected a three-letter upper-case role code (GOV, MIL, …)", value)
		}
		a.a.Sector = value
	case "role":
		// Documentation only: a final token that reads as a range is its
		// period, anything else stays in the text.
		r := Role{Text: value}
		if i := strings.LastIndexAny(value, " \t"); i >= 0 && strings.Contains(value[i+1:], "..") {
			if rng, err := ParseRange(value[i+1:]); err == nil {
				r = Role{Text: strings.TrimSpace(value[:i]), Range: rng}
			}
		}
		if r.Text == "" {
			return errorf(pos, "role line: expected \"role TEXT [FROM..TO]\"")
		}
		a.a.Roles = append(a.a.Roles, r)
	case "member":
		for _, m := range alternatives(value) {
			if !isUpper3(m) {
				return errorf(pos, "member %q: expected three-letter ISO 3166 codes separated by \" | \"", m)
			}
			a.a.Members = append(a.a.Members, m)
		}
	default:
		return errorf(pos, "unknown actor field %q (expected alias, code, country, sector, role or member)", name)
	}
	return nil
}

// ---- agent ----

type agentEntry struct {
	a              *Agent
	singular       int // names from the header and "| more" lines (get plurals)
	noplural       bool
	explicitPlural bool // a "plural" field spells the plurals out
}

// parseAgentCode reads "GOV", "~GOV" (PETRARCH style, same) or "NGO~" (the
// code goes before the country).
func parseAgentCode(s string) (code string, before bool, ok bool) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "~"):
		s = strings.TrimSpace(s[1:])
	case strings.HasSuffix(s, "~"):
		s, before = strings.TrimSpace(s[:len(s)-1]), true
	}
	return s, before, s != ""
}

func parseAgentHeader(pos Pos, rest string) (nativeEntry, *LoadError) {
	code, names := cutField(rest)
	c, before, _ := parseAgentCode(code)
	if !IsActorCode(c) || c == NullCode {
		return nil, errorf(pos, "agent code %q: expected \"agent CODE name | name…\" with CODE role codes in groups of three upper-case letters (GOV, GOVMED), optionally NGO~ to go before the country", code)
	}
	a := &agentEntry{a: &Agent{Code: c, Before: before, Source: pos}}
	if e := a.more(nil, pos, names); e != nil {
		return nil, e
	}
	return a, nil
}

func (a *agentEntry) list() bool { return true }
func (a *agentEntry) more(_ *loader, pos Pos, value string) *LoadError {
	ns, e := parseNames(pos, value)
	if e != nil {
		return e
	}
	a.a.Names = append(a.a.Names, ns...)
	a.singular = len(a.a.Names)
	return nil
}
func (a *agentEntry) field(l *loader, pos Pos, name, value string) *LoadError {
	switch name {
	case "plural":
		ns, e := parseNames(pos, value)
		if e != nil {
			return e
		}
		a.a.Names = append(a.a.Names, ns...)
		a.explicitPlural = true
	case "noplural":
		if value != "" {
			return errorf(pos, "noplural takes no value")
		}
		a.noplural = true
	default:
		return errorf(pos, "unknown agent field %q (expected plural or noplural)", name)
	}
	return nil
}
func (a *agentEntry) finish(l *loader) {
	if !a.noplural && !a.explicitPlural {
		// An entry that spells out its plurals ("tribesman" with
		// "plural tribesmen") gets no regular one ("tribesmans").
		addPlurals(a.a, a.singular, false)
	}
	l.d.Agents = append(l.d.Agents, a.a)
}

// addPlurals appends the regular plural of each of the first n names of a,
// unless the agent already has that name. With upper (PETRARCH names, all
// capitals) the plural is written in capitals too.
func addPlurals(a *Agent, n int, upper bool) {
	have := map[string]bool{}
	for _, nm := range a.Names {
		have[strings.ToLower(nm.Text)] = true
	}
	for i := 0; i < n; i++ {
		nm := a.Names[i]
		if len(nm.Words) == 0 {
			continue
		}
		last := nm.Words[len(nm.Words)-1]
		pl := Plural(last)
		if upper {
			pl = strings.ToUpper(Plural(strings.ToLower(last)))
		}
		if pl == last {
			continue
		}
		p := nm
		p.Words = append(append([]string(nil), nm.Words[:len(nm.Words)-1]...), pl)
		p.Text = strings.TrimSuffix(nm.Text, last) + pl
		p.exact = nm.exact &^ (1 << uint(len(nm.Words)-1))
		if isAcronym(pl) {
			p.exact |= 1 << uint(len(nm.Words)-1)
		}
		if have[strings.ToLower(p.Text)] {
			continue
		}
		have[strings.ToLower(p.Text)] = true
		a.Names = append(a.Names, p)
	}
}

// Plural returns the regular English plural of a noun, keeping its case
// style: company → companies, boy → boys, church → churches, box → boxes,
// soldier → soldiers; "NGO" → "NGOs". Words that are not letters are
// returned unchanged.
func Plural(w string) string {
	if w == "" || !unicode.IsLetter([]rune(w)[len([]rune(w))-1]) {
		return w
	}
	upper := strings.ToUpper(w) == w && !isAcronym(w)
	low := strings.ToLower(w)
	var pl string
	switch {
	case hardCh(low):
		pl = w + "s" // "oligarchs", "monarchs", "epochs"
	case strings.HasSuffix(low, "man") && !notMan[low]:
		pl = w[:len(w)-2] + "en" // "spokesmen", "airmen", "women"
	case strings.HasSuffix(low, "child"):
		pl = w + "ren" // "schoolchildren"
	case strings.HasSuffix(low, "y") && len(low) > 1 && !strings.ContainsRune("aeiou", rune(low[len(low)-2])):
		pl = w[:len(w)-1] + "ies"
	case strings.HasSuffix(low, "s") || strings.HasSuffix(low, "x") || strings.HasSuffix(low, "z") ||
		strings.HasSuffix(low, "ch") || strings.HasSuffix(low, "sh"):
		pl = w + "es"
	default:
		pl = w + "s"
	}
	if upper {
		pl = strings.ToUpper(pl)
	}
	return pl
}

// notMan are words ending in "man" whose plural is regular.
var notMan = map[string]bool{"human": true, "german": true, "roman": true, "ottoman": true, "shaman": true,
	"talisman": true, "caiman": true, "norman": true, "man": false, "oman": true, "soman": true}

// hardCh reports whether w ends in a "ch" said as /k/, which takes a plain
// "s" in the plural: the Greek "-arch" of rulers (but not "march",
// "search") and a few others.
func hardCh(w string) bool {
	switch w {
	case "epoch", "stomach", "tech", "loch", "eunuch", "czech":
		return true
	}
	return strings.HasSuffix(w, "arch") && !strings.HasSuffix(w, "earch") && len(w) >= 7
}

// ---- synset ----

type synsetEntry struct{ s *Synset }

func parseSynsetHeader(pos Pos, rest string) (nativeEntry, *LoadError) {
	name, members := cutField(rest)
	if !strings.HasPrefix(name, "&") || !isIdent(name[1:]) {
		return nil, errorf(pos, "synset name %q: expected \"synset &NAME word | phrase…\" with a name starting with &", name)
	}
	s := &synsetEntry{s: &Synset{Name: name, Source: pos}}
	if e := s.more(nil, pos, members); e != nil {
		return nil, e
	}
	return s, nil
}

func (s *synsetEntry) list() bool { return true }
func (s *synsetEntry) more(_ *loader, pos Pos, value string) *LoadError {
	alts := alternatives(value)
	if len(alts) == 0 {
		return errorf(pos, "synset %s: expected members separated by \" | \"", s.s.Name)
	}
	for _, a := range alts {
		s.s.Members = append(s.s.Members, normPhrase(a))
	}
	return nil
}
func (s *synsetEntry) field(l *loader, pos Pos, name, value string) *LoadError {
	return errorf(pos, "synset %s has no fields (continue a long synset with \"| more | words\" lines)", s.s.Name)
}
func (s *synsetEntry) finish(l *loader) {
	if old, ok := l.d.Synsets[s.s.Name]; ok {
		l.warn(errorf(s.s.Source, "synset %s redefined (first defined at %s); the later definition wins", s.s.Name, old.Source))
	}
	l.d.Synsets[s.s.Name] = s.s
}

// normPhrase lower-cases a lemma or phrase and joins its words ("_" or
// white space) with single spaces.
func normPhrase(s string) string {
	if strings.HasPrefix(strings.TrimSpace(s), "&") {
		return strings.TrimSpace(s)
	}
	s = strings.ReplaceAll(s, "_", " ")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// ---- context ----

type contextEntry struct{ c *Context }

func (c *contextEntry) list() bool { return true }
func (c *contextEntry) more(_ *loader, pos Pos, value string) *LoadError {
	alts := alternatives(value)
	if len(alts) == 0 {
		return errorf(pos, "context %s: expected keywords separated by \" | \"", c.c.Name)
	}
	for _, a := range alts {
		c.c.Phrases = append(c.c.Phrases, lowerWords(tokenizeName(a)))
	}
	return nil
}
func (c *contextEntry) field(l *loader, pos Pos, name, value string) *LoadError {
	return errorf(pos, "context %s has no fields (continue with \"| more | keywords\" lines)", c.c.Name)
}
func (c *contextEntry) finish(l *loader) { l.d.ContextEntries = append(l.d.ContextEntries, c.c) }

// ---- discard ----

type discardEntry struct {
	story bool
	pos   Pos
	list_ []*Discard
}

func (x *discardEntry) list() bool { return true }
func (x *discardEntry) more(_ *loader, pos Pos, value string) *LoadError {
	alts := alternatives(value)
	if len(alts) == 0 {
		return errorf(pos, "discard: expected phrases separated by \" | \"")
	}
	for _, a := range alts {
		prefix := strings.HasSuffix(a, "*")
		words := lowerWords(tokenizeName(strings.TrimSuffix(a, "*")))
		if len(words) == 0 {
			return errorf(pos, "discard %q: expected a phrase", a)
		}
		x.list_ = append(x.list_, &Discard{Text: a, Words: words, Story: x.story, Prefix: prefix, Source: pos})
	}
	return nil
}
func (x *discardEntry) field(l *loader, pos Pos, name, value string) *LoadError {
	return errorf(pos, "discard has no fields (continue with \"| more | phrases\" lines)")
}
func (x *discardEntry) finish(l *loader) { l.d.Discards = append(l.d.Discards, x.list_...) }

// ---- pattern ----

type patternEntry struct{ p *Pattern }

func (p *patternEntry) list() bool                           { return false }
func (p *patternEntry) more(*loader, Pos, string) *LoadError { return nil }
func (p *patternEntry) field(l *loader, pos Pos, name, value string) *LoadError {
	return errorf(pos, "verb pattern lines take no indented fields (expected one pattern per line: CODE HEAD SLOTS…)")
}
func (p *patternEntry) finish(l *loader) { l.d.Patterns = append(l.d.Patterns, p.p) }
