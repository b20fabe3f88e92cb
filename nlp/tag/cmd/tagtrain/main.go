// Command tagtrain trains the dyad part-of-speech tagger on a CoNLL-U
// treebank and writes the model file embedded by package nlp/tag.
//
//	go run ./nlp/tag/cmd/tagtrain -train ../shared/data/ud-ewt/train.conllu \
//	    -dev ../shared/data/ud-ewt/dev.conllu -out nlp/tag/model/tagger.bin
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/dyad-events/dyad/nlp/conllu"
	"github.com/dyad-events/dyad/nlp/tag"
)

func main() {
	train := flag.String("train", "", "training treebank (CoNLL-U)")
	dev := flag.String("dev", "", "optional treebank to report accuracy on after training")
	out := flag.String("out", "", "model file to write (omit to only evaluate)")
	iters := flag.Int("iterations", 0, "perceptron iterations (0 = default)")
	seed := flag.Int64("seed", 1, "shuffle seed")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: tagtrain -train FILE.conllu [-dev FILE.conllu] [-out MODEL]\n\n"+
			"Trains the averaged-perceptron tagger deterministically. Example:\n"+
			"  go run ./nlp/tag/cmd/tagtrain -train ../shared/data/ud-ewt/train.conllu \\\n"+
			"      -dev ../shared/data/ud-ewt/dev.conllu -out nlp/tag/model/tagger.bin\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *train == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	m, err := tag.TrainFile(*train, tag.TrainOptions{Iterations: *iters, Seed: *seed, Log: os.Stderr})
	if err != nil {
		fmt.Fprintln(os.Stderr, "tagtrain:", err)
		os.Exit(1)
	}
	if *dev != "" {
		sents, err := conllu.ReadFile(*dev)
		if err != nil {
			fmt.Fprintln(os.Stderr, "tagtrain:", err)
			os.Exit(1)
		}
		a := m.Evaluate(sents)
		fmt.Printf("%s: %d sentences, %d tokens: UPOS %.2f%%  XPOS %.2f%%  both %.2f%%  lemma %.2f%%  %.0f sentences/s\n",
			*dev, a.Sentences, a.Tokens, 100*a.UPOS, 100*a.XPOS, 100*a.Both, 100*a.Lemma, a.SentencesPerSecond)
	}
	if *out != "" {
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			fmt.Fprintln(os.Stderr, "tagtrain:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "tagtrain:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %s (%d bytes)\n", *out, buf.Len())
	}
}
