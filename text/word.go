package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word scans the word starting at start (a word character) inside the chunk
// ending at end, emits its pieces and returns the position after it.
func (s *scanner) word(start, end int) int {
	src := s.src
	i := start
	seg := start // start of the current hyphen-separated segment
loop:
	for i < end {
		c := src[i]
		if c < 0x80 {
			if isAlnum(c) || c == '_' {
				i++
				continue
			}
			if i+1 >= end {
				break
			}
			n := src[i+1]
			switch c {
			case '.':
				if isAlnum(n) { // 3.5, U.S, e.g, example.com
					i++
					continue
				}
			case ',':
				if isDigit(src[i-1]) && i+3 < end+1 && digitsAt(src, i+1, end) == 3 {
					i++ // 1,000
					continue
				}
			case ':', '/':
				if isDigit(src[i-1]) && isDigit(n) { // 10:30, 9/11
					i++
					continue
				}
			case '&':
				if isUpper(src[i-1]) && isUpper(n) { // AT&T
					i++
					continue
				}
			case '\'':
				if isLetterAt(src, i+1) && i+1 < end {
					i++ // don't, O'Brien: clitics are split below
					continue
				}
			case '-':
				if isWordStartAt(src, i+1) && keepHyphen(src, seg, i, end) {
					i++
					seg = i
					continue
				}
			}
			break loop
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		if r == '’' {
			if i+size < end && isLetterAt(src, i+size) {
				i += size
				continue
			}
			break
		}
		if !isWordRune(r, size) {
			break
		}
		i += size
	}
	wordEnd := i
	// "US$", "HK$", "A$": a currency prefix.
	if i < end && src[i] == '$' && i-start <= 3 && allUpper(src[start:i]) {
		i++
		s.emit(start, i, 0)
		return i
	}
	// An abbreviation period.
	if i < end && src[i] == '.' && (i+1 >= end || src[i+1] != '.') {
		kind := abbrevKindOf(src[start:i])
		if kind == abbrevTitle && (src[start:i] == "No" || src[start:i] == "Nos") && !digitFollows(src, i+1) {
			kind = notAbbrev // "No." is a title only before a number
		}
		if kind != notAbbrev {
			flags := fAbbrev
			if kind == abbrevTitle {
				flags |= fTitle
			}
			s.emit(start, i+1, flags)
			return i + 1
		}
	}
	s.emitWord(start, wordEnd)
	return wordEnd
}

// digitsAt returns the number of ASCII digits at src[i:end] (up to 4).
func digitsAt(src string, i, end int) int {
	n := 0
	for i < end && n < 4 && isDigit(src[i]) {
		i++
		n++
	}
	return n
}

// digitFollows reports whether the next non-space byte after i is a digit.
func digitFollows(src string, i int) bool {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i < len(src) && isDigit(src[i])
}

func allUpper(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !isUpper(w[i]) {
			return false
		}
	}
	return true
}

// keepHyphen decides whether the hyphen at src[i] between the segment
// [seg,i) and the following text stays inside the word.
func keepHyphen(src string, seg, i, end int) bool {
	// Phone numbers: 713-853-3989, 646-8420.
	if i-seg == 3 && allDigits(src[seg:i]) {
		n := digitsAt(src, i+1, end)
		if n == 4 || (n == 3 && i+4 < end && src[i+4] == '-' && digitsAt(src, i+5, end) == 4) {
			return true
		}
	}
	// Extensions: 3-5213.
	if i-seg == 1 && isDigit(src[seg]) && digitsAt(src, i+1, end) == 4 && (seg == 0 || !isAlnum(src[seg-1])) {
		return true
	}
	if i-seg <= 7 {
		if _, ok := lookupFold(hyphenPrefixes, src[seg:i]); ok {
			return true
		}
	}
	// Suffixes: the next segment, up to a non-letter.
	j := i + 1
	for j < end && j-i <= 6 && ascii[src[j]&0x7f]&(cLower|cUpper) != 0 && src[j] < 0x80 {
		j++
	}
	if j-i-1 >= 4 && (j >= end || !isAlnum(src[j])) && inFold(hyphenSuffixes, src[i+1:j]) {
		return true
	}
	return false
}

func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			return false
		}
	}
	return w != ""
}

// lowerASCII returns w in lower case; it allocates only when w has upper-case
// letters.
func lowerASCII(w string) string {
	for i := 0; i < len(w); i++ {
		if isUpper(w[i]) {
			b := []byte(w)
			for j := i; j < len(b); j++ {
				if isUpper(b[j]) {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return w
}

// lookupFold looks w up in m ignoring ASCII case, without allocating for
// words of up to 16 bytes.
func lookupFold[V any](m map[string]V, w string) (V, bool) {
	var buf [16]byte
	if len(w) > len(buf) {
		v, ok := m[lowerASCII(w)]
		return v, ok
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if isUpper(c) {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	v, ok := m[string(buf[:len(w)])]
	return v, ok
}

// wholeWordClitics maps lower-cased words EWT splits without an apostrophe
// to the byte offset of the split.
var wholeWordClitics = map[string]int{
	"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3,
	"dont": 2, "didnt": 3, "doesnt": 4, "isnt": 2, "wasnt": 3, "werent": 4,
	"arent": 3, "couldnt": 5, "wouldnt": 5, "shouldnt": 6, "hasnt": 3,
	"havent": 4, "hadnt": 3, "cant": 2, "wont": 2, "im": 1, "ive": 1, "youre": 3,
}

// emitWord emits the word [a,b), splitting clitics and number-unit pairs.
func (s *scanner) emitWord(a, b int) {
	src := s.src
	w := src[a:b]
	// Number followed by letters: "1.5bn", "35mm", "5pm"; ordinals and
	// decades ("21st", "1990s") stay whole.
	if isDigit(w[0]) {
		k := 1
		for k < len(w) && (isDigit(w[k]) || ((w[k] == '.' || w[k] == ',' || w[k] == ':' || w[k] == '/') && k+1 < len(w) && isDigit(w[k+1]))) {
			k++
		}
		if k < len(w) && allLetters(w[k:]) {
			switch lowerASCII(w[k:]) { // short: allocates only for "ST", "TH"
			case "st", "nd", "rd", "th", "s":
			default:
				s.emit(a, a+k, 0)
				s.emit(a+k, b, 0)
				return
			}
		}
	}
	if n := len(w); n >= 4 {
		// n't / n’t
		if (w[n-1] == 't' || w[n-1] == 'T') && n >= 4 {
			if w[n-2] == '\'' && (w[n-3] == 'n' || w[n-3] == 'N') {
				s.emit(a, b-3, 0)
				s.emit(b-3, b, 0)
				return
			}
			if n >= 6 && w[n-4:n-1] == "’" && (w[n-5] == 'n' || w[n-5] == 'N') {
				s.emit(a, b-5, 0)
				s.emit(b-5, b, 0)
				return
			}
		}
	}
	// 's 're 've 'll 'd 'm
	if p := cliticStart(w); p > 0 {
		s.emit(a, a+p, 0)
		s.emit(a+p, b, 0)
		return
	}
	if n := len(w); n >= 2 && n <= 8 && (w[n-1]|0x20 == 't' || w[n-1]|0x20 == 'a' || w[n-1]|0x20 == 'm' || w[n-1]|0x20 == 'e') {
		if p, ok := lookupFold(wholeWordClitics, w); ok {
			s.emit(a, a+p, 0)
			s.emit(a+p, b, 0)
			return
		}
	}
	s.emit(a, b, 0)
}

func allLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if ascii[w[i]&0x7f]&(cLower|cUpper) == 0 || w[i] >= 0x80 {
			return false
		}
	}
	return w != ""
}

// cliticStart returns the offset of a final clitic ('s, 're, 've, 'll, 'd,
// 'm, with a straight or curly apostrophe) in w, or 0.
func cliticStart(w string) int {
	n := len(w)
	for _, l := range [...]int{1, 2} {
		if n < l+2 {
			return 0
		}
		suf := w[n-l:]
		var ok bool
		if l == 1 {
			c := suf[0] | 0x20
			ok = c == 's' || c == 'd' || c == 'm'
		} else {
			c0, c1 := suf[0]|0x20, suf[1]|0x20
			ok = (c0 == 'r' && c1 == 'e') || (c0 == 'v' && c1 == 'e') || (c0 == 'l' && c1 == 'l')
		}
		if !ok {
			continue
		}
		if w[n-l-1] == '\'' {
			return n - l - 1
		}
		if n >= l+4 && w[n-l-3:n-l] == "’" {
			return n - l - 3
		}
	}
	return 0
}

// urlEnd returns the end of a URL starting at i, or i.
func urlEnd(src string, i, end int) int {
	rest := src[i:end]
	if !(hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") ||
		hasPrefixFold(rest, "ftp://") || hasPrefixFold(rest, "mailto:") || (hasPrefixFold(rest, "www.") && len(rest) > 4 && isAlnum(rest[4]))) {
		return i
	}
	return trimTrailingPunct(src, i, end)
}

// trimTrailingPunct drops sentence punctuation and unbalanced closing
// brackets from the end of the URL or address [i,end).
func trimTrailingPunct(src string, i, end int) int {
	open, closed := -1, 0 // bracket counts, computed on first need
	for end > i {
		c := src[end-1]
		switch c {
		case '.', ',', ';', ':', '!', '?', '"', '\'', ']', '>', '}':
			end--
			continue
		case ')':
			if open < 0 {
				open = strings.Count(src[i:end], "(")
				closed = strings.Count(src[i:end], ")")
			}
			if closed > open {
				closed--
				end--
				continue
			}
		}
		if c >= 0x80 {
			r, size := utf8.DecodeLastRuneInString(src[i:end])
			if unicode.IsPunct(r) {
				end -= size
				continue
			}
		}
		break
	}
	return end
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		c := s[k]
		if isUpper(c) {
			c += 'a' - 'A'
		}
		if c != prefix[k] {
			return false
		}
	}
	return true
}

// emailEnd returns the end of an e-mail address starting at i, or i.
func emailEnd(src string, i, end int) int {
	k := i
	end = min(end, i+320) // local part up to 64 bytes, domain up to 255
	for k < end && k-i <= 64 && (isAlnum(src[k]) || src[k] == '.' || src[k] == '_' || src[k] == '%' || src[k] == '+' || src[k] == '-') {
		k++
	}
	if k == i || k >= end || src[k] != '@' {
		return i
	}
	k++
	d := k
	dots := 0
	for k < end && (isAlnum(src[k]) || src[k] == '.' || src[k] == '-') {
		if src[k] == '.' {
			dots++
		}
		k++
	}
	for k > d && (src[k-1] == '.' || src[k-1] == '-') {
		if src[k-1] == '.' {
			dots--
		}
		k--
	}
	if k-d < 2 {
		return i
	}
	return k
}

// inFold reports whether w is a key of set, ignoring ASCII case.
func inFold(set map[string]bool, w string) bool {
	v, ok := lookupFold(set, w)
	return ok && v
}
