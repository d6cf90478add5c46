"""BM25 over passage texts, with bm25s (sparse matrices in numpy/scipy: it scores a query against 1M
passages in milliseconds), English stop words removed and words stemmed with the Snowball stemmer.

The best rows are picked from bm25s's scores by `top_rows`, not by bm25s's `retrieve`, whose own top-k
step took most of a query's time at 100k passages and more at 1M."""

from __future__ import annotations

import numpy as np

from kg.search.vectors import top_rows


def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


class Lexical:
    """A BM25 index of `texts`, rows in the same order."""

    def __init__(self, texts: list[str]) -> None:
        import bm25s

        self.size = len(texts)
        self.stemmer = _stemmer()
        self.retriever = bm25s.BM25()
        if texts:
            tokens = bm25s.tokenize(texts, stopwords="en", stemmer=self.stemmer, show_progress=False)
            self.retriever.index(tokens, show_progress=False)

    def tokens(self, text: str) -> list[str]:
        """The query's stemmed words that the index knows."""
        import bm25s

        words = bm25s.tokenize([text], stopwords="en", stemmer=self.stemmer, return_ids=False, show_progress=False)[0]
        vocabulary = self.retriever.vocab_dict if self.size else {}
        return [w for w in words if w in vocabulary]

    def search(self, words: list[str], n: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Rows and BM25 scores of the `n` best passages for the query words, best first (score > 0)."""
        if not self.size or not words or n <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores = self.retriever.get_scores(words, weight_mask=None if mask is None else mask.astype(np.float32))
        rows = top_rows(scores, min(n, self.size))
        rows = rows[scores[rows] > 0]
        return rows, scores[rows]
