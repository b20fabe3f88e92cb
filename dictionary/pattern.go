package dictionary

import (
	"errors"
	"strings"

	"github.com/dyad-events/dyad/taxonomy"
)

// Prepositions lists the single-word prepositions accepted as slot names
// (multiword ones are written with "_": in_favor_of, on_behalf_of).
var Prepositions = map[string]bool{
	"aboard": true, "about": true, "above": true, "across": true, "after": true, "against": true,
	"along": true, "alongside": true, "amid": true, "amidst": true, "among": true, "amongst": true,
	"around": true, "as": true, "at": true, "before": true, "behind": true, "below": true,
	"beneath": true, "beside": true, "besides": true, "between": true, "beyond": true, "by": true,
	"concerning": true, "despite": true, "down": true, "during": true, "except": true, "for": true,
	"from": true, "in": true, "inside": true, "into": true, "like": true, "near": true, "of": true,
	"off": true, "on": true, "onto": true, "out": true, "outside": true, "over": true, "past": true,
	"per": true, "regarding": true, "since": true, "through": true, "throughout": true, "to": true,
	"toward": true, "towards": true, "under": true, "underneath": true, "unlike": true, "until": true,
	"up": true, "upon": true, "versus": true, "via": true, "with": true, "within": true, "without": true,
}

// Particles lists the words treated as verb particles (compound:prt) when
// translating PETRARCH multiword verbs and patterns.
var Particles = map[string]bool{
	"up": true, "down": true, "out": true, "off": true, "away": true, "back": true, "over": true,
	"in": true, "on": true, "forth": true, "together": true, "apart": true, "aside": true,
	"around": true, "through": true, "along": true,
}

// ParseEventCode reads a pattern code as written in native dictionaries:
// a CAMEO code ("036"), NullCode ("---"), or a paired "CODE:CODE2" whose
// second code is the reciprocal event. Brackets are allowed ("[036]").
func ParseEventCode(s string) (code, reverse string, err error) {
	c := strings.TrimSpace(s)
	if c == NullCode || c == "["+NullCode+"]" {
		return NullCode, "", nil
	}
	first, second, err := taxonomy.NormalizePair(c)
	if err != nil {
		if errors.Is(err, taxonomy.ErrNoCode) && strings.Contains(c, ":") {
			// "---:---" and the like: keep the halves that are codes.
			a, b, _ := strings.Cut(strings.Trim(c, "[]"), ":")
			a, b = strings.TrimSpace(a), strings.TrimSpace(b)
			if a == NullCode && (b == NullCode || taxonomy.Valid(b)) {
				if b == NullCode {
					b = ""
				}
				return NullCode, b, nil
			}
		}
		return "", "", err
	}
	return first, second, nil
}

// parsePatternLine reads "CODE HEAD SLOTS…".
func parsePatternLine(pos Pos, line string) (*Pattern, *LoadError) {
	f := strings.Fields(line)
	if len(f) < 2 {
		return nil, errorf(pos, "verb pattern %q: expected \"CODE HEAD [SLOT=VALUE…]\"", line)
	}
	p := &Pattern{Source: pos, Text: strings.Join(f, " ")}
	code, rev, err := ParseEventCode(f[0])
	if err != nil {
		if errors.Is(err, taxonomy.ErrUnknownCode) {
			return nil, &LoadError{Pos: pos, Msg: "unknown CAMEO event code " + quote(f[0]) + " (expected a code of the CAMEO taxonomy, see \"dyad codes\")", Err: err}
		}
		return nil, &LoadError{Pos: pos, Msg: "event code " + quote(f[0]) + ": expected a CAMEO code such as 040 or 0253, CODE:CODE2, or ---", Err: err}
	}
	p.Code, p.Reverse = code, rev
	if e := setHead(p, pos, f[1]); e != nil {
		return nil, e
	}
	// Re-split the slots so that "a | b" alternatives stay with their slot.
	rest := strings.Join(f[2:], " ")
	rest = strings.ReplaceAll(rest, " |", "|")
	rest = strings.ReplaceAll(rest, "| ", "|")
	targets, sources := 0, 0
	for _, slot := range strings.Fields(rest) {
		if slot == "neg" {
			if p.Neg {
				return nil, errorf(pos, "slot neg given twice")
			}
			p.Neg = true
			continue
		}
		name, value, ok := strings.Cut(slot, "=")
		if !ok || name == "" || value == "" {
			return nil, errorf(pos, "slot %q: expected NAME=VALUE (obj=talk, with=$, in_favor_of=$) or neg", slot)
		}
		vals := alternatives(value)
		if len(vals) == 0 {
			return nil, errorf(pos, "slot %q: expected a value after =", slot)
		}
		isT := len(vals) == 1 && vals[0] == "$"
		isS := len(vals) == 1 && vals[0] == "+"
		for _, v := range vals {
			if (v == "$" || v == "+") && len(vals) > 1 {
				return nil, errorf(pos, "slot %q: $ and + stand alone (expected NAME=$ or NAME=word | word)", slot)
			}
		}
		if isT {
			targets++
		}
		if isS {
			sources++
		}
		var words []string
		if !isT && !isS {
			for _, v := range vals {
				if !isWordValue(v) {
					return nil, errorf(pos, "slot %q: value %q is not a lemma, phrase_with_underscores or &SYNSET", slot, v)
				}
				words = append(words, slotWord(v))
			}
		}
		switch name {
		case "obj":
			if isS {
				return nil, errorf(pos, "slot %q: obj takes $ (target) or lemmas, not +", slot)
			}
			if isT {
				p.ObjTarget = true
			} else {
				p.Obj = append(p.Obj, words...)
			}
		case "iobj":
			if !isT {
				return nil, errorf(pos, "slot %q: expected iobj=$", slot)
			}
			p.IObjTarget = true
		case "mod":
			if !isT {
				return nil, errorf(pos, "slot %q: expected mod=$", slot)
			}
			p.ModTarget = true
		case "prt", "xcomp", "xobj", "subj":
			if isT || isS {
				return nil, errorf(pos, "slot %q: %s takes lemmas, not $ or +", slot, name)
			}
			switch name {
			case "prt":
				p.Prt = append(p.Prt, words...)
			case "xcomp":
				p.XComp = append(p.XComp, words...)
			case "xobj":
				p.XObj = append(p.XObj, words...)
			default:
				p.Subj = append(p.Subj, words...)
			}
		default:
			prep, ok := prepSlotName(name)
			if !ok {
				return nil, errorf(pos, "unknown slot %q (expected obj, iobj, mod, prt, xcomp, xobj, subj or a preposition such as with, on, in_favor_of)", name)
			}
			p.Preps = append(p.Preps, PrepSlot{Prep: prep, Words: words, Target: isT, Source: isS})
		}
	}
	if targets > 1 {
		return nil, errorf(pos, "verb pattern %q: more than one slot marks the target ($); expected at most one", line)
	}
	if sources > 1 {
		return nil, errorf(pos, "verb pattern %q: more than one slot marks the source (+); expected at most one", line)
	}
	if len(p.XObj) > 0 && len(p.XComp) == 0 {
		return nil, errorf(pos, "verb pattern %q: xobj names the complement's object and needs an xcomp slot", line)
	}
	if len(p.XObj) > 0 && p.Noun {
		return nil, errorf(pos, "noun pattern %q: xobj is for verbs' complements", line)
	}
	return p, nil
}

func quote(s string) string { return "\"" + s + "\"" }

func setHead(p *Pattern, pos Pos, h string) *LoadError {
	switch {
	case strings.HasPrefix(h, "n:"):
		p.Noun = true
		h = h[2:]
	case strings.HasPrefix(h, "N:"):
		p.Noun = true
		h = h[2:]
	}
	if strings.HasPrefix(h, "&") {
		if !isIdent(h[1:]) {
			return errorf(pos, "pattern head %q: expected a lemma, &SYNSET or n:lemma", h)
		}
		p.Head = h
		return nil
	}
	if !isWordValue(h) || strings.Contains(h, "=") {
		return errorf(pos, "pattern head %q: expected a lemma, &SYNSET or n:lemma", h)
	}
	p.Head = slotWord(h)
	p.Heads = []string{p.Head}
	return nil
}

// isWordValue accepts lemmas, phrases joined by "_" and &SYNSET references.
func isWordValue(v string) bool {
	if v == "" || v == "$" || v == "+" || strings.Contains(v, "=") {
		return false
	}
	if strings.HasPrefix(v, "&") {
		return isIdent(v[1:])
	}
	return true
}

// slotWord lower-cases a slot value; "_" joins the words of a phrase.
func slotWord(v string) string {
	if strings.HasPrefix(v, "&") {
		return v
	}
	return normPhrase(v)
}

// prepSlotName splits a preposition slot name ("in_favor_of") into words,
// accepting single-word prepositions from Prepositions and multiword ones
// whose words are all letters.
func prepSlotName(name string) ([]string, bool) {
	parts := strings.Split(strings.ToLower(name), "_")
	if len(parts) == 1 {
		return parts, Prepositions[parts[0]]
	}
	for _, w := range parts {
		if w == "" {
			return nil, false
		}
		for _, r := range w {
			if r < 'a' || r > 'z' {
				return nil, false
			}
		}
	}
	return parts, true
}

// expandSynsets replaces &SYNSET references in pattern heads and slots by
// the synset's members (recursively), recording the names used. Undefined
// synsets stay in place (they can never match) and are reported to warn.
func (d *Dictionary) expandSynsets(warn func(*LoadError)) {
	cache := map[string][]string{}
	var members func(name string, depth int) ([]string, bool)
	members = func(name string, depth int) ([]string, bool) {
		if m, ok := cache[name]; ok {
			return m, m != nil
		}
		s, ok := d.Synsets[name]
		if !ok || depth > 20 {
			return nil, false
		}
		var out []string
		for _, m := range s.Members {
			if strings.HasPrefix(m, "&") {
				sub, ok := members(m, depth+1)
				if ok {
					out = append(out, sub...)
				}
				continue
			}
			out = append(out, m)
		}
		cache[name] = out
		return out, true
	}
	for _, p := range d.Patterns {
		expand := func(list []string) []string {
			var out []string
			changed := false
			for _, w := range list {
				if !strings.HasPrefix(w, "&") {
					out = append(out, w)
					continue
				}
				m, ok := members(w, 0)
				if !ok {
					out = append(out, w)
					if warn != nil {
						warn(errorf(p.Source, "undefined synset %s (the slot can never match; define it with \"synset %s …\")", w, w))
					}
					continue
				}
				changed = true
				if !containsString(p.Synsets, w) {
					p.Synsets = append(p.Synsets, w)
				}
				out = append(out, m...)
			}
			if !changed {
				return list
			}
			return out
		}
		if strings.HasPrefix(p.Head, "&") && (len(p.Heads) == 0 || strings.HasPrefix(p.Heads[0], "&")) {
			p.Heads = expand([]string{p.Head})
		}
		p.Obj = expand(p.Obj)
		p.Prt = expand(p.Prt)
		p.XComp = expand(p.XComp)
		p.XObj = expand(p.XObj)
		p.Subj = expand(p.Subj)
		for i := range p.Preps {
			p.Preps[i].Words = expand(p.Preps[i].Words)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
