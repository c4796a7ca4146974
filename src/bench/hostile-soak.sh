#!/usr/bin/env bash
# Hostile originals mixed with normal traffic against the demo, under a small and a medium heap:
# SoakIT (example-webapp) for SOAK_SECONDS (60) under -Xmx128m and -Xmx256m (SOAK_HEAPS). Four
# clients mix cached hits, cold renders, bad tokens, traversals, broken files and the hostile
# originals of HostileFiles (a 20 000-scan JPEG, a 10x4 999 999 PNG, a 1.5 million text-chunk
# PNG, a 1x100 000 PNG asked for fit=contain, WebP without image data or with garbage, a 12 MP
# lossy and a 7000x7000 lossless WebP, an 8000x6000 JPEG, a GIF declaring 65535x65535). The test
# fails on any 500, an OutOfMemoryError, a cached hit that was not 200, or heap or threads that
# grew; its one-line summary per heap is recorded for the table.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
SECONDS_EACH="${SOAK_SECONDS:-60}"
HEAPS="${SOAK_HEAPS:-128m 256m}"

for heap in $HEAPS; do
  log "soak: -Xmx$heap for ${SECONDS_EACH}s"
  out="$WORK/soak-$heap.log"
  (cd "$ROOT" && mvn -B verify -pl example-webapp -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
      -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=SoakIT -Dsoak.seconds="$SECONDS_EACH" -Dsoak.heap="$heap") >"$out" 2>&1 \
    || { log "soak -Xmx$heap FAILED, see $out"; grep -E 'soak -Xmx|AssertionFailed|expected' "$out" >&2 || true; exit 1; }
  line="$(grep -m1 'soak -Xmx' "$out")"
  printf '%s\n' "$line"
  record "soak_$heap" "$line"
done
