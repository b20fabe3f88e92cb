// Package train trains dyad's tagger and parser from a UD treebank,
// deterministically: equal inputs and options give byte-identical model
// files.
//
// The parser must learn from the tags users will actually get, so its
// training tags are predicted by jackknifing: the treebank is cut into
// contiguous folds, a tagger is trained on all folds but one and tags the
// held-out fold. The shipped tagger is then trained on the whole treebank.
package train

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/dyad-events/dyad/nlp/conllu"
	"github.com/dyad-events/dyad/nlp/lemma"
	"github.com/dyad-events/dyad/nlp/parse"
	"github.com/dyad-events/dyad/nlp/tag"
)

// Options configures Train. The zero value selects the defaults.
type Options struct {
	// Folds is the number of jackknife folds (default 10). A value of 1
	// trains the parser on gold tags, which overstates its accuracy.
	Folds int
	// TagIterations and ParseIterations are the passes of each learner
	// (0 selects the learner's default).
	TagIterations, ParseIterations int
	// Seed fixes every random choice.
	Seed int64
	// Jobs bounds the jackknife taggers trained at once (default 1).
	Jobs int
	// Log receives progress lines; it may be nil.
	Log io.Writer
	// Dev, if set, is logged with UAS/LAS after each parser iteration (with
	// tags predicted by the final tagger). It never influences training.
	Dev []*conllu.Sentence
}

// Models holds the trained tagger and parser.
type Models struct {
	Tagger *tag.Model
	Parser *parse.Model
}

// ErrNoSentences is returned when the treebank is empty.
var ErrNoSentences = errors.New("train: no sentences")

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

// Train trains the tagger on all of sents and the parser on sents with
// jackknifed tags.
func Train(sents []*conllu.Sentence, opts Options) (*Models, error) {
	if len(sents) == 0 {
		return nil, ErrNoSentences
	}
	if opts.Folds <= 0 {
		opts.Folds = 10
	}
	if opts.Folds > len(sents) {
		opts.Folds = len(sents)
	}
	if opts.Jobs <= 0 {
		opts.Jobs = 1
	}
	start := time.Now()
	tagOpts := tag.TrainOptions{Iterations: opts.TagIterations, Seed: opts.Seed}
	logf(opts.Log, "train: tagger on %d sentences", len(sents))
	tagger, err := tag.Train(sents, tagOpts)
	if err != nil {
		return nil, fmt.Errorf("train: tagger: %w", err)
	}
	logf(opts.Log, "train: tagger done (%s)", time.Since(start).Round(time.Millisecond))
	predicted, err := Jackknife(sents, opts.Folds, opts.Jobs, tagOpts, opts.Log)
	if err != nil {
		return nil, err
	}
	var dev []*conllu.Sentence
	if len(opts.Dev) > 0 {
		dev = Retag(opts.Dev, tagger)
	}
	logf(opts.Log, "train: parser on %d sentences", len(predicted))
	parser, err := parse.Train(predicted, parse.TrainOptions{Iterations: opts.ParseIterations,
		Seed: opts.Seed, Log: opts.Log, Dev: dev})
	if err != nil {
		return nil, fmt.Errorf("train: parser: %w", err)
	}
	logf(opts.Log, "train: done in %s", time.Since(start).Round(time.Millisecond))
	return &Models{Tagger: tagger, Parser: parser}, nil
}

// Jackknife returns copies of sents whose UPOS, XPOS and LEMMA columns are
// predicted by taggers that did not see them: the sentences are cut into
// folds contiguous blocks and each block is tagged by a model trained on the
// others. At most jobs taggers train at once; the result does not depend on
// jobs.
func Jackknife(sents []*conllu.Sentence, folds, jobs int, opts tag.TrainOptions, log io.Writer) ([]*conllu.Sentence, error) {
	if folds <= 1 {
		return cloneAll(sents), nil
	}
	out := make([]*conllu.Sentence, len(sents))
	bounds := func(k int) (int, int) { return k * len(sents) / folds, (k + 1) * len(sents) / folds }
	errs := make([]error, folds)
	sem := make(chan struct{}, max(jobs, 1))
	var wg sync.WaitGroup
	var mu sync.Mutex
	for k := 0; k < folds; k++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(k int) {
			defer wg.Done()
			defer func() { <-sem }()
			lo, hi := bounds(k)
			rest := make([]*conllu.Sentence, 0, len(sents)-(hi-lo))
			rest = append(rest, sents[:lo]...)
			rest = append(rest, sents[hi:]...)
			t0 := time.Now()
			m, err := tag.Train(rest, opts)
			if err != nil {
				errs[k] = fmt.Errorf("train: jackknife fold %d: %w", k+1, err)
				return
			}
			copy(out[lo:hi], Retag(sents[lo:hi], m))
			mu.Lock()
			logf(log, "train: jackknife fold %d/%d tagged sentences %d-%d (%s)", k+1, folds, lo+1, hi, time.Since(t0).Round(time.Millisecond))
			mu.Unlock()
		}(k)
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// Retag returns copies of sents with UPOS, XPOS and LEMMA predicted by m.
func Retag(sents []*conllu.Sentence, m *tag.Model) []*conllu.Sentence {
	out := cloneAll(sents)
	for _, s := range out {
		upos, xpos := m.Tag(s.Forms())
		for i := range s.Words {
			w := &s.Words[i]
			w.UPOS, w.XPOS = upos[i], xpos[i]
			w.Lemma = lemma.Lemma(w.Form, w.UPOS, w.XPOS)
		}
	}
	return out
}

func cloneAll(sents []*conllu.Sentence) []*conllu.Sentence {
	out := make([]*conllu.Sentence, len(sents))
	for i, s := range sents {
		c := *s
		c.Words = append([]conllu.Word(nil), s.Words...)
		out[i] = &c
	}
	return out
}

// Model file locations relative to the nlp directory given to WriteModels.
const (
	TaggerFile = "tag/model/tagger.bin"
	ParserFile = "parse/model/parser.bin"
)

// WriteModels saves both models under dir (normally the repository's nlp
// directory), at TaggerFile and ParserFile, replacing the files atomically.
func WriteModels(dir string, ms *Models) error {
	for _, f := range []struct {
		path string
		save func(io.Writer) error
	}{{TaggerFile, ms.Tagger.Save}, {ParserFile, ms.Parser.Save}} {
		var buf bytes.Buffer
		if err := f.save(&buf); err != nil {
			return fmt.Errorf("train: %s: %w", f.path, err)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("train: %w", err)
		}
		tmp := p + ".tmp"
		if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("train: %w", err)
		}
		if err := os.Rename(tmp, p); err != nil {
			return fmt.Errorf("train: %w", err)
		}
	}
	return nil
}
