package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// punct emits the punctuation or symbol piece at pos inside the chunk
// [chunk, end) and returns the position after it.
func (s *scanner) punct(pos, chunk, end int) int {
	src := s.src
	c := src[pos]
	if c < 0x80 {
		if e := emoticonEnd(src, pos, chunk, end); e > pos {
			s.emit(pos, e, 0)
			return e
		}
		switch c {
		case '.':
			j := run(src, pos, end, '.')
			if j-pos >= 2 {
				s.emit(pos, j, fEllipsis)
			} else {
				s.emit(pos, j, fFinal)
			}
			return j
		case '!', '?':
			j := pos + 1
			for j < end && (src[j] == '!' || src[j] == '?') {
				j++
			}
			s.emit(pos, j, fFinal)
			return j
		case '-':
			j := run(src, pos, end, '-')
			if j-pos >= 2 {
				s.emit(pos, j, fDash|fBreak)
			} else {
				s.emit(pos, j, fDash)
			}
			return j
		case '"':
			if s.openingContext(pos, chunk) {
				s.emit(pos, pos+1, fOpener)
			} else {
				s.emit(pos, pos+1, fCloser)
			}
			return pos + 1
		case '\'':
			// A clitic written apart: "Jones 's".
			if pos == chunk {
				if e := standaloneClitic(src, pos+1, end); e > 0 {
					s.emit(pos, e, 0)
					return e
				}
			}
			if s.openingContext(pos, chunk) {
				s.emit(pos, pos+1, fOpener)
			} else {
				s.emit(pos, pos+1, fCloser)
			}
			return pos + 1
		case '(', '[', '{':
			if c == '[' && strings.HasPrefix(src[pos:end], "[...]") {
				s.emit(pos, pos+5, fEllipsis) // an elision mark
				return pos + 5
			}
			s.emit(pos, pos+1, fOpener)
			return pos + 1
		case ')', ']', '}':
			s.emit(pos, pos+1, fCloser)
			return pos + 1
		case ',', ';', ':':
			s.emit(pos, pos+1, fBreak)
			return pos + 1
		case '#', '@':
			// Hashtags and handles, at the start of a chunk or after an opener.
			if pos == chunk || !isWordStartAt(src, pos-1) {
				j := pos + 1
				if c == '#' && !isLetterAt(src, j) {
					s.emit(pos, pos+1, 0) // "#3" is "#" and "3"
					return pos + 1
				}
				for j < end && (isAlnum(src[j]) || src[j] == '_') {
					j++
				}
				if j > pos+1 {
					s.emit(pos, j, 0)
					return j
				}
			}
			s.emit(pos, pos+1, 0)
			return pos + 1
		case '*', '=', '_', '~', '+', '<', '>', '^', '|', '\\', '$':
			j := run(src, pos, end, c)
			s.emit(pos, j, 0)
			return j
		}
		s.emit(pos, pos+1, 0)
		return pos + 1
	}
	r, size := utf8.DecodeRuneInString(src[pos:])
	j := pos + size
	switch r {
	case '“', '‘', '«', '‹', '„', '‚':
		s.emit(pos, j, fOpener)
	case '”', '»', '›':
		s.emit(pos, j, fCloser)
	case '’':
		if pos == chunk {
			if e := standaloneClitic(src, j, end); e > 0 {
				s.emit(pos, e, 0)
				return e
			}
			s.emit(pos, j, fOpener)
		} else {
			s.emit(pos, j, fCloser)
		}
	case '…':
		s.emit(pos, j, fEllipsis)
	case '—', '–', '―', '‒':
		s.emit(pos, j, fDash|fBreak)
	case '‐', '‑': // Unicode hyphens
		s.emit(pos, j, fDash)
	case '。', '！', '？', '؟', '।':
		s.emit(pos, j, fFinal)
	case '、', '，', '；', '：', '؛', '،':
		s.emit(pos, j, fBreak)
	default:
		var f uint16
		if unicode.Is(unicode.Ps, r) {
			f = fOpener
		} else if unicode.Is(unicode.Pe, r) {
			f = fCloser
		}
		s.emit(pos, j, f)
	}
	return j
}

// run returns the end of the run of byte c starting at pos.
func run(src string, pos, end int, c byte) int {
	j := pos + 1
	for j < end && src[j] == c {
		j++
	}
	return j
}

// openingContext reports whether a straight quote at pos opens a quotation:
// it starts its chunk or follows an opener or dash.
func (s *scanner) openingContext(pos, chunk int) bool {
	if pos == chunk {
		return true
	}
	if n := len(s.pieces); n > 0 && s.pieces[n-1].end == pos {
		return s.pieces[n-1].flags&(fOpener|fDash) != 0
	}
	return false
}

// standaloneClitic returns the end of a clitic ("s", "re", "ll" …) written
// apart from its host, starting after the apostrophe at i, when the chunk
// ends or continues with punctuation right after it; otherwise 0.
func standaloneClitic(src string, i, end int) int {
	j := i
	for j < end && j-i < 3 && isAlnum(src[j]) {
		j++
	}
	if j < end && isAlnum(src[j]) {
		return 0
	}
	switch lowerASCII(src[i:j]) {
	case "s", "re", "ve", "ll", "d", "m":
		return j
	}
	return 0
}

// emoticonEnd returns the end of an emoticon (":)", ":-(", ";)", ":D")
// standing at the start of its chunk at pos, or pos.
func emoticonEnd(src string, pos, chunk, end int) int {
	c := src[pos]
	if pos != chunk || (c != ':' && c != ';') || pos+1 >= end {
		return pos
	}
	j := pos + 1
	if src[j] == '-' && j+1 < end {
		j++
	}
	switch src[j] {
	case ')', '(', 'D', 'P', 'p':
		if j+1 < end && isAlnum(src[j+1]) {
			return pos
		}
		return j + 1
	}
	return pos
}
