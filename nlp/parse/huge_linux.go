package parse

import (
	"runtime"
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on the platforms Go
// supports.
const hugePage = 2 << 20

// makeSlots sets w.slots to a zeroed table of n slots. A large table is
// mapped outside the Go heap, so that it does not double the heap size the
// garbage collector lets a program reach (the table holds no pointers), and
// is unmapped once w is unreachable. It is aligned to huge pages and
// advised (MADV_HUGEPAGE) before it is first written, so that random probes
// into it are not dominated by TLB misses; the advice is only a hint and
// failing to apply it changes nothing else.
func (w *weights) makeSlots(n int) {
	size := uintptr(n) * unsafe.Sizeof(slot{})
	if size < 4*hugePage {
		w.slots = make([]slot, n)
		return
	}
	mem, err := syscall.Mmap(-1, 0, int(size+hugePage), syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		w.slots = make([]slot, n)
		return
	}
	base := uintptr(unsafe.Pointer(&mem[0]))
	off := (base+hugePage-1)&^(hugePage-1) - base
	const madvHugepage = 14 // MADV_HUGEPAGE
	_ = syscall.Madvise(mem[off:off+size], madvHugepage)
	w.slots = unsafe.Slice((*slot)(unsafe.Pointer(&mem[off])), n)
	runtime.AddCleanup(w, func(m []byte) { _ = syscall.Munmap(m) }, mem)
}

// hugeWords returns a zeroed slice of n words mapped outside the Go heap on
// huge pages, as makeSlots maps the table, and unmapped once w is
// unreachable; nil when n words are too few to be worth it or the mapping
// fails.
func (w *weights) hugeWords(n int) []uint64 {
	size := uintptr(n) * 8
	if size < hugePage {
		return nil
	}
	size = (size + hugePage - 1) &^ (hugePage - 1)
	mem, err := syscall.Mmap(-1, 0, int(size+hugePage), syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil
	}
	base := uintptr(unsafe.Pointer(&mem[0]))
	off := (base+hugePage-1)&^(hugePage-1) - base
	const madvHugepage = 14 // MADV_HUGEPAGE
	_ = syscall.Madvise(mem[off:off+size], madvHugepage)
	runtime.AddCleanup(w, func(m []byte) { _ = syscall.Munmap(m) }, mem)
	return unsafe.Slice((*uint64)(unsafe.Pointer(&mem[off])), n)
}
