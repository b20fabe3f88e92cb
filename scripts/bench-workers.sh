#!/usr/bin/env bash
# bench-workers.sh: throughput of "dyad worker" with 1, 2 and 4 workers on
# this machine, all against one NATS JetStream server and one store.
#
# For each worker count it starts a fresh NATS server (built from the
# nats-server module in go.mod, JetStream store in a temporary directory),
# makes a fresh store, publishes the corpus with "dyad ingest --queue",
# starts the workers at once with --until-empty and reads their JSON
# summaries. Throughput is the documents (and sentences) stored by all
# workers divided by the span from the first document any worker received
# to the last acknowledgement any worker sent, so process start-up and the
# idle wait before --until-empty exits are not counted. Also reported:
# the workers' CPU time (user + system, all processes) and documents per
# CPU-second, which other load on the machine does not skew, and the
# seconds the workers spent in store transactions (summed over workers),
# and the size of the store per document.
#
# Store: a new PostgreSQL database per run on the server of $DYAD_BENCH_POSTGRES,
# else $DYAD_TEST_POSTGRES (a URL of a role that may create databases;
# the database is dropped after the run), else, or when this dyad has no
# PostgreSQL store, a new SQLite file per run (which serialises the
# workers' commits: one writer at a time). The report says which.
#
# Environment:
#   WORKERS="1 2 4"   worker counts to run
#   CONCURRENCY=1     coding goroutines per worker (1: one core each)
#   BATCH=64          documents per fetch and transaction
#   COPIES=10         copies of examples/news in the corpus (113 stories each)
#   KEEP=1            keep the temporary directory
#
# Usage: scripts/bench-workers.sh            (from the repository root)
# Exit status: 0 when every run finished, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

WORKERS=${WORKERS:-"1 2 4"}
CONCURRENCY=${CONCURRENCY:-1}
BATCH=${BATCH:-64}
COPIES=${COPIES:-10}
PG=${DYAD_BENCH_POSTGRES:-${DYAD_TEST_POSTGRES:-}}

tmp=$(mktemp -d /tmp/dyad-bench-workers.XXXXXX)
nats_pid=""
cleanup() {
  if [ -n "$nats_pid" ]; then kill "$nats_pid" 2>/dev/null || true; wait "$nats_pid" 2>/dev/null || true; fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$tmp"; else echo "kept $tmp" >&2; fi
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench-workers: $1 is needed" >&2; exit 1; }; }
need jq
need date

echo "building dyad and nats-server ..." >&2
CGO_ENABLED=0 go build -o "$tmp/dyad" ./cmd/dyad
CGO_ENABLED=0 go build -o "$tmp/nats-server" github.com/nats-io/nats-server/v2

# The corpus: COPIES copies of examples/news, each copy a distinct document
# (own id, URL and a trailing "(Copy k)" line).
corpus="$tmp/corpus.jsonl"
for k in $(seq 0 $((COPIES - 1))); do
  cat examples/news/*.jsonl | jq -c --argjson k "$k" '
    if $k == 0 then . else
      .id = "c\($k)-" + .id
      | (if (.url // "") != "" then .url = .url + "?copy=\($k)" else . end)
      | .text = .text + "\n\n(Copy \($k))"
    end'
done > "$corpus"
docs=$(wc -l < "$corpus")

# Store kind: PostgreSQL when a server is given and this dyad opens it (a
# probe database, dropped again, so that nothing lands in the server's
# own database).
kind=sqlite
pg_db() { echo "$PG" | sed -E "s#^(postgres(ql)?://[^/]*)/[^?]*#\1/$1#"; }
if [ -n "$PG" ]; then
  probe="dyad_bench_$$_probe"
  if ! command -v psql >/dev/null 2>&1; then
    echo "bench-workers: psql not found: using SQLite" >&2
  elif ! psql "$PG" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $probe" >/dev/null 2>"$tmp/pgprobe.err"; then
    echo "bench-workers: cannot create a database on \$DYAD_TEST_POSTGRES ($(head -c 300 "$tmp/pgprobe.err")): using SQLite" >&2
  else
    if "$tmp/dyad" events --db "$(pg_db "$probe")" --limit 1 >/dev/null 2>"$tmp/pgprobe.err"; then
      kind=postgres
    else
      echo "bench-workers: PostgreSQL store not usable ($(head -c 300 "$tmp/pgprobe.err")): using SQLite" >&2
    fi
    psql "$PG" -q -c "DROP DATABASE IF EXISTS $probe WITH (FORCE)" >/dev/null || true
  fi
fi

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "bench-workers: no free port" >&2; exit 1
}

# db_url RUN: a fresh store for one run.
db_url() {
  if [ "$kind" = postgres ]; then
    local name="dyad_bench_$$_$1"
    psql "$PG" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name" >/dev/null
    pg_db "$name"
  else
    echo "$tmp/run-$1.db"
  fi
}
drop_db() {
  if [ "$kind" = postgres ]; then
    psql "$PG" -q -c "DROP DATABASE IF EXISTS dyad_bench_$$_$1 WITH (FORCE)" >/dev/null || true
  fi
}

ns() { date -d "$1" +%s%N; }

echo "corpus: $docs documents ($COPIES copies of examples/news); store: $kind; $(nproc) cores; concurrency $CONCURRENCY per worker; batch $BATCH" >&2
printf '%-8s %-9s %-10s %-8s %-8s %-12s %-14s %-8s %-6s %-11s %-8s %s\n' workers documents sentences seconds docs/s sentences/s docs/s/worker speedup cpu-s docs/cpu-s store-s KiB/doc
base=""
status=0
for n in $WORKERS; do
  port=$(free_port)
  rm -rf "$tmp/js"
  "$tmp/nats-server" -js -sd "$tmp/js" -a 127.0.0.1 -p "$port" >"$tmp/nats-$n.log" 2>&1 &
  nats_pid=$!
  q="nats://127.0.0.1:$port"
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  db=$(db_url "$n")
  "$tmp/dyad" ingest --queue "$q" --progress none "$corpus" >"$tmp/publish-$n.txt"
  # In a subshell, so that "times" counts the CPU time of the workers alone.
  ok=1
  (
    pids=()
    for i in $(seq 1 "$n"); do
      "$tmp/dyad" worker --queue "$q" --db "$db" --concurrency "$CONCURRENCY" --batch "$BATCH" \
        --until-empty --json --quiet --id "bench-$n-$i" >"$tmp/w-$n-$i.json" 2>"$tmp/w-$n-$i.log" &
      pids+=($!)
    done
    st=0
    for p in "${pids[@]}"; do wait "$p" || st=1; done
    times > "$tmp/times-$n.txt"
    exit $st
  ) || ok=0
  kill "$nats_pid" 2>/dev/null || true; wait "$nats_pid" 2>/dev/null || true; nats_pid=""
  if [ "$ok" != 1 ]; then
    echo "bench-workers: a worker failed in the run with $n workers:" >&2
    tail -n 20 "$tmp"/w-"$n"-*.log >&2
    status=1; drop_db "$n"; continue
  fi
  first="" last="" stored=0 sents=0
  for i in $(seq 1 "$n"); do
    f="$tmp/w-$n-$i.json"
    [ "$(jq -r '.first' "$f")" = "0001-01-01T00:00:00Z" ] && continue
    a=$(ns "$(jq -r '.first' "$f")"); b=$(ns "$(jq -r '.last' "$f")")
    if [ -z "$first" ] || [ "$a" -lt "$first" ]; then first=$a; fi
    if [ -z "$last" ] || [ "$b" -gt "$last" ]; then last=$b; fi
    stored=$((stored + $(jq '.new + .duplicate' "$f")))
    sents=$((sents + $(jq '.sentences' "$f")))
  done
  if [ "$stored" -ne "$docs" ]; then
    echo "bench-workers: $stored of $docs documents stored with $n workers" >&2
    status=1
  fi
  secs=$(awk -v a="$first" -v b="$last" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
  # CPU seconds (user + system) of the worker processes, from "times".
  cpu=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); t += a[1] * 60 + a[2] }; printf "%.1f", t }' "$tmp/times-$n.txt")
  dpc=$(awk -v d="$stored" -v c="$cpu" 'BEGIN { printf "%.1f", (c > 0 ? d / c : 0) }')
  storesecs=$(jq -s 'map(.store_seconds) | add | . * 10 | round / 10' "$tmp"/w-"$n"-*.json)
  # Store size per document (database or SQLite file with its WAL).
  if [ "$kind" = postgres ]; then
    bytes=$(psql "$PG" -tAc "SELECT pg_database_size('dyad_bench_$$_$n')")
  else
    bytes=$(cat "$db" "$db-wal" 2>/dev/null | wc -c)
  fi
  kb=$(awk -v b="$bytes" -v d="$stored" 'BEGIN { printf "%.1f", b / d / 1024 }')
  dps=$(awk -v d="$stored" -v s="$secs" 'BEGIN { printf "%.1f", d / s }')
  sps=$(awk -v d="$sents" -v s="$secs" 'BEGIN { printf "%.0f", d / s }')
  per=$(awk -v d="$dps" -v n="$n" 'BEGIN { printf "%.1f", d / n }')
  [ -z "$base" ] && base=$dps
  speed=$(awk -v d="$dps" -v b="$base" 'BEGIN { printf "%.2fx", d / b }')
  printf '%-8s %-9s %-10s %-8s %-8s %-12s %-14s %-8s %-6s %-11s %-8s %s\n' "$n" "$stored" "$sents" "$secs" "$dps" "$sps" "$per" "$speed" "$cpu" "$dpc" "$storesecs" "$kb"
  drop_db "$n"
done
exit $status
