package coder

import (
	"strings"

	"github.com/dyad-events/dyad/dictionary"
)

// binding is the outcome of matching one pattern against one frame: the
// nominal heads standing for source and target, and the slots that matched.
type binding struct {
	pat  *dictionary.Pattern
	pred int   // the predicate token
	src  []int // source nominal heads
	// tgt holds candidate groups of target heads in order of preference: the
	// first group with a resolvable actor is the target (a group is one
	// argument with its conjuncts).
	tgt     [][]int
	xcomp   int // the complement consumed by an xcomp slot, or -1
	objNoun int // the object consumed by an obj slot, or -1
	// detail counts extra words matched by phrase slots ("joint exercise"
	// beats "exercise" when both patterns match).
	detail int
	// mutual reports that the sources, a PETRARCH "%" compound with no
	// target, act on each other.
	mutual bool
	// bareSrc and bareTgt take only the country or actor part of a
	// composite source or target (see lexMatch).
	bareSrc, bareTgt bool
}

func inList(w string, list []string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}

// phraseMatch reports whether the nominal headed by h matches one of the
// lemma phrases in list ("humanitarian aid": head "aid" with a modifier
// "humanitarian").
func (t *tree) phraseMatch(h int, list []string) bool {
	return t.phraseWords(h, list) > 0
}

// quantityHeads are nouns that measure what follows them: "40 tons of aid",
// "$1 billion in assistance", "a shipment of weapons".
var quantityHeads = map[string]bool{"ton": true, "tonne": true, "million": true, "billion": true, "trillion": true,
	"$": true, "dozen": true, "hundred": true, "thousand": true, "number": true, "amount": true, "batch": true,
	"shipment": true, "consignment": true, "package": true, "worth": true, "kind": true, "type": true, "set": true,
	"round": true, "lot": true, "supply": true, "convoy": true, "plane": true, "planeload": true, "truck": true,
	"truckload": true, "load": true, "cargo": true, "barrel": true, "dose": true, "unit": true, "piece": true}

// counted returns the noun a count of people counts ("tens of thousands
// of students" → students; see countHeads), or h itself.
func (t *tree) counted(h int) int {
	for steps := 0; steps < 3 && (countHeads[t.lemma(h)] || countHeads[t.lower(h)]); steps++ {
		next := -1
		for _, k := range t.kids[h] {
			if k > h && t.rel(k) == "nmod" && t.caseWord(k) == "of" {
				next = k
				break
			}
		}
		if next < 0 {
			break
		}
		h = next
	}
	return h
}

// objectWords returns the signature of the words matchVerb compares an
// object slot's phrases with (phraseWords): the lemma and text of each
// object, of the of/in modifiers of a quantity head, and of a passive's
// subjects.
func (t *tree) objectWords(f *frame) wordSig {
	var s wordSig
	add := func(h int) {
		s.add(t.lemma(h))
		s.add(t.lower(h))
		if quantityHeads[t.lemma(h)] {
			for _, k := range t.kids[h] {
				if t.rel(k) == "nmod" && (t.caseWord(k) == "of" || t.caseWord(k) == "in") {
					s.add(t.lemma(k))
					s.add(t.lower(k))
				}
			}
		}
	}
	for _, o := range f.obj {
		add(o)
	}
	if f.passive {
		for _, x := range f.subj {
			add(x)
		}
	}
	return s
}

// phraseWords is phraseMatch returning how many words of the best matching
// phrase matched (0 for no match), so longer phrases can win ties. Through
// a quantity head ("40 tons of aid") it matches what is measured.
func (t *tree) phraseWords(h int, list []string) int {
	n := t.phraseWordsAt(h, list)
	if n == 0 && quantityHeads[t.lemma(h)] {
		for _, k := range t.kids[h] {
			if t.rel(k) == "nmod" && (t.caseWord(k) == "of" || t.caseWord(k) == "in") {
				if m := t.phraseWordsAt(k, list); m > n {
					n = m
				}
			}
		}
	}
	return n
}

// endsWithWord reports whether the phrase p (words separated by single
// spaces, as dictionary lists hold them) ends with the word w.
func endsWithWord(p, w string) bool {
	return w != "" && strings.HasSuffix(p, w) && (len(p) == len(w) || p[len(p)-len(w)-1] == ' ')
}

func (t *tree) phraseWordsAt(h int, list []string) int {
	best := 0
	lem := t.lemma(h)
	form := t.lower(h)
	for _, p := range list {
		// Check the last word before splitting: most entries are one
		// word, and most do not match.
		if !endsWithWord(p, lem) && !endsWithWord(p, form) {
			continue
		}
		words := strings.Fields(p)
		ok := true
		for _, w := range words[:len(words)-1] {
			found := false
			for _, k := range t.kids[h] {
				if t.lemma(k) == w || t.lower(k) == w {
					found = true
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if ok && len(words) > best {
			best = len(words)
		}
	}
	return best
}

// findPrep finds the nominal for a prepositional slot: an oblique (or object
// nmod) introduced by the preposition; multiword prepositions are matched
// either as one fixed expression ("according_to") or as a chain ("in favor
// of": obl "favor" with case "in", then its nmod with case "of").
func (t *tree) findPrep(f *frame, slot dictionary.PrepSlot) []int {
	joined := strings.Join(slot.Prep, "_")
	var out []int
	for _, o := range f.obls {
		if o.nested {
			continue
		}
		if o.prep == joined && (len(slot.Words) == 0 || t.phraseMatch(o.head, slot.Words)) {
			out = append(out, o.head)
		}
	}
	if len(out) > 0 || len(slot.Prep) < 3 {
		return out
	}
	first, last := slot.Prep[0], slot.Prep[len(slot.Prep)-1]
	mid := strings.Join(slot.Prep[1:len(slot.Prep)-1], " ")
	for _, o := range f.obls {
		if o.prep != first || t.lemma(o.head) != mid && strings.ToLower(t.toks[o.head].Text) != mid {
			continue
		}
		for _, k := range t.kids[o.head] {
			if t.rel(k) == "nmod" && t.caseWord(k) == last && (len(slot.Words) == 0 || t.phraseMatch(k, slot.Words)) {
				out = append(out, t.conjuncts(k)...)
			}
		}
	}
	return out
}

// prepSlots matches the prepositional slots of p: every slot must find its
// nominal; those marked $ give the target, those marked + the source.
func (t *tree) prepSlots(f *frame, p *dictionary.Pattern) (target, source []int, ok bool) {
	for _, s := range p.Preps {
		heads := t.findPrep(f, s)
		if len(heads) == 0 {
			return nil, nil, false
		}
		if s.Target {
			target = append(target, heads...)
		}
		if s.Source {
			source = append(source, heads...)
		}
	}
	return target, source, true
}

// modifierHas reports whether a modifier word of nominal h (compound,
// adjective, number, flat name part) has one of the lemmas in list.
func (t *tree) modifierHas(h int, list []string) bool {
	for _, k := range t.kids[h] {
		switch t.rel(k) {
		case "compound", "amod", "nummod", "flat", "nmod":
			l, f := t.lemma(k), strings.ToLower(t.toks[k].Text)
			for _, w := range list {
				if w == l || w == f {
					return true
				}
			}
		}
	}
	return false
}

// modifiers returns the compound, adjectival and possessive modifiers of
// nominal h ("a Taliban delegation", "Afghan assets", "Kabul's request").
func (t *tree) modifiers(h int) []int {
	var out []int
	for _, k := range t.kids[h] {
		switch t.fullRel(k) {
		case "compound", "amod", "nmod:poss":
			out = append(out, t.conjuncts(k)...)
		}
	}
	return out
}

// complementObject reports whether complement verb x has a direct object
// whose phrase ends with one of words ("threatened to use nuclear
// weapons": xobj=&WMD).
func (t *tree) complementObject(x int, words []string) bool {
	for _, o := range t.childrenRel(x, "obj") {
		for _, c := range t.conjuncts(o) {
			if t.phraseWords(c, words) > 0 {
				return true
			}
		}
	}
	return false
}

// matchVerb tries pattern p against frame f.
func (c *Coder) matchVerb(t *tree, f *frame, p *dictionary.Pattern) (binding, bool) {
	b := binding{pat: p, pred: f.pred, xcomp: -1, objNoun: -1}
	if f.negated != p.Neg || (p.Neg && !f.volitional && !t.petrarch) {
		// A neg pattern codes a refusal, "would not resign", not the fact
		// that something did not happen ("did not attend", "have not
		// met"), which codes nothing.
		return b, false
	}
	if len(p.Subj) > 0 {
		ok := false
		for _, s := range f.subj {
			if t.phraseMatch(s, p.Subj) || (!t.petrarch && t.phraseMatch(t.counted(s), p.Subj)) {
				ok = true
			}
		}
		if !ok {
			return b, false
		}
	}
	if len(p.Obj) > 0 {
		ok := false
		for _, o := range f.obj {
			if n := t.phraseWords(o, p.Obj); n > 0 {
				ok, b.objNoun, b.detail = true, o, b.detail+n-1
				break
			}
			// PETRARCH's "* ARTILLERY" matches the word anywhere in the
			// object phrase ("fired two artillery shells").
			if p.Origin != "" && t.modifierHas(o, p.Obj) {
				ok, b.objNoun = true, o
				break
			}
		}
		if !ok && f.passive {
			// "Sanctions were imposed on Russia": the passive subject is the
			// logical object.
			for _, s := range f.subj {
				if n := t.phraseWords(s, p.Obj); n > 0 {
					ok, b.objNoun, b.detail = true, s, b.detail+n-1
					break
				}
			}
		}
		if !ok {
			return b, false
		}
	}
	if len(p.Prt) > 0 {
		ok := false
		for _, w := range f.prt {
			if inList(w, p.Prt) {
				ok = true
			}
		}
		if !ok {
			return b, false
		}
	}
	if len(p.XComp) > 0 {
		ok := false
		for _, x := range f.xcomp {
			if inList(t.lemma(x), p.XComp) && (len(p.XObj) == 0 || t.complementObject(x, p.XObj)) {
				ok, b.xcomp = true, x
				break
			}
		}
		if !ok {
			return b, false
		}
	}
	prepTarget, prepSource, ok := t.prepSlots(f, p)
	if !ok {
		return b, false
	}
	// Logical subject and object: a passive's by-agent is the source and its
	// subject the object ("Ukraine was attacked by Russia").
	subj, obj := f.subj, f.obj
	if f.passive {
		subj = f.agent
		if b.objNoun < 0 || !inInts(f.subj, b.objNoun) {
			obj = append(append([]int(nil), f.subj...), f.obj...)
		}
	}
	b.src = subj
	if len(prepSource) > 0 {
		b.src = prepSource
	}
	// A target slot only matches an actor: "strike obj=$" must not fire on
	// "struck a deal".
	if (p.ObjTarget && !c.anyActor(t, obj)) || (p.IObjTarget && !c.anyActor(t, f.iobj)) || (len(prepTarget) > 0 && !c.anyActor(t, prepTarget)) {
		return b, false
	}
	switch {
	case len(prepTarget) > 0:
		b.tgt = [][]int{prepTarget}
	case p.ObjTarget:
		b.tgt = [][]int{obj}
	case p.IObjTarget:
		b.tgt = [][]int{f.iobj}
	case len(prepSource) > 0:
		// "received a call from Y": Y is the source, the subject the target.
		b.tgt = [][]int{subj}
	case p.ModTarget:
		var mods []int
		if b.objNoun >= 0 {
			mods = t.modifiers(b.objNoun)
		} else {
			for _, o := range obj {
				mods = append(mods, t.modifiers(o)...)
			}
		}
		if !c.anyActor(t, mods) {
			return b, false
		}
		b.tgt = [][]int{mods}
	default:
		b.tgt = c.defaultTarget(t, f, obj, b.objNoun, rootOf(p.Code), false)
		if clauseTargetRoots[rootOf(p.Code)] {
			// "demanded that Saudi Arabia explain …": the subject of the
			// demanded, urged or threatened clause is the target.
			for _, x := range f.xcomp {
				if t.rel(x) == "ccomp" {
					if s := t.childrenRel(x, "nsubj", "nsubj:pass"); len(s) > 0 {
						b.tgt = append(b.tgt, t.conjuncts(s[0]))
					}
				}
			}
		}
		if b.xcomp >= 0 {
			// "agreed to cooperate with Russia": the complement's arguments.
			xf := t.frameOf(b.xcomp)
			b.tgt = append(b.tgt, c.defaultTarget(t, &xf, xf.obj, -1, rootOf(p.Code), true)...)
		}
	}
	return b, true
}

// anyActor reports whether one of the nominals resolves to an actor.
func (c *Coder) anyActor(t *tree, heads []int) bool {
	if t.mentions == nil {
		return len(heads) > 0
	}
	for _, h := range heads {
		if m := c.actorFor(t, t.mentions, h, t.story); m != nil && (m.Code != "" || c.unknownActorsCode()) {
			return true
		}
	}
	return false
}

// temporalPreps introduce times, never participants; topicPreps on an
// object name its subject matter.
var (
	temporalPreps = map[string]bool{"since": true, "after": true, "before": true, "during": true, "until": true, "amid": true, "despite": true, "following": true, "throughout": true}
	topicPreps    = map[string]bool{"on": true, "about": true, "over": true, "regarding": true, "concerning": true}
	// nonTargetPreps frame a clause rather than name whom an act is aimed
	// at: "as for Beijing's interests", "like China", "according to Kabul";
	// "as" gives a predicate ("condemned the strike as a violation of …").
	nonTargetPreps = map[string]bool{"as": true, "as_for": true, "as_to": true, "like": true, "unlike": true, "according_to": true,
		"regarding": true, "concerning": true, "despite": true, "besides": true, "except": true, "including": true, "instead_of": true}
)

// clauseTargetRoots are the CAMEO roots whose target may be the subject of
// a that-clause: appeals (02), demands (10) and threats (13).
var clauseTargetRoots = map[string]bool{"02": true, "10": true, "13": true}

func rootOf(code string) string {
	if len(code) < 2 {
		return code
	}
	return code[:2]
}

// locativePreps introduce places rather than participants.
var locativePreps = map[string]bool{"in": true, "at": true, "near": true, "inside": true, "outside": true, "during": true, "throughout": true, "across": true, "around": true}

// isPlaceName reports whether nominal h is a city name used as a place:
// a capital (which elsewhere stands for its government) after a locative
// preposition, or a place named after one ("outside Kabul airport").
func (c *Coder) isPlaceName(t *tree, h int) bool {
	if t.mentions == nil {
		return false
	}
	m := t.mentions.at(h)
	if m == nil && c.dict.Petrarch == nil {
		// "outside Kabul airport": a place in the capital.
		for _, k := range t.kids[h] {
			if km := t.mentions.at(k); km != nil && km.Kind == "capital" && t.rel(k) == "compound" {
				return true
			}
		}
	}
	return m != nil && m.Kind == "capital"
}

// nounTargetPrep reports whether the preposition of phrase o names the
// target of the noun it hangs on, by that noun's own event-noun patterns
// ("sanctions on Russia": n:sanction on=$; "a march on Islamabad"), so that
// it is no mere topic ("a conference on Afghanistan").
func (c *Coder) nounTargetPrep(t *tree, o oblique) bool {
	if c.dict.Petrarch != nil {
		return false
	}
	a := t.head[o.group]
	if a < 0 || !t.isNominal(a) {
		return false
	}
	for _, p := range c.dict.NounPatternsFor(t.lemma(a)) {
		for _, s := range p.Preps {
			if s.Target && len(s.Words) == 0 && strings.Join(s.Prep, "_") == o.prep {
				return true
			}
		}
	}
	return false
}

// roleObject reports whether phrase o hangs on a role noun ("the
// ambassadors of …"): it says whose the role is, not whom the act is for.
func (c *Coder) roleObject(t *tree, o oblique) bool {
	a := t.head[o.group]
	if a < 0 || t.mentions == nil {
		return false
	}
	m := t.mentions.at(a)
	return m != nil && m.agent != nil
}

// framedBelow reports whether token k lies, below clause head top, in a
// phrase of time or framing ("after repeated attacks by Yemen's Houthis",
// "as part of India").
func (t *tree) framedBelow(k, top int) bool {
	for n, steps := k, 0; n >= 0 && n != top && steps <= len(t.toks); n, steps = t.head[n], steps+1 {
		switch t.rel(n) {
		case "obl", "nmod", "advcl":
			w := t.caseWord(n)
			if t.rel(n) == "advcl" {
				w = t.markWord(n)
			}
			if temporalPreps[w] || nonTargetPreps[w] {
				return true
			}
		}
	}
	return false
}

// eventVenue reports whether locative phrase o names where an act named
// by a noun takes place ("a ceasefire in Gaza", "talks in Istanbul"): a
// country or territory in a phrase on a noun that has event-noun patterns.
// On other nouns the place stands for whom the thing belongs to ("the
// humanitarian situation in Afghanistan", "strikes on nine sites in
// Pakistan").
func (c *Coder) eventVenue(t *tree, o oblique) bool {
	a := t.head[o.group]
	if a < 0 || !t.isNominal(a) || len(c.dict.NounPatternsFor(t.lemma(a))) == 0 || t.mentions == nil {
		return false
	}
	m := t.mentions.at(o.head)
	if m == nil {
		return false
	}
	switch m.Kind {
	case "country", "capital":
		return true
	case "actor":
		cc, _ := c.dict.SplitCode(m.Code)
		return cc != "" && cc == m.Code
	}
	return false
}

func inInts(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// nounFrame builds a pseudo-frame for an event noun ("Russia's invasion of
// Ukraine", "the Russian invasion", "an attack on the base by militants",
// "launched an offensive against …"): the possessor, adjective or by-phrase
// is the subject; prepositional modifiers are obliques.
func (t *tree) nounFrame(n int) frame {
	f := frame{pred: n, reporter: -1, governor: -1, modality: "asserted"}
	for _, k := range t.kids[n] {
		switch {
		case t.fullRel(k) == "nmod:poss":
			f.subj = append(f.subj, t.conjuncts(k)...)
		case t.rel(k) == "amod" || t.rel(k) == "compound":
			f.subj = append(f.subj, k)
		case t.rel(k) == "nmod" || t.rel(k) == "obl":
			prep := t.caseWord(k)
			if prep == "by" {
				f.agent = append(f.agent, t.conjuncts(k)...)
				continue
			}
			for _, cj := range t.conjuncts(k) {
				f.obls = append(f.obls, oblique{prep: prep, head: cj})
			}
		case t.rel(k) == "det" && negators[t.lemma(k)]:
			f.negated = true
		}
		if (t.rel(k) == "amod" || t.rel(k) == "compound") && !t.petrarch && unrealModifiers[t.lemma(k)] {
			f.modality = "hypothetical" // "Pelosi's planned visit"
		}
	}
	if len(f.agent) > 0 {
		f.subj = f.agent
		f.agent = nil
	}
	// A noun that is the object of a light verb takes that verb's subject
	// ("Russia launched an invasion of Ukraine"); other verbs say something
	// about the act, not that their subject did it ("X condemned the
	// attack on Y", "lifted sanctions", "claimed the attack").
	if len(f.subj) == 0 && t.head[n] >= 0 && (t.rel(n) == "obj" || t.rel(n) == "nsubj") {
		hf := t.frameOf(t.head[n])
		if t.rel(n) == "obj" && (t.petrarch || lightVerbs[t.lemma(t.head[n])]) {
			f.subj = hf.subj
		}
		f.negated = f.negated || hf.negated
		if f.modality == "asserted" {
			f.modality = hf.modality
		}
		f.reporter = hf.reporter
	}
	return f
}

// unrealModifiers say an act named by a noun has not (yet) happened: "a
// planned visit", "the proposed talks", "a possible attack".
var unrealModifiers = map[string]bool{"planned": true, "plan": true, "proposed": true, "propose": true, "possible": true,
	"potential": true, "upcoming": true, "forthcoming": true, "prospective": true, "future": true, "expected": true,
	"hypothetical": true, "threatened": true, "threaten": true, "mooted": true, "rumoured": true, "rumored": true}

// lightVerbs are verbs that say their subject performs the act their
// object names: "launched an attack", "carried out strikes", "imposed
// sanctions", "held talks", "signed a deal", "paid a visit".
var lightVerbs = map[string]bool{"launch": true, "carry": true, "conduct": true, "stage": true, "mount": true,
	"wage": true, "unleash": true, "begin": true, "start": true, "continue": true, "resume": true, "step": true,
	"intensify": true, "escalate": true, "expand": true, "commit": true, "perpetrate": true, "make": true,
	"pay": true, "hold": true, "sign": true, "conclude": true, "reach": true, "seal": true, "strike": true,
	"impose": true, "slap": true, "levy": true, "declare": true, "announce": true, "order": true, "extend": true,
	"renew": true, "tighten": true, "broaden": true, "deliver": true, "provide": true, "give": true,
	"grant": true, "send": true, "offer": true, "pledge": true, "undertake": true, "execute": true,
	"perform": true, "orchestrate": true, "lead": true, "organise": true, "organize": true, "host": true,
	"initiate": true, "open": true, "file": true, "bring": true, "issue": true, "enforce": true}

// matchNoun tries an event-noun pattern: source from the possessor,
// adjective or by-phrase; target from the pattern's slots or the first
// prepositional modifier.
func (c *Coder) matchNoun(t *tree, f *frame, p *dictionary.Pattern) (binding, bool) {
	b := binding{pat: p, pred: f.pred, xcomp: -1, objNoun: -1}
	if f.negated != p.Neg || (p.Neg && !f.volitional && !t.petrarch) {
		// A neg pattern codes a refusal, "would not resign", not the fact
		// that something did not happen ("did not attend", "have not
		// met"), which codes nothing.
		return b, false
	}
	prepTarget, prepSource, ok := t.prepSlots(f, p)
	if !ok {
		return b, false
	}
	b.src = f.subj
	if len(prepSource) > 0 {
		b.src = prepSource
	}
	if len(prepTarget) > 0 {
		if !c.anyActor(t, prepTarget) {
			return b, false
		}
		b.tgt = [][]int{prepTarget}
		return b, true
	}
	for _, o := range f.obls {
		switch o.prep {
		case "of", "on", "against", "to", "with", "into", "in", "at", "toward", "towards":
			b.tgt = append(b.tgt, []int{o.head})
		}
	}
	return b, true
}
