package geo

import (
	"unicode"
	"unicode/utf8"
)

// foldPairs maps accented Latin letters (and a few look-alikes) to ASCII.
var foldPairs = []string{
	"àáâãäåāăąǎȁȃạảấầẩẫậắằẳẵặ", "a", "çćĉċč", "c", "ďđḍḏḑ", "d", "èéêëēĕėęěẹẻẽếềểễệ", "e",
	"ĝğġģǧ", "g", "ĥħḥḫḩẖ", "h", "ìíîïĩīĭįıǐỉị", "i", "ĵ", "j", "ķǩ", "k", "ĺļľŀłḷ", "l",
	"ñńņňŉṇṅṉ", "n", "òóôõöøōŏőǒơọỏốồổỗộớờởỡợ", "o", "ŕŗřṛ", "r", "śŝşšșṣ", "s", "ţťŧțṭṯ", "t",
	"ùúûüũūŭůűųưǔụủứừửữự", "u", "ŵ", "w", "ýÿŷỳỹỵ", "y", "źżžẓẕẑ", "z",
	"ß", "ss", "æ", "ae", "œ", "oe", "þ", "th", "ð", "d",
}

var foldTable = func() map[rune]string {
	m := map[rune]string{}
	for i := 0; i+1 < len(foldPairs); i += 2 {
		for _, r := range foldPairs[i] {
			m[r] = foldPairs[i+1]
		}
	}
	return m
}()

// isDropped reports characters that vanish from keys: apostrophes, okina
// and ayn marks, and periods ("Sana'a" = "Sanaa", "D.C." = "DC").
func isDropped(r rune) bool {
	switch r {
	case '\'', '.', '’', '‘', 'ʻ', 'ʼ', 'ʿ', 'ʾ', '`', '´':
		return true
	}
	return unicode.Is(unicode.Mn, r)
}

// appendKey appends the lookup key of s to dst: letters and digits folded
// to lower-case ASCII where possible, apostrophes and periods dropped, and
// every other run of characters (spaces, hyphens, commas) turned into one
// space. "Mazār-e Sharīf" becomes "mazar e sharif".
func appendKey(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' || c == '.' || c == '`':
				continue
			default:
				space = true
				continue
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if isDropped(r) {
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		r = unicode.ToLower(r)
		if f, ok := foldTable[r]; ok {
			dst = append(dst, f...)
		} else {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// Key returns the normalised form under which names are looked up.
func Key(s string) string { return string(appendKey(nil, s)) }
