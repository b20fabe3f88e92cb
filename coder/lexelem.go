package coder

import (
	"unicode/utf8"

	"github.com/dyad-events/dyad/dictionary"
)

// What matchLexical looks up per token and per pattern element is looked
// up once: pattern elements carry their word's signature bit and their
// synset (lexElem), and a token's form its patterns, blocks and keys in
// one entry (lexForm, see lexicalIndex).

// lexElem is a pattern element with its word's signature bit and, for a
// synset, its members by first word: at tests the bit against the
// token's before comparing words or looking the token up.
type lexElem struct {
	dictionary.PetrarchElem
	bit uint8      // sigBit(Text)
	syn *lexSynset // for a synset element; nil when the synset is unknown
}

// lexSynset is a synset's members by first word (synFirstOf) and the
// signature of those first words.
type lexSynset struct {
	byFirst map[string][][]string
	first   wordSig
}

// elems returns els with their bits and synsets (see lexElem).
func (ix *lexIndex) elems(els []dictionary.PetrarchElem) []lexElem {
	out := make([]lexElem, len(els))
	for i, e := range els {
		out[i] = lexElem{PetrarchElem: e, bit: uint8(sigBit(e.Text))}
		if e.Kind == dictionary.ElemSynset {
			out[i].syn = ix.synsetOf(e.Text)
		}
	}
	return out
}

// firstWords returns the signature of the first words of synset element
// e's members (empty for an unknown synset).
func (e *lexElem) firstWords() wordSig {
	if e.syn == nil {
		return wordSig{}
	}
	return e.syn.first
}

// synsetOf returns synset name's lexSynset (nil for an unknown synset),
// built once per spelling.
func (ix *lexIndex) synsetOf(name string) *lexSynset {
	if s, ok := ix.synInfo[name]; ok {
		return s
	}
	var s *lexSynset
	if byFirst := ix.synFirstOf(name); byFirst != nil {
		s = &lexSynset{byFirst: byFirst}
		for w := range byFirst {
			s.first.add(w)
		}
	}
	if ix.synInfo == nil {
		ix.synInfo = map[string]*lexSynset{}
	}
	ix.synInfo[name] = s
	return s
}

// lexFormAt returns ix's entry for token v's lower-cased text, or nil.
func (ix *lexIndex) lexFormAt(t *tree, v int) *lexForm {
	if ix == nil {
		return nil
	}
	return ix.forms[t.lower(v)]
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
