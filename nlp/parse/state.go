package parse

// Transition system: arc-eager (Nivre 2003) with labeled arcs and an
// artificial ROOT (index 0) at the bottom of the stack. ROOT may take exactly
// one dependent, so every parse has a single root; words left without a head
// when the buffer runs out are attached in a final repair step.
//
// Classes are numbered: 0 SHIFT, 1 REDUCE, 2+l LEFT-ARC(l), 2+L+l RIGHT-ARC(l)
// for a label inventory of size L.

const (
	moveShift  = 0
	moveReduce = 1
	moveLeft   = 2
	moveRight  = 3
)

// noTok marks a missing word (no child, no head, past the buffer end).
const noTok = -1

// state is a parser configuration over n words (1..n; 0 is ROOT).
type state struct {
	n     int
	stack []int32
	buf   int // index of the buffer front (1..n+1)

	head  []int32 // head of each word, -1 when none
	label []int16 // label of the arc to the head
	// nearest/second nearest children on each side and counts.
	left1, left2   []int32 // leftmost, second leftmost
	right1, right2 []int32 // rightmost, second rightmost
	nleft, nright  []int16
	lset, rset     []uint64 // bit sets of labels of left/right children (labels < 64 exact, else folded)
	rootDeps       int
}

func (s *state) reset(n int) {
	s.n = n
	m := n + 1
	if cap(s.head) < m {
		c := m * 2
		s.head = make([]int32, c)
		s.label = make([]int16, c)
		s.left1 = make([]int32, c)
		s.left2 = make([]int32, c)
		s.right1 = make([]int32, c)
		s.right2 = make([]int32, c)
		s.nleft = make([]int16, c)
		s.nright = make([]int16, c)
		s.lset = make([]uint64, c)
		s.rset = make([]uint64, c)
		s.stack = make([]int32, 0, c)
	}
	s.head = s.head[:m]
	s.label = s.label[:m]
	s.left1 = s.left1[:m]
	s.left2 = s.left2[:m]
	s.right1 = s.right1[:m]
	s.right2 = s.right2[:m]
	s.nleft = s.nleft[:m]
	s.nright = s.nright[:m]
	s.lset = s.lset[:m]
	s.rset = s.rset[:m]
	for i := 0; i < m; i++ {
		s.head[i] = -1
		s.label[i] = -1
		s.left1[i], s.left2[i], s.right1[i], s.right2[i] = noTok, noTok, noTok, noTok
		s.nleft[i], s.nright[i] = 0, 0
		s.lset[i], s.rset[i] = 0, 0
	}
	s.stack = append(s.stack[:0], 0)
	s.buf = 1
	s.rootDeps = 0
}

func (s *state) terminal() bool { return s.buf > s.n }

func (s *state) s0() int32 { return s.stack[len(s.stack)-1] }

// valid reports which of the four moves are allowed.
func (s *state) valid() (shift, reduce, left, right bool) {
	if s.buf > s.n {
		return false, false, false, false
	}
	s0 := s.s0()
	shift = true
	reduce = s0 != 0 && s.head[s0] >= 0
	left = s0 != 0 && s.head[s0] < 0
	right = s0 != 0 || s.rootDeps == 0
	return
}

func labelBit(l int16) uint64 { return 1 << (uint(l) & 63) }

// addArc attaches d to h with label l and updates the child indexes.
func (s *state) addArc(h, d int32, l int16) {
	s.head[d] = h
	s.label[d] = l
	if h == 0 {
		s.rootDeps++
		return
	}
	if d < h {
		s.nleft[h]++
		s.lset[h] |= labelBit(l)
		// children on the left are added in increasing distance order in
		// arc-eager (left-arcs pop the nearest first), but keep it general.
		if s.left1[h] == noTok || d < s.left1[h] {
			s.left2[h] = s.left1[h]
			s.left1[h] = d
		} else if s.left2[h] == noTok || d < s.left2[h] {
			s.left2[h] = d
		}
	} else {
		s.nright[h]++
		s.rset[h] |= labelBit(l)
		if s.right1[h] == noTok || d > s.right1[h] {
			s.right2[h] = s.right1[h]
			s.right1[h] = d
		} else if s.right2[h] == noTok || d > s.right2[h] {
			s.right2[h] = d
		}
	}
}

// apply performs move with label l.
func (s *state) apply(move int, l int16) {
	switch move {
	case moveShift:
		s.stack = append(s.stack, int32(s.buf))
		s.buf++
	case moveReduce:
		s.stack = s.stack[:len(s.stack)-1]
	case moveLeft:
		s0 := s.s0()
		s.addArc(int32(s.buf), s0, l)
		s.stack = s.stack[:len(s.stack)-1]
	case moveRight:
		s0 := s.s0()
		s.addArc(s0, int32(s.buf), l)
		s.stack = append(s.stack, int32(s.buf))
		s.buf++
	}
}

// costs computes the dynamic-oracle cost (Goldberg & Nivre 2012) of each
// unlabeled move against the projective gold heads gh (1-based, gh[0] unused).
// Only currently reachable gold arcs are counted as lost.
func (s *state) costs(gh []int32) (shift, reduce, left, right int) {
	s0 := s.s0()
	b := int32(s.buf)
	n := int32(s.n)
	rootFree := s.rootDeps == 0
	// LEFT: s0 gets head b. Lost: s0's gold head in buffer beyond b;
	// s0's dependents in the buffer (b included).
	if s0 != 0 && s.head[s0] < 0 {
		if h := gh[s0]; h > b {
			left++
		}
		for k := b; k <= n; k++ {
			if gh[k] == s0 {
				left++
			}
		}
	}
	// REDUCE: s0 popped. Lost: its dependents in the buffer.
	if s0 != 0 {
		for k := b; k <= n; k++ {
			if gh[k] == s0 {
				reduce++
			}
		}
	}
	// Stack members other than s0 that lack a head and whose gold head is b
	// are lost by both SHIFT and RIGHT; b's gold head on the stack below s0
	// is lost by both too.
	common := 0
	hb := gh[b]
	for i := 0; i < len(s.stack)-1; i++ {
		k := s.stack[i]
		if k == hb && (k != 0 || rootFree) {
			common++
		}
		if k != 0 && s.head[k] < 0 && gh[k] == b {
			common++
		}
	}
	// RIGHT: b gets head s0 and is pushed. Lost additionally: b's gold head in
	// the buffer; s0 as b's dependent (when s0 lacks a head).
	right = common
	if hb > b {
		right++
	}
	if s0 != 0 && s.head[s0] < 0 && gh[s0] == b {
		right++
	}
	// SHIFT: b pushed. Lost additionally: b's gold head is s0; s0 as b's
	// dependent (once b is on the stack, s0 below it can never get head b).
	shift = common
	if hb == s0 && (s0 != 0 || rootFree) {
		shift++
	}
	if s0 != 0 && s.head[s0] < 0 && gh[s0] == b {
		shift++
	}
	return
}
