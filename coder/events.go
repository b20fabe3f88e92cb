package coder

import (
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dates"
	"github.com/dyad-events/dyad/dictionary"
	"github.com/dyad-events/dyad/taxonomy"
)

// SentenceExplain records why events did or did not come out of a sentence.
type SentenceExplain struct {
	Index      int
	Text       string
	Tree       []dyad.Token
	Mentions   []Mention
	Candidates []Candidate
	Notes      []string
}

// Candidate is one predicate with dictionary patterns and what became of it.
type Candidate struct {
	Pred    int    // token index
	Lemma   string // predicate lemma
	Pattern string // the winning pattern's text, if one matched
	Source  string // its file:line
	Code    string
	Outcome string // "coded N events", or why nothing was coded
}

// symmetricVerbs are predicates whose coordinated subjects act on each
// other when no target is named ("X and Y met", "X and Y clashed").
var symmetricVerbs = map[string]bool{
	"meet": true, "talk": true, "negotiate": true, "sign": true, "agree": true, "cooperate": true, "clash": true,
	"fight": true, "trade": true, "exchange": true, "discuss": true, "confer": true, "consult": true, "reconcile": true,
	"ally": true, "partner": true, "quarrel": true, "spar": true, "hold": true, "conclude": true, "reach": true,
	"normalize": true, "normalise": true, "restore": true, "establish": true, "resume": true, "sever": true, "cut": true, "swap": true,
	"talks": true, "meeting": true, "agreement": true, "deal": true, "summit": true, "clashes": true, "clash_n": true,
}

// protestPurpose gives the protest code (1411-1414, else 141) for the
// demand a protest makes: "rallied in Caracas, demanding that Maduro
// concede defeat" is a protest for a change of leadership (1411).
var protestPurpose = map[string]string{"1041": "1411", "1042": "1412", "1043": "1413", "1044": "1414"}

// protestDemand reports whether predicate p is a participle of demand
// ("demanding …") hung on another predicate.
func protestDemand(t *tree, p int) bool {
	return t.head[p] >= 0 && t.rel(p) == "advcl" && t.toks[p].XPOS == "VBG" && demandVerbs[t.lemma(p)]
}

// dropPlainProtest removes from evs the plain protest (141) coded from the
// verb at byte offset verb with the same source and target as ev.
func dropPlainProtest(evs []dyad.Event, verb int, ev *dyad.Event) []dyad.Event {
	out := evs[:0]
	for _, e := range evs {
		if e.CAMEO == "141" && e.Verb.Span[0] == verb && e.Source.Code == ev.Source.Code && e.Target.Code == ev.Target.Code {
			continue
		}
		out = append(out, e)
	}
	return out
}

// demandVerbs make demands.
var demandVerbs = map[string]bool{"demand": true, "call": true, "urge": true, "press": true, "insist": true}

// tollVerbs tell the human cost of an act in a participle clause after it.
var tollVerbs = map[string]bool{"kill": true, "wound": true, "injure": true, "maim": true, "leave": true}

// intentCodes maps cooperation codes in roots 04–08 to the "express intent"
// code of root 03 that CAMEO uses for future or planned acts ("will receive",
// "plans to meet").
var intentCodes = map[string]string{
	"04": "036", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
	"07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
	"08": "035", "081": "0351", "082": "0352", "083": "034", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
}

// intentCode returns the root-03 code for a cooperation code expressed as an
// intention, or the code itself when CAMEO has no intent form for it.
func intentCode(code string) string {
	if len(code) < 2 {
		return code
	}
	for n := min(len(code), 3); n >= 2; n-- {
		if ic, ok := intentCodes[code[:n]]; ok {
			return ic
		}
	}
	return code
}

// codePredicates matches the patterns of every predicate in the sentence
// and builds the events.
func (c *Coder) codePredicates(doc *dyad.Document, s *dyad.Sentence, idx int, t *tree, mi *mentionIndex, st *story, res *Result, ex *SentenceExplain) []dyad.Event {
	consumed := map[int]bool{}
	toll := map[int]bool{}     // participles telling the toll of a coded act
	protests := map[int]bool{} // predicates that coded a protest
	var evs []dyad.Event
	contexts := &sentenceContexts{d: c.dict, toks: s.Tokens}
	for _, p := range t.topDown() {
		if consumed[p] || t.isDeleted(p) {
			continue
		}
		if !t.petrarch && t.unrealised(p) {
			if ex != nil && c.isHead(&t.toks[p]) {
				ex.Candidates = append(ex.Candidates, Candidate{Pred: p, Lemma: lowerASCII(t.toks[p].Lemma), Outcome: "asked for, not done (inside a request's complement)"})
			}
			continue
		}
		tk := &t.toks[p]
		if closedClass[tk.UPOS] && !t.petrarch {
			continue // "pulled its troops back": the adverb is not the verb "back"
		}
		lem := t.lemma(p)
		noun := t.nounPred(p)
		var pats []*dictionary.Pattern
		if noun {
			pats = c.dict.NounPatternsFor(lem)
		} else {
			pats = c.dict.PatternsFor(lem)
		}
		var lex lexMatch
		hasLex := false
		if c.dict.Petrarch != nil {
			ix := c.lexIndex()
			lf := ix.lexFormAt(t, p)
			pats = c.byForm(ix, t, p, lf, lem, noun, pats)
			lex, hasLex = c.matchLexical(ix, t, p, lf)
		}
		if len(pats) == 0 && !hasLex {
			continue
		}
		var f frame
		if noun {
			f = t.nounFrame(p)
		} else {
			f = t.frameOf(p)
		}
		best, ok := c.bestMatch(t, &f, pats, noun)
		if hasLex && f.negated == lex.lp.neg && (!ok || lex.lp.words >= best.pat.Specificity()) && (!ok || best.pat != lex.lp.p.Native) {
			// A PETRARCH pattern with words around the verb that the slot
			// form cannot express, and more specific than any slot match.
			best, ok = c.lexicalBinding(t, &f, lex), true
		}
		cand := Candidate{Pred: p, Lemma: lem}
		if !ok {
			cand.Outcome = "no pattern matched"
			if f.negated {
				cand.Outcome = "negated; no pattern for the negation"
			}
			if ex != nil {
				ex.Candidates = append(ex.Candidates, cand)
			}
			continue
		}
		cand.Pattern, cand.Source, cand.Code = best.pat.Text, best.pat.Source.String(), best.pat.Code
		if toll[p] && rootOf(best.pat.Code) != "20" {
			// Mass killing (root 20) stays an act of its own ("attacked
			// Israeli towns, killing hundreds of civilians").
			cand.Outcome = "the toll of an act already coded"
			if ex != nil {
				ex.Candidates = append(ex.Candidates, cand)
			}
			continue
		}
		if best.xcomp >= 0 {
			// "threatened to impose sanctions on X", "urged Y to lift
			// sanctions": the pattern coded the complement and its object;
			// the object noun is not coded again as an act of its own.
			consumed[best.xcomp] = true
			for _, o := range t.childrenRel(best.xcomp, "obj") {
				for _, cj := range t.conjuncts(o) {
					consumed[cj] = true
				}
			}
		}
		if best.objNoun >= 0 {
			consumed[best.objNoun] = true
		}
		if best.pat.Code == dictionary.NullCode {
			cand.Outcome = "pattern codes no event (---)"
			if ex != nil {
				ex.Candidates = append(ex.Candidates, cand)
			}
			continue
		}
		made, why := c.buildEvents(doc, s, idx, t, mi, st, res, &f, best, contexts)
		if len(made) > 0 && !t.petrarch {
			// "fired live rounds at protesters, killing at least five
			// people": the toll of the act coded, not another act.
			for _, k := range t.kids[p] {
				if t.rel(k) == "advcl" && t.toks[k].XPOS == "VBG" && tollVerbs[t.lemma(k)] && k > p {
					toll[k] = true
				}
			}
		}
		if c.opts.VerbPhraseOnce && !noun {
			// PETRARCH resumes its search for verbs after the verb phrase
			// of a verb whose pattern coded: verbs inside it are not coded.
			t.markVerbPhrase(p, consumed)
			t.markTrailingVerbs(p, consumed)
		}
		if len(made) > 0 && !noun {
			// "condemned Russia's attack on Ukraine" is a condemnation; the
			// attack it names is not coded again from the object noun.
			for _, o := range f.obj {
				consumed[o] = true
			}
		}
		if !t.petrarch && len(made) > 0 && t.head[p] >= 0 && protests[t.head[p]] && protestDemand(t, p) {
			// The demand is what the protest is for: the protest is coded
			// by its purpose, not the demand as one of its own, and the
			// protest's plain 141 for the same dyad gives way.
			for i := range made {
				if made[i].Root != "10" {
					continue
				}
				code, ok := protestPurpose[made[i].CAMEO]
				if !ok {
					code = "141"
				}
				setCode(&made[i], code)
				evs = dropPlainProtest(evs, t.toks[t.head[p]].Span.Start, &made[i])
			}
		}
		for i := range made {
			if made[i].Root == "14" {
				protests[p] = true
			}
		}
		cand.Outcome = why
		if ex != nil {
			ex.Candidates = append(ex.Candidates, cand)
		}
		evs = append(evs, made...)
		// "asked the US to release the assets and lift sanctions": each
		// coordinated complement is matched as if it stood alone.
		if best.xcomp >= 0 {
			for _, cj := range t.conjuncts(best.xcomp)[1:] {
				f2 := f
				f2.xcomp = []int{cj}
				b2, ok := c.bestMatch(t, &f2, pats, noun)
				if !ok || b2.xcomp != cj || b2.pat.Code == dictionary.NullCode {
					continue
				}
				consumed[cj] = true
				more, _ := c.buildEvents(doc, s, idx, t, mi, st, res, &f2, b2, contexts)
				evs = append(evs, more...)
			}
		}
	}
	return dedupeEvents(evs)
}

// bestMatch returns the most specific matching pattern (later wins ties).
func (c *Coder) bestMatch(t *tree, f *frame, pats []*dictionary.Pattern, noun bool) (binding, bool) {
	var best binding
	bestSpec, found := -1, false
	// A verb pattern with an object slot needs an object (or a passive's
	// subject) whose lemma or text ends one of the slot's phrases.
	var objWords wordSig
	var objSigs []wordSig
	if !noun && matchPrefilter && len(pats) > 0 {
		if sigs, ok := c.ix.objSigs[&pats[0]]; ok && len(sigs) == len(pats) {
			objSigs, objWords = sigs, t.objectWords(f)
		}
	}
	for i, p := range pats {
		if objSigs != nil && objSigs[i] != (wordSig{}) && !objSigs[i].meets(&objWords) {
			continue // tested before reading the pattern itself
		}
		if p.Noun != noun || p.Lexical && c.dict.Petrarch != nil {
			continue // a PETRARCH pattern with words is matched lexically
		}
		var b binding
		var ok bool
		if noun {
			b, ok = c.matchNoun(t, f, p)
		} else {
			b, ok = c.matchVerb(t, f, p)
		}
		if !ok {
			continue
		}
		if sp := p.Specificity()*16 + min(b.detail, 15); sp >= bestSpec {
			best, bestSpec, found = b, sp, true
		}
	}
	return best, found
}

// topDown returns the token indexes in breadth-first order from the roots,
// so governors are coded before their complements.
func (t *tree) topDown() []int {
	out := make([]int, 0, len(t.toks))
	for i := range t.toks {
		if t.head[i] < 0 {
			out = append(out, i)
		}
	}
	for k := 0; k < len(out); k++ {
		out = append(out, t.kids[out[k]]...)
	}
	if len(out) < len(t.toks) { // a cycle in a malformed tree: add the rest
		seen := make([]bool, len(t.toks))
		for _, i := range out {
			seen[i] = true
		}
		for i := range t.toks {
			if !seen[i] {
				out = append(out, i)
			}
		}
	}
	return out
}

// resolveAll resolves nominal heads to mentions, dropping unresolvable ones
// and unknown actors longer than NewActorLength.
func (c *Coder) resolveAll(t *tree, mi *mentionIndex, heads []int, st *story, res *Result) []*Mention {
	var out []*Mention
	for _, h := range heads {
		if t.isDeleted(h) {
			continue
		}
		m := c.actorFor(t, mi, h, st)
		if m == nil {
			continue
		}
		if m.Kind == "unknown" {
			res.Unknown = append(res.Unknown, *m)
			if c.opts.NewActorLength <= 0 && c.opts.RequireDyad || (c.opts.NewActorLength > 0 && len(strings.Fields(m.Text)) > c.opts.NewActorLength) {
				continue
			}
		}
		if c.dict.Petrarch == nil && len(out) > 0 && containsMention(out, m) {
			continue // two heads of one name ("Wang" and "Yi" both subjects)
		}
		out = append(out, m)
	}
	return out
}

// allGroupPronouns reports whether ms are all plural pronouns ("their",
// "them").
func allGroupPronouns(ms []*Mention) bool {
	for _, m := range ms {
		if m == nil || m.Kind != "pronoun" || pronounKinds[strings.ToLower(m.Text)] != "group" {
			return false
		}
	}
	return len(ms) > 0
}

// containsMention reports whether ms holds m itself.
func containsMention(ms []*Mention, m *Mention) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

func (c *Coder) buildEvents(doc *dyad.Document, s *dyad.Sentence, idx int, t *tree, mi *mentionIndex, st *story, res *Result, f *frame, b binding, contexts *sentenceContexts) ([]dyad.Event, string) {
	srcs := c.resolveAll(t, mi, b.src, st, res)
	if b.bareSrc {
		srcs = baseMentions(t, srcs)
	}
	if len(srcs) > 0 && len(f.like) > 0 {
		srcs = append(srcs, c.resolveAll(t, mi, f.like, st, res)...)
	}
	if len(srcs) == 0 && c.dict.Petrarch == nil {
		// "Fighting broke out in Khartoum between the army and the RSF":
		// the parties between whom it happens, each against the other.
		if ps := c.resolveAll(t, mi, t.betweenParties(b.pred), st, res); len(ps) >= 2 {
			srcs, b.mutual = ps, true
		}
	}
	srcs = splitCompound(srcs)
	var tgts []*Mention
	for pass := 0; pass < 2 && len(tgts) == 0; pass++ {
		// PETRARCH takes the first coded actor after the verb before any
		// uncoded phrase (find_target); dyad's own coding takes the first
		// group that resolves.
		coded := pass == 0 && c.dict.Petrarch != nil
		for _, g := range b.tgt {
			tgts = c.resolveAll(t, mi, g, st, res)
			if b.bareTgt {
				tgts = baseMentions(t, tgts)
			}
			if coded {
				tgts = codedOnly(tgts)
			}
			if c.dict.Petrarch == nil && c.opts.RequireDyad {
				// A phrase that names no codable actor ("the international
				// community", "foreign journalists") does not end the
				// search for the target.
				tgts = c.dyadicOnly(tgts)
			}
			if c.dict.Petrarch == nil {
				tgts = notSponsors(t, notOwned(tgts))
			}
			if tgts = splitCompound(tgts); len(tgts) > 0 {
				break
			}
		}
		if c.dict.Petrarch == nil {
			break
		}
	}
	if len(srcs) == 0 {
		return nil, "no source actor"
	}
	reciprocal := false
	if c.dict.Petrarch == nil && len(srcs) >= 2 && t.eachOther(f) {
		// "India and Canada expelled each other's diplomats", "accused
		// each other of shelling the plant": each side to the other.
		tgts, b.mutual = nil, true
	}
	if c.dict.Petrarch == nil && len(srcs) >= 2 && allGroupPronouns(tgts) {
		// "The European Union and China held their annual summit": their
		// is both, each with the other.
		tgts = nil
		if symmetricVerbs[t.lemma(b.pred)] || t.jointAct(f) || b.mutual {
			tgts, reciprocal = srcs, true
		}
	}
	if len(tgts) == 0 && len(srcs) >= 2 && (b.mutual || symmetricVerbs[t.lemma(b.pred)] || (c.dict.Petrarch == nil && (t.jointAct(f) || t.theirMutualNoun(f)))) {
		// "China and Russia signed an agreement": each with the other.
		tgts, reciprocal = srcs, true
	}
	if len(tgts) == 0 && !reciprocal && c.dict.Petrarch == nil {
		tgts = c.fallbackTargets(t, mi, st, res, f, b, srcs)
	}

	if len(tgts) == 0 {
		if c.opts.RequireDyad {
			return nil, "no target actor (require_dyad)"
		}
		if c.dict.Petrarch != nil && !t.hasObjectPhrase(b.pred) {
			// PETRARCH needs a noun phrase after the verb, coded or not,
			// for an event without a target actor: "said on Saturday"
			// codes, "said today" does not.
			return nil, "no noun phrase after the verb"
		}
		tgts = []*Mention{nil}
	}
	code := b.pat.Code
	modality := f.modality
	if b.pat.Neg && f.negated && f.volitional && !f.conditional && !t.petrarch {
		modality = dyad.ModalityAsserted // "would not resign": a refusal stated now
	}
	if modality == dyad.ModalityHypothetical && !c.opts.Hypothetical {
		return nil, "hypothetical or conditional (not coded)"
	}
	if c.opts.IntentCodes && modality == "intended" && code < "09" && code >= "04" {
		code = intentCode(code)
	}
	info, ok := taxonomy.Lookup(code)
	if !ok {
		// A code outside CAMEO (PETRARCH's test dictionaries use some) is
		// kept as written, without Goldstein or PLOVER values.
		info = taxonomy.Code{Code: code, Root: rootOf(code)}
	}
	// The event's own date: "in July 2021" in a story of March 2022. Actors
	// are resolved for that date (the Taliban were insurgents then).
	evDate, evPrec := doc.Date, "day"
	if !doc.Date.IsZero() {
		evDate, evPrec = dates.ResolveEventDate(t.eventDateText(doc.Text, s), t.toks[b.pred].Text, doc.Date)
		if !sameDay(evDate, doc.Date) {
			srcs, tgts = recode(srcs, evDate), recode(tgts, evDate)
		}
	}
	var reporter *Mention
	if f.reporter >= 0 {
		rf := t.frameOf(f.reporter)
		if rs := c.resolveAll(t, mi, rf.subj, st, res); len(rs) > 0 {
			reporter = rs[0]
		}
		if modality == "asserted" {
			modality = dyad.ModalityReported
		}
	}
	var evs []dyad.Event
	for _, sm := range srcs {
		for _, tm := range tgts {
			if tm != nil && (sameActor(sm, tm) || guessedSameCountry(c, sm, tm)) {
				continue
			}
			if tm != nil && sm.guessed && tm.guessed {
				continue // neither side's country is known
			}
			if tm != nil && rootOf(code) == "01" && c.media(tm) {
				continue // "told reporters", "said in a television interview"
			}
			if c.opts.RequireDyad && (!c.dyadic(sm) || tm == nil || !c.dyadic(tm)) {
				continue
			}
			ev := c.event(doc, s, idx, t, sm, tm, b, code, info, modality, f.negated, contexts)
			if !evDate.IsZero() {
				ev.Date, ev.DatePrecision = dates.FormatDate(evDate, evPrec), evPrec
			}
			if reporter != nil {
				a := c.actorOf(t, reporter)
				ev.AttributedTo = &a
			}
			evs = append(evs, ev)
			if rc := b.pat.Reverse; rc != "" && tm != nil && !reciprocal {
				// "CODE:CODE2": the reciprocal event, target to source
				// ("left for Gondor for meetings" is 032 one way, 033 back).
				rinfo, ok := taxonomy.Lookup(rc)
				if !ok {
					rinfo = taxonomy.Code{Code: rc, Root: rootOf(rc)}
				}
				rev := c.event(doc, s, idx, t, tm, sm, b, rc, rinfo, modality, f.negated, contexts)
				rev.Date, rev.DatePrecision = ev.Date, ev.DatePrecision
				rev.AttributedTo = ev.AttributedTo
				evs = append(evs, rev)
			}
		}
	}
	if len(evs) == 0 {
		return nil, "source and target are the same actor or uncoded"
	}
	if reciprocal {
		return evs, "coded " + strconv.Itoa(len(evs)) + " reciprocal event(s)"
	}
	return evs, "coded " + strconv.Itoa(len(evs)) + " event(s)"
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// recode returns the mentions with codes re-resolved for date t; mentions
// whose code does not change are shared.
func recode(ms []*Mention, t time.Time) []*Mention {
	out := make([]*Mention, len(ms))
	for i, m := range ms {
		if m == nil { // a missing target (require_dyad off)
			continue
		}
		if c := m.codeOn(t); c != m.Code {
			cp := *m
			cp.Code = c
			out[i] = &cp
			continue
		}
		out[i] = m
	}
	return out
}

// dyadic reports whether m may stand in an event under RequireDyad: a
// coded actor, or a new actor when NewActorLength lets unknown phrases act.
//
// With AgentContext (dyad's own reading of role nouns) a role noun that no
// country could be given ("foreign journalists", "the two leaders" in a
// story about no one country) is no actor either: "GOV → RUS" names
// nobody.
func (c *Coder) dyadic(m *Mention) bool {
	if c.opts.AgentContext && c.dict.Petrarch == nil && m.Kind == "agent" && m.agent != nil {
		return false
	}
	return m.Code != "" || c.opts.NewActorLength > 0 && m.Kind == "unknown"
}

// dyadicOnly keeps the mentions that may stand in an event (see dyadic).
func (c *Coder) dyadicOnly(ms []*Mention) []*Mention {
	var out []*Mention
	for _, m := range ms {
		if c.dyadic(m) {
			out = append(out, m)
		}
	}
	return out
}

// codedOnly keeps the mentions with a code.
func codedOnly(ms []*Mention) []*Mention {
	var out []*Mention
	for _, m := range ms {
		if m.Code != "" {
			out = append(out, m)
		}
	}
	return out
}

// baseMentions replaces composites merged by the dictionary with their
// country or actor part ("Gondor" of "the parliament of Gondor").
func baseMentions(t *tree, ms []*Mention) []*Mention {
	out := make([]*Mention, len(ms))
	for i, m := range ms {
		out[i] = m
		if m.compAgent != nil && m.base != "" {
			cp := *m
			cp.Start, cp.End, cp.Code, cp.Kind = m.baseStart, m.baseEnd, m.base, "actor"
			cp.Text = spanText(t.toks, m.baseStart, m.baseEnd)
			cp.compAgent, cp.role, cp.petrarch = nil, nil, false
			out[i] = &cp
		}
	}
	return out
}

// splitCompound expands mentions whose code names several actors joined by
// "/" (PETRARCH's "FRO/BIL/SAM" for the Shire's three hobbits, or role
// nouns placed in several countries: "lawmakers in Fornost and Gondor")
// into one mention per actor.
func splitCompound(ms []*Mention) []*Mention {
	var out []*Mention
	for _, m := range ms {
		if !strings.Contains(m.Code, "/") {
			out = append(out, m)
			continue
		}
		for _, part := range strings.Split(m.Code, "/") {
			if part = strings.TrimSpace(part); part != "" {
				cp := *m
				cp.Code = part
				// Each part is final: re-resolving the entry for an event's
				// own date would give back the whole "FRO/BIL/SAM".
				cp.actor, cp.role = nil, nil
				out = append(out, &cp)
			}
		}
	}
	return out
}

// notOwned drops the role nouns the acting subject owns ("recalled its
// ambassador"): an act on one's own forces or envoys has no other party.
func notOwned(ms []*Mention) []*Mention {
	out := ms[:0:0]
	for _, m := range ms {
		if m == nil || !m.owned {
			out = append(out, m)
		}
	}
	return out
}

// notSponsors drops the mentions that name the sponsor of something in a
// hyphenated modifier ("a US-led track", "an Iran-backed militia", "a
// Qatar-brokered truce"): the sponsor is not what an act is aimed at. An
// owner stays ("a British-owned cargo ship": the ship is Britain's).
func notSponsors(t *tree, ms []*Mention) []*Mention {
	out := ms[:0:0]
	for _, m := range ms {
		if m != nil && t.sponsorAfter(m.End) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// sponsorAfter reports whether the name ending before token end is the
// sponsor in a hyphenated modifier: "-" and a sponsorParticiples word.
func (t *tree) sponsorAfter(end int) bool {
	return end > 0 && end+1 < len(t.toks) && t.toks[end].Text == "-" && sponsorParticiples[strings.ToLower(t.toks[end+1].Text)]
}

// sponsorParticiples make a hyphenated modifier name a sponsor.
var sponsorParticiples = map[string]bool{"led": true, "backed": true, "brokered": true, "run": true, "funded": true,
	"sponsored": true, "supported": true, "mediated": true, "linked": true, "allied": true, "aligned": true,
	"inspired": true, "financed": true, "controlled": true}

// closedClass are the tags of words that never head an event, whatever
// verb or noun they are spelt like: "back", "up" and "down" as adverbs or
// particles, "like" as a preposition, "will" as an auxiliary is AUX and
// stays (PETRARCH patterns name some).
var closedClass = map[string]bool{"ADV": true, "ADP": true, "DET": true, "PRON": true, "CCONJ": true, "SCONJ": true,
	"PART": true, "NUM": true, "PUNCT": true, "SYM": true, "INTJ": true}
