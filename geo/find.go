package geo

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

// Mention is a place name found in a sentence.
type Mention struct {
	Start, End int       // token range [Start, End) in the sentence, including a matched qualifier
	Span       dyad.Span // byte span of those tokens in the document
	Text       string    // the name as written (without the qualifier)
	Place      Place     // the resolved place
	Qualified  bool      // a following ", Texas" / ", Pakistan" qualifier decided the place
}

// maxWords bounds the number of word tokens in a name.
const maxWords = 4

// connectors may stand lower-case inside a multi-word name ("Rio de
// Janeiro", "Bosnia and Herzegovina", "Sar-e Pol").
var connectors = map[string]bool{
	"de": true, "del": true, "da": true, "do": true, "dos": true, "das": true, "di": true, "du": true,
	"des": true, "la": true, "le": true, "les": true, "el": true, "al": true, "and": true, "of": true,
	"the": true, "upon": true, "on": true, "am": true, "an": true, "der": true, "e": true, "i": true,
	"y": true, "en": true, "sur": true, "ad": true, "ul": true, "au": true, "aux": true,
}

// stoplist holds place names that are far more often common words in
// English news. They are found only with a qualifier ("Reading, England")
// or in a dateline.
var stoplist = map[string]bool{
	"of": true, "man": true, "mobile": true, "reading": true, "nice": true, "split": true, "bath": true,
	"best": true, "deal": true, "hope": true, "march": true, "may": true, "mission": true, "orange": true,
	"police": true, "union": true, "independence": true, "liberty": true, "obama": true, "normal": true,
	"surprise": true, "temple": true, "mercedes": true, "sale": true, "young": true, "early": true,
	"university": true, "commerce": true, "marathon": true, "industry": true, "enterprise": true,
	"opportunity": true, "justice": true, "victory": true, "progress": true, "paradise": true,
	"friendship": true, "unity": true, "concord": true, "harmony": true, "eagle": true, "phoenix": true,
	"buffalo": true, "trinidad": true, "la": true, "bay": true, "bar": true, "gap": true, "as": true,
	"is": true, "in": true, "at": true, "on": true, "no": true, "so": true, "if": true, "or": true,
	"an": true, "be": true, "to": true, "by": true, "we": true, "media": true, "bra": true,
	"president": true, "sultan": true, "general": true, "colonel": true, "mayor": true, "governor": true,
	"minister": true, "san": true, "santa": true, "saint": true, "fort": true, "port": true, "mount": true,
	"lake": true, "north": true, "south": true, "east": true, "west": true, "central": true, "city": true,
	// Provinces named by a direction alone ("Western", Sri Lanka's and
	// Zambia's Western Province): in news "Western companies".
	"northern": true, "southern": true, "eastern": true, "western": true, "upper": true, "lower": true,
	"capital": true, "sunday": true, "monday": true, "friday": true, "christmas": true, "easter": true,
	"english": true, "french": true, "german": true, "american": true, "arab": true, "kurdish": true,
	"islam": true, "allah": true, "god": true, "jesus": true, "mary": true,
	"eden": true, "golden": true, "green": true, "brown": true,
	"white": true, "black": true, "red": true, "rich": true, "goes": true, "little": true, "big": true,
	"many": true, "more": true, "most": true, "other": true, "same": true, "this": true, "that": true,
	"these": true, "those": true, "they": true, "their": true, "there": true, "then": true, "when": true,
	"after": true, "before": true, "during": true, "while": true, "since": true, "under": true,
	"over": true, "about": true, "against": true, "between": true, "through": true, "with": true,
	"within": true, "without": true, "from": true, "into": true, "only": true, "also": true,
	"both": true, "each": true, "every": true, "all": true, "some": true, "any": true, "such": true,
	"time": true, "date": true, "kim": true, "lee": true, "park": true, "wang": true, "li": true,
	"zhang": true, "liu": true, "chen": true, "ali": true, "khan": true, "singh": true, "bush": true,
	"trump": true, "hamas": true, "taliban": true,
}

// personal holds place names that are also common personal names
// ("Michael Jordan", "Chad Smith", "Victoria Nuland"). They are skipped
// when a capitalised word that is not a place stands right before or after.
var personal = map[string]bool{
	"jordan": true, "chad": true, "georgia": true, "victoria": true, "aden": true, "florence": true,
	"austin": true, "charlotte": true, "jackson": true, "lincoln": true, "madison": true,
	"eugene": true, "tyler": true, "troy": true, "elizabeth": true, "aurora": true, "savannah": true,
	"beverly": true, "chester": true, "kent": true, "lawrence": true, "marion": true, "warren": true,
	"washington": true, "hamilton": true, "franklin": true, "clinton": true, "jefferson": true,
	"sydney": true, "regina": true, "adelaide": true, "alexandria": true, "santiago": true,
	"salvador": true, "sofia": true, "valencia": true, "lorraine": true, "paris": true,
	"milan": true, "dallas": true, "houston": true, "orlando": true, "raleigh": true, "kingston": true,
	"stanley": true, "douglas": true, "ramsey": true, "nelson": true, "monroe": true, "irving": true, "sherman": true,
	"carson": true, "cleveland": true, "bristol": true, "darwin": true, "hugo": true,

	"sharon": true, "leon": true,
	"medina": true,
}

// funcWords are capitalised words that may stand before a place at the
// start of a sentence ("In Jordan, ...").
var funcWords = map[string]bool{
	"in": true, "at": true, "from": true, "to": true, "the": true, "and": true, "but": true, "near": true,
	"outside": true, "inside": true, "across": true, "throughout": true, "for": true, "of": true, "on": true,
	"with": true, "by": true, "like": true, "unlike": true, "while": true, "since": true, "after": true,
	"before": true, "as": true, "if": true, "when": true, "both": true, "neither": true, "whether": true,
}

// orgWords after a place name make it part of an organisation's or a
// treaty's name ("New York Times", "Paris Agreement", "Kabul Bank").
var orgWords = map[string]bool{
	"times": true, "post": true, "journal": true, "herald": true, "tribune": true, "gazette": true,
	"agreement": true, "accord": true, "accords": true, "protocol": true, "convention": true,
	"conventions": true, "declaration": true, "club": true, "fc": true, "united": true,
	"university": true, "rangers": true, "stock": true, "exchange": true, "process": true,
	"format": true, "group": true, "bank": true, "airlines": true, "airways": true, "principles": true,
	"talks": true, "statement": true, "institute": true, "review": true, "daily": true,
}

// divisionWords after a name mark it as a first-level division.
var divisionWords = map[string]bool{
	"province": true, "provinces": true, "governorate": true, "governorates": true, "state": true,
	"states": true, "region": true, "regions": true, "oblast": true, "oblasts": true, "prefecture": true,
	"department": true, "departments": true, "county": true, "counties": true, "district": true,
	"districts": true, "emirate": true, "canton": true, "territory": true,
}

// badPOS are UPOS tags that rule a one-word name out.
var badPOS = map[string]bool{
	"VERB": true, "AUX": true, "ADV": true, "ADP": true, "PRON": true, "DET": true, "CCONJ": true,
	"SCONJ": true, "PART": true, "INTJ": true, "NUM": true, "ADJ": true, "PUNCT": true, "SYM": true,
}

// joiner reports tokens that may stand inside a name without being a word
// ("-" in "Sar - e Pol" when hyphens are split off, "." in "St . Louis").
func joiner(s string) bool {
	return s == "-" || s == "." || s == "'" || s == "’" || s == "‐"
}

// capitalised reports whether s starts with an upper-case letter.
func capitalised(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	if c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// allCaps reports whether every letter of s is upper-case.
func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// span is a raw match found by scan.
type span struct {
	start, end int // tokens
	ids        []int32
	one        bool // a one-word name
	stop       bool // on the stoplist
	personal   bool // also a personal name
	division   bool // followed by "province" or the like
}

// sentenceStart reports whether token i starts the sentence (only
// punctuation such as quotes before it).
func sentenceStart(toks []dyad.Token, i int) bool {
	for j := 0; j < i; j++ {
		if capitalised(toks[j].Text) || appendKeyLen(toks[j].Text) > 0 {
			return false
		}
	}
	return true
}

func appendKeyLen(s string) int {
	var buf [32]byte
	return len(appendKey(buf[:0], s))
}

// match finds the longest name starting at token i.
func (g *Gazetteer) match(toks []dyad.Token, i int, buf []byte) span {
	t := toks[i].Text
	if !capitalised(t) {
		return span{}
	}
	key := appendKey(buf[:0], t)
	if len(key) == 0 {
		return span{}
	}
	fw := key
	if k := bytes.IndexByte(key, ' '); k >= 0 {
		fw = key[:k]
	}
	maxW, ok := g.first[string(fw)]
	if !ok {
		return span{}
	}
	best := span{start: i, end: i}
	if ids := g.ids(key); len(ids) > 0 {
		best = span{start: i, end: i + 1, ids: ids, one: true,
			stop: stoplist[string(key)], personal: personal[string(key)]}
	}
	if maxW <= 1 {
		return best
	}
	words := 1
	for j := i + 1; j < len(toks) && words < maxWords; j++ {
		tj := toks[j].Text
		if joiner(tj) {
			continue
		}
		n := len(key)
		key = append(key, ' ')
		key = appendKey(key, tj)
		if len(key) == n+1 {
			break // punctuation other than a joiner ends the name
		}
		words++
		if !capitalised(tj) {
			if !connectors[string(key[n+1:])] {
				break
			}
			continue // a name does not end on a connector
		}
		if ids := g.ids(key); len(ids) > 0 {
			best = span{start: i, end: j + 1, ids: ids}
		}
	}
	return best
}

// FindPlaces finds place names in the tokens of one sentence and resolves
// them. Names are the longest run of up to four word tokens that the
// gazetteer knows, starting with a capital ("New York", "Sar-e Pol"). A
// following ", Texas" or ", Pakistan" qualifier is used to resolve the name
// and is included in the mention. Countries named in the sentence are
// added, first, to ctx.Countries for the other names. One-word names that
// are common words ("Reading", "Nice", "Of") need a qualifier; a sentence's
// first word must be a country, division, capital or large city; names that
// are also personal names ("Jordan", "Victoria") are skipped beside another
// capitalised word; and a part-of-speech tag, when present, that is not a
// noun rules a one-word name out. ctx.Qualifier is ignored.
func (g *Gazetteer) FindPlaces(toks []dyad.Token, ctx Context) []Mention {
	if g == nil || len(toks) == 0 {
		return nil
	}
	ctx.Qualifier = "" // qualifiers are read from the tokens
	var buf [128]byte
	var spansArr [8]span
	spans := spansArr[:0]
	for i := 0; i < len(toks); {
		s := g.match(toks, i, buf[:0])
		if len(s.ids) == 0 {
			i++
			continue
		}
		spans = append(spans, s)
		i = s.end
	}
	if len(spans) == 0 {
		return nil
	}
	// Countries named in the sentence come first in the context.
	nc := 0
	for _, s := range spans {
		if g.places[s.ids[0]].Kind == KindCountry && !s.personal {
			nc++
		}
	}
	if nc > 0 {
		cs := make([]string, 0, nc+len(ctx.Countries))
		for _, s := range spans {
			if p := &g.places[s.ids[0]]; p.Kind == KindCountry && !s.personal {
				cs = append(cs, p.Country)
			}
		}
		ctx.Countries = append(cs, ctx.Countries...)
	}
	// "Kunduz, Baghlan and Takhar provinces": a division word after a name,
	// or after a list of names, asks for divisions.
	for k := len(spans) - 1; k >= 0; k-- {
		e := spans[k].end
		if e < len(toks) && divisionWords[strings.ToLower(toks[e].Text)] {
			spans[k].division = true
			continue
		}
		if k+1 < len(spans) && spans[k+1].division {
			between := toks[e:spans[k+1].start]
			ok := len(between) > 0 && len(between) <= 2
			for _, t := range between {
				ok = ok && (t.Text == "," || t.Text == "and" || t.Text == "or")
			}
			spans[k].division = ok
		}
	}
	out := make([]Mention, 0, len(spans))
	for k := 0; k < len(spans); k++ {
		s := spans[k]
		end := s.end
		// A ", Qualifier" right after the name.
		qctx := ctx
		qualEnd := -1
		if end+1 < len(toks) && toks[end].Text == "," && k+1 < len(spans) && spans[k+1].start == end+1 {
			q := spans[k+1]
			qctx.Qualifier = ", " + joinTokens(toks[q.start:q.end])
			qualEnd = q.end
		}
		id, qualified := g.pick(s.ids, qctx, s.division)
		if id < 0 {
			continue
		}
		if !qualified && !g.plausible(toks, s, id) {
			continue
		}
		m := Mention{Start: s.start, End: end, Place: g.places[id], Qualified: qualified}
		m.Text = joinTokens(toks[s.start:end])
		if qualified && qualEnd > m.Start {
			m.End = qualEnd
			k++ // the qualifier is part of this mention
		}
		m.Span = dyad.Span{Start: toks[m.Start].Span.Start, End: toks[m.End-1].Span.End}
		out = append(out, m)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// waterWords end the names of seas, gulfs and straits. A division named
// after one ("Red Sea", a Sudanese state) is taken for the water, which
// belongs to no country, unless qualified.
var waterWords = map[string]bool{"sea": true, "ocean": true, "gulf": true, "strait": true, "straits": true, "bay": true,
	"channel": true, "river": true, "lake": true, "basin": true}

// plausible applies the ambiguity rules to an unqualified match.
func (g *Gazetteer) plausible(toks []dyad.Token, s span, id int32) bool {
	p := &g.places[id]
	if p.Kind == KindAdmin1 && waterWords[strings.ToLower(toks[s.end-1].Text)] {
		return false
	}
	if s.end < len(toks) && capitalised(toks[s.end].Text) && orgWords[strings.ToLower(toks[s.end].Text)] {
		return false
	}
	if !s.one { // multi-word names are specific enough
		return true
	}
	t := &toks[s.start]
	if s.stop {
		return false
	}
	if allCaps(t.Text) && len(t.Text) <= 3 && p.Kind != KindCountry {
		return false // acronyms: only country abbreviations ("US", "UAE")
	}
	if t.UPOS != "" && badPOS[t.UPOS] && p.Kind == KindCity {
		return false
	}
	if s.personal {
		if capitalisedWordAt(toks, s.start-1) || capitalisedWordAt(toks, s.end) {
			return false
		}
	}
	// A small place beside a capitalised word is likely part of a name
	// ("Michael Jordan", "Man Utd").
	if p.Kind != KindCountry && p.Population < 50000 && g.flags[id]&flagCapital == 0 &&
		(capitalisedWordAt(toks, s.start-1) || capitalisedWordAt(toks, s.end)) {
		return false
	}
	if sentenceStart(toks, s.start) && p.Kind == KindCity &&
		g.flags[id]&(flagCapital|flagSeat) == 0 && p.Population < 100000 {
		return false
	}
	return true
}

// capitalisedWordAt reports whether token i exists, is capitalised and is
// not a function word ("In", "The").
func capitalisedWordAt(toks []dyad.Token, i int) bool {
	if i < 0 || i >= len(toks) || !capitalised(toks[i].Text) {
		return false
	}
	return !funcWords[strings.ToLower(toks[i].Text)]
}

// joinTokens returns the tokens' text as written: tokens are joined by a
// space where their byte spans leave a gap (or, without spans, where
// SpaceAfter says so).
func joinTokens(toks []dyad.Token) string {
	if len(toks) == 1 {
		return toks[0].Text
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			prev := toks[i-1]
			gap := t.Span.Start > prev.Span.End
			if t.Span == (dyad.Span{}) && prev.Span == (dyad.Span{}) {
				gap = prev.SpaceAfter
			}
			if gap {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t.Text)
	}
	return b.String()
}
