"""Search quality on ../shared/eval-dev/search-queries.jsonl: recall@5 and MRR@10 for dense retrieval
alone, BM25 alone and the hybrid, scored with the eval set's own scorer (score.py's recipe).

    python scripts/evaluate_search.py [--eval ../shared/eval-dev] [--data DIR] [--corpus corpus]

Builds the corpus into DIR (a temporary directory by default) with `kg build`, then asks every query in
the three modes. A hit counts when it comes from the named file and its whitespace-normalised text
contains the whitespace-normalised must_contain phrase.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import build  # noqa: E402
from kg.search import MODES, Searcher  # noqa: E402


def scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("score", eval_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval-dev")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    score = scorer(args.eval)
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp)
        build(args.corpus, data)
        searcher = Searcher(data)
        queries = [json.loads(line) for line in (args.eval / "search-queries.jsonl").open(encoding="utf-8") if line.strip()]
        for mode in MODES:
            results = tmp_results = Path(tmp) / f"{mode}.jsonl"
            with results.open("w", encoding="utf-8") as out:
                for q in queries:
                    hits = searcher.search(q["query"], k=args.k, mode=mode)
                    out.write(json.dumps({"query": q["query"], "results": [{"file": h.file, "text": h.text} for h in hits]}) + "\n")
            captured = io.StringIO()
            with contextlib.redirect_stdout(captured):
                score.score_search(str(tmp_results), 5)
            print(f"{mode:8} {captured.getvalue().strip()}")


if __name__ == "__main__":
    main()
