package storetest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// The vocabulary of SynthDocs: actor countries and sectors, sentence
// topics and CAMEO codes. Benchmarks may draw from them; they must not
// change them.
var (
	SynthCountries = []string{"CHN", "AFG", "USA", "RUS", "UKR", "IRN", "ISR", "PAK", "IND", "GBR", "FRA", "DEU", "TUR", "SYR",
		"IRQ", "SAU", "EGY", "JPN", "KOR", "PRK", "BRA", "MEX", "CAN", "NGA", "ZAF", "ETH", "SDN", "YEM", "LBN", "QAT",
		"VNM", "PHL", "IDN", "MYS", "THA", "MMR", "BGD", "LKA", "NPL", "KAZ"}
	SynthSectors = []string{"", "GOV", "MIL", "COP", "REB", "OPP", "BUS", "MED"}
	SynthTopics  = []string{"trade", "security", "water rights", "the border", "refugees", "oil prices", "sanctions", "elections",
		"a ceasefire", "nuclear talks", "fishing quotas", "debt relief", "vaccines", "drought", "mining", "railways"}
	SynthCodes = []string{"010", "020", "036", "040", "042", "043", "051", "057", "061", "071", "0311", "111", "112",
		"120", "130", "138", "141", "163", "173", "180", "190", "193", "195", "200"}
)

// SynthDocs makes n synthetic documents with per events each, for
// benchmarks: mention ids start at mention number start, and the
// documents are published on day (days after 2015-01-01) or the two days
// before, their events dated up to two days before that, as a news stream
// arrives roughly in date order. Actor choice is skewed so that some
// dyads are frequent, as in news. The same r gives the same documents.
func SynthDocs(r *rand.Rand, start, n, per, day int) []store.Doc {
	base := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]store.Doc, n)
	for i := range docs {
		id := start/per + i
		d := base.AddDate(0, 0, day-r.IntN(3))
		evs := make([]dyad.Event, per)
		for j := range evs {
			ac := func() dyad.Actor {
				c := SynthCountries[min(r.IntN(len(SynthCountries)), r.IntN(len(SynthCountries)))]
				code := c + SynthSectors[r.IntN(len(SynthSectors))]
				return dyad.Actor{Code: code, Country: c, Name: code}
			}
			src, tgt := ac(), ac()
			code := SynthCodes[r.IntN(len(SynthCodes))]
			ed := d.AddDate(0, 0, -r.IntN(3))
			evs[j] = dyad.Event{ID: fmt.Sprintf("m%d-%d", id, j), Date: ed.Format("2006-01-02"), DatePrecision: "day",
				Source: src, Target: tgt, CAMEO: code, Root: code[:2], Quad: 1 + int(code[1]-'0')%4, Goldstein: float64(r.IntN(20) - 10),
				Verb: dyad.Verb{Text: "met", Lemma: "meet"}, Modality: "asserted", Pattern: "synthetic:1",
				SentenceText: src.Code + " met " + tgt.Code + " to discuss " + SynthTopics[r.IntN(len(SynthTopics))] + "."}
		}
		docs[i] = store.Doc{Document: dyad.Document{ID: fmt.Sprintf("doc%d", id), Source: SynthCountries[i%7], Date: d,
			Text: fmt.Sprintf("synthetic document %d", id)}, Events: evs}
	}
	return docs
}

// ReportMedian runs f b.N times and reports the median time of a run in
// milliseconds as the metric "ms-median": the typical time of a query,
// unlike ns/op, which a slow first run (a cold cache) skews.
func ReportMedian(b *testing.B, f func()) {
	ds := make([]time.Duration, 0, b.N)
	for i := 0; i < b.N; i++ {
		t := time.Now()
		f()
		ds = append(ds, time.Since(t))
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "ms-median")
}
