package text

import (
	"github.com/dyad-events/dyad"
)

// MaxTokens is the longest sentence Split returns: a longer run of tokens
// without a sentence boundary is split at the last ";", ":", "," or dash of
// its second half, or at the limit when there is none.
const MaxTokens = 300

// headingMaxBytes is the longest line that a single line break ends as a
// heading when it has no final punctuation; longer lines are taken as
// hard-wrapped prose.
const headingMaxBytes = 70

// recoverPanics turns a panic inside Split or Tokenize into the white-space
// fallback; tests switch it off so that the fuzzer sees any panic.
var recoverPanics = true

// Split segments src into sentences and tokens. It never panics, for any
// input: every span is valid for src, tokens are in order and do not
// overlap, and each token lies inside its sentence's span.
func Split(src string) (out []dyad.Sentence) {
	if recoverPanics {
		defer func() {
			if recover() != nil {
				out = fallbackSplit(src)
			}
		}()
	}
	pieces := scan(src, make([]piece, 0, len(src)/5+1))
	return assemble(src, pieces, boundaries(src, pieces))
}

// Tokenize returns the tokens of src treated as one sentence (no splitting).
// Abbreviation periods stay attached ("U.S."). It never panics.
func Tokenize(src string) (out []dyad.Token) {
	if recoverPanics {
		defer func() {
			if recover() == nil {
				return
			}
			out = nil
			for _, s := range fallbackSplit(src) {
				out = append(out, s.Tokens...)
			}
		}()
	}
	pieces := scan(src, make([]piece, 0, len(src)/5+1))
	toks := make([]dyad.Token, len(pieces))
	for i, p := range pieces {
		toks[i] = token(src, p.start, p.end, p.flags&fSpaceAfter != 0)
	}
	return toks
}

// SplitDocument fills doc.Sentences from doc.Text.
func SplitDocument(doc *dyad.Document) {
	doc.Sentences = Split(doc.Text)
}

func token(src string, a, b int, spaceAfter bool) dyad.Token {
	return dyad.Token{Text: src[a:b], Span: dyad.Span{Start: a, End: b}, Head: -1, SpaceAfter: spaceAfter}
}

// boundary marks the last piece of a sentence; cut reports that the piece
// is an abbreviation whose period must be split off as its own token.
type boundary struct {
	last int
	cut  int // index of an abbreviation piece to split, or -1
}

// newBoundary returns the boundary after piece last, splitting the period
// off the abbreviation at piece abbr (when it is one).
func newBoundary(ps []piece, last, abbr int) boundary {
	if ps[abbr].flags&fAbbrev != 0 && ps[abbr].end-ps[abbr].start > 1 {
		return boundary{last, abbr}
	}
	return boundary{last, -1}
}

// boundaries decides where sentences end.
func boundaries(src string, ps []piece) []boundary {
	var out []boundary
	n := len(ps)
	if n == 0 {
		return nil
	}
	start := 0     // first piece of the current sentence
	lineStart := 0 // byte offset where the current line starts
	dateEnd := datelineEnd(src, ps, 0)
	for k := 0; k < n; k++ {
		p := ps[k]
		if p.flags&fNewline != 0 {
			lineStart = p.start
		}
		last := -1 // the sentence ends after piece last
		cutAt := -1
		switch {
		case k == n-1:
			last = k
		case k == dateEnd:
			last = k
		case p.flags&fFinal != 0 && k > 0 && isListNumber(src, ps, k-1):
			// "1." at the start of a line numbers a list item.
		case p.flags&(fFinal|fEllipsis) != 0:
			// Closing quotes and brackets attached to the punctuation
			// belong to the sentence it ends.
			m := k
			for m+1 < n && ps[m+1].flags&fCloser != 0 && ps[m+1].start == ps[m].end && ps[m+1].flags&fNewline == 0 {
				m++
			}
			if m == n-1 || finalEnds(ps, k, m+1) {
				last = m
			}
			k = m
		case ps[k+1].flags&fPara != 0:
			last = k
		case p.flags&fAbbrev != 0:
			m := k // closing quotes and brackets after the abbreviation
			for m+1 < n && ps[m+1].flags&fCloser != 0 && ps[m+1].start == ps[m].end && ps[m+1].flags&fNewline == 0 {
				m++
			}
			switch {
			case m == n-1 || ps[m+1].flags&fPara != 0:
				last, cutAt = m, k
			case abbrevEnds(src, ps, k, m+1):
				last, cutAt = m, k
			default:
				k = m
			}
		case ps[k+1].flags&fNewline != 0:
			if lineEnds(src, ps, k, lineStart) {
				last = k
			}
		}
		if last < 0 && k < n-1 && ps[k+1].flags&fPara != 0 {
			last = k // a paragraph break after closers that did not end the sentence
		}
		if last >= 0 {
			if cutAt < 0 {
				cutAt = last
			}
			// A run of closers taken in one step may have passed the
			// limit: break it first.
			for last-start+1 > MaxTokens {
				b := forcedBreak(ps, start, start+MaxTokens-1)
				out = append(out, newBoundary(ps, b, b))
				start = b + 1
			}
			out = append(out, newBoundary(ps, last, cutAt))
			start = last + 1
			k = last
			if k+1 < n && ps[k+1].flags&fPara != 0 {
				dateEnd = datelineEnd(src, ps, k+1)
			}
			continue
		}
		for k-start+1 >= MaxTokens {
			b := forcedBreak(ps, start, min(k, start+MaxTokens-1))
			out = append(out, newBoundary(ps, b, b))
			start = b + 1
		}
	}
	return out
}

// finalEnds decides whether sentence-final punctuation at piece k, followed
// (after closers) by piece nx, ends the sentence.
func finalEnds(ps []piece, k, nx int) bool {
	next := ps[nx]
	if next.flags&(fPara|fNewline) != 0 && next.flags&fLower == 0 {
		return true
	}
	if next.flags&fLower != 0 {
		// A lower-case word after a closing quote continues ("Why?" he
		// asked); after bare punctuation and a space it starts a sentence
		// written in lower case, as is common in web text.
		return nx == k+1 && ps[k].flags&fFinal != 0 && ps[k].flags&fSpaceAfter != 0
	}
	if next.flags&fBreak != 0 && next.flags&fDash == 0 {
		return false // "?," or ".:" continues
	}
	if next.flags&fCloser != 0 {
		return false
	}
	if ps[k].flags&fEllipsis != 0 || ps[nx-1].end == next.start {
		// After an ellipsis, or with no space ("3.5.1", "a.b"), only a
		// capitalised word starts a new sentence.
		if next.flags&fOpener != 0 && nx+1 < len(ps) {
			return ps[nx+1].flags&fUpper != 0
		}
		return next.flags&fUpper != 0
	}
	return true
}

// abbrevEnds decides whether the abbreviation at piece k ends its sentence.
func abbrevEnds(src string, ps []piece, k, nx int) bool {
	next := ps[nx]
	if next.flags&fNewline != 0 && next.flags&fLower == 0 {
		return true
	}
	if ps[k].flags&fTitle != 0 {
		return false
	}
	w := src[next.start:next.end]
	if next.flags&fOpener != 0 && nx+1 < len(ps) && ps[nx].end == ps[nx+1].start {
		return ps[nx+1].flags&fUpper != 0 && (sentenceStarters[src[ps[nx+1].start:ps[nx+1].end]] || src[next.start:next.end] != "(")
	}
	if nx > k+1 && next.flags&fUpper != 0 {
		return true // a closing quote or bracket after the abbreviation
	}
	if next.flags&fUpper == 0 {
		return false
	}
	if src[ps[k].start:ps[k].end] == "etc." {
		return true
	}
	return sentenceStarters[w]
}

// lineEnds decides whether a single line break after piece k ends the
// sentence: before a bullet, or after a short line without final
// punctuation (a heading).
func lineEnds(src string, ps []piece, k, lineStart int) bool {
	next := ps[k+1]
	if isBullet(src, ps, k+1) {
		return true
	}
	if next.flags&(fUpper|fDigit|fOpener) == 0 {
		return false
	}
	if ps[k].flags&(fBreak|fDash) != 0 {
		return false
	}
	return ps[k].end-lineStart < headingMaxBytes
}

// isBullet reports whether piece k starts a list item: "-", "*", "•" or a
// number followed by "." or ")".
func isBullet(src string, ps []piece, k int) bool {
	w := src[ps[k].start:ps[k].end]
	switch w {
	case "-", "*", "•", "·", "–", "—", "▪", "◦", "‣":
		return true
	}
	if ps[k].flags&fDigit != 0 && len(w) <= 3 && k+1 < len(ps) && ps[k+1].start == ps[k].end {
		f := src[ps[k+1].start:ps[k+1].end]
		return f == "." || f == ")"
	}
	return false
}

// isListNumber reports whether piece k is a short number starting a line
// (or the text) and followed directly by "." or ")".
func isListNumber(src string, ps []piece, k int) bool {
	p := ps[k]
	if p.flags&fDigit == 0 || p.end-p.start > 3 || (k > 0 && p.flags&fNewline == 0) || k+1 >= len(ps) || ps[k+1].start != p.end {
		return false
	}
	f := src[ps[k+1].start:ps[k+1].end]
	return f == "." || f == ")"
}

// forcedBreak picks where to end an over-long sentence [start, k].
func forcedBreak(ps []piece, start, k int) int {
	lo := start + (k-start)/2
	for _, want := range [...]func(p piece) bool{
		func(p piece) bool { return p.flags&fBreak != 0 && p.flags&fDash == 0 && p.end-p.start == 1 },
		func(p piece) bool { return p.flags&fBreak != 0 },
	} {
		for j := k - 1; j >= lo; j-- {
			if want(ps[j]) {
				return j
			}
		}
	}
	return k
}

// assemble builds the sentences from the pieces and boundaries, splitting
// abbreviation periods off at sentence ends.
func assemble(src string, ps []piece, bs []boundary) []dyad.Sentence {
	if len(ps) == 0 {
		return nil
	}
	extra := 0
	for _, b := range bs {
		if b.cut >= 0 {
			extra++
		}
	}
	toks := make([]dyad.Token, 0, len(ps)+extra)
	sents := make([]dyad.Sentence, 0, len(bs))
	first := 0
	for _, b := range bs {
		from := len(toks)
		for j := first; j <= b.last; j++ {
			p := ps[j]
			if j == b.cut {
				toks = append(toks, token(src, p.start, p.end-1, false))
				toks = append(toks, token(src, p.end-1, p.end, p.flags&fSpaceAfter != 0))
				continue
			}
			toks = append(toks, token(src, p.start, p.end, p.flags&fSpaceAfter != 0))
		}
		if len(toks) > from {
			sents = append(sents, dyad.Sentence{
				Index:  len(sents),
				Span:   dyad.Span{Start: toks[from].Span.Start, End: toks[len(toks)-1].Span.End},
				Tokens: toks[from:len(toks):len(toks)],
			})
		}
		first = b.last + 1
	}
	return sents
}

// fallbackSplit is the last resort should the scanner fail: white-space
// tokens, MaxTokens to a sentence.
func fallbackSplit(src string) []dyad.Sentence {
	var out []dyad.Sentence
	var cur []dyad.Token
	flush := func() {
		if len(cur) > 0 {
			out = append(out, dyad.Sentence{Index: len(out), Span: dyad.Span{Start: cur[0].Span.Start, End: cur[len(cur)-1].Span.End}, Tokens: cur})
			cur = nil
		}
	}
	i := 0
	for i < len(src) {
		if src[i] <= ' ' {
			i++
			continue
		}
		j := i
		for j < len(src) && src[j] > ' ' {
			j++
		}
		cur = append(cur, token(src, i, j, true))
		if len(cur) == MaxTokens {
			flush()
		}
		i = j
	}
	flush()
	return out
}
