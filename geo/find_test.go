package geo

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

func TestFindPlaces(t *testing.T) {
	g := mustDefault(t)
	type want struct {
		text, country, kind, admin1 string
	}
	tests := []struct {
		sentence string
		ctx      Context
		want     []want
	}{
		{"Taliban fighters attacked checkpoints in northern Faryab and Sari Pul provinces , officials in Kabul said .", Context{},
			[]want{{"Faryab", "AFG", KindAdmin1, "Faryab"}, {"Sari Pul", "AFG", KindAdmin1, ""}, {"Kabul", "AFG", KindCity, "Kabul"}}},
		{"A storm hit Paris , Texas , on Monday .", Context{},
			[]want{{"Paris", "USA", KindCity, "Texas"}}},
		{"Ministers met in Paris on Monday .", Context{Countries: []string{"USA"}},
			[]want{{"Paris", "FRA", KindCity, ""}}},
		{"Floods hit Hyderabad , Pakistan .", Context{},
			[]want{{"Hyderabad", "PAK", KindCity, "Sindh"}}},
		{"Police in Hyderabad said the floods were the worst in Pakistan since 2010 .", Context{},
			[]want{{"Hyderabad", "PAK", KindCity, ""}, {"Pakistan", "PAK", KindCountry, ""}}},
		{"Floods hit Hyderabad .", Context{Countries: []string{"IND"}},
			[]want{{"Hyderabad", "IND", KindCity, ""}}},
		{"Delegations from the United States and South Korea arrived in New York .", Context{},
			[]want{{"United States", "USA", KindCountry, ""}, {"South Korea", "KOR", KindCountry, ""}, {"New York", "USA", KindCity, "New York"}}},
		{"Fighting continued near Mazar-i-Sharif and Sar-e Pul .", Context{},
			[]want{{"Mazar-i-Sharif", "AFG", KindCity, "Balkh"}, {"Sar-e Pul", "AFG", KindCity, ""}}},
		{"Reading the report , Nice said the Split was over .", Context{}, nil},
		{"Mobile phones were seized by police of Man and Of .", Context{}, nil},
		{"Michael Jordan and Chad Smith visited Victoria Beckham .", Context{}, nil},
		{"Rebels attacked a ship in the Red Sea off Yemen .", Context{},
			[]want{{"Yemen", "YEM", KindCountry, ""}}},
		{"Jordan and Chad signed an accord in Amman .", Context{},
			[]want{{"Jordan", "JOR", KindCountry, ""}, {"Chad", "TCD", KindCountry, ""}, {"Amman", "JOR", KindCity, ""}}},
		{"In Georgia , protesters gathered in Tbilisi .", Context{},
			[]want{{"Georgia", "GEO", KindCountry, ""}, {"Tbilisi", "GEO", KindCity, ""}}},
		{"The blast in Reading , England , killed two .", Context{},
			[]want{{"Reading", "GBR", KindCity, "England"}}},
		{"Kabul is tense .", Context{},
			[]want{{"Kabul", "AFG", KindCity, ""}}},
		{"The New York Times said the Paris Agreement was signed in Paris .", Context{},
			[]want{{"Paris", "FRA", KindCity, ""}}},
		{"Soldiers clashed with Taliban in Kunduz , Baghlan and Takhar provinces .", Context{},
			[]want{{"Kunduz", "AFG", KindAdmin1, ""}, {"Baghlan", "AFG", KindAdmin1, ""}, {"Takhar", "AFG", KindAdmin1, ""}}},
		{"Soldiers clashed with Taliban in Kunduz and Herat .", Context{},
			[]want{{"Kunduz", "AFG", KindCity, ""}, {"Herat", "AFG", KindCity, ""}}},
		{"Shelling hit Zaporizhzhia and villages in North Darfur .", Context{},
			[]want{{"Zaporizhzhia", "UKR", KindCity, ""}, {"North Darfur", "SDN", KindAdmin1, ""}}},
		{"Fighting near Mazar-i-Sharif , Afghanistan , ended .", Context{},
			[]want{{"Mazar-i-Sharif", "AFG", KindCity, "Balkh"}}},
		{"the quick brown fox jumps over the lazy dog", Context{}, nil},
		{"THE US AND UK WARNED IT .", Context{},
			[]want{{"US", "USA", KindCountry, ""}, {"UK", "GBR", KindCountry, ""}}},
		{"Mes Aynak and the Amu Darya Basin lie in Afghanistan .", Context{},
			[]want{{"Afghanistan", "AFG", KindCountry, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			ts := toks(tt.sentence)
			ms := g.FindPlaces(ts, tt.ctx)
			if len(ms) != len(tt.want) {
				t.Fatalf("FindPlaces found %d places %v, want %d", len(ms), mentionTexts(ms), len(tt.want))
			}
			for i, w := range tt.want {
				m := ms[i]
				if m.Text != w.text || m.Place.Country != w.country || m.Place.Kind != w.kind {
					t.Errorf("mention %d = %q %s %s, want %q %s %s", i, m.Text, m.Place.Kind, m.Place.Country, w.text, w.kind, w.country)
				}
				if w.admin1 != "" && m.Place.Admin1 != w.admin1 {
					t.Errorf("mention %d admin1 = %q, want %q", i, m.Place.Admin1, w.admin1)
				}
				if m.Start < 0 || m.End > len(ts) || m.Start >= m.End {
					t.Errorf("mention %d has bad token range [%d,%d)", i, m.Start, m.End)
				}
				if got := tt.sentence[m.Span.Start:m.Span.End]; !strings.HasPrefix(got, m.Text) {
					t.Errorf("mention %d span text %q does not start with %q", i, got, m.Text)
				}
			}
		})
	}
}

func TestFindPlacesQualifierSpan(t *testing.T) {
	g := mustDefault(t)
	s := "A storm hit Paris, Texas, on Monday."
	ts := tokenize(s)
	ms := g.FindPlaces(ts, Context{})
	if len(ms) != 1 {
		t.Fatalf("found %v, want one mention", mentionTexts(ms))
	}
	m := ms[0]
	if !m.Qualified || s[m.Span.Start:m.Span.End] != "Paris, Texas" || m.End-m.Start != 3 {
		t.Errorf("mention = %+v (span %q), want the qualified span \"Paris, Texas\" over 3 tokens", m, s[m.Span.Start:m.Span.End])
	}
}

func TestFindPlacesPOS(t *testing.T) {
	g := mustDefault(t)
	ts := toks("They said Aden would fall .")
	if ms := g.FindPlaces(ts, Context{}); len(ms) != 1 || ms[0].Place.Country != "YEM" {
		t.Fatalf("untagged: %v, want Aden in Yemen", mentionTexts(ms))
	}
	ts[2].UPOS = "VERB" // a tagger that says it is no noun rules a one-word city out
	if ms := g.FindPlaces(ts, Context{}); len(ms) != 0 {
		t.Errorf("tagged VERB: %v, want none", mentionTexts(ms))
	}
	ts[2].UPOS = "PROPN"
	if ms := g.FindPlaces(ts, Context{}); len(ms) != 1 {
		t.Errorf("tagged PROPN: %v, want Aden", mentionTexts(ms))
	}
}

func TestJoinTokens(t *testing.T) {
	tests := []struct {
		toks []dyad.Token
		want string
	}{
		{toks("New York"), "New York"},
		{[]dyad.Token{{Text: "Sar", Span: dyad.Span{Start: 0, End: 3}}, {Text: "-", Span: dyad.Span{Start: 3, End: 4}}, {Text: "e", Span: dyad.Span{Start: 4, End: 5}}, {Text: "Pul", Span: dyad.Span{Start: 6, End: 9}}}, "Sar-e Pul"},
		{[]dyad.Token{{Text: "St.", SpaceAfter: true}, {Text: "Louis"}}, "St. Louis"},
	}
	for _, tt := range tests {
		if got := joinTokens(tt.toks); got != tt.want {
			t.Errorf("joinTokens = %q, want %q", got, tt.want)
		}
	}
}

func TestFindPlacesSplitHyphen(t *testing.T) {
	g := mustDefault(t)
	src := "Clashes in Sar-e Pul ."
	ts := []dyad.Token{
		{Text: "Clashes", Span: dyad.Span{Start: 0, End: 7}}, {Text: "in", Span: dyad.Span{Start: 8, End: 10}},
		{Text: "Sar", Span: dyad.Span{Start: 11, End: 14}}, {Text: "-", Span: dyad.Span{Start: 14, End: 15}},
		{Text: "e", Span: dyad.Span{Start: 15, End: 16}}, {Text: "Pul", Span: dyad.Span{Start: 17, End: 20}},
		{Text: ".", Span: dyad.Span{Start: 21, End: 22}},
	}
	ms := g.FindPlaces(ts, Context{})
	if len(ms) != 1 || ms[0].Text != "Sar-e Pul" || src[ms[0].Span.Start:ms[0].Span.End] != "Sar-e Pul" || ms[0].Place.Country != "AFG" {
		t.Errorf("FindPlaces = %+v, want Sar-e Pul over 4 tokens", ms)
	}
}

func mentionTexts(ms []Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text+"="+m.Place.Kind+":"+m.Place.Country+"/"+m.Place.Admin1)
	}
	return out
}

func FuzzResolve(f *testing.F) {
	g := mustDefault(f)
	for _, s := range []string{"Kabul", "Paris", ", Texas", "Hyderabad", "Sar-e Pol", "São Paulo", "", "\xff\xfe", "A B C D E F", "U.S.", "(", ","} {
		f.Add(s, ", Texas", "PAK")
		f.Add(s, s, s)
	}
	f.Fuzz(func(t *testing.T, name, qual, country string) {
		ctx := Context{Countries: []string{country, "AFG"}, Qualifier: qual}
		p, ok := g.Resolve(name, ctx)
		if ok != (len(g.Lookup(name)) > 0) {
			t.Fatalf("Resolve(%q) ok = %v but Lookup found %d", name, ok, len(g.Lookup(name)))
		}
		if ok && (p.Name == "" || len(p.Country) != 3) {
			t.Fatalf("Resolve(%q) = %+v", name, p)
		}
		g.ResolveDateline(name+qual, ctx)
		// The same text as tokens.
		ts := toks(name + " " + qual)
		for _, m := range g.FindPlaces(ts, ctx) {
			if m.Start < 0 || m.End > len(ts) || m.Start >= m.End || m.Span.Start > m.Span.End || m.Place.Name == "" {
				t.Fatalf("bad mention %+v for %q", m, name+" "+qual)
			}
			if !utf8.ValidString(m.Text) && utf8.ValidString(name+" "+qual) { // the tokenized text
				t.Fatalf("mention text %q not valid UTF-8", m.Text)
			}
		}
	})
}

func FuzzFindPlaces(f *testing.F) {
	g := mustDefault(f)
	for _, s := range []string{"Taliban fighters attacked Kabul , Afghanistan .", "Paris , Texas", "In Jordan", "Sar - e Pul", ", , ,", "New York New York New York"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Tokens with arbitrary (even inconsistent) spans must not panic.
		var ts []dyad.Token
		for i, w := range strings.Fields(s) {
			ts = append(ts, dyad.Token{Text: w, Span: dyad.Span{Start: i, End: i - len(w)}, UPOS: []string{"", "PROPN", "VERB"}[i%3]})
		}
		prev := 0
		for _, m := range g.FindPlaces(ts, Context{Countries: []string{"IND"}}) {
			if m.Start < prev || m.End > len(ts) || m.Start >= m.End {
				t.Fatalf("bad or overlapping mention %+v in %q", m, s)
			}
			prev = m.End
		}
	})
}

func TestConcurrentUse(t *testing.T) {
	g := mustDefault(t)
	ts := toks("Floods hit Hyderabad , Pakistan , and Paris , Texas .")
	done := make(chan []Mention)
	for range 4 {
		go func() {
			var last []Mention
			for range 50 {
				last = g.FindPlaces(ts, Context{Countries: []string{"IND"}})
			}
			done <- last
		}()
	}
	for range 4 {
		ms := <-done
		if len(ms) != 2 || ms[0].Place.Country != "PAK" || ms[1].Place.Admin1 != "Texas" {
			t.Errorf("concurrent FindPlaces = %v", mentionTexts(ms))
		}
	}
}
