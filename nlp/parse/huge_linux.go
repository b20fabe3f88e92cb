package parse

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on the platforms Go
// supports.
const hugePage = 2 << 20

// makeSlots returns a zeroed table of n slots. A large table is aligned to
// huge pages and advised (MADV_HUGEPAGE) before it is first written, so that
// random probes into it are not dominated by TLB misses; the advice is only
// a hint and failing to apply it changes nothing else.
func makeSlots(n int) []slot {
	size := uintptr(n) * unsafe.Sizeof(slot{})
	if size < 4*hugePage {
		return make([]slot, n)
	}
	pad := int(hugePage / unsafe.Sizeof(slot{}))
	buf := make([]slot, n+pad)
	base := uintptr(unsafe.Pointer(&buf[0]))
	off := int(((base+hugePage-1)&^(hugePage-1) - base) / unsafe.Sizeof(slot{}))
	s := buf[off : off+n : off+n]
	const madvHugepage = 14 // MADV_HUGEPAGE
	_ = syscall.Madvise(unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), size), madvHugepage)
	return s
}
