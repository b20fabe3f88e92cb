package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/eval/petrarch"
	"github.com/dyad-events/dyad/nlp"
)

const evalPetrarchUsage = `Usage: dyad eval petrarch --records FILE.xml [--json] [--failures] [--record IDS [--explain]]

Codes every record of PETRARCH's unit-test suite from its raw text (the
supplied parse is ignored: dyad parses the text itself) with the
dictionaries named in the file's <Environment>, looked up beside the XML,
honouring the <Config> option changes between records (require_dyad,
new_actor_length, comma_*). The coder runs as PETRARCH reads text: role
nouns without a country stay ---ROLE, no intent codes, a verb is passive
only with a by-phrase, no verb inside a coded verb phrase is coded, and
comma-delimited clauses of the configured lengths are deleted. A record
counts as correct when the set of (source, target, code) triples equals the
expected set, or when its noevents or error expectation is met.

Prints accuracy overall and per category; --json prints one JSON object
with the keys records, correct, accuracy (a percentage), categories,
sentences_per_sec and dictionary_load_sec.

--record codes only the named records; --explain prints, for each, the
tree, the actor mentions and the fate of every candidate pattern.

Examples:
  dyad eval petrarch --records ../shared/data/petrarch/PETR.UnitTest.records.xml --record DEMO-02 --explain
  dyad eval petrarch --records ../shared/data/petrarch/PETR.UnitTest.records.xml --json`

func init() {
	registerSub("eval", &command{name: "petrarch", summary: "score the coder on PETRARCH's unit-test records", usage: evalPetrarchUsage, run: runEvalPetrarch})
}

func runEvalPetrarch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval petrarch", evalPetrarchUsage)
	records := fs.String("records", "", "PETRARCH records `FILE` (PETR.UnitTest.records.xml)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	failures := fs.Bool("failures", false, "list the records coded wrongly")
	only := fs.String("record", "", "code only the records with these comma-separated `IDS`")
	explain := fs.Bool("explain", false, "print, per record, the tree, the mentions and why each pattern did or did not fire")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *records == "" {
		return usagef("--records is required")
	}
	f, err := petrarch.ReadFile(*records)
	if err != nil {
		return err
	}
	start := time.Now()
	d, err := petrarch.LoadDictionaries(f, *records)
	if err != nil {
		return err
	}
	loadSec := time.Since(start).Seconds()
	pipe, err := nlp.Default()
	if err != nil {
		return err
	}
	cfg := petrarch.Config{}
	if *only != "" {
		cfg.Only = map[string]bool{}
		for _, id := range strings.Split(*only, ",") {
			cfg.Only[strings.TrimSpace(id)] = true
		}
	}
	if *explain {
		cfg.Explain = func(r *petrarch.Record, res *coder.Result) {
			fmt.Fprintf(e.stdout, "══ %s (line %d): want %v\n", r.ID, r.Line, r.Triples())
			writeExplain(e.stdout, res)
		}
	}
	rep := petrarch.EvaluateWith(f, d, pipe, cfg)
	rep.DictionaryLoadSec = float64(int(loadSec*1000)) / 1000
	if !*failures {
		rep.Failures = nil
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	fmt.Fprintf(e.stdout, "PETRARCH unit-test records: %d of %d correct (%.2f%%)\n\n", rep.Correct, rep.Records, rep.Accuracy)
	cats := make([]string, 0, len(rep.Categories))
	for k := range rep.Categories {
		cats = append(cats, k)
	}
	sort.Strings(cats)
	fmt.Fprintf(e.stdout, "%-12s %8s %8s %9s\n", "category", "records", "correct", "accuracy")
	for _, k := range cats {
		c := rep.Categories[k]
		fmt.Fprintf(e.stdout, "%-12s %8d %8d %8.2f%%\n", k, c.Records, c.Correct, c.Accuracy)
	}
	for _, fl := range rep.Failures {
		fmt.Fprintf(e.stdout, "\nFAIL %s (%s, line %d): %s\n  want %v\n  got  %v\n", fl.ID, fl.Category, fl.Line, fl.Text, fl.Want, fl.Got)
	}
	return nil
}
