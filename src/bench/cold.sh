#!/usr/bin/env bash
# Cold renders of the 18 MP photo to 300 px wide, the demo against vipsthumbnail, side by side,
# and the quality (PSNR against a Lanczos3 reference) of both outputs.
#
# Ours: GET /images/small/<copy>.jpg (signed) on the running demo, each copy a different hard
# link of the photo, so every request is a cache miss: read, decode, resize, encode, send.
# The JVM is warmed up first on other copies (a "cold render" is an uncached variant, not a
# cold JVM). Time: curl's time_total. Theirs: vipsthumbnail -s 300x, Q=85 (our default) and
# strip (we keep no metadata either), one process per render; time: wall clock.
# The two alternate, run by run, so that machine noise hits both alike; medians are reported.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
RUNS="${COLD_RUNS:-11}"
need_built
need_photos

dir="$WORK/cold"
rm -rf "$dir"
mkdir -p "$dir/originals" "$dir/out"
for kind in baseline progressive; do
  copies "$dir/originals" "$RUNS" "$PHOTOS/18mp-$kind.jpg" "${kind:0:1}"
  copies "$dir/originals" 4 "$PHOTOS/18mp-$kind.jpg" "warm-${kind:0:1}"
done
for f in "$PHOTOS"/*.jpg; do
  case "$(basename "$f")" in 18mp-*) ;; *) ln -f "$f" "$dir/originals/q-$(basename "$f")" ;; esac
done
ln -f "$PHOTOS/18mp-baseline.jpg" "$dir/originals/q-18mp-baseline.jpg"
ln -f "$PHOTOS/18mp-progressive.jpg" "$dir/originals/q-18mp-progressive.jpg"

trap stop_demo EXIT
start_demo "$dir/originals" "$dir/demo.log"

fetch() { # fetch PATH OUTFILE: prints seconds, fails unless 200
  local code time
  read -r code time < <(curl -s -o "$2" -w '%{http_code} %{time_total}\n' "$(url "$(sign "$1")")")
  [ "$code" = 200 ] || { log "GET $1 answered $code"; return 1; }
  echo "$time"
}
vips_time() { # vips_time SOURCE OUTFILE: prints seconds
  local start end
  start=$(date +%s%N)
  vipsthumbnail "$1" -s 300x -o "$2[Q=85,strip]"
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.4f\n", ns / 1e9 }'
}

log "warming up the demo's JVM on $((4 * 2)) other copies"
for i in 1 2 3 4; do
  for k in b p; do fetch "/images/small/warm-$k$i.jpg" /dev/null >/dev/null; done
done

for kind in baseline progressive; do
  k="${kind:0:1}"
  : >"$dir/ours-$kind.txt"
  : >"$dir/vips-$kind.txt"
  for i in $(seq -w 1 "$RUNS"); do
    vips_time "$PHOTOS/18mp-$kind.jpg" "$dir/out/vips-$kind.jpg" >>"$dir/vips-$kind.txt"
    fetch "/images/small/$k$i.jpg" "$dir/out/ours-$kind.jpg" >>"$dir/ours-$kind.txt"
  done
  ours=$(median <"$dir/ours-$kind.txt")
  vips=$(median <"$dir/vips-$kind.txt")
  record "cold.$kind.ours_ms" "$(awk -v s="$ours" 'BEGIN { printf "%.0f", s * 1000 }')"
  record "cold.$kind.vips_ms" "$(awk -v s="$vips" 'BEGIN { printf "%.0f", s * 1000 }')"
  record "cold.$kind.ratio" "$(ratio "$ours" "$vips")"
done
record "cold.runs" "$RUNS"

# Quality: both 300 px outputs (as served: JPEG quality 85) against a Lanczos3 resize of the
# full-size decode to the very same size (vips resize, kernel lanczos3, no reducing gap).
# ImageMagick's -filter Lanczos gives a second reference for the 18 MP photo.
psnr() { compare -metric PSNR "$1" "$2" null: 2>&1 | awk '{ printf "%.2f", $1 }'; }
for f in "$dir"/originals/q-*.jpg; do
  name=$(basename "$f" .jpg)
  name=${name#q-}
  fetch "/images/small/$(basename "$f")" "$dir/out/q-ours-$name.jpg" >/dev/null
  vipsthumbnail "$f" -s 300x -o "$dir/out/q-vips-$name.jpg[Q=85,strip]"
  read -r w h < <(identify -format '%w %h\n' "$f")
  read -r ow oh < <(identify -format '%w %h\n' "$dir/out/q-ours-$name.jpg")
  read -r vw vh < <(identify -format '%w %h\n' "$dir/out/q-vips-$name.jpg")
  if [ "$ow x $oh" != "$vw x $vh" ]; then
    log "$name: sizes differ (ours ${ow}x$oh, vips ${vw}x$vh); skipped"
    continue
  fi
  vips resize "$f" "$dir/out/q-ref-$name.png" "$(awk -v a="$ow" -v b="$w" 'BEGIN { printf "%.12f", a / b }')" \
    --vscale "$(awk -v a="$oh" -v b="$h" 'BEGIN { printf "%.12f", a / b }')" --kernel lanczos3 --gap 0
  record "psnr.$name.size" "${w}x$h $(identify -format '%[interlace]' "$f" | sed 's/JPEG/progressive/; s/None/baseline/') -> ${ow}x$oh"
  record "psnr.$name.ours_db" "$(psnr "$dir/out/q-ours-$name.jpg" "$dir/out/q-ref-$name.png")"
  record "psnr.$name.vips_db" "$(psnr "$dir/out/q-vips-$name.jpg" "$dir/out/q-ref-$name.png")"
  if [ "$name" = 18mp-baseline ]; then
    convert "$f" -filter Lanczos -resize "${ow}x$oh!" "$dir/out/q-refim-$name.png"
    record "psnr.$name.ours_db_imref" "$(psnr "$dir/out/q-ours-$name.jpg" "$dir/out/q-refim-$name.png")"
    record "psnr.$name.vips_db_imref" "$(psnr "$dir/out/q-vips-$name.jpg" "$dir/out/q-refim-$name.png")"
  fi
done
stop_demo
