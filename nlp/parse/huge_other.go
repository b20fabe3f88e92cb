//go:build !linux

package parse

// makeSlots sets w.slots to a zeroed table of n slots.
func (w *weights) makeSlots(n int) { w.slots = make([]slot, n) }

// hugeWords returns nil: huge pages are only sought on Linux.
func (w *weights) hugeWords(n int) []uint64 { return nil }
