package dictionary

import (
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad/nlp/lemma"
	"github.com/dyad-events/dyad/taxonomy"
)

// Severity grades a lint finding.
type Severity uint8

// Severities: errors make "dyad dict lint" exit 1; warnings do not.
const (
	SeverityWarning Severity = iota + 1
	SeverityError
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == SeverityError {
		return "error"
	}
	return "warning"
}

// Finding is one lint result.
type Finding struct {
	Pos      Pos
	Severity Severity
	Check    string // short check name: "load", "duplicate-name", "code-shape", "overlap", "unreachable", "synset", "lemma"
	Msg      string
}

// String formats the finding as "file:line: error: [check] message".
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: [%s] %s", f.Pos, f.Severity, f.Check, f.Msg)
}

// LintDir loads the native set in dir leniently and lints it (see LintFS).
func LintDir(dir string) ([]Finding, error) {
	return LintFS(os.DirFS(dir), ".")
}

// LintFS loads the native set under root in fsys leniently and lints it:
// every entry that fails to load is an error finding, load warnings are
// warnings, and Lint's checks follow. It fails only when the set cannot be
// read at all.
func LintFS(fsys fs.FS, root string) ([]Finding, error) {
	d, err := Load(fsys, root, Options{SkipBadEntries: true, MaxErrors: 1 << 30})
	if err != nil {
		return nil, err
	}
	return LintReport(d), nil
}

// LintReport returns the findings of a dictionary loaded with
// SkipBadEntries: its load errors (as errors), its load warnings (as
// warnings) and Lint's checks, sorted by position. Only the errors and
// warnings kept in d.Report (Options.MaxErrors) are included.
func LintReport(d *Dictionary) []Finding {
	var out []Finding
	for _, e := range d.Report.Errors {
		out = append(out, Finding{Pos: e.Pos, Severity: SeverityError, Check: "load", Msg: strings.TrimPrefix(e.Error(), e.Pos.String()+": ")})
	}
	for _, e := range d.Report.Warnings {
		if strings.HasPrefix(e.Msg, "undefined synset") {
			continue // Lint reports it as an unreachable pattern
		}
		check := "load"
		if strings.Contains(e.Msg, "synset") {
			check = "synset"
		}
		out = append(out, Finding{Pos: e.Pos, Severity: SeverityWarning, Check: check, Msg: strings.TrimPrefix(e.Error(), e.Pos.String()+": ")})
	}
	out = append(out, Lint(d)...)
	sortFindings(out)
	return out
}

func sortFindings(out []Finding) {
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Pos.File != out[j].Pos.File {
			return out[i].Pos.File < out[j].Pos.File
		}
		return out[i].Pos.Line < out[j].Pos.Line
	})
}

// Lint checks a loaded dictionary: duplicate names with different codes in
// the same period; actor and agent codes that are not CAMEO-shaped and event
// codes not in the taxonomy; overlapping date ranges within one actor;
// patterns that can never fire (undefined synsets, slot values that are not
// lemmas, a pattern with the same head and slots as a later one); synsets
// that are never used. Findings are sorted by position.
func Lint(d *Dictionary) []Finding {
	var out []Finding
	add := func(pos Pos, sev Severity, check, format string, args ...any) {
		out = append(out, Finding{Pos: pos, Severity: sev, Check: check, Msg: fmt.Sprintf(format, args...)})
	}
	lintCodes(d, add)
	lintNames(d, add)
	lintPatterns(d, add)
	sortFindings(out)
	return out
}

// touching reports whether r and s overlap in exactly one day, the end of
// one being the start of the other (PETRARCH's usual "A-B", "B-C").
func touching(r, s DateRange) (time.Time, bool) {
	if !r.To.IsZero() && r.To.Equal(s.From) && (r.From.IsZero() || r.From.Before(s.From)) {
		return r.To, true
	}
	if !s.To.IsZero() && s.To.Equal(r.From) && (s.From.IsZero() || s.From.Before(r.From)) {
		return s.To, true
	}
	return time.Time{}, false
}

type addFunc func(pos Pos, sev Severity, check, format string, args ...any)

func lintCodes(d *Dictionary, add addFunc) {
	countryAt := map[string]Pos{}
	for _, c := range d.Countries {
		if p, ok := countryAt[c.ISO3]; ok {
			add(c.Source, SeverityError, "duplicate-name", "country %s declared again (first at %s); write one entry with aliases", c.ISO3, p)
		}
		countryAt[c.ISO3] = c.Source
	}
	for _, a := range d.Actors {
		unbounded := 0
		for i, c := range a.Codes {
			if !IsActorCode(c.Code) {
				add(c.Source, SeverityError, "code-shape", "actor %q: code %q is not CAMEO-shaped (expected upper-case letters in groups of three, or ---)", a.Name.Text, c.Code)
			}
			if c.Range.Open() {
				unbounded++
				if unbounded == 2 {
					add(c.Source, SeverityError, "overlap", "actor %q: second code without a date range (only the first applies)", a.Name.Text)
				}
				continue
			}
			for _, b := range a.Codes[:i] {
				if b.Range.Open() || !b.Range.Overlaps(c.Range) {
					continue
				}
				if day, ok := touching(b.Range, c.Range); ok {
					add(c.Source, SeverityWarning, "overlap", "actor %q: code %s %s and %s %s (%s) share their boundary day %s (ranges are inclusive; the first listed wins)", a.Name.Text, c.Code, c.Range, b.Code, b.Range, b.Source, day.Format("2006-01-02"))
				} else {
					add(c.Source, SeverityError, "overlap", "actor %q: code %s %s overlaps %s %s (%s)", a.Name.Text, c.Code, c.Range, b.Code, b.Range, b.Source)
				}
				break
			}
		}
	}
	for _, a := range d.Agents {
		if !IsActorCode(a.Code) {
			add(a.Source, SeverityError, "code-shape", "agent code %q is not CAMEO-shaped", a.Code)
		}
	}
	for _, p := range d.Patterns {
		for _, c := range []string{p.Code, p.Reverse} {
			if c != "" && c != NullCode && !taxonomy.Valid(c) {
				add(p.Source, SeverityError, "code-shape", "event code %q is not in the CAMEO taxonomy", c)
			}
		}
	}
}

// nameUse is one coded use of a name, for the duplicate check.
type nameUse struct {
	pos   Pos
	code  string
	rng   DateRange
	owner string
}

func lintNames(d *Dictionary, add addFunc) {
	uses := map[string][]nameUse{}
	key := func(n *Name) string { return strings.Join(lowerWords(n.Words), " ") }
	for _, c := range d.Countries {
		groups := []struct {
			ns  []Name
			suf string
		}{{[]Name{c.Name}, ""}, {c.Aliases, ""}, {c.Adj, ""}, {c.People, "CVL"}, {c.Capital, "GOV"}, {c.Govt, "GOV"}}
		for _, g := range groups {
			for i := range g.ns {
				n := &g.ns[i]
				if len(c.Exists) == 0 {
					uses[key(n)] = append(uses[key(n)], nameUse{n.Source, c.ISO3 + g.suf, DateRange{}, "country " + c.ISO3})
				}
				for _, r := range c.Exists {
					uses[key(n)] = append(uses[key(n)], nameUse{n.Source, c.ISO3 + g.suf, r, "country " + c.ISO3})
				}
			}
		}
	}
	for _, a := range d.Actors {
		for _, n := range append([]Name{a.Name}, a.Aliases...) {
			for _, c := range a.Codes {
				if c.Code == NullCode {
					continue
				}
				uses[key(&n)] = append(uses[key(&n)], nameUse{n.Source, c.Code, c.Range, "actor " + quote(a.Name.Text)})
			}
		}
	}
	keys := make([]string, 0, len(uses))
	for k, u := range uses {
		if len(u) > 1 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		u := uses[k]
		for i := 1; i < len(u); i++ {
			for j := 0; j < i; j++ {
				if u[i].owner != u[j].owner && u[i].code != u[j].code && u[i].rng.Overlaps(u[j].rng) {
					add(u[i].pos, SeverityError, "duplicate-name", "name %q codes %s here (%s) but %s at %s (%s) in the same period", k, u[i].code, u[i].owner, u[j].code, u[j].pos, u[j].owner)
					j = i
				}
			}
		}
	}
	agentCode := map[string]*Agent{}
	for _, a := range d.Agents {
		for i := range a.Names {
			k := key(&a.Names[i])
			if b, ok := agentCode[k]; ok && b.Code != a.Code {
				add(a.Names[i].Source, SeverityWarning, "duplicate-name", "agent name %q is %s here and %s at %s (the later wins)", k, a.Code, b.Code, b.Source)
			}
			agentCode[k] = a
		}
	}
}

func lintPatterns(d *Dictionary, add addFunc) {
	used := map[string]bool{}
	for _, s := range d.Synsets {
		for _, m := range s.Members {
			if strings.HasPrefix(m, "&") {
				used[m] = true
				if _, ok := d.Synsets[m]; !ok {
					add(s.Source, SeverityError, "synset", "synset %s includes undefined synset %s", s.Name, m)
				}
			}
		}
	}
	seen := map[string]*Pattern{}
	for _, p := range d.Patterns {
		for _, s := range p.Synsets {
			used[s] = true
		}
		if strings.HasPrefix(p.Head, "&") {
			used[p.Head] = true
		}
		for _, w := range patternWords(p) {
			if strings.HasPrefix(w.word, "&") {
				used[w.word] = true
				add(p.Source, SeverityError, "unreachable", "%s value %s is an undefined synset: the pattern can never fire", w.slot, w.word)
				continue
			}
			if why := notLemma(w.word, w.verb); why != "" {
				add(p.Source, SeverityWarning, "lemma", "%s value %q %s: slots match lemmas", w.slot, w.word, why)
			}
		}
		k := patternKey(p)
		if q, ok := seen[k]; ok {
			if q.Code == p.Code && q.Reverse == p.Reverse {
				add(q.Source, SeverityError, "unreachable", "pattern identical to the later one at %s", p.Source)
			} else {
				add(q.Source, SeverityError, "unreachable", "pattern has the same head and slots as %s (code %s), which wins: this one (code %s) can never fire", p.Source, p.Code, q.Code)
			}
		}
		seen[k] = p
	}
	names := make([]string, 0, len(d.Synsets))
	for n := range d.Synsets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !used[n] {
			add(d.Synsets[n].Source, SeverityWarning, "synset", "synset %s is never used", n)
		}
	}
}

type slotWordRef struct {
	slot, word string
	verb       bool
}

func patternWords(p *Pattern) []slotWordRef {
	var out []slotWordRef
	for _, h := range p.Heads {
		out = append(out, slotWordRef{"head", h, !p.Noun})
	}
	for _, w := range p.Obj {
		out = append(out, slotWordRef{"obj", w, false})
	}
	for _, w := range p.XComp {
		out = append(out, slotWordRef{"xcomp", w, true})
	}
	for _, w := range p.XObj {
		out = append(out, slotWordRef{"xobj", w, false})
	}
	for _, w := range p.Subj {
		out = append(out, slotWordRef{"subj", w, false})
	}
	for _, s := range p.Preps {
		for _, w := range s.Words {
			out = append(out, slotWordRef{strings.Join(s.Prep, "_"), w, false})
		}
	}
	return out
}

// notLemma says why w does not look like a lemma the lemmatizer produces,
// or "". It asks the lemmatizer first, then falls back on suffixes.
func notLemma(w string, verb bool) string {
	last := w
	if i := strings.LastIndexByte(w, ' '); i >= 0 {
		last = w[i+1:]
	}
	if last != strings.ToLower(last) {
		return "has capitals"
	}
	if verb {
		if l := lemma.Lemma(last, "ADJ", "JJ"); l == last && (strings.HasSuffix(last, "ed") || strings.HasSuffix(last, "ous") || strings.HasSuffix(last, "ing")) {
			// A predicate adjective ("worried", "anxious") is its own lemma.
			return ""
		}
		for _, t := range []struct{ tag, suffix string }{{"VBD", "ed"}, {"VBG", "ing"}, {"VBZ", "s"}} {
			if strings.HasSuffix(last, t.suffix) && !notPlural[last] {
				if l := lemma.Lemma(last, "VERB", t.tag); l != "" && l != last && len(l) >= 3 {
					return "looks inflected (lemma " + quote(l) + ")"
				}
			}
		}
		if strings.HasSuffix(last, "ing") && len(last) > 6 {
			return "looks like a gerund or participle"
		}
		return ""
	}
	if !strings.HasSuffix(last, "s") || notPlural[last] || !strings.ContainsAny(last[:len(last)-1], "aeiouy") {
		return "" // not plural-looking, a known lemma, or an acronym ("mlrs")
	}
	if l := lemma.Lemma(last, "NOUN", "NNS"); l != "" && l != last && len(l) >= 3 && Plural(l) == last {
		return "looks plural (lemma " + quote(l) + ")"
	}
	if l := lemma.Lemma(last, "NOUN", "NNS"); l != last {
		return "" // the lemmatizer has an opinion, and it was not a regular plural
	}
	for _, suf := range []string{"ss", "us", "is", "ics", "news", "ous", "as", "os"} {
		if strings.HasSuffix(last, suf) {
			return ""
		}
	}
	if len(last) > 3 {
		return "looks plural"
	}
	return ""
}

// notPlural lists words ending in "s" that are lemmas.
var notPlural = map[string]bool{
	"themselves": true, "ourselves": true, "yourselves": true, "its": true, "this": true, "us": true,
	"gas": true, "bus": true, "arms": true, "news": true, "means": true, "series": true, "species": true,
	"politics": true, "economics": true, "headquarters": true, "whereabouts": true, "barracks": true,
	"olympics": true, "thanks": true, "remains": true, "premises": true, "teargas": true, "crossroads": true,
}

// patternKey identifies a pattern's head and slots, whatever their order.
func patternKey(p *Pattern) string {
	var b strings.Builder
	heads := append([]string(nil), p.Heads...)
	sort.Strings(heads)
	fmt.Fprintf(&b, "%v|%s|", p.Noun, strings.Join(heads, ","))
	list := func(name string, ws []string) {
		if len(ws) == 0 {
			return
		}
		s := append([]string(nil), ws...)
		sort.Strings(s)
		fmt.Fprintf(&b, "%s=%s;", name, strings.Join(s, ","))
	}
	list("obj", p.Obj)
	list("prt", p.Prt)
	list("xcomp", p.XComp)
	list("xobj", p.XObj)
	list("subj", p.Subj)
	fmt.Fprintf(&b, "ot=%v;it=%v;mt=%v;neg=%v;", p.ObjTarget, p.IObjTarget, p.ModTarget, p.Neg)
	var preps []string
	for _, s := range p.Preps {
		w := append([]string(nil), s.Words...)
		sort.Strings(w)
		preps = append(preps, fmt.Sprintf("%s=%s/%v/%v", strings.Join(s.Prep, "_"), strings.Join(w, ","), s.Target, s.Source))
	}
	sort.Strings(preps)
	b.WriteString(strings.Join(preps, ";"))
	return b.String()
}
