package dictionary

import (
	"strings"
)

// PetrarchVerbs is the faithful form of PETRARCH verb dictionaries: every
// synset, verb block, verb and pattern as written.
type PetrarchVerbs struct {
	Synsets []*Synset // "&NAME" sets with their "+member" lines (lower case, "_" → space)
	Blocks  []*PetrarchBlock
}

func (p *PetrarchVerbs) merge(o *PetrarchVerbs) {
	p.Blocks = append(p.Blocks, o.Blocks...)
	p.Synsets = append(p.Synsets, o.Synsets...)
}

// PetrarchCode is a code as written in a PETRARCH dictionary ("[023]",
// "[---]", "[010:010]", "[075A]").
type PetrarchCode struct {
	Raw     string // inside the brackets, as written
	Code    string // canonical CAMEO code or NullCode when Valid
	Reverse string // second code of a "[X:Y]" pair, when Valid
	Valid   bool   // Raw is a CAMEO code, "---" or a pair of them
}

func parseCode(raw string) PetrarchCode {
	c := PetrarchCode{Raw: raw}
	// KEDS and TABARI dictionaries mark a provisional code with a final
	// "?" ("--- SAYS [023?] ---"); the code itself is what precedes it.
	code, rev, err := ParseEventCode(strings.TrimRight(strings.TrimSpace(raw), "?"))
	if err == nil {
		c.Code, c.Reverse, c.Valid = code, rev, true
	}
	return c
}

// PetrarchBlock is a verb block: "--- NAME [CODE] ---", its verbs and
// patterns. The patterns apply to every verb of the block.
type PetrarchBlock struct {
	Name     string
	Code     PetrarchCode // the block's primary code ("---" when absent)
	Verbs    []*PetrarchVerb
	Patterns []*PetrarchPattern
	Source   Pos
}

// PetrarchVerb is one verb line of a block: "SAY {SAYS SAID SAYING}",
// "+CLEAR_UP", "WIRE_+TAP {…} [code]". Regular forms (s, ed, ing) are
// implied unless Forms lists the irregular ones.
type PetrarchVerb struct {
	Text  string       // as written, without code and comment
	Lemma string       // the verb word ("+" marked, else the first), lower case
	Words []string     // all words, lower case ("clear", "up")
	Index int          // position of the verb in Words
	Forms []string     // irregular forms from "{…}", lower case, as written
	Code  PetrarchCode // own code, or the block's
	Own   bool         // the code was written on the verb line
	// Native holds the native patterns made for the verb itself (one per
	// head lemma), so a coder can tell which block a pattern came from.
	Native []*Pattern
	Source Pos
}

// AllForms returns the verb's word forms as PETRARCH matches them: the
// irregular forms when "{…}" lists them (with the base), else the base and
// its generated regular forms (s, ed, ing). Multiword verbs give the forms
// of the verb word only.
func (v *PetrarchVerb) AllForms() []string {
	if len(v.Forms) > 0 {
		out := []string{v.Lemma}
		for _, f := range v.Forms {
			parts := strings.FieldsFunc(f, func(r rune) bool { return r == '_' || r == '+' })
			if len(parts) > v.Index {
				f = parts[v.Index]
			}
			if !containsString(out, f) {
				out = append(out, f)
			}
		}
		return out
	}
	return verbForms(v.Lemma)
}

// PetrarchElemKind is the kind of an element of a PETRARCH pattern.
type PetrarchElemKind uint8

// Elements of PETRARCH patterns.
const (
	ElemWord     PetrarchElemKind = iota // a word (lower case)
	ElemSynset                           // "&NAME"
	ElemSource                           // "$": the source actor
	ElemTarget                           // "+": the target actor
	ElemSkip                             // "^": skip a noun phrase
	ElemCompound                         // "%": compound actor
)

// PetrarchElem is one element of a pattern's word sequence.
type PetrarchElem struct {
	Kind   PetrarchElemKind
	Text   string // the word, "&NAME" or the marker
	Joined bool   // joined to the previous element (or, first after "*", to the verb) with "_": no words between
}

// PetrarchPattern is a pattern line "- PRE * POST [CODE] # comment".
type PetrarchPattern struct {
	Text      string // the line as written, without code and comment
	Comment   string
	Code      PetrarchCode
	Pre       []PetrarchElem // before "*", in text order
	PreJoined bool           // the last Pre element is joined to the verb ("IN_*")
	Post      []PetrarchElem // after "*"
	Compound  bool           // the pattern has a "%" marker
	Skipped   string         // why PETRARCH itself ignores the pattern (TABARI "{…}" phrases), or ""
	Native    *Pattern       // the native translation, or nil
	Why       string         // why there is no translation
	Source    Pos
}

// petrarchVerbs reads a PETRARCH verb dictionary (see PETRARCH's
// read_verb_dictionary): synsets "&NAME" with "+word" members, blocks
// "--- NAME [CODE] ---" followed by verb lines and "- … * … [CODE]"
// patterns. Patterns are translated into native Patterns afterwards.
func (l *loader) petrarchVerbs(name string, data []byte) {
	l.beginFile(name, "petrarch-verbs")
	if !l.checkFile(name, data, false) {
		return
	}
	pv := &PetrarchVerbs{}
	var block *PetrarchBlock
	var syn *Synset
	synNoPlural := false // the synset's name ends in "_": no plural forms
	for _, ln := range petrarchLines(name, data) {
		s := strings.TrimSpace(ln.text)
		if s == "" {
			continue
		}
		if syn != nil && s[0] == '+' {
			raw := strings.TrimSpace(s[1:])
			m := normPhrase(strings.TrimRight(raw, "_"))
			if m == "" {
				l.bad(errorf(ln.pos, "synset member %q: expected +WORD or +PHRASE", s))
				continue
			}
			syn.Members = append(syn.Members, m)
			pl := ""
			if !synNoPlural && !strings.HasSuffix(raw, "_") && !strings.HasPrefix(m, "&") {
				pl = petrarchPlural(m)
			}
			syn.Plurals = append(syn.Plurals, pl)
			continue
		}
		syn = nil
		switch {
		case strings.HasPrefix(s, "---"):
			body := strings.Trim(s, "- \t")
			before, groups, ok := bracketGroups(body)
			nm := strings.TrimSpace(before)
			if nm == "" || !ok {
				l.bad(errorf(ln.pos, "verb block header %q: expected --- NAME [CODE] ---", s))
				block = nil
				continue
			}
			code := NullCode
			if len(groups) > 0 {
				code = groups[0]
			}
			block = &PetrarchBlock{Name: nm, Code: parseCode(code), Source: ln.pos}
			pv.Blocks = append(pv.Blocks, block)
			l.entry()
		case s[0] == '-':
			if block == nil {
				l.bad(errorf(ln.pos, "pattern %q outside a verb block (expected a --- NAME [CODE] --- header first)", s))
				continue
			}
			p := parsePetrarchPattern(ln.pos, s, ln.comment)
			if p.Code.Raw == "" {
				l.warn(errorf(ln.pos, "pattern %q has no [CODE]", s))
			}
			block.Patterns = append(block.Patterns, p)
			l.d.Report.PetrarchPatterns++
		case s[0] == '&':
			f := strings.Fields(s)
			nm := strings.TrimRight(f[0], "_")
			if len(nm) < 2 || !isIdent(nm[1:]) {
				l.bad(errorf(ln.pos, "synset %q: expected &NAME followed by +member lines", s))
				continue
			}
			syn = &Synset{Name: nm, Source: ln.pos}
			synNoPlural = strings.HasSuffix(f[0], "_")
			pv.Synsets = append(pv.Synsets, syn)
			l.entry()
		default:
			if block == nil {
				l.bad(errorf(ln.pos, "line %q: expected a verb block header (--- NAME [CODE] ---), a synset (&NAME) or a comment", s))
				continue
			}
			v, ok := parsePetrarchVerb(ln.pos, s, block.Code)
			if !ok {
				l.bad(errorf(ln.pos, "verb line %q: expected VERB {FORMS} [CODE] or +MULTI_WORD {FORMS} [CODE]", s))
				continue
			}
			block.Verbs = append(block.Verbs, v)
		}
	}
	for _, s := range pv.Synsets {
		if len(s.Members) == 0 {
			l.warn(errorf(s.Source, "synset %s has no +members", s.Name))
		}
		if old, ok := l.d.Synsets[s.Name]; ok {
			l.warn(errorf(s.Source, "synset %s redefined (first defined at %s); the later definition wins", s.Name, old.Source))
		}
		l.d.Synsets[s.Name] = s
	}
	if l.d.Petrarch == nil {
		l.d.Petrarch = &PetrarchVerbs{}
	}
	l.d.Petrarch.merge(pv)
	l.translateVerbs(pv)
}

// petrarchPlural is the plural PETRARCH forms for a synset member (its
// make_plural), on the last word: "y" → "ies", "s" → "ses", else "s"
// added. (PETRARCH itself turns a final "s" into "es", "bus" into "bues";
// dyad writes the English plural.)
func petrarchPlural(m string) string {
	switch {
	case strings.HasSuffix(m, "y"):
		return m[:len(m)-1] + "ies"
	case strings.HasSuffix(m, "s"):
		return m + "es"
	}
	return m + "s"
}

func parsePetrarchVerb(pos Pos, s string, blockCode PetrarchCode) (*PetrarchVerb, bool) {
	before, groups, ok := bracketGroups(s)
	if !ok {
		return nil, false
	}
	v := &PetrarchVerb{Code: blockCode, Source: pos}
	if len(groups) > 0 {
		v.Code, v.Own = parseCode(groups[0]), true
	}
	text := strings.TrimSpace(before)
	if i := strings.IndexByte(text, '{'); i >= 0 {
		j := strings.IndexByte(text, '}')
		if j < i {
			return nil, false
		}
		for _, f := range strings.Fields(text[i+1 : j]) {
			v.Forms = append(v.Forms, strings.ToLower(f))
		}
		text = strings.TrimSpace(text[:i])
	}
	if text == "" {
		return nil, false
	}
	v.Text = text
	parts := strings.FieldsFunc(text, func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
	for i, p := range parts {
		if strings.HasPrefix(p, "+") {
			v.Index = i
		}
		w := strings.ToLower(strings.Trim(p, "+"))
		if w == "" {
			return nil, false
		}
		v.Words = append(v.Words, w)
	}
	if len(v.Words) == 0 {
		return nil, false
	}
	v.Lemma = v.Words[v.Index]
	return v, true
}

func parsePetrarchPattern(pos Pos, s, comment string) *PetrarchPattern {
	p := &PetrarchPattern{Comment: comment, Source: pos}
	before, groups, _ := bracketGroups(s)
	if len(groups) > 0 {
		p.Code = parseCode(groups[0])
	}
	body := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(before), "-"))
	p.Text = strings.TrimSpace(before)
	if strings.ContainsAny(body, "{}") {
		p.Skipped = "TABARI {…} phrase (PETRARCH skips these patterns)"
	}
	if markerCode(p.Code.Raw) {
		p.Skipped = markerSkip
	}
	body = strings.ReplaceAll(body, "_ ", " ")
	body = strings.TrimRight(body, "_")
	pre, post, found := strings.Cut(body, "*")
	if !found {
		p.Skipped = "no * verb position"
	}
	p.Pre = petrarchElems(pre)
	if strings.HasSuffix(strings.TrimLeft(pre, " "), "_") && len(p.Pre) > 0 {
		p.PreJoined = true
	}
	p.Post = petrarchElems(post)
	for _, e := range append(p.Pre[:len(p.Pre):len(p.Pre)], p.Post...) {
		if e.Kind == ElemCompound {
			p.Compound = true
		}
	}
	return p
}

// markerSkip is why a pattern with a TABARI marker code is skipped.
const markerSkip = "TABARI marker code (+++ complex event, ### …), not an event code"

// markerCode reports whether a raw code is one of TABARI's marker codes
// ("+++" for complex events, "###"): punctuation only, and not the null
// code "---". PETRARCH implements no such coding, so such patterns code
// nothing and the verb's other patterns apply.
func markerCode(raw string) bool {
	raw = strings.TrimSpace(raw)
	if raw == "" || raw == NullCode {
		return false
	}
	for _, r := range raw {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' {
			return false
		}
	}
	return true
}

// petrarchElems splits a pattern half into elements: " " separates, "_"
// joins.
func petrarchElems(s string) []PetrarchElem {
	var out []PetrarchElem
	joined := false
	start := -1
	emit := func(w string) {
		e := PetrarchElem{Text: w, Joined: joined}
		switch {
		case w == "$":
			e.Kind = ElemSource
		case w == "+":
			e.Kind = ElemTarget
		case w == "^":
			e.Kind = ElemSkip
		case w == "%":
			e.Kind = ElemCompound
		case strings.HasPrefix(w, "&"):
			e.Kind = ElemSynset
			e.Text = strings.TrimRight(w, "_")
		default:
			e.Kind = ElemWord
			e.Text = strings.ToLower(w)
		}
		out = append(out, e)
	}
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\t' || s[i] == '_' {
			if start >= 0 {
				emit(s[start:i])
				start = -1
				joined = false
			}
			if i < len(s) && s[i] == '_' {
				joined = true
			} else if i < len(s) {
				joined = false
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}
