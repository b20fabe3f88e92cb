package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/cputime"
)

// gdeltExport writes a synthetic export of n rows (urls distinct URLs).
func gdeltExport(b *testing.B, n, urls int) string {
	b.Helper()
	actors := []string{"USA", "CHN", "RUS", "UKR", "AFG", "IRN", "ISR", "PAK", "IND", "GBR", "FRA", "DEU", "TUR", "SYR"}
	codes := []string{"010", "020", "036", "040", "042", "043", "051", "057", "061", "0311", "111", "112", "120", "138", "173", "190", "193"}
	var sb strings.Builder
	for i := 0; i < n; i++ {
		day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*3650/n)
		a1 := actors[i%len(actors)] + []string{"", "GOV", "MIL"}[i%3]
		a2 := actors[(i/7)%len(actors)]
		c := codes[(i/3)%len(codes)]
		sb.WriteString(gdeltLine(i+1, day.Format("20060102"), a1, a2, c, 1+i%4, float64(i%20-10)/2, fmt.Sprintf("https://n%d.example/story/%d", i%50, i%urls)))
		sb.WriteByte('\n')
	}
	p := filepath.Join(b.TempDir(), "bench.export.CSV")
	if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkGDELTRead parses a synthetic GDELT export (200,000 rows).
func BenchmarkGDELTRead(b *testing.B) {
	const n = 200_000
	p := gdeltExport(b, n, n/3)
	b.ResetTimer()
	c0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		rows := 0
		if err := ReadGDELTFile(context.Background(), p, func(it Item) bool {
			if it.Err != nil {
				b.Fatal(it.Err)
			}
			rows++
			return true
		}); err != nil || rows != n {
			b.Fatalf("%d rows, %v", rows, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(n*b.N)/(cputime.Process()-c0).Seconds(), "rows/cpu-s")
}

// BenchmarkGDELTImport imports a synthetic export (50,000 rows, a third as
// many articles) into a fresh SQLite store through Run.
func BenchmarkGDELTImport(b *testing.B) {
	const n = 50_000
	p := gdeltExport(b, n, n/3)
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openStore(b, filepath.Join(b.TempDir(), fmt.Sprintf("g%d.db", i)))
		b.StartTimer()
		c0 := cputime.Process()
		sum, err := Run(context.Background(), s, CoderFunc(func(*dyad.Document) ([]dyad.Event, int, error) { return nil, 0, nil }),
			Paths([]string{p}, nil, Options{}), RunOptions{BatchSize: 2048})
		cpu += cputime.Process() - c0
		if err != nil || sum.Mentions != n {
			b.Fatalf("%v, %d mentions", err, sum.Mentions)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "rows/cpu-s")
}

// BenchmarkRunStore measures the runner and store with a free coder: 2,000
// documents of 5 sentences (10,000 events) per iteration.
func BenchmarkRunStore(b *testing.B) {
	var items []Item
	for i := 0; i < 2000; i++ {
		text := fmt.Sprintf("Doc %d one met. Two %d. Three %d. Four %d. Five %d", i, i, i, i, i)
		items = append(items, Item{Pos: "x", Doc: docOf(fmt.Sprintf("b%d", i), text)})
	}
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openStore(b, filepath.Join(b.TempDir(), fmt.Sprintf("r%d.db", i)))
		b.StartTimer()
		c0 := cputime.Process()
		sum, err := Run(context.Background(), s, fakeCoder{}, ReaderFunc(func(ctx context.Context, yield func(Item) bool) error {
			for _, it := range items {
				yield(it)
			}
			return nil
		}), RunOptions{BatchSize: 64})
		cpu += cputime.Process() - c0
		if err != nil || sum.Mentions != 10000 {
			b.Fatalf("%v %d", err, sum.Mentions)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(10000*b.N)/cpu.Seconds(), "events/cpu-s")
}
