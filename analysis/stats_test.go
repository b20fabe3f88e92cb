package analysis

import (
	"math"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestWilson(t *testing.T) {
	tests := []struct {
		k, n   int
		lo, hi float64
	}{
		{0, 10, 0, 0.2775},
		{5, 10, 0.2366, 0.7634},
		{10, 10, 0.7225, 1},
		{81, 263, 0.2553, 0.3662},
		{0, 0, 0, 1},
	}
	for _, tt := range tests {
		lo, hi := Wilson(tt.k, tt.n, z975)
		if !near(lo, tt.lo, 5e-4) || !near(hi, tt.hi, 5e-4) {
			t.Errorf("Wilson(%d, %d) = [%.4f, %.4f], want [%.4f, %.4f]", tt.k, tt.n, lo, hi, tt.lo, tt.hi)
		}
	}
}

func TestTheilSen(t *testing.T) {
	tests := []struct {
		name      string
		x, y      []float64
		slope, ic float64
	}{
		{"line", []float64{0, 1, 2, 3, 4}, []float64{1, 3, 5, 7, 9}, 2, 1},
		{"outlier", []float64{0, 1, 2, 3, 4, 5, 6}, []float64{0, 1, 2, 3, 100, 5, 6}, 1, 0},
		{"flat", []float64{0, 2, 5}, []float64{3, 3, 3}, 0, 3},
	}
	for _, tt := range tests {
		s, ic := TheilSen(tt.x, tt.y)
		if !near(s, tt.slope, 1e-12) || !near(ic, tt.ic, 1e-12) {
			t.Errorf("%s: TheilSen = %v, %v; want %v, %v", tt.name, s, ic, tt.slope, tt.ic)
		}
	}
	if s, _ := TheilSen([]float64{1, 1}, []float64{0, 5}); !math.IsNaN(s) {
		t.Errorf("TheilSen without distinct x = %v, want NaN", s)
	}
}

func TestSenInterval(t *testing.T) {
	// Exact line: every slope is 2, so is the interval.
	x := []float64{0, 1, 2, 3, 4, 5}
	y := []float64{0, 2, 4, 6, 8, 10}
	lo, hi := SenInterval(x, y, MannKendallTest(y).Var, z975)
	if lo != 2 || hi != 2 {
		t.Errorf("line: [%v, %v]", lo, hi)
	}
	// Noisy increasing series: the interval brackets the estimate.
	x = []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	y = []float64{0.1, 0.3, 0.1, 0.5, 0.4, 0.7, 0.5, 0.9, 0.8, 1.0}
	s, _ := TheilSen(x, y)
	lo, hi = SenInterval(x, y, MannKendallTest(y).Var, z975)
	if !(lo < s && s < hi) || lo <= 0 {
		t.Errorf("noisy: slope %v outside (%v, %v) or interval not above 0", s, lo, hi)
	}
}

func TestMannKendall(t *testing.T) {
	// Increasing 1..10: S = 45, Var = 10·9·25/18 = 125, Z = 44/√125.
	y := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	mk := MannKendallTest(y)
	if mk.S != 45 || !near(mk.Var, 125, 1e-9) || !near(mk.Z, 44/math.Sqrt(125), 1e-12) || mk.P > 1e-4 || mk.Tau != 1 {
		t.Errorf("increasing: %+v", mk)
	}
	// Ties: values 1,1,2,2,3 → S = 8, tie term 2·(2·1·9) = 36, Var = (5·4·15 − 36)/18 = 14.667.
	mk = MannKendallTest([]float64{1, 1, 2, 2, 3})
	if mk.S != 8 || !near(mk.Var, (300.0-36)/18, 1e-9) {
		t.Errorf("ties: %+v", mk)
	}
	if p := 2 * normSF(7/math.Sqrt((300.0-36)/18)); !near(mk.P, p, 1e-12) {
		t.Errorf("ties: p = %v, want %v", mk.P, p)
	}
	mk = MannKendallTest([]float64{3, 1, 4, 1, 5, 9, 2, 6})
	if mk.P < 0.05 {
		t.Errorf("noise judged significant: %+v", mk)
	}
	if mk := MannKendallTest([]float64{1, 2}); mk.P != 1 {
		t.Errorf("n = 2: p = %v, want 1", mk.P)
	}
}

func TestBenjaminiHochberg(t *testing.T) {
	ps := []float64{0.01, 0.04, 0.03, 0.005, 0.5}
	want := []float64{0.025, 0.05, 0.05, 0.025, 0.5}
	q := BenjaminiHochberg(ps)
	for i := range want {
		if !near(q[i], want[i], 1e-12) {
			t.Errorf("q[%d] = %v, want %v (all %v)", i, q[i], want[i], q)
		}
	}
}

func TestTwoProportionZ(t *testing.T) {
	z, p := TwoProportionZ(30, 100, 70, 100)
	// pooled 0.5, se = sqrt(0.25·0.02) = 0.0707, z = 0.4/0.0707 = 5.657
	if !near(z, 0.4/math.Sqrt(0.005), 1e-9) || p > 1e-6 {
		t.Errorf("z = %v, p = %v", z, p)
	}
	if z, p := TwoProportionZ(10, 10, 20, 20); z != 0 || p != 1 {
		t.Errorf("degenerate: z = %v, p = %v", z, p)
	}
}

func TestAdjustedRand(t *testing.T) {
	tests := []struct {
		name string
		a, b []int
		want float64
	}{
		{"identical", []int{0, 0, 1, 1, 2, 2}, []int{5, 5, 3, 3, 9, 9}, 1},
		// Hubert & Arabie style hand computation: table [[2,1],[0,3]]
		// Σ C(nij,2) = 1+0+0+3 = 4; a: C(3,2)+C(3,2) = 6; b: C(2,2)+C(4,2) = 7;
		// expected = 6·7/15 = 2.8; max = 6.5 → (4−2.8)/(6.5−2.8).
		{"hand", []int{0, 0, 0, 1, 1, 1}, []int{0, 0, 1, 1, 1, 1}, 1.2 / 3.7},
		{"one cluster each", []int{1, 1, 1}, []int{2, 2, 2}, 1},
	}
	for _, tt := range tests {
		if got := AdjustedRand(tt.a, tt.b); !near(got, tt.want, 1e-12) {
			t.Errorf("%s: ARI = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPELT(t *testing.T) {
	y := []float64{0, 0.1, -0.1, 0.05, 0, -0.05, 1, 1.1, 0.9, 1, 1.05, 0.95}
	cps := pelt(y, 0.1, 3*math.Log(float64(len(y))), 2)
	if len(cps) != 1 || cps[0] != 6 {
		t.Errorf("change points %v, want [6]", cps)
	}
	flat := []float64{0, 0.1, -0.1, 0.05, 0, -0.05, 0.1, 0, -0.1}
	if cps := pelt(flat, 0.1, 3*math.Log(9), 2); len(cps) != 0 {
		t.Errorf("flat series: change points %v", cps)
	}
}
