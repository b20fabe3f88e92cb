package coder

import (
	"strings"

	"github.com/dyad-events/dyad"
)

// oblique is a nominal introduced by a preposition around a predicate:
// "with Gondor", "in favor of the resolution", "on Russia".
type oblique struct {
	prep string // lowercased, multiword joined by "_"; "" for bare obl (tmod, npmod)
	head int    // nominal head token
	// onObj reports that it hangs off the direct object (nmod) rather than the verb.
	onObj bool
	// group is the first conjunct: "with China and Russia" gives two
	// obliques of one group.
	group int
	// clause marks a gerund clause ("of staging …"), never an actor.
	clause bool
	// nested marks a modifier of another oblique ("by phone with Xi"): a
	// candidate default target, but never a pattern's prepositional slot.
	nested bool
	// via is the preposition of the phrase a nested modifier hangs on
	// ("over" for "of Russia" in "sanctions over its purchase of Russian
	// missiles"), "" for a phrase on the verb or its object.
	via string
}

// frame is the argument structure of one predicate in a dependency tree,
// after following control, coordination and relative clauses.
type frame struct {
	pred     int   // the predicate token
	subj     []int // subject heads (already conj-expanded)
	passive  bool
	agent    []int // by-agent of a passive
	obj      []int // direct object heads (conj-expanded)
	iobj     []int
	obls     []oblique
	prt      []string // particles
	xcomp    []int    // open/clausal complement predicates
	negated  bool
	modality string // asserted, intended, hypothetical
	reporter int    // the speech verb when the predicate is reported speech, else -1
	// controlled reports that the predicate is an xcomp whose subject came
	// from its governor ("agreed to cooperate"); governor is that verb.
	governor int
	// like holds actors said to act as the subject does ("like China,
	// denounced …"): more sources of the same act.
	like []int
	// would reports that the hypothetical modality came from "would".
	would bool
	// reduced marks a reduced passive relative ("prisoners released by
	// Israel"): its target is the noun it modifies, not a phrase the
	// parser may have hung on the participle.
	reduced bool
	// conditional reports a modality set by a condition or a time clause
	// still to come ("if", "before it ratifies"), which a refusal does not
	// lift.
	conditional bool
	// volitional reports a "will" or "would" auxiliary on the predicate:
	// negated, it states a refusal ("would not resign", "won't attend"),
	// where "did not attend" or "have not met" states a fact.
	volitional bool
}

var (
	negators     = map[string]bool{"not": true, "n't": true, "never": true, "no": true, "neither": true, "nor": true}
	futureAux    = map[string]bool{"will": true, "shall": true, "'ll": true, "wo": true}
	hypoAux      = map[string]bool{"would": true, "could": true, "might": true, "may": true, "should": true, "'d": true}
	intentVerbs  = map[string]bool{"plan": true, "intend": true, "want": true, "hope": true, "seek": true, "aim": true, "expect": true, "prepare": true, "wish": true, "propose": true, "vow": true, "pledge": true, "promise": true, "offer": true, "agree": true, "try": true, "attempt": true, "be": true}
	speechVerbs  = map[string]bool{"say": true, "tell": true, "state": true, "announce": true, "report": true, "claim": true, "add": true, "note": true, "insist": true, "allege": true, "confirm": true, "declare": true, "assert": true, "explain": true, "write": true, "tweet": true, "warn": true, "argue": true, "acknowledge": true, "admit": true, "stress": true, "emphasize": true, "emphasise": true, "reiterate": true, "suggest": true, "believe": true, "think": true, "accuse": true}
	relPronouns  = map[string]bool{"that": true, "which": true, "who": true, "whom": true, "whose": true}
	subjectRels  = []string{"nsubj", "csubj"}
	verbLikeUPOS = map[string]bool{"VERB": true, "AUX": true, "NOUN": true, "ADJ": true, "PROPN": true}
)

// frameOf builds the frame of predicate p.
func (t *tree) frameOf(p int) frame {
	f := frame{pred: p, reporter: -1, governor: -1, modality: "asserted"}
	for _, k := range t.kids[p] {
		switch t.fullRel(k) {
		case "nsubj:pass", "csubj:pass":
			f.passive = true
			f.subj = append(f.subj, t.conjuncts(k)...)
		case "aux:pass":
			f.passive = true
		case "obl:agent":
			f.agent = append(f.agent, t.conjuncts(k)...)
		case "compound:prt":
			f.prt = append(f.prt, t.lemma(k))
		}
		switch t.rel(k) {
		case "nsubj", "csubj":
			if t.fullRel(k) == "nsubj" || t.fullRel(k) == "csubj" || t.fullRel(k) == "nsubj:outer" {
				if !t.petrarch && t.caseWord(k) == "like" {
					// "Moscow … and, like China, denounced …": a second
					// actor doing the same, not the subject.
					f.like = append(f.like, t.conjuncts(k)...)
					continue
				}
				if t.petrarch && len(f.subj) > 0 && !f.passive && !t.listedAfter(f.subj[len(f.subj)-1], k) {
					// Two subjects of one verb, not listed with "and" or a
					// comma, are a parser error ("Gollum centre of a row
					// between Radagast the Brown called"): PETRARCH takes
					// the first actor before the verb.
					continue
				}
				f.subj = append(f.subj, t.conjuncts(k)...)
			}
		case "obj":
			f.obj = append(f.obj, t.conjuncts(k)...)
		case "iobj":
			f.iobj = append(f.iobj, t.conjuncts(k)...)
		case "obl":
			if t.fullRel(k) == "obl:agent" {
				continue
			}
			prep := t.caseWord(k)
			if f.passive && prep == "by" {
				f.agent = append(f.agent, t.conjuncts(k)...)
				continue
			}
			if prep == "like" && !t.petrarch && k < p {
				f.like = append(f.like, t.conjuncts(k)...)
				continue
			}
			for _, c := range t.conjuncts(k) {
				f.obls = append(f.obls, oblique{prep: prep, head: c, group: k})
			}
		case "xcomp", "ccomp":
			f.xcomp = append(f.xcomp, k)
		case "advcl":
			// "accused Ukraine of staging the killings": a gerund clause
			// introduced by a preposition acts as both a complement and an
			// oblique ("of staging"). An infinitive ("urged X to lift")
			// that the parser attached as advcl acts as a complement.
			if m := t.markWord(k); m == "to" {
				f.xcomp = append(f.xcomp, k)
			} else if m != "" && gerundMarks[m] {
				f.xcomp = append(f.xcomp, k)
				f.obls = append(f.obls, oblique{prep: m, head: k, group: k, clause: true})
			}
		case "advmod", "det", "aux", "cc":
			if negators[strings.ToLower(t.toks[k].Text)] || negators[t.lemma(k)] {
				if t.rel(k) != "cc" || t.lemma(k) == "neither" {
					f.negated = true
				}
			}
			if t.rel(k) == "aux" {
				l := strings.ToLower(t.toks[k].Text)
				if futureAux[l] || futureAux[t.lemma(k)] || l == "would" || l == "'d" {
					f.volitional = true
				}
				switch {
				case futureAux[l] || futureAux[t.lemma(k)]:
					f.modality = "intended"
				case hypoAux[l]:
					if f.modality == "asserted" {
						f.modality = dyad.ModalityHypothetical
						f.would = l == "would" || l == "'d"
					}
				}
			}
		}
	}
	// A passive with a "by" agent: the agent is the source, the subject the target.
	// Objects' prepositional modifiers ("sanctions on Russia") count as obliques.
	if len(f.obj) == 0 && len(f.iobj) > 0 {
		// A lone indirect object is the parser's mistake for an object
		// ("urged the United States to lift …").
		f.obj, f.iobj = f.iobj, nil
	}
	t.objectClauses(&f)
	if len(f.obj) == 0 && !t.petrarch {
		f.obj = t.sharedObject(p)
	}
	// Prepositional modifiers of the object and of obliques, two levels
	// deep, count as obliques too: "sanctions on Russia", "40 tons of aid
	// from Uzbekistan", "by phone with Xi".
	var addNmods func(h, depth int, onObj, nested bool, via string)
	addNmods = func(h, depth int, onObj, nested bool, via string) {
		for _, k := range t.kids[h] {
			if t.rel(k) != "nmod" || t.fullRel(k) == "nmod:poss" {
				continue
			}
			prep := t.caseWord(k)
			if prep != "" {
				for _, c := range t.conjuncts(k) {
					f.obls = append(f.obls, oblique{prep: prep, head: c, onObj: onObj, group: k, nested: nested, via: via})
				}
			}
			if depth > 1 {
				addNmods(k, depth-1, onObj, nested, prep)
			}
		}
	}
	for _, o := range f.obj {
		addNmods(o, 2, true, false, "")
	}
	for _, o := range append([]oblique(nil), f.obls...) {
		if !o.onObj && !o.clause {
			addNmods(o.head, 1, false, true, o.prep)
		}
	}
	if t.passiveByOnly && f.passive && len(f.agent) == 0 && len(f.subj) > 0 {
		// PETRARCH reads a verb as passive only when a by-phrase follows
		// it (check_passive): "The Philippines was criticized over its
		// dispute with Eriador" has the Philippines as its source.
		f.passive = false
	}
	if !t.petrarch && !f.passive && len(f.agent) > 0 && len(f.subj) == 0 && t.fullRel(p) == "acl" && t.toks[p].XPOS == "VBN" && t.head[p] >= 0 {
		// "prisoners released by Israel", "drones supplied by Iran": a
		// reduced passive relative, whose noun is what was done to and
		// names the target; an "alleged" or "suspected" noun is not
		// asserted ("alleged war crimes committed by Russian forces").
		n := t.head[p]
		f.passive, f.subj, f.reduced = true, t.conjuncts(n), true
		for _, k := range t.kids[n] {
			if r := t.rel(k); (r == "amod" || r == "compound") && (allegedModifiers[t.lemma(k)] || unrealModifiers[t.lemma(k)]) {
				f.modality = dyad.ModalityHypothetical
			}
		}
	}
	if !t.petrarch && f.passive && len(f.agent) == 0 && deployVerbs[t.lemma(p)] && t.mentions != nil {
		// "Spanish and British rescue teams were dispatched to Morocco":
		// whoever's teams they are sent them.
		for _, s := range f.subj {
			for _, k := range t.kids[s] {
				switch t.fullRel(k) {
				case "amod", "compound", "nmod:poss":
					for _, cj := range t.conjuncts(k) {
						if m := t.mentions.at(cj); m != nil && m.Code != "" {
							f.agent = append(f.agent, cj)
						}
					}
				}
			}
		}
	}
	if !t.petrarch && f.passive && len(f.agent) == 0 && len(f.subj) > 0 && stativePassives[t.lemma(p)] && len(t.childrenRel(p, "xcomp")) > 0 {
		// "Hamas was prepared to release the hostages": a state of the
		// subject ("ready to"), not something done to it.
		f.passive = false
	}
	t.inheritSubject(&f)
	if len(f.subj) == 0 && len(f.agent) == 0 && !f.passive {
		f.subj = t.recoverSubject(p)
	}
	t.inheritContext(&f)
	return f
}

// sharedObject returns the object that verb p shares with the verb
// coordinated after it ("Russian forces shelled and then occupied the
// plant"): when p has no object of its own and the next conjunct, without
// a subject of its own, has one.
func (t *tree) sharedObject(p int) []int {
	if t.toks[p].UPOS != "VERB" {
		return nil
	}
	for _, k := range t.kids[p] {
		if k < p || t.rel(k) != "conj" || t.toks[k].UPOS != "VERB" {
			continue
		}
		if len(t.childrenRel(k, "nsubj", "nsubj:pass", "csubj")) > 0 {
			return nil
		}
		if objs := t.childrenRel(k, "obj"); len(objs) > 0 {
			return t.conjuncts(objs[0])
		}
		return nil
	}
	return nil
}

// objectClauses adds to f the complements the parser hung on the object
// instead of the verb: an infinitive ("ordered the French ambassador to
// leave") or a clause introduced by a preposition ("accused the US of
// spying"), attached to the object as a non-relative clause (acl). They
// complete the verb's meaning as its own complements do.
func (t *tree) objectClauses(f *frame) {
	for _, o := range f.obj {
		for _, k := range t.kids[o] {
			if t.fullRel(k) != "acl" || k < o {
				continue
			}
			switch m := t.markWord(k); {
			case m == "to":
				f.xcomp = append(f.xcomp, k)
			case m != "" && gerundMarks[m] && t.toks[k].XPOS == "VBG":
				f.xcomp = append(f.xcomp, k)
				f.obls = append(f.obls, oblique{prep: m, head: k, group: k, clause: true})
			}
		}
	}
}

// listedAfter reports whether a comma or a coordinating conjunction stands
// between the phrase of a and the phrase of b (b after a): "Evil Mordor, the
// awful Fornost, and good Gondor" with its conjuncts parsed as subjects.
func (t *tree) listedAfter(a, b int) bool {
	_, hi := t.subtreeSpan(a)
	lo, _ := t.subtreeSpan(b)
	if lo <= hi {
		return true // interleaved phrases: keep both
	}
	for i := hi + 1; i <= lo; i++ {
		if t.toks[i].Text == "," || t.toks[i].UPOS == "CCONJ" {
			return true
		}
	}
	return false
}

// recoverSubject finds a subject the parser attached elsewhere ("on March
// 17 China and the US voted", with China taken as part of the date): the
// actor mention right before the predicate, with no verb, comma or other
// clause boundary between them, and its coordinated partners.
func (t *tree) recoverSubject(p int) []int {
	switch t.toks[p].XPOS {
	case "VBD", "VBZ", "VBP": // only finite verbs have a subject to recover
	default:
		return nil
	}
	if t.mentions == nil {
		return nil
	}
	if !t.petrarch {
		// The noun right before the verb is its subject: "after
		// earthquakes in Herat killed 2,000 people" has no actor for one,
		// "as Russian missiles pounded Kyiv" the missiles' country.
		j := p - 1
		for j >= 0 && (t.toks[j].UPOS == "ADV" || t.toks[j].UPOS == "AUX" || t.toks[j].UPOS == "PART") {
			j--
		}
		if j >= 0 && (t.toks[j].UPOS == "NOUN" || t.toks[j].UPOS == "PROPN") && !calendarWords[t.lower(j)] && !timeNouns[t.lemma(j)] {
			if m := t.mentions.at(j); m == nil || m.Code == "" {
				for _, k := range t.kids[j] {
					switch t.fullRel(k) {
					case "amod", "compound", "nmod:poss":
						if km := t.mentions.at(k); km != nil && km.Code != "" {
							return []int{k}
						}
					}
				}
				return nil
			}
		}
	}
	for i := p - 1; i >= 0; i-- {
		tk := &t.toks[i]
		if m := t.mentions.at(i); m != nil && m.Code != "" && tk.UPOS == "VERB" && m.Kind != "agent" {
			// A name the tagger took for a verb ("Pyongyang on Thursday
			// fired …") is still the actor before the predicate.
			return t.conjuncts(m.Head)
		}
		switch {
		case tk.Text == "," || tk.Text == ";" || tk.Text == ":" || tk.UPOS == "VERB" || tk.UPOS == "SCONJ":
			return nil
		case tk.UPOS == "AUX" && t.head[i] != p:
			return nil
		}
		m := t.mentions.at(i)
		if m == nil || m.Code == "" {
			continue
		}
		h := m.Head
		for t.rel(h) == "conj" && t.head[h] >= 0 && t.mentions.at(t.head[h]) != nil {
			h = t.head[h] // to the first conjunct
		}
		if t.ancestorOf(p, h) && (t.rel(h) == "obj" || t.rel(h) == "obl") {
			return nil // already an argument of the predicate
		}
		return t.conjuncts(h)
	}
	return nil
}

// objectControl are verbs whose object is the subject of their infinitive
// complement ("urged the US to lift", "called on Kabul to reopen").
var objectControl = map[string]bool{"urge": true, "ask": true, "call": true, "invite": true, "tell": true, "order": true,
	"force": true, "persuade": true, "encourage": true, "allow": true, "press": true, "request": true, "push": true,
	"pressure": true, "pressurize": true, "pressurise": true, "appeal": true, "help": true, "enable": true, "permit": true,
	"compel": true, "instruct": true, "warn": true, "advise": true, "demand": true, "require": true, "authorize": true,
	"authorise": true, "want": true, "expect": true, "beg": true, "implore": true, "challenge": true, "prompt": true}

// controller returns the nominal that controls the infinitive complement
// of verb h: its object or indirect object, or the object of "on"/"upon"
// ("called on X to …"), or -1 for subject control ("promised to …").
func (t *tree) controller(h int) int {
	if t.lemma(h) == "promise" || t.lemma(h) == "vow" || t.lemma(h) == "pledge" {
		return -1
	}
	if objs := t.childrenRel(h, "obj", "iobj"); len(objs) > 0 {
		return objs[0]
	}
	for _, k := range t.kids[h] {
		if t.rel(k) == "obl" {
			switch t.caseWord(k) {
			case "on", "upon", "to": // "called on X", "appealed to X"
				return k
			}
		}
	}
	return -1
}

// gerundMarks are prepositions that introduce gerund clauses which
// complete a predicate's meaning ("accused X of …", "warned Y against …").
var gerundMarks = map[string]bool{"of": true, "for": true, "against": true, "about": true, "from": true, "into": true, "on": true, "over": true, "in": true, "by": true, "with": true, "to": true}

// markWord returns the lowercased mark (subordinator) of clause k.
func (t *tree) markWord(k int) string {
	for _, c := range t.kids[k] {
		if t.rel(c) == "mark" && c < k {
			return strings.ToLower(t.toks[c].Text)
		}
	}
	return ""
}

// inheritSubject fills the subject of predicates that share it with another:
// coordinated verbs, controlled complements, relative clauses and adverbial
// participles.
func (t *tree) inheritSubject(f *frame) {
	p := f.pred
	for hops := 0; hops < 8; hops++ {
		// Relative clause: "the group that attacked the base" — the relative
		// pronoun stands for the modified noun.
		if t.rel(p) == "acl" && t.fullRel(p) == "acl:relcl" && t.head[p] >= 0 {
			noun := t.head[p]
			for i, s := range f.subj {
				if relPronouns[t.lemma(s)] {
					f.subj[i] = noun
				}
			}
			if len(f.subj) == 0 && len(f.obj) > 0 {
				// "the base that the group attacked": the object is the gap.
				break
			}
			if len(f.subj) == 0 {
				f.subj = t.conjuncts(noun)
			}
			return
		}
		if len(f.subj) > 0 || len(f.agent) > 0 {
			return
		}
		if h := t.head[p]; t.rel(p) == "acl" && h >= 0 && timeNouns[t.lemma(h)] && (temporalPreps[t.markWord(p)] || t.markWord(p) == "to") && !t.petrarch {
			// "restored relations with Beijing two days after severing
			// ties with Taipei", "blocked bridges for 24 hours to protest
			// against corruption": the clause on a span of time shares the
			// subject of the verb the span measures.
			v := t.head[h]
			for steps := 0; v >= 0 && t.toks[v].UPOS != "VERB" && steps < 4; steps++ {
				v = t.head[v]
			}
			if v >= 0 && t.toks[v].UPOS == "VERB" {
				f.subj = t.frameShallow(v).subj
			}
			return
		}
		if t.rel(p) == "acl" && t.fullRel(p) != "acl:relcl" && t.head[p] >= 0 && !f.passive &&
			t.markWord(p) != "to" && (activeForm[t.toks[p].XPOS] || t.toks[p].XPOS == "VBN" && len(f.obj) > 0) {
			// "Calenardhon crowds burned down its embassy" parsed as a noun
			// modified by a clause: the noun of a finite or -ing verb, or of
			// a participle with an object of its own, is its subject (a bare
			// past participle's is its object: "the embassy burned by
			// crowds").
			f.subj = t.conjuncts(t.head[p])
			return
		}
		h := t.head[p]
		if h < 0 {
			return
		}
		switch t.rel(p) {
		case "conj":
			// "X met Y and signed Z": the first conjunct's subject.
			hf := t.frameShallow(h)
			f.subj, f.passive = hf.subj, f.passive || (hf.passive && len(f.obj) == 0)
			if len(f.subj) > 0 {
				return
			}
			p = h
		case "xcomp":
			// Object control ("asked Y to release Z") else subject control
			// ("agreed to cooperate").
			f.governor = h
			if c := t.controller(h); c >= 0 {
				f.subj = t.conjuncts(c)
				return
			}
			hf := t.frameShallow(h)
			f.subj = hf.subj
			if len(f.subj) > 0 {
				return
			}
			p = h
		case "advcl":
			if t.markWord(p) == "to" && objectControl[t.lemma(h)] {
				if c := t.controller(h); c >= 0 {
					f.governor = h
					f.subj = t.conjuncts(c)
					return
				}
			}
			if x := t.toks[p].XPOS; !t.petrarch && p == f.pred && (x == "VBD" || x == "VBZ" || x == "VBP") {
				// "expressed sympathy after earthquakes in Herat killed
				// 2,000 people" parsed with "killed" subjectless: a finite
				// verb has a subject of its own, not the main clause's.
				return
			}
			hf := t.frameShallow(h)
			f.subj = hf.subj
			if len(f.subj) > 0 {
				return
			}
			p = h // "Wang Yi went so far as to receive …": climb on
		case "advmod":
			// An adverb chain between a clause and its verb ("so far as").
			if hf := t.frameShallow(h); len(hf.subj) > 0 {
				f.subj = hf.subj
				return
			}
			p = h
		default:
			return
		}
	}
}

// activeForm are the verb tags whose clause, hung on a noun, has that noun
// as its subject.
var activeForm = map[string]bool{"VBD": true, "VBG": true, "VBZ": true, "VBP": true}

// frameShallow returns the direct subject and passive flag of p, following
// conjunction and control upward like inheritSubject.
func (t *tree) frameShallow(p int) frame {
	f := frame{pred: p, reporter: -1, governor: -1}
	for _, k := range t.kids[p] {
		switch t.fullRel(k) {
		case "nsubj", "csubj", "nsubj:outer":
			f.subj = append(f.subj, t.conjuncts(k)...)
		case "nsubj:pass", "csubj:pass":
			f.passive = true
			f.subj = append(f.subj, t.conjuncts(k)...)
		case "obj":
			f.obj = append(f.obj, k)
		}
	}
	t.inheritSubject(&f)
	return f
}

// allegedModifiers make what a noun names a claim, not a fact.
var allegedModifiers = map[string]bool{"alleged": true, "allege": true, "suspected": true, "suspect": true, "purported": true, "reported": true}

// stativePassives are participles that, with an infinitive, tell the
// subject's own readiness or resolve: "was prepared to", "is determined
// to", "remains committed to".
var stativePassives = map[string]bool{"prepare": true, "determine": true, "commit": true, "resolve": true, "dispose": true, "incline": true}

// timeNouns measure spans of time ("two days after", "hours before").
var timeNouns = map[string]bool{"day": true, "week": true, "month": true, "year": true, "hour": true, "minute": true, "moment": true}

// conditionalMarks introduce conditions: what they say has not happened.
var conditionalMarks = map[string]bool{"if": true, "unless": true, "whether": true}

// pastClause reports whether the clause of verb h is in the past tense:
// the first finite verb from h up ("demanded that Sweden extradite …":
// "extradite" is no finite verb, "demanded" is past), or the sentence's
// root when the parser hung the clause on no verb.
func (t *tree) pastClause(h int) bool {
	for steps := 0; h >= 0 && steps < 6; steps++ {
		switch t.toks[h].XPOS {
		case "VBD":
			return true
		case "VBZ", "VBP", "MD":
			return false
		}
		h = t.head[h]
	}
	for i, hd := range t.head {
		if hd < 0 {
			return t.toks[i].XPOS == "VBD"
		}
	}
	return false
}

// pendingMarks introduce a time clause that, in the present tense under a
// past-tense sentence, tells of something still to come; presentTags are
// the present-tense tags.
var (
	pendingMarks = map[string]bool{"before": true, "until": true, "till": true, "once": true}
	presentTags  = map[string]bool{"VBZ": true, "VBP": true}
)

// inheritContext sets negation and modality inherited from governing
// predicates ("did not agree to cooperate", "plans to meet") and finds the
// speech verb of reported speech ("X said Y attacked Z").
func (t *tree) inheritContext(f *frame) {
	p := f.pred
	for hops := 0; hops < 8; hops++ {
		h := t.head[p]
		if h < 0 {
			return
		}
		switch t.rel(p) {
		case "xcomp":
			hf := t.localMarks(h)
			if hf.negated {
				f.negated = true
			}
			if intentVerbs[t.lemma(h)] && f.modality == "asserted" {
				// "plans to meet", "is about to restore", "agreed to cooperate"
				if t.lemma(h) != "be" || t.hasChildLemma(h, "about") || t.hasChildLemma(p, "about") {
					f.modality = "intended"
				}
			}
			if hf.modality == "intended" {
				f.modality = "intended"
			}
			p = h
		case "ccomp", "parataxis":
			if speechVerbs[t.lemma(h)] && f.reporter < 0 {
				f.reporter = h
			}
			if f.would && !t.petrarch && f.modality == dyad.ModalityHypothetical {
				// "X said it would send weapons", "agreed that the
				// ambassador would return": the future seen from the past,
				// an intention, not a hypothesis.
				f.modality = "intended"
			}
			return
		case "advcl":
			if !t.petrarch && conditionalMarks[t.markWord(p)] {
				// "If Russia invades Ukraine, …": a condition, not an act.
				f.modality, f.conditional = dyad.ModalityHypothetical, true
			}
			if !t.petrarch && pendingMarks[t.markWord(p)] && presentTags[t.toks[p].XPOS] && t.pastClause(h) {
				// "demanded that Sweden extradite militants before it
				// ratifies its membership": a present tense under a past
				// one is still to come.
				f.modality, f.conditional = dyad.ModalityHypothetical, true
			}
			if !t.petrarch && t.markWord(p) == "to" && f.modality == dyad.ModalityAsserted && f.pred == p {
				// "agreed to meet in Malaysia to discuss a ceasefire": the
				// purpose of a planned act is planned too.
				if hm := t.frameOf(h).modality; hm != dyad.ModalityAsserted && hm != "reported" {
					f.modality = hm
				}
			}
			return
		case "conj":
			p = h
		default:
			return
		}
	}
}

// localMarks returns negation and modality marked directly on p.
func (t *tree) localMarks(p int) frame {
	f := frame{modality: "asserted"}
	for _, k := range t.kids[p] {
		switch t.rel(k) {
		case "advmod", "aux":
			l := strings.ToLower(t.toks[k].Text)
			if negators[l] {
				f.negated = true
			}
			if t.rel(k) == "aux" && (futureAux[l] || futureAux[t.lemma(k)]) {
				f.modality = "intended"
			}
		}
	}
	return f
}

func (t *tree) hasChildLemma(p int, lemma string) bool {
	for _, k := range t.kids[p] {
		if t.lemma(k) == lemma {
			return true
		}
	}
	return false
}
