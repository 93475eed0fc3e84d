#!/usr/bin/env bash
# Before/after over HTTP: bench/http/run.sh against a *before* build and this checkout, alternating,
# under the same machine load. Usage, from the repository's root, after
# `mvn -B -q -pl vertx-host -am test-compile` here and in the before worktree:
#   bench/http/ab.sh BEFORE_ROOT [rounds] [seconds]
# e.g. BEFORE_ROOT from `git worktree add /tmp/before <commit> && mvn -B -q -f /tmp/before/pom.xml -pl vertx-host -am test-compile`.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=$1 ROUNDS=${2:-2} SECS=${3:-10}
mvn -B -q -pl vertx-host -am dependency:build-classpath -Dmdep.outputFile=/tmp/arbor-bench-cp.txt \
    -Dmdep.includeScope=test >/dev/null
DEPS=$(cat /tmp/arbor-bench-cp.txt)
# each side's own classes first: they shadow the installed renderer jar among the dependencies
BEFORE="$B/vertx-host/target/test-classes:$B/vertx-host/target/classes:$B/renderer/target/classes:$DEPS"
AFTER="vertx-host/target/test-classes:vertx-host/target/classes:renderer/target/classes:$DEPS"
for round in $(seq "$ROUNDS"); do
  for side in before after; do
    cp=$BEFORE; [ "$side" = after ] && cp=$AFTER
    echo "##### round $round: $side"
    bench/http/run.sh "$cp" "$SECS"
  done
done
