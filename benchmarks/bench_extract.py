"""Extraction throughput against the same spaCy pipeline's bare nlp.pipe, over the same paragraphs.

Run: .venv/bin/python benchmarks/bench_extract.py [--words 60000] [--repeat 3]
Prints, for one and two processes: ours in words/s, the bare nlp.pipe baseline measured in the same run,
and the ratio (target >= 0.8). Model loading is outside the timings; each figure is the median of
--repeat runs after a warm-up, ours and the baseline's timed in turn so that other load falls on both alike.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.extract.pipeline import Extractor, content_paragraphs
from kg.ingest.read import read_paper
from kg.models import load_spacy
from timing import interleaved_medians

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_papers(words: int) -> list:
    """The corpus papers, repeated until they hold at least `words` words of content."""
    papers = [read_paper(p) for p in sorted(CORPUS.glob("*.txt"))]
    per_round = sum(len(p.text.split()) for paper in papers for _, _, p in content_paragraphs(paper))
    return papers * max(1, -(-words // per_round))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    papers = corpus_papers(args.words)
    texts = [p.text for paper in papers for _, _, p in content_paragraphs(paper)]
    words = sum(len(t.split()) for t in texts)
    bare = load_spacy()
    extractor = Extractor()
    print(f"corpus  {len(papers)} papers, {len(texts)} paragraphs, {words} words")
    for processes in (1, 2):
        base_seconds, our_seconds = interleaved_medians(
            lambda: list(bare.pipe(texts, n_process=processes, batch_size=64)),
            lambda: list(extractor.extract_many(papers, n_process=processes)), args.repeat)
        base, ours = words / base_seconds, words / our_seconds
        print(f"extract ({processes} process{'es' if processes > 1 else ''})  {ours:.0f} words/s  "
              f"bare nlp.pipe {base:.0f} words/s  ratio {ours / base:.2f}")


if __name__ == "__main__":
    main()
