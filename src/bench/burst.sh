#!/usr/bin/env bash
# Memory under a burst: the demo with -Xmx256m, then 16 concurrent cold renders of the 18 MP
# photo (5640x3172), each on a different hard link of it so that none is shared or cached.
#   burst "thumbs": 16 x /images/small (300 px) of the progressive photo: the DC decoder's path;
#   burst "large":  16 x width=1000 (the demo's largest), 8 progressive and 8 baseline: ImageIO's
#                   path, which keeps a 2820x1586 decode per render and, for progressive files,
#                   libjpeg's whole-image coefficient buffers outside the heap.
# Counts statuses (only 200 and 503 are acceptable), looks for OutOfMemoryError in the demo's
# output, records the peak RSS (VmHWM) and the peak heap in use (jstat, sampled every 100 ms).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
HEAP="${BURST_HEAP:-256m}"
need_built
need_photos

dir="$WORK/burst"
rm -rf "$dir"
mkdir -p "$dir/originals" "$dir/out"
copies "$dir/originals" 16 "$PHOTOS/18mp-progressive.jpg" "t"
copies "$dir/originals" 8 "$PHOTOS/18mp-progressive.jpg" "lp"
copies "$dir/originals" 8 "$PHOTOS/18mp-baseline.jpg" "lb"

trap 'kill "${SAMPLER:-}" 2>/dev/null || true; stop_demo' EXIT
start_demo "$dir/originals" "$dir/demo.log" "-Xmx$HEAP"

# peak heap: jstat's used columns (S0U S1U EU OU, KB), sampled until stopped
(jstat -gc "$DEMO_PID" 100 2>/dev/null | awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) { max = used; print max; fflush() } }' >"$dir/heap.txt") &
SAMPLER=$!

burst() { # burst NAME PATH...: all at once, statuses counted
  local name="$1" i=0 p
  shift
  local start end urls=() pids=()
  for p in "$@"; do urls+=("$(url "$(sign "$p")")"); done
  start=$(date +%s%N)
  for p in "${urls[@]}"; do
    i=$((i + 1))
    curl -s -m 60 -o "$dir/out/$name-$i.img" -w '%{http_code}\n' "$p" >"$dir/out/$name-$i.status" &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  end=$(date +%s%N)
  local ok busy other
  ok=$(cat "$dir"/out/"$name"-*.status | grep -c '^200$' || true)
  busy=$(cat "$dir"/out/"$name"-*.status | grep -c '^503$' || true)
  other=$(cat "$dir"/out/"$name"-*.status | grep -vcE '^(200|503)$' || true)
  record "burst.$name.200" "$ok"
  record "burst.$name.503" "$busy"
  record "burst.$name.other" "$other"
  record "burst.$name.seconds" "$(awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')"
  record "burst.$name.rss_peak_mb" "$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$DEMO_PID/status")"
}

paths=()
for i in $(seq -w 1 16); do paths+=("/images/small/t$i.jpg"); done
burst thumbs "${paths[@]}"
paths=()
for i in $(seq -w 1 8); do paths+=("/images/width=1000/lp$i.jpg" "/images/width=1000/lb$i.jpg"); done
burst large "${paths[@]}"

sleep 0.3
kill "$SAMPLER" 2>/dev/null || true
record "burst.heap_max" "$HEAP"
record "burst.heap_peak_mb" "$(tail -1 "$dir/heap.txt" 2>/dev/null | awk '{ printf "%.0f", $1 / 1024 }')"
kill -0 "$DEMO_PID" 2>/dev/null && alive=yes || alive=no
record "burst.demo_alive" "$alive"
record "burst.oom" "$(grep -c 'OutOfMemoryError' "$dir/demo.log" || true)"
stop_demo
