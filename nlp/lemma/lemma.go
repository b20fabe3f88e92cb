// Package lemma maps English word forms to lemmas following the conventions
// of the Universal Dependencies English Web Treebank (EWT): "was"/VBD → "be",
// "n't" → "not", "'s"/VBZ → "be", "ca"/MD → "can", "better"/JJR → "good",
// "children"/NNS → "child", "voted"/VBD → "vote", "me" → "I"; proper nouns
// keep their case.
//
// Lemma combines hand-written tables (irregular verbs, plurals,
// comparatives, pronouns, auxiliaries, contractions), suffix rules, and two
// tables derived from the EWT training treebank (CC BY-SA 4.0), embedded as
// ewt-lemmas.txt: the known lemmas of verbs, nouns and adjectives, which
// decide between rule candidates ("hoped" → hope, "stopped" → stop), and the
// (form, tag) pairs the rules get wrong. Regenerate the derived file with
//
//	go test ./nlp/lemma -run TestGenerateTables -update
package lemma

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lemma returns the lemma of form given its Penn XPOS (and UPOS) tag,
// following EWT conventions. It never panics; an empty form yields "".
func Lemma(form, upos, xpos string) string {
	if form == "" {
		return ""
	}
	if xpos == "" || xpos == "_" {
		xpos = guessXPOS(form, upos)
	}
	if strings.IndexByte(form, 0xE2) >= 0 {
		form = strings.ReplaceAll(form, "\u2019", "'") // n’t, ’s, ’re
	}
	lower := toLower(form)
	if l, ok := tables.exceptions[lower+"\t"+xpos]; ok {
		return l
	}
	if xpos == "NNP" || (upos == "PROPN" && xpos != "NNPS") {
		return form
	}
	if xpos == "NNPS" {
		return properPlural(form)
	}
	switch xpos {
	case "VBD", "VBN":
		if b, ok := pastToBase[lower]; ok {
			return b
		}
		if strings.HasSuffix(lower, "ed") {
			return edStem(lower)
		}
		return presentLemma(lower)
	case "VBZ":
		if b, ok := sForms[lower]; ok {
			return b
		}
		return sStem(lower, tables.verbs, false)
	case "VBG":
		if b, ok := ingForms[lower]; ok {
			return b
		}
		if strings.HasSuffix(lower, "ing") && len(lower) > 4 {
			return ingStem(lower)
		}
		return lower
	case "VB", "VBP":
		return presentLemma(lower)
	case "MD":
		if l, ok := modals[lower]; ok {
			return l
		}
		return lower
	case "CD":
		return number(form, lower)
	case "NNS":
		if l, ok := nounPlurals[lower]; ok {
			return l
		}
		if b, ok := strings.CutSuffix(form, "'s"); ok && b != "" {
			if b == strings.ToUpper(b) {
				return b // CDs written CD's, 1980's
			}
			return toLower(b)
		}
		if l, ok := compoundPlural(lower); ok {
			return l
		}
		return sStem(lower, tables.nouns, true)
	case "JJR", "JJS", "RBR", "RBS":
		return comparative(form, lower, upos, xpos)
	case "PRP", "PRP$", "WP", "WP$":
		if l, ok := pronouns[lower]; ok {
			return l
		}
		return lower
	case "DT", "PDT", "WDT":
		if l, ok := determiners[lower]; ok {
			return l
		}
		return lower
	case "RB":
		if lower == "n't" || lower == "nt" || lower == "not" {
			return "not"
		}
	case "POS":
		return "'s"
	case "TO":
		if lower == "na" || lower == "ta" {
			return "to"
		}
	case "JJ":
		return adjective(form, lower)
	}
	return lower
}

// number removes the thousands separators of numerals, as EWT does
// ("10,274,494" → "10274494"); other cardinals are lowercased.
func number(form, lower string) string {
	intPart, frac, _ := strings.Cut(form, ".")
	groups := strings.Split(intPart, ",")
	if len(groups) < 2 {
		return lower
	}
	for i, g := range groups {
		if len(g) == 0 || len(g) > 3 || (i > 0 && len(g) != 3) {
			return lower
		}
		for j := 0; j < len(g); j++ {
			if g[j] < '0' || g[j] > '9' {
				return lower
			}
		}
	}
	out := strings.Join(groups, "")
	if len(frac) < len(form)-len(intPart) {
		out += "." + frac
	}
	return out
}

// guessXPOS stands in for a missing Penn tag, from the UPOS and the suffix.
func guessXPOS(form, upos string) string {
	lower := toLower(form)
	switch upos {
	case "VERB", "AUX":
		if _, ok := pastToBase[lower]; ok {
			return "VBD"
		}
		switch {
		case strings.HasSuffix(lower, "ed"):
			return "VBD"
		case strings.HasSuffix(lower, "ing"):
			return "VBG"
		case strings.HasSuffix(lower, "s"):
			return "VBZ"
		}
		return "VB"
	case "NOUN":
		_, irregular := nounPlurals[lower]
		_, compound := compoundPlural(lower)
		if irregular || compound || strings.HasSuffix(lower, "s") {
			return "NNS"
		}
		return "NN"
	case "PROPN":
		return "NNP"
	case "ADJ":
		return "JJ"
	case "NUM":
		return "CD"
	case "PRON":
		return "PRP"
	case "DET":
		return "DT"
	case "PART":
		if lower == "'s" || lower == "’s" {
			return "POS"
		}
		return "RB"
	}
	return ""
}

// presentLemma handles base and non-third-person present forms.
func presentLemma(lower string) string {
	if l, ok := presentForms[lower]; ok {
		return l
	}
	return lower
}

// toLower lowercases s, returning s itself when it has no upper case.
func toLower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// adjective keeps the case of capitalised adjectives such as "American"
// unless the lowercase word is a known lemma ("Good" at a sentence start).
func adjective(form, lower string) string {
	if c, ok := tables.capAdjs[lower]; ok {
		return c // American, French (also when written lowercase)
	}
	if form == lower || tables.adjs[lower] {
		return lower
	}
	r, size := utf8.DecodeRuneInString(form)
	if unicode.IsUpper(r) && form[size:] == toLower(form[size:]) && len(form) > size {
		for _, suf := range [...]string{"an", "ese", "ish", "i", "ic", "ist"} {
			if strings.HasSuffix(lower, suf) {
				return form // an unknown nationality or group adjective
			}
		}
	}
	return lower
}

// properPlural singularises a plural proper noun keeping its case:
// "States" → "State", "Americans" → "American".
func properPlural(form string) string {
	lower := toLower(form)
	if !strings.HasSuffix(lower, "s") || strings.HasSuffix(lower, "ss") || len(form) < 3 {
		return form
	}
	stem := sStem(lower, tables.nouns, true)
	if len(stem) > len(form) || !strings.HasPrefix(lower, stem[:max(0, len(stem)-1)]) {
		return form
	}
	// Copy the case of the form onto the stem's shared prefix.
	n := 0
	for n < len(stem) && n < len(lower) && stem[n] == lower[n] {
		n++
	}
	return form[:n] + stem[n:]
}

// compoundPlural handles plurals of compounds of irregular nouns:
// "chairmen" → "chairman", "grandchildren" → "grandchild".
func compoundPlural(lower string) (string, bool) {
	for _, p := range [...]struct{ pl, sg string }{{"women", "woman"}, {"men", "man"}, {"children", "child"}, {"people", "people"}} {
		if strings.HasSuffix(lower, p.pl) && len(lower) > len(p.pl)+2 {
			if p.pl == "men" && (strings.HasSuffix(lower, "omen") && !strings.HasSuffix(lower, "women") ||
				strings.HasSuffix(lower, "imen") || strings.HasSuffix(lower, "amen")) {
				return "", false // abdomen, specimen, stamen
			}
			return lower[:len(lower)-len(p.pl)] + p.sg, true
		}
	}
	return "", false
}

// comparative lemmatises comparatives and superlatives: "bigger" → big,
// "happiest" → happy, "better" → good, "larger" → large.
func comparative(form, lower, upos, xpos string) string {
	pos := "ADJ"
	if strings.HasPrefix(xpos, "RB") {
		pos = "ADV"
	}
	if l, ok := comparatives[lower+"/"+pos]; ok {
		return l
	}
	var stem string
	switch {
	case strings.HasSuffix(lower, "est") && len(lower) > 5:
		stem = lower[:len(lower)-3]
	case strings.HasSuffix(lower, "er") && len(lower) > 4:
		stem = lower[:len(lower)-2]
	default:
		if form != lower && upos == "ADJ" {
			return adjective(form, lower)
		}
		return lower
	}
	if strings.HasSuffix(stem, "i") {
		return stem[:len(stem)-1] + "y"
	}
	known := func(w string) bool { return tables.adjs[w] }
	if u, ok := undouble(stem); ok {
		if known(u) || !known(stem) {
			return u
		}
		return stem
	}
	switch {
	case known(stem):
		return stem
	case known(stem + "e"):
		return stem + "e"
	case known(lower):
		return lower // upper, inner, former
	case strings.HasSuffix(stem, "e"):
		return stem
	case needsE(stem):
		return stem + "e"
	}
	return stem
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// undouble strips a doubled final consonant added before a suffix:
// "stopp" → "stop", "controll" → "control".
func undouble(stem string) (string, bool) {
	n := len(stem)
	if n < 4 || stem[n-1] != stem[n-2] {
		return "", false
	}
	switch c := stem[n-1]; {
	case strings.IndexByte("bdgmnprtv", c) >= 0:
		return stem[:n-1], true
	case c == 'z' && n >= 5:
		return stem[:n-1], true
	case c == 'l' && ((strings.HasSuffix(stem, "ell") && n >= 6) || (strings.HasSuffix(stem, "oll") && n >= 7) ||
		strings.HasSuffix(stem, "all") && n >= 7 && !strings.HasSuffix(stem, "stall")):
		return stem[:n-1], true
	}
	return "", false
}

// needsE guesses whether a verb or adjective stem, stripped of -ed, -ing,
// -er or -est, ends in a silent e: "vot" → vote, "visit" → visit.
func needsE(stem string) bool {
	n := len(stem)
	if n < 2 {
		return false
	}
	last, prev := stem[n-1], stem[n-2]
	single := isVowel(prev) && (n < 3 || !isVowel(stem[n-3])) // a single vowel before last
	switch last {
	case 'v', 'c', 'u':
		return true
	case 's':
		return prev != 's' && !strings.HasSuffix(stem, "focus") && !strings.HasSuffix(stem, "bias")
	case 'z':
		return prev != 'z'
	case 'g':
		switch {
		case prev == 'r' || prev == 'l' || prev == 'd':
			return true
		case prev == 'n':
			return strings.HasSuffix(stem, "ung") || strings.HasSuffix(stem, "eng") ||
				(strings.HasSuffix(stem, "ang") && n >= 5) || strings.HasSuffix(stem, "ringe")
		}
		return single
	case 'l':
		if !isVowel(prev) {
			return strings.IndexByte("lrwn", prev) < 0
		}
		return single && (prev == 'i' || prev == 'u' || prev == 'o')
	case 'b', 'd', 'k', 'm':
		return single
	case 'p':
		return single && !(prev == 'o' && n > 4)
	case 'n':
		if !single {
			return false
		}
		switch prev {
		case 'i', 'u':
			return true
		case 'o':
			return n <= 4 || strings.HasSuffix(stem, "pon") || strings.HasSuffix(stem, "don")
		case 'e':
			return strings.HasSuffix(stem, "ven")
		}
		return false
	case 'r':
		if !single {
			return false
		}
		switch prev {
		case 'a', 'i', 'u':
			return true
		case 'o':
			return n <= 4 || strings.HasSuffix(stem, "plor") || strings.HasSuffix(stem, "gnor") ||
				strings.HasSuffix(stem, "stor") || strings.HasSuffix(stem, "scor") || strings.HasSuffix(stem, "ador")
		case 'e':
			return strings.HasSuffix(stem, "fer") && n > 6 || strings.HasSuffix(stem, "her") && n > 4
		}
		return false
	case 't':
		if !single {
			return strings.HasSuffix(stem, "ast") && n <= 5 && !strings.HasSuffix(stem, "last") &&
				!strings.HasSuffix(stem, "cast") && !strings.HasSuffix(stem, "fast")
		}
		switch prev {
		case 'a', 'u':
			return true
		case 'o':
			return !strings.HasSuffix(stem, "ivot") && !strings.HasSuffix(stem, "ilot") && !strings.HasSuffix(stem, "iot")
		case 'e':
			return n >= 3 && (stem[n-3] == 'l' || stem[n-3] == 'p')
		case 'i':
			for _, w := range [...]string{"unit", "invit", "cit", "excit", "recit", "ignit", "incit", "expedit", "bit", "kit", "writ", "smit", "spit"} {
				if strings.HasSuffix(stem, w) {
					return true
				}
			}
		}
		return false
	case 'h':
		return strings.HasSuffix(stem, "breath") || strings.HasSuffix(stem, "sooth") || strings.HasSuffix(stem, "loath") ||
			strings.HasSuffix(stem, "clot") || strings.HasSuffix(stem, "bath") || strings.HasSuffix(stem, "ach") && n <= 4
	}
	return false
}

// verbStem picks the lemma of a verb stem stripped of -ed or -ing (stem) and
// whether the suffix was -ed (for which a stem ending in e, as in "agre",
// needs another e).
func verbStem(stem string, ed bool) string {
	known := func(w string) bool { return tables.verbs[w] }
	if u, ok := undouble(stem); ok {
		if known(u) || !known(stem) {
			return u
		}
		return stem
	}
	if ed && strings.HasSuffix(stem, "e") {
		return stem + "e" // agreed, freed
	}
	ks, ke := known(stem), known(stem+"e")
	switch {
	case ks && !ke:
		return stem
	case ke && !ks:
		return stem + "e"
	case !ed && strings.HasSuffix(stem, "e"):
		return stem // seeing, fleeing
	case needsE(stem):
		return stem + "e"
	}
	return stem
}

// edStem lemmatises a regular past form: "attacked" → attack, "voted" →
// vote, "tried" → try, "stopped" → stop.
func edStem(lower string) string {
	if strings.HasSuffix(lower, "ied") {
		if len(lower) > 4 {
			return lower[:len(lower)-3] + "y"
		}
		return lower[:len(lower)-1] // died, lied, tied
	}
	stem := lower[:len(lower)-2]
	if len(stem) < 2 {
		return lower
	}
	return verbStem(stem, true)
}

// ingStem lemmatises a present participle: "attacking" → attack, "using" →
// use, "stopping" → stop, "seeing" → see.
func ingStem(lower string) string {
	stem := lower[:len(lower)-3]
	if strings.HasSuffix(stem, "y") || len(stem) < 2 {
		return stem // trying, playing
	}
	return verbStem(stem, false)
}

// sStem lemmatises -s forms of verbs (VBZ) and nouns (NNS) using the known
// lemmas in lex to choose between candidates.
func sStem(lower string, lex map[string]bool, noun bool) string {
	n := len(lower)
	if n < 3 || !strings.HasSuffix(lower, "s") || strings.HasSuffix(lower, "ss") {
		return lower
	}
	dropS, dropES := lower[:n-1], lower[:n-2]
	if noun && ((lex[lower] && !lex[dropS]) || strings.HasSuffix(lower, "sis") || strings.HasSuffix(lower, "xis") ||
		(strings.HasSuffix(lower, "us") && !lex[dropS])) {
		return lower // news, status, analysis
	}
	switch {
	case strings.HasSuffix(lower, "ies"):
		if n > 4 && !lex[dropS] {
			return lower[:n-3] + "y"
		}
		return dropS
	case strings.HasSuffix(lower, "sses"), strings.HasSuffix(lower, "xes"), strings.HasSuffix(lower, "zzes"),
		strings.HasSuffix(lower, "ches"), strings.HasSuffix(lower, "shes"):
		if lex[dropS] && !lex[dropES] {
			return dropS // aches, niches
		}
		if strings.HasSuffix(lower, "zzes") && n > 6 && !lex[dropES] {
			return lower[:n-3] // quizzes
		}
		return dropES
	case strings.HasSuffix(lower, "oes"):
		if lex[dropES] || (!noun && !lex[dropS]) {
			return dropES // goes, echoes
		}
		return dropS
	case strings.HasSuffix(lower, "ses"), strings.HasSuffix(lower, "zes"):
		if lex[dropES] && !lex[dropS] {
			return dropES
		}
		return dropS
	case noun && strings.HasSuffix(lower, "ves"):
		if lex[dropS] {
			return dropS
		}
		if f := lower[:n-3] + "f"; lex[f] {
			return f
		}
		if fe := lower[:n-3] + "fe"; lex[fe] {
			return fe
		}
		return dropS
	case strings.HasSuffix(lower, "'s"):
		return lower
	}
	return dropS
}
