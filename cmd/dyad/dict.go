package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad/dictionary"
)

// defaultDictFS is the dictionary set "dyad dict stats" and "dyad dict lint"
// use when no set is named. LEAD: point it at the embedded defaults
// (dicts.FS) to make --dict optional; while it is nil, a set must be named.
var defaultDictFS fs.FS

const dictStatsUsage = `Usage: dyad dict stats [--dict DIR | PETRARCH FLAGS] [--json]

Loads one dictionary set and prints how many entries of each kind it holds,
how long loading took and how much memory the loaded set uses. Use it to
check that a set loads (exit 1 with file:line errors if it does not), to
compare two sets, or to see what a PETRARCH set translates into.

A set is either a native directory (--dict DIR, alone: not merged with the
defaults; see docs/dictionary-format.md) or PETRARCH-1/TABARI files read as
they are (--petrarch-verbs, --petrarch-actors, ...). With neither, the
embedded defaults are used when this build has them.

Counts: actors (entries), names (matchable actor and country names with
aliases, adjectives, capitals ...), codes (actor code ranges), countries,
agents (and their names with plurals), synsets, verb heads (distinct head
lemmas), patterns (verb patterns; noun patterns apart), contexts, discards.
For PETRARCH sets also the pattern lines read and how many have no native
translation, by reason.

Examples:
  dyad dict stats --dict dicts
  dyad dict stats --dict my-dicts --json
  dyad dict stats --petrarch-verbs CAMEO.verbpatterns.150430.txt \
      --petrarch-actors Phoenix.Countries.actors.txt,Phoenix.International.actors.txt \
      --petrarch-agents Phoenix.agents.txt --petrarch-discards Phoenix.discards.txt \
      --petrarch-issues Phoenix.IssueCoding.txt`

const dictLintUsage = `Usage: dyad dict lint [--json] [--errors-only] [DIR | PETRARCH FLAGS]

Checks a dictionary set and lists problems as "file:line: error|warning:
[check] message", one per line, sorted by file and line. Exits 1 when there
is at least one error; warnings alone exit 0.

Errors:
  load            an entry that does not parse (the rest of the set is still checked)
  code-shape      an actor or agent code that is not CAMEO-shaped (upper-case
                  letters in groups of three, or ---), an event code not in the
                  CAMEO taxonomy
  overlap         date ranges of one actor that overlap, two undated codes
  duplicate-name  one name coding different actors or countries in the same period
  unreachable     a pattern that can never fire: an undefined synset in a slot,
                  or the same head and slots as a later pattern (which wins)
Warnings:
  lemma           a slot value that does not look like a lemma ("talks", "said")
  synset          a synset that is never used
  load            something PETRARCH itself skips (bad date restrictions, ...)

Examples:
  dyad dict lint dicts
  dyad dict lint --errors-only my-dicts
  dyad dict lint --petrarch-verbs PETR.Validate.verbs.txt --petrarch-actors PETR.Validate.actors.txt
  dyad dict lint --json dicts | jq 'select(.severity=="error")'`

const dictConvertUsage = `Usage: dyad dict convert PETRARCH FLAGS --out DIR [--json]

Writes a PETRARCH-1/TABARI dictionary set in dyad's native format under DIR
(created if needed): actors/ (one file per actor file, in order), agents/,
verbs/ (synsets, then patterns), contexts/ (from the issues file) and
discards/. Each translated pattern carries the PETRARCH line it came from
as a comment. Then DIR is loaded back to check it.

What the native format cannot hold is counted, not written: PETRARCH
patterns with words before the verb, "%" compounds, "^" skips or codes that
are not CAMEO; actor codes that are not CAMEO-shaped ("ELR/GAL", "pse");
issue exclusions ("~phrase"). PETRARCH names are written in lower case so
that they stay case-insensitive.

Examples:
  dyad dict convert --petrarch-verbs PETR.Validate.verbs.txt \
      --petrarch-actors PETR.Validate.actors.txt --petrarch-agents PETR.Validate.agents.txt \
      --petrarch-discards PETR.Validate.discards.txt --out /tmp/validate
  dyad dict stats --dict /tmp/validate
  dyad dict convert --dict my-dicts --out normalized   # rewrite a native set`

func init() {
	registerSub("dict", &command{name: "stats", summary: "count the entries of a dictionary set and time its load", usage: dictStatsUsage, run: runDictStats})
	registerSub("dict", &command{name: "lint", summary: "check a dictionary set (duplicates, codes, overlaps, unreachable patterns)", usage: dictLintUsage, run: runDictLint})
	registerSub("dict", &command{name: "convert", summary: "write a PETRARCH dictionary set in the native format", usage: dictConvertUsage, run: runDictConvert})
}

// dictSetFlags selects one dictionary set: a native directory or PETRARCH
// files.
type dictSetFlags struct {
	dir                                     string
	verbs, actors, agents, discards, issues string
	skipBad                                 bool
	maxErrors                               int
	desc                                    string
}

func (s *dictSetFlags) register(fs *flag.FlagSet, withDir bool) {
	if withDir {
		fs.StringVar(&s.dir, "dict", "", "native dictionary set `DIR` (read alone)")
	}
	fs.StringVar(&s.verbs, "petrarch-verbs", "", "PETRARCH verb dictionary `FILE`")
	fs.StringVar(&s.actors, "petrarch-actors", "", "PETRARCH actor dictionary `FILES`, comma-separated, read in order")
	fs.StringVar(&s.agents, "petrarch-agents", "", "PETRARCH agents `FILE`")
	fs.StringVar(&s.discards, "petrarch-discards", "", "PETRARCH discards `FILE`")
	fs.StringVar(&s.issues, "petrarch-issues", "", "PETRARCH issues `FILE` (read into contexts)")
	fs.BoolVar(&s.skipBad, "skip-bad-entries", false, "skip malformed lines (counted) instead of failing")
}

func (s *dictSetFlags) petrarch() bool {
	return s.verbs != "" || s.actors != "" || s.agents != "" || s.discards != "" || s.issues != ""
}

// load reads the selected set; ok is false when no set was selected.
func (s *dictSetFlags) load() (d *dictionary.Dictionary, ok bool, err error) {
	opt := dictionary.Options{SkipBadEntries: s.skipBad, MaxErrors: s.maxErrors}
	switch {
	case s.petrarch() && s.dir != "":
		return nil, true, usagef("--petrarch-* flags select a PETRARCH set: do not combine them with --dict or DIR")
	case s.petrarch():
		pf := dictionary.PetrarchFiles{Verbs: s.verbs, Agents: s.agents, Discards: s.discards, Issues: s.issues}
		for _, a := range strings.Split(s.actors, ",") {
			if a = strings.TrimSpace(a); a != "" {
				pf.Actors = append(pf.Actors, a)
			}
		}
		s.desc = "PETRARCH set"
		d, err = dictionary.LoadPetrarchOptions(pf, opt)
		return d, true, err
	case s.dir != "":
		s.desc = "native set " + s.dir
		d, err = dictionary.LoadDirOptions(s.dir, opt)
		return d, true, err
	case defaultDictFS != nil:
		s.desc = "embedded defaults"
		d, err = dictionary.Load(defaultDictFS, ".", opt)
		return d, true, err
	}
	return nil, false, nil
}

// statsJSON is the object "dyad dict stats --json" prints.
type statsJSON struct {
	Source string `json:"source"`
	Files  int    `json:"files"`
	dictionary.Stats
	LoadSeconds     float64        `json:"load_seconds"`
	HeapAllocBytes  uint64         `json:"heap_alloc_bytes"`
	TotalAllocBytes uint64         `json:"total_alloc_bytes"`
	Skipped         int            `json:"skipped"`
	Warnings        int            `json:"warnings"`
	Untranslated    map[string]int `json:"untranslated,omitempty"`
}

func runDictStats(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "dict stats", dictStatsUsage)
	var set dictSetFlags
	set.register(fs, true)
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (name a native set with --dict DIR)", fs.Arg(0))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	d, ok, err := set.load()
	elapsed := time.Since(start)
	if !ok {
		return usagef("name a dictionary set: --dict DIR or --petrarch-* files (this build has no embedded defaults wired)")
	}
	if err != nil {
		return err
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := uint64(0)
	if after.HeapAlloc > before.HeapAlloc {
		heap = after.HeapAlloc - before.HeapAlloc
	}
	out := statsJSON{Source: set.desc, Files: len(d.Report.Files), Stats: d.Stats(), LoadSeconds: elapsed.Seconds(),
		HeapAllocBytes: heap, TotalAllocBytes: after.TotalAlloc - before.TotalAlloc,
		Skipped: d.Report.Skipped, Warnings: d.Report.Warned, Untranslated: d.Report.UntranslatedWhy}
	runtime.KeepAlive(d)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		return enc.Encode(out)
	}
	printStats(e.stdout, &out, d)
	return nil
}

func printStats(w io.Writer, s *statsJSON, d *dictionary.Dictionary) {
	fmt.Fprintf(w, "source      %s (%d files)\n", s.Source, s.Files)
	fmt.Fprintf(w, "load        %.0f ms, live heap %.1f MB, allocated %.1f MB\n", s.LoadSeconds*1000, dictMB(s.HeapAllocBytes), dictMB(s.TotalAllocBytes))
	rows := []struct {
		name string
		n    int
		more string
	}{
		{"actors", s.Actors, ""},
		{"names", s.Names, "actor and country names"},
		{"codes", s.Codes, "actor code ranges"},
		{"countries", s.Countries, ""},
		{"agents", s.Agents, fmt.Sprintf("%d names with plurals", s.AgentNames)},
		{"synsets", s.Synsets, ""},
		{"verb heads", s.VerbHeads, ""},
		{"patterns", s.Patterns, fmt.Sprintf("+ %d noun patterns", s.NounPatterns)},
		{"contexts", s.Contexts, dictPlural(s.ContextExclusions, "exclusion")},
		{"discards", s.Discards, ""},
	}
	for _, r := range rows {
		if r.more != "" && !strings.HasPrefix(r.more, "0 ") {
			fmt.Fprintf(w, "%-11s %7d   (%s)\n", r.name, r.n, r.more)
		} else {
			fmt.Fprintf(w, "%-11s %7d\n", r.name, r.n)
		}
	}
	if s.PetrarchPatterns > 0 || s.Untranslatable > 0 {
		fmt.Fprintf(w, "petrarch    %7d pattern lines, %d pattern and verb lines without native form:\n", s.PetrarchPatterns, s.Untranslatable)
		keys := make([]string, 0, len(s.Untranslated))
		for k := range s.Untranslated {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return s.Untranslated[keys[i]] > s.Untranslated[keys[j]] })
		for _, k := range keys {
			fmt.Fprintf(w, "            %7d %s\n", s.Untranslated[k], k)
		}
	}
	if s.Skipped > 0 || s.Warnings > 0 {
		fmt.Fprintf(w, "problems    %s skipped, %s\n", dictPlural(s.Skipped, "malformed entry"), dictPlural(s.Warnings, "warning"))
		for i, e := range d.Report.Warnings {
			if i == 5 {
				fmt.Fprintf(w, "            … (dyad dict lint lists them all)\n")
				break
			}
			fmt.Fprintf(w, "            %s\n", e)
		}
	}
}

func dictPlural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if strings.HasSuffix(what, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(what, "y"))
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func dictMB(b uint64) float64 { return float64(b) / (1 << 20) }

// findingJSON is one line of "dyad dict lint --json".
type findingJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Severity string `json:"severity"`
	Check    string `json:"check"`
	Message  string `json:"message"`
}

func runDictLint(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "dict lint", dictLintUsage)
	var set dictSetFlags
	set.register(fs, false)
	asJSON := fs.Bool("json", false, "write JSON Lines, one finding per line")
	errorsOnly := fs.Bool("errors-only", false, "list errors only")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("lint takes one DIR, got %d arguments", fs.NArg())
	}
	if fs.NArg() == 1 {
		set.dir = fs.Arg(0)
	}
	set.skipBad, set.maxErrors = true, 1<<30
	d, ok, err := set.load()
	if !ok {
		return usagef("name a dictionary set: DIR or --petrarch-* files (this build has no embedded defaults wired)")
	}
	if err != nil {
		return err
	}
	var nerr, nwarn int
	var enc *json.Encoder
	if *asJSON {
		enc = json.NewEncoder(e.stdout)
	}
	for _, f := range dictionary.LintReport(d) {
		if f.Severity == dictionary.SeverityError {
			nerr++
		} else {
			nwarn++
			if *errorsOnly {
				continue
			}
		}
		if enc != nil {
			if err := enc.Encode(findingJSON{File: f.Pos.File, Line: f.Pos.Line, Severity: f.Severity.String(), Check: f.Check, Message: f.Msg}); err != nil {
				return err
			}
		} else {
			fmt.Fprintln(e.stdout, f)
		}
	}
	fmt.Fprintf(e.stderr, "dyad dict lint: %s: %s, %s\n", set.desc, dictPlural(nerr, "error"), dictPlural(nwarn, "warning"))
	if nerr > 0 {
		return fmt.Errorf("%s", dictPlural(nerr, "error"))
	}
	return nil
}

func runDictConvert(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "dict convert", dictConvertUsage)
	var set dictSetFlags
	set.register(fs, true)
	out := fs.String("out", "", "output `DIR` for the native set (required)")
	asJSON := fs.Bool("json", false, "print the conversion report as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out DIR is required")
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if !set.petrarch() && set.dir == "" {
		return usagef("name the set to convert with --petrarch-* files (or --dict DIR)")
	}
	d, _, err := set.load()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	rep, err := dictionary.WriteNative(d, *out)
	if err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	back, err := dictionary.LoadDir(*out)
	if err != nil {
		return fmt.Errorf("the converted set in %s does not load back: %w", *out, err)
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(struct {
			Out          string                    `json:"out"`
			Report       *dictionary.ConvertReport `json:"report"`
			Before       dictionary.Stats          `json:"before"`
			After        dictionary.Stats          `json:"after"`
			Untranslated map[string]int            `json:"untranslated,omitempty"`
		}{*out, rep, d.Stats(), back.Stats(), d.Report.UntranslatedWhy})
	}
	fmt.Fprintf(e.stdout, "wrote %d files under %s\n", len(rep.Files), *out)
	for _, f := range rep.Files {
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
	bs, as := d.Stats(), back.Stats()
	fmt.Fprintf(e.stdout, "%-10s %8s %8s\n", "", "read", "written")
	for _, r := range []struct {
		name string
		a, b int
	}{{"actors", bs.Actors, as.Actors}, {"names", bs.Names, as.Names}, {"codes", bs.Codes, as.Codes},
		{"countries", bs.Countries, as.Countries}, {"agents", bs.Agents, as.Agents}, {"synsets", bs.Synsets, as.Synsets},
		{"patterns", bs.Patterns + bs.NounPatterns, as.Patterns + as.NounPatterns}, {"contexts", bs.Contexts, as.Contexts},
		{"discards", bs.Discards, as.Discards}} {
		fmt.Fprintf(e.stdout, "%-10s %8d %8d\n", r.name, r.a, r.b)
	}
	if bs.PetrarchPatterns > 0 {
		fmt.Fprintf(e.stdout, "PETRARCH pattern lines read: %d; pattern and verb lines without native form: %d\n", bs.PetrarchPatterns, bs.Untranslatable)
	}
	if len(rep.Skipped) > 0 {
		keys := make([]string, 0, len(rep.Skipped))
		for k := range rep.Skipped {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintln(e.stdout, "not written:")
		for _, k := range keys {
			fmt.Fprintf(e.stdout, "  %6d %s\n", rep.Skipped[k], k)
		}
	}
	return nil
}
