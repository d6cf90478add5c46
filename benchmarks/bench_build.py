"""Whole builds: the corpus replicated to many papers, and no-change rebuilds.

Run: .venv/bin/python benchmarks/bench_build.py [--papers 1000] [--processes 2]
Prints:
- a full build of the corpus replicated to --papers papers (each copy made distinct, so none is
  skipped), in words/s, against bare nlp.pipe over the same paragraphs in the same run;
- a no-change rebuild of the 5 papers and of the --papers papers, as a `kg build` command (process
  start, imports and hashing included) and as a library call; the per-file cost at the large size over
  the per-file cost at 5 (<= 1 means it grows no faster than the number of files).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.build import build
from kg.extract.pipeline import content_paragraphs
from kg.ingest.read import read_paper
from kg.models import load_spacy

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def replicate(target: Path, papers: int) -> None:
    """Copies of the corpus papers, each with a line that makes its content (and hash) unique."""
    target.mkdir(parents=True)
    sources = sorted(CORPUS.glob("*.txt"))
    for n in range(papers):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        (target / f"{source.stem}-copy{n:05d}.txt").write_text(f"{text}\n\nCopy {n} of this paper.\n", encoding="utf-8")


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def cli_rebuild(corpus: Path, data: Path) -> float:
    command = [sys.executable, "-c", "from kg.cli import app; app()", "build", str(corpus), "--data", str(data)]
    return timed(lambda: subprocess.run(command, check=True, capture_output=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small, large = tmp / "small", tmp / "large"
        shutil.copytree(CORPUS, small)
        replicate(large, args.papers)

        texts = [p.text for f in sorted(large.glob("*.txt")) for _, _, p in content_paragraphs(read_paper(f))]
        words = sum(len(t.split()) for t in texts)
        nlp = load_spacy()
        base = words / timed(lambda: list(nlp.pipe(texts, n_process=args.processes, batch_size=64)))
        full = timed(lambda: build(large, tmp / "data-large", processes=args.processes))
        print(f"full build ({args.papers} papers, {words} words, {args.processes} processes)  {words / full:.0f} words/s "
              f"({full:.0f} s)  bare nlp.pipe {base:.0f} words/s  ratio {words / full / base:.2f}")

        build(small, tmp / "data-small")
        small_cli = min(cli_rebuild(small, tmp / "data-small") for _ in range(3))
        small_lib = min(timed(lambda: build(small, tmp / "data-small")) for _ in range(3))
        large_cli = min(cli_rebuild(large, tmp / "data-large") for _ in range(3))
        large_lib = min(timed(lambda: build(large, tmp / "data-large")) for _ in range(3))
        n_small = len(list(small.glob("*.txt")))
        print(f"no-change rebuild, {n_small} papers  kg build {small_cli:.2f} s  library call {small_lib:.3f} s")
        print(f"no-change rebuild, {args.papers} papers  kg build {large_cli:.2f} s  library call {large_lib:.3f} s")
        growth = (large_lib / args.papers) / (small_lib / n_small)
        print(f"no-change rebuild per file  {args.papers} papers {large_lib / args.papers * 1000:.2f} ms  "
              f"{n_small} papers {small_lib / n_small * 1000:.2f} ms  ratio {growth:.2f}")


if __name__ == "__main__":
    main()
