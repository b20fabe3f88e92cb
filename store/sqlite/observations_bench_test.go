package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store/storetest"
)

// openReadOnly opens an existing database read-only, without migrating
// it, so that a benchmark never changes a database that others use.
func openReadOnly(tb testing.TB, path string) *Store {
	tb.Helper()
	q := url.Values{}
	q.Set("mode", "ro")
	for _, p := range []string{"busy_timeout(10000)", "temp_store(MEMORY)", "cache_size(-65536)", "query_only(1)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	s := &Store{db: db, path: path, now: time.Now}
	v, err := s.SchemaVersion(context.Background())
	if err != nil || v < 4 {
		db.Close()
		tb.Fatalf("%s: schema version %d, %v: want at least 4", path, v, err)
	}
	return s
}

// BenchmarkAnalysisBig runs the analyses through the store (its rollups
// for monthly dyad series, its Observations otherwise) on the 5 million event database of BenchmarkQueryBig (it must exist:
// run that benchmark with DYAD_BENCH_BIG=1 first), opened read-only.
// Gated by DYAD_BENCH_BIG=1. Each sub-benchmark reports the median wall
// time and the process CPU time per operation.
func BenchmarkAnalysisBig(b *testing.B) {
	if os.Getenv("DYAD_BENCH_BIG") == "" {
		b.Skip("set DYAD_BENCH_BIG=1 (needs the 5M event database of BenchmarkQueryBig)")
	}
	dir := os.Getenv("DYAD_BENCH_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("dyad-bench-%d.db", 5_000_000))
	if _, err := os.Stat(path); err != nil {
		b.Skipf("%s: %v (run BenchmarkQueryBig with DYAD_BENCH_BIG=1 first)", path, err)
	}
	s := openReadOnly(b, path)
	defer s.db.Close()
	ctx := context.Background()
	day := func(v string) time.Time { d, _ := time.Parse("2006-01-02", v); return d }
	relations := func(a, bb string) func(b *testing.B) {
		return func(b *testing.B) {
			var n int
			medianOf(b, "", func() {
				res, err := analysis.Relations(ctx, s, analysis.Code(a), analysis.Code(bb), analysis.RelationsOptions{By: analysis.Month})
				if err != nil || res.Overall.Total == 0 {
					b.Fatalf("%v, %v", res, err)
				}
				n = res.Overall.ActivityA + res.Overall.ActivityB
			})
			b.ReportMetric(float64(n), "activity")
		}
	}
	b.Run("observations-CHN-USA", func(b *testing.B) {
		var n int
		medianOf(b, "", func() {
			obs, err := s.Observations(ctx, analysis.Selection{Actors: []string{"CHN*", "USA*"}})
			if err != nil || len(obs) == 0 {
				b.Fatalf("%d, %v", len(obs), err)
			}
			n = len(obs)
		})
		b.ReportMetric(float64(n), "obs")
	})
	b.Run("relations-CHN-USA-month", relations("CHN", "USA"))
	// The same dyad computed from every observation, without the rollups.
	b.Run("relations-CHN-USA-month-observations", func(b *testing.B) {
		medianOf(b, "", func() {
			res, err := analysis.Relations(ctx, storetest.ObservationsOnly(s), analysis.Code("CHN"), analysis.Code("USA"), analysis.RelationsOptions{By: analysis.Month})
			if err != nil || res.Overall.Total == 0 {
				b.Fatalf("%v, %v", res, err)
			}
		})
	})
	b.Run("relations-CHN*-AFG*-month", relations("CHN*", "AFG*"))
	b.Run("relations-CHNGOV-AFGGOV-month", relations("CHNGOV", "AFGGOV"))
	// The same mid-size dyad through the Events adapter (server.StoreSource),
	// for comparison.
	b.Run("relations-CHNGOV-AFGGOV-month-via-Events", func(b *testing.B) {
		src := eventsSource{s}
		medianOf(b, "", func() {
			res, err := analysis.Relations(ctx, src, analysis.Code("CHNGOV"), analysis.Code("AFGGOV"), analysis.RelationsOptions{By: analysis.Month})
			if err != nil || res.Overall.Total == 0 {
				b.Fatalf("%v, %v", res, err)
			}
		})
	})
	b.Run("movers-2020-90d", func(b *testing.B) {
		medianOf(b, "", func() {
			res, err := analysis.Movers(ctx, s, analysis.MoversOptions{Since: day("2020-01-01"), Window: 90 * 24 * time.Hour, MinEvents: 10})
			if err != nil || res.Tested == 0 {
				b.Fatalf("%v, %v", res, err)
			}
		})
	})
	b.Run("blocs-200x12", func(b *testing.B) {
		medianOf(b, "", func() {
			res, err := analysis.Blocs(ctx, s, analysis.BlocsOptions{From: day("2020-01-01"), To: day("2021-01-01"),
				Window: 31 * 24 * time.Hour, Step: 30 * 24 * time.Hour, MaxActors: 200, MinEvents: 1, Level: analysis.LevelCode})
			if err != nil || len(res.Windows) < 12 || res.Windows[0].Actors != 200 {
				b.Fatalf("%v, %v", res, err)
			}
		})
	})
}

// eventsSource reads observations by paging through Events, as
// server.StoreSource does.
type eventsSource struct{ s *Store }

func (e eventsSource) Observations(ctx context.Context, sel analysis.Selection) ([]analysis.Obs, error) {
	return eventsObservations(ctx, e.s, sel, 5000)
}
