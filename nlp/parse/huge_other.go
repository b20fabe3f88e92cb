//go:build !linux

package parse

// makeSlots returns a zeroed table of n slots.
func makeSlots(n int) []slot { return make([]slot, n) }
