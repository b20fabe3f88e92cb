//go:build !amd64

package tag

// useAVX2 selects the AVX2 kernels, which only amd64 has.
var useAVX2 = false

// addRowsAVX2 is never called where useAVX2 is false.
func addRowsAVX2(scores *int32, rows *int16, idx *uint32, n int) {
	panic("tag: addRowsAVX2 without AVX2")
}

// argmaxAVX2 is never called where useAVX2 is false.
func argmaxAVX2(scores *int32) (lo, hi uint64, top, rest int32) {
	panic("tag: argmaxAVX2 without AVX2")
}
