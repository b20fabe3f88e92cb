package geo

import (
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/text"
)

// Context is what is known around a place mention.
type Context struct {
	// Countries are ISO 3166-1 alpha-3 codes mentioned in the document or
	// sentence, most salient first ("AFG").
	Countries []string
	// Qualifier is the text right after the name, such as ", Texas" or
	// " (Pakistan)". Only its first comma- or parenthesis-led part is used.
	Qualifier string
}

// Score weights. The prior of a place (built in build) is log10 of its
// population, plus 8 for a country, 2 for a national capital, 0.5 for a
// division seat and -1.5 for a division.
const (
	scoreQualifierAdmin1  = 20 // "Paris, Texas": the qualifier names the place's division
	scoreQualifierCountry = 15 // "Hyderabad, Pakistan"
	scoreDivisionWord     = 10 // "Kunduz province": the text says it is a division
	scoreContext          = 3  // for the most salient country of the context; the k-th (from 0) gets scoreContext/(k+1)
)

// contextReach is how far below the likeliest candidate's prior (log10 of
// population and the bonuses above) a place may be and still gain from the
// context: a tenth of its population.
const contextReach = 1.0

// Resolve picks the place name refers to. Candidates are all places with
// that name; each gets its prior (countries, then capitals, then
// population) plus a bonus when its country is in ctx.Countries (more for
// earlier ones) and a decisive bonus when ctx.Qualifier names its division
// or country. It reports false when no place has that name.
func (g *Gazetteer) Resolve(name string, ctx Context) (Place, bool) {
	if g == nil {
		return Place{}, false
	}
	var buf [64]byte
	ids := g.ids(appendKey(buf[:0], name))
	id, _ := g.pick(ids, ctx, false)
	if id < 0 {
		return Place{}, false
	}
	return g.places[id], true
}

// pick returns the best of ids in ctx and whether the qualifier matched it.
// division says the text calls the place a province or the like.
func (g *Gazetteer) pick(ids []int32, ctx Context, division bool) (int32, bool) {
	if len(ids) == 0 {
		return -1, false
	}
	var qual []int32
	var qualCode string
	if ctx.Qualifier != "" {
		qual, qualCode = g.qualifier(ctx.Qualifier)
	}
	if len(ids) == 1 && ctx.Qualifier == "" {
		return ids[0], false
	}
	top := g.prior[ids[0]]
	for _, id := range ids[1:] {
		top = max(top, g.prior[id])
	}
	best, bestScore, bestQual := int32(-1), 0.0, false
	for _, id := range ids {
		p := &g.places[id]
		s := g.prior[id]
		for k, c := range ctx.Countries {
			if s < top-contextReach {
				// A town of 20,000 in a country the story names is not
				// the city of 200,000 it shares a name with ("met in
				// Geneva" beside "US President"): context breaks near
				// ties only.
				break
			}
			if strings.EqualFold(c, p.Country) {
				s += scoreContext / float64(k+1)
				break
			}
		}
		if division && p.Kind == KindAdmin1 {
			s += scoreDivisionWord
		}
		q := false
		if qualCode != "" && p.Kind != KindCountry && strings.EqualFold(g.codes[id], qualCode) && p.Country == "USA" {
			s += scoreQualifierAdmin1
			q = true
		}
		for _, qid := range qual {
			qp := &g.places[qid]
			if qp.Country != p.Country || qid == id {
				continue
			}
			if qp.Kind == KindAdmin1 && qp.Name == p.Admin1 {
				s += scoreQualifierAdmin1
				q = true
				break
			}
			if qp.Kind == KindCountry {
				s += scoreQualifierCountry
				q = true
				break
			}
		}
		if best < 0 || s > bestScore {
			best, bestScore, bestQual = id, s, q
		}
	}
	return best, bestQual
}

// qualifier parses ", Texas" or " (Pakistan)": it returns the places the
// longest leading run of words (up to four) names, or a US state code
// ("TX", "Tex.").
func (g *Gazetteer) qualifier(q string) ([]int32, string) {
	q = strings.TrimLeft(q, " \t\n")
	if q == "" || (q[0] != ',' && q[0] != '(') {
		return nil, ""
	}
	q = strings.TrimLeft(q[1:], " \t\n")
	if i := strings.IndexAny(q, ",;:()\n"); i >= 0 {
		q = q[:i]
	}
	words := strings.Fields(q)
	if len(words) > 4 {
		words = words[:4]
	}
	var buf [96]byte
	for n := len(words); n > 0; n-- {
		key := buf[:0]
		for _, w := range words[:n] {
			if len(key) > 0 {
				key = append(key, ' ')
			}
			key = appendKey(key, w)
		}
		if ids := g.ids(key); len(ids) > 0 {
			return ids, ""
		}
	}
	if len(words) > 0 {
		w := strings.TrimSuffix(words[0], ".")
		if len(w) == 2 && strings.ToUpper(w) == w {
			return nil, w
		}
		if c, ok := apStates[w]; ok {
			return nil, c
		}
	}
	return nil, ""
}

// apStates maps AP-style abbreviations of US states to postal codes.
var apStates = map[string]string{
	"Ala": "AL", "Ariz": "AZ", "Ark": "AR", "Calif": "CA", "Colo": "CO", "Conn": "CT", "Del": "DE",
	"Fla": "FL", "Ga": "GA", "Ill": "IL", "Ind": "IN", "Kan": "KS", "Kans": "KS", "Ky": "KY", "La": "LA",
	"Md": "MD", "Mass": "MA", "Mich": "MI", "Minn": "MN", "Miss": "MS", "Mo": "MO", "Mont": "MT",
	"Neb": "NE", "Nev": "NV", "N.H": "NH", "N.J": "NJ", "N.M": "NM", "N.Y": "NY", "N.C": "NC",
	"N.D": "ND", "Okla": "OK", "Ore": "OR", "Pa": "PA", "R.I": "RI", "S.C": "SC", "S.D": "SD",
	"Tenn": "TN", "Tex": "TX", "Vt": "VT", "Va": "VA", "Wash": "WA", "W.Va": "WV", "Wis": "WI", "Wyo": "WY",
}

// ResolveDateline recognises a wire-service dateline at the start of src
// ("KABUL, March 3 (Reuters) -", "GENEVA, Switzerland (AP) —") with
// text.Dateline and resolves its place, using a region part as qualifier.
// It returns the place, the span of the dateline's place name within src,
// and whether both a dateline and a place were found.
func (g *Gazetteer) ResolveDateline(src string, ctx Context) (Place, dyad.Span, bool) {
	name, span, ok := text.Dateline(src)
	if !ok || g == nil {
		return Place{}, dyad.Span{}, false
	}
	head, rest, hasRest := strings.Cut(name, ",")
	if hasRest {
		ctx.Qualifier = "," + rest
	}
	p, ok := g.Resolve(head, ctx)
	if !ok {
		return Place{}, dyad.Span{}, false
	}
	return p, dyad.Span{Start: span.Start, End: span.Start + len(name)}, true
}
