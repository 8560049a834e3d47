#!/usr/bin/env bash
# Load benchmark of `epitome serve`: wrk (Debian's) against a release server on loopback,
# POSTing one 10-document cluster to /v1/summarize (5-sentence summary), at 1, 8 and 64
# connections. Prints requests/s and p50/p99 latency per connection count, and fails if
# any answer was not a 200.
#
#   scripts/bench-load.sh                 # 10 s per step
#   DURATION=30s scripts/bench-load.sh
#
# The cluster is the first 10 documents of ../shared/bench/data/news10/ (third-party text,
# read in place, never copied into the repo), or the project's example documents when that
# data is absent. Only loopback traffic. The load generator shares the machine's cores with
# the server, as it would on a single box.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-"1 8 64"}
log() { echo "== $*" >&2; }

if ! command -v wrk >/dev/null; then
  log "installing wrk (apt)"
  SUDO=""
  [[ $(id -u) == 0 ]] || SUDO=sudo
  $SUDO apt-get install -y -qq wrk >/dev/null 2>&1 || {
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
  }
fi

log "building the release binary"
cargo build --release -p epitome-cli --quiet
EPITOME=target/release/epitome

WORK=$(mktemp -d /tmp/epitome-load.XXXXXX)
SERVER_PID=""
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the request body ---------------------------------------------------------------
NEWS=../shared/bench/data/news10
python3 - "$NEWS" "$WORK/body.json" <<'EOF'
import glob, json, os, sys
news, out = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(news, "*.txt")))[:10]
source = "news10 (first 10 documents)"
if len(files) < 2:
    files = sorted(glob.glob("examples/wrenford-flood/*.txt"))
    source = "examples/wrenford-flood"
docs = [{"id": os.path.basename(p), "text": open(p, encoding="utf-8", errors="replace").read()} for p in files]
json.dump({"documents": docs, "budget": {"sentences": 5}}, open(out, "w"))
words = sum(len(d["text"].split()) for d in docs)
print(f"cluster: {source}: {len(docs)} documents, {words} words, {os.path.getsize(out)} bytes of JSON", file=sys.stderr)
EOF

cat > "$WORK/post.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$WORK/body.json", "rb")
wrk.body = f:read("*a")
f:close()

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
EOF

# --- the server -----------------------------------------------------------------------
RUST_LOG=warn "$EPITOME" serve --addr 127.0.0.1:0 2>"$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$WORK/server.log" 2>/dev/null && break
  sleep 0.1
done
URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/server.log" | head -1)
[[ -n $URL ]] || { cat "$WORK/server.log" >&2; echo "server did not start" >&2; exit 1; }
log "server at $URL (pid $SERVER_PID), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The benchmark checks what it measures: one request must give a 5-sentence summary.
python3 - "$URL" "$WORK/body.json" <<'EOF'
import json, sys, time, urllib.request
url, body = sys.argv[1], open(sys.argv[2], "rb").read()
req = urllib.request.Request(url + "/v1/summarize", data=body, headers={"Content-Type": "application/json"})
t = time.perf_counter()
answer = json.load(urllib.request.urlopen(req))
ms = (time.perf_counter() - t) * 1000
assert len(answer["sentences"]) == 5, answer
assert all(s["sources"] for s in answer["sentences"])
print(f"check: 5 sentences, one request in {ms:.1f} ms", file=sys.stderr)
EOF

log "warm-up"
wrk -t1 -c1 -d2s -s "$WORK/post.lua" "$URL/v1/summarize" >/dev/null

printf '%-12s %10s %10s %10s %10s %8s\n' connections "req/s" "p50 ms" "p99 ms" "max ms" non-2xx
status=0
for c in $CONNECTIONS; do
  threads=$(( c < 2 ? c : 2 ))
  line=$(wrk -t"$threads" -c"$c" -d"$DURATION" --timeout 30s -s "$WORK/post.lua" "$URL/v1/summarize" | grep '^RESULT')
  get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  printf '%-12s %10s %10s %10s %10s %8s\n' "$c" "$(get rps)" "$(get p50_ms)" "$(get p99_ms)" "$(get max_ms)" "$(get non2xx)"
  if [[ $(get non2xx) != 0 || $(get socket_errors) != 0 ]]; then status=1; fi
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
