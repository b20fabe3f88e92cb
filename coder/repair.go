package coder

import (
	"sort"
	"strings"
)

// The parser makes a few systematic errors that cost events. The repairs
// here rewrite the coder's view of a tree (never the tokens themselves) on
// evidence the tree itself gives; each is a general rule about English
// clause structure, not about any sentence.

// setHead re-attaches token i to head h with relation rel, keeping every
// child list in token order.
func (t *tree) setHead(i, h int, rel string) {
	if t.rels == nil {
		t.rels = make([]string, len(t.toks))
		for k := range t.toks {
			t.rels[k] = t.toks[k].Rel
		}
	}
	if old := t.head[i]; old >= 0 {
		kids := t.kids[old]
		for k, c := range kids {
			if c == i {
				t.kids[old] = append(kids[:k:k], kids[k+1:]...)
				break
			}
		}
	}
	t.head[i] = h
	t.rels[i] = rel
	if h >= 0 {
		t.kids[h] = append(t.kids[h], i)
		sort.Ints(t.kids[h])
	}
}

// repair applies the tree repairs before mentions are indexed; ms are the
// sentence's actor mentions (token ranges only are used).
func (t *tree) repair(ms []Mention) {
	t.repairVerbModifiers(ms)
	t.repairInfinitives()
	if !t.petrarch {
		// Repairs for dyad's own coding; PETRARCH mode keeps the
		// readings its conformance tests were measured with.
		t.repairSubjunctives(ms)
		t.repairNumberPhrases()
		t.repairMissingSubjects(ms)
		t.repairExpletives()
		t.repairSplitInfinitives()
		t.repairFalsePassives()
		t.repairSubjectClauses()
	}
	t.repairStraySubjects()
	t.repairRootNounClauses()
	t.repairObjectConjuncts()
}

// repairVerbModifiers undoes the parser's reading of a finite verb as an
// adjective of the noun after it when that noun is the root of the
// sentence: "The Biden administration eased sanctions on Afghanistan"
// parsed as a noun phrase "eased sanctions" with "administration" as the
// subject of "eased", or "Putin attacked Western leaders" with "Putin" and
// "attacked" as two adjectives of "leaders". A sentence is a clause, so a
// past-tense or participle verb modifying the root noun is the predicate
// when a subject stands right before it — its own nsubj, an actor mention
// hung on the same noun, or the noun's own subject — and the noun is its
// object. "The revised version" or "Afghanistan's frozen assets" have no
// such subject and are left alone.
func (t *tree) repairVerbModifiers(ms []Mention) {
	for x := range t.toks {
		tk := &t.toks[x]
		if t.fullRel(x) != "amod" || !t.pastVerbForm(x) {
			continue
		}
		n := t.head[x]
		if n <= x || !t.isNominal(n) {
			continue
		}
		if r := t.head[n]; r >= 0 {
			if t.petrarch {
				continue
			}
			// "Kim Yo Jong warned Seoul of consequences" with "Kim" the
			// root and "warned" an adjective of "Seoul", listed after it:
			// the root is the subject when its name ends right before the
			// verb.
			if t.head[r] >= 0 || r > x || !t.isNominal(r) || mentionHeadEndingAt(t, ms, x) != r {
				continue
			}
			t.setHead(x, -1, "root")
			t.setHead(r, x, "nsubj")
			t.setHead(n, x, "obj")
			for _, k := range append([]int(nil), t.kids[r]...) {
				if k > x {
					t.setHead(k, x, t.fullRel(k))
				}
			}
			t.repairs = append(t.repairs, "verb read as a modifier: "+tk.Text+" is the predicate, "+t.toks[r].Text+" its subject")
			continue
		}
		subj := -1
		for _, k := range t.kids[x] {
			if k < x && t.fullRel(k) == "nsubj" {
				subj = k
			}
		}
		if subj < 0 {
			subj = mentionHeadBefore(t, ms, x, n)
		}
		if subj < 0 {
			// "Iranian officials voiced doubts …" with "officials" the
			// subject of the root noun: a noun predicates nothing without
			// a copula.
			if k := x - 1; k >= 0 && t.head[k] == n && t.fullRel(k) == "nsubj" && len(t.childrenRel(n, "cop")) == 0 {
				subj = k
			}
		}
		if subj < 0 {
			continue
		}
		if tk.UPOS == "ADJ" {
			t.makeVerb(x)
		}
		t.setHead(x, -1, "root")
		t.setHead(n, x, "obj")
		if t.head[subj] != x {
			t.setHead(subj, x, "nsubj")
		}
		for _, k := range append([]int(nil), t.kids[n]...) {
			switch r := t.rel(k); {
			case k < x && r == "nmod":
				t.setHead(k, x, "obl") // "On Monday Iran fired missiles"
			case k < x, r == "punct" && k > n && k == len(t.toks)-1, r == "parataxis", r == "advcl", r == "csubj":
				t.setHead(k, x, t.fullRel(k))
			}
		}
		t.repairs = append(t.repairs, "verb read as a modifier: "+tk.Text+" is the predicate, "+t.toks[n].Text+" its object")
	}
}

// makeVerb marks token x, tagged a noun or an adjective, as a verb for the
// coder, with the verb's lemma ("voiced" → "voice").
func (t *tree) makeVerb(x int) {
	if t.verbal == nil {
		t.verbal = make([]bool, len(t.toks))
	}
	t.verbal[x] = true
	w := strings.ToLower(t.toks[x].Text)
	if t.verbs == nil || t.verbs(w) || !strings.HasSuffix(w, "ed") {
		return
	}
	for _, stem := range []string{w[:len(w)-1], w[:len(w)-2]} {
		if t.verbs(stem) {
			if t.lemmas == nil {
				t.lemmas = map[int]string{}
			}
			t.lemmas[x] = stem
			return
		}
	}
}

// pastVerbForm reports whether token x is a past-tense or participle verb
// form: tagged so, or an "-ed" word tagged an adjective whose stem the
// dictionary knows as a verb ("voiced").
func (t *tree) pastVerbForm(x int) bool {
	tk := &t.toks[x]
	switch {
	case tk.UPOS == "VERB":
		return tk.XPOS == "VBD" || tk.XPOS == "VBN"
	case tk.UPOS == "ADJ" && t.verbs != nil:
		w := strings.ToLower(tk.Text)
		if !strings.HasSuffix(w, "ed") {
			return false
		}
		return t.verbs(w[:len(w)-1]) || t.verbs(w[:len(w)-2])
	}
	return false
}

// mentionHeadBefore returns the head token of the actor mention that ends
// right before token x and hangs on noun n, or -1.
func mentionHeadBefore(t *tree, ms []Mention, x, n int) int {
	for i := range ms {
		m := &ms[i]
		if m.End != x || m.Start >= x {
			continue
		}
		for k := m.Start; k < m.End; k++ {
			if h := t.head[k]; (h < m.Start || h >= m.End) && h == n && !strings.HasPrefix(t.fullRel(k), "nmod") {
				return k
			}
		}
	}
	return -1
}

// infinitiveVerbs take a to-infinitive complement ("decided to ease",
// "agreed to cooperate", "urged X to lift").
var infinitiveVerbs = map[string]bool{"decide": true, "agree": true, "plan": true, "want": true, "hope": true,
	"seek": true, "aim": true, "try": true, "attempt": true, "vow": true, "pledge": true, "promise": true,
	"offer": true, "refuse": true, "threaten": true, "fail": true, "begin": true, "start": true, "continue": true,
	"move": true, "need": true, "prepare": true, "intend": true, "expect": true, "propose": true, "wish": true,
	"decline": true, "resolve": true, "undertake": true, "choose": true, "opt": true, "vote": true, "urge": true,
	"ask": true, "call": true, "order": true, "tell": true, "force": true, "persuade": true, "encourage": true,
	"allow": true, "invite": true, "press": true, "push": true, "request": true, "appeal": true, "help": true}

// repairInfinitives undoes the parser's reading of a to-infinitive as a
// prepositional phrase: "decided to ease sanctions" parsed as "to (ease
// sanctions)", with "ease" a noun compound of "sanctions". When "to" is
// followed at once by a singular word the dictionary knows as a verb, which
// modifies the noun after it, and the phrase hangs on a verb that takes an
// infinitive, the word is that verb's complement and the noun its object.
func (t *tree) repairInfinitives() {
	for to := 0; to+2 < len(t.toks); to++ {
		if !strings.EqualFold(t.toks[to].Text, "to") || t.fullRel(to) != "case" {
			continue
		}
		w, n := to+1, t.head[to]
		if n <= w || t.head[w] != n || t.fullRel(w) != "compound" || t.toks[w].XPOS == "NNS" {
			continue
		}
		v := t.head[n]
		if v < 0 || t.toks[v].UPOS != "VERB" || !infinitiveVerbs[t.lemma(v)] || t.rel(n) != "obl" {
			continue
		}
		if t.verbs == nil || !t.verbs(strings.ToLower(t.toks[w].Text)) {
			continue
		}
		t.makeVerb(w)
		t.setHead(w, v, "xcomp")
		t.setHead(to, w, "mark")
		t.setHead(n, w, "obj")
		t.repairs = append(t.repairs, "infinitive read as a phrase: "+t.toks[w].Text+" is the complement of "+t.toks[v].Text)
	}
}

// repairSubjunctives undoes the parser's reading of a demanded act as a
// noun phrase: "Beijing demanded that Washington stop arms sales to
// Taiwan" parsed as "that (Washington stop arms sales)", with "stop" a noun
// compound. After a request verb's "that", an actor mention followed at
// once by the bare form of a verb the dictionary knows, both hung on the
// noun after them, is the clause's subject, the word its predicate (the
// subjunctive) and the noun its object. A verb or auxiliary in the noun's
// phrase ("that Israel aid convoys be allowed in") leaves it alone.
func (t *tree) repairSubjunctives(ms []Mention) {
	if t.verbs == nil {
		return
	}
	for th := 1; th+2 < len(t.toks); th++ {
		v := th - 1
		if !strings.EqualFold(t.toks[th].Text, "that") || t.toks[v].UPOS != "VERB" || !thatRequestVerbs[t.lemma(v)] {
			continue
		}
		start := th + 1
		if t.toks[start].UPOS == "DET" {
			start++
		}
		for i := range ms {
			m := &ms[i]
			x := m.End
			if m.Start != start || x >= len(t.toks) {
				continue
			}
			tk := &t.toks[x]
			if (tk.UPOS != "NOUN" && tk.UPOS != "ADJ") || tk.XPOS == "NNS" || !t.verbs(tk.Text) {
				continue
			}
			// The noun the word hangs on, up its chain of modifiers
			// ("stop" on "arms" on "sales").
			n := t.head[x]
			for steps := 0; n > x && steps < 8 && t.head[n] > n; steps++ {
				if r := t.fullRel(n); r != "compound" && r != "amod" {
					break
				}
				n = t.head[n]
			}
			if n <= x || !t.isNominal(n) || t.ancestorOf(n, v) || t.ancestorOf(x, v) || t.ancestorOf(th, v) || !t.subjunctivePhrase(n, x) {
				continue
			}
			mh := t.spanHead(m.Start, m.End)
			if mh < 0 || t.head[mh] < x || t.head[mh] > n || !t.ancestorOf(n, t.head[mh]) && t.head[mh] != n {
				continue // the mention must hang on the same noun phrase
			}
			t.makeVerb(x)
			t.setHead(x, v, "ccomp")
			t.setHead(mh, x, "nsubj")
			t.setHead(th, x, "mark")
			t.setHead(n, x, "obj")
			t.repairs = append(t.repairs, "subjunctive read as a noun phrase: "+tk.Text+" is the predicate of "+t.toks[v].Text+"'s clause")
			break
		}
	}
}

// subjunctivePhrase reports whether noun n's phrase after word x holds no
// verb or auxiliary and n is no verb's subject and has no copula: n can be
// the object of x.
func (t *tree) subjunctivePhrase(n, x int) bool {
	if len(t.childrenRel(n, "cop")) > 0 {
		return false
	}
	if h := t.head[n]; h >= 0 && (t.toks[h].UPOS == "VERB" || t.toks[h].UPOS == "AUX") && strings.HasPrefix(t.fullRel(n), "nsubj") {
		return false
	}
	lo, hi := t.subtreeSpan(n)
	for k := max(lo, x+1); k <= hi; k++ {
		if u := t.toks[k].UPOS; u == "VERB" || u == "AUX" {
			return false
		}
	}
	return true
}

// repairNumberPhrases undoes the parser's reading of a counted noun phrase
// after a preposition as two phrases: "delivered food to 20,000 refugees"
// parsed with "to 20,000" one oblique and "refugees" another. A number
// that carries the preposition, followed within a few words by a noun
// without one hung on the same head (or on the number), is that noun's
// count, and the preposition is the noun's.
func (t *tree) repairNumberPhrases() {
	for k := range t.toks {
		if t.toks[k].UPOS != "NUM" {
			continue
		}
		r := t.rel(k)
		if r != "obl" && r != "nmod" {
			continue
		}
		cs := t.childrenRel(k, "case")
		if len(cs) == 0 {
			continue
		}
		h := t.head[k]
		for n := k + 1; n < len(t.toks) && n <= k+4; n++ {
			u := t.toks[n].UPOS
			if u == "NUM" || u == "ADJ" {
				continue
			}
			if (u != "NOUN" && u != "PROPN") || (t.head[n] != h && t.head[n] != k) || len(t.childrenRel(n, "case")) > 0 {
				break
			}
			if rn := t.rel(n); rn != "obl" && rn != "nmod" && rn != "obj" && t.head[n] != k {
				break
			}
			t.setHead(n, h, t.fullRel(k))
			for _, c := range cs {
				if c != n {
					t.setHead(c, n, "case")
				}
			}
			t.setHead(k, n, "nummod")
			t.repairs = append(t.repairs, "count read as a phrase of its own: "+t.toks[k].Text+" counts "+t.toks[n].Text)
			break
		}
	}
}

// repairMissingSubjects undoes the tagger's reading of an actor's name
// before a finite verb as an adverb or a modifier: "Tokyo extended a yen
// loan to Bangladesh" tagged with "Tokyo" an adverb of "extended". A finite
// verb without a subject of its own, with an actor mention right before it
// (or before its auxiliaries) hung on it without a preposition, has that
// mention as its subject.
func (t *tree) repairMissingSubjects(ms []Mention) {
	for v := range t.toks {
		tk := &t.toks[v]
		finite := tk.XPOS == "VBD" || tk.XPOS == "VBZ" || tk.XPOS == "VBP"
		// A root participle with no auxiliary is a past tense misread.
		bareRoot := tk.XPOS == "VBN" && t.head[v] < 0 && len(t.childrenRel(v, "aux", "aux:pass")) == 0
		if tk.UPOS != "VERB" || !(finite || bareRoot) {
			continue
		}
		if len(t.childrenRel(v, "nsubj", "nsubj:pass", "csubj", "expl")) > 0 {
			continue
		}
		end := v // the mention ends before the verb's auxiliaries
		for end > 0 && t.head[end-1] == v && (t.toks[end-1].UPOS == "AUX" || t.rel(end-1) == "advmod" && t.toks[end-1].UPOS == "ADV" && mentionEndingAt(ms, end) < 0) {
			end--
		}
		i := mentionEndingAt(ms, end)
		if i < 0 {
			continue
		}
		mh := t.spanHead(ms[i].Start, ms[i].End)
		if mh < 0 || t.head[mh] != v || t.caseWord(mh) != "" {
			continue
		}
		switch t.rel(mh) {
		case "advmod", "dep", "obl", "nmod", "amod", "compound", "obj":
		default:
			continue
		}
		t.setHead(mh, v, "nsubj")
		t.repairs = append(t.repairs, "subject read as a modifier: "+t.toks[mh].Text+" is the subject of "+tk.Text)
	}
}

// repairExpletives undoes the parser's reading of a referring "it" as an
// expletive: "Beijing said it was willing to work with New Delhi" parsed
// like "it was important to work". Before an adjective of the
// dictionary's that takes an infinitive ("willing", "ready", "keen"), "it"
// is the one who is willing.
func (t *tree) repairExpletives() {
	if t.verbs == nil {
		return
	}
	for k := range t.toks {
		if t.fullRel(k) != "expl" || !strings.EqualFold(t.toks[k].Text, "it") {
			continue
		}
		a := t.head[k]
		if a < 0 || t.toks[a].UPOS != "ADJ" || len(t.childrenRel(a, "xcomp")) == 0 || len(t.childrenRel(a, "nsubj", "csubj")) > 0 {
			continue
		}
		if !t.verbs(t.lemma(a)) {
			continue
		}
		t.setHead(k, a, "nsubj")
		t.repairs = append(t.repairs, "subject read as an expletive: "+t.toks[k].Text+" is "+t.toks[a].Text)
	}
}

// repairSplitInfinitives undoes the tagger's reading of the adverb of a
// split infinitive as the verb: "pledged to sharply reduce military
// activity" tagged with "sharply" a verb and "reduce" hung elsewhere. An
// "-ly" word tagged as the complement verb, with "to" before it and a verb
// right after it, modifies that verb, which is the complement.
func (t *tree) repairSplitInfinitives() {
	for a := 0; a+1 < len(t.toks); a++ {
		w := strings.ToLower(t.toks[a].Text)
		b := a + 1
		if t.toks[a].UPOS != "VERB" || !strings.HasSuffix(w, "ly") || len(w) < 5 || t.markWord(a) != "to" || t.toks[b].UPOS != "VERB" {
			continue
		}
		if t.toks[b].XPOS != "VB" || t.rel(b) == "amod" || (t.verbs != nil && t.verbs(w)) {
			continue // "agreed to supply enriched uranium": "supply" is the verb
		}
		h := t.head[a]
		if h < 0 || t.ancestorOf(b, a) {
			continue
		}
		rel := t.fullRel(a)
		t.setHead(b, h, rel)
		for _, k := range append([]int(nil), t.kids[a]...) {
			t.setHead(k, b, t.fullRel(k))
		}
		t.setHead(a, b, "advmod")
		t.repairs = append(t.repairs, "split infinitive: "+t.toks[b].Text+" is the verb, "+t.toks[a].Text+" its adverb")
	}
}

// repairFalsePassives undoes the parser's reading of a subject of an
// active past-tense verb as a passive one: "The European Union and the
// United States cut off several Russian banks" with "Union" a passive
// subject, "Biden and Scholz talked by video link". A passive needs a
// passive auxiliary; without one the subject is active, unless the verb
// is a participle with no object ("Three soldiers killed in the attack").
func (t *tree) repairFalsePassives() {
	for v := range t.toks {
		x := t.toks[v].XPOS
		if t.toks[v].UPOS != "VERB" || (x != "VBD" && x != "VBN" && x != "VBP") || len(t.childrenRel(v, "aux:pass", "aux", "cop")) > 0 {
			continue
		}
		if x == "VBN" && len(t.childrenRel(v, "obj")) == 0 {
			continue // "Three soldiers killed in the attack": a headline's passive
		}
		for _, k := range t.childrenRel(v, "nsubj:pass") {
			t.setHead(k, v, "nsubj")
			t.repairs = append(t.repairs, "active subject read as passive: "+t.toks[k].Text+" is the subject of "+t.toks[v].Text)
		}
	}
}

// repairSubjectClauses undoes the parser's reading of a sentence as a noun
// with a subject that a clause modifies: "Hamas gunmen killed hundreds of
// civilians" parsed as "(gunmen killed) hundreds", with "hundreds" the
// root, "gunmen" its subject and "killed" a clause on "gunmen". A past
// verb between the two, with no subject or object of its own, is the
// predicate: the first noun its subject and the root its object.
func (t *tree) repairSubjectClauses() {
	for r := range t.toks {
		if t.head[r] >= 0 || !t.isNominal(r) || len(t.childrenRel(r, "cop", "aux", "aux:pass")) > 0 {
			continue // "The diplomats expelled were spies": a copular sentence
		}
		for _, s := range t.childrenRel(r, "nsubj") {
			if s > r {
				continue
			}
			for _, v := range t.kids[s] {
				tk := &t.toks[v]
				if t.fullRel(v) != "acl" || v < s || v > r || tk.UPOS != "VERB" || tk.XPOS != "VBD" {
					continue // a participle ("the diplomats expelled") is a reduced relative
				}
				if len(t.childrenRel(v, "nsubj", "nsubj:pass", "obj")) > 0 || t.markWord(v) != "" {
					continue
				}
				t.setHead(v, -1, "root")
				t.setHead(s, v, "nsubj")
				t.setHead(r, v, "obj")
				for _, k := range append([]int(nil), t.kids[r]...) {
					if t.rel(k) == "punct" && k == len(t.toks)-1 {
						t.setHead(k, v, "punct")
					}
				}
				t.repairs = append(t.repairs, "clause read as a subject's modifier: "+tk.Text+" is the predicate, "+t.toks[r].Text+" its object")
				return
			}
		}
	}
}

// hasByPhrase reports whether verb x has an oblique introduced by "by".
func (t *tree) hasByPhrase(x int) bool {
	for _, k := range t.childrenRel(x, "obl") {
		if t.caseWord(k) == "by" {
			return true
		}
	}
	return false
}

// mentionHeadEndingAt returns the head token of the mention in ms that
// ends right before token x, or -1.
func mentionHeadEndingAt(t *tree, ms []Mention, x int) int {
	i := mentionEndingAt(ms, x)
	if i < 0 {
		return -1
	}
	return t.spanHead(ms[i].Start, ms[i].End)
}

// mentionEndingAt returns the index of the mention in ms that ends right
// before token x, or -1.
func mentionEndingAt(ms []Mention, x int) int {
	for i := range ms {
		if ms[i].End == x && ms[i].Start < x {
			return i
		}
	}
	return -1
}

// repairStraySubjects re-attaches nominals the parser made subjects of a
// noun that is no predicate: "spoke by phone with Chinese President Xi
// Jinping on Friday" parsed with "Xi" the subject of "Friday", "met
// Taliban deputy prime minister Abdul Ghani Baradar in Doha on Monday" with
// "Abdul" the subject of "Monday". A noun without a copula predicates
// nothing, so the nominal belongs to the verb above that noun: as an
// oblique when a preposition introduces it, else as the object of a verb
// before it that has none.
func (t *tree) repairStraySubjects() {
	for x := range t.toks {
		if t.fullRel(x) != "nsubj" {
			continue
		}
		h := t.head[x]
		if h < 0 || h < x || !t.isNominal(h) || len(t.childrenRel(h, "cop")) > 0 {
			continue
		}
		v := t.head[h]
		for steps := 0; v >= 0 && t.toks[v].UPOS != "VERB" && steps < len(t.toks); steps++ {
			v = t.head[v]
		}
		if v < 0 || v > x {
			continue
		}
		switch {
		case t.caseWord(x) != "":
			t.setHead(x, v, "obl")
		case len(t.childrenRel(v, "obj", "ccomp", "xcomp")) == 0:
			t.setHead(x, v, "obj")
		default:
			continue
		}
		t.repairs = append(t.repairs, "stray subject: "+t.toks[x].Text+" belongs to "+t.toks[v].Text)
	}
}

// repairRootNounClauses undoes the parser's reading of a sentence as a
// noun modified by a clause: "Russian troops seized Ukraine's Chernobyl
// nuclear power plant" parsed as "troops (that) seized …", with "troops"
// the root. When the root is a noun whose clause (acl) is a past-tense or
// participle verb right after its phrase, without a subject or "to" of its
// own, the verb is the predicate and the noun its subject; a noun phrase
// the verb took as a bare oblique is its object.
func (t *tree) repairRootNounClauses() {
	for n := range t.toks {
		if t.head[n] >= 0 || !t.isNominal(n) {
			continue
		}
		// The clause may hang on the noun or on the last noun of its
		// phrase ("Tens of thousands of students and their supporters
		// rallied in Belgrade", with "rallied" on "supporters").
		lo, hi := t.subtreeSpan(n)
		for x := lo; x <= hi; x++ {
			tk := &t.toks[x]
			if t.fullRel(x) != "acl" || x < n || tk.UPOS != "VERB" || (tk.XPOS != "VBD" && tk.XPOS != "VBN") {
				continue
			}
			if h := t.head[x]; h != n && (t.petrarch || !(t.isNominal(h) && h == x-1)) {
				continue
			}
			if _, hi := t.subtreeSpanExcept(n, x); hi != x-1 {
				continue // something stands between the noun's phrase and the verb
			}
			if tk.XPOS == "VBN" && (len(t.childrenRel(x, "obl:agent")) > 0 || t.hasByPhrase(x)) {
				continue // "Palestinian prisoners released by Israel": a reduced relative (frameOf)
			}
			if t.markWord(x) != "" || len(t.childrenRel(x, "nsubj", "nsubj:pass", "obj")) > 0 {
				continue
			}
			t.setHead(x, -1, "root")
			t.setHead(n, x, "nsubj")
			for _, k := range append([]int(nil), t.kids[n]...) {
				if k > x {
					t.setHead(k, x, t.fullRel(k)) // the final full stop
				}
			}
			for _, k := range t.kids[x] {
				if t.fullRel(k) == "obl" && t.caseWord(k) == "" && t.isNominal(k) {
					t.setHead(k, x, "obj")
					break
				}
			}
			t.repairs = append(t.repairs, "clause read as a noun's modifier: "+tk.Text+" is the predicate, "+t.toks[n].Text+" its subject")
			break
		}
	}
}

// subtreeSpanExcept returns the first and last token of n's subtree
// without the subtree of its child x.
func (t *tree) subtreeSpanExcept(n, x int) (int, int) {
	lo, hi := n, n
	stack := []int{n}
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		lo, hi = min(lo, k), max(hi, k)
		for _, c := range t.kids[k] {
			if c != x && !(k == n && t.rel(c) == "punct" && c > x) {
				stack = append(stack, c)
			}
		}
	}
	return lo, hi
}

// repairObjectConjuncts re-attaches a noun the parser coordinated with the
// verb instead of with its object: "urged the United States and the
// European Union to unfreeze …" parsed with "Union" a conjunct of "urged".
// A noun cannot be coordinated with a verb; right after the verb's object,
// joined by "and" or "or", it is the object's conjunct.
func (t *tree) repairObjectConjuncts() {
	for x := range t.toks {
		v := t.head[x]
		if t.rel(x) != "conj" || v < 0 || v > x || t.toks[v].UPOS != "VERB" || !t.isNominal(x) || t.toks[x].UPOS == "PRON" {
			continue
		}
		objs := t.childrenRel(v, "obj")
		if len(objs) == 0 {
			continue
		}
		o := objs[len(objs)-1]
		_, hi := t.subtreeSpan(o)
		if hi >= x {
			continue
		}
		ok, cc := true, false
		for k := hi + 1; k < x; k++ {
			switch t.toks[k].UPOS {
			case "CCONJ":
				cc = true
			case "DET", "ADJ", "PUNCT", "PROPN", "NOUN", "NUM":
				if t.head[k] != x && t.toks[k].UPOS != "CCONJ" {
					ok = false
				}
			default:
				ok = false
			}
		}
		if !ok || !cc {
			continue
		}
		t.setHead(x, o, "conj")
		t.repairs = append(t.repairs, "noun coordinated with a verb: "+t.toks[x].Text+" joins the object "+t.toks[o].Text)
	}
}
