package coder

// SetMatchPrefilter turns the word-signature tests before matching on or
// off, for tests that prove they change nothing.
func SetMatchPrefilter(on bool) { matchPrefilter = on }
