"""A build killed with SIGKILL at any moment leaves the previous graph intact and queryable."""

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build
from kg.query import run_query

ROOT = Path(__file__).resolve().parent.parent
BUILD = [sys.executable, "-c", "from kg.cli import app; app()", "build"]


def rows(data: Path, query: str) -> list[dict]:
    return json.loads(run_query(data, query, "json"))["results"]["bindings"]


def graph_state(data: Path) -> dict[str, tuple[str, int]]:
    """Each paper graph's build key (all of them, should there be several) and quad count."""
    keys = rows(data, "SELECT ?g (GROUP_CONCAT(?k) AS ?keys) WHERE { GRAPH ?g { ?p ckg:buildKey ?k } } GROUP BY ?g")
    counts = rows(data, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    count = {r["g"]["value"]: int(r["n"]["value"]) for r in counts}
    return {r["g"]["value"]: (r["keys"]["value"], count[r["g"]["value"]]) for r in keys}


@pytest.mark.slow
def test_sigkill_at_any_moment_leaves_each_paper_graph_old_or_new_and_the_next_build_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for paper in sorted((ROOT / "corpus").glob("*.txt"))[2:]:
        shutil.copy(paper, corpus / paper.name)
    data = tmp_path / "data"
    build(corpus, data)
    old = graph_state(data)

    for paper in corpus.iterdir():
        paper.write_text(paper.read_text(encoding="utf-8") + "\n\nLocal government supports knowledge spillover.\n", encoding="utf-8")
    reference = tmp_path / "reference"
    build(corpus, reference)
    new = graph_state(reference)
    assert set(old) == set(new) and all(old[g][0] != new[g][0] for g in old)

    for delay in (0.5, 2.0, 3.5, 5.0, 6.5, 8.0):
        process = subprocess.Popen([*BUILD, str(corpus), "--data", str(data)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        state = graph_state(data)
        assert set(state) == set(old), f"paper graphs changed after a kill at {delay}s: {set(state) ^ set(old)}"
        for graph, (key, count) in state.items():
            assert (key, count) in (old[graph], new[graph]), f"{graph} half-written after a kill at {delay}s"

    finished = subprocess.run([*BUILD, str(corpus), "--data", str(data)], capture_output=True, text=True, cwd=ROOT)
    assert finished.returncode == 0, finished.stderr
    assert graph_state(data) == new
