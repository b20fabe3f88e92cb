#!/usr/bin/env bash
# Short native fuzz runs of every parser of outside input.
set -euo pipefail
cd "$(dirname "$0")/.."
# 10 s per target: with a grown fuzz cache, gathering the baseline coverage
# alone can outlast a shorter budget ("context deadline exceeded").
T="${FUZZTIME:-10s}"
# Each new interesting input is minimized for at most 1 s: Go's default
# (60 s) let one minimization take the whole budget, with no input run
# meanwhile, and end the run with "context deadline exceeded". A run that
# still ends that way with no crasher is tried once more. Any other
# failure (a crasher is written to testdata/fuzz) fails.
fuzz() { # package target
  echo "--- fuzz $1 $2"
  local out
  for attempt in 1 2; do
    if out=$(go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$T" -fuzzminimizetime 1s -parallel 2 2>&1); then
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
