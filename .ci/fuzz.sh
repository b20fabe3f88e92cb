#!/usr/bin/env bash
# Short native fuzz runs of every parser of outside input.
set -euo pipefail
cd "$(dirname "$0")/.."
# 10 s per target: with a grown fuzz cache, gathering the baseline coverage
# alone can outlast a shorter budget ("context deadline exceeded").
T="${FUZZTIME:-10s}"
# A run that ends while a worker is still busy with an input can fail with
# only "context deadline exceeded" and no crasher; such a run is tried once
# more. Any other failure (a crasher is written to testdata/fuzz) fails.
fuzz() { # package target
  echo "--- fuzz $1 $2"
  local out
  for attempt in 1 2; do
    if out=$(go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$T" -parallel 2 2>&1); then
      echo "$out" | tail -3
      return 0
    fi
    echo "$out" | tail -20
    if [ "$attempt" = 1 ] && echo "$out" | grep -q "context deadline exceeded" && ! echo "$out" | grep -q "Failing input written"; then
      echo "(the run timed out inside a worker without a failing input: trying again)"
      continue
    fi
    return 1
  done
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
