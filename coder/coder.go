// Package coder turns parsed sentences and dictionaries into coded events:
// who did what to whom, with the CAMEO code, PLOVER type, Goldstein value,
// negation, modality, the evidence spans and the dictionary line that fired.
//
// The coder works on dependency trees. For each sentence it finds actor
// mentions (dictionary.MatchActors, agents merged with their countries),
// then for every predicate whose lemma has patterns it builds the frame of
// the predicate (subjects, objects, obliques, particles, complements,
// following passive voice, coordination, control and relative clauses),
// matches the patterns, and emits one event per (source, target) pair of
// the winning pattern. Sentences that cannot yield an event — no actor
// mention and no pronoun with an antecedent, or no pattern head — are not
// parsed at all; Stats counts them.
package coder

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dictionary"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/nlp/tag"
	"github.com/dyad-events/dyad/text"
)

// Options control coding. The zero value is not the default; use
// DefaultOptions.
type Options struct {
	// RequireDyad drops events whose source or target has no code
	// (PETRARCH's require_dyad). Default true.
	RequireDyad bool
	// NewActorLength, when > 0, lets unknown proper-noun phrases of at most
	// this many tokens act as source or target (with an empty code), as
	// PETRARCH's new_actor_length does. Unknown actors are always reported
	// in Result.Unknown.
	NewActorLength int
	// NoSkip parses every sentence, even those that cannot yield an event
	// (used to prove that skipping loses nothing).
	NoSkip bool
	// Explain records, per sentence, the tree, mentions and the fate of
	// each candidate pattern.
	Explain bool
	// AgentContext gives a role noun without a country ("the government",
	// "protesters") the country of an attached "in/of/from COUNTRY" phrase,
	// else the country the document is mostly about. PETRARCH does not do
	// this; its evaluation turns it off.
	AgentContext bool
	// PassiveByOnly reads a verb as passive only when a by-phrase names its
	// agent, as PETRARCH does: without one, "X was criticized" has X as
	// its source. It misreads English; only the PETRARCH evaluation turns
	// it on.
	PassiveByOnly bool
	// VerbPhraseOnce codes no verb inside the verb phrase of a verb that
	// matched a pattern, as PETRARCH does (it resumes its search after
	// that verb phrase): "celebrated Iftar … after leaving Eriador" codes
	// the celebration only. It loses reported events ("said that X
	// attacked Y" when "say" has a code); only the PETRARCH evaluation
	// turns it on.
	VerbPhraseOnce bool
	// Comma deletes comma-delimited clauses of the given lengths before
	// matching (PETRARCH's comma_* options). The zero value, dyad's
	// default, deletes nothing.
	Comma CommaOptions
	// IntentCodes codes future or planned cooperation ("will receive",
	// "plans to meet") with CAMEO's root-03 "express intent" codes, as the
	// CAMEO manual asks. PETRARCH does not; its evaluation turns it off.
	IntentCodes bool
	// Hypothetical also codes acts that are only possible or conditional
	// ("China could blockade Taiwan", "if Russia invades Ukraine", "a
	// planned visit"), with modality "hypothetical". CAMEO codes what
	// happened or was announced, so dyad's default drops them; PETRARCH
	// codes them.
	Hypothetical bool
}

// DefaultOptions returns the options dyad codes with by default.
func DefaultOptions() Options {
	return Options{RequireDyad: true, AgentContext: true, IntentCodes: true}
}

// PetrarchOptions returns the options that code the way PETRARCH does,
// for users who need its output rather than dyad's readings: role nouns
// without a country stay ---ROLE, "will contribute" is the act itself, a
// verb is passive only with a by-phrase, no verb inside a coded verb
// phrase is coded, and PETRARCH's default comma-clause deletion applies
// (internal and terminal clauses of 2 to 8 words).
func PetrarchOptions() Options {
	return Options{RequireDyad: true, PassiveByOnly: true, VerbPhraseOnce: true, Hypothetical: true,
		Comma: CommaOptions{Min: 2, Max: 8, EMin: 2, EMax: 8}}
}

// Coder codes documents. It is safe for concurrent use.
type Coder struct {
	dict *dictionary.Dictionary
	nlp  *nlp.Pipeline
	opts Options
	ix   indexes
}

// indexes are the matching indexes of a coder's dictionary, built once
// per dictionary and kept on the coder, so that a sentence costs no cache
// lookup to reach them.
type indexes struct {
	lex     *lexIndex                          // PETRARCH dictionaries (lexicalIndex), else nil
	slots   map[*dictionary.Pattern]*slotWords // native dictionaries (patternSlots), else nil
	objSigs objectSigs                         // native dictionaries (patternObjectSigs), else nil
}

// New returns a coder over dictionary d and NLP pipeline p.
// It builds the dictionary's matching indexes now, as part of loading,
// rather than on the first document.
func New(d *dictionary.Dictionary, p *nlp.Pipeline, opts Options) *Coder {
	return &Coder{dict: d, nlp: p, opts: opts,
		ix: indexes{lex: lexicalIndex(d), slots: patternSlots(d), objSigs: patternObjectSigs(d)}}
}

// Options returns the coder's options.
func (c *Coder) Options() Options { return c.opts }

// WithOptions returns a coder sharing c's dictionary and pipeline.
func (c *Coder) WithOptions(o Options) *Coder {
	return &Coder{dict: c.dict, nlp: c.nlp, opts: o, ix: c.ix}
}

// Stats counts what the coder did with a document.
type Stats struct {
	Sentences int `json:"sentences"`
	Parsed    int `json:"parsed"`
	Skipped   int `json:"skipped"` // not parsed: could not yield an event
	Discarded int `json:"discarded"`
	Events    int `json:"events"`
}

// Add adds o to s.
func (s *Stats) Add(o Stats) {
	s.Sentences += o.Sentences
	s.Parsed += o.Parsed
	s.Skipped += o.Skipped
	s.Discarded += o.Discarded
	s.Events += o.Events
}

// Result is the coding of one document.
type Result struct {
	Events    []dyad.Event
	Sentences []dyad.Sentence
	// Mentions holds each sentence's actor mentions (parallel to Sentences).
	Mentions [][]Mention
	// Unknown lists proper-noun phrases in subject or object position of a
	// coded predicate that no dictionary entry covers.
	Unknown []Mention
	// StoryDiscard names the discard phrase that voided the document.
	StoryDiscard string
	Explain      []SentenceExplain
	Stats        Stats
}

// CodeDocument codes every sentence of doc. doc.Date is the date actors'
// roles are resolved for; a zero date takes each actor's default code.
// It never panics on any input: an internal failure becomes an error.
func (c *Coder) CodeDocument(doc *dyad.Document) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("coder: internal error on document %q: %v", doc.ID, r)
		}
	}()
	return c.codeDocument(doc)
}

// codeDocument is CodeDocument without the recover guard.
func (c *Coder) codeDocument(doc *dyad.Document) (res *Result, err error) {
	res = &Result{}
	sents := doc.Sentences
	if sents == nil {
		sents = text.Split(doc.Text)
	}
	res.Sentences = sents
	res.Mentions = make([][]Mention, len(sents))
	res.Stats.Sentences = len(sents)
	st := newStory(sents)
	discarded := make([]bool, len(sents))
	for i := range sents {
		var d *dictionary.Discard
		if discarded[i], d = c.dict.FindDiscards(sents[i].Tokens); d != nil {
			res.StoryDiscard = d.Text
			res.Stats.Discarded = len(sents)
			return res, nil
		}
	}
	// First pass: actor mentions of every sentence (cheap, no parsing), so
	// that short aliases and the document's countries are known up front.
	pre := make([][]Mention, len(sents))
	for i := range sents {
		pre[i] = c.findMentions(sents[i].Tokens, doc.Date, st)
	}
	st.reads = newMemoryReads(sents, pre)
	pl := c.newPlacer(doc.Text, sents, pre)
	if c.opts.AgentContext {
		st.dominant = dominantCountry(pl.counts)
	}
	st.countries = map[string]bool{}
	for i := range sents {
		st.next = nil
		if i+1 < len(sents) {
			st.next = pre[i+1]
		}
		c.codeSentence(doc, &sents[i], i, pre[i], discarded[i], st, pl, res)
		if c.dict.Petrarch == nil {
			st.noteDocuments(sents[i].Tokens, pre[i])
			for _, m := range pre[i] {
				if m.Kind == "country" {
					st.countries[m.Code] = true
				}
			}
		}
	}
	res.Stats.Events = len(res.Events)
	return res, nil
}

// codeSentence codes one sentence and appends to res. discarded reports
// that a discard phrase occurs in it.
func (c *Coder) codeSentence(doc *dyad.Document, s *dyad.Sentence, idx int, ms []Mention, discarded bool, st *story, pl *placer, res *Result) {
	toks := s.Tokens
	var ex *SentenceExplain
	if c.opts.Explain {
		res.Explain = append(res.Explain, SentenceExplain{Index: idx, Text: sentenceText(doc.Text, s)})
		ex = &res.Explain[len(res.Explain)-1]
	}
	if discarded {
		res.Stats.Discarded++
		if ex != nil {
			ex.Notes = append(ex.Notes, "sentence discarded by a discard phrase")
		}
		return
	}
	skip := func(why string) {
		res.Stats.Skipped++
		st.remember(ms)
		res.Mentions[idx] = ms
		if ex != nil {
			ex.Notes = append(ex.Notes, "skipped: "+why)
		}
	}
	// Decide whether parsing can pay: some candidate actor and some head.
	hasAntecedent := len(st.recent) > 0
	canActor := len(ms) > 0 || (hasAntecedent && hasPronoun(toks)) || (c.unknownActorsCode() && hasCapital(toks))
	if !canActor && !c.opts.NoSkip {
		skip("no actor mention")
		return
	}
	// The rules below skip sentences with mentions, whose story memory
	// must not depend on parsing (see skip.go).
	skippable := !c.opts.NoSkip && c.rememberStable(toks, ms, st.reads, idx)
	// An event needs two different coded actors (see skip.go); a place
	// counts only for a head whose acts may aim at a place's country,
	// known once the sentence is tagged.
	checkActors := skippable && !c.unknownActorsCode()
	actors, places := 0, 0
	if checkActors {
		actors, places = c.actorSlots(toks, ms, st), placeActors(pl.placesIn(idx), ms)
	}
	if checkActors && actors+places < 2 {
		skip("fewer than two possible actors")
		return
	}
	if isQuestion(toks) {
		// "Would China be willing to invest?" asks; it reports nothing.
		skip("a question reports no event")
		return
	}
	parsed := isParsed(toks)
	if !parsed {
		c.nlp.Tagger.TagTokens(toks)
		if known := knownTags(toks, ms); known != nil && c.dict.Petrarch == nil {
			c.nlp.Tagger.TagTokensKnown(toks, known)
		}
	}
	switch {
	case !skippable:
	case !c.hasHead(toks):
		skip("no verb or event noun of the dictionary")
		return
	case !c.patternPossible(toks):
		skip("no pattern finds the words it asks for")
		return
	case checkActors && actors < 2 && !c.placeHead(toks):
		skip("fewer than two possible actors (a place, but no act aimed at places)")
		return
	}
	if !parsed {
		c.nlp.Parser.Parse(toks)
	}
	res.Stats.Parsed++
	t := newTree(toks)
	if t.deleted = t.commaClauses(c.opts.Comma); t.deleted != nil {
		// Mentions in deleted comma clauses can be no actor.
		ms = dropDeleted(ms, t.deleted)
	}
	t.verbs = func(w string) bool { return len(c.dict.PatternsFor(w)) > 0 }
	t.placer = pl
	t.petrarch = c.dict.Petrarch != nil
	t.repair(ms)
	if c.dict.Petrarch == nil {
		ms = c.unmergePossessed(t, ms)
	}
	mi := newMentionIndex(len(toks), ms, t)
	t.mentions, t.story, t.petrarch, t.passiveByOnly, t.date = mi, st, c.dict.Petrarch != nil, c.opts.PassiveByOnly, doc.Date
	c.localiseAgents(t, mi, st, pl)
	c.spreadAgents(t, mi)
	if c.dict.Petrarch == nil {
		c.coordinatedAdjectives(t, mi)
	}
	if ex != nil {
		ex.Tree = toks
		ex.Mentions = mi.ms
		ex.Notes = append(ex.Notes, t.repairs...)
	}
	evs := c.codePredicates(doc, s, idx, t, mi, st, res, ex)
	if len(evs) > 0 {
		pl.place(t, evs)
		if c.dict.Petrarch == nil {
			c.meetingVenues(t, pl, evs)
		}
	}
	st.remember(mi.ms)
	res.Mentions[idx] = mi.ms
	res.Events = append(res.Events, evs...)
}

// knownTags returns the tags the dictionary knows for names the tagger
// took for something else, or nil when it took none: the last capitalised
// word of a named actor, country, capital or people is a proper noun, and
// a country adjective an adjective, where the tagger made it an adverb, a
// verb or another word class no name is ("Tokyo extended a loan" with
// "Tokyo" an adverb). A name tagged a noun or an adjective is left alone:
// the parser learnt names as the treebank tags them in use ("Rapid Support
// Forces"), and forcing those costs more than it gains.
func knownTags(toks []dyad.Token, ms []Mention) []tag.Known {
	var known []tag.Known
	set := func(i int, k tag.Known) {
		if known == nil {
			known = make([]tag.Known, len(toks))
		}
		known[i] = k
	}
	for _, m := range ms {
		if m.End > len(toks) || m.Start < 0 {
			continue
		}
		switch m.Kind {
		case "adjective":
			if m.End-m.Start == 1 && capitalised(toks[m.Start].Text) && !nameClass[toks[m.Start].UPOS] {
				set(m.Start, tag.Known{UPOS: "ADJ", XPOS: "JJ"})
			}
		case "country", "capital", "actor", "people":
			// The last word only: inside a longer name the treebank the
			// parser learnt from tags words as they are used
			// ("Revolutionary Guards", "United States").
			i := m.End - 1
			w := toks[i].Text
			if !capitalised(w) || nameFunctionWords[strings.ToLower(w)] || nameClass[toks[i].UPOS] {
				continue
			}
			k := tag.Known{UPOS: "PROPN", XPOS: "NNP"}
			if m.Kind == "people" && strings.HasSuffix(w, "s") {
				k.XPOS = "NNPS" // "Afghans"
			}
			set(i, k)
		}
	}
	return known
}

// nameClass are the word classes a name may be tagged in use.
var nameClass = map[string]bool{"PROPN": true, "NOUN": true, "ADJ": true, "NUM": true, "X": true}

// nameFunctionWords are the words inside names that are no part of the
// proper noun ("the Islamic Republic of Iran", "The Hague").
var nameFunctionWords = map[string]bool{"the": true, "of": true, "and": true, "for": true, "in": true, "on": true,
	"at": true, "to": true, "de": true, "du": true, "la": true, "le": true, "al": true, "el": true, "bin": true, "ibn": true, "&": true}

// capitalised reports whether w starts with an upper-case letter.
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isQuestion reports whether a sentence ends with a question mark.
func isQuestion(toks []dyad.Token) bool {
	for i := len(toks) - 1; i >= 0; i-- {
		switch toks[i].Text {
		case "\"", "”", "'", "’", ")":
			continue
		case "?":
			return true
		}
		return false
	}
	return false
}

// isParsed reports whether a sentence arrived already tagged and parsed
// (for example from CoNLL-U), in which case the coder keeps its analysis.
func isParsed(toks []dyad.Token) bool {
	if len(toks) == 0 {
		return false
	}
	for i := range toks {
		if toks[i].Head < 0 || toks[i].UPOS == "" || toks[i].Rel == "" {
			return false
		}
	}
	return true
}

func (c *Coder) unknownActorsCode() bool { return c.opts.NewActorLength > 0 || !c.opts.RequireDyad }

// hasHead reports whether some token's lemma heads a verb or noun pattern.
func (c *Coder) hasHead(toks []dyad.Token) bool {
	for i := range toks {
		if c.isHead(&toks[i]) {
			return true
		}
	}
	return false
}

func (c *Coder) isHead(tk *dyad.Token) bool {
	if c.dict.Petrarch != nil && c.hasLexical(tk) {
		return true // PETRARCH names verbs by their forms ("SHOT")
	}
	l := lowerASCII(tk.Lemma)
	switch tk.UPOS {
	case "VERB", "AUX":
		return len(c.dict.PatternsFor(l)) > 0
	case "ADJ":
		if len(c.dict.PatternsFor(l)) > 0 {
			return true
		}
		// "voiced" tagged an adjective may be read as the verb (repair.go).
		w := lowerASCII(tk.Text)
		return c.dict.Petrarch == nil && len(w) > 3 && strings.HasSuffix(w, "ed") &&
			(len(c.dict.PatternsFor(w[:len(w)-1])) > 0 || len(c.dict.PatternsFor(w[:len(w)-2])) > 0)
	case "NOUN", "PROPN":
		return len(c.dict.NounPatternsFor(l)) > 0 || len(c.dict.PatternsFor(l)) > 0
	}
	return len(c.dict.PatternsFor(l)) > 0
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func hasPronoun(toks []dyad.Token) bool {
	for _, t := range toks {
		if _, ok := pronounKinds[lowerASCII(t.Text)]; ok {
			return true
		}
	}
	return false
}

func hasCapital(toks []dyad.Token) bool {
	for i, t := range toks {
		if i > 0 && t.Text != "" && t.Text[0] >= 'A' && t.Text[0] <= 'Z' {
			return true
		}
	}
	return len(toks) > 0
}

func sentenceText(src string, s *dyad.Sentence) string {
	if s.Span.Valid(len(src)) && s.Span.Len() > 0 {
		return src[s.Span.Start:s.Span.End]
	}
	return spanText(s.Tokens, 0, len(s.Tokens))
}

// CodeText is a convenience wrapper: it codes src as one document dated date.
func (c *Coder) CodeText(id, src string, date time.Time) (*Result, error) {
	return c.CodeDocument(&dyad.Document{ID: id, Text: src, Date: date})
}
