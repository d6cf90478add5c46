"""The RDF store behind one small interface: embedded pyoxigraph by default (a persisted database in
the data directory); a remote SPARQL 1.1 endpoint is the alternative (issue #5)."""

from kg.store.embedded import EmbeddedStore, open_store

__all__ = ["EmbeddedStore", "open_store"]
