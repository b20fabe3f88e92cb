package text

import (
	"unicode"
	"unicode/utf8"
)

// Piece flags, set by the scanner and read by the sentence splitter.
const (
	fSpaceAfter uint16 = 1 << iota // white space follows the piece
	fNewline                       // a line break precedes the piece
	fPara                          // a blank line (paragraph break) precedes the piece
	fFinal                         // ".", "!", "?" or a run of them
	fEllipsis                      // "..." or "…"
	fCloser                        // closing quote or bracket
	fOpener                        // opening quote or bracket
	fAbbrev                        // a word with an abbreviation period attached
	fTitle                         // an abbreviation that precedes names ("Mr.", "W.")
	fLower                         // starts with a lower-case letter
	fUpper                         // starts with an upper-case letter
	fDigit                         // starts with a digit
	fBreak                         // ";", ":", "," or a dash: a place to force a split
	fDash                          // a hyphen or dash
)

// piece is one token found by the scanner: a byte range and flags.
type piece struct {
	start, end int
	flags      uint16
}

// charClass bits for ASCII bytes.
const (
	cSpace = 1 << iota
	cLower
	cUpper
	cDigit
)

var ascii [128]uint8

func init() {
	for c := 0; c < 128; c++ {
		switch {
		case c <= ' ' || c == 0x7f:
			ascii[c] = cSpace
		case c >= 'a' && c <= 'z':
			ascii[c] = cLower
		case c >= 'A' && c <= 'Z':
			ascii[c] = cUpper
		case c >= '0' && c <= '9':
			ascii[c] = cDigit
		}
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool { return c < 0x80 && ascii[c]&(cLower|cUpper|cDigit) != 0 }

// isSpaceRune reports whether r separates tokens: Unicode white space,
// zero-width spaces, the byte-order mark and control characters.
func isSpaceRune(r rune) bool {
	switch {
	case r < 0x80:
		return ascii[r]&cSpace != 0
	case r >= 0x80 && r <= 0xa0: // C1 controls and NO-BREAK SPACE
		return true
	case r == 0x1680, r >= 0x2000 && r <= 0x200b, r == 0x2028, r == 0x2029,
		r == 0x202f, r == 0x205f, r == 0x3000, r == 0xfeff:
		return true
	}
	return false
}

// isWordRune reports whether r (decoded with the given size) is part of a
// word: a letter, digit, mark or format character, or an invalid byte.
func isWordRune(r rune, size int) bool {
	if r == utf8.RuneError && size <= 1 {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.Cf, r)
}

// isLetterAt reports whether a letter starts at src[i].
func isLetterAt(src string, i int) bool {
	if i >= len(src) {
		return false
	}
	c := src[i]
	if c < 0x80 {
		return ascii[c]&(cLower|cUpper) != 0
	}
	r, _ := utf8.DecodeRuneInString(src[i:])
	return unicode.IsLetter(r)
}

// isWordStartAt reports whether a word character starts at src[i].
func isWordStartAt(src string, i int) bool {
	if i >= len(src) {
		return false
	}
	c := src[i]
	if c < 0x80 {
		return isAlnum(c)
	}
	r, size := utf8.DecodeRuneInString(src[i:])
	return isWordRune(r, size) && !isSpaceRune(r)
}

// scanner turns text into pieces.
type scanner struct {
	src     string
	pieces  []piece
	pending uint16 // fNewline/fPara for the next piece
	chunkAt bool   // the current chunk holds an '@'
}

// scan appends the pieces of src to out.
func scan(src string, out []piece) []piece {
	s := scanner{src: src, pieces: out}
	i := 0
	newlines := 0
	for i < len(src) {
		c := src[i]
		// White space.
		if c < 0x80 {
			if ascii[c]&cSpace != 0 {
				if c == '\n' || (c == '\r' && (i+1 >= len(src) || src[i+1] != '\n')) {
					newlines++
				}
				s.spaceBefore()
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(src[i:])
			if isSpaceRune(r) {
				switch r {
				case 0x85, 0x2028:
					newlines++
				case 0x2029:
					newlines += 2
				}
				s.spaceBefore()
				i += size
				continue
			}
		}
		if newlines > 0 && len(s.pieces) > 0 {
			s.pending = fNewline
			if newlines > 1 {
				s.pending |= fPara
			}
		}
		newlines = 0
		j, at := chunkEnd(src, i)
		s.chunkAt = at
		s.chunk(i, j)
		i = j
	}
	if n := len(s.pieces); n > 0 {
		s.pieces[n-1].flags |= fSpaceAfter
	}
	return s.pieces
}

// spaceBefore marks the last piece as followed by white space.
func (s *scanner) spaceBefore() {
	if n := len(s.pieces); n > 0 {
		s.pieces[n-1].flags |= fSpaceAfter
	}
}

// chunkEnd returns the end of the run of non-space characters at i and
// whether the run holds an '@'.
func chunkEnd(src string, i int) (end int, at bool) {
	for i < len(src) {
		c := src[i]
		if c < 0x80 {
			if ascii[c]&cSpace != 0 {
				return i, at
			}
			at = at || c == '@'
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		if isSpaceRune(r) {
			return i, at
		}
		i += size
	}
	return i, at
}

// emit appends the piece [a,b) with flags, computing the case flags.
func (s *scanner) emit(a, b int, flags uint16) {
	if a >= b {
		return
	}
	c := s.src[a]
	if c < 0x80 {
		switch {
		case ascii[c]&cLower != 0:
			flags |= fLower
		case ascii[c]&cUpper != 0:
			flags |= fUpper
		case ascii[c]&cDigit != 0:
			flags |= fDigit
		}
	} else {
		r, _ := utf8.DecodeRuneInString(s.src[a:])
		switch {
		case unicode.IsLower(r):
			flags |= fLower
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			flags |= fUpper
		case unicode.IsDigit(r):
			flags |= fDigit
		}
	}
	flags |= s.pending
	s.pending = 0
	s.pieces = append(s.pieces, piece{a, b, flags})
}

// chunk splits the non-space run [a,b) into pieces; s.chunkAt tells
// whether it holds an '@'.
func (s *scanner) chunk(a, b int) {
	pos := a
	for pos < b {
		if isWordStartAt(s.src, pos) {
			if e := urlEnd(s.src, pos, b); e > pos {
				s.emit(pos, e, 0)
				pos = e
				continue
			}
			if s.chunkAt {
				if e := emailEnd(s.src, pos, b); e > pos {
					s.emit(pos, e, 0)
					pos = e
					continue
				}
			}
			pos = s.word(pos, b)
			continue
		}
		pos = s.punct(pos, a, b)
	}
}
