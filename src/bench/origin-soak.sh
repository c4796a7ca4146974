#!/usr/bin/env bash
# A hidden HTTP origin that misbehaves, under load, against the demo: OriginSoakIT (example-webapp)
# for SOAK_SECONDS (60) under -Xmx256m (ORIGIN_SOAK_HEAPS). The test's own origin on loopback
# serves six valid JPEGs of 18 to 22 MB, small photos, a 25 MB answer that drips a byte every half
# second, a 500, a dropped connection and a 404, all with ETags (304 on If-None-Match), and goes
# away for 10 s halfway (5 s of 503s, 5 s of refused connections). Six clients mix cached hits,
# cold renders of the large originals at new widths, repeats of rendered variants, drips and
# failures. The test fails on any 500, an OutOfMemoryError, a cached hit or a variant rendered
# before the outage that was not 200 during it, too many warning lines, heap growth, connections
# to the origin left open, or large originals downloaded in full for most renders; its one-line
# summary per heap (statuses per kind, heap, log lines, connections, downloads and 304s per large
# original) is recorded, also when it fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
SECONDS_EACH="${SOAK_SECONDS:-60}"
HEAPS="${ORIGIN_SOAK_HEAPS:-256m}"

for heap in $HEAPS; do
  log "origin soak: -Xmx$heap for ${SECONDS_EACH}s"
  out="$WORK/origin-soak-$heap.log"
  status=0
  (cd "$ROOT" && mvn -B verify -pl example-webapp -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
      -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=OriginSoakIT -Dsoak.seconds="$SECONDS_EACH" -Dsoak.heap="$heap") >"$out" 2>&1 \
    || status=$?
  line="$(grep -m1 'origin soak -Xmx' "$out" || true)"
  if [ -n "$line" ]; then
    printf '%s\n' "$line"
    record "origin_soak_$heap" "$line"
  fi
  if [ "$status" -ne 0 ]; then
    log "origin soak -Xmx$heap FAILED, see $out and example-webapp/target/origin-soak-$heap.log"
    grep -E 'AssertionFailedError|expected' "$out" | grep -v Suppressed | sort -u >&2 || true
    exit 1
  fi
done
