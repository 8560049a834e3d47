"""epitome: multi-document extractive summarization with exact attribution.

Every summary sentence is taken from the documents, names the byte range of every
document that carries it, and says how many do. It never invents text.

>>> import epitome
>>> s = epitome.summarize(["The bridge reopened on Monday after repairs. Traffic was light.",
...                        "After repairs, the bridge reopened on Monday. Shops were glad."],
...                       sentences=1)
>>> s.sentences[0].support
2

The functions are thin shells over the Rust library: keyword arguments build the same
configuration as the `epitome` command's flags, and the work runs with the GIL released.
"""

from ._epitome import (
    ALGORITHMS,
    BatchError,
    BatchIterator,
    Explanation,
    RougeScore,
    Sentence,
    Source,
    Summary,
    __version__,
    batch,
    rouge,
    summarize,
)

__all__ = [
    "ALGORITHMS",
    "BatchError",
    "BatchIterator",
    "Explanation",
    "RougeScore",
    "Sentence",
    "Source",
    "Summary",
    "__version__",
    "batch",
    "rouge",
    "summarize",
]
