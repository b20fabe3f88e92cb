#!/usr/bin/env bash
# Short native fuzz runs of every parser of outside input.
set -euo pipefail
cd "$(dirname "$0")/.."
# 10 s per target: with a grown fuzz cache, gathering the baseline coverage
# alone can outlast a shorter budget ("context deadline exceeded").
T="${FUZZTIME:-10s}"
fuzz() { # package target
  echo "--- fuzz $1 $2"
  go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$T" -parallel 2
}
fuzz ./text FuzzSplit
fuzz ./nlp/conllu FuzzRead
fuzz ./eval FuzzReadGold
fuzz ./eval/petrarch FuzzRead
fuzz ./dates FuzzResolveDate
fuzz ./ingest FuzzExtractHTML
fuzz ./ingest FuzzJSONL
fuzz ./ingest FuzzGDELT
fuzz ./dictionary FuzzNative
fuzz ./dictionary FuzzPetrarchVerbs
fuzz ./dictionary FuzzPetrarchActors
fuzz ./taxonomy FuzzNormalize
fuzz ./feed FuzzParse
fuzz ./geo FuzzResolve
fuzz ./nlp/parse FuzzParse
fuzz ./nlp/tag FuzzRead
fuzz ./coder FuzzCodeDocument
