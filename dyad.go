// Package dyad holds the domain types shared by every stage of the pipeline:
// documents, sentences and tokens with byte offsets, actor mentions and coded
// events. Stage packages (text, nlp/tag, nlp/parse, coder, store, analysis)
// depend on this package; it depends on none of them.
package dyad

import (
	"errors"
	"time"
)

// Span is a half-open byte range [Start, End) into a Document's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Valid reports whether the span lies inside a text of n bytes.
func (s Span) Valid(n int) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }

// Token is one syntactic word of a sentence. Head is the 1-based index of the
// head token within the sentence (0 for the root, -1 when not parsed yet).
type Token struct {
	Text  string // the word as it appears in the source (or its normalised form for split contractions)
	Span  Span   // byte offsets into the document text
	UPOS  string // Universal POS tag
	XPOS  string // Penn Treebank tag
	Lemma string
	Head  int    // 1-based head index, 0 = root, -1 = unparsed
	Rel   string // UD basic dependency relation
	// SpaceAfter reports whether white space follows the token in the source.
	SpaceAfter bool
}

// Sentence is a run of tokens with the byte span it covers in its document.
type Sentence struct {
	Index  int // 0-based position in the document
	Span   Span
	Tokens []Token
}

// Document is one news article or other text unit fed to the pipeline.
type Document struct {
	ID        string     `json:"id"`
	URL       string     `json:"url,omitempty"`
	Title     string     `json:"title,omitempty"`
	Source    string     `json:"source,omitempty"`
	Date      time.Time  `json:"date"`
	Text      string     `json:"text"`
	Sentences []Sentence `json:"-"`
}

// Sentinel errors shared across packages. Wrap them with %w.
var (
	// ErrNotFound is returned when a requested item does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalidInput is returned for input that cannot be processed.
	ErrInvalidInput = errors.New("invalid input")
	// ErrNotEnoughData is returned by analyses when too few events exist.
	ErrNotEnoughData = errors.New("not enough data")
)
