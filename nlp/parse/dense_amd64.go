package parse

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// sumDenseAVX2 adds to scores the sums of the n dense rows at word offsets
// offs[0:n] in dense, less denseBias per row and class, for groups groups
// of 128 classes: scores[128*g+c] for g < groups. Classes past a row's end
// read the words after it (dense is padded, see denseSlack) and add
// meaningless values to scores beyond the model's classes. n must be
// positive.
//
//go:noescape
func sumDenseAVX2(scores *[256]int32, dense *uint64, offs *uint32, n int, groups int)

// useAVX2 selects the AVX2 kernels (sumDenseAVX2, prepAVX2, addVecsAVX2)
// over their portable equivalents, which give the same results.
var useAVX2 = cpu.X86.HasAVX2 // the CPU has AVX2 and the OS saves its registers

// prepAVX2 does the work of weights.prep but the prefetching for feats
// (fewer than maxBatch): it files them into b (whose layout it
// assumes, see below) and returns the counts of dense, sparse and
// cold features, the cold keys already filtered. hot and hmask are
// hotTier.slots and mask, filter and fshift hotTier.filter and fshift,
// dense and rows the first of hotTier.dense and rows (whose rows it
// prefetches).
//
//go:noescape
func prepAVX2(feats []uint64, hot *uint64, hmask uint64, filter *uint64, fshift uint, b *batch, dense *uint64, rows *uint32) (nd, ns, nc int)

// This fails to compile unless batch has the layout prepAVX2 assumes.
var _ = [1]struct{}{}[unsafe.Offsetof(batch{}.sparse)-512+unsafe.Offsetof(batch{}.cold)-1024]

// addVecsAVX2 sets dst[i] = a[i] + b[i] for i < 8*chunks.
//
//go:noescape
func addVecsAVX2(dst, a, b *int32, chunks int)
