#!/usr/bin/env bash
# Cached hits against static bytes, in the same Jetty: wrk on GET /images/thumb/<photo> (public,
# already rendered, so a memory-cache hit) and on GET /bench/thumb.jpg, the very same bytes as a
# static file of the webapp (served by Jetty's DefaultServlet). The demo runs an exploded copy
# of its WAR (-Dimgfilter.demo.war=DIR) with that one file added; nothing else differs.
# Runs alternate (WRK_ROUNDS each, WRK_SECONDS long, after a warm-up of both); medians reported.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROUNDS="${WRK_ROUNDS:-5}"
SECONDS_PER_RUN="${WRK_SECONDS:-10}"
CONNECTIONS="${WRK_CONNECTIONS:-32}"
need_built
need_photos

dir="$WORK/http"
rm -rf "$dir"
mkdir -p "$dir/originals" "$dir/war"
ln -f "$PHOTOS/18mp-progressive.jpg" "$dir/originals/photo.jpg"
(cd "$dir/war" && unzip -q "$ROOT/example-webapp/target/example-webapp.war")
mkdir -p "$dir/war/bench"

trap stop_demo EXIT
DEMO_WAR="$dir/war" start_demo "$dir/originals" "$dir/demo.log"
thumb="/images/thumb/photo.jpg"
curl -sf -o "$dir/war/bench/thumb.jpg" "$(url "$thumb")"
curl -sf -o "$dir/static.jpg" "$(url /bench/thumb.jpg)"
cmp "$dir/war/bench/thumb.jpg" "$dir/static.jpg"
record "http.bytes" "$(stat -c %s "$dir/static.jpg")"
curl -s -D - -o /dev/null "$(url "$thumb")" >"$dir/headers-thumb.txt"
curl -s -D - -o /dev/null "$(url /bench/thumb.jpg)" >"$dir/headers-static.txt"

rps() { # rps PATH SECONDS: requests per second that wrk measured (non-2xx answers fail the run)
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${2}s" --latency "$(url "$1")")
  echo "$out" >>"$dir/wrk.log"
  if grep -q 'Non-2xx' <<<"$out"; then log "non-2xx answers for $1"; return 1; fi
  awk '/^Requests\/sec:/ { print $2 }' <<<"$out"
}

log "warm-up"
rps "$thumb" 5 >/dev/null
rps /bench/thumb.jpg 5 >/dev/null
: >"$dir/thumb.txt"
: >"$dir/static.txt"
for i in $(seq 1 "$ROUNDS"); do
  rps "$thumb" "$SECONDS_PER_RUN" >>"$dir/thumb.txt"
  rps /bench/thumb.jpg "$SECONDS_PER_RUN" >>"$dir/static.txt"
done
thumb_rps=$(median <"$dir/thumb.txt")
static_rps=$(median <"$dir/static.txt")
record "http.thumb_rps" "$(printf '%.0f' "$thumb_rps")"
record "http.static_rps" "$(printf '%.0f' "$static_rps")"
record "http.ratio" "$(ratio "$thumb_rps" "$static_rps")"
record "http.runs" "$ROUNDS x ${SECONDS_PER_RUN}s, wrk -t2 -c$CONNECTIONS"
record "http.thumb_all" "$(paste -sd' ' "$dir/thumb.txt")"
record "http.static_all" "$(paste -sd' ' "$dir/static.txt")"
stop_demo
