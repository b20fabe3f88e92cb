package coder

import (
	"strings"
	"sync"

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
		for _, m := range s.Members {
			ix.synsets[strings.ToLower(s.Name)] = append(ix.synsets[strings.ToLower(s.Name)], strings.Fields(m))
		}
	}
	for _, b := range d.Petrarch.Blocks {
		var pats []lexPattern
		for _, p := range b.Patterns {
			if p.Native != nil || p.Skipped != "" {
				continue
			}
			code := p.Code
			if code.Raw == "" {
				code = b.Code
			}
			n, neg := 0, false
			for _, e := range append(append([]dictionary.PetrarchElem(nil), p.Pre...), p.Post...) {
				if e.Kind == dictionary.ElemWord || e.Kind == dictionary.ElemSynset {
					n++
				}
				switch w := strings.ToLower(e.Text); {
				case w == "not" || w == "n't" || w == "never" || w == "no":
					neg = true
				case e.Kind == dictionary.ElemSynset && strings.Contains(w, "neg"):
					neg = true
				}
			}
			if n > 0 {
				pats = append(pats, lexPattern{p: p, code: code, words: n, neg: neg})
			}
		}
		if len(pats) == 0 {
			continue
		}
		for _, v := range b.Verbs {
			for _, f := range append(v.AllForms(), v.Lemma) {
				ix.byVerb[f] = append(ix.byVerb[f], pats...)
			}
		}
	}
	v, _ := lexCache.LoadOrStore(d, ix)
	return v.(*lexIndex)
}

// lexMatch is a lexical match: the pattern and where its markers stood.
type lexMatch struct {
	lp       lexPattern
	src, tgt int // token indexes of the "$" and "+" actors, or -1
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
	for _, lp := range pats {
		m, ok := ix.match(t, v, lp)
		if ok && (!found || lp.words >= best.lp.words) {
			best, found = m, true
		}
	}
	return best, found
}

// match checks one pattern around verb v.
func (ix *lexIndex) match(t *tree, v int, lp lexPattern) (lexMatch, bool) {
	m := lexMatch{lp: lp, src: -1, tgt: -1}
	// After the verb: elements in order, each at or after pos.
	pos := v + 1
	for _, e := range lp.p.Post {
		next, ok := ix.find(t, e, pos, len(t.toks), e.Joined, &m)
		if !ok {
			return m, false
		}
		pos = next
	}
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
		w := strings.ToLower(t.toks[i].Text)
		if w == e.Text || t.lemma(i) == e.Text {
			return 1, true
		}
	case dictionary.ElemSynset:
		for _, seq := range ix.synsets[strings.ToLower(e.Text)] {
			if matchSeq(t, i, seq) {
				return len(seq), true
			}
		}
	case dictionary.ElemSource, dictionary.ElemCompound:
		if t.mentions != nil && t.mentions.at(i) != nil {
			m.src = i
			return 1, true
		}
	case dictionary.ElemTarget:
		if t.mentions != nil && t.mentions.at(i) != nil {
			m.tgt = i
			return 1, true
		}
	}
	return 0, false
}

func matchSeq(t *tree, i int, seq []string) bool {
	if i+len(seq) > len(t.toks) {
		return false
	}
	for k, w := range seq {
		if strings.ToLower(t.toks[i+k].Text) != w && t.lemma(i+k) != w {
			return false
		}
	}
	return true
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
	if lm.src >= 0 {
		b.src = []int{lm.src}
	}
	if lm.tgt >= 0 {
		b.tgt = [][]int{{lm.tgt}}
	} else {
		b.tgt = c.defaultTarget(t, f, obj, -1)
	}
	return b
}
