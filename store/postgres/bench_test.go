package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/postgres/pgtest"
	"github.com/dyad-events/dyad/store/storetest"
)

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
		batches[i] = storetest.SynthDocs(r, i*docsPer*per, docsPer, per, i)
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
	c0 := cputime.Process()
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
	b.ReportMetric(float64(b.N*docsPer*per)/(cputime.Process()-c0).Seconds(), "events/client-cpu-s")
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
		if _, err := s.PutBatch(ctx, storetest.SynthDocs(r, b0*docsPer*per, docsPer, per, b0*3650/nb)); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.with(ctx, func(c *pgxpool.Conn) error { _, err := c.Exec(ctx, `VACUUM ANALYZE`); return err }); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d events in %s", n, time.Since(start))
	return s
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
		storetest.ReportMedian(b, func() {
			evs, err := s.Events(ctx, store.EventFilter{Source: []string{"CHN"}, Target: []string{"AFG"}})
			nonEmpty(len(evs), err)
		})
	})
	b.Run("events-prefix-CHN*-AFG*", func(b *testing.B) {
		storetest.ReportMedian(b, func() {
			evs, err := s.Events(ctx, store.EventFilter{Source: []string{"CHN*"}, Target: []string{"AFG*"}})
			nonEmpty(len(evs), err)
		})
	})
	b.Run("events-actor-USA*", func(b *testing.B) {
		storetest.ReportMedian(b, func() {
			evs, err := s.Events(ctx, store.EventFilter{Actor: []string{"USA*"}})
			nonEmpty(len(evs), err)
		})
	})
	b.Run("dyadcounts-monthly-undirected", func(b *testing.B) {
		storetest.ReportMedian(b, func() {
			pcs, err := s.DyadCounts(ctx, store.CountQuery{Source: []string{"CHN*"}, Target: []string{"AFG*"}, By: "month"})
			nonEmpty(len(pcs), err)
		})
	})
	b.Run("dyadcounts-weekly-directed", func(b *testing.B) {
		storetest.ReportMedian(b, func() {
			pcs, err := s.DyadCounts(ctx, store.CountQuery{Source: []string{"CHN*"}, Target: []string{"AFG*"}, Directed: true, By: "week"})
			nonEmpty(len(pcs), err)
		})
	})
	b.Run("actortotals-monthly", func(b *testing.B) {
		storetest.ReportMedian(b, func() {
			pts, err := s.ActorTotals(ctx, store.TotalsQuery{Actor: []string{"CHN*"}, By: "month"})
			nonEmpty(len(pts), err)
		})
	})
	b.Run("text-search", func(b *testing.B) {
		storetest.ReportMedian(b, func() {
			evs, err := s.Events(ctx, store.EventFilter{Text: "ceasefire", Source: []string{"CHN"}, Limit: 20})
			nonEmpty(len(evs), err)
		})
	})
	b.Run("observations-CHNGOV", func(b *testing.B) {
		storetest.ReportMedian(b, func() {
			obs, err := s.Observations(ctx, analysis.Selection{Actors: []string{"CHNGOV"}})
			nonEmpty(len(obs), err)
		})
	})
	b.Run("relations-CHN-AFG-month", func(b *testing.B) {
		storetest.ReportMedian(b, func() {
			res, err := analysis.Relations(ctx, s, analysis.Code("CHN"), analysis.Code("AFG"), analysis.RelationsOptions{By: analysis.Month})
			if err != nil || res.Overall.Total == 0 {
				b.Fatalf("%v, %v", res, err)
			}
		})
	})
	b.Run("stats", func(b *testing.B) {
		storetest.ReportMedian(b, func() {
			st, err := s.Stats(ctx)
			nonEmpty(st.Events, err)
		})
	})
}
