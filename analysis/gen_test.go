package analysis

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Synthetic event sets with planted structure, shared by tests and
// benchmarks. Every generator is driven by a seeded PCG.

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// ev builds one observation; quad decides root, code and Goldstein.
func ev(id string, date time.Time, src, tgt string, quad int) Obs {
	root, code, g := "04", "040", 1.0
	switch quad {
	case 2:
		root, code, g = "07", "070", 7.0
	case 3:
		root, code, g = "11", "111", -2.0
	case 4:
		root, code, g = "19", "190", -10.0
	}
	return Obs{ID: id, Date: date, Source: src, Target: tgt, Root: root, Code: code, Quad: quad, Goldstein: g}
}

// quadFor draws a cooperative quad (1 or 2) with probability p, else a
// conflictual one (3 or 4).
func quadFor(r *rand.Rand, p float64) int {
	if r.Float64() < p {
		return 1 + r.IntN(2)
	}
	return 3 + r.IntN(2)
}

// monthlyDyad generates perMonth events per month between CHNGOV and
// AFGGOVTAL (random direction) for months months from 2020-01, with
// cooperative share pCoop(month).
func monthlyDyad(seed uint64, months, perMonth int, pCoop func(m int) float64) []Obs {
	r := rand.New(rand.NewPCG(seed, 7))
	start := day("2020-01-01")
	var out []Obs
	for m := 0; m < months; m++ {
		ms := start.AddDate(0, m, 0)
		for k := 0; k < perMonth; k++ {
			d := ms.AddDate(0, 0, r.IntN(28))
			a, b := "CHNGOV", "AFGGOVTAL"
			if r.IntN(2) == 0 {
				a, b = b, a
			}
			out = append(out, ev(fmt.Sprintf("d%d-%d", m, k), d, a, b, quadFor(r, pCoop(m))))
		}
	}
	return out
}

// blocWorld generates a world of nb blocs of size actors each over one
// year: every pair of actors has about pairEvents events, cooperative with
// probability pIn inside a bloc and pOut across blocs. It returns the
// observations and the planted bloc of every actor.
func blocWorld(seed uint64, nb, size, pairEvents int, pIn, pOut float64) ([]Obs, map[string]int) {
	r := rand.New(rand.NewPCG(seed, 11))
	truth := map[string]int{}
	var actors []string
	for b := 0; b < nb; b++ {
		for i := 0; i < size; i++ {
			a := fmt.Sprintf("%c%c%c", 'A'+b, 'A'+i/26, 'A'+i%26)
			truth[a] = b
			actors = append(actors, a)
		}
	}
	start := day("2021-01-01")
	var out []Obs
	n := 0
	for i := range actors {
		for j := i + 1; j < len(actors); j++ {
			p := pOut
			if truth[actors[i]] == truth[actors[j]] {
				p = pIn
			}
			k := pairEvents/2 + r.IntN(pairEvents+1)
			for e := 0; e < k; e++ {
				a, b := actors[i], actors[j]
				if r.IntN(2) == 0 {
					a, b = b, a
				}
				out = append(out, ev(fmt.Sprintf("b%d", n), start.AddDate(0, 0, r.IntN(365)), a+"GOV", b, quadFor(r, p)))
				n++
			}
		}
	}
	return out, truth
}
