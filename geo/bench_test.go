package geo

import (
	"bytes"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/cputime"
)

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	c0 := cputime.Process()
	for b.Loop() {
		g, err := Load(bytes.NewReader(embedded))
		if err != nil || g.Len() == 0 {
			b.Fatal(err)
		}
	}
	reportCPU(b, c0)
}

// reportCPU reports CPU time per operation, which a busy shared machine
// distorts less than wall time. (The GC's other threads count too.)
func reportCPU(b *testing.B, c0 time.Duration) {
	if c := cputime.Process() - c0; c > 0 {
		b.ReportMetric(float64(c.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// sentence30 is a 30-token news sentence with four place names.
var sentence30 = toks("Taliban fighters attacked a checkpoint near Maymana in northern Faryab province on Tuesday officials in Kabul said , while talks continued in Doha with envoys from Pakistan and Iran .")

func BenchmarkFindPlaces(b *testing.B) {
	g := mustDefault(b)
	if len(sentence30) != 30 {
		b.Fatalf("sentence has %d tokens, want 30", len(sentence30))
	}
	b.ReportAllocs()
	c0 := cputime.Process()
	for b.Loop() {
		if ms := g.FindPlaces(sentence30, Context{}); len(ms) == 0 {
			b.Fatal("no places")
		}
	}
	reportCPU(b, c0)
}

func BenchmarkResolve(b *testing.B) {
	g := mustDefault(b)
	ctx := Context{Countries: []string{"PAK"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := g.Resolve("Hyderabad", ctx); !ok {
			b.Fatal("not found")
		}
	}
}
