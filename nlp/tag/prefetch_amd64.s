#include "textflag.h"

// func prefetchSlots(slots *uint64, mask uint64, hs []uint64) uint64
TEXT ·prefetchSlots(SB), NOSPLIT, $0-48
	MOVQ slots+0(FP), AX
	MOVQ mask+8(FP), BX
	MOVQ hs_base+16(FP), SI
	MOVQ hs_len+24(FP), DI
	TESTQ DI, DI
	JEQ done
loop:
	MOVQ (SI), DX
	SHRQ $24, DX
	ANDQ BX, DX
	PREFETCHT0 (AX)(DX*8)
	ADDQ $8, SI
	DECQ DI
	JNE loop
done:
	MOVQ $0, ret+40(FP)
	RET

// func prefetchBlocks(packed []uint16, offs []uint32) uint64
TEXT ·prefetchBlocks(SB), NOSPLIT, $0-56
	MOVQ packed_base+0(FP), AX
	MOVQ offs_base+24(FP), SI
	MOVQ offs_len+32(FP), DI
	TESTQ DI, DI
	JEQ done
loop:
	MOVL (SI), DX
	PREFETCHT0 (AX)(DX*2)
	ADDQ $4, SI
	DECQ DI
	JNE loop
done:
	MOVQ $0, ret+48(FP)
	RET

// func prefetchRows(rows *int16, idx []uint32) uint64
TEXT ·prefetchRows(SB), NOSPLIT, $0-40
	MOVQ rows+0(FP), AX
	MOVQ idx_base+8(FP), SI
	MOVQ idx_len+16(FP), DI
	TESTQ DI, DI
	JEQ done
loop:
	MOVL (SI), DX
	IMULQ $208, DX
	PREFETCHT0 (AX)(DX*1)
	PREFETCHT0 64(AX)(DX*1)
	PREFETCHT0 128(AX)(DX*1)
	PREFETCHT0 192(AX)(DX*1)
	ADDQ $4, SI
	DECQ DI
	JNE loop
done:
	MOVQ $0, ret+32(FP)
	RET
