package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/eval"
	"github.com/dyad-events/dyad/nlp"
)

const evalEventsUsage = `Usage: dyad eval events [--gold DIR] [--json] [--errors] [dictionary flags]

Codes the project's annotated news sentences (eval/events/*.txt: each
sentence followed by its expected events, /* SRC TGT CODE; … */) with the
selected dictionaries (the embedded defaults unless told otherwise) and
reports precision, recall and F1 of (source, target, CAMEO root) and of
(source, target, full code).

Examples:
  dyad eval events --gold eval/events
  dyad eval events --gold eval/events --errors        # list every sentence coded differently
  dyad eval events --gold eval/events --json`

func init() {
	registerSub("eval", &command{name: "events", summary: "score the coder on the annotated gold sentences", usage: evalEventsUsage, run: runEvalEvents})
}

func runEvalEvents(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval events", evalEventsUsage)
	var df dictFlags
	df.register(fs)
	gold := fs.String("gold", "eval/events", "`DIR` of annotated *.txt files")
	asJSON := fs.Bool("json", false, "print one JSON object")
	showErrors := fs.Bool("errors", false, "list the sentences coded differently from their annotation")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	golds, err := eval.ReadGoldDir(*gold)
	if err != nil {
		return err
	}
	if len(golds) == 0 {
		return fmt.Errorf("no annotated sentences in %s", *gold)
	}
	dict, err := df.load()
	if err != nil {
		return err
	}
	pipe, err := nlp.Default()
	if err != nil {
		return err
	}
	sc, err := eval.ScoreEvents(coder.New(dict, pipe, coder.DefaultOptions()), golds)
	if err != nil {
		return err
	}
	if !*showErrors {
		sc.Errors = nil
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sc)
	}
	fmt.Fprintf(e.stdout, "%d sentences, %d expected events, %d coded\n\n", sc.Sentences, sc.Expected, sc.Coded)
	fmt.Fprintf(e.stdout, "%-22s %9s %9s %9s\n", "", "precision", "recall", "F1")
	fmt.Fprintf(e.stdout, "%-22s %9.3f %9.3f %9.3f\n", "source, target, root", sc.RootPrecision, sc.RootRecall, sc.RootF1)
	fmt.Fprintf(e.stdout, "%-22s %9.3f %9.3f %9.3f\n", "source, target, code", sc.CodePrecision, sc.CodeRecall, sc.CodeF1)
	for _, er := range sc.Errors {
		fmt.Fprintf(e.stdout, "\n%s: %s\n  want %v\n  got  %v\n", er.Pos, er.Text, er.Want, er.Got)
	}
	return nil
}
