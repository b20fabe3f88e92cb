//go:build !amd64

package parse

// useAVX2 selects the AVX2 kernels, which only amd64 has.
var useAVX2 = false

// sumDenseAVX2 is never called where useAVX2 is false.
func sumDenseAVX2(scores *[256]int32, dense *uint64, offs *uint32, n int, groups int) {
	panic("parse: sumDenseAVX2 without AVX2")
}

// prepAVX2 is never called where useAVX2 is false.
func prepAVX2(feats []uint64, hot *uint64, hmask uint64, filter *uint64, fshift uint, b *batch, dense *uint64, rows *uint32) (nd, ns, nc int) {
	panic("parse: prepAVX2 without AVX2")
}

// addVecsAVX2 is never called where useAVX2 is false.
func addVecsAVX2(dst, a, b *int32, chunks int) {
	panic("parse: addVecsAVX2 without AVX2")
}
