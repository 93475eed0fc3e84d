#!/usr/bin/env bash
# Time to first byte only (docs/benchmarks.md, section 4): curl's time_starttransfer for the static
# file and for the Arbor shell (data at 200/400 ms), from one or two builds' HttpBenchServer running
# at the same time. Each round asks every server for the static file and then the shell, so
# whatever else loads the machine falls on all of them alike.
# Usage (from the repository's root, after `mvn -B -q -pl vertx-host -am test-compile`):
#   [CURL_OPTS=--compressed] [PAUSE=0.45] bench/http/ttfb.sh [runs] [classpath [classpath...]]
# With no classpath: this checkout's vertx-host test classpath. Labels are "A", "B", ... in order.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-300}
shift || true
CPS=("$@")
if [ ${#CPS[@]} -eq 0 ]; then
  mvn -B -q -pl vertx-host -am dependency:build-classpath -Dmdep.outputFile=/tmp/arbor-bench-cp.txt \
      -Dmdep.includeScope=test >/dev/null
  CPS=("vertx-host/target/test-classes:vertx-host/target/classes:renderer/target/classes:$(cat /tmp/arbor-bench-cp.txt)")
fi
OUT=$(mktemp -d /tmp/arbor-ttfb.XXXXXX)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null' EXIT
BASES=()
for i in "${!CPS[@]}"; do
  port=$(( 20000 + RANDOM % 20000 ))
  java -Xmx1g -cp "${CPS[$i]}" dev.arbor.bench.HttpBenchServer "$port" > "$OUT/server$i.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do grep -q listening "$OUT/server$i.log" && break; sleep 0.2; done
  BASES+=("http://127.0.0.1:$port")
done
echo "load before: $(uptime)"
# JIT warm-up, not measured. Also with requests shaped as curl's (a new connection each, curl's
# headers): after wrk's keep-alive load alone, the first curl requests deoptimized the header
# parser and other paths compiled for wrk, and both TTFBs were about 1 ms higher.
CURLISH=(-H "Connection: close" -H "User-Agent: curl/7.88.1" -H "Accept: */*")
for base in "${BASES[@]}"; do
  wrk -t2 -c50 -d5s "$base/arbor" >/dev/null
  wrk -t2 -c8 -d8s "${CURLISH[@]}" "$base/arbor?a=5&b=10" >/dev/null
  wrk -t2 -c8 -d5s "${CURLISH[@]}" "$base/static" >/dev/null
done
for _ in $(seq 30); do
  for base in "${BASES[@]}"; do
    curl -s -o /dev/null "$base/static"
    curl -s -o /dev/null "$base/arbor?a=5&b=10"
  done
done
echo "load after warm-up: $(uptime)"
# CURL_OPTS: more curl options, e.g. CURL_OPTS=--compressed to ask for gzip as browsers do
# PAUSE: seconds to wait before every measured request, so that the static file and the shell both
# start from the same idle machine (without it the static file follows a shell's 400 ms stream,
# which ends idle, and the shell follows the static file, which ends busy)
ttfb() { [ -n "${PAUSE:-}" ] && sleep "$PAUSE"; curl -s ${CURL_OPTS:-} -o /dev/null -w '%{time_starttransfer}\n' "$1"; }
for _ in $(seq "$RUNS"); do
  for i in "${!BASES[@]}"; do
    ttfb "${BASES[$i]}/static" >> "$OUT/static$i"
    ttfb "${BASES[$i]}/arbor?a=200&b=400" >> "$OUT/arbor$i"
  done
done
echo "load after: $(uptime)"
stats() { sort -n "$1" | awk '{ v[NR] = $1 * 1000 } END {
  printf "p50 %.3f ms  p90 %.3f ms  (n=%d)", v[int((NR + 1) / 2)], v[int(NR * 0.9)], NR }'; }
for i in "${!BASES[@]}"; do
  label=$(printf "\\x$(printf %x $((65 + i)))")
  echo "== $label: ${CPS[$i]%%:*}"
  echo "static file:  $(stats "$OUT/static$i")"
  echo "arbor shell:  $(stats "$OUT/arbor$i")"
  # the shell's lead over the static file of the same round, run by run
  paste "$OUT/arbor$i" "$OUT/static$i" | awk '{ printf "%.6f\n", $1 - $2 }' > "$OUT/diff$i"
  echo "shell - static, same round: $(stats "$OUT/diff$i")"
done
