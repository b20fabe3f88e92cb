// Package analysis answers analysts' questions about coded events: dyad
// series (Relations), trends and change points (Trend), who moved (Movers),
// who sides with whom (Align, AlignTop), blocs and polarity (Blocs) and actor
// profiles (Actor). Every number comes with the event ids behind it.
//
// The package reads events through the small Source interface, so it runs on
// any store (the store may pre-filter with SQL) and in memory for tests
// (MemorySource). The statistics are documented, with references, in
// docs/analysis.md.
package analysis

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
)

// Obs is the minimal event record the analysis needs.
type Obs struct {
	// ID is the event (or mention) id reported as evidence.
	ID string `json:"id"`
	// Date is the event date (UTC; only the day is used).
	Date time.Time `json:"date"`
	// Source and Target are CAMEO actor codes (CHNGOV, IGOUNO, …).
	Source string `json:"source"`
	Target string `json:"target"`
	// Code is the full CAMEO event code ("051"); Root its two-digit root.
	Code string `json:"cameo,omitempty"`
	Root string `json:"root"`
	// Quad is the quad class: 1 verbal cooperation, 2 material
	// cooperation, 3 verbal conflict, 4 material conflict. Other values
	// are ignored by every analysis.
	Quad      int     `json:"quad"`
	Goldstein float64 `json:"goldstein"`
	// Contexts are the PLOVER contexts of the event.
	Contexts []string `json:"contexts,omitempty"`
	// Weight is an optional importance weight such as GDELT's NumMentions;
	// zero or negative counts as 1. It only ranks evidence ("most cited").
	Weight float64 `json:"weight,omitempty"`
}

// Source yields observations matching a selection; the store will implement
// it with SQL (and may pre-aggregate). The analyses never modify the returned
// slice, so an implementation may return memory it shares with others; the
// order of the observations does not matter.
type Source interface {
	Observations(ctx context.Context, sel Selection) ([]Obs, error)
}

// Selection chooses observations: those whose source or target matches one
// of Actors (all observations when Actors is empty) and whose date lies in
// [From, To) (a zero bound is open). Each entry of Actors is either an exact
// code ("CHNGOV") or a prefix ending in '*' ("CHN*"); Spec.Patterns produces
// this normal form, so a store translates "X*" to LIKE 'X%' and anything else
// to equality.
type Selection struct {
	Actors   []string  `json:"actors,omitempty"`
	From, To time.Time `json:"-"`
	// NoContexts tells the source that the caller does not read
	// Obs.Contexts: a store may then leave them out and skip reading them.
	NoContexts bool `json:"-"`
}

// Spec names an actor set: one code, a prefix, or a named group. Members are
// codes ("CHNGOV"), prefixes ("CHN*") or country codes; a code belongs to the
// set when it equals a member, starts with a member ending in '*', or starts
// with a three-letter member (USAGOV ∈ USA).
type Spec struct {
	Name    string   `json:"name"`
	Members []string `json:"members"`
}

// Group is a named actor set, e.g. Group{Name: "west", Members:
// []string{"USA", "GBR", "FRA", "DEU"}}. It is the same type as Spec.
type Group = Spec

// ParseSpec reads an actor set from text: "CHNGOV", "CHN*", "USA,GBR,FRA" or
// "west=USA,GBR,FRA". groups (may be nil) resolves a bare group name.
func ParseSpec(s string, groups map[string]Group) (Spec, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Spec{}, fmt.Errorf("analysis: empty actor spec: %w", dyad.ErrInvalidInput)
	}
	if g, ok := groups[s]; ok {
		return g, nil
	}
	name, list := s, s
	if i := strings.IndexByte(s, '='); i >= 0 {
		name, list = strings.TrimSpace(s[:i]), s[i+1:]
	}
	var members []string
	for _, m := range strings.Split(list, ",") {
		m = strings.ToUpper(strings.TrimSpace(m))
		if m == "" {
			continue
		}
		if strings.ContainsAny(strings.TrimSuffix(m, "*"), "* ") {
			return Spec{}, fmt.Errorf("analysis: bad actor %q in %q: %w", m, s, dyad.ErrInvalidInput)
		}
		members = append(members, m)
	}
	if len(members) == 0 {
		return Spec{}, fmt.Errorf("analysis: no actors in %q: %w", s, dyad.ErrInvalidInput)
	}
	return Spec{Name: name, Members: members}, nil
}

// Code returns the Spec of a single code or prefix, named after it.
func Code(code string) Spec { return Spec{Name: code, Members: []string{code}} }

// Label is the spec's name, or its members joined by commas.
func (s Spec) Label() string {
	if s.Name != "" {
		return s.Name
	}
	return strings.Join(s.Members, ",")
}

// Patterns returns the members in Selection normal form: three-letter
// members become prefixes ("USA" → "USA*").
func (s Spec) Patterns() []string {
	out := make([]string, 0, len(s.Members))
	for _, m := range s.Members {
		out = append(out, normPattern(m))
	}
	return out
}

// Match reports whether code belongs to the set.
func (s Spec) Match(code string) bool {
	for _, m := range s.Members {
		if matchPattern(normPattern(m), code) {
			return true
		}
	}
	return false
}

func (s Spec) valid() error {
	if len(s.Members) == 0 {
		return fmt.Errorf("analysis: actor spec %q has no members: %w", s.Name, dyad.ErrInvalidInput)
	}
	return nil
}

func normPattern(m string) string {
	if len(m) == 3 && !strings.HasSuffix(m, "*") {
		return m + "*"
	}
	return m
}

func matchPattern(p, code string) bool {
	if n := len(p); n > 0 && p[n-1] == '*' {
		return strings.HasPrefix(code, p[:n-1])
	}
	return p == code
}

// matcher is a compiled list of patterns.
type matcher struct {
	exact    map[string]struct{}
	prefixes []string
	all      bool
}

func newMatcher(patterns []string) *matcher {
	m := &matcher{exact: map[string]struct{}{}, all: len(patterns) == 0}
	for _, p := range patterns {
		if n := len(p); n > 0 && p[n-1] == '*' {
			m.prefixes = append(m.prefixes, p[:n-1])
		} else {
			m.exact[p] = struct{}{}
		}
	}
	return m
}

func (m *matcher) match(code string) bool {
	if m.all {
		return true
	}
	if _, ok := m.exact[code]; ok {
		return true
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(code, p) {
			return true
		}
	}
	return false
}

// MemorySource is an in-memory Source, sorted by date, with an index from
// the first three letters of each code to the observations that carry it.
// It is safe for concurrent reads once built.
type MemorySource struct {
	obs   []Obs
	index map[string][]int32 // 3-letter key → ascending observation indices
	scan  bool               // ignore the index (benchmarks of the plain scan)
}

// NewMemorySource copies obs, sorted by date (then id), into a MemorySource.
func NewMemorySource(obs []Obs) *MemorySource {
	c := make([]Obs, len(obs))
	copy(c, obs)
	sort.SliceStable(c, func(i, j int) bool {
		if !c[i].Date.Equal(c[j].Date) {
			return c[i].Date.Before(c[j].Date)
		}
		return c[i].ID < c[j].ID
	})
	return newMemorySorted(c)
}

// newMemorySorted builds a MemorySource on obs, already in date order,
// without copying.
func newMemorySorted(obs []Obs) *MemorySource {
	m := &MemorySource{obs: obs, index: map[string][]int32{}}
	if len(obs) > math.MaxInt32 {
		m.index = nil
		return m
	}
	for i := range obs {
		ks, kt := key3(obs[i].Source), key3(obs[i].Target)
		if ks != "" {
			m.index[ks] = append(m.index[ks], int32(i))
		}
		if kt != "" && kt != ks {
			m.index[kt] = append(m.index[kt], int32(i))
		}
	}
	return m
}

func key3(code string) string {
	if len(code) < 3 {
		return ""
	}
	return code[:3]
}

// candidates returns the indices in [lo, hi) of the observations that may
// match the patterns, ascending, or ok = false when a pattern is too short
// for the index.
func (m *MemorySource) candidates(patterns []string, lo, hi int) (idx []int32, ok bool) {
	if m.index == nil || m.scan {
		return nil, false
	}
	keys := map[string]bool{}
	for _, p := range patterns {
		k := key3(strings.TrimSuffix(p, "*"))
		if k == "" {
			return nil, false
		}
		keys[k] = true
	}
	ks := make([]string, 0, len(keys))
	for k := range keys {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		list := m.index[k]
		a := sort.Search(len(list), func(i int) bool { return int(list[i]) >= lo })
		b := sort.Search(len(list), func(i int) bool { return int(list[i]) >= hi })
		idx = mergeUnique(idx, list[a:b])
	}
	return idx, true
}

// mergeUnique merges two ascending lists into a new ascending list without
// duplicates.
func mergeUnique(x, y []int32) []int32 {
	if len(x) == 0 {
		return y
	}
	out := make([]int32, 0, len(x)+len(y))
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] < y[j]:
			out = append(out, x[i])
			i++
		case x[i] > y[j]:
			out = append(out, y[j])
			j++
		default:
			out = append(out, x[i])
			i++
			j++
		}
	}
	out = append(out, x[i:]...)
	return append(out, y[j:]...)
}

// Len returns the number of stored observations.
func (m *MemorySource) Len() int { return len(m.obs) }

// Observations implements Source: binary search on the date range, then the
// index for actor patterns of three letters or more (a scan for shorter
// ones). Without actor patterns the result is a read-only view of the
// source's own slice.
func (m *MemorySource) Observations(ctx context.Context, sel Selection) ([]Obs, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("analysis: memory source: %w", err)
	}
	lo, hi := 0, len(m.obs)
	if !sel.From.IsZero() {
		lo = sort.Search(len(m.obs), func(i int) bool { return !m.obs[i].Date.Before(sel.From) })
	}
	if !sel.To.IsZero() {
		hi = sort.Search(len(m.obs), func(i int) bool { return !m.obs[i].Date.Before(sel.To) })
	}
	if hi < lo {
		hi = lo
	}
	mt := newMatcher(sel.Actors)
	if mt.all {
		return m.obs[lo:hi:hi], nil
	}
	if idx, ok := m.candidates(sel.Actors, lo, hi); ok {
		k := 0
		for _, i := range idx {
			o := &m.obs[i]
			if mt.match(o.Source) || mt.match(o.Target) {
				k++
			}
		}
		out := make([]Obs, 0, k)
		for _, i := range idx {
			o := &m.obs[i]
			if mt.match(o.Source) || mt.match(o.Target) {
				out = append(out, *o)
			}
		}
		return out, nil
	}
	// Two passes: count, then copy into an exact allocation (the records
	// hold pointers, so growing a slice by appending is costly).
	hit := make([]bool, hi-lo)
	k := 0
	for i := lo; i < hi; i++ {
		if (i-lo)&0xfffff == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("analysis: memory source: %w", err)
			}
		}
		o := &m.obs[i]
		if mt.match(o.Source) || mt.match(o.Target) {
			hit[i-lo] = true
			k++
		}
	}
	out := make([]Obs, 0, k)
	for i, h := range hit {
		if h {
			out = append(out, m.obs[lo+i])
		}
	}
	return out, nil
}

// NotEnoughDataError reports an analysis that had too few events or periods.
// It wraps dyad.ErrNotEnoughData; its message reads
// "analysis: relations: not enough data (n = 2)".
type NotEnoughDataError struct {
	Op   string // the analysis, e.g. "trend"
	What string // what was counted, e.g. "events" or "periods"
	N    int    // how many there were
	Min  int    // how many are needed
}

// Error formats the error as "analysis: OP: not enough data (n = N)".
func (e *NotEnoughDataError) Error() string {
	s := fmt.Sprintf("analysis: %s: %v (n = %d)", e.Op, dyad.ErrNotEnoughData, e.N)
	if e.What != "" && e.Min > 0 {
		s += fmt.Sprintf(": need at least %d %s", e.Min, e.What)
	}
	return s
}

// Unwrap returns dyad.ErrNotEnoughData.
func (e *NotEnoughDataError) Unwrap() error { return dyad.ErrNotEnoughData }

func notEnough(op, what string, n, min int) error {
	return &NotEnoughDataError{Op: op, What: what, N: n, Min: min}
}

// Period is the length of a series' time step.
type Period string

// Periods for series.
const (
	Day   Period = "day"
	Week  Period = "week" // ISO weeks, starting on Monday
	Month Period = "month"
)

// start returns the start of the period holding t (UTC).
func (p Period) start(t time.Time) time.Time {
	t = t.UTC()
	y, m, d := t.Date()
	switch p {
	case Day:
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case Week:
		wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
		return time.Date(y, m, d-wd, 0, 0, 0, 0, time.UTC)
	default:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	}
}

func (p Period) next(t time.Time) time.Time {
	switch p {
	case Day:
		return t.AddDate(0, 0, 1)
	case Week:
		return t.AddDate(0, 0, 7)
	default:
		return t.AddDate(0, 1, 0)
	}
}

// index returns the number of whole periods from a to b (both period
// starts).
func (p Period) index(a, b time.Time) int {
	switch p {
	case Day:
		return int(b.Sub(a).Hours()/24 + 0.5)
	case Week:
		return int(b.Sub(a).Hours()/(24*7) + 0.5)
	default:
		return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	}
}

// label formats a period start: 2021-08 for months, 2021-08-02 otherwise.
func (p Period) label(t time.Time) string {
	if p == Month {
		return t.Format("2006-01")
	}
	return t.Format("2006-01-02")
}

func (p Period) valid() error {
	switch p {
	case Day, Week, Month:
		return nil
	}
	return fmt.Errorf("analysis: unknown period %q (want day, week or month): %w", p, dyad.ErrInvalidInput)
}

// countryKey collapses an actor code to its country: the first three
// letters, except for international and non-state bodies (IGO, NGO, IMG,
// MNC, …) whose first six letters name the body (IGOUNO, IGONAT).
func countryKey(code string) string {
	if len(code) <= 3 {
		return code
	}
	switch code[:3] {
	case "IGO", "NGO", "IMG", "MNC", "NGM", "UIS":
		if len(code) >= 6 {
			return code[:6]
		}
		return code
	}
	return code[:3]
}

func isCoop(q int) bool     { return q == 1 || q == 2 }
func isConflict(q int) bool { return q == 3 || q == 4 }
func validQuad(q int) bool  { return q >= 1 && q <= 4 }

// interner maps actor keys (at a level) to dense ids. Three-letter
// upper-case keys (the usual country keys) go through a table, others
// through a map.
type interner struct {
	level Level
	tab   []int32 // 26³ entries, id+1 (0 = unassigned)
	m     map[string]int32
	names []string
}

func newInterner(level Level) *interner {
	return &interner{level: level, tab: make([]int32, 26*26*26), m: map[string]int32{}}
}

func (in *interner) id(code string) int32 {
	k := in.level.key(code)
	if len(k) == 3 {
		a, b, c := k[0]-'A', k[1]-'A', k[2]-'A'
		if a < 26 && b < 26 && c < 26 {
			j := int(a)*676 + int(b)*26 + int(c)
			if v := in.tab[j]; v > 0 {
				return v - 1
			}
			v := int32(len(in.names))
			in.names = append(in.names, k)
			in.tab[j] = v + 1
			return v
		}
	}
	if v, ok := in.m[k]; ok {
		return v
	}
	v := int32(len(in.names))
	in.names = append(in.names, k)
	in.m[k] = v
	return v
}
