"""Every named query in queries/ parses and answers over the ontology."""

from pathlib import Path

import pytest
from rdflib import Graph

from kg import ontology

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def graph(ontology_file: Path) -> Graph:
    return ontology.load_graph(ontology_file)


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_query_is_headed_by_its_question_and_columns(query: Path) -> None:
    head = query.read_text(encoding="utf-8").splitlines()[:4]
    assert head[0].startswith("# Question:") and any(line.startswith("# Columns:") for line in head)


def test_concepts_per_category_counts_every_mention_category(graph: Graph) -> None:
    rows = {str(r.category): (int(r.concepts), int(r.synonyms))
            for r in graph.query((ROOT / "queries" / "concepts_per_category.rq").read_text(encoding="utf-8"))}
    vocabulary = ontology.load_vocabulary(graph=graph)
    for category in set(vocabulary.categories.values()):
        expected = sum(1 for c in vocabulary.concepts.values() if c.category == category)
        assert rows[category][0] == expected
