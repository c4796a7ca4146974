#!/usr/bin/env bash
# Renders saved by the shared result store: two demo nodes behind a random balancer, with and
# without a result store (S3Proxy on loopback, from Maven Central), the same mixed workload each
# time: TWO_NODES_REQUESTS (600) requests, each for one of TWO_NODES_VARIANTS (120) distinct signed
# variants of the bundled originals (widths from 200 up), picked at random, sent to a node picked
# at random. Counts the answers whose Server-Timing says "render": without a store each node
# renders every variant it is asked for; with one, a variant rendered anywhere is read from the
# store (nodes that miss the same variant at the same moment may both render it: no lease yet).
#   bash src/bench/two-nodes.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"
REQUESTS="${TWO_NODES_REQUESTS:-600}"
VARIANTS="${TWO_NODES_VARIANTS:-120}"
need_built
ORIGINALS="$ROOT/example-webapp/src/main/webapp/WEB-INF/originals"
S3="$WORK/two-nodes"
mkdir -p "$S3"
S3PROXY="$S3/s3proxy-4.1.0-jar-with-dependencies.jar"
[ -f "$S3PROXY" ] || (cd "$S3" && mvn -q dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies -DoutputDirectory=.)

S3PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
rm -rf "$S3/store" && mkdir -p "$S3/store/variants"
printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:$S3PORT" s3proxy.authorization=aws-v4 \
  s3proxy.identity=bench-store-key s3proxy.credential=bench-store-secret-0123456789 \
  jclouds.provider=filesystem "jclouds.filesystem.basedir=$S3/store" > "$S3/s3proxy.conf"
java -jar "$S3PROXY" --properties "$S3/s3proxy.conf" > "$S3/s3proxy.log" 2>&1 &
S3PID=$!
trap 'kill $S3PID 2>/dev/null || true; stop_demo' EXIT
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$S3PORT/" && break; sleep 0.5; done

# the variants: flexible widths of each original, signed as the demo expects
mapfile -t NAMES < <(cd "$ORIGINALS" && ls *.jpg *.png 2>/dev/null | head -6)
PATHS=()
for i in $(seq 0 $((VARIANTS - 1))); do
  name="${NAMES[$((i % ${#NAMES[@]}))]}"
  width=$((200 + i / ${#NAMES[@]}))
  PATHS+=("$(sign "/images/width=$width/$name")")
done
# the workload, fixed for both runs
RANDOM=42
PLAN=()
for _ in $(seq 1 "$REQUESTS"); do PLAN+=("$((RANDOM % 2)) $((RANDOM % VARIANTS))"); done

# run LABEL: two nodes with the environment of this shell, the workload; prints the count of renders
run() {
  local label="$1" ports=() pids=() renders=0 other=0 distinct
  for node in 1 2; do
    DEMO_PID="" && start_demo "$ORIGINALS" "$S3/$label-node$node.log" -Xmx256m
    ports+=("$DEMO_PORT"); pids+=("$DEMO_PID")
  done
  declare -A seen=()
  for step in "${PLAN[@]}"; do
    read -r node variant <<<"$step"
    timing=$(curl -s -o /dev/null -D - "http://127.0.0.1:${ports[$node]}${PATHS[$variant]}" | tr -d '\r' \
      | awk -F': ' 'tolower($1) == "server-timing" { split($2, m, ";"); print m[1] }')
    seen[$variant]=1
    if [ "$timing" = "render" ]; then renders=$((renders + 1)); elif [ -z "$timing" ]; then other=$((other + 1)); fi
  done
  distinct=${#seen[@]}
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  DEMO_PID=""
  log "$label: $renders renders for $REQUESTS requests of $distinct distinct variants ($other without Server-Timing)"
  record "two_nodes.$label.renders" "$renders"
  record "two_nodes.distinct" "$distinct"
  echo "$renders"
}

without=$(run without)
export IMAGE_RESULT_STORE=s3://variants/bench IMAGE_RESULT_STORE_ENDPOINT="http://127.0.0.1:$S3PORT" \
  IMAGE_RESULT_STORE_ACCESS_KEY_ID=bench-store-key IMAGE_RESULT_STORE_SECRET_ACCESS_KEY=bench-store-secret-0123456789
with=$(run with_store)
record "two_nodes.renders_saved" "$((without - with)) of $without ($(awk -v a="$without" -v b="$with" 'BEGIN { printf "%.0f%%", 100 * (a - b) / a }'))"
