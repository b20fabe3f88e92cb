package analysis

import (
	"context"
	"math"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/cputime"
)

// cpuTimer reports the process CPU time (user + system) per operation as
// "cpu-ms/op": the machine is shared, so wall time alone overstates cost.
type cpuTimer struct{ start time.Duration }

func startCPU() cpuTimer { return cpuTimer{cputime.Process()} }

func (c cpuTimer) report(b *testing.B) {
	if b.N > 0 && c.start > 0 {
		b.ReportMetric(float64(cputime.Process()-c.start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

// bigWorld is 5 million events among 200 countries (three sectors each)
// over 2019–2022, with Zipf-like activity, sorted by date.
var (
	bigOnce sync.Once
	bigSrc  *MemorySource
)

const bigN = 5_000_000

func bigWorld() *MemorySource {
	bigOnce.Do(func() {
		r := rand.New(rand.NewPCG(2026, 1))
		const nc = 200
		var codes [nc][3]string
		cum := make([]float64, nc)
		total := 0.0
		for i := 0; i < nc; i++ {
			c := string([]byte{byte('A' + i/26/26%26), byte('A' + i/26%26), byte('A' + i%26)})
			codes[i] = [3]string{c, c + "GOV", c + "MIL"}
			total += 1 / math.Pow(float64(i+1), 0.8)
			cum[i] = total
		}
		pick := func() int {
			u := r.Float64() * total
			lo, hi := 0, nc-1
			for lo < hi {
				m := (lo + hi) / 2
				if cum[m] < u {
					lo = m + 1
				} else {
					hi = m
				}
			}
			return lo
		}
		start := day("2019-01-01")
		days := 4 * 365
		obs := make([]Obs, 0, bigN)
		roots := [5]string{"", "04", "07", "11", "19"}
		for i := 0; i < bigN; i++ {
			a, b := pick(), pick()
			for b == a {
				b = pick()
			}
			q := 1 + r.IntN(4)
			obs = append(obs, Obs{ID: "e" + strconv.Itoa(i), Date: start.AddDate(0, 0, i*days/bigN),
				Source: codes[a][r.IntN(3)], Target: codes[b][r.IntN(3)], Root: roots[q], Code: roots[q] + "0",
				Quad: q, Goldstein: float64(5 - 2*q)})
		}
		bigSrc = newMemorySorted(obs) // generated in date order
	})
	return bigSrc
}

// BenchmarkRelationsFullScan selects the dyad's events by scanning all 5M.
func BenchmarkRelationsFullScan(b *testing.B) {
	src := &MemorySource{obs: bigWorld().obs, scan: true}
	ctx := context.Background()
	b.ResetTimer()
	cpu := startCPU()
	defer cpu.report(b)
	for b.Loop() {
		if _, err := Relations(ctx, src, Code("AAA"), Code("AAB"), RelationsOptions{By: Week}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRelationsIndexed selects through the MemorySource index.
func BenchmarkRelationsIndexed(b *testing.B) {
	src := bigWorld()
	ctx := context.Background()
	b.ResetTimer()
	cpu := startCPU()
	defer cpu.report(b)
	for b.Loop() {
		if _, err := Relations(ctx, src, Code("AAA"), Code("AAB"), RelationsOptions{By: Week}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRelationsIndexedMidDyad selects a dyad of two mid-ranked
// actors (ranks 51 and 52) through the index.
func BenchmarkRelationsIndexedMidDyad(b *testing.B) {
	src := bigWorld()
	ctx := context.Background()
	b.ResetTimer()
	cpu := startCPU()
	defer cpu.report(b)
	for b.Loop() {
		if _, err := Relations(ctx, src, Code("ABY"), Code("ABZ"), RelationsOptions{By: Week}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRelationsAnalysisOnly times the analysis on the events a store
// would return for the dyad (events involving A or B), without the scan.
func BenchmarkRelationsAnalysisOnly(b *testing.B) {
	src := bigWorld()
	a, c := Code("AAA"), Code("AAB")
	obs, err := src.Observations(context.Background(), Selection{Actors: append(a.Patterns(), c.Patterns()...)})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu := startCPU()
	defer cpu.report(b)
	for b.Loop() {
		if _, err := relationsFrom(obs, a, c, RelationsOptions{By: Week}.withDefaults()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(obs)), "events")
}

func BenchmarkTrendWeekly(b *testing.B) {
	src := bigWorld()
	a, c := Code("AAA"), Code("AAB")
	obs, err := src.Observations(context.Background(), Selection{Actors: append(a.Patterns(), c.Patterns()...)})
	if err != nil {
		b.Fatal(err)
	}
	rel, err := relationsFrom(obs, a, c, RelationsOptions{By: Week}.withDefaults())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu := startCPU()
	defer cpu.report(b)
	for b.Loop() {
		if _, err := trendFrom(rel, TrendOptions{MinEvents: 5, Alpha: 0.05, MinSegment: 2}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMovers5M(b *testing.B) {
	src := bigWorld()
	ctx := context.Background()
	b.ResetTimer()
	cpu := startCPU()
	defer cpu.report(b)
	for b.Loop() {
		res, err := Movers(ctx, src, MoversOptions{Since: day("2021-01-01"), Window: 2 * 366 * 24 * time.Hour, MinEvents: 20})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Tested), "dyads")
	}
}

func BenchmarkBlocs200x12(b *testing.B) {
	src := bigWorld()
	ctx := context.Background()
	b.ResetTimer()
	cpu := startCPU()
	defer cpu.report(b)
	for b.Loop() {
		res, err := Blocs(ctx, src, BlocsOptions{From: day("2022-01-01"), To: day("2023-01-01"),
			Window: 31 * 24 * time.Hour, Step: 30 * 24 * time.Hour, MaxActors: 200, MinEvents: 1})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Windows) < 12 || res.Windows[0].Actors != 200 {
			b.Fatalf("%d windows, %d actors", len(res.Windows), res.Windows[0].Actors)
		}
	}
}

func BenchmarkAlignTop1Y(b *testing.B) {
	src := bigWorld()
	ctx := context.Background()
	b.ResetTimer()
	cpu := startCPU()
	defer cpu.report(b)
	for b.Loop() {
		if _, err := AlignTop(ctx, src, Code("AAA"), 10, AlignOptions{From: day("2022-01-01"), To: day("2023-01-01")}); err != nil {
			b.Fatal(err)
		}
	}
}
