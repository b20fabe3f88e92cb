#!/usr/bin/env bash
# Dashboard CI: installs chromium and wrk when missing, runs the browser
# tests of the embedded dashboard (chromedp + headless chromium), then the
# API load test: a store of 1,000,000 synthetic events, 100 concurrent
# clients on the dyad-series and events endpoints. It fails on any request
# error, a p99 latency above 100 ms, or resident memory growing by more than
# 10% + 32 MiB between the warm-up and the end of the measured runs.
#
# Environment: DYAD_LOAD_EVENTS (default 1000000), DYAD_LOAD_SECONDS per
# endpoint (default 15), DYAD_P99_MS (default 100), DYAD_SKIP_BROWSER=1.
set -euo pipefail
cd "$(dirname "$0")/.."
export CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
step() { printf '\n=== %s\n' "$*"; }

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  step "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ "${DYAD_SKIP_BROWSER:-}" != 1 ]; then
  step "browser tests (headless chromium)"
  CI=true go test -count=1 -run 'TestDashboardInBrowser' -v ./server/
fi

EVENTS="${DYAD_LOAD_EVENTS:-1000000}"
SECONDS_PER="${DYAD_LOAD_SECONDS:-15}"
P99_MAX="${DYAD_P99_MS:-100}"
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

step "load test: building and filling a store with $EVENTS synthetic events"
go build -o "$work/dyad" ./cmd/dyad
go build -o "$work/loadgen" ./server/internal/loadgen
db="$work/load.db"
if [ -n "${DYAD_LOAD_DB:-}" ] && [ -f "$DYAD_LOAD_DB" ]; then
  db="$DYAD_LOAD_DB"   # reuse a store filled before (development)
  "$work/loadgen" -db "$db" -events 0 -urls "$work" 2>&1 | tail -1
else
  start=$(date +%s)
  "$work/loadgen" -db "$db" -events "$EVENTS" -urls "$work" 2>&1 | tail -1
  echo "store filled in $(( $(date +%s) - start )) s ($(du -h "$db" | cut -f1))"
fi

"$work/dyad" serve --db "$db" --addr 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
addr=""
for _ in $(seq 1 100); do
  addr=$(sed -n 's|.*listening on http://\([^/]*\)/.*|\1|p' "$work/serve.out")
  [ -n "$addr" ] && break
  sleep 0.1
done
[ -n "$addr" ] || { echo "server did not start:"; cat "$work/serve.err"; exit 1; }
curl -fsS "http://$addr/healthz" >/dev/null
url="http://$addr"
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }   # KiB

lua=server/internal/loadgen/paths.lua
step "cold pass: every query once, 4 at a time (answers are computed, then cached)"
cat "$work/series.txt" "$work/events.txt" | sed "s|^|$url|" |
  xargs -P4 -n1 curl -s -o /dev/null -w '%{http_code} %{time_total}\n' >"$work/cold.txt"
sort -k2 -n "$work/cold.txt" | awk '{t[NR] = $2 * 1000; if ($1 != 200) bad++} END {
  printf "RESULT cold: %d queries, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, non-200 %d\n", NR, t[int(NR*0.5)], t[int(NR*0.9)], t[int(NR*0.99)], t[NR], bad }'
if awk '$1 != 200 {bad = 1} END {exit !bad}' "$work/cold.txt"; then echo "FAIL: some queries failed"; exit 1; fi

step "warm-up (5 s per endpoint)"
wrk -t2 -c100 -d5s -s "$lua" "$url" -- "$work/series.txt" >/dev/null
wrk -t2 -c100 -d5s -s "$lua" "$url" -- "$work/events.txt" >/dev/null
rss0=$(rss)

# ms converts a wrk latency (850.00us, 12.34ms, 1.20s) to milliseconds.
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v/1000; else if (v ~ /ms$/) printf "%.2f", v+0; else if (v ~ /s$/) printf "%.2f", v*1000; else print "NaN" }'; }

fail=0
for name in series events; do
  step "wrk: 100 connections, ${SECONDS_PER} s, /api/$( [ $name = series ] && echo dyad/series || echo events ) (200 different queries)"
  wrk -t2 -c100 -d"${SECONDS_PER}s" --latency -s "$lua" "$url" -- "$work/$name.txt" | tee "$work/$name.out"
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$name.out")
  p50=$(ms "$(awk '$1 == "50%" {print $2}' "$work/$name.out")")
  p99=$(ms "$(awk '$1 == "99%" {print $2}' "$work/$name.out")")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/$name.out"); non2xx=${non2xx:-0}
  sockerr=$(awk '/Socket errors/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$work/$name.out"); sockerr=${sockerr:-0}
  echo "RESULT $name: ${rps} req/s, p50 ${p50} ms, p99 ${p99} ms, non-2xx ${non2xx}, socket errors ${sockerr}"
  if [ "$non2xx" != 0 ] || [ "$sockerr" != 0 ]; then echo "FAIL: $name had errors"; fail=1; fi
  if awk -v p="$p99" -v m="$P99_MAX" 'BEGIN { exit !(p > m || p != p) }'; then echo "FAIL: $name p99 ${p99} ms > ${P99_MAX} ms"; fail=1; fi
done

rss1=$(rss)
echo "RESULT memory: RSS ${rss0} KiB after warm-up, ${rss1} KiB after the measured runs"
if [ "$rss1" -gt $(( rss0 + rss0 / 10 + 32768 )) ]; then echo "FAIL: resident memory grew by more than 10% + 32 MiB"; fail=1; fi
curl -fsS "http://$addr/metrics" | grep -E '^dyad_(store_events|cache_(hits|stale|misses)_total) ' || true

kill -TERM "$pid"
if ! wait "$pid"; then echo "FAIL: the server did not shut down cleanly on SIGTERM"; cat "$work/serve.err"; fail=1; fi
pid=""
[ "$fail" = 0 ] || exit 1
echo
echo "dashboard: browser tests and load test passed."
