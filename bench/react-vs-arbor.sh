#!/usr/bin/env bash
# React 19's renderToString and Arbor's stream of the same shop page, side by side in one run:
# React, Arbor, React, Arbor, so that the machine's load falls on both alike. Each React round
# measures pages/s for SECONDS after a 2 s warm-up (bench/react/bench.mjs, THROUGHPUT_ONLY); each
# Arbor round is one JMH fork of StreamedPageBenchmark (arborStream, arborRenderToString and
# j2htmlRender, 3 warm-up and 5 measured iterations of 2 s). Usage, from the repository's root,
# after `mvn -B -q -pl renderer -am test-compile`:
#   bench/react-vs-arbor.sh [SECONDS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${1:-10} ROUNDS=${2:-2}
(cd bench/react && [ -d node_modules ] || npm ci --silent)
(cd renderer && mvn -B -q dependency:build-classpath -Dmdep.outputFile=/tmp/arbor-jmh-cp.txt -Dmdep.includeScope=test >/dev/null)
CP="renderer/target/test-classes:renderer/target/classes:$(cat /tmp/arbor-jmh-cp.txt)"
for round in $(seq "$ROUNDS"); do
  echo "=== round $round, React 19   load: $(uptime)"
  (cd bench/react && NODE_ENV=production THROUGHPUT_ONLY=1 node --expose-gc bench.mjs "$SECONDS_PER")
  echo "=== round $round, Arbor      load: $(uptime)"
  java -cp "$CP" org.openjdk.jmh.Main StreamedPageBenchmark -f 1 -wi 3 -i 5 -w 2 -r 2 \
    | grep -E '^(Benchmark|StreamedPage)'
done
echo "=== end   load: $(uptime)"
