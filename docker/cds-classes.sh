#!/usr/bin/env bash
# Writes docker/cds-classes.txt, the classes the service loads to start and answer its first messages. The image turns
# it into a class-data sharing archive at build time (docker/Dockerfile: java -Xshare:dump), which takes about a quarter
# off every start (bench/results/startup.md). Run it again after adding dependencies or much code (a class the list
# lacks is simply loaded the usual way; a class it names that is gone is skipped):
#   mvn -B -q package -DskipTests && docker/cds-classes.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/bot/target/ieum-bot.jar"
PORT="${CDS_PORT:-18089}"
[ -f "$JAR" ] || { echo "missing $JAR: build first (mvn -B -q package -DskipTests)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$ROOT"
echo "cds-classes: starting the service (embedded PostgreSQL in $work) ..."
IEUM_DATA_DIR="$work/data" MICRONAUT_SERVER_PORT="$PORT" \
  java -XX:DumpLoadedClassList="$work/classes.lst" -jar "$JAR" > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && break
  kill -0 "$pid" 2>/dev/null || { echo "the service stopped; its log:" >&2; tail -40 "$work/service.log" >&2; exit 1; }
  sleep 0.2
done
echo "cds-classes: ready; a few first messages and pages ..."
for text in "hello" "how do I get the mobile card" "1"; do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/v1/messages" -H 'Content-Type: application/json' \
    -d "{\"from\":\"cds-training\",\"text\":\"$text\"}" || true
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/chat" || true
curl -sf -o /dev/null "http://127.0.0.1:$PORT/" || true
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
grep -v -e '^#' -e '^@' "$work/classes.lst" > "$ROOT/docker/cds-classes.txt"
echo "cds-classes: wrote docker/cds-classes.txt ($(wc -l < "$ROOT/docker/cds-classes.txt") classes)"
