#include "textflag.h"

// func prefetchSlots(slots *slot, mask uint64, shift uint, keys []uint64, plus uint64) uint64
TEXT ·prefetchSlots(SB), NOSPLIT, $0-64
	MOVQ slots+0(FP), AX
	MOVQ mask+8(FP), BX
	MOVQ shift+16(FP), CX
	MOVQ keys_base+24(FP), SI
	MOVQ keys_len+32(FP), DI
	MOVQ plus+48(FP), R8
	TESTQ DI, DI
	JEQ done
loop:
	MOVQ (SI), DX
	SHRQ CX, DX
	ANDQ $-2, DX
	ADDQ R8, DX
	ANDQ BX, DX
	SHLQ $5, DX
	PREFETCHT0 (AX)(DX*1)
	ADDQ $8, SI
	DECQ DI
	JNE loop
done:
	MOVQ $0, ret+56(FP)
	RET

// func prefetchHot(feats []uint64, hot *uint64, hmask uint64) uint64
TEXT ·prefetchHot(SB), NOSPLIT, $0-48
	MOVQ feats_base+0(FP), SI
	MOVQ feats_len+8(FP), R9
	MOVQ hot+24(FP), DI
	MOVQ hmask+32(FP), R15
	TESTQ R9, R9
	JEQ done
loop:
	MOVQ (SI), DX
	SHRQ $1, DX
	ANDQ R15, DX
	ANDQ $-4, DX
	PREFETCHT0 (DI)(DX*8)
	ADDQ $8, SI
	DECQ R9
	JNE loop
done:
	MOVQ $0, ret+40(FP)
	RET
