#!/usr/bin/env bash
# Prints the Markdown table of the figures in $BENCH_WORK/results.txt and jmh.csv.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
get() { awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? "n/a" : v) }' "$RESULTS"; }
met() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "n/a") print "n/a"; else if ((op == "<=" && v + 0 <= t) || (op == ">=" && v + 0 >= t)) print "**met**"; else print "**not met**" }'; }

echo "| measure | imgfilter | anchor | ratio | target |"
echo "|---|---|---|---|---|"
for kind in baseline progressive; do
  limit=$([ $kind = baseline ] && echo 1.0 || echo 2.0)
  r=$(get cold.$kind.ratio)
  echo "| cold render, 18 MP $kind JPEG (5640x3172) to 300 px wide, median of $(get cold.runs) | $(get cold.$kind.ours_ms) ms | vipsthumbnail $(get cold.$kind.vips_ms) ms | $r | ≤ $limit: $(met "$r" '<=' $limit) |"
done
r=$(get http.ratio)
echo "| cached hits of a public thumb, same Jetty ($(get http.runs)), median | $(get http.thumb_rps) req/s | same $(get http.bytes) bytes as a static file: $(get http.static_rps) req/s | $r | ≥ 0.9: $(met "$r" '>=' 0.9) |"
for b in thumbs large; do
  other=$(get burst.$b.other); oom=$(get burst.oom)
  verdict=$([ "$other" = 0 ] && [ "$oom" = 0 ] && echo "**met**" || echo "**not met**")
  desc=$([ $b = thumbs ] && echo "16 concurrent cold 18 MP renders to 300 px" || echo "16 concurrent cold 18 MP renders to 1000 px")
  echo "| $desc, -Xmx$(get burst.heap_max | tr -d m)m | $(get burst.$b.200) x 200, $(get burst.$b.503) x 503, $other other, in $(get burst.$b.seconds) s; peak RSS $(get burst.$b.rss_peak_mb) MB | | | only 200/503, no OOM: $verdict |"
done
echo "| burst: OutOfMemoryError lines in the demo's output; peak heap in use | $(get burst.oom); $(get burst.heap_peak_mb) MB of $(get burst.heap_max) | | | |"
echo
echo "| photo (300 px wide, JPEG q85) | PSNR imgfilter | PSNR vipsthumbnail | difference |"
echo "|---|---|---|---|"
awk -F'\t' '$1 ~ /^psnr\..*\.size$/ { split($1, a, "."); name = a[2]; print name "\t" $2 }' "$RESULTS" | sort -u | while IFS=$'\t' read -r name size; do
  o=$(get "psnr.$name.ours_db"); v=$(get "psnr.$name.vips_db")
  echo "| $name ($size) | $o dB | $v dB | $(awk -v o="$o" -v v="$v" 'BEGIN { printf "%+.2f dB", o - v }') |"
done
o=$(get psnr.18mp-baseline.ours_db_imref); v=$(get psnr.18mp-baseline.vips_db_imref)
[ "$o" != n/a ] && echo "| 18mp-baseline, against ImageMagick's Lanczos instead | $o dB | $v dB | $(awk -v o="$o" -v v="$v" 'BEGIN { printf "%+.2f dB", o - v }') |"
if [ "$(get sharp.versions)" != n/a ]; then
  echo
  echo "Against sharp ($(get sharp.versions)) and vipsthumbnail, \`sharp.sh\`:"
  echo
  echo "| measure | imgfilter | anchor | ratio | target |"
  echo "|---|---|---|---|---|"
  for c in 1 2 4; do
    r=$(get sharp.rps.c$c.ratio)
    [ "$r" = n/a ] && continue
    target=$([ $c = 2 ] && echo "≥ 0.5: $(met "$r" '>=' 0.5)" || echo "")
    echo "| distinct cold renders/s, six 2560-px photos to 300-900 px wide (q85), $c client$([ $c = 1 ] || echo s), median of $(get sharp.rps.runs) | $(get sharp.rps.c$c.filter)/s | sharp $(get sharp.rps.c$c.sharp)/s | $r | $target |"
  done
  for w in 300 600; do
    limit=$([ $w = 300 ] && echo 0.8 || echo 1.0)
    r=$(get sharp.18mp.w$w.ratio)
    echo "| cold render, 18 MP baseline JPEG (5640x3172) to $w px wide, single requests, median of $(get sharp.18mp.runs) | $(get sharp.18mp.w$w.ours_ms) ms | vipsthumbnail $(get sharp.18mp.w$w.vips_ms) ms | $r | ≤ $limit: $(met "$r" '<=' $limit) |"
  done
  bo=0; bs=0
  for n in $(get sharp.q.photos); do
    o=$(get sharp.q.$n.ours_bytes); v=$(get sharp.q.$n.sharp_bytes)
    [ "$o" = n/a ] || [ "$v" = n/a ] && continue
    bo=$((bo + o)); bs=$((bs + v))
  done
  r=$(get sharp.q.bytes_ratio)
  echo "| JPEG q85 bytes, six 2560-px photos at 600 px wide, total | $bo | sharp $bs | $r | ≤ 1.05: $(met "$r" '<=' 1.05) |"
  echo "| heap allocated by one cold render (median; method in src/bench/README.md) | 2560 px to 600: $(get sharp.heap.w2560_600.mb) MB; 18 MP to 300: $(get sharp.heap.18mp_300.mb) MB; 18 MP to 600: $(get sharp.heap.18mp_600.mb) MB | | | |"
  echo
  echo "| photo (600 px wide, JPEG q85; reference: ImageMagick -filter Lanczos) | PSNR imgfilter | PSNR sharp | difference (target ≥ -0.2 dB) | bytes imgfilter | bytes sharp | bytes ratio |"
  echo "|---|---|---|---|---|---|---|"
  for n in $(get sharp.q.photos); do
    d=$(get sharp.q.$n.diff_db)
    [ "$d" = n/a ] && continue
    echo "| $n ($(get sharp.q.$n.size)) | $(get sharp.q.$n.ours_db) dB | $(get sharp.q.$n.sharp_db) dB | $d dB: $(met "$d" '>=' -0.2) | $(get sharp.q.$n.ours_bytes) | $(get sharp.q.$n.sharp_bytes) | $(get sharp.q.$n.bytes_ratio) |"
  done
fi
if [ -f "$WORK/jmh.csv" ]; then
  echo
  echo "| JMH benchmark | photo | score | error (99.9%) | unit |"
  echo "|---|---|---|---|---|"
  # "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: photo"
  tail -n +2 "$WORK/jmh.csv" | tr -d '"' | awk -F, '{ n = $1; sub(/^io\.imgfilter\./, "", n); p = $8; gsub(/[ \r]/, "", p); printf "| %s | %s | %.3g | %.2g | %s |\n", n, (p == "" ? "-" : p), $5, $6, $7 }'
fi
