package coder

// SetLexPrefilter turns the word-signature test before lexical matching on
// or off, for tests that prove it changes nothing.
func SetLexPrefilter(on bool) { lexPrefilter = on }
