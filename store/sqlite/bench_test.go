package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/storetest"
)

// BenchmarkPutBatch stores synthetic events, 1000 documents × 10 events per
// transaction, and reports events/s. The full-text index is not built:
// PutBatch leaves it to IndexText (see BenchmarkPutBatchIndexText).
func BenchmarkPutBatch(b *testing.B) { benchPutBatch(b, false) }

// BenchmarkPutBatchIndexText is BenchmarkPutBatch with the full-text index
// brought up to date (IndexText) after every batch, as a text query after
// every batch would: the work PutBatch did in its transaction before the
// index was deferred (migration 0006).
func BenchmarkPutBatchIndexText(b *testing.B) { benchPutBatch(b, true) }

func benchPutBatch(b *testing.B, index bool) {
	s := openTemp(b)
	defer s.Close()
	r := rand.New(rand.NewPCG(1, 2))
	const docsPer, per = 1000, 10
	batches := make([][]store.Doc, b.N)
	for i := range batches {
		batches[i] = storetest.SynthDocs(r, i*docsPer*per, docsPer, per, i)
	}
	b.ResetTimer()
	c0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		if _, err := s.PutBatch(context.Background(), batches[i]); err != nil {
			b.Fatal(err)
		}
		if index {
			if err := s.IndexText(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*docsPer*per)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(b.N*docsPer*per)/(cputime.Process()-c0).Seconds(), "events/cpu-s")
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
		if _, err := s.PutBatch(context.Background(), storetest.SynthDocs(r, done, docsPer, per, b0*3650/nb)); err != nil {
			b.Fatal(err)
		}
	}
	// The full-text index is built after the batches (see IndexText).
	if err := s.IndexText(context.Background()); err != nil {
		b.Fatal(err)
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

func bigN() int {
	if os.Getenv("DYAD_BENCH_BIG") != "" {
		return 5_000_000
	}
	return 200_000
}

// medianOf reports the median time of f (storetest.ReportMedian) and the
// CPU time of this process per run, the engine's work included.
func medianOf(b *testing.B, name string, f func()) {
	c0 := cputime.Process()
	storetest.ReportMedian(b, f)
	b.ReportMetric(float64((cputime.Process()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
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
	c0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		tx, _ := db.Begin()
		st, err := tx.Prepare(q)
		if err != nil {
			b.Fatal(err)
		}
		for k := 0; k < 100; k++ {
			args = args[:0]
			for j := 0; j < 100; j++ {
				args = append(args, storetest.SynthCountries[r.IntN(40)], storetest.SynthCodes[r.IntN(20)], r.Int64(), r.Float64(), "some sentence text of moderate length for the row")
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
	b.ReportMetric(float64(b.N*10000)/(cputime.Process()-c0).Seconds(), "rows/cpu-s")
}

// BenchmarkSQLiteAppendFloor measures the bare engine's best case for
// storing wide rows: rows of 5, 20 or 61 columns (a third integers, the
// rest short text) appended to a table with no index at all, 20 rows per
// INSERT, 100,000 rows per transaction. A GDELT 2.0 row has 61 columns,
// and the fields dyad keeps of one (codes, names, countries, date, place,
// counts, URL) are about 20. It bounds any import that stores those
// fields as columns, whatever its indexes: the GDELT import target
// (200,000 rows/s) lies above the 20-column figure on this machine.
func BenchmarkSQLiteAppendFloor(b *testing.B) {
	for _, cols := range []int{5, 20, 61} {
		b.Run(fmt.Sprintf("cols-%d", cols), func(b *testing.B) { benchAppendFloor(b, cols) })
	}
}

func benchAppendFloor(b *testing.B, cols int) {
	s := openTemp(b)
	defer s.Close()
	db := s.DB()
	names := make([]string, cols)
	for i := range names {
		names[i] = fmt.Sprintf("c%d", i)
	}
	if _, err := db.Exec(`CREATE TABLE wide(id INTEGER PRIMARY KEY, ` + strings.Join(names, ",") + `)`); err != nil {
		b.Fatal(err)
	}
	const perInsert, perTx = 20, 100_000
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", cols+1), ",") + ")"
	q := "INSERT INTO wide VALUES " + strings.TrimSuffix(strings.Repeat(row+",", perInsert), ",")
	args := make([]any, 0, perInsert*(cols+1))
	id := int64(0)
	b.ResetTimer()
	c0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		st, err := tx.Prepare(q)
		if err != nil {
			b.Fatal(err)
		}
		for k := 0; k < perTx/perInsert; k++ {
			args = args[:0]
			for j := 0; j < perInsert; j++ {
				id++
				args = append(args, id)
				for c := 0; c < cols; c++ {
					if c%3 == 0 {
						args = append(args, id+int64(c))
					} else {
						args = append(args, storetest.SynthCountries[(int(id)+c)%len(storetest.SynthCountries)])
					}
				}
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
	b.ReportMetric(float64(b.N*perTx)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(b.N*perTx)/(cputime.Process()-c0).Seconds(), "rows/cpu-s")
}
