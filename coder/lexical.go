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
}

// lexIndex maps verb forms and lemmas to the untranslated patterns of the
// blocks that hold them.
type lexIndex struct {
	byVerb  map[string][]lexPattern
	synsets map[string][][]string // "&NAME" → member word sequences
}

var lexCache sync.Map // *dictionary.Dictionary → *lexIndex

func lexicalIndex(d *dictionary.Dictionary) *lexIndex {
	if d.Petrarch == nil {
		return nil
	}
	if v, ok := lexCache.Load(d); ok {
		return v.(*lexIndex)
	}
	ix := &lexIndex{byVerb: map[string][]lexPattern{}, synsets: map[string][][]string{}}
	for _, s := range d.Petrarch.Synsets {
		name := strings.ToLower(s.Name)
		for i, m := range s.Members {
			ix.synsets[name] = append(ix.synsets[name], strings.Fields(m))
			if i < len(s.Plurals) && s.Plurals[i] != "" {
				ix.synsets[name] = append(ix.synsets[name], strings.Fields(s.Plurals[i]))
			}
		}
	}
	for _, b := range d.Petrarch.Blocks {
		var pats []lexPattern
		for _, p := range b.Patterns {
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
		for _, v := range b.Verbs {
			vp := pats
			if len(v.Words) > 1 {
				vp = multiwordPatterns(v, pats)
			}
			for _, f := range append(v.AllForms(), v.Lemma) {
				ix.byVerb[f] = append(ix.byVerb[f], vp...)
			}
		}
	}
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

// hasLexical reports whether token tk's form or lemma has PETRARCH
// patterns to match lexically.
func (c *Coder) hasLexical(tk *dyad.Token) bool {
	ix := lexicalIndex(c.dict)
	if ix == nil {
		return false
	}
	return len(ix.byVerb[lowerASCII(tk.Text)]) > 0 || len(ix.byVerb[lowerASCII(tk.Lemma)]) > 0
}

// lexMatch is a lexical match: the pattern and where its markers stood.
type lexMatch struct {
	lp       lexPattern
	src, tgt int // token indexes of the "$" and "+" actors, or -1
	// compSrc and compTgt report that src or tgt is a "%" compound actor
	// (the first of its conjuncts).
	compSrc, compTgt bool
	verb             int // the predicate token
	end              int // the token after the last element matched after the verb
}

// matchLexical returns the most specific untranslated PETRARCH pattern that
// matches around predicate v, if any.
func (c *Coder) matchLexical(t *tree, v int) (lexMatch, bool) {
	ix := lexicalIndex(c.dict)
	if ix == nil {
		return lexMatch{}, false
	}
	pats := ix.byVerb[strings.ToLower(t.toks[v].Text)]
	if len(pats) == 0 {
		pats = ix.byVerb[t.lemma(v)]
	}
	best, found := lexMatch{}, false
	noun := t.toks[v].UPOS == "NOUN" || t.toks[v].UPOS == "PROPN"
	for _, lp := range pats {
		if noun && !lp.multi {
			continue
		}
		m, ok := ix.match(t, v, lp)
		if ok && (!found || lp.words >= best.lp.words) {
			best, found = m, true
		}
	}
	return best, found
}

// match checks one pattern around verb v.
func (ix *lexIndex) match(t *tree, v int, lp lexPattern) (lexMatch, bool) {
	m := lexMatch{lp: lp, src: -1, tgt: -1, verb: v}
	// After the verb: elements in order, each at or after pos.
	pos := v + 1
	for _, e := range lp.p.Post {
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
		e := lp.p.Pre[i]
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
// joined) and returns the position after it.
func (ix *lexIndex) find(t *tree, e dictionary.PetrarchElem, pos, limit int, joined bool, m *lexMatch) (int, bool) {
	for i := pos; i < limit; i++ {
		if n, ok := ix.at(t, e, i, m); ok {
			return i + n, true
		}
		if joined || e.Kind == dictionary.ElemSkip {
			break
		}
		if w := t.toks[i].Text; w == "." || w == ";" {
			break
		}
	}
	if e.Kind == dictionary.ElemSkip {
		return pos, true
	}
	return pos, false
}

// findBefore looks for element e ending right before end (when joined) or
// anywhere before it, and returns its start.
func (ix *lexIndex) findBefore(t *tree, e dictionary.PetrarchElem, end int, joined bool, m *lexMatch) (int, bool) {
	for i := end - 1; i >= 0; i-- {
		if n, ok := ix.at(t, e, i, m); ok && i+n <= end && (!joined || i+n == end) {
			return i, true
		}
		if joined && e.Kind == dictionary.ElemWord {
			break
		}
	}
	if e.Kind == dictionary.ElemSkip {
		return end, true
	}
	return end, false
}

// at reports whether element e matches at token i, and how many tokens.
func (ix *lexIndex) at(t *tree, e dictionary.PetrarchElem, i int, m *lexMatch) (int, bool) {
	switch e.Kind {
	case dictionary.ElemWord:
		// PETRARCH matches words as written, without stemming:
		// "* RESOLUTION" does not match "resolutions".
		if strings.ToLower(t.toks[i].Text) == e.Text {
			return 1, true
		}
	case dictionary.ElemSynset:
		for _, seq := range ix.synsets[strings.ToLower(e.Text)] {
			if n, ok := ix.matchSeq(t, i, seq, 0); ok {
				return n, true
			}
		}
	case dictionary.ElemSource:
		if t.mentions != nil && t.mentions.at(i) != nil {
			m.src = i
			return 1, true
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
		if t.mentions != nil && t.mentions.at(i) != nil {
			m.tgt = i
			return 1, true
		}
	}
	return 0, false
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
		if strings.ToLower(t.toks[i+k].Text) != w {
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
	b := binding{pat: p, pred: f.pred, xcomp: -1, objNoun: -1}
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
	}
	switch {
	case lm.compTgt:
		b.tgt = [][]int{t.conjuncts(lm.tgt)}
	case lm.tgt >= 0:
		b.tgt = [][]int{{lm.tgt}}
	case b.mutual:
	default:
		b.tgt = c.defaultTarget(t, f, obj, -1)
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

// firstActorAfter returns the head of the first coded actor mention after
// token i and before the next clause break (";", ":" or a comma), or -1.
func (c *Coder) firstActorAfter(t *tree, i int) int {
	if t.mentions == nil {
		return -1
	}
	for k := i + 1; k < len(t.toks); k++ {
		switch t.toks[k].Text {
		case ",", ";", ":":
			return -1
		}
		if m := t.mentions.at(k); m != nil && m.Code != "" && m.Kind != "agent" {
			return m.Head
		}
	}
	return -1
}
