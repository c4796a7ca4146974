#!/usr/bin/env bash
# imgfilter against sharp (libvips, through Node) in one run, the two sides alternating:
#   1. distinct cold renders per second with 1, 2 and 4 clients: the six 2560-px photos at widths
#      300..900, every request a variant never asked before (one demo process, warmed up, that is
#      never asked a variant twice: 4 hard links of each photo x 601 widths; or, with
#      SHARP_DEMO=fresh, a fresh process per run); sharp behind src/bench/sharp/server.js, no cache;
#   2. the 18 MP baseline photo to 300 and to 600 px wide, single cold requests over HTTP to the
#      demo (a new hard link each) against vipsthumbnail (a process per image, as cold.sh);
#   3. quality at 600 px: PSNR of both outputs (JPEG q85) against ImageMagick's Lanczos resize of
#      each 2560-px photo, and the bytes of each;
#   4. heap per render: the demo under -Xms1g -Xmx1g -Xmn600m, a full GC before each single cold
#      render, the heap in use before and after it (no GC in between: used peak minus baseline).
# sharp is installed with npm into src/bench/sharp (its node_modules is not part of the product).
#   SHARP_SECONDS (20) per measured run, SHARP_WARMUP (5) s of warm-up before each, SHARP_ROUNDS (3)
#   runs of each side per client count, SHARP_CLIENTS ("1 2 4"), SHARP_18MP_RUNS (7), SHARP_DEMO
#   (warm: one demo for part 1 after SHARP_FIRST_WARMUP (30) s of renders; fresh), SHARP_PARTS
#   ("1 2 3 4") runs only some of the parts.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
SECS="${SHARP_SECONDS:-20}"
WARM="${SHARP_WARMUP:-5}"
ROUNDS="${SHARP_ROUNDS:-3}"
CLIENTS="${SHARP_CLIENTS:-1 2 4}"
RUNS18="${SHARP_18MP_RUNS:-7}"
PARTS=" ${SHARP_PARTS:-1 2 3 4} "
DEMO_MODE="${SHARP_DEMO:-warm}"
FIRST_WARM="${SHARP_FIRST_WARMUP:-30}"
COPIES=4
part() { [[ "$PARTS" == *" $1 "* ]]; }
SIX="Aqua Garden LadyBird TwoWings Wood YellowFlower"
need_built
need_photos
for n in $SIX; do [ -s "$PHOTOS/2560/$n.jpg" ] || { bash "$BENCH_DIR/photos.sh"; break; }; done
command -v node >/dev/null || { log "node (20 or later) is needed"; exit 1; }
if [ ! -d "$BENCH_DIR/sharp/node_modules/sharp" ]; then
  log "installing sharp into $BENCH_DIR/sharp"
  (cd "$BENCH_DIR/sharp" && npm install --no-audit --no-fund)
fi

dir="$WORK/sharp"
rm -rf "$dir"
mkdir -p "$dir/originals" "$dir/out" "$dir/runs"
for n in $SIX; do
  ln -f "$PHOTOS/2560/$n.jpg" "$dir/originals/$n.jpg"
  for k in $(seq 2 $COPIES); do ln -f "$PHOTOS/2560/$n.jpg" "$dir/originals/c$k-$n.jpg"; done
  for k in $(seq 1 $COPIES); do # warm-up only: other originals, other variants
    ln -f "$PHOTOS/2560/$n.jpg" "$dir/originals/warm$k-$n.jpg"
  done
done
copies "$dir/originals" "$RUNS18" "$PHOTOS/18mp-baseline.jpg" "b300-"
copies "$dir/originals" "$RUNS18" "$PHOTOS/18mp-baseline.jpg" "b600-"
copies "$dir/originals" 4 "$PHOTOS/18mp-baseline.jpg" "warm-b"
copies "$dir/originals" 5 "$PHOTOS/18mp-baseline.jpg" "heap300-"
copies "$dir/originals" 5 "$PHOTOS/18mp-baseline.jpg" "heap600-"

# The request lists: photo by photo, width by width, 6 x 601 distinct (photo, width) pairs for
# each of the 4 links of a photo; the widths step by 211 (prime to 601) so that small and large
# outputs mix from the start.
make_list() { # make_list PREFIX_OF_LINK_1 PREFIX_OF_LINK_K (K is replaced by the link's number)
  awk -v names="$SIX" -v p1="$1" -v pk="$2" -v copies=$COPIES 'BEGIN { n = split(names, a, " ")
    for (i = 0; i < n * 601 * copies; i++) { k = int(i / (n * 601)) + 1; p = pk; sub(/K/, k, p)
      printf "%s%s.jpg %d\n", (k == 1 ? p1 : p), a[i % n + 1], 300 + (int(i / n) * 211) % 601 } }'
}
make_list "" "cK-" >"$dir/list.txt"
make_list "warm1-" "warmK-" >"$dir/warm.txt"

SHARP_PID=""
SHARP_PORT=""
start_sharp() {
  SHARP_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  node "$BENCH_DIR/sharp/server.js" "$dir/originals" "$SHARP_PORT" >"$dir/sharp.log" 2>&1 &
  SHARP_PID=$!
  for _ in $(seq 1 60); do
    if curl -sf -o /dev/null "http://127.0.0.1:$SHARP_PORT/resize?file=Aqua.jpg&w=100&q=85"; then
      log "sharp server (pid $SHARP_PID) on 127.0.0.1:$SHARP_PORT: $(head -1 "$dir/sharp.log")"
      return 0
    fi
    kill -0 "$SHARP_PID" 2>/dev/null || break
    sleep 0.5
  done
  log "the sharp server did not start; see $dir/sharp.log"
  cat "$dir/sharp.log" >&2
  return 1
}
stop_sharp() {
  if [ -n "$SHARP_PID" ] && kill -0 "$SHARP_PID" 2>/dev/null; then
    kill "$SHARP_PID"
    wait "$SHARP_PID" 2>/dev/null || true
  fi
  SHARP_PID=""
}
cleanup() { stop_demo; stop_sharp; }
trap cleanup EXIT

load() { # load filter|sharp BASE LIST CLIENTS SECONDS OFFSET: the JSON line of load.js
  local wrap=()
  [ "$1" = sharp ] && wrap=(--wrap 1)
  node "$BENCH_DIR/sharp/load.js" --target "$1" --base "$2" --list "$3" --concurrency "$4" --seconds "$5" \
    --offset "$6" "${wrap[@]}"
}
field() { python3 -c 'import json, sys; v = json.loads(sys.stdin.read())[sys.argv[1]]; print(v if not isinstance(v, float) else "%.2f" % v)' "$1"; }

# ---- 1. distinct cold renders per second ----
# Where the long-lived demo goes on in each list (what it has been asked so far); sharp, which
# keeps nothing, gets the same stretch of the lists as the filter's last run.
CUR=0
WCUR=0
run_side() { # run_side filter|sharp CLIENTS ROUND: appends renders/s to runs/SIDE-cCLIENTS.txt
  local side="$1" c="$2" r="$3" base json warm
  if [ "$side" = filter ]; then
    if [ "$DEMO_MODE" = fresh ]; then
      start_demo "$dir/originals" "$dir/runs/demo-c$c-r$r.log"
      CUR=0; WCUR=0
    fi
    base="http://127.0.0.1:$DEMO_PORT"
  else
    base="http://127.0.0.1:$SHARP_PORT"
  fi
  warm=$(load "$side" "$base" "$dir/warm.txt" "$c" "$WARM" "$WCUR")
  echo "$warm" >"$dir/runs/$side-c$c-r$r-warm.json"
  json=$(load "$side" "$base" "$dir/list.txt" "$c" "$SECS" "$CUR")
  echo "$json" >"$dir/runs/$side-c$c-r$r.json"
  if [ "$side" = filter ]; then
    WCUR=$((WCUR + $(field requested <<<"$warm")))
    CUR=$((CUR + $(field requested <<<"$json")))
    [ "$DEMO_MODE" = fresh ] && stop_demo
  fi
  [ "$(field exhausted <<<"$json")" = False ] || log "$side ran out of distinct URLs (c=$c, round $r): its rate is low"
  [ "$(field other <<<"$json")" = "{}" ] || log "$side c=$c round $r: other answers $(field other <<<"$json")"
  field rps <<<"$json" >>"$dir/runs/$side-c$c.txt"
  log "round $r, $c client(s), $side: $(field rps <<<"$json") renders/s (p50 $(field p50ms <<<"$json") ms)"
}

start_sharp
record "sharp.versions" "$(head -1 "$dir/sharp.log" | sed 's/; listening.*//')"
fetch() { # fetch PATH OUTFILE: prints seconds, fails unless 200
  local code time
  read -r code time < <(curl -s -o "$2" -w '%{http_code} %{time_total}\n' "$(url "$(sign "$1")")")
  [ "$code" = 200 ] || { log "GET $1 answered $code"; return 1; }
  echo "$time"
}

if part 1; then
if [ "$DEMO_MODE" != fresh ]; then
  start_demo "$dir/originals" "$dir/runs/demo.log"
  log "warming up the demo and sharp: ${FIRST_WARM}s each of distinct renders, 2 clients"
  warm=$(load filter "http://127.0.0.1:$DEMO_PORT" "$dir/warm.txt" 2 "$FIRST_WARM" 0)
  WCUR=$(field requested <<<"$warm")
  load sharp "http://127.0.0.1:$SHARP_PORT" "$dir/warm.txt" 2 "$FIRST_WARM" 0 >/dev/null
fi
for r in $(seq 1 "$ROUNDS"); do
  for c in $CLIENTS; do
    if [ $((r % 2)) = 1 ]; then
      run_side filter "$c" "$r"; run_side sharp "$c" "$r"
    else
      run_side sharp "$c" "$r"; run_side filter "$c" "$r"
    fi
  done
done
for c in $CLIENTS; do
  f=$(median <"$dir/runs/filter-c$c.txt")
  s=$(median <"$dir/runs/sharp-c$c.txt")
  record "sharp.rps.c$c.filter" "$(printf '%.1f' "$f")"
  record "sharp.rps.c$c.sharp" "$(printf '%.1f' "$s")"
  record "sharp.rps.c$c.ratio" "$(ratio "$f" "$s")"
  record "sharp.rps.c$c.filter_all" "$(paste -sd' ' "$dir/runs/filter-c$c.txt")"
  record "sharp.rps.c$c.sharp_all" "$(paste -sd' ' "$dir/runs/sharp-c$c.txt")"
  other=$(cat "$dir"/runs/filter-c$c-r*.json | python3 -c 'import json, sys, collections
t = collections.Counter()
for l in sys.stdin: t.update(json.loads(l)["other"])
print(" ".join("%s x%d" % kv for kv in sorted(t.items())) or "none")')
  record "sharp.rps.c$c.filter_other" "$other"
done
if [ "$DEMO_MODE" = fresh ]; then
  record "sharp.rps.runs" "$ROUNDS x ${SECS}s per side and client count, each after ${WARM}s of warm-up, a fresh demo per run"
else
  record "sharp.rps.runs" "$ROUNDS x ${SECS}s per side and client count, each after ${WARM}s of warm-up, one demo warmed up ${FIRST_WARM}s"
  record "sharp.rps.distinct_asked" "$CUR of $(wc -l <"$dir/list.txt") (+ $WCUR warm-up)"
  stop_demo
fi
fi

# ---- 2. the 18 MP photo, single cold requests, against vipsthumbnail ----
if part 2 || part 3; then start_demo "$dir/originals" "$dir/demo-18mp.log"; fi
if part 2; then
vips_time() { # vips_time SOURCE WIDTH OUTFILE: prints seconds
  local start end
  start=$(date +%s%N)
  vipsthumbnail "$1" -s "$2x" -o "$3[Q=85,strip]"
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.4f\n", ns / 1e9 }'
}
log "warming up the demo on other copies of the 18 MP photo"
for i in 1 2 3 4; do
  fetch "/images/width=300,quality=85/warm-b$i.jpg" /dev/null >/dev/null
  fetch "/images/width=600,quality=85/warm-b$i.jpg" /dev/null >/dev/null
done
for w in 300 600; do : >"$dir/ours-18mp-$w.txt"; : >"$dir/vips-18mp-$w.txt"; done
for i in $(seq -w 1 "$RUNS18"); do
  for w in 300 600; do
    if [ $((10#$i % 2)) = 1 ]; then
      vips_time "$PHOTOS/18mp-baseline.jpg" "$w" "$dir/out/vips-18mp-$w.jpg" >>"$dir/vips-18mp-$w.txt"
      fetch "/images/width=$w,quality=85/b$w-$i.jpg" "$dir/out/ours-18mp-$w.jpg" >>"$dir/ours-18mp-$w.txt"
    else
      fetch "/images/width=$w,quality=85/b$w-$i.jpg" "$dir/out/ours-18mp-$w.jpg" >>"$dir/ours-18mp-$w.txt"
      vips_time "$PHOTOS/18mp-baseline.jpg" "$w" "$dir/out/vips-18mp-$w.jpg" >>"$dir/vips-18mp-$w.txt"
    fi
  done
done
for w in 300 600; do
  ours=$(median <"$dir/ours-18mp-$w.txt")
  vips=$(median <"$dir/vips-18mp-$w.txt")
  record "sharp.18mp.w$w.ours_ms" "$(awk -v s="$ours" 'BEGIN { printf "%.0f", s * 1000 }')"
  record "sharp.18mp.w$w.vips_ms" "$(awk -v s="$vips" 'BEGIN { printf "%.0f", s * 1000 }')"
  record "sharp.18mp.w$w.ratio" "$(ratio "$ours" "$vips")"
  record "sharp.18mp.w$w.sizes" "ours $(identify -format '%wx%h' "$dir/out/ours-18mp-$w.jpg"), vips $(identify -format '%wx%h' "$dir/out/vips-18mp-$w.jpg")"
done
record "sharp.18mp.runs" "$RUNS18"
fi

# ---- 3. quality and bytes at 600 px ----
if part 3; then
psnr() { { compare -metric PSNR "$1" "$2" null: 2>&1 || true; } | awk '{ printf "%.2f", $1 }'; } # compare exits 1 when images differ
tot_ours=0
tot_sharp=0
for n in $SIX; do
  fetch "/images/width=600,quality=85/$n.jpg" "$dir/out/q-ours-$n.jpg" >/dev/null
  curl -sf -o "$dir/out/q-sharp-$n.jpg" "http://127.0.0.1:$SHARP_PORT/resize?file=$n.jpg&w=600&q=85"
  convert "$PHOTOS/2560/$n.jpg" -filter Lanczos -resize 600x "$dir/out/q-ref-$n.png"
  read -r w h < <(identify -format '%w %h\n' "$PHOTOS/2560/$n.jpg")
  so=$(identify -format '%wx%h' "$dir/out/q-ours-$n.jpg")
  ss=$(identify -format '%wx%h' "$dir/out/q-sharp-$n.jpg")
  sr=$(identify -format '%wx%h' "$dir/out/q-ref-$n.png")
  if [ "$so" != "$sr" ] || [ "$ss" != "$sr" ]; then
    log "$n: sizes differ (ours $so, sharp $ss, reference $sr); skipped"
    continue
  fi
  bo=$(stat -c %s "$dir/out/q-ours-$n.jpg")
  bs=$(stat -c %s "$dir/out/q-sharp-$n.jpg")
  po=$(psnr "$dir/out/q-ours-$n.jpg" "$dir/out/q-ref-$n.png")
  ps=$(psnr "$dir/out/q-sharp-$n.jpg" "$dir/out/q-ref-$n.png")
  record "sharp.q.$n.size" "${w}x$h -> $sr"
  record "sharp.q.$n.ours_db" "$po"
  record "sharp.q.$n.sharp_db" "$ps"
  record "sharp.q.$n.diff_db" "$(awk -v o="$po" -v s="$ps" 'BEGIN { printf "%+.2f", o - s }')"
  record "sharp.q.$n.ours_bytes" "$bo"
  record "sharp.q.$n.sharp_bytes" "$bs"
  record "sharp.q.$n.bytes_ratio" "$(ratio "$bo" "$bs")"
  tot_ours=$((tot_ours + bo))
  tot_sharp=$((tot_sharp + bs))
done
record "sharp.q.photos" "$SIX"
[ "$tot_sharp" -gt 0 ] && record "sharp.q.bytes_ratio" "$(ratio "$tot_ours" "$tot_sharp")"
fi
stop_demo

# ---- 4. heap per render ----
# The demo under -Xms1g -Xmx1g -Xmn600m (G1, the default collector here): a young generation that
# a render's allocations fit in without a collection. Before each single cold render a full GC
# (jcmd GC.run), then the heap in use (jcmd GC.heap_info: G1's own count, exact, unlike jstat's
# eden counter, which G1 updates only now and then); after the answer the heap in use again. With
# no collection in between (jstat's GC counts say so; renders during which one ran are counted
# apart) used only grows, so after minus before is the peak minus the baseline: the heap that
# the render allocated, its working set and its garbage alike (an upper bound of what it holds).
if part 4; then
start_demo "$dir/originals" "$dir/demo-heap.log" -Xms1g -Xmx1g -Xmn600m
for n in $SIX; do fetch "/images/width=500,quality=85/warm1-$n.jpg" /dev/null >/dev/null; done
fetch "/images/width=300,quality=85/warm-b1.jpg" /dev/null >/dev/null
fetch "/images/width=600,quality=85/warm-b2.jpg" /dev/null >/dev/null
used_kb() { jcmd "$DEMO_PID" GC.heap_info | awk 'match($0, /used [0-9]+K/) { print substr($0, RSTART + 5, RLENGTH - 6); exit }'; }
gcs() { jstat -gc "$DEMO_PID" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } { print $col["YGC"] + $col["FGC"] }'; }
heap_render() { # heap_render PATH: prints "MB GCs"
  local before after g0 g1
  jcmd "$DEMO_PID" GC.run >/dev/null
  g0=$(gcs)
  before=$(used_kb)
  fetch "$1" /dev/null >/dev/null
  after=$(used_kb)
  g1=$(gcs)
  awk -v a="$after" -v b="$before" -v g=$((g1 - g0)) 'BEGIN { printf "%.0f %d\n", (a - b) / 1024, g }'
}
heap_kind() { # heap_kind KEY PATH...: records the median MB of the renders without a GC
  local key="$1" p mb gcs all="" with_gc=0
  shift
  : >"$dir/heap-$key.txt"
  for p in "$@"; do
    read -r mb gcs < <(heap_render "$p")
    if [ "$gcs" = 0 ]; then echo "$mb" >>"$dir/heap-$key.txt"; all="$all $mb"; else with_gc=$((with_gc + 1)); fi
  done
  record "sharp.heap.$key.mb" "$(median <"$dir/heap-$key.txt")"
  record "sharp.heap.$key.all" "${all# } (renders left out, a GC ran during them: $with_gc)"
}
paths=()
for n in $SIX; do paths+=("/images/width=600,quality=85/$n.jpg"); done
heap_kind w2560_600 "${paths[@]}"
heap_kind 18mp_300 /images/width=300,quality=85/heap300-{1,2,3,4,5}.jpg
heap_kind 18mp_600 /images/width=600,quality=85/heap600-{1,2,3,4,5}.jpg
if grep -q OutOfMemoryError "$dir/demo-heap.log"; then log "OutOfMemoryError in $dir/demo-heap.log"; fi
stop_demo
fi
stop_sharp
