#include "textflag.h"

// func sumDenseAVX2(scores *[256]int32, dense *uint64, offs *uint32, n int, groups int, bias int32)
TEXT ·sumDenseAVX2(SB), NOSPLIT, $0-44
	MOVQ scores+0(FP), DI
	MOVQ dense+8(FP), SI
	MOVQ offs+16(FP), R8
	MOVQ n+24(FP), R9
	MOVQ groups+32(FP), R10
	MOVL bias+40(FP), AX
	VMOVD AX, X15
	VPBROADCASTD X15, Y15

group:
	VPXOR Y0, Y0, Y0
	VPXOR Y1, Y1, Y1
	VPXOR Y2, Y2, Y2
	VPXOR Y3, Y3, Y3
	VPXOR Y4, Y4, Y4
	VPXOR Y5, Y5, Y5
	VPXOR Y6, Y6, Y6
	VPXOR Y7, Y7, Y7
	MOVQ R8, R11
	MOVQ R9, R12

row:
	MOVL (R11), AX
	LEAQ (SI)(AX*8), BX
	VPMOVZXWD 0(BX), Y8
	VPADDD Y8, Y0, Y0
	VPMOVZXWD 16(BX), Y9
	VPADDD Y9, Y1, Y1
	VPMOVZXWD 32(BX), Y10
	VPADDD Y10, Y2, Y2
	VPMOVZXWD 48(BX), Y11
	VPADDD Y11, Y3, Y3
	VPMOVZXWD 64(BX), Y12
	VPADDD Y12, Y4, Y4
	VPMOVZXWD 80(BX), Y13
	VPADDD Y13, Y5, Y5
	VPMOVZXWD 96(BX), Y14
	VPADDD Y14, Y6, Y6
	VPMOVZXWD 112(BX), Y8
	VPADDD Y8, Y7, Y7
	ADDQ $4, R11
	DECQ R12
	JNZ row

	VPSUBD Y15, Y0, Y0
	VPADDD 0(DI), Y0, Y0
	VMOVDQU Y0, 0(DI)
	VPSUBD Y15, Y1, Y1
	VPADDD 32(DI), Y1, Y1
	VMOVDQU Y1, 32(DI)
	VPSUBD Y15, Y2, Y2
	VPADDD 64(DI), Y2, Y2
	VMOVDQU Y2, 64(DI)
	VPSUBD Y15, Y3, Y3
	VPADDD 96(DI), Y3, Y3
	VMOVDQU Y3, 96(DI)
	VPSUBD Y15, Y4, Y4
	VPADDD 128(DI), Y4, Y4
	VMOVDQU Y4, 128(DI)
	VPSUBD Y15, Y5, Y5
	VPADDD 160(DI), Y5, Y5
	VMOVDQU Y5, 160(DI)
	VPSUBD Y15, Y6, Y6
	VPADDD 192(DI), Y6, Y6
	VMOVDQU Y6, 192(DI)
	VPSUBD Y15, Y7, Y7
	VPADDD 224(DI), Y7, Y7
	VMOVDQU Y7, 224(DI)

	ADDQ $256, DI
	ADDQ $128, SI
	DECQ R10
	JNZ group
	VZEROUPPER
	RET

// func hasAVX2() bool
TEXT ·hasAVX2(SB), NOSPLIT, $0-1
	MOVB $0, ret+0(FP)
	MOVL $0, AX
	CPUID
	CMPL AX, $7
	JLT no
	MOVL $1, AX
	MOVL $0, CX
	CPUID
	// OSXSAVE (bit 27) and AVX (bit 28)
	ANDL $0x18000000, CX
	CMPL CX, $0x18000000
	JNE no
	MOVL $0, CX
	XGETBV
	// XMM and YMM state enabled by the OS
	ANDL $6, AX
	CMPL AX, $6
	JNE no
	MOVL $7, AX
	MOVL $0, CX
	CPUID
	// AVX2 (bit 5)
	ANDL $0x20, BX
	JEQ no
	MOVB $1, ret+0(FP)
no:
	RET

// func prepAVX2(feats []uint64, hot *uint64, hmask uint64, filter *uint64, fshift uint, b *batch, dense *uint64, rows *uint32) (nd, ns, nc int)
TEXT ·prepAVX2(SB), NOSPLIT, $0-104
	MOVQ feats_base+0(FP), SI
	MOVQ feats_len+8(FP), CX
	MOVQ hot+24(FP), DI
	MOVQ hmask+32(FP), R15
	MOVQ b+56(FP), BX
	XORQ R12, R12 // nd
	XORQ R13, R13 // ns
	XORQ R14, R14 // nc
	VPXOR Y0, Y0, Y0
	TESTQ CX, CX
	JEQ filter

probe:
	MOVQ (SI), DX
	MOVQ DX, R8
	SHRQ $1, R8
	ANDQ R15, R8
	ANDQ $-4, R8
	MOVQ DX, R9
	SHLQ $24, R9
	VMOVQ R9, X1
	VPBROADCASTQ X1, Y1
	VMOVDQU (DI)(R8*8), Y3
	VPXOR Y3, Y1, Y2
	VPSRLQ $24, Y2, Y2
	VPCMPEQQ Y0, Y2, Y2
	VPAND Y3, Y2, Y2
	VEXTRACTI128 $1, Y2, X4
	VPOR X4, X2, X2
	VPSHUFD $0x4e, X2, X4
	VPOR X4, X2, X2
	VMOVQ X2, AX
	// Go on probing only when no slot matched and the bucket is full,
	// which is rare: one well-predicted branch rather than one on
	// whether the key is hot, which would wait for the load.
	XORL R9, R9
	TESTQ AX, AX
	SETEQ R9
	XORL R10, R10
	CMPQ 24(DI)(R8*8), $0
	SETNE R10
	TESTL R9, R10
	JNE far

file:
	// Prefetch the row of a hot key (the first four lines of a dense
	// row; the zero row for a cold key), which weights.finish adds.
	MOVQ AX, R9
	ANDQ $0x7fffff, R9
	MOVQ dense+64(FP), R10
	LEAQ (R10)(R9*8), R10
	MOVQ rows+72(FP), R11
	LEAQ (R11)(R9*4), R11
	BTQ $23, AX
	CMOVQCS R11, R10
	PREFETCHT0 (R10)
	PREFETCHT0 64(R10)
	PREFETCHT0 128(R10)
	PREFETCHT0 192(R10)
	MOVQ R14, R9
	ANDQ $127, R9
	MOVQ DX, 1024(BX)(R9*8)
	MOVQ AX, R10
	ANDQ $0x7fffff, R10
	MOVQ R13, R9
	ANDQ $127, R9
	MOVL R10, 512(BX)(R9*4)
	MOVQ AX, R10
	ANDQ $0xffffff, R10
	MOVQ R12, R9
	ANDQ $127, R9
	MOVL R10, 0(BX)(R9*4)
	XORL R9, R9
	TESTQ AX, AX
	SETEQ R9
	XORL R10, R10
	BTQ $23, AX
	SETCS R10
	ADDQ R9, R14
	ADDQ R10, R13
	MOVQ $1, R11
	SUBQ R9, R11
	SUBQ R10, R11
	ADDQ R11, R12
	ADDQ $8, SI
	DECQ CX
	JNE probe
	JMP filter

far:
	ADDQ $4, R8
farloop:
	ANDQ R15, R8
	MOVQ (DI)(R8*8), AX
	TESTQ AX, AX
	JEQ file
	MOVQ AX, R9
	SHRQ $24, R9
	CMPQ R9, DX
	JEQ file
	INCQ R8
	JMP farloop

filter:
	MOVQ R12, nd+80(FP)
	MOVQ R13, ns+88(FP)
	// Keep the cold keys that pass the filter (see filterBits), in place.
	MOVQ filter+40(FP), DI
	MOVQ fshift+48(FP), CX
	LEAQ 1024(BX), SI
	MOVQ R14, R11 // keys to filter
	XORQ R13, R13 // kept
	MOVQ $0x9E3779B97F4A7C15, R15
	TESTQ R11, R11
	JEQ done
	// Prefetch their filter blocks first, as prefetchHot does the buckets.
	MOVQ SI, R8
	MOVQ R11, R9
fpref:
	MOVQ (R8), AX
	IMULQ R15, AX
	SHRQ CX, AX
	PREFETCHT0 (DI)(AX*8)
	ADDQ $8, R8
	DECQ R9
	JNE fpref
floop:
	MOVQ (SI), DX
	MOVQ DX, AX
	IMULQ R15, AX
	SHRQ CX, AX
	MOVQ (DI)(AX*8), AX
	XORQ R12, R12
	MOVQ DX, R9
	SHRQ $1, R9
	BTSQ R9, R12
	MOVQ DX, R9
	SHRQ $7, R9
	BTSQ R9, R12
	MOVQ DX, R9
	SHRQ $13, R9
	BTSQ R9, R12
	ANDQ R12, AX
	XORL R9, R9
	CMPQ AX, R12
	SETEQ R9
	MOVQ R13, R10
	ANDQ $127, R10
	MOVQ DX, 1024(BX)(R10*8)
	ADDQ R9, R13
	ADDQ $8, SI
	DECQ R11
	JNE floop
done:
	MOVQ R13, nc+96(FP)
	VZEROUPPER
	RET

// func addVecsAVX2(dst, a, b *int32, chunks int)
TEXT ·addVecsAVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	MOVQ chunks+24(FP), CX
	TESTQ CX, CX
	JEQ done
loop:
	VMOVDQU (SI), Y0
	VPADDD (DX), Y0, Y0
	VMOVDQU Y0, (DI)
	ADDQ $32, SI
	ADDQ $32, DX
	ADDQ $32, DI
	DECQ CX
	JNE loop
done:
	VZEROUPPER
	RET
