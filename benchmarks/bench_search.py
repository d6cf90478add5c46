"""Search speed: index build throughput against bare model.encode, query latency at scale, and the
vector index libraries compared.

Run: .venv/bin/python benchmarks/bench_search.py [--sizes 1000 100000 1000000] [--compare 100000]
     (build only: --sizes --compare 0)

1. build: `add_papers` over the corpus's passages (extraction done beforehand) against a bare
   `model.encode` of the same passage texts, same model, same batch size, same run: 5 runs of each,
   interleaved (bare, ours, ours, bare, ...) so that other load falls on both alike, median of each; the
   figure is bare time / our time (1.0 = no overhead), with add_papers' own time outside `encode`.
2. query: `Searcher.search` (hybrid: query embedding, dense, BM25, fusion, near-duplicate removal; model
   load excluded) over synthetic indexes of N passages: clustered unit vectors and texts drawn from the
   corpus's own words; the 40 eval-dev queries, p50 and p95. Recall@10 of the vector index (HNSW
   beyond 20,000 passages) against exact search, on 200 synthetic queries.
3. compare: faiss IndexHNSWFlat, hnswlib and usearch (f16) at the same settings (M 16, ef_construction
   128, ef_search 128): build time, p50/p95 per query, recall@10 against exact.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from kg.ingest.read import find_inputs, read_bibliography, read_paper
from kg.models import embed_query, load_embedder
from kg.search.index import BATCH_SIZE, Index, add_papers
from kg.search.lexical import Lexical
from kg.search.passages import clean, make_passages
from kg.search.searcher import Searcher
from kg.search.vectors import CONNECTIVITY, EXPANSION_ADD, EXPANSION_SEARCH, VectorIndex, normalise
from timing import interleaved_times

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
QUERIES = ROOT.parent / "shared" / "eval-dev" / "search-queries.jsonl"
DIM = 384


def extracted_corpus():
    from kg.extract.pipeline import Extractor
    from kg.ontology import load_graph, load_relations, load_vocabulary
    from kg.settings import ontology_path

    papers, bibliographies = find_inputs(CORPUS)
    bibliography = [r for b in bibliographies for r in read_bibliography(b)]
    graph = load_graph(ontology_path())
    extractor = Extractor(vocabulary=load_vocabulary(graph=graph), relations=load_relations(graph=graph))
    return list(extractor.extract_many(read_paper(p, bibliography=bibliography) for p in papers))


def bench_build(model, repeat: int = 5) -> None:
    """add_papers against a bare encode of the same texts, runs interleaved so that load from other
    processes falls on both alike; the ratio of the medians, and add_papers' time outside `encode`."""
    items = extracted_corpus()
    texts = [clean(p.text) for paper, extraction in items for p in make_passages(paper, extraction)]
    encoding = []  # seconds spent inside model.encode during each add_papers run

    class Timed:
        def encode(self, *args, **kwargs):
            started = time.perf_counter()
            try:
                return model.encode(*args, **kwargs)
            finally:
                encoding.append(time.perf_counter() - started)

    def bare():
        model.encode(texts, batch_size=BATCH_SIZE, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False)

    def ours():
        with tempfile.TemporaryDirectory() as tmp:
            add_papers(Path(tmp), [(paper, extraction, "bench") for paper, extraction in items], embedder=Timed())

    bare_times, our_times = interleaved_times(bare, ours, repeat)
    bare_s, ours_s = statistics.median(bare_times), statistics.median(our_times)
    outside = statistics.median(t - e for t, e in zip(our_times, encoding[1:]))  # encoding[0]: the warm-up
    print(f"build    {len(texts) / ours_s:8.1f} passages/s  bare model.encode {len(texts) / bare_s:8.1f} passages/s  "
          f"ratio {bare_s / ours_s:.3f}  ({len(texts)} passages, median of {repeat} interleaved runs each; "
          f"add_papers outside encode {outside * 1000:.0f} ms)", flush=True)


def synthetic_vectors(n: int, rng: np.random.Generator, centers: np.ndarray) -> np.ndarray:
    """Unit vectors around topic centres: neighbourhoods like real embeddings have, unlike uniform noise."""
    out = np.empty((n, DIM), dtype=np.float32)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        v = centers[rng.integers(0, len(centers), m)] + rng.normal(0, 1 / np.sqrt(DIM), (m, DIM)).astype(np.float32)
        out[start:start + m] = normalise(v)
    return out


def centres(n: int, rng: np.random.Generator) -> np.ndarray:
    return normalise(rng.normal(size=(max(100, n // 500), DIM)).astype(np.float32))


def synthetic_texts(n: int, rng: np.random.Generator) -> list[str]:
    words = " ".join(clean(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))).split()
    vocabulary, counts = np.unique(np.array(words), return_counts=True)
    p = counts / counts.sum()
    picks = rng.choice(len(vocabulary), size=(n, 40), p=p)
    return [" ".join(vocabulary[row]) for row in picks]


def recall(found: list[np.ndarray], exact: list[np.ndarray], k: int = 10) -> float:
    return float(np.mean([len(set(f[:k].tolist()) & set(e[:k].tolist())) / k for f, e in zip(found, exact)]))


def synthetic_passages(texts: list[str]) -> list[dict]:
    """Passages one after another in one file, as a paper's sentences are: none inside another (with
    shared offsets near-duplicate removal would take every passage for a window of the first)."""
    passages, start = [], 0
    for i, t in enumerate(texts):
        passages.append({"owner": 0, "text": t, "start": start, "end": start + len(t), "section": "body", "first": i,
                         "last": i, "concepts": [], "categories": [], "labels": []})
        start += len(t) + 1
    return passages


def percentiles(times: list[float]) -> tuple[float, float]:
    return float(np.percentile(times, 50) * 1000), float(np.percentile(times, 95) * 1000)


def bench_query(model, sizes: list[int]) -> None:
    queries = [json.loads(line)["query"] for line in QUERIES.open(encoding="utf-8") if line.strip()]
    rng = np.random.default_rng(0)
    for n in sizes:
        c = centres(n, rng)
        vectors = synthetic_vectors(n, rng, c)
        texts = synthetic_texts(n, rng)
        started = time.perf_counter()
        vector_index = VectorIndex(vectors)
        lexical = Lexical(texts)
        built = time.perf_counter() - started
        passages = synthetic_passages(texts)
        index = Index([{"file": "synthetic.txt", "paper": "urn:synthetic", "citation": "synthetic", "year": None}],
                      passages, vector_index, lexical)
        searcher = Searcher(Path("/nonexistent"), embedder=model, index=index)
        for q in queries[:5]:
            searcher.search(q, k=10)  # warm-up
        times, encode_times = [], []
        for q in queries * 3:
            t = time.perf_counter()
            searcher.search(q, k=10)
            times.append(time.perf_counter() - t)
            t = time.perf_counter()
            embed_query(model, q)
            encode_times.append(time.perf_counter() - t)
        p50, p95 = percentiles(times)
        # the same searches with the query vectors computed beforehand by the same model: retrieval alone
        searcher._embedder = _Precomputed(model, queries)
        retrieval = []
        for q in queries * 3:
            t = time.perf_counter()
            searcher.search(q, k=10)
            retrieval.append(time.perf_counter() - t)
        r50, r95 = percentiles(retrieval)
        e50, e95 = percentiles(encode_times)
        probe = synthetic_vectors(200, rng, c)
        exact = [np.argsort(-(vector_index.vectors @ q))[:10] for q in probe]
        found = [vector_index.search(q, 10)[0] for q in probe]
        kind = "hnsw (faiss)" if vector_index.hnsw is not None else "exact"
        print(f"query    {n:>9,} passages  p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  (retrieval alone p50 {r50:.2f} ms p95 "
              f"{r95:.2f} ms; query embedding alone p50 {e50:.2f} ms p95 {e95:.2f} ms)  vector index {kind}, recall@10 vs "
              f"exact {recall(found, exact):.3f}  (index built in {built:.0f} s)", flush=True)
        del searcher, index, passages, texts, vectors, vector_index, lexical


class _Precomputed:
    """The real model's vectors for the benchmark queries, computed once, served by text."""

    def __init__(self, model, queries: list[str]) -> None:
        vectors = model.encode(queries, normalize_embeddings=True, convert_to_numpy=True)
        self.vectors = dict(zip(queries, vectors))

    def encode(self, texts: list[str], **kwargs) -> np.ndarray:
        return np.stack([self.vectors[t] for t in texts])


def bench_compare(n: int) -> None:
    rng = np.random.default_rng(1)
    c = centres(n, rng)
    vectors, probe = synthetic_vectors(n, rng, c), synthetic_vectors(200, rng, c)
    exact = [np.argsort(-(vectors @ q))[:10] for q in probe]
    exact_times = []
    for q in probe[:50]:
        t = time.perf_counter()
        np.argpartition(-(vectors @ q), 10)[:10]
        exact_times.append(time.perf_counter() - t)
    print(f"compare  {n:>9,} vectors  exact (numpy)  p50/p95 {percentiles(exact_times)[0]:.2f}/{percentiles(exact_times)[1]:.2f} ms")

    def faiss_index():
        import faiss

        index = faiss.IndexHNSWFlat(DIM, CONNECTIVITY, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = EXPANSION_ADD
        index.add(vectors)
        index.hnsw.efSearch = EXPANSION_SEARCH
        return lambda q: index.search(q[None, :], 10)[1][0]

    def hnswlib_index():
        import hnswlib

        index = hnswlib.Index(space="ip", dim=DIM)
        index.init_index(max_elements=n, ef_construction=EXPANSION_ADD, M=CONNECTIVITY)
        index.add_items(vectors, np.arange(n))
        index.set_ef(EXPANSION_SEARCH)
        return lambda q: index.knn_query(q, 10)[0][0]

    def usearch_index():
        from usearch.index import Index as USearch

        index = USearch(ndim=DIM, metric="ip", dtype="f16", connectivity=CONNECTIVITY, expansion_add=EXPANSION_ADD,
                        expansion_search=EXPANSION_SEARCH)
        index.add(np.arange(n, dtype=np.uint64), vectors)
        return lambda q: index.search(q, 10).keys

    for name, make in (("faiss", faiss_index), ("hnswlib", hnswlib_index), ("usearch", usearch_index)):
        started = time.perf_counter()
        search = make()
        built = time.perf_counter() - started
        times, found = [], []
        for q in probe:
            t = time.perf_counter()
            found.append(np.asarray(search(q)))
            times.append(time.perf_counter() - t)
        p50, p95 = percentiles(times)
        print(f"compare  {n:>9,} vectors  {name:8} build {built:7.1f} s  p50 {p50:.2f} ms  p95 {p95:.2f} ms  "
              f"recall@10 vs exact {recall(found, exact):.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 100_000, 1_000_000],
                        help="index sizes for the query benchmark (none: skip it)")
    parser.add_argument("--compare", type=int, default=100_000, help="vectors for the library comparison (0: skip)")
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    model = load_embedder()
    if not args.skip_build:
        bench_build(model)
    bench_query(model, args.sizes)
    if args.compare:
        bench_compare(args.compare)


if __name__ == "__main__":
    main()
