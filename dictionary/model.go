package dictionary

import (
	"fmt"
	"strconv"
	"time"
)

// Pos is where an entry was defined: a file (slash-separated path relative to
// the root of the set for native sets, the path as given for PETRARCH files)
// and a 1-based line. Events cite it as "file:line".
type Pos struct {
	File string
	Line int
}

// String returns "file:line", or "" for the zero Pos.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line)
}

// Kind says what sort of name an ActorMatch matched, and so how its code was
// derived.
type Kind uint8

// The kinds of names. Country kinds carry the country's ISO3 code; KindPeople
// codes ISO3+"CVL" and KindCapital and KindGovt code ISO3+"GOV".
const (
	KindCountry   Kind = iota + 1 // a country's name or alias ("Afghanistan")
	KindAdjective                 // a demonym adjective ("Afghan")
	KindPeople                    // a plural demonym used as a noun ("Afghans"): ISO3CVL
	KindCapital                   // a capital as government metonym ("Kabul"): ISO3GOV
	KindGovt                      // another government metonym ("the Kremlin"): ISO3GOV
	KindActor                     // a named actor ("Wang Yi"), or any PETRARCH actor
	KindAgent                     // a role noun ("government", "police"): the role code alone
)

var kindNames = [...]string{"", "country", "adjective", "people", "capital", "govt", "actor", "agent"}

// String returns the kind's name as used in JSON and explain output.
func (k Kind) String() string {
	if int(k) < len(kindNames) && k != 0 {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// NullCode is PETRARCH's "---": an entry that matches but deliberately codes
// nothing (an actor not to be coded in a period, a pattern that codes no
// event). The native format accepts it too.
const NullCode = "---"

// Name is one matchable name of an entry. Words is the name split into
// tokens as the text tokenizer splits text ("U.S.-led" → "U.S.", "-", "led");
// matching compares words case-insensitively, except acronym words of the
// native format (see Dictionary.MatchActors).
type Name struct {
	Text    string   // the name as written, without "~" or "[ctx: …]"
	Words   []string // the tokens of Text
	Short   bool     // a short alias ("Wang~"): accept only after the full name occurred in the story
	Context []string // "[ctx: …]" words: resolve only when one occurs in the document
	// Gaps marks, for a PETRARCH name written with spaces ("ITHILEN
	// TELEVISION"), the words other words of a noun phrase may precede
	// (PETRARCH's " " connector; "_" joins words that must be adjacent).
	// Nil for names without a space.
	Gaps   []bool
	Source Pos

	exact  uint64 // bit i: word i is an acronym that matches only the same capitals
	optThe bool   // a leading "the" is optional (native names)
}

// DateRange is an inclusive range of days. A zero From or To leaves that end
// open; the zero DateRange covers every date.
type DateRange struct {
	From, To time.Time
}

// Open reports whether both ends are open (the range covers every date).
func (r DateRange) Open() bool { return r.From.IsZero() && r.To.IsZero() }

// Contains reports whether day t (its time of day is ignored) lies in r.
func (r DateRange) Contains(t time.Time) bool {
	d := dayOf(t)
	if !r.From.IsZero() && d.Before(r.From) {
		return false
	}
	if !r.To.IsZero() && d.After(r.To) {
		return false
	}
	return true
}

// Overlaps reports whether r and s share at least one day.
func (r DateRange) Overlaps(s DateRange) bool {
	if !r.To.IsZero() && !s.From.IsZero() && r.To.Before(s.From) {
		return false
	}
	if !s.To.IsZero() && !r.From.IsZero() && s.To.Before(r.From) {
		return false
	}
	return true
}

// String writes the range in the native syntax ("2013-03-16..2022-12-30",
// "2021-08-15..", "..2021-08-14"), or "" for the open range.
func (r DateRange) String() string {
	if r.Open() {
		return ""
	}
	s := ""
	if !r.From.IsZero() {
		s = r.From.Format("2006-01-02")
	}
	s += ".."
	if !r.To.IsZero() {
		s += r.To.Format("2006-01-02")
	}
	return s
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// CodeRange is an actor code valid over a date range. Code may be NullCode.
type CodeRange struct {
	Code   string
	Range  DateRange
	Source Pos
}

// Country is a "country" entry: an ISO3 code with the names that code it.
type Country struct {
	ISO3    string
	Name    Name        // canonical name (matched, KindCountry)
	Aliases []Name      // other names (KindCountry)
	Adj     []Name      // adjectives and demonyms (KindAdjective)
	People  []Name      // plural demonyms (KindPeople, ISO3CVL)
	Capital []Name      // capitals (KindCapital, ISO3GOV)
	Govt    []Name      // other government metonyms (KindGovt, ISO3GOV)
	Exists  []DateRange // when the country exists ("code ISO3 RANGE" lines); empty means always
	Source  Pos
}

// ExistsOn reports whether the country exists on day t (always when Exists
// is empty, or t is zero).
func (c *Country) ExistsOn(t time.Time) bool {
	if len(c.Exists) == 0 || t.IsZero() {
		return true
	}
	for _, r := range c.Exists {
		if r.Contains(t) {
			return true
		}
	}
	return false
}

// Role is documentation of an actor's role over a period ("foreign
// minister"); it is not matched.
type Role struct {
	Text  string
	Range DateRange
}

// Actor is a named actor: a person, organisation, group or any PETRARCH
// actor entry. Codes are tried in order: the first whose bounded range
// contains the date wins, else the first unbounded ("default") code.
type Actor struct {
	Name    Name   // canonical name
	Aliases []Name // other names, synonyms ("+NAME" in PETRARCH)
	Codes   []CodeRange
	Country string   // override of the country implied by the code ("" = derive)
	Sector  string   // override of the sector implied by the code ("" = derive)
	Roles   []Role   // documentation only
	Members []string // member states of an international body
	Source  Pos
}

// CodeAt returns the actor's code on date t and whether one applies. A
// NullCode applies as "" with ok true and null true: the actor is recognised
// and deliberately not coded. A zero t selects the default code, or failing
// that the code of the range that starts last.
func (a *Actor) CodeAt(t time.Time) (code string, ok bool) {
	c, ok := a.codeAt(t)
	if c == NullCode {
		return "", ok
	}
	return c, ok
}

func (a *Actor) codeAt(t time.Time) (string, bool) {
	if t.IsZero() {
		var best *CodeRange
		for i := range a.Codes {
			c := &a.Codes[i]
			if c.Range.Open() {
				return c.Code, true
			}
			if best == nil || c.Range.From.After(best.Range.From) {
				best = c
			}
		}
		if best != nil {
			return best.Code, true
		}
		return "", false
	}
	for i := range a.Codes {
		if c := &a.Codes[i]; !c.Range.Open() && c.Range.Contains(t) {
			return c.Code, true
		}
	}
	for i := range a.Codes {
		if c := &a.Codes[i]; c.Range.Open() {
			return c.Code, true
		}
	}
	return "", false
}

// Agent is a role noun ("government", "foreign minister") with its role code.
type Agent struct {
	Code   string // role code(s) without "~", e.g. "GOV", "GOVMED"
	Before bool   // the code goes before the country ("NGO~" in PETRARCH: NGO+USA)
	Names  []Name // singular names and plurals (generated or given)
	Source Pos
}

// Combine returns the code of this agent attached to country (an ISO3 code or
// any actor code): "CHN"+"BUS" → "CHNBUS"; for a Before agent, "NGO"+"USA" →
// "NGOUSA". With an empty country it returns the role code alone.
func (a *Agent) Combine(country string) string {
	return CombineAgent(country, a)
}

// Synset is a named set of lemmas or phrases ("&AID"). Members are lower
// case, words separated by single spaces, nested synsets already expanded.
type Synset struct {
	Name    string // with the leading "&"
	Members []string
	// Plurals, for PETRARCH synsets, holds the plural form PETRARCH also
	// matches for each member ("" when none: the synset name or the member
	// ends in "_", or the member is a synset reference), parallel to
	// Members.
	Plurals []string
	Source  Pos
}

// PrepSlot is a prepositional slot of a pattern: a nominal introduced by
// Prep, attached to the verb (obl) or its object (nmod).
type PrepSlot struct {
	Prep   []string // the preposition, multiword ones split: ["in","favor","of"]
	Words  []string // allowed head lemmas of the nominal (empty: any)
	Target bool     // "PREP=$": the target is this nominal
	Source bool     // "PREP=+": the source is this nominal, not the subject
}

// Pattern is one verb (or event noun) pattern: when its head occurs with all
// its slots satisfied in the dependency tree, it codes an event with Code.
// Word lists hold lemmas in lower case; a phrase value ("humanitarian aid",
// written humanitarian_aid) keeps its words separated by single spaces, the
// last one being the head. Synsets are already expanded into the word lists
// (their names are kept in Synsets for explain output).
//
// Target defaults: when no slot marks the target ($), the target is the
// direct object when it is an actor, else the first actor among the verb's
// obliques; the source is the subject (or the by-agent of a passive) unless a
// PrepSlot has Source.
type Pattern struct {
	Code    string // canonical CAMEO code, or NullCode: match but code no event
	Reverse string // code of the reciprocal event (target→source), from "CODE:CODE2"; "" if none
	// NonCAMEO marks a pattern from a PETRARCH set whose Code (and Reverse)
	// are kept as written although CAMEO lacks them ("903", "345", "075A"),
	// as PETRARCH's unit tests expect. Native sets never have them, and
	// WriteNative skips them.
	NonCAMEO bool
	Head     string // the head as written: a lemma ("meet"), or a synset name ("&MEET")
	Noun     bool   // the head is an event noun (written n:lemma)
	Heads    []string

	Obj        []string // the direct object's head lemma is one of these
	ObjTarget  bool     // obj=$
	IObjTarget bool     // iobj=$
	Preps      []PrepSlot
	ModTarget  bool     // mod=$: the target modifies the object
	Prt        []string // particle (compound:prt) lemmas
	XComp      []string // xcomp verb lemmas
	XObj       []string // the complement's object head lemma is one of these (needs xcomp)
	Subj       []string // subject head lemmas
	// Neg is the "neg" slot: the pattern fires only on a negated predicate,
	// and patterns without it never fire on one.
	Neg bool

	Synsets []string // synset names used in the slots or head, as written
	Text    string   // the pattern line as written, without its comment
	Comment string   // the line's comment, if any
	Origin  string   // for patterns translated from PETRARCH, the original pattern line
	// Lexical marks a translation of a PETRARCH pattern with words: the
	// slots approximate it, but a coder holding the PETRARCH form matches
	// that instead, in PETRARCH's way (word order, "_" adjacency, exact
	// word forms), and skips this translation.
	Lexical bool
	Source  Pos
}

// Specificity is the number of constraints the pattern sets: one per slot
// (obj words, obj=$, iobj=$, each prep slot, mod=$, prt, xcomp, xobj, subj, neg). The
// most specific matching pattern wins; ties go to the later pattern.
func (p *Pattern) Specificity() int {
	n := len(p.Preps)
	for _, b := range []bool{len(p.Obj) > 0, p.ObjTarget, p.IObjTarget, p.ModTarget, len(p.Prt) > 0, len(p.XComp) > 0, len(p.XObj) > 0, len(p.Subj) > 0, p.Neg} {
		if b {
			n++
		}
	}
	return n
}

// HasTarget reports whether a slot marks the target ($).
func (p *Pattern) HasTarget() bool {
	if p.ObjTarget || p.IObjTarget || p.ModTarget {
		return true
	}
	for _, s := range p.Preps {
		if s.Target {
			return true
		}
	}
	return false
}

// Context is a keyword list that tags a sentence with a PLOVER context (or,
// from PETRARCH issue files, an issue code).
type Context struct {
	Name     string     // context name ("human_rights") or issue code ("EDUCATION_REFORM")
	Category string     // PETRARCH issue category; the context name for native entries
	Phrases  [][]string // lower-case word sequences
	Source   Pos
}

// ContextExclusion is a PETRARCH issue exclusion ("~phrase", "~~phrase"): when
// the phrase occurs, no issue of its Category is coded.
type ContextExclusion struct {
	Category string
	Phrase   []string
	Story    bool // "~~": story level
	Source   Pos
}

// Discard is a phrase that voids the sentence (or, with Story, the whole
// document) it occurs in.
type Discard struct {
	Text   string   // as written
	Words  []string // lower-case words
	Story  bool     // story level ("discard story", PETRARCH "+")
	Prefix bool     // the last word matches as a prefix (a PETRARCH stem, no final "_")
	Source Pos
}

// LoadError is one problem in a dictionary file. Error() is "file:line: msg".
type LoadError struct {
	Pos Pos
	Msg string // what was found and what was expected
	Err error  // wrapped cause, if any
}

// Error returns "file:line: message".
func (e *LoadError) Error() string {
	s := e.Msg
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	if p := e.Pos.String(); p != "" {
		return p + ": " + s
	}
	return s
}

// Unwrap returns the cause and dyad.ErrInvalidInput.
func (e *LoadError) Unwrap() []error {
	if e.Err != nil {
		return []error{errInvalid, e.Err}
	}
	return []error{errInvalid}
}

func errorf(pos Pos, format string, args ...any) *LoadError {
	return &LoadError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}
