"""The RDF store behind one small interface: embedded pyoxigraph by default (a persisted database in
the data directory), or a remote SPARQL 1.1 endpoint when a URL is given (`--store URL`, `KG_STORE`).

Both kinds have the same methods (named_graphs, replace_graph, add, remove_graph, update, query,
flush), and query returns pyoxigraph's result types from either, so callers do not care which it is.
"""

from __future__ import annotations

from pathlib import Path

from kg.store.embedded import EmbeddedStore, open_embedded
from kg.store.remote import RemoteStore

Store = EmbeddedStore | RemoteStore
DEFAULT_DATA = Path("data")


def open_store(data: Path | None = None, read_only: bool = False, url: str | None = None,
               timeout: float | None = 60.0) -> Store:
    """The remote store at `url` when given, else the embedded store of the data directory `data`.

    timeout: seconds to wait for a remote endpoint's answer (ignored by the embedded store).
    """
    if url:
        return RemoteStore(url, read_only=read_only, timeout=timeout)
    return open_embedded(Path(data or DEFAULT_DATA), read_only=read_only)


__all__ = ["EmbeddedStore", "RemoteStore", "Store", "open_store"]
