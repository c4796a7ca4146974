#!/usr/bin/env bash
# Real photos for the benchmarks, from Debian's mate-backgrounds package, into $BENCH_WORK/photos:
#   18mp-progressive.jpg  abstract/Elephants_5640x3172.jpg as shipped (progressive, 16 MB)
#   18mp-baseline.jpg     the same file made baseline with jpegtran: the same pixels, losslessly
#   *.jpg                 the package's other photos, as shipped (for the quality figures)
#   2560/*.jpg            its six 2560-px-wide photos, as shipped (sharp.sh); a folder of its own so
#                         that the scripts that take every *.jpg above see the same five as before
# Needs apt-get (download only, nothing is installed) and jpegtran (libjpeg-turbo-progs).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$PHOTOS" "$WORK/deb"
SIX_2560="Aqua Garden LadyBird TwoWings Wood YellowFlower"
missing_2560() { local n; for n in $SIX_2560; do [ -s "$PHOTOS/2560/$n.jpg" ] || return 0; done; return 1; }
if [ ! -f "$PHOTOS/18mp-progressive.jpg" ] || missing_2560; then
  if ! ls "$WORK"/deb/mate-backgrounds_*.deb >/dev/null 2>&1; then
    (cd "$WORK/deb" && apt-get download mate-backgrounds >/dev/null 2>&1 || apt-get download mate-backgrounds)
  fi
  dpkg-deb -x "$(ls "$WORK"/deb/mate-backgrounds_*.deb | head -1)" "$WORK/deb/x"
  src="$WORK/deb/x/usr/share/backgrounds/mate"
  if [ ! -f "$PHOTOS/18mp-progressive.jpg" ]; then
    cp "$src/abstract/Elephants_5640x3172.jpg" "$PHOTOS/18mp-progressive.jpg"
    for f in nature/Garden nature/Aqua nature/LadyBird nature/Wood abstract/Elephants_3840x2160; do
      cp "$src/$f.jpg" "$PHOTOS/$(basename "$f").jpg"
    done
  fi
  mkdir -p "$PHOTOS/2560"
  for n in $SIX_2560; do cp "$src/nature/$n.jpg" "$PHOTOS/2560/$n.jpg"; done
fi
# The package's 18 MP photo is progressive only; a lossless transcode gives its baseline twin.
# (written aside first: a failed jpegtran must not leave an empty photo behind for the next run)
if [ ! -s "$PHOTOS/18mp-baseline.jpg" ]; then
  jpegtran -copy all -optimize "$PHOTOS/18mp-progressive.jpg" >"$PHOTOS/18mp-baseline.jpg.part"
  mv "$PHOTOS/18mp-baseline.jpg.part" "$PHOTOS/18mp-baseline.jpg"
fi

for f in "$PHOTOS"/*.jpg "$PHOTOS"/2560/*.jpg; do
  printf '%s\t%s\t%s bytes\n' "${f#"$PHOTOS"/}" \
    "$(identify -format '%wx%h %[interlace]' "$f" 2>/dev/null | sed 's/ JPEG$/ progressive/; s/ None$/ baseline/')" \
    "$(stat -c %s "$f")" >&2
done
