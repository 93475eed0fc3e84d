#!/usr/bin/env bash
# HTTP load on the demo, on loopback: starts the demo, runs wrk against three pages, stops it.
# Needs wrk (Debian: apt-get install wrk). Usage: demo/load.sh [seconds per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
port="${LOAD_PORT:-8099}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

mvn -q -pl demo -am -DskipTests compile
PORT="$port" mvn -q -pl demo exec:java > /tmp/arbor-load-demo.log 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null; pkill -P "$demo" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done

run() { # name, url, extra wrk args...
  local name="$1" url="$2"; shift 2
  echo "== $name: $url"
  wrk -t2 -c64 -d"${seconds}s" --latency "$@" "$url" | grep -E "Requests/sec|Transfer/sec|  50%|  99%"
}
base="http://127.0.0.1:$port"
echo "warming up the JIT (not measured)"
wrk -t2 -c64 -d10s "$base/streaming?slow=0&slower=0" > /dev/null
wrk -t2 -c64 -d5s -H "Arbor-Render: document" "$base/streaming?slow=0&slower=0" > /dev/null
run "streaming, data ready"                      "$base/streaming?slow=0&slower=0"
run "streaming, sources at 20 and 50 ms"         "$base/streaming?slow=20&slower=50"
run "complete document (crawler mode), ready"    "$base/streaming?slow=0&slower=0" -H "Arbor-Render: document"
