"""`kg build`: read the corpus, extract, and write each paper's named graph into the store.

Incremental: a paper whose build key (its content hash, the hashes of the ontology file and of the
bibliography files, the software version with a hash of the code that reads and extracts papers, and the
spaCy pipeline setting) matches the one stored with its graph is skipped without loading any model; a
new release of the reading or extraction code builds every paper again. A paper that cannot be read is
reported and skipped; the others are built. Papers removed from the corpus lose their graphs.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg import __version__
from kg.errors import ClusterKGError, InputError
from kg.graph import BUILDS_GRAPH, ONTOLOGY_GRAPH, BuildInfo, build_quads, node, paper_graph, paper_key, paper_quads
from kg.ingest.read import find_inputs, read_bibliography, read_paper
from kg.ingest.types import Paper
from kg.namespaces import CKG, resource
from kg.reason import AGGREGATES_GRAPH, DeriveReport, derive
from kg.search import add_papers, indexed_keys, remove_papers
from kg.settings import ontology_path, spacy_model_names
from kg.store import open_store

DEFAULT_CORPUS = Path("corpus")
DEFAULT_DATA = Path("data")
PACKAGE = Path(__file__).resolve().parent  # whose reading and extraction code `code_hash` covers


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    derived: DeriveReport | None = None  # inference, aggregates and SHACL validation (kg/reason.py)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_key(content_hash: str, ontology_hash: str, bibliography_hash: str = "") -> str:
    """What a paper's graph depends on: if any part changes, the paper is built again."""
    parts = [content_hash, ontology_hash, bibliography_hash, __version__, code_hash(), ",".join(spacy_model_names())]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


@lru_cache(maxsize=4)
def code_hash(package: Path = PACKAGE) -> str:
    """A hash of the source of the stages that make a paper's graph (reading, extraction, the graph's
    shape), so that a changed rule rebuilds papers even where the version number was not raised."""
    sources = sorted([*package.glob("ingest/*.py"), *package.glob("extract/*.py"), package / "graph.py",
                      package / "namespaces.py"])
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def stored_build_keys(store) -> dict[str, str]:
    """Build key of each paper graph in the store, by graph IRI."""
    rows = store.query(f"SELECT ?g ?k WHERE {{ GRAPH ?g {{ ?p <{CKG.buildKey}> ?k }} }}", union=False)
    return {row["g"].value: row["k"].value for row in rows}


def build(corpus: Path = DEFAULT_CORPUS, data: Path = DEFAULT_DATA, ontology: Path | None = None, force: bool = False,
          on_error: Callable[[InputError], None] | None = None,
          progress: Callable[[int], Callable[[str], None]] | None = None, processes: int = 1,
          store_url: str | None = None) -> BuildReport:
    """Build or update the graph of `corpus` in `data`, or in the SPARQL endpoint at `store_url`.

    on_error is called with each paper that cannot be read; progress(total) returns a callback called
    with each file name as it is done; processes is the number of spaCy worker processes. With a
    store_url, `data` still keeps the extracted text of PDFs.
    """
    ontology = Path(ontology or ontology_path())
    report = BuildReport()
    papers, bibliographies = find_inputs(corpus)
    store = open_store(data, url=store_url)
    ontology_hash = file_hash(ontology)
    bibliography_hash = hashlib.sha256("".join(file_hash(p) for p in bibliographies).encode()).hexdigest()
    started = datetime.now(timezone.utc).isoformat()
    build_info_iri = str(resource("build", f"{started[:19].replace(':', '')}-{uuid.uuid4().hex[:8]}"))
    existing = stored_build_keys(store)
    stored = {} if force else existing
    indexed = {} if force else indexed_keys(data)  # search index (#6): a paper missing there is built again

    todo = []
    for path in papers:
        key = build_key(file_hash(path), ontology_hash, bibliography_hash)
        if stored.get(paper_graph(path).value) == key and indexed.get(path.name) == key:
            report.skipped.append(path.name)
        else:
            todo.append((path, key))
    present = {paper_graph(p).value for p in papers}
    for graph in sorted(set(existing) - present):
        store.remove_graph(node(graph))
        report.removed.append(graph)
    remove_papers(data, keep=[p.name for p in papers])  # search index (#6)

    if todo or _ontology_graph_stale(store, ontology_hash):
        _load_ontology(store, ontology, ontology_hash)
    if not todo:
        if report.removed or not _derived_present(store):  # --- derived graphs (kg/reason.py)
            report.derived = derive(store, ontology, changed_graphs=[])
        return report

    from kg.extract.pipeline import Extractor  # loads spaCy: only when there is work to do
    from kg.ontology import load_graph, load_relations, load_vocabulary

    bibliography = []
    for path in bibliographies:
        try:
            bibliography.extend(read_bibliography(path))
        except InputError as e:
            report.failed.append((path.name, e.reason))
            if on_error:
                on_error(e)
    graph = load_graph(ontology)
    vocabulary = load_vocabulary(graph=graph)
    extractor = Extractor(vocabulary=vocabulary, relations=load_relations(graph=graph))
    done = progress(len(todo)) if progress else (lambda name: None)

    def readable() -> Iterator[Paper]:
        for path, _ in todo:
            try:
                yield read_paper(path, bibliography=bibliography)
            except InputError as e:
                report.failed.append((path.name, e.reason))
                if on_error:
                    on_error(e)
                done(path.name)

    keys = dict(todo)
    to_index = []  # search index (#6)
    for paper, extraction in extractor.extract_many(readable(), n_process=processes):
        info = BuildInfo(build_info_iri, keys[paper.path], started)
        store.replace_graph(paper_graph(paper.path), paper_quads(paper, extraction, vocabulary, info))
        if paper.format == "pdf":
            _keep_extracted_text(data, paper_key(paper.path), paper.text)
        report.built.append(paper.path.name)
        to_index.append((paper, extraction, keys[paper.path]))
        done(paper.path.name)
    add_papers(data, to_index)  # search index (#6): after the graphs, so a killed build re-indexes next time
    ended = datetime.now(timezone.utc).isoformat()
    store.add(build_quads(BuildInfo(build_info_iri, "", started), __version__, vocabulary.version or "", ontology_hash,
                          extractor.model_version, ended))
    # --- derived graphs (kg/reason.py): inference, aggregates, then SHACL on the papers written
    report.derived = derive(store, ontology, changed_graphs=[paper_graph(Path(name)).value for name in report.built])
    store.flush()
    return report


def _derived_present(store) -> bool:
    return str(AGGREGATES_GRAPH) in store.named_graphs()


def _ontology_graph_stale(store, ontology_hash: str) -> bool:
    query = f'ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_GRAPH}> <{CKG.ontologyHash}> "{ontology_hash}" }} }}'
    return not bool(store.query(query, union=False))


def _load_ontology(store, ontology: Path, ontology_hash: str) -> None:
    """The ontology, in its own named graph, tagged with its file's hash."""
    graph = node(ONTOLOGY_GRAPH)
    try:
        triples = list(ox.parse(path=str(ontology), format=ox.RdfFormat.RDF_XML))
    except SyntaxError as e:
        raise ClusterKGError(f"{ontology}: not valid RDF/XML: {e}") from e
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    quads.append(ox.Quad(graph, node(CKG.ontologyHash), ox.Literal(ontology_hash), graph))
    store.replace_graph(graph, quads)


def _keep_extracted_text(data: Path, key: str, text: str) -> None:
    """A PDF's extracted text, which the offsets of its graph index, kept beside the store."""
    folder = Path(data) / "texts"
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{key}.txt.tmp"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(folder / f"{key}.txt")
