#!/usr/bin/env bash
# The JMH benchmarks (src/bench/jmh): build with the benchmark profile, run, keep the CSV.
# Extra arguments go to JMH, e.g. `bash src/bench/jmh.sh Signing` or `-wi 1 -i 2` for a quick look.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_photos
(cd "$ROOT" && mvn -B -q -Pbenchmark -DskipTests package)
BENCH_PHOTOS="$PHOTOS" java -jar "$ROOT/src/bench/jmh/target/benchmarks.jar" \
  -rf csv -rff "$WORK/jmh.csv" "$@" | tee "$WORK/jmh.log" | grep -E '^(Benchmark|[A-Za-z].*(avgt|thrpt))' >&2 || true
