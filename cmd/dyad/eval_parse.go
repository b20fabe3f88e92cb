package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/nlp/conllu"
)

const evalParseUsage = `Usage: dyad eval parse --treebank FILE|DIR [--treebank …] [--json] [--gold-tags]

Scores dyad's tagger and parser on gold-annotated CoNLL-U treebanks. The
gold tokenization is kept; tags are predicted by the embedded tagger (as
users get them) unless --gold-tags is given. A directory stands for all of
its *.conllu files, concatenated in name order; several --treebank values are
concatenated too.

Scores are percentages over ALL words, punctuation included:
  upos, xpos   tagging accuracy
  uas          words with the correct head
  las          words with the correct head and the full relation, subtype
               included (nsubj:pass is not nsubj)
sentences_per_sec measures tagging plus parsing on one core.

Examples:
  dyad eval parse --treebank ../shared/data/ud-ewt/test.conllu
  dyad eval parse --treebank ../shared/data/gum-news --json
  dyad eval parse --treebank ../shared/data/ud-ewt/dev.conllu --gold-tags`

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func init() {
	registerSub("eval", &command{
		name:    "parse",
		summary: "score the tagger and parser on a UD treebank (UPOS, XPOS, UAS, LAS)",
		usage:   evalParseUsage,
		run:     runEvalParse,
	})
}

// treebankFiles expands files and directories into CoNLL-U file paths.
func treebankFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		m, err := filepath.Glob(filepath.Join(p, "*.conllu"))
		if err != nil {
			return nil, err
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("%s: no *.conllu files", p)
		}
		sort.Strings(m)
		out = append(out, m...)
	}
	return out, nil
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func runEvalParse(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval parse", evalParseUsage)
	var banks stringList
	fs.Var(&banks, "treebank", "CoNLL-U `file` or directory of them (repeatable)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	goldTags := fs.Bool("gold-tags", false, "keep the gold UPOS/XPOS/LEMMA and evaluate the parser alone")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (name treebanks with --treebank)", fs.Arg(0))
	}
	if len(banks) == 0 {
		return usagef("--treebank is required")
	}
	files, err := treebankFiles(banks)
	if err != nil {
		return usagef("%v", err)
	}
	var sents []*conllu.Sentence
	for _, f := range files {
		s, err := conllu.ReadFile(f)
		if err != nil {
			return err
		}
		sents = append(sents, s...)
	}
	p, err := nlp.Default()
	if err != nil {
		return err
	}
	sc := p.Evaluate(sents, *goldTags)
	sc.UPOS, sc.XPOS, sc.UAS, sc.LAS = round2(sc.UPOS), round2(sc.XPOS), round2(sc.UAS), round2(sc.LAS)
	sc.SentencesPerSec = math.Round(sc.SentencesPerSec)
	if *asJSON {
		b, err := json.Marshal(sc)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, string(b))
		return nil
	}
	tags := "predicted by the embedded tagger"
	if *goldTags {
		tags = "gold"
	}
	fmt.Fprintf(e.stdout, "treebank     %s\n", strings.Join(files, ", "))
	fmt.Fprintf(e.stdout, "tags         %s\n", tags)
	fmt.Fprintf(e.stdout, "sentences    %d\n", sc.Sentences)
	fmt.Fprintf(e.stdout, "words        %d (all words, punctuation included)\n", sc.Tokens)
	fmt.Fprintf(e.stdout, "UPOS         %6.2f %%\n", sc.UPOS)
	fmt.Fprintf(e.stdout, "XPOS         %6.2f %%\n", sc.XPOS)
	fmt.Fprintf(e.stdout, "UAS          %6.2f %%\n", sc.UAS)
	fmt.Fprintf(e.stdout, "LAS          %6.2f %%  (full relation incl. subtype)\n", sc.LAS)
	fmt.Fprintf(e.stdout, "speed        %.0f sentences/s (tag+parse, one core)\n", sc.SentencesPerSec)
	return nil
}
