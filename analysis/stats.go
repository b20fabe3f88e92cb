package analysis

import (
	"math"
	"sort"
)

// z975 is the 97.5% quantile of the standard normal distribution.
const z975 = 1.959963984540054

// normSF is the upper tail of the standard normal distribution, P(Z > z).
func normSF(z float64) float64 { return 0.5 * math.Erfc(z/math.Sqrt2) }

// twoSided is the two-sided normal p-value of z.
func twoSided(z float64) float64 {
	p := 2 * normSF(math.Abs(z))
	if p > 1 {
		p = 1
	}
	return p
}

// Wilson returns the Wilson (1927) score interval for a proportion with k
// successes out of n trials at normal quantile z. n = 0 gives [0, 1].
func Wilson(k, n int, z float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z
	den := 1 + z2/nf
	centre := (p + z2/(2*nf)) / den
	half := z / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	lo, hi = centre-half, centre+half
	if lo < 0 {
		lo = 0
	}
	if hi > 1 {
		hi = 1
	}
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return lo, hi
}

// median returns the median of xs, reordering xs. Empty gives NaN.
func median(xs []float64) float64 {
	n := len(xs)
	if n == 0 {
		return math.NaN()
	}
	sort.Float64s(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// TheilSen returns the Theil–Sen (Sen 1968) slope of y against x — the median
// of the pairwise slopes over pairs with distinct x — and the matching
// intercept median(y − slope·x). Fewer than two distinct x give NaN.
func TheilSen(x, y []float64) (slope, intercept float64) {
	n := len(x)
	slopes := make([]float64, 0, n*(n-1)/2)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if dx := x[j] - x[i]; dx != 0 {
				slopes = append(slopes, (y[j]-y[i])/dx)
			}
		}
	}
	if len(slopes) == 0 {
		return math.NaN(), math.NaN()
	}
	slope = median(slopes)
	res := make([]float64, n)
	for i := range x {
		res[i] = y[i] - slope*x[i]
	}
	return slope, median(res)
}

// SenInterval returns Sen's (1968) confidence interval for the Theil–Sen
// slope: with N pairwise slopes sorted and C = z·√Var(S) (Var(S) from the
// Mann–Kendall test), the bounds are the slopes of rank (N − C)/2 and
// (N + C)/2 + 1, clamped to the range. It gives NaN without slopes.
func SenInterval(x, y []float64, varS, z float64) (lo, hi float64) {
	var slopes []float64
	for i := range x {
		for j := i + 1; j < len(x); j++ {
			if dx := x[j] - x[i]; dx != 0 {
				slopes = append(slopes, (y[j]-y[i])/dx)
			}
		}
	}
	n := len(slopes)
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	sort.Float64s(slopes)
	c := z * math.Sqrt(math.Max(varS, 0))
	m1 := int(math.Round((float64(n) - c) / 2)) // 1-based rank of the lower bound
	m2 := int(math.Round((float64(n)+c)/2)) + 1 // 1-based rank of the upper bound
	m1 = max(1, min(n, m1))
	m2 = max(1, min(n, m2))
	return slopes[m1-1], slopes[m2-1]
}

// MannKendall is the result of the Mann–Kendall trend test.
type MannKendall struct {
	N   int     `json:"n"`   // series length
	S   int     `json:"s"`   // Σ sign(y_j − y_i), i < j
	Var float64 `json:"var"` // variance of S under H0 with tie correction
	Z   float64 `json:"z"`   // continuity-corrected normal score
	P   float64 `json:"p"`   // two-sided p-value
	Tau float64 `json:"tau"` // Kendall's tau-a = S / (n(n−1)/2)
}

// MannKendallTest runs the Mann (1945) / Kendall (1975) test for a monotone
// trend in y (in time order), with the tie correction of the variance and a
// continuity correction of ±1 on S. n < 3 gives P = 1.
func MannKendallTest(y []float64) MannKendall {
	n := len(y)
	r := MannKendall{N: n, P: 1}
	if n < 3 {
		return r
	}
	s := 0
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			switch {
			case y[j] > y[i]:
				s++
			case y[j] < y[i]:
				s--
			}
		}
	}
	sorted := append([]float64(nil), y...)
	sort.Float64s(sorted)
	tie := 0.0
	for i := 0; i < n; {
		j := i
		for j < n && sorted[j] == sorted[i] {
			j++
		}
		if t := float64(j - i); t > 1 {
			tie += t * (t - 1) * (2*t + 5)
		}
		i = j
	}
	nf := float64(n)
	v := (nf*(nf-1)*(2*nf+5) - tie) / 18
	r.S, r.Var = s, v
	r.Tau = float64(s) / (nf * (nf - 1) / 2)
	if v <= 0 {
		return r
	}
	switch {
	case s > 0:
		r.Z = float64(s-1) / math.Sqrt(v)
	case s < 0:
		r.Z = float64(s+1) / math.Sqrt(v)
	}
	r.P = twoSided(r.Z)
	return r
}

// TwoProportionZ tests H0: p1 = p2 for k1/n1 against k2/n2 with the pooled
// two-proportion z-test. It returns z (positive when the second share is
// larger) and the two-sided p-value; a pooled share of 0 or 1 gives z = 0,
// p = 1.
func TwoProportionZ(k1, n1, k2, n2 int) (z, p float64) {
	if n1 <= 0 || n2 <= 0 {
		return 0, 1
	}
	p1, p2 := float64(k1)/float64(n1), float64(k2)/float64(n2)
	pp := float64(k1+k2) / float64(n1+n2)
	se := math.Sqrt(pp * (1 - pp) * (1/float64(n1) + 1/float64(n2)))
	if se == 0 {
		return 0, 1
	}
	z = (p2 - p1) / se
	return z, twoSided(z)
}

// BenjaminiHochberg returns the Benjamini–Hochberg (1995) q-values
// (step-up adjusted p-values) of ps, in the order given.
func BenjaminiHochberg(ps []float64) []float64 {
	m := len(ps)
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return ps[idx[a]] < ps[idx[b]] })
	q := make([]float64, m)
	running := 1.0
	for r := m - 1; r >= 0; r-- {
		v := ps[idx[r]] * float64(m) / float64(r+1)
		if v < running {
			running = v
		}
		q[idx[r]] = running
	}
	return q
}

// AdjustedRand returns the adjusted Rand index (Hubert & Arabie 1985) of two
// labellings of the same items: 1 for identical partitions, about 0 for
// independent ones. Labels are arbitrary integers. When both partitions are
// trivial (the expected index equals its maximum) it returns 1 if they are
// identical and 0 otherwise.
func AdjustedRand(a, b []int) float64 {
	n := len(a)
	if n != len(b) || n < 2 {
		return math.NaN()
	}
	type pair struct{ x, y int }
	cells := map[pair]int{}
	ra, rb := map[int]int{}, map[int]int{}
	for i := range a {
		cells[pair{a[i], b[i]}]++
		ra[a[i]]++
		rb[b[i]]++
	}
	c2 := func(k int) float64 { return float64(k) * float64(k-1) / 2 }
	var sij, sa, sb float64
	for _, v := range cells {
		sij += c2(v)
	}
	for _, v := range ra {
		sa += c2(v)
	}
	for _, v := range rb {
		sb += c2(v)
	}
	exp := sa * sb / c2(n)
	max := (sa + sb) / 2
	if max == exp {
		if sij == max && len(ra) == len(cells) && len(rb) == len(cells) {
			return 1
		}
		return 0
	}
	return (sij - exp) / (max - exp)
}

// pelt finds change points in the mean of y by PELT (Killick, Fearnhead &
// Eckley 2012) with the normal cost Σ(y − ȳ)²/σ² per segment, penalty beta
// per change point and segments of at least minSeg points. It returns the
// indices where new segments start (sorted, excluding 0).
func pelt(y []float64, sigma, beta float64, minSeg int) []int {
	n := len(y)
	if minSeg < 1 {
		minSeg = 1
	}
	if n < 2*minSeg || sigma <= 0 {
		return nil
	}
	s1 := make([]float64, n+1)
	s2 := make([]float64, n+1)
	for i, v := range y {
		s1[i+1] = s1[i] + v
		s2[i+1] = s2[i] + v*v
	}
	inv := 1 / (sigma * sigma)
	cost := func(a, b int) float64 { // segment y[a:b]
		m := float64(b - a)
		s := s1[b] - s1[a]
		c := (s2[b] - s2[a] - s*s/m) * inv
		if c < 0 {
			c = 0
		}
		return c
	}
	F := make([]float64, n+1)
	last := make([]int, n+1)
	F[0] = -beta
	for t := 1; t <= n; t++ {
		F[t] = math.Inf(1)
	}
	var R []int
	for t := minSeg; t <= n; t++ {
		R = append(R, t-minSeg)
		best, arg := math.Inf(1), -1
		vals := make([]float64, len(R))
		for i, tau := range R {
			v := F[tau] + cost(tau, t) + beta
			vals[i] = v
			if v < best {
				best, arg = v, tau
			}
		}
		F[t], last[t] = best, arg
		keep := R[:0]
		for i, tau := range R {
			if vals[i]-beta <= F[t] {
				keep = append(keep, tau)
			}
		}
		R = keep
	}
	var cps []int
	for t := n; t > 0; {
		tau := last[t]
		if tau <= 0 {
			break
		}
		cps = append(cps, tau)
		t = tau
	}
	sort.Ints(cps)
	return cps
}

// robustSigma estimates the noise standard deviation of a series with
// shifts in mean from its first differences: MAD(Δy)·1.4826/√2, falling back
// to the standard deviation of Δy/√2 when the MAD is zero.
func robustSigma(y []float64) float64 {
	if len(y) < 3 {
		return 0
	}
	d := make([]float64, len(y)-1)
	for i := 1; i < len(y); i++ {
		d[i-1] = y[i] - y[i-1]
	}
	md := median(append([]float64(nil), d...))
	dev := make([]float64, len(d))
	for i, v := range d {
		dev[i] = math.Abs(v - md)
	}
	s := median(dev) * 1.4826 / math.Sqrt2
	if s > 0 {
		return s
	}
	var sum, sq float64
	for _, v := range d {
		sum += v
		sq += v * v
	}
	m := float64(len(d))
	v := sq/m - (sum/m)*(sum/m)
	if v <= 0 {
		return 0
	}
	return math.Sqrt(v) / math.Sqrt2
}
