"""Nearest passages by cosine similarity: exact search up to EXACT_LIMIT vectors, an HNSW graph
(faiss IndexHNSWFlat) beyond.

Exact search over normalised float32 vectors is one matrix-vector product: about 0.1 ms per 1,000
passages here, so under 2 ms up to 20,000 passages, with perfect recall. Beyond that an HNSW graph keeps
a query under a millisecond at 1M passages with recall@10 of about 0.99 against exact search
(benchmarks/bench_search.py measures faiss, hnswlib and usearch; faiss had the best recall at 1M at
the same graph settings, see the README).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

EXACT_LIMIT = 20_000
CONNECTIVITY = 16  # HNSW M: edges per node
EXPANSION_ADD = 128  # efConstruction
EXPANSION_SEARCH = 128  # efSearch: recall against latency


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def build_hnsw(vectors: np.ndarray):
    """An HNSW graph over `vectors` (normalised), keyed by row number."""
    import faiss

    index = faiss.IndexHNSWFlat(vectors.shape[1], CONNECTIVITY, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = EXPANSION_ADD
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    index.hnsw.efSearch = EXPANSION_SEARCH
    return index


def save_hnsw(index, path: Path) -> None:
    import faiss

    faiss.write_index(index, str(path))


def load_hnsw(path: Path):
    """A saved HNSW graph."""
    import faiss

    index = faiss.read_index(str(path))
    index.hnsw.efSearch = EXPANSION_SEARCH
    return index


class VectorIndex:
    """Cosine search over the rows of `vectors`; `hnsw` is a prebuilt graph or None to decide by size."""

    def __init__(self, vectors: np.ndarray, hnsw=None, exact_limit: int = EXACT_LIMIT) -> None:
        self.vectors = normalise(vectors) if len(vectors) else np.zeros((0, 0), dtype=np.float32)
        self.hnsw = hnsw if hnsw is not None else (build_hnsw(self.vectors) if len(self.vectors) > exact_limit else None)

    def __len__(self) -> int:
        return len(self.vectors)

    def search(self, query: np.ndarray, n: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Rows and similarities of the `n` nearest vectors, best first; only rows where `mask` is True."""
        if not len(self.vectors) or n <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        query = normalise(query)
        if self.hnsw is None or (mask is not None and mask.sum() <= EXACT_LIMIT):
            rows = np.arange(len(self.vectors)) if mask is None else np.flatnonzero(mask)
            scores = self.vectors[rows] @ query if mask is not None else self.vectors @ query
            top = top_rows(scores, n)
            return rows[top], scores[top]
        want = n if mask is None else min(len(self.vectors), n * 10)
        scores, rows = self.hnsw.search(query[None, :], want)
        rows, scores = rows[0].astype(np.int64), scores[0]
        scores = scores[rows >= 0]
        rows = rows[rows >= 0]
        if mask is not None:
            keep = mask[rows]
            rows, scores = rows[keep][:n], scores[keep][:n]
        return rows, scores


def top_rows(scores: np.ndarray, n: int) -> np.ndarray:
    """Rows of the `n` highest scores, best first, equal scores in row order (exact)."""
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    if n >= len(scores):
        candidates = np.arange(len(scores))
    else:
        candidates = np.flatnonzero(scores >= _nth_highest_bound(scores, n))
    return candidates[np.lexsort((candidates, -scores[candidates]))[:n]]


TOP_BLOCK = 1024


def _nth_highest_bound(scores: np.ndarray, n: int):
    """A score that at least `n` of `scores` reach, close to the n-th highest.

    The n-th highest of the maxima of blocks of TOP_BLOCK scores: n blocks reach it, each with at least one
    score. One pass over 1M scores instead of a partition of them (argpartition took 10 times as long).
    """
    blocks = len(scores) // TOP_BLOCK
    if blocks < n:
        return np.partition(scores, len(scores) - n)[len(scores) - n]
    maxima = scores[: blocks * TOP_BLOCK].reshape(blocks, TOP_BLOCK).max(axis=1)
    return np.partition(maxima, blocks - n)[blocks - n]
