"""Hybrid search: dense retrieval (sentence embeddings) fused with BM25 by reciprocal rank fusion, a
query expanded with the ontology's synonyms and sub-concepts, filters, and hits linked to the graph."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kg.errors import ClusterKGError
from kg.models import embed_query
from kg.ontology import Vocabulary, normalise_label
from kg.search.index import Index, load_index
from kg.search.passages import clean

MODES = ("hybrid", "dense", "lexical")
CANDIDATES = 50  # passages each ranker hands to the fusion
# Reciprocal rank fusion: weight / (RRF_K + rank). Researchers ask in their own words, which the embeddings
# match better than BM25 does: the lexical ranking counts 0.2 as much, enough to lift exact terms and names
# without burying paraphrases. The ontology's synonyms and sub-concepts of the concepts a query names rank
# passages on their own, at low weight: mixed into the query's words they drowned its other words (lexical
# recall@5 0.575 -> 0.45). K and the lexical weight were chosen by 2-fold cross-validation on eval-dev (K in
# 10, 20, 30, 60; lexical weight 0.2 to 1): both folds chose K 20 and 0.2 (README, "Measured > Search").
RRF_K = 20
WEIGHTS = {"dense": 1.0, "lexical": 0.2, "expansion": 0.1}
MAX_NGRAM = 6  # longest label, in words, looked for in a query
MARK = ("«", "»")
NEAR_DUPLICATE = 0.7  # Jaccard similarity of word sets above which a passage repeats one ranked higher


@dataclass
class Hit:
    text: str
    score: float
    file: str  # the paper's source file name
    paper: str  # paper IRI
    citation: str
    section: str
    start: int  # offsets of the passage in the original file
    end: int
    mentions: list[dict] = field(default_factory=list)  # text, start, end, concept, label, category
    claims: list[dict] = field(default_factory=list)  # subject, relation, object, polarity, hedged, sentence
    marked: str = ""  # text with the matched concepts between « and »

    def to_dict(self) -> dict:
        return dict(self.__dict__)


class Searcher:
    """Search the passages of a data directory; load once, query many times."""

    def __init__(self, data: Path = Path("data"), store=None, embedder=None, vocabulary: Vocabulary | None = None,
                 index: Index | None = None) -> None:
        self.data = Path(data)
        self.index = index if index is not None else load_index(self.data)
        self._store = store
        self._embedder = embedder
        self._vocabulary = vocabulary
        self._concept_table: dict[str, set[str]] | None = None
        self._children: dict[str, set[str]] | None = None
        self._part_of: dict[str, set[str]] | None = None
        # BM25 runs on this thread while the query embeds on the caller's: numpy and torch release the GIL,
        # so on two cores a hybrid search takes about as long as the embedding alone.
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bm25")

    # -- what the searcher loads only when needed
    @property
    def embedder(self):
        if self._embedder is None:
            from kg.models import load_embedder

            self._embedder = load_embedder()
        return self._embedder

    @property
    def store(self):
        if self._store is None and (self.data / "store").is_dir():
            from kg.store import open_store

            self._store = open_store(self.data, read_only=True)
        return self._store

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            from kg.ontology import load_vocabulary

            self._vocabulary = load_vocabulary()
        return self._vocabulary

    # -- the ontology: labels in queries, sub-concepts, places within places
    def _tables(self) -> None:
        if self._concept_table is not None:
            return
        table: dict[str, set[str]] = {}
        for term in self.vocabulary:
            # a word for a whole category ("clusters") names no concept in a query, as in a paper
            if term.kind != "hiddenLabel" and not self.vocabulary.concepts[term.concept].generic:
                table.setdefault(_label_key(term.text), set()).add(term.concept)
        children: dict[str, set[str]] = {}
        for concept in self.vocabulary.concepts.values():
            for parent in concept.parents:
                children.setdefault(parent, set()).add(concept.iri)
        self._concept_table, self._children = table, children
        self._part_of = _part_of_links()

    def concepts_in(self, query: str) -> list[str]:
        """IRIs of the ontology concepts a query names (longest labels first, no overlaps)."""
        self._tables()
        words = _label_key(query).split()
        raw = re.findall(r"[\w\-]+", query)
        found, i = [], 0
        while i < len(words):
            for n in range(min(MAX_NGRAM, len(words) - i), 0, -1):
                iris = self._lookup(words[i:i + n], raw)
                if iris:
                    found.extend(sorted(iris - set(found)))
                    i += n
                    break
            else:
                i += 1
        return found

    def _lookup(self, words: list[str], raw: list[str]) -> set[str]:
        phrase = " ".join(words)
        for candidate in (phrase, re.sub(r"ies$", "y", phrase), re.sub(r"es$", "", phrase), re.sub(r"s$", "", phrase)):
            iris = self._concept_table.get(candidate, set())
            # acronyms (SME, FDI, IT) only in capitals, so that "it" is not the IT industry
            iris = {c for c in iris if not self._acronym_only(c, candidate) or candidate.upper() in raw}
            if iris and len(candidate) > 2:
                return iris
        return set()

    def _acronym_only(self, iri: str, key: str) -> bool:
        concept = self.vocabulary.concepts.get(iri)
        labels = [concept.label, *concept.alt_labels] if concept else []
        return all(not (_label_key(label) == key and not label.isupper()) for label in labels)

    def descendants(self, iri: str) -> set[str]:
        """A concept and every concept below it (sub-classes and their individuals), transitively."""
        self._tables()
        seen, todo = {iri}, [iri]
        while todo:
            for child in self._children.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return seen

    def expansion(self, concepts: list[str]) -> list[str]:
        """Labels and synonyms of the query's concepts and of their sub-classes (not individuals)."""
        labels = []
        for iri in concepts:
            for sub in sorted(self.descendants(iri)):
                concept = self.vocabulary.concepts.get(sub)
                if concept and (sub == iri or not concept.is_individual):
                    labels.extend([concept.label, *concept.alt_labels])
        return list(dict.fromkeys(labels))

    def resolve(self, name: str) -> set[str]:
        """Concept IRIs for a filter value: an IRI, or a label or synonym (any case)."""
        self._tables()
        if name in self.vocabulary.concepts:
            return {name}
        return set(self._concept_table.get(_label_key(name), set()))

    # -- search
    def search(self, query: str, k: int = 10, *, mode: str = "hybrid", concept: str | None = None,
               category: str | None = None, place: str | None = None, year: int | None = None,
               paper: str | None = None) -> list[Hit]:
        """The `k` best passages for `query`, best first, near-duplicates removed."""
        if mode not in MODES:
            raise ClusterKGError(f"search mode must be one of {', '.join(MODES)}, not {mode!r}")
        if not len(self.index) or k <= 0:
            return []
        mask = self._mask(concept, category, place, year, paper)
        if mask is not None and not mask.any():
            return []
        named = self.concepts_in(query)
        lexical = self._pool.submit(self._lexical_rankings, query, named, mask) if mode != "dense" else None
        ranked: dict[str, dict[int, float]] = {}
        if mode in ("hybrid", "dense"):
            vector = embed_query(self.embedder, query)
            rows, scores = self.index.vectors.search(vector, CANDIDATES, mask)
            ranked["dense"] = dict(zip(rows.tolist(), scores.tolist()))
        if lexical is not None:
            ranked.update(lexical.result())
        if len(ranked) == 1:
            order = sorted(next(iter(ranked.values())).items(), key=lambda item: -item[1])
        else:
            fused: dict[int, float] = {}
            for name, ranking in ranked.items():
                for rank, row in enumerate(ranking, start=1):
                    fused[row] = fused.get(row, 0.0) + WEIGHTS[name] / (RRF_K + rank)
            order = sorted(fused.items(), key=lambda item: -item[1])
        marked_concepts = set().union(*(self.descendants(c) for c in named)) if named else None
        return [self._hit(row, score, marked_concepts) for row, score in _distinct(self.index, order, k)]

    def _lexical_rankings(self, query: str, named: list[str], mask: np.ndarray | None) -> dict[str, dict[int, float]]:
        """BM25 on the query's words and, apart, on its ontology expansion: rows and scores."""
        ranked = {}
        for name, text in (("lexical", query), ("expansion", " ".join(self.expansion(named)))):
            words = list(dict.fromkeys(self.index.lexical.tokens(text)))
            if words or name == "lexical":
                rows, scores = self.index.lexical.search(words, CANDIDATES, mask)
                ranked[name] = dict(zip(rows.tolist(), scores.tolist()))
        return ranked

    def _mask(self, concept, category, place, year, paper) -> np.ndarray | None:
        if not any(v is not None for v in (concept, category, place, year, paper)):
            return None
        passages, papers = self.index.passages, self.index.papers
        keep = np.ones(len(passages), dtype=bool)
        if concept is not None:
            iris = set().union(*(self.descendants(c) for c in self.resolve(concept)))
            label = concept.lower()
            keep &= [bool(iris.intersection(p["concepts"])) or label in p["labels"] for p in passages]
        if category is not None:
            keep &= [category.lower() in (c.lower() for c in p["categories"]) for p in passages]
        if place is not None:
            iris = self._places_within(self.resolve(place))
            label = place.lower()
            keep &= [bool(iris.intersection(p["concepts"])) or label in p["labels"] for p in passages]
        if year is not None or paper is not None:
            wanted = {i for i, meta in enumerate(papers)
                      if (year is None or meta.get("year") == year) and (paper is None or _is_paper(meta, paper))}
            keep &= [p["owner"] in wanted for p in passages]
        return keep

    def _places_within(self, places: set[str]) -> set[str]:
        """The places and every place that is (transitively) ckg:partOf one of them."""
        self._tables()
        inside: dict[str, set[str]] = {}
        for child, parents in self._part_of.items():
            for parent in parents:
                inside.setdefault(parent, set()).add(child)
        seen, todo = set(places), list(places)
        while todo:
            for child in inside.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return seen

    def _hit(self, row: int, score: float, marked_concepts: set[str] | None) -> Hit:
        passage = self.index.passages[row]
        meta = self.index.papers[passage["owner"]]
        mentions, claims = self._graph_details(meta["paper"], passage)
        marks = [m for m in mentions if marked_concepts is None or m["concept"] in marked_concepts]
        return Hit(text=clean(passage["text"]), score=float(score), file=meta["file"], paper=meta["paper"],
                   citation=meta["citation"], section=passage["section"], start=passage["start"], end=passage["end"],
                   mentions=mentions, claims=claims, marked=_mark(passage, marks))

    def _graph_details(self, paper: str, passage: dict) -> tuple[list[dict], list[dict]]:
        """The mentions and claims of the passage's sentences, from the paper's graph."""
        store = self.store
        if store is None:
            return [], []
        start, end, first, last = passage["start"], passage["end"], passage["first"], passage["last"]
        mentions, seen = [], set()
        rows = store.query(f"""SELECT ?m ?text ?start ?end ?concept ?category ?label WHERE {{
            ?m a ckg:Mention ; ckg:inPublication <{paper}> ; ckg:startOffset ?start ; ckg:endOffset ?end ;
               ckg:text ?text ; ckg:concept ?concept ; ckg:category ?category .
            FILTER(?start >= {start} && ?end <= {end})
            OPTIONAL {{ ?concept rdfs:label ?label }} }} ORDER BY ?start""")
        for r in rows:
            if r["m"].value in seen:
                continue
            seen.add(r["m"].value)
            mentions.append({"text": r["text"].value, "start": int(r["start"].value), "end": int(r["end"].value),
                             "concept": r["concept"].value, "label": r["label"].value if r["label"] else r["text"].value,
                             "category": r["category"].value})
        claims, seen = [], set()
        rows = store.query(f"""SELECT ?c ?subject ?stext ?relation ?name ?object ?otext ?polarity ?hedged ?sentence WHERE {{
            ?c a ckg:Claim ; ckg:inPublication <{paper}> ; ckg:hasEvidence ?s ; ckg:relation ?relation ;
               ckg:hasSubject ?sm ; ckg:hasObject ?om ; ckg:polarity ?polarity ; ckg:hedged ?hedged .
            ?s ckg:position ?pos ; ckg:text ?sentence . FILTER(?pos >= {first} && ?pos <= {last})
            ?sm ckg:text ?stext ; ckg:concept ?sc . ?om ckg:text ?otext ; ckg:concept ?oc .
            OPTIONAL {{ ?sc rdfs:label ?subject }} OPTIONAL {{ ?oc rdfs:label ?object }}
            OPTIONAL {{ ?relation ckg:relationName ?name }} }} ORDER BY ?pos""")
        for r in rows:
            if r["c"].value in seen:
                continue
            seen.add(r["c"].value)
            claims.append({"subject": (r["subject"] or r["stext"]).value, "relation": (r["name"] or r["relation"]).value,
                           "object": (r["object"] or r["otext"]).value, "polarity": r["polarity"].value,
                           "hedged": r["hedged"].value == "true", "sentence": clean(r["sentence"].value)})
        return mentions, claims


def _label_key(text: str) -> str:
    """A label or query as looked up: normalise_label, without punctuation around words."""
    return " ".join(re.findall(r"[\w']+", normalise_label(text)))


def _is_paper(meta: dict, paper: str) -> bool:
    return paper in (meta["file"], meta["paper"], meta["file"].rsplit(".", 1)[0])


def _distinct(index: Index, order: list[tuple[int, float]], k: int) -> list[tuple[int, float]]:
    """The first `k` passages of `order` that neither lie inside nor repeat the text of one kept before
    (a window inside a kept paragraph, an abstract repeated in a later section)."""
    kept: list[tuple[int, float]] = []
    spans: list[tuple[int, int, int]] = []
    texts: list[set[str]] = []
    for row, score in order:
        p = index.passages[row]
        words = set(clean(p["text"]).lower().split())
        inside = any(o == p["owner"] and (s <= p["start"] and p["end"] <= e or p["start"] <= s and e <= p["end"])
                     for o, s, e in spans)
        repeated = any(len(words & other) >= NEAR_DUPLICATE * len(words | other) for other in texts)
        if inside or repeated:
            continue
        kept.append((row, score))
        spans.append((p["owner"], p["start"], p["end"]))
        texts.append(words)
        if len(kept) == k:
            break
    return kept


def _mark(passage: dict, mentions: list[dict]) -> str:
    text, start, parts, at = passage["text"], passage["start"], [], 0
    for m in sorted(mentions, key=lambda m: m["start"]):
        s, e = m["start"] - start, m["end"] - start
        if s < at or e > len(text):
            continue
        parts += [text[at:s], MARK[0], text[s:e], MARK[1]]
        at = e
    parts.append(text[at:])
    return clean("".join(parts))


def _part_of_links() -> dict[str, set[str]]:
    """ckg:partOf between places, from the ontology file."""
    from kg.namespaces import CKG
    from kg.ontology import load_graph
    from kg.settings import ontology_path

    links: dict[str, set[str]] = {}
    for child, parent in load_graph(ontology_path()).subject_objects(CKG.partOf):
        links.setdefault(str(child), set()).add(str(parent))
    return links
