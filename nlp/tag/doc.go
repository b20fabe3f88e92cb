// Package tag is dyad's part-of-speech tagger. It assigns each word a
// Universal POS tag (UPOS) and a Penn Treebank tag (XPOS), and TagTokens
// adds lemmas from package nlp/lemma.
//
// # Model
//
// The tagger predicts the (UPOS, XPOS) pair as one of ~100 joint classes
// with two greedy left-to-right passes of an averaged perceptron:
//
//   - Stage 1 uses the word, its lowercase form, prefixes and suffixes
//     (1–4 bytes), a shape, capitalisation/digit/hyphen flags, the words at
//     ±2, the two previous predicted tags, the sentence's capitalisation,
//     and ambiguity classes (the set of tags a word had in training) of the
//     word and the next two words.
//   - Stage 2 adds stage 1's tags of the current and next two words. It is
//     trained on jackknifed stage-1 output (two folds), so it learns how far
//     to trust them, and at run time it re-tags only words whose stage-1
//     lead over the runner-up is small.
//
// Frequent unambiguous word forms are tagged by lookup. Features are 64-bit
// hashes of templates and byte-level word hashes; the hot path allocates
// nothing but the result slices (scratch buffers come from a sync.Pool).
// Weights are averaged, then quantized to one byte each (a sign and a 7-bit
// index into a geometric magnitude table), and stored with 40-bit feature
// keys in a compact binary file (see codec.go) that is embedded from
// model/tagger.bin.
//
// # Training
//
// Training is deterministic: the same sentences and TrainOptions give a
// byte-identical Save output (sorted keys, seeded shuffles, integer weight
// sums). The embedded model is trained on UD English EWT train (CC BY-SA
// 4.0; the model is derived data and ships with that attribution):
//
//	go run ./nlp/tag/cmd/tagtrain -train ../shared/data/ud-ewt/train.conllu \
//	    -dev ../shared/data/ud-ewt/dev.conllu -out nlp/tag/model/tagger.bin
//
// From Go, TrainFile(path, TrainOptions{}) does the same. Evaluate reports
// UPOS, XPOS and lemma accuracy on gold-tokenized CoNLL-U. After retraining,
// refresh the tagging golden file with
//
//	go test ./nlp/tag -run TestGolden -update
//
// Weights of features with many classes are expanded into dense rows at load
// time, also kept as lane rows that add three classes per 64-bit addition
// (lanes.go); the file format stays sparse. Where the CPU has AVX2, the
// lane rows are added, eight classes per instruction, and the best class
// picked by assembly kernels (dense_amd64.s), and sparse rows of many
// entries get lane rows too.
package tag
