package dictionary

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/text"
)

// loadMeasured loads with LoadPetrarch and returns the live heap it holds
// and the bytes allocated while loading.
func loadMeasured(tb testing.TB, files PetrarchFiles) (d *Dictionary, heap, total uint64, took time.Duration) {
	tb.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	d, err := LoadPetrarch(files)
	took = time.Since(start)
	if err != nil {
		tb.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(d)
	return d, after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc), after.TotalAlloc - before.TotalAlloc, took
}

// TestPhoenixBudget checks the full Phoenix set against the load targets
// (< 1 s, < 300 MB). Time is measured as CPU time, which a busy shared
// machine does not inflate; the test fails above 2 s of CPU (GC included)
// or 300 MB of live heap.
func TestPhoenixBudget(t *testing.T) {
	files := phoenixFiles(t)
	cpu0 := cputime.Process()
	d, heap, total, took := loadMeasured(t, files)
	cpu1 := cputime.Process()
	t.Logf("Phoenix: %v wall, %v CPU, live heap %.1f MB, allocated %.1f MB, %d actors, %d patterns",
		took, cpu1-cpu0, mb(heap), mb(total), len(d.Actors), len(d.Patterns))
	if cpu0 > 0 && !raceEnabled && cpu1-cpu0 > 2*time.Second {
		t.Errorf("load used %v of CPU (target < 1 s)", cpu1-cpu0)
	}
	if heap > 300<<20 {
		t.Errorf("live heap %.0f MB (target < 300 MB)", mb(heap))
	}
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

func BenchmarkLoadPhoenix(b *testing.B) {
	files := phoenixFiles(b)
	var heap, total uint64
	for i := 0; i < b.N; i++ {
		_, heap, total, _ = loadMeasured(b, files)
	}
	b.ReportMetric(mb(heap), "heapMB")
	b.ReportMetric(mb(total), "allocMB")
}

func BenchmarkLoadValidate(b *testing.B) {
	files := validateFiles(b)
	for i := 0; i < b.N; i++ {
		if _, err := LoadPetrarch(files); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadNativeTestdata(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := LoadDir("testdata/native"); err != nil {
			b.Fatal(err)
		}
	}
}

// seedSentences tokenizes the seed article with the text package.
func seedSentences(tb testing.TB) [][]dyad.Token {
	dir := shared.Path(tb, "data/seed")
	ents, err := os.ReadDir(dir)
	if err != nil || len(ents) == 0 {
		tb.Skipf("no seed article: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(dir, ents[0].Name()))
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]dyad.Token
	for _, s := range text.Split(string(src)) {
		out = append(out, s.Tokens)
	}
	return out
}

func benchMatch(b *testing.B, d *Dictionary) {
	sents := seedSentences(b)
	ntok := 0
	for _, s := range sents {
		ntok += len(s)
	}
	date := time.Date(2022, 3, 28, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	matches := 0
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			matches += len(d.MatchActors(s, date))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*ntok), "ns/token")
	b.ReportMetric(float64(matches)/float64(b.N), "matches/article")
}

func BenchmarkMatchActorsPhoenix(b *testing.B) {
	d, err := LoadPetrarch(phoenixFiles(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	benchMatch(b, d)
}

func BenchmarkMatchActorsNative(b *testing.B) {
	d := loadTestNative(b)
	b.ReportAllocs()
	benchMatch(b, d)
}

// TestMatchActorsNoAllocs checks that a sentence without matches costs no
// allocation: the hot path lower-cases into a stack buffer.
func TestMatchActorsNoAllocs(t *testing.T) {
	d := loadTestNative(t)
	tk := toks("Nothing in this rather long sentence names anybody at all, or does it?")
	allocs := testing.AllocsPerRun(100, func() { d.MatchActors(tk, time.Time{}) })
	if allocs != 0 {
		t.Errorf("MatchActors allocated %.1f times per call on a sentence without actors", allocs)
	}
}

// TestMillionActors loads a generated native set of 1,000,000 actors (and a
// PETRARCH file of the same size) and resolves a few of them.
func TestMillionActors(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: generates and loads 1,000,000 actors")
	}
	const n = 1_000_000
	dir := t.TempDir()
	nat := filepath.Join(dir, "native")
	if err := os.Mkdir(nat, 0o755); err != nil {
		t.Fatal(err)
	}
	writeGen(t, filepath.Join(nat, "actors.txt"), func(w *bufio.Writer, i int) {
		fmt.Fprintf(w, "actor Person%d Family%d\n  alias P%dF~\n  code %s 2001-01-01..2010-12-31\n  code %sGOV 2011-01-01..\n", i, i%977, i, iso(i), iso(i))
	}, n)
	start := time.Now()
	d, err := LoadDir(nat)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("native: %d actors in %v", len(d.Actors), time.Since(start))
	if len(d.Actors) != n {
		t.Fatalf("loaded %d actors, want %d", len(d.Actors), n)
	}
	ms := d.MatchActors(toks(fmt.Sprintf("Person777777 Family%d spoke to Person5 Family5.", 777777%977)), day("2020-01-01"))
	if len(ms) != 2 || ms[0].Code != iso(777777)+"GOV" || ms[1].Code != iso(5)+"GOV" {
		t.Errorf("matches = %+v", ms)
	}
	pet := filepath.Join(dir, "actors.petrarch.txt")
	writeGen(t, pet, func(w *bufio.Writer, i int) {
		fmt.Fprintf(w, "PERSON%d_FAMILY%d_  [%s]\n+P%d_F\n\t[%sGOV 010101-101231]\n", i, i%977, iso(i), i, iso(i))
	}, n)
	start = time.Now()
	d, err = LoadPetrarch(PetrarchFiles{Actors: []string{pet}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("petrarch: %d actors in %v", len(d.Actors), time.Since(start))
	if len(d.Actors) != n {
		t.Fatalf("loaded %d actors, want %d", len(d.Actors), n)
	}
	ms = d.MatchActors(toks("P999999 F said"), day("2005-06-01"))
	if len(ms) != 1 || ms[0].Code != iso(999999)+"GOV" {
		t.Errorf("PETRARCH matches = %+v", ms)
	}
}

func iso(i int) string {
	return string([]byte{byte('A' + i%26), byte('A' + i/26%26), byte('A' + i/676%26)})
}

func writeGen(t *testing.T, path string, line func(*bufio.Writer, int), n int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := 0; i < n; i++ {
		line(w, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
