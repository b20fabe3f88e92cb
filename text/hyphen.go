package text

// hyphenPrefixes lists the prefixes after which UD English EWT v2.15 keeps a
// hyphenated word whole ("e-mail", "non-violent", "pre-war", "anti-American");
// every other hyphen between word characters is split off as its own token.
//
// The list is derived data: it was computed from the training section of UD
// English EWT v2.15 (CC BY-SA 4.0, https://universaldependencies.org/treebanks/en_ewt/)
// by counting, for each lower-cased first part of a letters-hyphen-letters
// word, how often the treebank keeps the word whole versus splits it, and
// keeping the prefixes kept at least as often as split. TestHyphenPrefixes
// re-derives the counts from the treebank and checks each entry.
var hyphenPrefixes = map[string]bool{
	"anti": true, "arch": true, "co": true, "counter": true, "cross": true,
	"e": true, "ex": true, "intra": true, "micro": true, "mid": true,
	"multi": true, "neo": true, "non": true, "over": true,
	"post": true, "pre": true, "pro": true, "psycho": true, "re": true,
	"semi": true, "socio": true, "sub": true, "un": true,
}

// hyphenSuffixes lists second parts that EWT keeps attached ("career-wise",
// "Holocaust-esque"); derived the same way as hyphenPrefixes.
var hyphenSuffixes = map[string]bool{"wise": true, "esque": true}
