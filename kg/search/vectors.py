"""Nearest passages by cosine similarity: exact search up to EXACT_LIMIT vectors, an HNSW graph
(usearch) beyond.

Exact search over normalised float32 vectors is one matrix-vector product: about 0.1 ms per 1,000
passages here, so under 2 ms up to 20,000 passages, with perfect recall. Beyond that an HNSW graph keeps
a query under a millisecond at 1M passages with recall@10 of about 0.99 against exact search
(benchmarks/bench_search.py measures usearch, faiss and hnswlib; the README gives the figures).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

EXACT_LIMIT = 20_000
CONNECTIVITY = 16  # HNSW M: edges per node
EXPANSION_ADD = 128  # efConstruction
EXPANSION_SEARCH = 96  # efSearch: recall against latency


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def build_hnsw(vectors: np.ndarray, threads: int = 0):
    """An HNSW graph over `vectors` (normalised), keyed by row number."""
    from usearch.index import Index

    index = Index(ndim=vectors.shape[1], metric="ip", dtype="f16", connectivity=CONNECTIVITY,
                  expansion_add=EXPANSION_ADD, expansion_search=EXPANSION_SEARCH)
    index.add(np.arange(len(vectors), dtype=np.uint64), vectors, threads=threads)
    return index


def load_hnsw(path: Path):
    """A saved HNSW graph, memory-mapped (loads at once, whatever its size)."""
    from usearch.index import Index

    return Index.restore(str(path), view=True)


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
            top = _top(scores, n)
            return rows[top], scores[top]
        want = n if mask is None else min(len(self.vectors), n * 10)
        found = self.hnsw.search(query, want)
        rows, scores = found.keys.astype(np.int64), 1.0 - found.distances.astype(np.float32)
        if mask is not None:
            keep = mask[rows]
            rows, scores = rows[keep][:n], scores[keep][:n]
        return rows, scores


def _top(scores: np.ndarray, n: int) -> np.ndarray:
    if n >= len(scores):
        return np.argsort(-scores, kind="stable")
    part = np.argpartition(-scores, n)[:n]
    return part[np.argsort(-scores[part], kind="stable")]
