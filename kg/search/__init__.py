"""Semantic and hybrid search over the passages of the corpus, linked to the graph (issue #6).

`kg build` calls `add_papers` and `remove_papers` to keep the index in DATA_DIR/search/ in step with the
papers' graphs; `Searcher` answers queries for the CLI and the app.
"""

from kg.search.index import add_papers, indexed_keys, load_index, remove_papers
from kg.search.searcher import MODES, Hit, Searcher

__all__ = ["MODES", "Hit", "Searcher", "add_papers", "indexed_keys", "load_index", "remove_papers"]
