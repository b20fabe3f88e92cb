// Package nlp chains dyad's language analysis: sentence splitting and
// tokenization (package text), part-of-speech tagging and lemmatization
// (nlp/tag, nlp/lemma) and dependency parsing (nlp/parse).
package nlp

import (
	"fmt"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/nlp/parse"
	"github.com/dyad-events/dyad/nlp/tag"
	"github.com/dyad-events/dyad/text"
)

// Pipeline tags and parses text. Its methods are safe for concurrent use
// when its models are (the embedded ones are).
type Pipeline struct {
	// Tagger fills UPOS, XPOS and Lemma. When nil, the tokens' existing
	// tags are kept (useful for parsing gold-tagged treebanks).
	Tagger *tag.Model
	// Parser fills Head and Rel. When nil, sentences are only tagged.
	Parser *parse.Model
}

// Default returns a Pipeline with the embedded tagger and parser models.
func Default() (*Pipeline, error) {
	t, err := tag.Default()
	if err != nil {
		return nil, fmt.Errorf("nlp: %w", err)
	}
	p, err := parse.Default()
	if err != nil {
		return nil, fmt.Errorf("nlp: %w", err)
	}
	return &Pipeline{Tagger: t, Parser: p}, nil
}

// Annotate splits src into sentences (text.Split), then tags, lemmatizes and
// parses them. Token spans are byte offsets into src.
func (p *Pipeline) Annotate(src string) []dyad.Sentence {
	sents := text.Split(src)
	for i := range sents {
		p.AnnotateSentence(&sents[i])
	}
	return sents
}

// AnnotateSentence tags and parses one already tokenized sentence in place.
// Should a model fail on unexpected input, the sentence gets a flat tree
// (every word attached to the first with relation "dep") rather than a
// panic escaping to the caller.
func (p *Pipeline) AnnotateSentence(s *dyad.Sentence) {
	if len(s.Tokens) == 0 {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			flatten(s.Tokens)
		}
	}()
	if p.Tagger != nil {
		p.Tagger.TagTokens(s.Tokens)
	}
	if p.Parser != nil {
		p.Parser.Parse(s.Tokens)
	}
}

func flatten(toks []dyad.Token) {
	for i := range toks {
		toks[i].Head, toks[i].Rel = 1, "dep"
	}
	toks[0].Head, toks[0].Rel = 0, "root"
}
