package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/postgres/pgtest"
)

var (
	benchCountries = []string{"CHN", "AFG", "USA", "RUS", "UKR", "IRN", "ISR", "PAK", "IND", "GBR", "FRA", "DEU", "TUR", "SYR",
		"IRQ", "SAU", "EGY", "JPN", "KOR", "PRK", "BRA", "MEX", "CAN", "NGA", "ZAF", "ETH", "SDN", "YEM", "LBN", "QAT",
		"VNM", "PHL", "IDN", "MYS", "THA", "MMR", "BGD", "LKA", "NPL", "KAZ"}
	benchSectors = []string{"", "GOV", "MIL", "COP", "REB", "OPP", "BUS", "MED"}
	benchTopics  = []string{"trade", "security", "water rights", "the border", "refugees", "oil prices", "sanctions", "elections",
		"a ceasefire", "nuclear talks", "fishing quotas", "debt relief", "vaccines", "drought", "mining", "railways"}
	benchCodes = []string{"010", "020", "036", "040", "042", "043", "051", "057", "061", "071", "0311", "111", "112",
		"120", "130", "138", "141", "163", "173", "180", "190", "193", "195", "200"}
)

// synthDocs makes n synthetic documents with per events each, starting at
// mention number start, published on day (days after 2015-01-01) or the
// two days before, as store/sqlite's benchmark does: a news stream arrives
// roughly in date order, and actor choice is skewed so that some dyads are
// frequent.
func synthDocs(r *rand.Rand, start, n, per, day int) []store.Doc {
	base := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]store.Doc, n)
	for i := range docs {
		id := start/per + i
		d := base.AddDate(0, 0, day-r.IntN(3))
		evs := make([]dyad.Event, per)
		for j := range evs {
			ac := func() dyad.Actor {
				c := benchCountries[min(r.IntN(len(benchCountries)), r.IntN(len(benchCountries)))]
				code := c + benchSectors[r.IntN(len(benchSectors))]
				return dyad.Actor{Code: code, Country: c, Name: code}
			}
			src, tgt := ac(), ac()
			code := benchCodes[r.IntN(len(benchCodes))]
			ed := d.AddDate(0, 0, -r.IntN(3))
			evs[j] = dyad.Event{ID: fmt.Sprintf("m%d-%d", id, j), Date: ed.Format("2006-01-02"), DatePrecision: "day",
				Source: src, Target: tgt, CAMEO: code, Root: code[:2], Quad: 1 + int(code[1]-'0')%4, Goldstein: float64(r.IntN(20) - 10),
				Verb: dyad.Verb{Text: "met", Lemma: "meet"}, Modality: "asserted", Pattern: "synthetic:1",
				SentenceText: src.Code + " met " + tgt.Code + " to discuss " + benchTopics[r.IntN(len(benchTopics))] + "."}
		}
		docs[i] = store.Doc{Document: dyad.Document{ID: fmt.Sprintf("doc%d", id), Source: benchCountries[i%7], Date: d,
			Text: fmt.Sprintf("synthetic document %d", id)}, Events: evs}
	}
	return docs
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPutBatch stores synthetic events, 1000 documents × 10 events per
// transaction, into a fresh database, and reports events/s and events per
// CPU-second of this process (the client; the server's CPU is not counted).
// With DYAD_BENCH_WRITERS=N, N writers (separate pools, as separate
// processes would have) store the batches at once.
func BenchmarkPutBatch(b *testing.B) {
	s := openFresh(b)
	defer s.Close()
	r := rand.New(rand.NewPCG(1, 2))
	const docsPer, per = 1000, 10
	batches := make([][]store.Doc, b.N)
	for i := range batches {
		batches[i] = synthDocs(r, i*docsPer*per, docsPer, per, i)
	}
	writers := runtimeWriters()
	stores := []*Store{s}
	for len(stores) < writers {
		s2 := openURL(b, s.url)
		defer s2.Close()
		stores = append(stores, s2)
	}
	ctx := context.Background()
	b.ResetTimer()
	c0 := cpuTime()
	var wg sync.WaitGroup
	next := make(chan []store.Doc)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range next {
				if _, err := stores[w].PutBatch(ctx, batch); err != nil {
					b.Error(err)
				}
			}
		}()
	}
	for _, batch := range batches {
		next <- batch
	}
	close(next)
	wg.Wait()
	b.ReportMetric(float64(b.N*docsPer*per)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(b.N*docsPer*per)/(cpuTime()-c0).Seconds(), "events/client-cpu-s")
}

// runtimeWriters is the number of concurrent writers of BenchmarkPutBatch:
// $DYAD_BENCH_WRITERS, default 1.
func runtimeWriters() int {
	if n, err := strconv.Atoi(os.Getenv("DYAD_BENCH_WRITERS")); err == nil && n > 0 {
		return n
	}
	return 1
}

func bigN() int {
	if n, err := strconv.Atoi(os.Getenv("DYAD_BENCH_EVENTS")); err == nil && n > 0 {
		return n
	}
	if os.Getenv("DYAD_BENCH_BIG") != "" {
		return 5_000_000
	}
	return 200_000
}

// bigStore returns a store with n synthetic events over ten years in the
// database dyadbench_N of the test server, filled once and kept for later
// runs (drop it by hand).
func bigStore(b *testing.B, n int) *Store {
	admin := pgtest.ServerURL(b)
	ctx := context.Background()
	name := fmt.Sprintf("dyadbench_%d", n)
	u, err := url.Parse(admin)
	if err != nil {
		b.Fatal(err)
	}
	u.Path = "/" + name
	if s, err := Open(ctx, u.String()); err == nil {
		if st, err := s.Stats(ctx); err == nil && st.Mentions == n {
			return s
		}
		s.Close()
	}
	c, err := pgx.Connect(ctx, admin)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close(ctx)
	c.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
	if _, err := c.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	s, err := Open(ctx, u.String())
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 7))
	const docsPer, per = 5000, 10
	nb := (n + docsPer*per - 1) / (docsPer * per)
	for b0 := 0; b0 < nb; b0++ {
		if _, err := s.PutBatch(ctx, synthDocs(r, b0*docsPer*per, docsPer, per, b0*3650/nb)); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.pool.with(ctx, func(c *conn) error { _, err := c.Exec(ctx, `VACUUM ANALYZE`); return err }); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d events in %s", n, time.Since(start))
	return s
}

func medianOf(b *testing.B, f func()) {
	var ds []time.Duration
	for i := 0; i < b.N; i++ {
		t := time.Now()
		f()
		ds = append(ds, time.Since(t))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "ms-median")
}

// BenchmarkQueryBig measures the CLI's and the analyses' queries over a big
// store: 200,000 events by default, 5 million with DYAD_BENCH_BIG=1, or
// $DYAD_BENCH_EVENTS.
func BenchmarkQueryBig(b *testing.B) {
	s := bigStore(b, bigN())
	defer s.Close()
	ctx := context.Background()
	nonEmpty := func(n int, err error) {
		if err != nil || n == 0 {
			b.Fatalf("%d rows, %v", n, err)
		}
	}
	b.Run("events-source-CHN-target-AFG", func(b *testing.B) {
		medianOf(b, func() {
			evs, err := s.Events(ctx, store.EventFilter{Source: []string{"CHN"}, Target: []string{"AFG"}})
			nonEmpty(len(evs), err)
		})
	})
	b.Run("events-prefix-CHN*-AFG*", func(b *testing.B) {
		medianOf(b, func() {
			evs, err := s.Events(ctx, store.EventFilter{Source: []string{"CHN*"}, Target: []string{"AFG*"}})
			nonEmpty(len(evs), err)
		})
	})
	b.Run("events-actor-USA*", func(b *testing.B) {
		medianOf(b, func() {
			evs, err := s.Events(ctx, store.EventFilter{Actor: []string{"USA*"}})
			nonEmpty(len(evs), err)
		})
	})
	b.Run("dyadcounts-monthly-undirected", func(b *testing.B) {
		medianOf(b, func() {
			pcs, err := s.DyadCounts(ctx, store.CountQuery{Source: []string{"CHN*"}, Target: []string{"AFG*"}, By: "month"})
			nonEmpty(len(pcs), err)
		})
	})
	b.Run("dyadcounts-weekly-directed", func(b *testing.B) {
		medianOf(b, func() {
			pcs, err := s.DyadCounts(ctx, store.CountQuery{Source: []string{"CHN*"}, Target: []string{"AFG*"}, Directed: true, By: "week"})
			nonEmpty(len(pcs), err)
		})
	})
	b.Run("actortotals-monthly", func(b *testing.B) {
		medianOf(b, func() {
			pts, err := s.ActorTotals(ctx, store.TotalsQuery{Actor: []string{"CHN*"}, By: "month"})
			nonEmpty(len(pts), err)
		})
	})
	b.Run("text-search", func(b *testing.B) {
		medianOf(b, func() {
			evs, err := s.Events(ctx, store.EventFilter{Text: "ceasefire", Source: []string{"CHN"}, Limit: 20})
			nonEmpty(len(evs), err)
		})
	})
	b.Run("observations-CHNGOV", func(b *testing.B) {
		medianOf(b, func() {
			obs, err := s.Observations(ctx, analysis.Selection{Actors: []string{"CHNGOV"}})
			nonEmpty(len(obs), err)
		})
	})
	b.Run("relations-CHN-AFG-month", func(b *testing.B) {
		medianOf(b, func() {
			res, err := analysis.Relations(ctx, s, analysis.Code("CHN"), analysis.Code("AFG"), analysis.RelationsOptions{By: analysis.Month})
			if err != nil || res.Overall.Total == 0 {
				b.Fatalf("%v, %v", res, err)
			}
		})
	})
	b.Run("stats", func(b *testing.B) {
		medianOf(b, func() {
			st, err := s.Stats(ctx)
			nonEmpty(st.Events, err)
		})
	})
}
