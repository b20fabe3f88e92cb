package dictionary

import (
	"fmt"
	"strings"

	"github.com/dyad-events/dyad/nlp/lemma"
)

// Reasons a PETRARCH pattern has no native translation (LoadReport.UntranslatedWhy).
const (
	whyCode      = "no usable code"
	whyPre       = "words before the verb"
	whyCompound  = "% compound"
	whySkip      = "^ skip marker"
	whyLegacy    = "TABARI {…} phrase"
	whyNoVerb    = "no * verb position"
	whySynPhrase = "synset inside a phrase"
	whyLong      = "phrase longer than two words"
	whyMarkers   = "source/target placement"
	whyOrder     = "words after the complement"
	whyMultiword = "multiword verb"
	whyNoVerbs   = "block without single-word verbs"
	whyVerbCode  = "verb without a code"
	whyPrepSyn   = "synset of prepositions"
	whyMarker    = "TABARI marker code"
)

// translateVerbs turns the blocks of pv into native Patterns: one slot-less
// pattern per verb with its own code, and one pattern per translatable
// PETRARCH pattern whose head is the block's verbs (a synset "&V_NAME" when
// the block has several). Block patterns apply to the single-word verbs of
// the block; multiword verbs ("+CLEAR_UP") get their own slot pattern (prt,
// obj or a preposition) when that is expressible.
func (l *loader) translateVerbs(pv *PetrarchVerbs) {
	verbs := map[string]bool{}
	for _, b := range pv.Blocks {
		for _, v := range b.Verbs {
			if len(v.Words) == 1 {
				verbs[v.Lemma] = true
			}
		}
	}
	why := func(reason string, n int) {
		r := &l.d.Report
		if r.UntranslatedWhy == nil {
			r.UntranslatedWhy = map[string]int{}
		}
		r.UntranslatedWhy[reason] += n
		r.Untranslatable += n
	}
	used := map[string]bool{}
	for _, s := range l.d.Synsets {
		used[s.Name] = true
	}
	for _, b := range pv.Blocks {
		var single []string
		for _, v := range b.Verbs {
			if len(v.Words) == 1 {
				single = appendHeads(single, v.Lemma)
			}
		}
		head := ""
		switch {
		case len(single) == 1:
			head = single[0]
		case len(single) > 1:
			head = blockSynsetName(b.Name, used)
			used[head] = true
		}
		defined := false // the block synset is defined when a pattern uses it
		// Slot-less (or multiword) patterns for the verbs themselves.
		for _, v := range b.Verbs {
			if v.Code.Raw == "" {
				why(whyVerbCode, 1)
				continue
			}
			lemmas := []string{v.Lemma}
			if len(v.Words) == 1 {
				lemmas = appendHeads(nil, v.Lemma)
			}
			for _, lm := range lemmas {
				line, reason := verbLine(v, lm)
				if reason != "" {
					why(reason, 1)
					l.warn(errorf(v.Source, "multiword verb %q has no native form (%s)", v.Text, reason))
					break
				}
				p, e := parsePatternLine(v.Source, line)
				if e != nil {
					why(whyMultiword, 1)
					break
				}
				keepRawCode(p, v.Code)
				p.Origin = v.Text
				v.Native = append(v.Native, p)
				l.d.Patterns = append(l.d.Patterns, p)
			}
		}
		for _, pp := range b.Patterns {
			if head == "" {
				pp.Why = whyNoVerbs
				why(pp.Why, 1)
				continue
			}
			line, reason := translatePattern(pp, head, verbs, l.d.Synsets)
			if reason != "" {
				pp.Why = reason
				why(reason, 1)
				continue
			}
			p, e := parsePatternLine(pp.Source, line)
			if e != nil {
				pp.Why = e.Msg
				why(e.Msg, 1)
				continue
			}
			keepRawCode(p, pp.Code)
			if strings.HasPrefix(head, "&") && !defined {
				l.d.Synsets[head] = &Synset{Name: head, Members: single, Source: b.Source}
				defined = true
			}
			p.Comment = pp.Comment
			p.Origin = pp.Text + " [" + pp.Code.Raw + "]"
			p.Lexical = hasWords(pp)
			pp.Native = p
			l.d.Patterns = append(l.d.Patterns, p)
		}
	}
}

// appendHeads adds lemmas with their lemmatised variants (a block verb
// written "SAID" also heads "say" when the lemmatizer knows it).
func appendHeads(list []string, words ...string) []string {
	for _, w := range words {
		for _, h := range []string{w, lemma.Lemma(w, "VERB", guessVerbTag(w))} {
			if h != "" && !strings.HasPrefix(w, "&") && !containsString(list, h) {
				list = append(list, h)
			}
		}
	}
	return list
}

func guessVerbTag(w string) string {
	switch {
	case strings.HasSuffix(w, "ing"):
		return "VBG"
	case strings.HasSuffix(w, "ed"):
		return "VBD"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return "VBZ"
	}
	return "VB"
}

func blockSynsetName(name string, used map[string]bool) string {
	var b strings.Builder
	b.WriteString("&V_")
	for _, r := range strings.ToUpper(name) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	s := b.String()
	for i := 2; used[s]; i++ {
		s = fmt.Sprintf("&V_%s_%d", strings.TrimPrefix(b.String(), "&V_"), i)
	}
	return s
}

// codeText is the code of a native pattern line; a code CAMEO lacks is
// written as the placeholder 010 and restored by keepRawCode.
func codeText(c PetrarchCode) string {
	if !c.Valid {
		return placeholderCode
	}
	if c.Reverse != "" {
		return c.Code + ":" + c.Reverse
	}
	return c.Code
}

const placeholderCode = "010"

// keepRawCode gives p the PETRARCH code as written when CAMEO lacks it
// ("903", "345", "075A", "010:def"), marking it NonCAMEO.
func keepRawCode(p *Pattern, c PetrarchCode) {
	if c.Valid {
		return
	}
	code, rev, _ := strings.Cut(c.Raw, ":")
	p.Code, p.Reverse, p.NonCAMEO = strings.TrimSpace(code), strings.TrimSpace(rev), true
	p.Text = c.Raw + strings.TrimPrefix(p.Text, placeholderCode)
}

// verbLine is the native pattern of a bare verb: "CODE lemma", or for a
// multiword verb "CODE lemma prt=up", "CODE meet with=$", "CODE wage obj=war".
func verbLine(v *PetrarchVerb, lemma string) (string, string) {
	line := codeText(v.Code) + " " + lemma
	if len(v.Words) == 1 {
		return line, ""
	}
	if v.Index != 0 || len(v.Words) > 3 {
		return "", whyMultiword
	}
	rest := v.Words[1:]
	var slots []string
	for i, w := range rest {
		switch {
		case Particles[w] && !(Prepositions[w] && i == len(rest)-1 && i > 0):
			slots = append(slots, "prt="+w)
		case Prepositions[w] && i == len(rest)-1:
			slots = append(slots, w+"=$")
		case i == len(rest)-1 && isPlainWord(w):
			slots = append(slots, "obj="+w)
		default:
			return "", whyMultiword
		}
	}
	return line + " " + strings.Join(slots, " "), ""
}

func isPlainWord(w string) bool {
	for _, r := range w {
		if !(r >= 'a' && r <= 'z' || r == '-' || r == '\'') {
			return false
		}
	}
	return w != ""
}

// nounValues gives a word's slot values: the word as written and, for a
// plural-looking form, its lemma ("sanctions | sanction").
func nounValues(phrase []string) string {
	if len(phrase) == 1 && strings.HasPrefix(phrase[0], "&") {
		return phrase[0]
	}
	v := strings.Join(phrase, "_")
	last := phrase[len(phrase)-1]
	if strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") {
		if lm := lemma.Lemma(last, "NOUN", "NNS"); lm != "" && lm != last {
			alt := append(append([]string(nil), phrase[:len(phrase)-1]...), lm)
			v += " | " + strings.Join(alt, "_")
		}
	}
	return v
}

// translatePattern writes a PETRARCH pattern as a native pattern line, or
// returns why it cannot. PETRARCH's "$" (source) and "+" (target) become the
// native "+" and "$".
func translatePattern(p *PetrarchPattern, head string, verbs map[string]bool, syn map[string]*Synset) (string, string) {
	switch {
	case p.Skipped == markerSkip:
		return "", whyMarker
	case p.Skipped != "" && strings.HasPrefix(p.Skipped, "TABARI"):
		return "", whyLegacy
	case p.Skipped != "":
		return "", whyNoVerb
	case p.Code.Raw == "" || strings.ContainsAny(p.Code.Raw, " \t"):
		return "", whyCode
	case p.Compound:
		return "", whyCompound
	}
	for _, e := range p.Pre {
		if e.Kind != ElemSource {
			return "", whyPre
		}
	}
	for _, e := range p.Post {
		if e.Kind == ElemSynset && prepositionSynset(e.Text, syn) {
			// "* &PREPOSIT1 RESOLUTION": any of the prepositions, then the
			// noun; slots name one preposition, the lexical matcher any.
			return "", whyPrepSyn
		}
	}
	var slots []string
	targets, sources := 0, 0
	post := p.Post
	i := 0
	// Particle right after the verb.
	if i < len(post) && post[i].Kind == ElemWord && Particles[post[i].Text] && !prepFirst[post[i].Text] {
		slots = append(slots, "prt="+post[i].Text)
		i++
	}
	// Object region: words (or a lone synset) up to a preposition or marker.
	var obj []string
	objTarget := false
	for i < len(post) {
		e := post[i]
		if e.Kind == ElemWord && Prepositions[e.Text] {
			break
		}
		switch e.Kind {
		case ElemWord, ElemSynset:
			obj = append(obj, e.Text)
		case ElemTarget:
			if objTarget || len(obj) > 0 {
				return "", whyMarkers
			}
			objTarget = true
		case ElemSource:
			return "", whyMarkers
		case ElemSkip:
			return "", whySkip
		}
		i++
	}
	objVals, why := chunkValues(obj, syn)
	if why != "" {
		return "", why
	}
	switch {
	case objTarget && len(obj) > 0:
		slots = append(slots, "obj="+objVals, "mod=$")
		targets++
	case objTarget:
		slots = append(slots, "obj=$")
		targets++
	case len(obj) > 0:
		slots = append(slots, "obj="+objVals)
	}
	// Preposition chunks.
	xcompDone := false
	for i < len(post) {
		e := post[i]
		if e.Kind != ElemWord || !Prepositions[e.Text] {
			return "", whyOrder
		}
		prep := e.Text
		i++
		var words []string
		marker := PetrarchElemKind(255)
		for i < len(post) {
			x := post[i]
			if x.Kind == ElemWord && Prepositions[x.Text] {
				break
			}
			switch x.Kind {
			case ElemWord, ElemSynset:
				if marker != 255 {
					return "", whyMarkers
				}
				words = append(words, x.Text)
			case ElemTarget, ElemSource:
				if marker != 255 || len(words) > 0 {
					return "", whyMarkers
				}
				marker = x.Kind
			case ElemSkip:
				return "", whySkip
			}
			i++
		}
		switch {
		case marker == ElemTarget:
			slots = append(slots, prep+"=$")
			targets++
		case marker == ElemSource:
			slots = append(slots, prep+"=+")
			sources++
		case prep == "to" && len(words) == 1 && verbs[words[0]] && !xcompDone:
			slots = append(slots, "xcomp="+words[0])
			xcompDone = true
		case len(words) > 0:
			vals, why := chunkValues(words, syn)
			if why != "" {
				return "", why
			}
			slots = append(slots, prep+"="+vals)
		default:
			// A final preposition with nothing after it: its nominal is the target.
			if i < len(post) || targets > 0 {
				return "", whyOrder
			}
			slots = append(slots, prep+"=$")
			targets++
		}
	}
	if targets > 1 || sources > 1 {
		return "", whyMarkers
	}
	line := codeText(p.Code) + " " + head
	if len(slots) > 0 {
		line += " " + strings.Join(slots, " ")
	}
	return line, ""
}

// hasWords reports whether a PETRARCH pattern has word or synset elements.
func hasWords(p *PetrarchPattern) bool {
	for _, e := range append(p.Pre[:len(p.Pre):len(p.Pre)], p.Post...) {
		if e.Kind == ElemWord || e.Kind == ElemSynset {
			return true
		}
	}
	return false
}

// prepositionSynset reports whether every member of synset name is a
// single preposition ("&PREPOSIT1": against, in, on, by, near, at).
func prepositionSynset(name string, syn map[string]*Synset) bool {
	ms := synsetMembers(name, syn, 0)
	for _, m := range ms {
		if !Prepositions[m] {
			return false
		}
	}
	return len(ms) > 0
}

// prepFirst lists particle words that right after the verb are read as
// prepositions ("* IN $", "* OVER EFFORTS").
var prepFirst = map[string]bool{"in": true, "on": true, "over": true, "around": true, "through": true, "along": true}

// chunkValues writes a word chunk as slot values: a lone synset stays a
// reference; one or two words become a phrase (with its lemma variant); a
// synset inside a short phrase is spelled out member by member (at most
// maxSpelled alternatives).
func chunkValues(ws []string, syn map[string]*Synset) (string, string) {
	if len(ws) == 0 {
		return "", ""
	}
	hasSyn := false
	for _, w := range ws {
		if strings.HasPrefix(w, "&") {
			hasSyn = true
		}
	}
	if !hasSyn || len(ws) == 1 {
		if len(ws) > 2 {
			return "", whyLong
		}
		return nounValues(ws), ""
	}
	if len(ws) > 3 {
		return "", whyLong
	}
	alts := [][]string{nil}
	for _, w := range ws {
		var opts []string
		if strings.HasPrefix(w, "&") {
			opts = synsetMembers(w, syn, 0)
			if len(opts) == 0 {
				return "", whySynPhrase
			}
		} else {
			opts = []string{w}
		}
		var next [][]string
		for _, a := range alts {
			for _, o := range opts {
				next = append(next, append(append([]string(nil), a...), strings.Fields(o)...))
			}
		}
		if len(next) > maxSpelled {
			return "", whySynPhrase
		}
		alts = next
	}
	vals := make([]string, len(alts))
	for i, a := range alts {
		vals[i] = strings.Join(a, "_")
	}
	return strings.Join(vals, " | "), ""
}

const maxSpelled = 60

func synsetMembers(name string, syn map[string]*Synset, depth int) []string {
	s, ok := syn[name]
	if !ok || depth > 5 {
		return nil
	}
	var out []string
	for _, m := range s.Members {
		if strings.HasPrefix(m, "&") {
			out = append(out, synsetMembers(m, syn, depth+1)...)
		} else {
			out = append(out, m)
		}
	}
	return out
}
