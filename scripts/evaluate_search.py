"""Search quality on ../shared/eval-dev/search-queries.jsonl: recall@5 and MRR@10 for dense retrieval
alone, BM25 alone and the hybrid, scored with the eval set's own scorer (score.py's recipe).

    python scripts/evaluate_search.py [--eval ../shared/eval-dev] [--data DIR] [--corpus corpus] [--cv]

Builds the corpus into DIR (a temporary directory by default) with `kg build`, then asks every query in
the three modes. A hit counts when it comes from the named file and its whitespace-normalised text
contains the whitespace-normalised must_contain phrase. Besides the figures on all queries it prints them
on each half: the odd-numbered queries (1, 3, ...) and the even-numbered ones.

--cv: 2-fold cross-validation of the fusion's parameters (RRF K and the lexical weight): each setting of
the grid is scored on one half, the best (recall@5 + MRR@10) is kept and reported on the other half.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import itertools
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import build  # noqa: E402
from kg.search import MODES, Searcher  # noqa: E402
from kg.search import searcher as searcher_module  # noqa: E402

GRID = {"RRF_K": (10, 20, 30, 60), "lexical": (0.2, 0.3, 0.5, 1.0)}


def scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("score", eval_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ask(searcher: Searcher, queries: list[dict], mode: str, k: int) -> list[list[dict]]:
    return [[{"file": h.file, "text": h.text} for h in searcher.search(q["query"], k=k, mode=mode)] for q in queries]


def official(score, queries: list[dict], results: list[list[dict]], path: Path) -> str:
    """The eval set's own scorer on all queries."""
    with path.open("w", encoding="utf-8") as out:
        for q, hits in zip(queries, results):
            out.write(json.dumps({"query": q["query"], "results": hits}) + "\n")
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        score.score_search(str(path), 5)
    return captured.getvalue().strip()


def figures(score, queries: list[dict], results: list[list[dict]], rows: list[int]) -> tuple[float, float]:
    """recall@5 and MRR@10 over the queries at `rows`, by score.py's rule for a hit."""
    def hit(item, r):
        return r["file"] == item["file"] and score.norm(item["must_contain"]) in score.norm(r["text"])
    recall, rr = [], []
    for i in rows:
        relevant, got = queries[i]["relevant"], results[i]
        recall.append(sum(any(hit(item, r) for r in got[:5]) for item in relevant) / len(relevant))
        first = next((n for n, r in enumerate(got[:10], 1) if any(hit(item, r) for item in relevant)), None)
        rr.append(1 / first if first else 0.0)
    return sum(recall) / len(rows), sum(rr) / len(rows)


def halves(n: int) -> tuple[list[int], list[int]]:
    """Rows of the odd-numbered queries (1, 3, ...) and of the even-numbered ones."""
    return list(range(0, n, 2)), list(range(1, n, 2))


def cross_validate(score, searcher: Searcher, queries: list[dict], k: int) -> None:
    odd, even = halves(len(queries))
    settings = list(itertools.product(GRID["RRF_K"], GRID["lexical"]))
    saved = searcher_module.RRF_K, dict(searcher_module.WEIGHTS)
    results = {}
    try:
        for rrf_k, lexical in settings:
            searcher_module.RRF_K, searcher_module.WEIGHTS = rrf_k, {**saved[1], "lexical": lexical}
            results[rrf_k, lexical] = ask(searcher, queries, "hybrid", k)
    finally:
        searcher_module.RRF_K, searcher_module.WEIGHTS = saved
    for tune, test, name in ((odd, even, "even"), (even, odd, "odd")):
        best = max(settings, key=lambda s: (sum(figures(score, queries, results[s], tune)), -settings.index(s)))
        recall, mrr = figures(score, queries, results[best], test)
        print(f"cv       tuned on the other half: RRF K {best[0]}, lexical weight {best[1]}; "
              f"held-out {name} queries recall@5 {recall:.3f}  MRR@10 {mrr:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval-dev")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--cv", action="store_true", help="cross-validate RRF K and the lexical weight")
    args = parser.parse_args()
    score = scorer(args.eval)
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp)
        build(args.corpus, data)
        searcher = Searcher(data)
        queries = [json.loads(line) for line in (args.eval / "search-queries.jsonl").open(encoding="utf-8") if line.strip()]
        odd, even = halves(len(queries))
        for mode in MODES:
            results = ask(searcher, queries, mode, args.k)
            line = official(score, queries, results, Path(tmp) / f"{mode}.jsonl")
            (ro, mo), (re_, me) = figures(score, queries, results, odd), figures(score, queries, results, even)
            print(f"{mode:8} {line}   odd {ro:.3f}/{mo:.3f}  even {re_:.3f}/{me:.3f}")
        if args.cv:
            cross_validate(score, searcher, queries, args.k)


if __name__ == "__main__":
    main()
