package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/dyad-events/dyad/nlp/conllu"
	"github.com/dyad-events/dyad/nlp/train"
)

const trainUsage = `Usage: dyad train --treebank FILE.conllu --out NLPDIR [flags]

Trains the part-of-speech tagger and the dependency parser from a Universal
Dependencies treebank and writes both models:
  NLPDIR/` + train.TaggerFile + `
  NLPDIR/` + train.ParserFile + `
Pointing --out at the repository's nlp directory replaces the embedded models
(rebuild dyad afterwards).

The parser is trained on tags predicted by jackknifing (--folds taggers, each
trained without the fold it tags), so it learns to live with tagging errors.
Training is deterministic: the same treebank, flags and dyad version give
byte-identical model files. Progress goes to stderr.

Never train on dev, test or GUM: they are for tuning and evaluation.

Examples:
  # rebuild the shipped models (about 5.5 CPU-minutes: 3m40s wall with
  # --jobs 2 on two cores; peak memory about 1.1 GB)
  dyad train --treebank ../shared/data/ud-ewt/train.conllu --out nlp --jobs 2
  # watch dev accuracy per parser iteration while experimenting
  dyad train --treebank ../shared/data/ud-ewt/train.conllu --out /tmp/models \
      --dev ../shared/data/ud-ewt/dev.conllu`

func init() {
	register(&command{
		name:    "train",
		summary: "train the tagger and parser models from a UD treebank",
		usage:   trainUsage,
		run:     runTrain,
	})
}

func runTrain(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "train", trainUsage)
	bank := fs.String("treebank", "", "training treebank (CoNLL-U `file`)")
	out := fs.String("out", "", "`directory` receiving tag/model/… and parse/model/… (normally the repo's nlp/)")
	dev := fs.String("dev", "", "optional dev treebank `file`: logs parser UAS/LAS after each iteration")
	folds := fs.Int("folds", 10, "jackknife folds for the parser's training tags (1 = gold tags)")
	tagIt := fs.Int("tag-iterations", 0, "tagger passes (0 = tagger default)")
	parseIt := fs.Int("parse-iterations", 0, "parser passes (0 = parser default)")
	seed := fs.Int64("seed", 1, "random seed")
	jobs := fs.Int("jobs", 1, "jackknife taggers trained in parallel (the result does not depend on it)")
	limit := fs.Int("limit", 0, "use only the first N sentences (for quick experiments)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *bank == "" || *out == "" {
		return usagef("--treebank and --out are required")
	}
	if *folds < 1 || *jobs < 1 || *limit < 0 {
		return usagef("--folds and --jobs must be at least 1, --limit not negative")
	}
	start := time.Now()
	sents, err := conllu.ReadFile(*bank)
	if err != nil {
		return err
	}
	if *limit > 0 && *limit < len(sents) {
		sents = sents[:*limit]
	}
	opts := train.Options{Folds: *folds, TagIterations: *tagIt, ParseIterations: *parseIt,
		Seed: *seed, Jobs: *jobs, Log: e.stderr}
	if *dev != "" {
		if opts.Dev, err = conllu.ReadFile(*dev); err != nil {
			return err
		}
	}
	ms, err := train.Train(sents, opts)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := train.WriteModels(*out, ms); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "train: wrote %s and %s in %s\n", filepath.Join(*out, train.TaggerFile),
		filepath.Join(*out, train.ParserFile), time.Since(start).Round(time.Second))
	return nil
}
