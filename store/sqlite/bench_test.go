package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
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
// two days before: a news stream arrives roughly in date order. Actor
// choice is skewed so that some dyads are frequent, as in news.
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

// BenchmarkPutBatch stores synthetic events, 1000 documents × 10 events per
// transaction, and reports events/s.
func BenchmarkPutBatch(b *testing.B) {
	s := openTemp(b)
	defer s.Close()
	r := rand.New(rand.NewPCG(1, 2))
	const docsPer, per = 1000, 10
	batches := make([][]store.Doc, b.N)
	for i := range batches {
		batches[i] = synthDocs(r, i*docsPer*per, docsPer, per, i)
	}
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := s.PutBatch(context.Background(), batches[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*docsPer*per)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(b.N*docsPer*per)/(cpuTime()-c0).Seconds(), "events/cpu-s")
}

// bigStore returns a store with n synthetic events, built once and kept
// under $DYAD_BENCH_DIR (default: the temp dir) for later runs.
func bigStore(b *testing.B, n int) *Store {
	dir := os.Getenv("DYAD_BENCH_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("dyad-bench-%d.db", n))
	if _, err := os.Stat(path); err == nil {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		st, err := s.Stats(context.Background())
		if err == nil && st.Mentions == n {
			return s
		}
		s.Close()
		os.Remove(path)
	}
	start := time.Now()
	s, err := Open(path + ".tmp")
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 7))
	// Ten years of news: the batches spread evenly over 3650 days.
	const docsPer, per = 5000, 10
	nb := (n + docsPer*per - 1) / (docsPer * per)
	for b0 := 0; b0 < nb; b0++ {
		done := b0 * docsPer * per
		if _, err := s.PutBatch(context.Background(), synthDocs(r, done, docsPer, per, b0*3650/nb)); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := s.DB().Exec(`ANALYZE`); err != nil {
		b.Fatal(err)
	}
	s.Close()
	if err := os.Rename(path+".tmp", path); err != nil {
		b.Fatal(err)
	}
	os.Remove(path + ".tmp-wal")
	os.Remove(path + ".tmp-shm")
	b.Logf("generated %d events in %s", n, time.Since(start))
	s, err = Open(path)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func bigN() int {
	if os.Getenv("DYAD_BENCH_BIG") != "" {
		return 5_000_000
	}
	return 200_000
}

func medianOf(b *testing.B, name string, f func()) {
	var ds []time.Duration
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		t := time.Now()
		f()
		ds = append(ds, time.Since(t))
	}
	b.ReportMetric(float64((cpuTime()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "ms-median")
}

// BenchmarkQueryBig measures the CLI's queries over a big store: 200,000
// events by default, 5 million with DYAD_BENCH_BIG=1.
func BenchmarkQueryBig(b *testing.B) {
	s := bigStore(b, bigN())
	defer s.Close()
	ctx := context.Background()
	b.Run("events-source-CHN-target-AFG", func(b *testing.B) {
		medianOf(b, "", func() {
			evs, err := s.Events(ctx, store.EventFilter{Source: []string{"CHN"}, Target: []string{"AFG"}})
			if err != nil || len(evs) == 0 {
				b.Fatalf("%d events, %v", len(evs), err)
			}
		})
	})
	b.Run("events-prefix-CHN*-AFG*", func(b *testing.B) {
		medianOf(b, "", func() {
			evs, err := s.Events(ctx, store.EventFilter{Source: []string{"CHN*"}, Target: []string{"AFG*"}})
			if err != nil || len(evs) == 0 {
				b.Fatalf("%d events, %v", len(evs), err)
			}
		})
	})
	b.Run("dyadcounts-monthly-undirected", func(b *testing.B) {
		medianOf(b, "", func() {
			pcs, err := s.DyadCounts(ctx, store.CountQuery{Source: []string{"CHN*"}, Target: []string{"AFG*"}, By: "month"})
			if err != nil || len(pcs) == 0 {
				b.Fatalf("%d periods, %v", len(pcs), err)
			}
		})
	})
	b.Run("dyadcounts-weekly-directed", func(b *testing.B) {
		medianOf(b, "", func() {
			pcs, err := s.DyadCounts(ctx, store.CountQuery{Source: []string{"CHN*"}, Target: []string{"AFG*"}, Directed: true, By: "week"})
			if err != nil || len(pcs) == 0 {
				b.Fatalf("%d periods, %v", len(pcs), err)
			}
		})
	})
	b.Run("actortotals-monthly", func(b *testing.B) {
		medianOf(b, "", func() {
			pts, err := s.ActorTotals(ctx, store.TotalsQuery{Actor: []string{"CHN*"}, By: "month"})
			if err != nil || len(pts) == 0 {
				b.Fatalf("%d periods, %v", len(pts), err)
			}
		})
	})
	b.Run("text-search", func(b *testing.B) {
		medianOf(b, "", func() {
			evs, err := s.Events(ctx, store.EventFilter{Text: "trade", Source: []string{"CHN"}, Limit: 20})
			if err != nil || len(evs) == 0 {
				b.Fatalf("%d events, %v", len(evs), err)
			}
		})
	})
}

// BenchmarkSQLiteFloor measures the bare engine on this machine: rows of
// 6 columns into a table with one secondary index, 100 rows per INSERT,
// 10,000 rows per transaction. It bounds what PutBatch (about 14 B-tree
// inserts per new event) can reach.
func BenchmarkSQLiteFloor(b *testing.B) {
	s := openTemp(b)
	defer s.Close()
	db := s.DB()
	if _, err := db.Exec(`CREATE TABLE floor(a INTEGER PRIMARY KEY, b TEXT, c TEXT, d INTEGER, e REAL, f TEXT); CREATE INDEX floor_b ON floor(b, c)`); err != nil {
		b.Fatal(err)
	}
	q := "INSERT INTO floor(b,c,d,e,f) VALUES " + strings.TrimSuffix(strings.Repeat("(?,?,?,?,?,?),", 100), ",")
	q = strings.Replace(q, "(?,?,?,?,?,?)", "(?,?,?,?,?)", -1)
	args := make([]any, 0, 500)
	r := rand.New(rand.NewPCG(3, 3))
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		tx, _ := db.Begin()
		st, err := tx.Prepare(q)
		if err != nil {
			b.Fatal(err)
		}
		for k := 0; k < 100; k++ {
			args = args[:0]
			for j := 0; j < 100; j++ {
				args = append(args, benchCountries[r.IntN(40)], benchCodes[r.IntN(20)], r.Int64(), r.Float64(), "some sentence text of moderate length for the row")
			}
			if _, err := st.Exec(args...); err != nil {
				b.Fatal(err)
			}
		}
		st.Close()
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*10000)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(b.N*10000)/(cpuTime()-c0).Seconds(), "rows/cpu-s")
}
