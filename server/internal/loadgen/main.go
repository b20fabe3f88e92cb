// Command loadgen fills a store with synthetic events for the dashboard
// load test (.ci/dashboard.sh) and writes the URLs wrk requests.
//
//	go run ./server/internal/loadgen -db /tmp/load.db -events 1000000 -urls /tmp/urls
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/sqlite"
)

var countries = strings.Fields(`CHN AFG USA RUS UKR IRN ISR PAK IND GBR FRA DEU TUR SYR IRQ SAU YEM EGY QAT JPN KOR PRK TWN BRA MEX ZAF NGA ETH KEN SDN
LBY MLI NER POL ITA ESP CAN AUS IDN PHL VNM THA MMR BGD LKA NPL KAZ UZB TJK AZE ARM GEO BLR SRB HUN ROU GRC CYP LBN JOR PSE ARE OMN KWT`)

var sectors = []string{"", "GOV", "MIL", "COP", "REB", "OPP", "BUS", "MED"}

var codes = []struct {
	code, root string
	quad       int
	g          float64
}{{"010", "01", 1, 0}, {"036", "03", 1, 4}, {"040", "04", 1, 1}, {"042", "04", 1, 1.9}, {"051", "05", 1, 3.4}, {"057", "05", 1, 8},
	{"061", "06", 2, 6.4}, {"070", "07", 2, 7}, {"0311", "03", 1, 5.2}, {"111", "11", 3, -2}, {"112", "11", 3, -2}, {"120", "12", 3, -4},
	{"138", "13", 3, -7}, {"163", "16", 3, -8}, {"173", "17", 4, -5}, {"190", "19", 4, -10}, {"193", "19", 4, -10}, {"195", "19", 4, -10}}

var verbs = map[int]string{1: "met", 2: "aided", 3: "criticised", 4: "attacked"}

func main() {
	db := flag.String("db", "", "SQLite file to create")
	n := flag.Int("events", 1000000, "number of mentions (almost all distinct events)")
	per := flag.Int("per-doc", 10, "mentions per document")
	batch := flag.Int("batch", 500, "documents per transaction")
	urls := flag.String("urls", "", "directory for the URL lists (series.txt, events.txt)")
	flag.Parse()
	if *db == "" {
		fmt.Fprintln(os.Stderr, "loadgen: -db is required")
		os.Exit(2)
	}
	if err := run(*db, *n, *per, *batch, *urls); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

// pick draws a country with Zipf-like weights (the first ones are busiest).
func pick(r *rand.Rand) string {
	return countries[min(r.IntN(len(countries)), r.IntN(len(countries)), r.IntN(len(countries)))]
}

func run(path string, n, per, batch int, urlDir string) error {
	ctx := context.Background()
	st, err := sqlite.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	r := rand.New(rand.NewPCG(42, 7))
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	days := 365 * 7
	t0 := time.Now()
	docs := make([]store.Doc, 0, batch)
	made := 0
	for d := 0; made < n; d++ {
		date := start.AddDate(0, 0, r.IntN(days))
		id := fmt.Sprintf("load-%07d", d)
		var text strings.Builder
		evs := make([]dyad.Event, 0, per)
		for i := 0; i < per && made < n; i++ {
			a, b := pick(r), pick(r)
			for b == a {
				b = pick(r)
			}
			sa, sb := a+sectors[r.IntN(len(sectors))], b+sectors[r.IntN(len(sectors))]
			c := codes[r.IntN(len(codes))]
			v := verbs[c.quad]
			off := text.Len()
			sent := fmt.Sprintf("%s %s %s over issue %d.", sa, v, sb, r.IntN(1000))
			text.WriteString(sent + " ")
			evs = append(evs, dyad.Event{ID: fmt.Sprintf("%s-%d", id, i), DocID: id, Sentence: i, Date: date.Format("2006-01-02"), DatePrecision: "day",
				Source: dyad.Actor{Code: sa, Country: a, Sector: strings.TrimPrefix(sa, a), Name: a, Text: sa, Span: [2]int{off, off + len(sa)}},
				Target: dyad.Actor{Code: sb, Country: b, Sector: strings.TrimPrefix(sb, b), Name: b, Text: sb, Span: [2]int{off + len(sa) + len(v) + 2, off + len(sa) + len(v) + 2 + len(sb)}},
				CAMEO:  c.code, Root: c.root, Quad: c.quad, Goldstein: c.g, Plover: dyad.Plover{Event: "SYNTHETIC", Context: []string{"diplomatic"}},
				Modality: "asserted", Verb: dyad.Verb{Text: v, Lemma: v, Span: [2]int{off + len(sa) + 1, off + len(sa) + 1 + len(v)}},
				Pattern: "loadgen", Confidence: 1, SentenceText: sent})
			made++
		}
		docs = append(docs, store.Doc{Document: dyad.Document{ID: id, Title: "synthetic " + id, Source: "loadgen", Date: date, Text: text.String()}, Events: evs})
		if len(docs) == batch || made == n {
			if _, err := st.PutBatch(ctx, docs); err != nil {
				return err
			}
			docs = docs[:0]
			if d%(batch*20) == batch-1 {
				fmt.Fprintf(os.Stderr, "loadgen: %d mentions, %.0f/s\n", made, float64(made)/time.Since(t0).Seconds())
			}
		}
	}
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "loadgen: %d documents, %d events, %d mentions in %s\n", s.Documents, s.Events, s.Mentions, time.Since(t0).Round(time.Second))
	if urlDir == "" {
		return nil
	}
	return writeURLs(urlDir, r)
}

// writeURLs writes 200 dyad-series and 200 events queries over the busier
// countries.
func writeURLs(dir string, r *rand.Rand) error {
	var series, events strings.Builder
	bys := []string{"month", "month", "week"}
	for i := 0; i < 200; i++ {
		a, b := pick(r), pick(r)
		for b == a {
			b = pick(r)
		}
		fmt.Fprintf(&series, "/api/dyad/series?a=%s&b=%s&by=%s\n", a, b, bys[i%len(bys)])
		switch i % 4 {
		case 0:
			fmt.Fprintf(&events, "/api/events?a=%s&b=%s&limit=50\n", a, b)
		case 1:
			fmt.Fprintf(&events, "/api/events?actor=%s*&limit=50&offset=%d\n", a, 50*r.IntN(4))
		case 2:
			fmt.Fprintf(&events, "/api/events?source=%s*&target=%s*&quad=4&limit=50\n", a, b)
		default:
			y := 2019 + r.IntN(7)
			fmt.Fprintf(&events, "/api/events?actor=%s*&from=%d-01&to=%d-06&limit=50\n", a, y, y)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "series.txt"), []byte(series.String()), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "events.txt"), []byte(events.String()), 0o644)
}
