package coder

import (
	"slices"
	"sort"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/geo"
)

// placer gives events a place: the location named in their clause after a
// locative preposition ("in northern Faryab", "near Kabul"), else the
// document's dateline, else none.
type placer struct {
	counts   map[string]int // country → mentions in the document
	g        *geo.Gazetteer
	ctx      geo.Context
	dateline *dyad.Place
	// countryPlaces lists, per sentence, the countries of the places the
	// gazetteer finds in it before tagging (tags only rule names out): a
	// place stands for its country as a target (see skip.go).
	countryPlaces [][]string
}

// newPlacer prepares place resolution for one document: the countries its
// actors belong to (most mentioned first) steer ambiguous names, and the
// dateline gives the default place.
func (c *Coder) newPlacer(text string, sents []dyad.Sentence, mentions [][]Mention) *placer {
	counts := map[string]int{}
	for _, ms := range mentions {
		for _, m := range ms {
			if country, _ := c.dict.SplitCode(m.Code); country != "" {
				counts[country]++
			}
		}
	}
	g, err := geo.Default()
	if err != nil || g == nil {
		return &placer{counts: counts}
	}
	countries := make([]string, 0, len(counts))
	for k := range counts {
		countries = append(countries, k)
	}
	sort.Slice(countries, func(i, j int) bool {
		if counts[countries[i]] != counts[countries[j]] {
			return counts[countries[i]] > counts[countries[j]]
		}
		return countries[i] < countries[j]
	})
	p := &placer{counts: counts, g: g, ctx: geo.Context{Countries: countries}}
	// Cities and provinces named in the document ("protesters in
	// Shanghai") also say which country it is about.
	p.countryPlaces = make([][]string, len(sents))
	for i := range sents {
		for _, m := range g.FindPlaces(sents[i].Tokens, p.ctx) {
			if cc := m.Place.Country; cc != "" && !slices.Contains(p.countryPlaces[i], cc) {
				p.countryPlaces[i] = append(p.countryPlaces[i], cc)
			}
			if m.Place.Kind != geo.KindCountry && m.Place.Country != "" {
				counts[m.Place.Country]++
			}
		}
	}
	if pl, _, ok := g.ResolveDateline(text, p.ctx); ok {
		dp := pl.DyadPlace()
		p.dateline = &dp
	}
	return p
}

// placesIn returns the countries of the places sentence i names.
func (p *placer) placesIn(i int) []string {
	if i < len(p.countryPlaces) {
		return p.countryPlaces[i]
	}
	return nil
}

var placePreps = map[string]bool{"in": true, "at": true, "near": true, "outside": true, "inside": true, "across": true, "around": true}

// places returns the gazetteer's places in the sentence of t, found once
// per sentence.
func (p *placer) places(t *tree) []geo.Mention {
	if !t.placesFound {
		t.geoPlaces, t.placesFound = p.g.FindPlaces(t.toks, p.ctx), true
	}
	return t.geoPlaces
}

// located returns the places of a sentence named after a locative
// preposition ("in northern Faryab", "near Kabul").
func (p *placer) located(t *tree) []geo.Mention {
	if p == nil || p.g == nil {
		return nil
	}
	var located []geo.Mention
	for _, m := range p.places(t) {
		// Walk back over determiners and adjectives to a locative preposition
		// ("in the Turkish city of Antalya").
		for k, steps := m.Start-1, 0; k >= 0 && steps < 6; k, steps = k-1, steps+1 {
			w := strings.ToLower(t.toks[k].Text)
			if placePreps[w] {
				located = append(located, m)
				break
			}
			if u := t.toks[k].UPOS; u != "DET" && u != "ADJ" && u != "PROPN" && w != "of" && w != "city" && w != "province" {
				break
			}
		}
	}
	return located
}

// sentenceCountry returns the one country of the places a sentence names
// after a locative preposition ("protesters stormed government buildings
// in Yerevan"), or "" when it names none or several countries.
func (p *placer) sentenceCountry(t *tree) string {
	cc := ""
	for _, m := range p.located(t) {
		switch {
		case m.Place.Country == "":
		case cc == "":
			cc = m.Place.Country
		case cc != m.Place.Country:
			return ""
		}
	}
	return cc
}

// place sets Place on the events of one sentence.
func (p *placer) place(t *tree, evs []dyad.Event) {
	if p.g == nil {
		return
	}
	located := p.located(t)
	for i := range evs {
		ev := &evs[i]
		best := nearestPlace(located, ev)
		switch {
		case best >= 0:
			dp := located[best].Place.DyadPlace()
			ev.Place = &dp
		case p.dateline != nil:
			dp := *p.dateline
			ev.Place = &dp
		}
	}
}

// nearestPlace returns the index of the place in located nearest to ev's
// verb, or -1.
func nearestPlace(located []geo.Mention, ev *dyad.Event) int {
	best, bestDist := -1, 1<<30
	for j, m := range located {
		if d := abs(m.Span.Start - ev.Verb.Span[0]); d < bestDist {
			best, bestDist = j, d
		}
	}
	return best
}

// venuePlace returns the index of the place in located that belongs to
// ev's own clause: a phrase on its verb ("met in Geneva"), or on a phrase
// of the verb ("met at a summit in Uzbekistan"), not one inside another
// clause ("met the delegation and called for investment in Afghanistan").
// It returns -1 when there is none.
func venuePlace(t *tree, located []geo.Mention, ev *dyad.Event) int {
	pred := -1
	for i := range t.toks {
		if t.toks[i].Span.Start == ev.Verb.Span[0] {
			pred = i
			break
		}
	}
	if pred < 0 {
		return -1
	}
	for j, m := range located {
		k := m.End - 1
		for steps := 0; steps < 4 && k >= 0; steps++ {
			k = t.head[k]
			if k == pred {
				return j
			}
			if k < 0 || t.toks[k].UPOS == "VERB" || t.toks[k].UPOS == "AUX" {
				break
			}
		}
	}
	return -1
}

// meetingVenues refines meetings (040, "met") by where they took place,
// as CAMEO does: in the target's country the source visits (042), in the
// source's own it hosts (043), and in a third country they meet there
// (044): "Orbán met Xi in Beijing" is a visit, "Wang Yi met Baradar in
// Doha" a meeting at a third location. Only a place the sentence names
// after a locative preposition counts, not the dateline; the code stays
// 040 when the country of either side or of the place is unknown.
func (c *Coder) meetingVenues(t *tree, p *placer, evs []dyad.Event) {
	if p == nil || p.g == nil {
		return
	}
	var located []geo.Mention
	for i := range evs {
		ev := &evs[i]
		if ev.CAMEO != "040" || !strings.EqualFold(ev.Verb.Lemma, "meet") || ev.Source.Country == "" || ev.Target.Country == "" {
			continue
		}
		if located == nil {
			located = p.located(t)
		}
		j := venuePlace(t, located, ev)
		if j < 0 || located[j].Place.Country == "" {
			continue
		}
		code := "044"
		switch v := located[j].Place.Country; {
		case ev.Source.Country == ev.Target.Country:
			continue // a domestic meeting: no one travels abroad
		case v == ev.Target.Country:
			code = "042"
		case v == ev.Source.Country:
			code = "043"
		}
		setCode(ev, code)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
