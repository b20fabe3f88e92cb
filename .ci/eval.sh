#!/usr/bin/env bash
# Evaluation suites against the peer data in $DYAD_SHARED. Each writes a JSON
# result under bin/eval; checkbaselines then fails when a figure falls below
# the one README.md states by more than its tolerance (eval/baselines.json).
set -euo pipefail
cd "$(dirname "$0")/.."
S="${DYAD_SHARED:-../shared}"
mkdir -p bin/eval
D=bin/dyad
[ -x "$D" ] || go build -o "$D" ./cmd/dyad

echo "--- eval parse: EWT test"
$D eval parse --treebank "$S/data/ud-ewt/test.conllu" --json | tee bin/eval/ewt-test.json
echo "--- eval parse: GUM news (24 documents)"
$D eval parse --treebank "$S/data/gum-news" --json | tee bin/eval/gum-news.json
echo "--- eval petrarch: unit-test records from raw text"
$D eval petrarch --records "$S/data/petrarch/PETR.UnitTest.records.xml" --json > bin/eval/petrarch.json
grep -E '"(records|correct|accuracy|sentences_per_sec)"' bin/eval/petrarch.json | head -4
echo "--- eval events: the project's annotated sentences"
$D eval events --gold eval/events --json | tee bin/eval/events.json
echo "--- eval events: the held-out sentences (eval/heldout/README.md)"
$D eval events --gold eval/heldout --json | tee bin/eval/heldout.json
echo "--- dictionary lint on the embedded defaults"
$D dict lint dicts

echo "--- baselines"
go run ./eval/cmd/checkbaselines -baselines eval/baselines.json -readme README.md -results bin/eval
