# Shared helpers of the benchmark scripts; sourced, not run.
# shellcheck shell=bash

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
# Everything large (photos, copies, outputs, logs) lives here, outside the repository.
WORK="${BENCH_WORK:-/tmp/imgfilter-bench}"
RESULTS="$WORK/results.txt"
PHOTOS="$WORK/photos"
DEMO_JAR="$ROOT/example-webapp/target/example-webapp.jar"
FILTER_JAR="$ROOT/filter/target/imgfilter-filter-0.1.0-SNAPSHOT.jar"
# A fixed key so that the scripts can sign URLs themselves (benchmark only).
export IMAGE_SIGNING_KEY="${IMAGE_SIGNING_KEY:-bench-key-0123456789abcdef0123456789abcdef}"
mkdir -p "$WORK"

log() { printf '[bench] %s\n' "$*" >&2; }

# record KEY VALUE: one figure for the final table (later values of a key win).
record() {
  printf '%s\t%s\n' "$1" "$2" >>"$RESULTS"
  log "$1 = $2"
}

# median of numbers on stdin, one per line
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
    if (NR % 2) printf "%.6g\n", v[(NR + 1) / 2]; else printf "%.6g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'; }

need_built() {
  [ -f "$DEMO_JAR" ] && [ -f "$FILTER_JAR" ] || {
    log "building (mvn -B -DskipTests package)"
    (cd "$ROOT" && mvn -B -q -DskipTests package)
  }
}

need_photos() {
  [ -s "$PHOTOS/18mp-baseline.jpg" ] && [ -s "$PHOTOS/18mp-progressive.jpg" ] || bash "$BENCH_DIR/photos.sh"
}

# sign PATH: PATH?exp=…&sig=… valid for an hour, as the filter's default scheme wants it
# (hex HMAC-SHA256 of "PATH?exp=…" with IMAGE_SIGNING_KEY).
sign() {
  local exp sig
  exp=$(($(date +%s) + 3600))
  sig=$(printf '%s' "$1?exp=$exp" | openssl dgst -sha256 -hmac "$IMAGE_SIGNING_KEY" -r | cut -d' ' -f1)
  printf '%s?exp=%s&sig=%s' "$1" "$exp" "$sig"
}

# The demo's PID and port once started.
DEMO_PID=""
DEMO_PORT=""

# start_demo ORIGINALS_DIR LOG [java options...]: the demo launcher on a free port of 127.0.0.1,
# waits until it answers. Set DEMO_WAR to run another (e.g. exploded) copy of the WAR.
start_demo() {
  local originals="$1" logfile="$2"
  shift 2
  DEMO_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local war_opt=()
  [ -n "${DEMO_WAR:-}" ] && war_opt=("-Dimgfilter.demo.war=$DEMO_WAR")
  PORT="$DEMO_PORT" IMAGE_ORIGINALS_DIR="$originals" \
    java -Djava.awt.headless=true "$@" "${war_opt[@]}" -jar "$DEMO_JAR" >"$logfile" 2>&1 &
  DEMO_PID=$!
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null "http://127.0.0.1:$DEMO_PORT/css/demo.css"; then
      log "demo (pid $DEMO_PID) on 127.0.0.1:$DEMO_PORT"
      return 0
    fi
    kill -0 "$DEMO_PID" 2>/dev/null || break
    sleep 0.5
  done
  log "the demo did not start; see $logfile"
  tail -20 "$logfile" >&2
  return 1
}

stop_demo() {
  if [ -n "$DEMO_PID" ] && kill -0 "$DEMO_PID" 2>/dev/null; then
    kill "$DEMO_PID"
    wait "$DEMO_PID" 2>/dev/null || true
  fi
  DEMO_PID=""
}

url() { printf 'http://127.0.0.1:%s%s' "$DEMO_PORT" "$1"; }

# originals_with_copies DIR N SOURCE PREFIX: N hard links of SOURCE named PREFIX01.jpg…, so that
# each is a different original (and so a cold render) without using more disk.
copies() {
  local dir="$1" n="$2" source="$3" prefix="$4" i
  mkdir -p "$dir"
  for i in $(seq -w 1 "$n"); do
    ln -f "$source" "$dir/$prefix$i.jpg" 2>/dev/null || cp -f "$source" "$dir/$prefix$i.jpg"
  done
}
