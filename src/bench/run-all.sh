#!/usr/bin/env bash
# Every benchmark, from a bare Debian machine with JDK 17 and Maven: installs the tools, fetches
# the photos, builds, runs JMH, the cold renders and PSNR, the comparison with sharp (installed
# with npm into src/bench/sharp), wrk, the memory burst, the soaks with hostile originals and with
# a misbehaving origin, then prints the Markdown table. About 25 minutes on 2 cores. Work files:
# $BENCH_WORK (/tmp/imgfilter-bench).
#   bash src/bench/run-all.sh              everything
#   SKIP_JMH=1 bash src/bench/run-all.sh   without JMH
set -euo pipefail
. "$(dirname "$0")/lib.sh"

need=()
command -v vipsthumbnail >/dev/null || need+=(libvips-tools)
command -v wrk >/dev/null || need+=(wrk)
command -v compare >/dev/null && compare -version 2>/dev/null | grep -q ImageMagick || need+=(imagemagick)
command -v jpegtran >/dev/null || need+=(libjpeg-turbo-progs)
command -v openssl >/dev/null || need+=(openssl)
command -v python3 >/dev/null || need+=(python3)
command -v unzip >/dev/null || need+=(unzip)
command -v curl >/dev/null || need+=(curl)
command -v jstat >/dev/null || need+=(openjdk-17-jdk-headless)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

: >"$RESULTS"
rm -f "$WORK/jmh.csv"
bash "$BENCH_DIR/photos.sh"
log "building"
(cd "$ROOT" && mvn -B -q -DskipTests package)
[ -n "${SKIP_JMH:-}" ] || bash "$BENCH_DIR/jmh.sh"
bash "$BENCH_DIR/cold.sh"
bash "$BENCH_DIR/sharp.sh"
bash "$BENCH_DIR/http.sh"
bash "$BENCH_DIR/burst.sh"
bash "$BENCH_DIR/hostile-soak.sh"
bash "$BENCH_DIR/origin-soak.sh"
bash "$BENCH_DIR/two-nodes.sh"
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(java -version 2>&1 | head -1), $(vips --version), node $(node --version)."
  echo
  bash "$BENCH_DIR/table.sh"
} | tee "$WORK/table.md"
