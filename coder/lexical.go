package coder

import (
	"strings"
	"sync"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dictionary"
)

// PETRARCH verb patterns that the native slot form cannot express (words
// before the verb, "$"/"+" placed among words) are matched lexically here,
// the way PETRARCH reads them: the words before "*" occur in order before
// the verb, those after it in order after the verb ("_" joins neighbours),
// "&SYNSET" matches any member, "$" and "+" mark where the source and the
// target stand.

// lexPattern is a PETRARCH pattern indexed for lexical matching.
type lexPattern struct {
	p    *dictionary.PetrarchPattern
	code dictionary.PetrarchCode
	// words counts the word and synset elements: more words, more specific.
	words int
	// neg reports that the pattern spells out a negation ("NOT *",
	// "&NEGATVAUXVRB *"), so it may code a negated predicate.
	neg bool
	// multi reports a pattern of a multiword verb ("WIRE_+TAP"), whose
	// verb word may be tagged a noun ("will not wire tap the links").
	multi bool
	// pre and post hold the words the pattern spells out before and
	// after the verb, and per synset element the first words of its
	// members: a sentence lacking one of the former on its side of the
	// verb, or all of one set of the latter, cannot match.
	pre, post sigNeeds
	// preEls and postEls are p.Pre and p.Post with what at needs of each
	// element looked up once, when the index is built.
	preEls, postEls []lexElem
}

// matchPrefilter turns on the word-signature tests before matching: of
// lexical patterns (matchLexical) and of native patterns' object slots
// (bestMatch). Tests turn it off to prove it changes nothing.
var matchPrefilter = true

// sign fills lp's signatures from its elements.
func (ix *lexIndex) sign(lp lexPattern) lexPattern {
	// Elements after the verb are found at or after the token after it,
	// and those before it start before it (ix.match), whatever they
	// skip: each side's words must occur on that side.
	lp.pre, lp.post = sigNeeds{}, sigNeeds{}
	lp.preEls, lp.postEls = ix.elems(lp.p.Pre), ix.elems(lp.p.Post)
	for side, els := range [2][]lexElem{lp.preEls, lp.postEls} {
		n := &lp.pre
		if side == 1 {
			n = &lp.post
		}
		for i := range els {
			switch e := &els[i]; e.Kind {
			case dictionary.ElemWord:
				n.all.addBit(e.bit)
			case dictionary.ElemSynset:
				n.anyOf = append(n.anyOf, e.firstWords()) // none for an unknown synset: no match
			}
		}
	}
	return lp
}

// lexIndex maps verb forms and lemmas to the untranslated patterns of the
// blocks that hold them.
type lexIndex struct {
	// forms holds, per verb form or lemma, its patterns, the blocks
	// listing it and its keys, so that a token costs one lookup.
	forms   map[string]*lexForm
	synsets map[string][][]string // "&NAME" → member word sequences
	// synFirst files each synset's members, with the members of the
	// synsets they name spelled out in matchSeq's order, by first word.
	synFirst map[string]map[string][][]string
	// synInfo caches synsetOf's answers while the index is built.
	synInfo map[string]*lexSynset
	// patBlock maps each native pattern translated from a block (its
	// verbs' own patterns and its pattern lines) to that block.
	patBlock map[*dictionary.Pattern]*dictionary.PetrarchBlock
	// byForm caches byForm's answers (byFormKey → []*dictionary.Pattern).
	byForm sync.Map
}

// lexForm is what the index holds for one verb form or lemma.
type lexForm struct {
	// pats are the untranslated patterns of the blocks holding the word.
	pats []lexPattern
	// blocks are the blocks listing the word as a form, or generating
	// it ("left", "met"): PETRARCH looks verbs up by their form, so
	// "left" takes the LEFT block, not LEAVE's.
	blocks []*dictionary.PetrarchBlock
	// keys files pats when there are many (see lexKeyedMin).
	keys *lexKeys
}

// synFirstOf returns the members of synset name ("&CURRENCY", either
// case) by first word.
func (ix *lexIndex) synFirstOf(name string) map[string][][]string {
	byFirst, ok := ix.synFirst[name]
	if !ok {
		byFirst = ix.synFirst[strings.ToLower(name)]
	}
	return byFirst
}

var lexCache sync.Map // *dictionary.Dictionary → *lexIndex

func lexicalIndex(d *dictionary.Dictionary) *lexIndex {
	if d.Petrarch == nil {
		return nil
	}
	if v, ok := lexCache.Load(d); ok {
		return v.(*lexIndex)
	}
	ix := &lexIndex{synsets: map[string][][]string{}, patBlock: map[*dictionary.Pattern]*dictionary.PetrarchBlock{}}
	byVerb, formBlocks := map[string][]lexPattern{}, map[string][]*dictionary.PetrarchBlock{}
	for _, s := range d.Petrarch.Synsets {
		name := strings.ToLower(s.Name)
		for i, m := range s.Members {
			ix.synsets[name] = append(ix.synsets[name], strings.Fields(m))
			if i < len(s.Plurals) && s.Plurals[i] != "" {
				ix.synsets[name] = append(ix.synsets[name], strings.Fields(s.Plurals[i]))
			}
		}
	}
	// Patterns name synsets as written ("&CURRENCY"): keep each under that
	// spelling too, so that matching needs no lower-casing.
	for _, s := range d.Petrarch.Synsets {
		if name := strings.ToLower(s.Name); s.Name != name {
			ix.synsets[s.Name] = ix.synsets[name]
		}
	}
	ix.synFirst = make(map[string]map[string][][]string, len(ix.synsets))
	for name := range ix.synsets {
		byFirst := map[string][][]string{}
		ix.flatten(name, 0, func(seq []string) { byFirst[seq[0]] = append(byFirst[seq[0]], seq) })
		ix.synFirst[name] = byFirst
	}
	for _, b := range d.Petrarch.Blocks {
		for _, v := range b.Verbs {
			for _, p := range v.Native {
				ix.patBlock[p] = b
			}
			for _, f := range append(v.AllForms(), v.Lemma) {
				if fb := formBlocks[f]; len(fb) == 0 || fb[len(fb)-1] != b {
					formBlocks[f] = append(fb, b)
				}
			}
		}
		var pats []lexPattern
		for _, p := range b.Patterns {
			if p.Native != nil {
				ix.patBlock[p.Native] = b
			}
			// Translated patterns are indexed too: PETRARCH matches their
			// words anywhere after the verb ("allowed that Mordor isn't a
			// really pleasant place" for "* REALLY_PLEASANT"), which the
			// slot form misses when the words are not the object.
			if p.Skipped != "" {
				continue
			}
			code := p.Code
			if code.Raw == "" {
				code = b.Code
			}
			n, neg := 0, false
			for _, e := range append(append([]dictionary.PetrarchElem(nil), p.Pre...), p.Post...) {
				if e.Kind == dictionary.ElemWord || e.Kind == dictionary.ElemSynset || e.Kind == dictionary.ElemCompound {
					n++ // a compound marker is as specific as a word
				}
				switch w := strings.ToLower(e.Text); {
				case w == "not" || w == "n't" || w == "never" || w == "no":
					neg = true
				case e.Kind == dictionary.ElemSynset && strings.Contains(w, "neg"):
					neg = true
				}
			}
			if n > 0 || p.Compound {
				pats = append(pats, lexPattern{p: p, code: code, words: n, neg: neg})
			}
		}
		// The block's verbs share its signed patterns, and a form found in
		// one block only shares that block's list: Phoenix's forms would
		// otherwise hold 600k copies of 30k patterns.
		var blockSigned []lexPattern
		for _, v := range b.Verbs {
			var signed []lexPattern
			if len(v.Words) > 1 {
				vp := multiwordPatterns(v, pats)
				signed = make([]lexPattern, len(vp))
				for i := range vp {
					signed[i] = ix.sign(vp[i])
				}
			} else {
				if blockSigned == nil {
					blockSigned = make([]lexPattern, len(pats))
					for i := range pats {
						blockSigned[i] = ix.sign(pats[i])
					}
				}
				signed = blockSigned
			}
			for _, f := range append(v.AllForms(), v.Lemma) {
				if len(byVerb[f]) == 0 {
					byVerb[f] = signed[:len(signed):len(signed)] // appending copies
				} else {
					byVerb[f] = append(byVerb[f], signed...)
				}
			}
		}
	}
	ix.forms = make(map[string]*lexForm, len(byVerb)+len(formBlocks))
	form := func(w string) *lexForm {
		f := ix.forms[w]
		if f == nil {
			f = &lexForm{}
			ix.forms[w] = f
		}
		return f
	}
	for w, blocks := range formBlocks {
		form(w).blocks = blocks
	}
	kc := &keyCache{pats: map[*dictionary.PetrarchPattern][]int{}}
	type list struct {
		first *lexPattern
		n     int
	}
	shared := map[list]*lexKeys{} // forms sharing a list share its keys
	for w, pats := range byVerb {
		f := form(w)
		f.pats = pats
		if len(pats) >= lexKeyedMin {
			l := list{&pats[0], len(pats)}
			if shared[l] == nil {
				shared[l] = ix.newLexKeys(pats, kc)
			}
			f.keys = shared[l]
		}
	}
	ix.synInfo = nil // only needed while building
	v, _ := lexCache.LoadOrStore(d, ix)
	return v.(*lexIndex)
}

// multiwordPatterns returns the patterns of a multiword verb ("+CORDON_OFF",
// "WIRE_+TAP"): the verb alone with its own code, and each block pattern,
// with the verb's other words standing right around the verb word, as
// PETRARCH matches them ("* " is the whole multiword verb).
func multiwordPatterns(v *dictionary.PetrarchVerb, pats []lexPattern) []lexPattern {
	var pre, post []dictionary.PetrarchElem
	for i, w := range v.Words {
		switch {
		case i < v.Index:
			pre = append(pre, dictionary.PetrarchElem{Kind: dictionary.ElemWord, Text: w, Joined: i > 0})
		case i > v.Index:
			post = append(post, dictionary.PetrarchElem{Kind: dictionary.ElemWord, Text: w, Joined: true})
		}
	}
	extra := len(v.Words) - 1
	own := &dictionary.PetrarchPattern{Text: "- * [" + v.Code.Raw + "] (" + v.Text + ")", Code: v.Code,
		Pre: pre, PreJoined: len(pre) > 0, Post: post, Source: v.Source}
	out := []lexPattern{{p: own, code: v.Code, words: extra, multi: true}}
	for _, lp := range pats {
		p := *lp.p
		p.Text = lp.p.Text + " (" + v.Text + ")"
		p.Pre = append(append([]dictionary.PetrarchElem(nil), lp.p.Pre...), pre...)
		if len(pre) > 0 {
			p.Pre[len(lp.p.Pre)].Joined = lp.p.PreJoined
			p.PreJoined = true
		}
		p.Post = append(append([]dictionary.PetrarchElem(nil), post...), lp.p.Post...)
		cp := lp
		cp.p, cp.words, cp.multi = &p, lp.words+extra, true
		out = append(out, cp)
	}
	return out
}

// byForm keeps, of the patterns found for token tk by its lemma and by its
// form, those of the blocks that list tk's form, when some block lists it
// (PETRARCH's lookup by form: "met" codes with MET [031:032], not MEET
// [031:031]; "said" with SAID, not SAYS). Patterns that come from no block
// are kept. pats are the verb (noun when noun is set) patterns of lemma;
// answers are cached per form and lemma. The token is t's token v, and
// lf is ix's entry for t.lower(v) (see lexFormAt).
func (c *Coder) byForm(ix *lexIndex, t *tree, v int, lf *lexForm, lemma string, noun bool, pats []*dictionary.Pattern) []*dictionary.Pattern {
	if ix == nil {
		return pats
	}
	// The form is lowerASCII(text), which is t.lower(v) for ASCII text.
	form := t.lower(v)
	if !isASCII(t.toks[v].Text) {
		form = lowerASCII(t.toks[v].Text)
		lf = ix.forms[form]
	}
	if lf == nil || len(lf.blocks) == 0 {
		return pats
	}
	blocks := lf.blocks
	// The answer depends on the form and on pats, the patterns of lemma
	// (none, or those of a lemma the dictionary has): the cache stays
	// bounded.
	key := byFormKey{form: form}
	if len(pats) > 0 {
		key.lemma, key.noun = lemma, noun
	}
	if v, ok := ix.byForm.Load(key); ok {
		return v.([]*dictionary.Pattern)
	}
	out := ix.filterByForm(c.dict, form, blocks, pats)
	ix.byForm.Store(key, out)
	return out
}

// byFormKey identifies a byForm question: a form, and the lemma whose
// verb (or noun) patterns pats are, when there are any.
type byFormKey struct {
	form, lemma string
	noun        bool
}

// filterByForm is byForm without the cache.
func (ix *lexIndex) filterByForm(d *dictionary.Dictionary, form string, blocks []*dictionary.PetrarchBlock, pats []*dictionary.Pattern) []*dictionary.Pattern {
	var out []*dictionary.Pattern
	seen := map[*dictionary.Pattern]bool{}
	for _, p := range append(append([]*dictionary.Pattern(nil), pats...), d.PatternsFor(form)...) {
		if seen[p] {
			continue
		}
		seen[p] = true
		b, ok := ix.patBlock[p]
		if !ok {
			out = append(out, p)
			continue
		}
		for _, x := range blocks {
			if x == b {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// hasLexical reports whether token tk's form or lemma has PETRARCH
// patterns to match lexically.
func (c *Coder) hasLexical(tk *dyad.Token) bool {
	ix := c.lexIndex()
	if ix == nil {
		return false
	}
	return ix.hasPats(lowerASCII(tk.Text)) || ix.hasPats(lowerASCII(tk.Lemma))
}

// hasPats reports whether word w has lexical patterns.
func (ix *lexIndex) hasPats(w string) bool {
	f := ix.forms[w]
	return f != nil && len(f.pats) > 0
}

// lexIndex returns c's lexical index (nil without PETRARCH dictionaries).
func (c *Coder) lexIndex() *lexIndex { return c.ix.lex }

// lexMatch is a lexical match: the pattern and where its markers stood.
type lexMatch struct {
	lp       *lexPattern
	src, tgt int // token indexes of the "$" and "+" actors, or -1
	// compSrc and compTgt report that src or tgt is a "%" compound actor
	// (the first of its conjuncts).
	compSrc, compTgt bool
	verb             int // the predicate token
	end              int // the token after the last element matched after the verb
	// bareSrc and bareTgt report that the marker stood on the country or
	// actor part of a composite whose agent a "^" skipped ("the
	// parliament" of "the parliament of Gondor"): that part alone counts.
	bareSrc, bareTgt bool
}

// matchLexical returns the most specific untranslated PETRARCH pattern that
// matches around predicate v, if any. lf is ix's entry for t.lower(v)
// (see lexFormAt).
func (c *Coder) matchLexical(ix *lexIndex, t *tree, v int, lf *lexForm) (lexMatch, bool) {
	if ix == nil {
		return lexMatch{}, false
	}
	if lf == nil || len(lf.pats) == 0 && len(lf.blocks) == 0 {
		// Only a form no block lists falls back on its lemma: "left" is
		// the LEFT block's, whatever LEAVE's patterns say.
		lf = ix.forms[t.lemma(v)]
	}
	if lf == nil {
		return lexMatch{}, false
	}
	pats := lf.pats
	if len(pats) == 0 {
		return lexMatch{}, false
	}
	best, found := lexMatch{}, false
	noun := t.toks[v].UPOS == "NOUN" || t.toks[v].UPOS == "PROPN"
	before, after := t.sideSigs(v)
	n, keyed := len(pats), false
	if k := lf.keys; k != nil && matchPrefilter {
		t.lexCands = k.candidates(&t.sigs[len(t.toks)], t.lexCands)
		n, keyed = len(t.lexCands), true
	}
	for c := 0; c < n; c++ {
		i := c
		if keyed {
			i = int(t.lexCands[c])
		}
		lp := &pats[i]
		if noun && !lp.multi || matchPrefilter && !(lp.post.mayMatch(after) && lp.pre.mayMatch(before)) {
			continue
		}
		m, ok := ix.match(t, v, lp)
		// More words win; among as many, the match that ends nearer the
		// verb, as PETRARCH's left-to-right search finds it first ("IFTAR
		// AT ^ ^ +" before "IFTAR IN ^ +" when "at" comes first); then the
		// later pattern.
		if ok && (!found || lp.words > best.lp.words || lp.words == best.lp.words && m.end <= best.end) {
			best, found = m, true
		}
	}
	return best, found
}

// sideSigs returns the signatures of the lower-cased words before token
// v and of those after it.
func (t *tree) sideSigs(v int) (before, after *wordSig) {
	if t.sigs == nil {
		// sigs[k] holds the words of toks[:k], sigs[n+1+k] those of toks[k:].
		n := len(t.toks)
		t.sigs = make([]wordSig, 2*n+2)
		for k := 0; k < n; k++ {
			t.sigs[k+1] = t.sigs[k]
			t.sigs[k+1].addBit(t.bit(k))
		}
		for k := n - 1; k >= 0; k-- {
			t.sigs[n+1+k] = t.sigs[n+2+k]
			t.sigs[n+1+k].addBit(t.bit(k))
		}
	}
	return &t.sigs[v], &t.sigs[len(t.toks)+2+v]
}

// match checks one pattern around verb v.
func (ix *lexIndex) match(t *tree, v int, lp *lexPattern) (lexMatch, bool) {
	m := lexMatch{lp: lp, src: -1, tgt: -1, verb: v}
	// After the verb: elements in order, each at or after pos.
	pos := v + 1
	for k := range lp.postEls {
		e := &lp.postEls[k]
		next, ok := ix.find(t, e, pos, len(t.toks), e.Joined, &m)
		if !ok {
			return m, false
		}
		pos = next
	}
	m.end = pos
	// Before the verb: elements in reverse order, each ending before end.
	end := v
	for i := len(lp.p.Pre) - 1; i >= 0; i-- {
		e := &lp.preEls[i]
		joined := (i == len(lp.p.Pre)-1 && lp.p.PreJoined) || (i+1 < len(lp.p.Pre) && lp.p.Pre[i+1].Joined)
		start, ok := ix.findBefore(t, e, end, joined, &m)
		if !ok {
			return m, false
		}
		end = start
	}
	return m, true
}

// find looks for element e starting at or after pos (exactly at pos when
// joined) and returns the position after it. A "^" skips the next noun
// phrase (see npChunk).
func (ix *lexIndex) find(t *tree, e *lexElem, pos, limit int, joined bool, m *lexMatch) (int, bool) {
	if e.Kind == dictionary.ElemSkip {
		for i := pos; i < limit; i++ {
			if w := t.toks[i].Text; w == "." || w == ";" {
				break
			}
			if t.isDeleted(i) {
				continue
			}
			if _, end, ok := t.npChunk(i); ok {
				return end, true
			}
		}
		return pos, false
	}
	for i := pos; i < limit; i++ {
		if t.isDeleted(i) {
			continue // a deleted comma clause is not there
		}
		if n, ok := ix.at(t, e, i, m); ok {
			return i + n, true
		}
		if joined {
			break
		}
		if w := t.toks[i].Text; w == "." || w == ";" {
			break
		}
	}
	return pos, false
}

// findBefore looks for element e ending right before end (when joined) or
// anywhere before it, and returns its start. A "^" skips the nearest noun
// phrase before end.
func (ix *lexIndex) findBefore(t *tree, e *lexElem, end int, joined bool, m *lexMatch) (int, bool) {
	if e.Kind == dictionary.ElemSkip {
		for i := end - 1; i >= 0; i-- {
			if t.isDeleted(i) {
				continue
			}
			if start, _, ok := t.npChunk(i); ok {
				return start, true
			}
		}
		return end, false
	}
	for end > 0 && t.isDeleted(end-1) {
		end--
	}
	for i := end - 1; i >= 0; i-- {
		if t.isDeleted(i) {
			continue
		}
		if n, ok := ix.at(t, e, i, m); ok && i+n <= end && (!joined || i+n == end) {
			return i, true
		}
		if joined && e.Kind == dictionary.ElemWord {
			break
		}
	}
	return end, false
}

// npChunk returns the base noun phrase holding token i — a run of
// determiners, adjectives, numbers, nouns, names and possessive markers,
// ending before any preposition, verb or punctuation — as PETRARCH's "^"
// skips one noun phrase ("at Osgiliath with the parliament of Gondor":
// "Osgiliath", then "the parliament").
func (t *tree) npChunk(i int) (start, end int, ok bool) {
	in := func(k int) bool {
		switch t.toks[k].UPOS {
		case "DET", "ADJ", "NUM", "NOUN", "PROPN":
			return true
		case "PART":
			return isPossessiveMark(t.toks[k].Text)
		case "PRON":
			return t.fullRel(k) == "nmod:poss"
		}
		return false
	}
	if i < 0 || i >= len(t.toks) || !in(i) || t.toks[i].UPOS == "PART" {
		return 0, 0, false
	}
	start, end = i, i+1
	for start > 0 && in(start-1) {
		start--
	}
	for end < len(t.toks) && in(end) {
		end++
	}
	return start, end, true
}

func isPossessiveMark(w string) bool {
	return w == "'s" || w == "'" || w == "’s" || w == "’"
}

// at reports whether element e matches at token i, and how many tokens.
func (ix *lexIndex) at(t *tree, e *lexElem, i int, m *lexMatch) (int, bool) {
	switch e.Kind {
	case dictionary.ElemWord:
		// PETRARCH matches words as written, without stemming:
		// "* RESOLUTION" does not match "resolutions". (Equal words have
		// equal bits: the bit test only saves comparing others.)
		if t.bit(i) == e.bit && t.lower(i) == e.Text {
			return 1, true
		}
	case dictionary.ElemSynset:
		// A token whose bit no first word sets is no member's first word.
		if e.syn == nil || !e.syn.first.has(t.bit(i)) {
			break
		}
		for _, seq := range e.syn.byFirst[t.lower(i)] {
			if n, ok := ix.matchSeq(t, i, seq, 0); ok {
				return n, true
			}
		}
	case dictionary.ElemSource:
		if mm, bare, ok := markerMention(t, i); ok {
			m.src, m.bareSrc = i, bare
			return mm.End - i, true
		}
	case dictionary.ElemCompound:
		// "%": a compound actor, an actor coordinated with others ("the
		// Philippines and France"); before the verb it is the source,
		// after it the target.
		if t.mentions != nil && t.mentions.at(i) != nil {
			h := t.mentions.at(i).Head
			if first := t.firstConjunct(h); len(t.conjuncts(first)) > 1 {
				if i < m.verb {
					m.src, m.compSrc = first, true
				} else {
					m.tgt, m.compTgt = first, true
				}
				return 1, true
			}
		}
	case dictionary.ElemTarget:
		if mm, bare, ok := markerMention(t, i); ok {
			m.tgt, m.bareTgt = i, bare
			return mm.End - i, true
		}
	}
	return 0, false
}

// markerMention returns the mention a "$" or "+" at token i stands on:
// one starting at i, or a composite whose country or actor part starts at
// i (bare). A token inside a mention matches nothing.
func markerMention(t *tree, i int) (*Mention, bool, bool) {
	if t.mentions == nil {
		return nil, false, false
	}
	m := t.mentions.at(i)
	switch {
	case m == nil:
		return nil, false, false
	case m.Start == i:
		return m, false, true
	case m.compAgent != nil && m.base != "" && i == m.baseStart:
		return m, true, true
	}
	return nil, false, false
}

// flatten calls yield with every word sequence synset name stands for, in
// the order matchSeq tries them: its members, and in place of a member
// naming another synset, that synset's (to matchSeq's depth).
func (ix *lexIndex) flatten(name string, depth int, yield func([]string)) {
	for _, seq := range ix.synsets[name] {
		switch {
		case len(seq) == 1 && strings.HasPrefix(seq[0], "&"):
			if depth <= 4 {
				ix.flatten(seq[0], depth+1, yield)
			}
		case len(seq) > 0:
			yield(seq)
		}
	}
}

// matchSeq reports how many tokens from i a synset member matches: its
// words as written, or a member of a synset it names ("+&TIETYPES").
func (ix *lexIndex) matchSeq(t *tree, i int, seq []string, depth int) (int, bool) {
	if len(seq) == 1 && strings.HasPrefix(seq[0], "&") {
		if depth > 4 {
			return 0, false
		}
		for _, sub := range ix.synsets[seq[0]] {
			if n, ok := ix.matchSeq(t, i, sub, depth+1); ok {
				return n, true
			}
		}
		return 0, false
	}
	if len(seq) == 0 || i+len(seq) > len(t.toks) {
		return 0, false
	}
	for k, w := range seq {
		if t.lower(i+k) != w {
			return 0, false
		}
	}
	return len(seq), true
}

// lexicalBinding turns a lexical match into a binding over a synthetic
// pattern carrying its code and source position.
func (c *Coder) lexicalBinding(t *tree, f *frame, lm lexMatch) binding {
	p := &dictionary.Pattern{Code: lm.lp.code.Code, Reverse: lm.lp.code.Reverse, Head: t.lemma(f.pred),
		Text: lm.lp.p.Text, Origin: lm.lp.p.Text, Source: lm.lp.p.Source}
	if !lm.lp.code.Valid {
		p.Code = strings.TrimSpace(lm.lp.code.Raw)
	}
	b := binding{pat: p, pred: f.pred, xcomp: -1, objNoun: -1, bareSrc: lm.bareSrc, bareTgt: lm.bareTgt}
	subj, obj := f.subj, f.obj
	if f.passive {
		subj, obj = f.agent, append(append([]int(nil), f.subj...), f.obj...)
	}
	b.src = subj
	switch {
	case lm.compSrc:
		b.src = t.conjuncts(lm.src)
		// "Gondor and Osgiliath renewed ties": with no target named, the
		// compound's members act on each other.
		b.mutual = lm.tgt < 0
	case lm.src >= 0:
		b.src = []int{lm.src}
	case lm.tgt >= 0 && lm.tgt < lm.verb && !lm.compTgt:
		// "Gondor's Prime Minister noted that Cirith Ungol regretted" for
		// "- NOTED + *": with the target before the verb, PETRARCH's
		// source is the first coded actor of the clause before it.
		if s := firstActorBefore(t, lm.verb, lm.tgt); s >= 0 {
			b.src = []int{s}
		}
	}
	switch {
	case lm.compTgt:
		b.tgt = [][]int{t.conjuncts(lm.tgt)}
	case lm.tgt >= 0:
		b.tgt = [][]int{{lm.tgt}}
	case b.mutual:
	default:
		b.tgt = c.defaultTarget(t, f, obj, -1, "", false)
		// PETRARCH reads the target off the words after the verb: the first
		// actor after the matched phrase, whatever the parser made of the
		// phrase ("contribute a million rupees to Gondor" with "rupees"
		// taken for a verb).
		if a := c.firstActorAfter(t, max(f.pred, lm.end-1)); a >= 0 {
			b.tgt = append(b.tgt, []int{a})
		}
	}
	return b
}

// firstActorBefore returns the head of the first coded actor mention of
// the clause before token v — from the last comma delimiting a clause
// before v, or the start — that is not the mention at token not, or -1.
func firstActorBefore(t *tree, v, not int) int {
	if t.mentions == nil {
		return -1
	}
	start := 0
	for k := v - 1; k > 0; k-- {
		if t.toks[k].Text == "," && t.clauseComma(k) {
			start = k + 1
			break
		}
	}
	skip := t.mentions.at(not)
	for k := start; k < v; k++ {
		if m := t.mentions.at(k); m != nil && m != skip && m.Code != "" && !t.isDeleted(k) {
			return m.Head
		}
	}
	return -1
}

// firstActorAfter returns the head of the first coded actor mention after
// token i and before the end of its clause (see clauseEnd), else of
// the first role noun there ("arrested students": ---EDU, as PETRARCH
// takes a null-coded phrase when no coded one follows the verb), or -1.
func (c *Coder) firstActorAfter(t *tree, i int) int {
	if t.mentions == nil {
		return -1
	}
	agent := -1
	for k, end := i+1, t.clauseEnd(i); k < end; k++ {
		if m := t.mentions.at(k); m != nil && m.Code != "" {
			if m.Kind != "agent" {
				return m.Head
			}
			if agent < 0 {
				agent = m.Head
			}
		}
	}
	return agent
}
