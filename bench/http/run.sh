#!/usr/bin/env bash
# HTTP side of docs/benchmarks.md: wrk at 50 and 200 connections against the Arbor host streaming
# the shop page (data at 20/50 ms) and j2html rendering it whole in Vert.x; then time to first
# byte (curl, data at 200/400 ms) against a static file from the same server.
# Usage (from the repository's root, after `mvn -B -q -pl vertx-host -am test-compile`):
#   bench/http/run.sh [classpath] [seconds]
# The classpath defaults to vertx-host's test classpath (written by the dependency plugin).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS=${2:-10}
if [ -z "${1:-}" ]; then
  mvn -B -q -pl vertx-host -am dependency:build-classpath -Dmdep.outputFile=/tmp/arbor-bench-cp.txt \
      -Dmdep.includeScope=test >/dev/null
  CP="vertx-host/target/test-classes:vertx-host/target/classes:renderer/target/classes:$(cat /tmp/arbor-bench-cp.txt)"
else
  CP=$1
fi
PORT=$(( 20000 + RANDOM % 20000 ))
java -Xmx2g -cp "$CP" dev.arbor.bench.HttpBenchServer "$PORT" > /tmp/arbor-bench-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
for _ in $(seq 100); do grep -q listening /tmp/arbor-bench-server.log && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT"
echo "load before: $(uptime)"
# warm up both
wrk -t2 -c50 -d5s "$BASE/arbor" >/dev/null
wrk -t2 -c50 -d5s "$BASE/j2html" >/dev/null
for c in 50 200; do
  for path in arbor j2html; do
    echo "== $path, $c connections, ${SECS}s"
    wrk -t2 -c$c -d${SECS}s --latency "$BASE/$path" | grep -E 'Requests/sec|Transfer/sec|^ +(50|90|99)%|Socket errors|Non-2xx'
  done
done
ttfb() {
  for _ in $(seq 60); do curl -s -o /dev/null -w '%{time_starttransfer}\n' "$1"; done | sort -n | awk '
    { v[NR] = $1 * 1000 } END { printf "p50 %.2f ms  p90 %.2f ms  (n=%d)\n", v[int(NR*0.5)], v[int(NR*0.9)], NR }'
}
# curl opens a connection per request with its own headers: warm that path up too, or the first
# requests deoptimize what wrk's keep-alive load compiled (bench/http/ttfb.sh, docs/benchmarks.md)
CURLISH=(-H "Connection: close" -H "User-Agent: curl/7.88.1" -H "Accept: */*")
wrk -t2 -c8 -d8s "${CURLISH[@]}" "$BASE/arbor?a=5&b=10" >/dev/null
wrk -t2 -c8 -d5s "${CURLISH[@]}" "$BASE/static" >/dev/null
for _ in $(seq 30); do curl -s -o /dev/null "$BASE/static"; curl -s -o /dev/null "$BASE/arbor?a=5&b=10"; done
echo "== time to first byte, data at 200/400 ms"
echo "static file:   $(ttfb "$BASE/static")"
echo "arbor shell:   $(ttfb "$BASE/arbor?a=200&b=400")"
echo "j2html whole:  $(ttfb "$BASE/j2html?a=200&b=400")"
echo "load after: $(uptime)"
