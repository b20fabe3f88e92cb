package geo

import (
	"bytes"
	"compress/gzip"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
)

func TestDefaultLoads(t *testing.T) {
	g := mustDefault(t)
	if n := g.Len(); n < 25000 || n > 40000 {
		t.Errorf("Len() = %d, want 25,000-40,000 places", n)
	}
	g2 := mustDefault(t)
	if g != g2 {
		t.Error("Default() loaded twice")
	}
	if len(embedded) > 4<<20 {
		t.Errorf("embedded gazetteer is %d bytes, want <= 4 MiB", len(embedded))
	}
}

func TestResolve(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		name      string
		ctx       Context
		country   string
		admin1    string
		kind      string
		placeName string
	}{
		{"Kabul", Context{}, "AFG", "Kabul", KindCity, "Kabul"},
		{"KABUL", Context{}, "AFG", "Kabul", KindCity, "Kabul"},
		{"Paris", Context{}, "FRA", "", KindCity, "Paris"},
		{"Paris", Context{Countries: []string{"USA"}}, "FRA", "", KindCity, "Paris"},
		{"Paris", Context{Qualifier: ", Texas"}, "USA", "Texas", KindCity, "Paris"},
		{"Paris", Context{Qualifier: ", Texas, on Monday"}, "USA", "Texas", KindCity, "Paris"},
		{"Paris", Context{Qualifier: ", Tex."}, "USA", "Texas", KindCity, "Paris"},
		{"Paris", Context{Qualifier: " (TX)"}, "USA", "Texas", KindCity, "Paris"},
		{"Paris", Context{Qualifier: " said on Monday"}, "FRA", "", KindCity, "Paris"},
		{"Hyderabad", Context{}, "IND", "Telangana", KindCity, "Hyderabad"},
		{"Hyderabad", Context{Countries: []string{"PAK"}}, "PAK", "Sindh", KindCity, "Hyderabad"},
		{"Hyderabad", Context{Countries: []string{"IND"}}, "IND", "", KindCity, "Hyderabad"},
		{"Hyderabad", Context{Countries: []string{"PAK", "IND"}}, "PAK", "", KindCity, "Hyderabad"},
		{"Hyderabad", Context{Countries: []string{"IND", "PAK"}, Qualifier: ", Pakistan"}, "PAK", "", KindCity, "Hyderabad"},
		{"Faryab", Context{}, "AFG", "Faryab", KindAdmin1, "Faryab"},
		{"Sari Pul", Context{}, "AFG", "", KindAdmin1, "Sar-e Pol Province"},
		{"Sar-e Pol", Context{}, "AFG", "", KindAdmin1, "Sar-e Pol Province"},
		{"Herat", Context{}, "AFG", "Herat", KindCity, ""},
		{"Mazar-i-Sharif", Context{}, "AFG", "Balkh", KindCity, ""},
		{"Afghanistan", Context{}, "AFG", "", KindCountry, "Afghanistan"},
		{"afghanistan", Context{}, "AFG", "", KindCountry, ""},
		{"Georgia", Context{}, "GEO", "", KindCountry, ""},
		{"Georgia", Context{Countries: []string{"USA"}}, "GEO", "", KindCountry, ""},
		{"U.S.", Context{}, "USA", "", KindCountry, "United States"},
		{"Britain", Context{}, "GBR", "", KindCountry, ""},
		{"Kosovo", Context{}, "XKX", "", KindCountry, ""},
		{"Ivory Coast", Context{}, "CIV", "", KindCountry, ""},
		{"Washington", Context{}, "USA", "District of Columbia", KindCity, ""},
		{"New York", Context{}, "USA", "New York", KindCity, "New York City"},
		{"Texas", Context{}, "USA", "Texas", KindAdmin1, ""},
		{"Punjab", Context{Countries: []string{"IND"}}, "IND", "Punjab", KindAdmin1, ""},
		{"Sanaa", Context{}, "YEM", "", KindCity, ""},
		{"Sana'a", Context{}, "YEM", "", KindCity, "Sanaa"},
		{"Kiev", Context{}, "UKR", "", KindCity, "Kyiv"},
		{"São Paulo", Context{}, "BRA", "", KindCity, ""},
		{"Sao Paulo", Context{}, "BRA", "", KindCity, ""},
		{"GENEVA", Context{Qualifier: ", Switzerland"}, "CHE", "", KindCity, "Geneva"},
		// context breaks near ties only: the story's countries do not
		// turn the city into a town ten times smaller (Geneva, Illinois)
		{"Geneva", Context{Countries: []string{"USA", "RUS"}}, "CHE", "", KindCity, "Geneva"},
		{"Geneva", Context{Qualifier: ", Illinois"}, "USA", "Illinois", KindCity, "Geneva"},
	}
	for _, tt := range tests {
		t.Run(tt.name+tt.ctx.Qualifier+strings.Join(tt.ctx.Countries, "+"), func(t *testing.T) {
			p, ok := g.Resolve(tt.name, tt.ctx)
			if !ok {
				t.Fatalf("Resolve(%q) found nothing", tt.name)
			}
			if p.Country != tt.country || p.Kind != tt.kind {
				t.Errorf("Resolve(%q, %+v) = %+v, want %s %s", tt.name, tt.ctx, p, tt.kind, tt.country)
			}
			if tt.admin1 != "" && p.Admin1 != tt.admin1 {
				t.Errorf("Resolve(%q).Admin1 = %q, want %q", tt.name, p.Admin1, tt.admin1)
			}
			if tt.placeName != "" && p.Name != tt.placeName {
				t.Errorf("Resolve(%q).Name = %q, want %q", tt.name, p.Name, tt.placeName)
			}
			if p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 || (p.Lat == 0 && p.Lon == 0) {
				t.Errorf("Resolve(%q) has bad coordinates %v, %v", tt.name, p.Lat, p.Lon)
			}
		})
	}
}

// TestResolveUnknown covers names the data lacks, among them two from the
// seed article: Mes Aynak (a mine site) and the Amu Darya Basin (a
// geological basin) are not populated places or divisions in GeoNames'
// cities data.
func TestResolveUnknown(t *testing.T) {
	g := mustDefault(t)
	for _, name := range []string{"Mes Aynak", "Amu Darya Basin", "", "   ", "Xyzzyville", "the", "-", "\x00\xff"} {
		if p, ok := g.Resolve(name, Context{}); ok {
			t.Errorf("Resolve(%q) = %+v, want nothing", name, p)
		}
		if ps := g.Lookup(name); ps != nil {
			t.Errorf("Lookup(%q) = %v, want nil", name, ps)
		}
	}
}

func TestLookupOrder(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		name  string
		min   int
		first string // country of the first candidate
		kind  string
	}{
		{"Paris", 2, "FRA", KindCity},
		{"Victoria", 5, "SYC", KindCity}, // the capital of Seychelles before larger namesakes
		{"Kabul", 2, "AFG", KindCity},    // the city before the province
		{"Congo", 2, "COD", KindCountry},
		{"Jordan", 1, "JOR", KindCountry},
	}
	for _, tt := range tests {
		ps := g.Lookup(tt.name)
		if len(ps) < tt.min {
			t.Errorf("Lookup(%q) has %d candidates, want >= %d", tt.name, len(ps), tt.min)
			continue
		}
		if ps[0].Country != tt.first || ps[0].Kind != tt.kind {
			t.Errorf("Lookup(%q)[0] = %+v, want %s %s", tt.name, ps[0], tt.kind, tt.first)
		}
	}
}

func TestCountries(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		code, name string
		lat, lon   float64 // roughly
	}{
		{"AFG", "Afghanistan", 33.8, 66.0},
		{"AF", "Afghanistan", 33.8, 66.0},
		{"usa", "United States", 39.5, -99.1},
		{"RUS", "Russia", 61.7, 99.7},
		{"FRA", "France", 46.6, 2.5},
		{"AUS", "Australia", -25.6, 134.4},
		{"FJI", "Fiji", -17.8, 178.0},
	}
	for _, tt := range tests {
		p, ok := g.Country(tt.code)
		if !ok {
			t.Errorf("Country(%q) not found", tt.code)
			continue
		}
		if p.Name != tt.name || p.Kind != KindCountry || math.Abs(p.Lat-tt.lat) > 1 || math.Abs(p.Lon-tt.lon) > 1 {
			t.Errorf("Country(%q) = %+v, want %s near %v,%v", tt.code, p, tt.name, tt.lat, tt.lon)
		}
	}
	if _, ok := g.Country("ZZZ"); ok {
		t.Error("Country(ZZZ) found")
	}
}

func TestDyadPlace(t *testing.T) {
	p := Place{Name: "Kabul", Country: "AFG", Admin1: "Kabul", Lat: 34.528123, Lon: 69.172345, Population: 1, Kind: KindCity}
	want := dyad.Place{Name: "Kabul", Country: "AFG", Admin1: "Kabul", Lat: 34.5281, Lon: 69.1723}
	if got := p.DyadPlace(); got != want {
		t.Errorf("DyadPlace() = %+v, want %+v", got, want)
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mazār-e Sharīf", "mazar e sharif"},
		{"Sana'a", "sanaa"},
		{"Washington, D.C.", "washington dc"},
		{"  São  Paulo ", "sao paulo"},
		{"KABUL", "kabul"},
		{"Pul-e ‘Alam", "pul e alam"},
		{"Düsseldorf", "dusseldorf"},
		{"Łódź", "lodz"},
		{"", ""},
		{"--", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"not gzip", []byte("hello")},
		{"no header", gz("C\tAFG\tAF\tAfghanistan\t1\t2\t3\t\t\n")},
		{"short line", gz("# dyad gazetteer v1\nC\tAFG\n")},
		{"bad number", gz("# dyad gazetteer v1\nC\tAFG\tAF\tAfghanistan\tx\t2\t3\t\t\n")},
		{"bad kind", gz("# dyad gazetteer v1\nZ\tAFG\tAF\tAfghanistan\t1\t2\t3\t\t\n")},
	}
	for _, tt := range tests {
		g, err := Load(bytes.NewReader(tt.data))
		if err == nil || g != nil {
			t.Errorf("%s: Load() = %v, %v; want an error", tt.name, g, err)
		}
	}
	// A valid tiny file loads and resolves, with admin1 names attached.
	g, err := Load(bytes.NewReader(gz("# dyad gazetteer v1\n" +
		"C\tAFG\tAF\tAfghanistan\t33.8\t66.0\t100\tKabul\t\n" +
		"A\tAFG\t07\tFaryab\t35.9\t64.8\t50\t\tFariab\n" +
		"P\tAFG\t07\tMaymana\t35.9\t64.8\t75900\tPPLA\tMaimana\n")))
	if err != nil {
		t.Fatalf("Load(tiny) = %v", err)
	}
	if p, ok := g.Resolve("Maimana", Context{}); !ok || p.Admin1 != "Faryab" || p.Country != "AFG" {
		t.Errorf("tiny Resolve(Maimana) = %+v, %v", p, ok)
	}
	if p, ok := g.Resolve("Fariab", Context{}); !ok || p.Kind != KindAdmin1 {
		t.Errorf("tiny Resolve(Fariab) = %+v, %v", p, ok)
	}
	var nilG *Gazetteer
	if _, ok := nilG.Resolve("Kabul", Context{}); ok || nilG.Lookup("Kabul") != nil || nilG.FindPlaces(toks("Kabul"), Context{}) != nil {
		t.Error("nil gazetteer found something")
	}
	if !errors.Is(errFromLoad(), dyad.ErrInvalidInput) && errFromLoad() == nil {
		t.Error("unreachable")
	}
}

func errFromLoad() error {
	_, err := Load(bytes.NewReader(nil))
	return err
}

func TestResolveDateline(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		src     string
		ok      bool
		country string
		name    string
		text    string
	}{
		{"KABUL, March 3 (Reuters) - Taliban fighters attacked ...", true, "AFG", "Kabul", "KABUL"},
		{"GENEVA, Switzerland, Jan. 5 (AFP) -- Talks resumed.", true, "CHE", "Geneva", "GENEVA, Switzerland"},
		{"PARIS, Texas (AP) — A storm hit.", true, "USA", "Paris", "PARIS, Texas"},
		{"  HYDERABAD, Pakistan (Reuters) - Floods.", true, "PAK", "Hyderabad", "HYDERABAD, Pakistan"},
		{"WASHINGTON — The Senate voted.", true, "USA", "Washington, D.C.", "WASHINGTON"},
		{"Officials said on Monday - that is all.", false, "", "", ""},
		{"XYZZYVILLE, March 3 (Reuters) - Nothing.", false, "", "", ""},
	}
	for _, tt := range tests {
		p, sp, ok := g.ResolveDateline(tt.src, Context{})
		if ok != tt.ok {
			t.Errorf("ResolveDateline(%q) ok = %v, want %v (%+v)", tt.src, ok, tt.ok, p)
			continue
		}
		if !ok {
			continue
		}
		if p.Country != tt.country || p.Name != tt.name {
			t.Errorf("ResolveDateline(%q) = %+v, want %s in %s", tt.src, p, tt.name, tt.country)
		}
		if got := tt.src[sp.Start:sp.End]; got != tt.text {
			t.Errorf("ResolveDateline(%q) span text = %q, want %q", tt.src, got, tt.text)
		}
	}
}
