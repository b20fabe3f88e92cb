//go:build !race

package dictionary

// raceEnabled reports a -race build, whose timings mean nothing.
const raceEnabled = false
