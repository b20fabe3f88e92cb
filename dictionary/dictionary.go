package dictionary

import (
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
)

var errInvalid = dyad.ErrInvalidInput

// Dictionary is a loaded dictionary set. The exported slices hold the entries
// in definition order (files in lexical path order, lines in file order);
// treat them as read-only after loading, since the lookup indexes are built
// from them. All methods are safe for concurrent use.
type Dictionary struct {
	Countries []*Country
	Actors    []*Actor
	Agents    []*Agent
	Synsets   map[string]*Synset // keyed by name with "&" ("&AID")
	Patterns  []*Pattern         // verb and noun patterns, in definition order
	// ContextEntries are the context keyword lists (see the Contexts method).
	ContextEntries []*Context
	// ContextExclusions are PETRARCH issue exclusions ("~phrase").
	ContextExclusions []*ContextExclusion
	Discards          []*Discard
	// Petrarch is the faithful form of PETRARCH verb dictionaries loaded into
	// this set (nil for native sets).
	Petrarch *PetrarchVerbs
	// Report describes the load: files, counts, skipped entries, warnings.
	Report LoadReport

	byHead  map[string][]*Pattern
	byNoun  map[string][]*Pattern
	iso     map[string]bool
	names   *trie
	gapped  map[string][]gappedName // actor names with PETRARCH " " connectors, by first word
	discard *trie
	context *trie
}

// Options control loading.
type Options struct {
	// SkipBadEntries skips malformed lines and entries instead of failing;
	// they are counted in LoadReport.Skipped and the first MaxErrors are
	// kept in LoadReport.Errors.
	SkipBadEntries bool
	// MaxErrors caps the errors kept (and, when not skipping, reported before
	// giving up). Zero means 20.
	MaxErrors int
}

func (o Options) maxErrors() int {
	if o.MaxErrors <= 0 {
		return 20
	}
	return o.MaxErrors
}

// FileReport counts what one file contributed.
type FileReport struct {
	Path     string
	Format   string // "native", "petrarch-verbs", "petrarch-actors", ...
	Entries  int    // entries read
	Skipped  int    // malformed entries skipped (SkipBadEntries, or PETRARCH's own skip rules)
	Warnings int
}

// LoadReport describes a load. Errors holds the first errors (skipped
// entries when SkipBadEntries is set); Warnings holds the first warnings:
// things PETRARCH itself skips or tolerates (bad date restrictions, TABARI
// "{…}" patterns, undefined synsets), which never fail a load.
type LoadReport struct {
	Files    []FileReport
	Errors   []*LoadError
	Warnings []*LoadError
	Skipped  int // malformed entries skipped in total
	Warned   int // warnings in total
	// PetrarchPatterns is the number of PETRARCH pattern lines read;
	// Untranslatable counts the pattern lines and verb lines (multiword
	// verbs, verbs with non-CAMEO codes) with no native Pattern, by reason
	// in UntranslatedWhy.
	PetrarchPatterns int
	Untranslatable   int
	// UntranslatedWhy counts untranslatable PETRARCH patterns by reason.
	UntranslatedWhy map[string]int
	Duration        time.Duration
}

// Stats counts the entries of a dictionary, as printed by "dyad dict stats".
type Stats struct {
	Actors            int `json:"actors"`             // actor entries
	Names             int `json:"names"`              // matchable actor and country names (with aliases, adjectives, ...)
	Codes             int `json:"codes"`              // actor code ranges
	Countries         int `json:"countries"`          // country entries
	Agents            int `json:"agents"`             // agent entries
	AgentNames        int `json:"agent_names"`        // agent names with plurals
	Synsets           int `json:"synsets"`            // synsets
	VerbHeads         int `json:"verb_heads"`         // distinct verb head lemmas
	Patterns          int `json:"patterns"`           // verb patterns (native or translated)
	NounPatterns      int `json:"noun_patterns"`      // event-noun patterns
	Contexts          int `json:"contexts"`           // context entries
	ContextExclusions int `json:"context_exclusions"` // PETRARCH issue exclusions
	Discards          int `json:"discards"`           // discard phrases
	PetrarchPatterns  int `json:"petrarch_patterns"`  // PETRARCH pattern lines read
	Untranslatable    int `json:"untranslatable"`     // PETRARCH pattern and verb lines without a native Pattern
}

// Stats returns the entry counts.
func (d *Dictionary) Stats() Stats {
	s := Stats{
		Actors: len(d.Actors), Countries: len(d.Countries), Agents: len(d.Agents),
		Synsets: len(d.Synsets), Contexts: len(d.ContextEntries), ContextExclusions: len(d.ContextExclusions),
		Discards: len(d.Discards), VerbHeads: len(d.byHead),
		PetrarchPatterns: d.Report.PetrarchPatterns, Untranslatable: d.Report.Untranslatable,
	}
	for _, a := range d.Actors {
		s.Names += 1 + len(a.Aliases)
		s.Codes += len(a.Codes)
	}
	for _, c := range d.Countries {
		s.Names += 1 + len(c.Aliases) + len(c.Adj) + len(c.People) + len(c.Capital) + len(c.Govt)
	}
	for _, a := range d.Agents {
		s.AgentNames += len(a.Names)
	}
	for _, p := range d.Patterns {
		if p.Noun {
			s.NounPatterns++
		} else {
			s.Patterns++
		}
	}
	return s
}

// PatternsFor returns the verb patterns whose head is lemma (lower case), in
// definition order. The slice is shared: do not modify it.
func (d *Dictionary) PatternsFor(lemma string) []*Pattern {
	if p, ok := d.byHead[lemma]; ok {
		return p
	}
	if l := strings.ToLower(lemma); l != lemma {
		return d.byHead[l]
	}
	return nil
}

// HasVerb reports whether some verb pattern has head lemma.
func (d *Dictionary) HasVerb(lemma string) bool { return len(d.PatternsFor(lemma)) > 0 }

// NounPatternsFor returns the event-noun patterns (n:lemma heads) for lemma.
func (d *Dictionary) NounPatternsFor(lemma string) []*Pattern {
	if p, ok := d.byNoun[lemma]; ok {
		return p
	}
	if l := strings.ToLower(lemma); l != lemma {
		return d.byNoun[l]
	}
	return nil
}

// VerbHeads returns the distinct verb head lemmas, sorted.
func (d *Dictionary) VerbHeads() []string {
	out := make([]string, 0, len(d.byHead))
	for h := range d.byHead {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}

// IsCountryCode reports whether code is the ISO3 code of a loaded country
// (for PETRARCH sets: a three-letter code given to an actor with no date
// restriction that is not a role or international prefix).
func (d *Dictionary) IsCountryCode(code string) bool { return d.iso[code] }

// Merge returns a new dictionary holding the entries of sets in order, later
// sets overriding earlier ones: a country with the same ISO3 code, an actor
// with the same canonical name and a synset with the same name replace the
// earlier entry; patterns and names of equal match length defined later win.
// Nil sets are skipped. The inputs are not modified.
func Merge(sets ...*Dictionary) *Dictionary {
	out := newDictionary()
	countryAt := map[string]int{}
	actorAt := map[string]int{}
	for _, s := range sets {
		if s == nil {
			continue
		}
		for _, c := range s.Countries {
			if i, ok := countryAt[c.ISO3]; ok {
				out.Countries[i] = c
				continue
			}
			countryAt[c.ISO3] = len(out.Countries)
			out.Countries = append(out.Countries, c)
		}
		for _, a := range s.Actors {
			k := strings.ToLower(a.Name.Text)
			if i, ok := actorAt[k]; ok {
				out.Actors[i] = a
				continue
			}
			actorAt[k] = len(out.Actors)
			out.Actors = append(out.Actors, a)
		}
		out.Agents = append(out.Agents, s.Agents...)
		for k, v := range s.Synsets {
			out.Synsets[k] = v
		}
		out.Patterns = append(out.Patterns, s.Patterns...)
		out.ContextEntries = append(out.ContextEntries, s.ContextEntries...)
		out.ContextExclusions = append(out.ContextExclusions, s.ContextExclusions...)
		out.Discards = append(out.Discards, s.Discards...)
		if s.Petrarch != nil {
			if out.Petrarch == nil {
				out.Petrarch = &PetrarchVerbs{}
			}
			out.Petrarch.merge(s.Petrarch)
		}
		r := &out.Report
		r.Files = append(r.Files, s.Report.Files...)
		r.Errors = append(r.Errors, s.Report.Errors...)
		r.Warnings = append(r.Warnings, s.Report.Warnings...)
		r.Skipped += s.Report.Skipped
		r.Warned += s.Report.Warned
		r.PetrarchPatterns += s.Report.PetrarchPatterns
		r.Untranslatable += s.Report.Untranslatable
		for k, v := range s.Report.UntranslatedWhy {
			if r.UntranslatedWhy == nil {
				r.UntranslatedWhy = map[string]int{}
			}
			r.UntranslatedWhy[k] += v
		}
		r.Duration += s.Report.Duration
		for k := range s.iso {
			out.iso[k] = true
		}
	}
	out.build(nil)
	return out
}

func newDictionary() *Dictionary {
	return &Dictionary{Synsets: map[string]*Synset{}, iso: map[string]bool{}}
}

// build expands synsets in patterns and (re)builds every index. Problems
// (undefined synsets) are reported to warn when it is not nil.
func (d *Dictionary) build(warn func(*LoadError)) {
	d.expandSynsets(warn)
	d.byHead = map[string][]*Pattern{}
	d.byNoun = map[string][]*Pattern{}
	for _, p := range d.Patterns {
		m := d.byHead
		if p.Noun {
			m = d.byNoun
		}
		for _, h := range p.Heads {
			m[h] = append(m[h], p)
		}
	}
	for _, c := range d.Countries {
		d.iso[c.ISO3] = true
	}
	d.buildNames()
	d.buildGapped()
	d.buildPhrases()
}
