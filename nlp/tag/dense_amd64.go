package tag

import "golang.org/x/sys/cpu"

// useAVX2 selects the AVX2 kernels (addRowsAVX2, argmaxAVX2) over the
// portable code, which gives the same results.
var useAVX2 = cpu.X86.HasAVX2 // the CPU has AVX2 and the OS saves its registers

// addRowsAVX2 adds to scores[0:avxClasses] the n > 0 dense rows
// rows[k*avxClasses:(k+1)*avxClasses] for k in idx[0:n].
//
//go:noescape
func addRowsAVX2(scores *int32, rows *int16, idx *uint32, n int)

// argmaxAVX2 returns the maximum top of scores[0:avxClasses], the bit set
// of the classes scoring top (classes 0-63 in lo, 64-103 in hi) and the
// maximum rest of the other scores (math.MinInt32 when there are none).
//
//go:noescape
func argmaxAVX2(scores *int32) (lo, hi uint64, top, rest int32)
