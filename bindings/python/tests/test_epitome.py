"""The Python package against the CLI, its error contract, streaming and the GIL."""

import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

import epitome

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples" / "wrenford-flood"


def example_files():
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".txt")


def cli():
    """The built `epitome` binary, newest first; None when there is none."""
    found = [
        ROOT / "target" / profile / "epitome"
        for profile in ("release", "debug")
        if (ROOT / "target" / profile / "epitome").exists()
    ]
    env = os.environ.get("EPITOME_BIN")
    if env:
        return env
    if not found:
        return None
    return str(max(found, key=lambda p: p.stat().st_mtime))


needs_cli = pytest.mark.skipif(cli() is None, reason="no built epitome binary under target/")


def run_cli(*args, **kw):
    return subprocess.run([cli(), *args], cwd=ROOT, capture_output=True, check=True, **kw)


def documents_as_cli_reads_them():
    # The CLI names each document by its path as given, relative to where it runs.
    return [
        {"id": str(p.relative_to(ROOT)), "text": p.read_text(encoding="utf-8")}
        for p in example_files()
    ]


@needs_cli
@pytest.mark.parametrize(
    "options, flags",
    [
        ({"words": 120}, ["--words", "120"]),
        ({"sentences": 3, "algorithm": "textrank"}, ["--sentences", "3", "--algorithm", "textrank"]),
        ({"bytes": 665, "algorithm": "mmr", "query": "levee"}, ["--bytes", "665", "--algorithm", "mmr", "--query", "levee"]),
        ({"ratio": 0.2, "order": "score"}, ["--ratio", "0.2", "--order", "score"]),
        ({"order": "date"}, ["--order", "date"]),
        ({"chars": 400, "algorithm": "lead"}, ["--chars", "400", "--algorithm", "lead"]),
        ({"tokens": 80, "algorithm": "centroid"}, ["--tokens", "80", "--algorithm", "centroid"]),
        ({"words": 100, "query": "levee", "explain": True}, ["--words", "100", "--query", "levee", "--explain"]),
    ],
)
def test_summarize_equals_the_cli(options, flags):
    folder = str(EXAMPLES.relative_to(ROOT))
    out = run_cli("summarize", folder, "--format", "json", *flags).stdout
    expected = json.loads(out)
    got = epitome.summarize(documents_as_cli_reads_them(), **options)
    assert json.loads(got.to_json()) == expected
    assert got.to_dict() == expected
    assert got.summary == expected["summary"]


@needs_cli
def test_batch_equals_the_cli_line_for_line():
    files = documents_as_cli_reads_them()
    texts = [d["text"] for d in files]
    items = [
        {"id": "all", "documents": files},
        {"id": "two", "documents": texts[:2], "query": "shelter"},
        {"id": "bad", "documents": []},
        {"id": 7, "documents": [{"id": "x", "text": texts[3], "date": "2024-04-10"}]},
        {"id": "empty", "documents": ["   "]},
    ]
    with tempfile.TemporaryDirectory() as tmp:
        inp, outp = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        inp.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
        proc = subprocess.run(
            [cli(), "batch", "--input", str(inp), "--output", str(outp), "--sentences", "3"],
            cwd=ROOT,
            capture_output=True,
        )
        assert proc.returncode == 2  # some lines failed
        lines = outp.read_text(encoding="utf-8").splitlines()
    results = list(epitome.batch(items, sentences=3, threads=2))
    assert len(results) == len(lines) == len(items)
    for line, result in zip(lines, results):
        record = json.loads(line)
        if "error" in record:
            assert not result.ok
            assert result.id == record["id"]
            # The same reason; the CLI names the line, Python the item.
            assert record["error"].split(": ", 1)[1] == result.error.split(": ", 1)[1]
        else:
            assert result.ok
            assert result.to_json() == line


def test_typed_results_and_spans_slice_the_text():
    docs = [p.read_text(encoding="utf-8") for p in example_files()]
    s = epitome.summarize(docs, words=100)
    assert isinstance(s, epitome.Summary)
    assert s.budget == {"words": 100}
    assert s.algorithm in epitome.ALGORITHMS
    assert len(s) == len(s.sentences) > 0
    assert str(s) == s.summary == "\n".join(x.text for x in s.sentences)
    # Words as the budget counts them: whitespace tokens holding a letter or digit.
    assert sum(any(c.isalnum() for c in t) for t in s.summary.split()) <= 100
    assert any(x.support > 1 for x in s.sentences)
    for sentence in s.sentences:
        assert isinstance(sentence, epitome.Sentence)
        assert isinstance(sentence.score, float)
        assert sentence.support == len({src.doc for src in sentence.sources})
        for src in sentence.sources:
            assert isinstance(src, epitome.Source)
            original = docs[int(src.doc)].encode("utf-8")[src.start : src.end].decode("utf-8")
            assert original.strip()
    # Default budget: the library's, as for the CLI and HTTP.
    assert epitome.summarize(docs).budget == {"sentences": 5}


def test_non_ascii_offsets_are_utf8_bytes():
    texts = [
        "Café owners in Zürich said the bridge reopened on Monday. Über 40 shops opened again.",
        "Ärger, then relief — “finally”. Café owners in Zürich said the bridge reopened on Monday.",
    ]
    s = epitome.summarize(texts, sentences=2)
    assert any(x.support == 2 for x in s.sentences)
    for sentence in s.sentences:
        slices = [
            texts[int(src.doc)].encode("utf-8")[src.start : src.end].decode("utf-8")
            for src in sentence.sources
        ]
        assert sentence.text in slices, (sentence.text, slices)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: epitome.summarize([]), "no documents"),
        (lambda: epitome.summarize("just one string"), "not one string"),
        (lambda: epitome.summarize([{"title": "t"}]), "no `text` field"),
        (lambda: epitome.summarize([{"text": 5}]), "`text` is not a string"),
        (lambda: epitome.summarize([7]), "expected a string or an object"),
        (lambda: epitome.summarize(["   ", "\n"]), "no document has any text"),
        (lambda: epitome.summarize(["A b c."], words=5, sentences=2), "give one budget"),
        (lambda: epitome.summarize(["A b c."], words=-1), "at least 0"),
        (lambda: epitome.summarize(["A b c."], ratio=1.5), "ratio"),
        (lambda: epitome.summarize(["A b c."], algorithm="gpt"), "unknown algorithm `gpt`"),
        (lambda: epitome.summarize(["A b c."], order="random"), "unknown order"),
        (lambda: epitome.summarize(["A b c."], lang="xx"), "xx"),
        (lambda: epitome.summarize([{"text": "a", "id": object()}]), "expected str, dict"),
        (lambda: epitome.summarize([{"text": float("nan")}]), "NaN"),
        (lambda: epitome.batch([], chunk_size=0), "chunk_size"),
        (lambda: epitome.rouge("a", ["b"], metrics=["q"]), "unknown metric"),
        (lambda: epitome.rouge("a", ["b"], compat="perl"), "unknown compat"),
        (lambda: epitome.rouge("a", ["b"], alpha=2.0), "alpha"),
    ],
)
def test_errors_are_value_errors_with_the_rust_message(call, message):
    with pytest.raises(ValueError) as err:
        call()
    assert message in str(err.value)


def test_batch_reports_bad_items_and_goes_on():
    items = [
        {"id": "ok1", "documents": ["The levee broke early on Tuesday. Everyone left."]},
        "not a dict",
        {"documents": ["no id here."]},
        {"id": "nodocs", "documents": []},
        {"id": "ok2", "documents": ["The river crested on Tuesday. The shelters were full."]},
    ]
    results = list(epitome.batch(items, sentences=1))
    assert [r.ok for r in results] == [True, False, False, False, True]
    assert results[1].error == "item 2: expected a JSON object"
    assert results[2].id is None and "item 3" in results[2].error
    assert results[3].to_dict() == {"id": "nodocs", "error": "item 4: no documents"}
    assert results[4].id == "ok2"


def test_batch_input_exceptions_arrive_after_earlier_results():
    def items():
        yield {"id": "a", "documents": ["The river crested on Tuesday morning."]}
        raise RuntimeError("source broke")

    it = epitome.batch(items(), sentences=1)
    assert next(it).id == "a"
    with pytest.raises(RuntimeError, match="source broke"):
        next(it)


def test_ten_thousand_clusters_stream_with_bounded_memory():
    pulled = 0
    total = 10_000
    words = "river levee town council rain bridge school shelter water road mayor county".split()

    def clusters():
        nonlocal pulled
        for i in range(total):
            pulled += 1
            a = " ".join(words[(i + k) % len(words)] for k in range(9))
            b = " ".join(words[(i * 7 + k) % len(words)] for k in range(11))
            yield {
                "id": f"c{i}",
                "documents": [f"The {a} stayed. Then {b} moved on.", f"The {a} stayed. Later {b} left."],
            }

    it = epitome.batch(clusters(), sentences=1, chunk_size=256)
    first = next(it)
    assert first.id == "c0"
    assert pulled <= 256, "items are read a chunk at a time, not all at once"
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    count = 1
    last = first
    for result in it:
        assert result.ok, result
        count += 1
        last = result
        assert pulled - count <= 256
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert count == total
    assert last.id == f"c{total - 1}"
    # Streaming: peak memory grows by a chunk's worth, not by 10,000 summaries.
    assert rss_after - rss_before < 64 * 1024, (rss_before, rss_after)


def test_the_gil_is_released_during_work():
    docs = [
        " ".join(
            f"Sentence {i} of document {d} talks about the river, the levee and the town hall {i % 7}."
            for i in range(400)
        )
        for d in range(40)
    ]
    ticks = 0
    done = threading.Event()

    def work():
        epitome.summarize(docs, sentences=3, algorithm="textrank")
        done.set()

    t = threading.Thread(target=work)
    started = time.perf_counter()
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    elapsed = time.perf_counter() - started
    # With the GIL held for the whole call, this thread could not have woken up.
    if elapsed > 0.05:
        assert ticks >= 10, (ticks, elapsed)


def test_rouge_matches_rouge_score():
    scores = epitome.rouge(
        "The quick brown dog jumps on the log.",
        "The quick brown fox jumps over the lazy dog",
        metrics=["rouge1", "rougeL"],
        compat="rouge-score",
        stemming=True,
    )
    assert list(scores) == ["rouge-1", "rouge-l"]
    assert abs(scores["rouge-1"].f - 0.70588) < 1e-5
    assert set(scores["rouge-l"].to_dict()) == {"r", "p", "f"}
    default = epitome.rouge("a cat sat on a mat", ["the cats sat on the mat"])
    assert list(default) == ["rouge-1", "rouge-2", "rouge-l"]


def test_module_surface():
    assert epitome.__version__
    assert epitome.ALGORITHMS[0] == "auto"
    assert epitome.summarize.__doc__ and "budget" in epitome.summarize.__doc__
    stub = Path(epitome.__file__).with_name("__init__.pyi")
    assert stub.exists() and Path(epitome.__file__).with_name("py.typed").exists()
    assert sys.version_info >= (3, 8)
