#include "textflag.h"

// func sumDenseAVX2(scores *[256]int32, dense *uint64, offs *uint32, n int, groups int)
//
// Rows are added in batches of up to denseBatch in 16-bit lanes, 16
// classes to a register (half the additions of 32-bit lanes): each lane
// starts at -k*denseBias for a batch of k rows, so that after adding k
// biased weights (each in (0, 2*denseBias)) it holds, modulo 1<<16, the
// true sum, which lies strictly within ±k*denseBias <= ±32768 and so is
// exact as an int16. Each batch is then sign-extended into scores.
TEXT ·sumDenseAVX2(SB), NOSPLIT, $0-40
	MOVQ scores+0(FP), DI
	MOVQ dense+8(FP), SI
	MOVQ offs+16(FP), R8
	MOVQ n+24(FP), R9
	MOVQ groups+32(FP), R10

group:
	MOVQ R8, R11 // next offset
	MOVQ R9, R12 // rows left

batch:
	MOVQ R12, R13
	CMPQ R13, $8
	JLE sized
	MOVQ $8, R13
sized:
	SUBQ R13, R12
	// -k*denseBias in every 16-bit lane.
	MOVQ R13, AX
	SHLQ $12, AX
	NEGL AX
	VMOVD AX, X15
	VPBROADCASTW X15, Y0
	VMOVDQA Y0, Y1
	VMOVDQA Y0, Y2
	VMOVDQA Y0, Y3
	VMOVDQA Y0, Y4
	VMOVDQA Y0, Y5
	VMOVDQA Y0, Y6
	VMOVDQA Y0, Y7

row:
	MOVL (R11), AX
	LEAQ (SI)(AX*8), BX
	VPADDW 0(BX), Y0, Y0
	VPADDW 32(BX), Y1, Y1
	VPADDW 64(BX), Y2, Y2
	VPADDW 96(BX), Y3, Y3
	VPADDW 128(BX), Y4, Y4
	VPADDW 160(BX), Y5, Y5
	VPADDW 192(BX), Y6, Y6
	VPADDW 224(BX), Y7, Y7
	ADDQ $4, R11
	DECQ R13
	JNZ row

	VPMOVSXWD X0, Y8
	VEXTRACTI128 $1, Y0, X9
	VPMOVSXWD X9, Y9
	VPADDD 0(DI), Y8, Y8
	VMOVDQU Y8, 0(DI)
	VPADDD 32(DI), Y9, Y9
	VMOVDQU Y9, 32(DI)
	VPMOVSXWD X1, Y10
	VEXTRACTI128 $1, Y1, X11
	VPMOVSXWD X11, Y11
	VPADDD 64(DI), Y10, Y10
	VMOVDQU Y10, 64(DI)
	VPADDD 96(DI), Y11, Y11
	VMOVDQU Y11, 96(DI)
	VPMOVSXWD X2, Y8
	VEXTRACTI128 $1, Y2, X9
	VPMOVSXWD X9, Y9
	VPADDD 128(DI), Y8, Y8
	VMOVDQU Y8, 128(DI)
	VPADDD 160(DI), Y9, Y9
	VMOVDQU Y9, 160(DI)
	VPMOVSXWD X3, Y10
	VEXTRACTI128 $1, Y3, X11
	VPMOVSXWD X11, Y11
	VPADDD 192(DI), Y10, Y10
	VMOVDQU Y10, 192(DI)
	VPADDD 224(DI), Y11, Y11
	VMOVDQU Y11, 224(DI)
	VPMOVSXWD X4, Y8
	VEXTRACTI128 $1, Y4, X9
	VPMOVSXWD X9, Y9
	VPADDD 256(DI), Y8, Y8
	VMOVDQU Y8, 256(DI)
	VPADDD 288(DI), Y9, Y9
	VMOVDQU Y9, 288(DI)
	VPMOVSXWD X5, Y10
	VEXTRACTI128 $1, Y5, X11
	VPMOVSXWD X11, Y11
	VPADDD 320(DI), Y10, Y10
	VMOVDQU Y10, 320(DI)
	VPADDD 352(DI), Y11, Y11
	VMOVDQU Y11, 352(DI)
	VPMOVSXWD X6, Y8
	VEXTRACTI128 $1, Y6, X9
	VPMOVSXWD X9, Y9
	VPADDD 384(DI), Y8, Y8
	VMOVDQU Y8, 384(DI)
	VPADDD 416(DI), Y9, Y9
	VMOVDQU Y9, 416(DI)
	VPMOVSXWD X7, Y10
	VEXTRACTI128 $1, Y7, X11
	VPMOVSXWD X11, Y11
	VPADDD 448(DI), Y10, Y10
	VMOVDQU Y10, 448(DI)
	VPADDD 480(DI), Y11, Y11
	VMOVDQU Y11, 480(DI)

	TESTQ R12, R12
	JNZ batch

	ADDQ $512, DI
	ADDQ $256, SI
	DECQ R10
	JNZ group
	VZEROUPPER
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
