"""Type stubs for epitome (the compiled module is epitome._epitome)."""

from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Union

__version__: str
ALGORITHMS: List[str]
"""The algorithm names `algorithm=` accepts, "auto" first."""

Document = Union[str, Mapping[str, Any]]
"""A document: its text, or a dict with "text" and optionally "id", "title", "url", "date"."""

class Source:
    """Where a summary sentence occurs in one document."""

    @property
    def doc(self) -> str:
        """The document's id (its position, "0", "1", ..., when it had none)."""
    @property
    def start(self) -> int:
        """First byte of the span, a UTF-8 byte offset into the document's text."""
    @property
    def end(self) -> int:
        """One past the last byte."""
    def to_dict(self) -> Dict[str, Any]:
        """{"doc", "start", "end"}."""

class Explanation:
    """The signals behind a chosen sentence (explain=True), the same for every algorithm."""

    @property
    def support(self) -> int:
        """Distinct documents that carry it."""
    @property
    def documents(self) -> int:
        """Documents in the cluster."""
    @property
    def position(self) -> int:
        """Its earliest position in a document (0: a first sentence)."""
    @property
    def leads(self) -> int:
        """In how many documents it is the first sentence."""
    @property
    def centrality(self) -> float:
        """TF-IDF cosine with the cluster centroid (0-1)."""
    @property
    def concepts(self) -> int:
        """Well-supported word-bigram concepts it covers."""
    @property
    def concept_weight(self) -> float:
        """Their total weight (document support plus lead bonus)."""
    @property
    def query(self) -> Optional[float]:
        """TF-IDF cosine with the query (0-1), None without a query."""
    @property
    def pronoun_opener(self) -> bool:
        """Whether it opens with a pronoun that refers back ("He said ...")."""
    def to_dict(self) -> Dict[str, Any]:
        """The fields as a dict ("query" only with a query)."""

class Sentence:
    """One summary sentence."""

    @property
    def text(self) -> str:
        """The sentence as shown."""
    @property
    def sources(self) -> List[Source]:
        """Every document that carries it, with the byte range where it does."""
    @property
    def support(self) -> int:
        """How many distinct documents carry it."""
    @property
    def score(self) -> float:
        """The selection algorithm's score."""
    @property
    def explain(self) -> Optional[Explanation]:
        """Why it was chosen (only with explain=True)."""
    def to_dict(self) -> Dict[str, Any]:
        """{"text", "sources", "support", "score"}, and "explain" with explain=True."""

class Summary:
    """The summary of one cluster; str(summary) is its text."""

    @property
    def id(self) -> str:
        """The cluster id ("cluster" for summarize, the item's id in batch)."""
    @property
    def summary(self) -> str:
        """The summary text: the sentences joined by newlines."""
    @property
    def sentences(self) -> List[Sentence]:
        """The summary sentences, in output order."""
    @property
    def algorithm(self) -> str:
        """The algorithm that ran ("auto" resolved)."""
    @property
    def budget(self) -> Dict[str, Union[int, float]]:
        """The budget as a one-key dict, such as {"words": 100}."""
    @property
    def warnings(self) -> List[str]:
        """Things worth knowing, such as a budget too small for any sentence."""
    @property
    def ok(self) -> bool:
        """Always True (a failed batch item is a BatchError)."""
    def to_dict(self) -> Dict[str, Any]:
        """The batch output record {"id", "summary", "sentences", "algorithm", "budget"}."""
    def to_json(self) -> str:
        """The batch output record as one JSON line, as `epitome batch` writes it."""
    def __len__(self) -> int: ...

class BatchError:
    """A batch item that could not be summarized."""

    @property
    def id(self) -> Optional[str]:
        """The item's id, when it had a readable one."""
    @property
    def error(self) -> str:
        """What went wrong, naming the item ("item 3: no documents")."""
    @property
    def ok(self) -> bool:
        """Always False."""
    def to_dict(self) -> Dict[str, Any]:
        """{"id", "error"}, as `epitome batch` writes a failed line."""

class BatchIterator(Iterator[Union[Summary, BatchError]]):
    """Results of `batch`, in input order."""

    def __iter__(self) -> "BatchIterator": ...
    def __next__(self) -> Union[Summary, BatchError]: ...

class RougeScore:
    """Recall, precision and F-measure of one ROUGE measure."""

    @property
    def r(self) -> float: ...
    @property
    def p(self) -> float: ...
    @property
    def f(self) -> float: ...
    def to_dict(self) -> Dict[str, float]: ...

def summarize(
    documents: Iterable[Document],
    *,
    words: Optional[int] = None,
    algorithm: str = "auto",
    query: Optional[str] = None,
    sentences: Optional[int] = None,
    chars: Optional[int] = None,
    bytes: Optional[int] = None,
    ratio: Optional[float] = None,
    tokens: Optional[int] = None,
    order: str = "position",
    lang: str = "auto",
    truecase: str = "auto",
    explain: bool = False,
) -> Summary:
    """Summarize one cluster of documents.

    Give at most one budget (words, sentences, chars, bytes, tokens, or ratio of the
    input's words); with none, the budget is 5 sentences, as for the CLI and HTTP. Raises
    ValueError on bad input, with the message the CLI would print.
    """

def batch(
    items: Iterable[Mapping[str, Any]],
    *,
    threads: int = 0,
    chunk_size: int = 512,
    words: Optional[int] = None,
    algorithm: str = "auto",
    query: Optional[str] = None,
    sentences: Optional[int] = None,
    chars: Optional[int] = None,
    bytes: Optional[int] = None,
    ratio: Optional[float] = None,
    tokens: Optional[int] = None,
    order: str = "position",
    lang: str = "auto",
    truecase: str = "auto",
    explain: bool = False,
) -> BatchIterator:
    """Summarize many clusters ({"id", "documents", "query"?} dicts), streaming.

    Yields a Summary or a BatchError per item, in input order; reads chunk_size items at
    a time and summarizes each chunk on `threads` workers (0: one per core).
    """

def rouge(
    summary: str,
    references: Union[str, Sequence[str]],
    *,
    metrics: Optional[Sequence[str]] = None,
    compat: str = "rouge155",
    stemming: Union[None, bool, str] = None,
    remove_stopwords: bool = False,
    truncate_words: Optional[int] = None,
    truncate_bytes: Optional[int] = None,
    multi_ref: Optional[str] = None,
    alpha: float = 0.5,
) -> Dict[str, RougeScore]:
    """ROUGE of summary against references, as ROUGE-1.5.5 ("rouge155") or rouge-score
    ("rouge-score") computes it; keys such as "rouge-1", "rouge-l", in the order asked."""
