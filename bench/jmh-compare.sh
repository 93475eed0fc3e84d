#!/usr/bin/env bash
# Runs StreamedPageBenchmark (with -prof gc) against two builds of the renderer's main classes,
# one after the other in one go, with the same benchmark code: a before/after comparison made
# under the same machine load. Usage, from the repository's root after
# `mvn -B -q -pl renderer -am test-compile`:
#   bench/jmh-compare.sh BEFORE_CLASSES_DIR AFTER_CLASSES_DIR [extra JMH options]
# e.g. BEFORE_CLASSES_DIR from `git worktree add /tmp/before <commit> && mvn -q -f /tmp/before -pl renderer compile`.
# BENCH=StocksBenchmark bench/jmh-compare.sh ... runs another benchmark class the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=$1 AFTER=$2; shift 2
BENCH=${BENCH:-StreamedPageBenchmark}
(cd renderer && mvn -B -q dependency:build-classpath -Dmdep.outputFile=/tmp/arbor-jmh-cp.txt -Dmdep.includeScope=test >/dev/null)
CP=$(cat /tmp/arbor-jmh-cp.txt)
for side in before after; do
  dir=$BEFORE; [ $side = after ] && dir=$AFTER
  echo "=== $side ($dir)   load: $(uptime)"
  java -cp "renderer/target/test-classes:$dir:$CP" org.openjdk.jmh.Main "$BENCH" -prof gc "$@" \
    | grep -E "^(Benchmark|$BENCH)|\[page\]" | grep -v -E 'gc\.(count|time)|alloc\.rate +'
done
echo "=== end   load: $(uptime)"
