package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	neturl "net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/taxonomy"
)

// GDELTColumns are the 61 columns of a GDELT 2.0 event export, in order.
var GDELTColumns = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// Column indexes used by the importer.
const (
	gID          = 0
	gSQLDate     = 1
	gA1Code      = 5
	gA1Name      = 6
	gA1Country   = 7
	gA1Type      = 12
	gA2Code      = 15
	gA2Name      = 16
	gA2Country   = 17
	gA2Type      = 22
	gEventCode   = 26
	gRootCode    = 28
	gQuad        = 29
	gGoldstein   = 30
	gActFullName = 52
	gActCountry  = 53
	gActADM1     = 54
	gActLat      = 56
	gActLon      = 57
	gDateAdded   = 59
	gSourceURL   = 60
)

// ErrTruncatedZip reports a zip archive that ends early or is corrupt.
var ErrTruncatedZip = errors.New("truncated or corrupt zip archive")

// IsGDELTName reports whether a file name is a GDELT event export
// (*.export.CSV, optionally .zip, any case).
func IsGDELTName(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".export.csv") || strings.HasSuffix(n, ".export.csv.zip")
}

// ReadGDELTFile reads a GDELT 2.0 export (plain or zipped). A truncated or
// corrupt zip gives one error item (ErrTruncatedZip) after the rows that
// could be read.
func ReadGDELTFile(ctx context.Context, path string, yield func(Item) bool) error {
	if !strings.HasSuffix(strings.ToLower(path), ".zip") {
		f, err := os.Open(path)
		if err != nil {
			yield(Item{Pos: path, Err: err})
			return nil
		}
		defer f.Close()
		return ReadGDELT(ctx, f, path, yield)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		yield(Item{Pos: path, Err: fmt.Errorf("%s: %w: %v", path, ErrTruncatedZip, err)})
		return nil
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		name := path + ":" + f.Name
		rc, err := f.Open()
		if err != nil {
			if !yield(Item{Pos: name, Err: fmt.Errorf("%s: %w: %v", name, ErrTruncatedZip, err)}) {
				return nil
			}
			continue
		}
		err = ReadGDELT(ctx, rc, name, yield)
		rc.Close()
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if !yield(Item{Pos: name, Err: fmt.Errorf("%s: %w: %v", name, ErrTruncatedZip, err)}) {
				return nil
			}
		}
	}
	return nil
}

// ReadGDELT reads GDELT 2.0 event export rows (61 tab-separated columns)
// from r. Each row becomes a coded Item: a document named by its
// SOURCEURL (AppendEvents set, so rows citing the same article share one
// document) with one event whose mention id is "gdelt-GLOBALEVENTID". Rows
// with the wrong column count or unreadable fields become error items with
// name:line; the rest goes on. The error is for r itself (a read failure).
func ReadGDELT(ctx context.Context, r io.Reader, name string, yield func(Item) bool) error {
	br := bufio.NewReaderSize(r, 1<<20)
	var cols [64]string
	c := newGDELTCache()
	for line := 1; ; line++ {
		if line&1023 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		b, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A row over 1 MiB: skip to its end.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if !yield(Item{Pos: fmt.Sprintf("%s:%d", name, line), Err: fmt.Errorf("%s:%d: row longer than 1 MiB: %w", name, line, dyad.ErrInvalidInput)}) {
				return nil
			}
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			continue
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
		b = bytes.TrimRight(b, "\r\n")
		if len(b) > 0 {
			it := c.row(string(b), cols[:0], name, line)
			if !yield(it) {
				return nil
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// gdeltCache remembers per-URL and per-code facts while reading a file.
type gdeltCache struct {
	urls   map[string][2]string // url → document id, source
	plover map[string]dyad.Plover
}

func newGDELTCache() *gdeltCache {
	return &gdeltCache{urls: map[string][2]string{}, plover: map[string]dyad.Plover{}}
}

func (c *gdeltCache) doc(url, id string) (string, string) {
	if v, ok := c.urls[url]; ok {
		return v[0], v[1]
	}
	docID := "gdelt-" + id
	src := "gdelt"
	if url != "" {
		docID = "gdelt-" + shortHash(url)
		if u, err := neturl.Parse(url); err == nil && u.Host != "" {
			src = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
		}
		if len(c.urls) > 100_000 {
			clear(c.urls)
		}
		c.urls[url] = [2]string{docID, src}
	}
	return docID, src
}

func (c *gdeltCache) ploverOf(code string) dyad.Plover {
	if p, ok := c.plover[code]; ok {
		return p
	}
	var p dyad.Plover
	if tc, ok := taxonomy.Lookup(code); ok {
		p = dyad.Plover{Event: tc.PloverEvent, Mode: tc.PloverMode, Context: tc.PloverContext}
	}
	c.plover[code] = p
	return p
}

func (c *gdeltCache) row(row string, cols []string, name string, line int) Item {
	pos := name + ":" + strconv.Itoa(line)
	n := strings.Count(row, "\t") + 1
	if n != len(GDELTColumns) {
		return Item{Pos: pos, Err: fmt.Errorf("%s: %d columns, want %d (GDELT 2.0 event export): %w", pos, n, len(GDELTColumns), dyad.ErrInvalidInput)}
	}
	for i := 0; i < n-1; i++ {
		j := strings.IndexByte(row, '\t')
		cols = append(cols, row[:j])
		row = row[j+1:]
	}
	cols = append(cols, row)
	bad := func(col int, why string) Item {
		return Item{Pos: pos, Err: fmt.Errorf("%s: column %d (%s) %q: %s: %w", pos, col+1, GDELTColumns[col], cols[col], why, dyad.ErrInvalidInput)}
	}
	id := cols[gID]
	if id == "" {
		return bad(gID, "empty")
	}
	date, ok := digitsDate(cols[gSQLDate])
	if !ok {
		return bad(gSQLDate, "want YYYYMMDD")
	}
	d := cols[gSQLDate]
	code := cols[gEventCode]
	if code == "" || len(code) > 4 {
		return bad(gEventCode, "want a CAMEO code")
	}
	quad, err := strconv.Atoi(cols[gQuad])
	if err != nil || quad < 0 || quad > 4 {
		return bad(gQuad, "want 1 to 4")
	}
	gold, err := strconv.ParseFloat(cols[gGoldstein], 64)
	if err != nil {
		return bad(gGoldstein, "want a number")
	}
	added, ok := digitsDate(cols[gDateAdded])
	if !ok {
		added = date
	}
	root := cols[gRootCode]
	if root == "" && len(code) >= 2 {
		root = code[:2]
	}
	ev := dyad.Event{
		ID: "gdelt-" + id, Date: d[0:4] + "-" + d[4:6] + "-" + d[6:8], DatePrecision: PrecisionDay,
		Source: dyad.Actor{Code: cols[gA1Code], Country: cols[gA1Country], Sector: cols[gA1Type], Name: cols[gA1Name], Text: cols[gA1Name]},
		Target: dyad.Actor{Code: cols[gA2Code], Country: cols[gA2Country], Sector: cols[gA2Type], Name: cols[gA2Name], Text: cols[gA2Name]},
		CAMEO:  code, Root: root, Quad: quad, Goldstein: gold, Modality: dyad.ModalityAsserted,
		Pattern: "gdelt:" + id, Confidence: 1,
	}
	ev.Plover = c.ploverOf(code)
	if cols[gActFullName] != "" {
		lat, _ := strconv.ParseFloat(cols[gActLat], 64)
		lon, _ := strconv.ParseFloat(cols[gActLon], 64)
		// GDELT geography uses FIPS 10-4 country codes; they are kept as given.
		ev.Place = &dyad.Place{Name: cols[gActFullName], Country: cols[gActCountry], Admin1: cols[gActADM1], Lat: lat, Lon: lon}
	}
	url := cols[gSourceURL]
	docID, src := c.doc(url, id)
	doc := store.Doc{Document: dyad.Document{ID: docID, URL: url, Source: src, Date: added, Title: url},
		DateSource: "metadata", Events: []dyad.Event{ev}, AppendEvents: true}
	return Item{Pos: pos, Doc: doc, Coded: true}
}

// digitsDate parses YYYYMMDD or YYYYMMDDhhmmss (UTC) without allocating.
func digitsDate(s string) (time.Time, bool) {
	if len(s) != 8 && len(s) != 14 {
		return time.Time{}, false
	}
	var v [7]int
	widths := [7]int{4, 2, 2, 2, 2, 2, 0}
	at := 0
	for k := 0; k < 6 && at < len(s); k++ {
		n := 0
		for j := 0; j < widths[k]; j++ {
			c := s[at+j]
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			n = n*10 + int(c-'0')
		}
		v[k] = n
		at += widths[k]
	}
	y, m, d, hh, mm, ss := v[0], v[1], v[2], v[3], v[4], v[5]
	if m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}
