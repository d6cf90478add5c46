"""What the app shows, read from the store with SPARQL: the concept tree, a concept's page, a paper's
page, the evidence matrix and its cells, concept co-occurrence, a timeline, and read-only SPARQL with a
timeout and a row limit. Everything returns plain dataclasses, so the pages only lay them out.

The store comes from one place, `connect()`: the data directory named by KG_DATA (default `data/`), or
the SPARQL endpoint named by KG_STORE.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.build import DEFAULT_CORPUS, DEFAULT_DATA
from kg.errors import ClusterKGError, StoreError
from kg.settings import store_url
from kg.query import is_update, to_json
from kg.store import open_store

_IRI = re.compile(r'^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$', re.I)


# --- the store ---------------------------------------------------------------------------------------

def data_dir() -> Path:
    """The data directory the CLI uses by default, or the one KG_DATA names."""
    return Path(os.environ.get("KG_DATA") or DEFAULT_DATA)


def corpus_dir() -> Path:
    """The folder of papers the app adds uploads to: KG_CORPUS, default `corpus/`."""
    return Path(os.environ.get("KG_CORPUS") or DEFAULT_CORPUS)


def connect(data: Path | None = None, url: str | None = None):
    """A read-only handle on the store: the endpoint `url` (or KG_STORE), else the data directory."""
    url = url or store_url()
    if url:
        return open_store(None, read_only=True, url=url)
    return open_store(Path(data or data_dir()), read_only=True)


def iri(value: str) -> str:
    """`value` checked to be an IRI that can be written between <> in a query (it may come from a URL)."""
    if not _IRI.match(value or ""):
        raise ValueError(f"not an IRI: {value!r}")
    return value


def _value(term) -> str | None:
    return None if term is None else term.value


def select(store, sparql: str) -> list[dict[str, str | None]]:
    """The solutions of a SELECT query as dicts of plain strings."""
    results = store.query(sparql)
    names = [v.value for v in results.variables]
    return [{n: _value(row[n]) for n in names} for row in results]


# --- the concept tree --------------------------------------------------------------------------------

@dataclass
class Concept:
    iri: str
    label: str
    definition: str = ""
    synonyms: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    individual: bool = False
    mentions: int = 0


@dataclass
class ConceptTree:
    """Every concept by IRI, and the top-level classes (clusters, mechanisms, actors...) as roots."""

    concepts: dict[str, Concept]
    roots: list[str]

    def category_of(self, concept_iri: str) -> str | None:
        seen, todo = set(), [concept_iri]
        while todo:
            current = todo.pop()
            if current in self.roots:
                return self.concepts[current].label
            if current not in seen:
                seen.add(current)
                todo.extend(self.concepts[current].parents if current in self.concepts else [])
        return None

    def descendants(self, root: str) -> list[str]:
        found, todo = [], [root]
        while todo:
            for child in self.concepts[todo.pop()].children:
                if child not in found:
                    found.append(child)
                    todo.append(child)
        return found


def concept_tree(store) -> ConceptTree:
    """The ontology's concepts under the top-level classes, with labels, definitions, synonyms and how
    often each is mentioned in the corpus."""
    rows = select(store, """
        SELECT ?c ?label ?definition (GROUP_CONCAT(DISTINCT ?alt; SEPARATOR="\\u001f") AS ?alts) WHERE {
          ?top ckg:mentionCategory true .
          { BIND(?top AS ?c) } UNION { ?c rdfs:subClassOf+ ?top } UNION { ?c a owl:NamedIndividual ; a/rdfs:subClassOf* ?top }
          ?c rdfs:label ?label . FILTER(isIRI(?c))
          OPTIONAL { ?c skos:definition ?definition }
          OPTIONAL { ?c skos:altLabel ?alt }
        } GROUP BY ?c ?label ?definition""")
    concepts: dict[str, Concept] = {}
    for r in rows:
        if r["c"] not in concepts:
            synonyms = sorted(set((r["alts"] or "").split("\x1f")) - {""}, key=str.lower)
            concepts[r["c"]] = Concept(r["c"], r["label"] or r["c"], r["definition"] or "", synonyms)
    roots = [r["top"] for r in select(store, "SELECT ?top WHERE { ?top ckg:mentionCategory true }")]
    links = select(store, """
        SELECT ?c ?parent ?individual WHERE {
          { ?c rdfs:subClassOf ?parent . BIND(false AS ?individual) }
          UNION { ?c a owl:NamedIndividual ; a ?parent . FILTER(?parent != owl:NamedIndividual) BIND(true AS ?individual) }
          FILTER(isIRI(?parent)) }""")
    for r in links:
        child, parent = concepts.get(r["c"]), concepts.get(r["parent"])
        if child and parent and r["c"] not in roots:
            child.parents.append(parent.iri)
            parent.children.append(child.iri)
            child.individual = child.individual or r["individual"] == "true"
    for r in select(store, "SELECT ?c (COUNT(?m) AS ?n) WHERE { ?m ckg:concept ?c } GROUP BY ?c"):
        if r["c"] in concepts:
            concepts[r["c"]].mentions = int(r["n"])
    for c in concepts.values():
        c.children.sort(key=lambda i: concepts[i].label.lower())
    roots.sort(key=lambda i: concepts[i].label.lower() if i in concepts else i)
    return ConceptTree(concepts, [r for r in roots if r in concepts])


# --- evidence ----------------------------------------------------------------------------------------

@dataclass
class Mark:
    """A mention inside a sentence: offsets into the sentence's text."""

    start: int
    end: int
    concept: str
    label: str
    category: str


@dataclass
class Evidence:
    """A sentence of a paper, with the mentions to mark in it."""

    sentence: str
    text: str
    paper: str
    title: str
    file: str
    section: str
    start: int
    end: int
    marks: list[Mark] = field(default_factory=list)


def locate(sentence: str, sentence_start: int, text: str, start: int) -> tuple[int, int] | None:
    """Where a mention (file offsets) sits in its sentence's text; cleaning may have shifted it."""
    guess = start - sentence_start
    if sentence[guess:guess + len(text)] == text:
        return guess, guess + len(text)
    found = [m.start() for m in re.finditer(re.escape(text), sentence, re.I)]
    if not found:
        return None
    best = min(found, key=lambda i: abs(i - guess))
    return best, best + len(text)


_EVIDENCE = """
    SELECT ?s ?stext ?sstart ?send ?p ?title ?file ?section ?mtext ?mstart ?concept ?label ?category WHERE {{
      {{ SELECT DISTINCT ?s WHERE {{ {where} }} {limit} }}
      ?s ckg:text ?stext ; ckg:startOffset ?sstart ; ckg:endOffset ?send ; ckg:inPublication ?p .
      ?p ckg:sourceFile ?file .
      OPTIONAL {{ ?p dcterms:title ?title }}
      OPTIONAL {{ ?s ckg:inSection/ckg:heading ?section }}
      OPTIONAL {{ ?m ckg:mentionedIn ?s ; ckg:text ?mtext ; ckg:startOffset ?mstart ; ckg:concept ?concept ; ckg:category ?category .
                 OPTIONAL {{ ?concept rdfs:label ?label }} }}
    }}"""


def evidence(store, where: str, limit: int | None = 200) -> list[Evidence]:
    """The sentences ?s matched by the graph pattern `where`, each with all its mentions marked, in
    paper and text order."""
    rows = select(store, _EVIDENCE.format(where=where, limit=f"LIMIT {limit}" if limit else ""))
    found: dict[str, Evidence] = {}
    for r in rows:
        e = found.get(r["s"])
        if e is None:
            e = found[r["s"]] = Evidence(r["s"], r["stext"], r["p"], r["title"] or r["file"], r["file"],
                                         r["section"] or "", int(r["sstart"]), int(r["send"]))
        if r["mtext"] is not None:
            span = locate(e.text, e.start, r["mtext"], int(r["mstart"]))
            if span and all(m.start != span[0] for m in e.marks):
                e.marks.append(Mark(span[0], span[1], r["concept"], r["label"] or r["mtext"], r["category"]))
    for e in found.values():
        e.marks.sort(key=lambda m: m.start)
    return sorted(found.values(), key=lambda e: (e.file, e.start))


# --- a concept's page --------------------------------------------------------------------------------

@dataclass
class ClaimRow:
    subject: str
    subject_concept: str
    relation: str
    object: str
    object_concept: str
    polarity: str
    hedged: bool
    sentence: str
    paper: str
    title: str


@dataclass
class ConceptPage:
    concept: Concept
    category: str | None
    papers: list[tuple[str, str, int]]  # (paper IRI, title, mentions)
    evidence: list[Evidence]
    claims: list[ClaimRow]
    related: list[tuple[str, str, int]]  # (concept IRI, label, sentences shared)


def _claims(store, where: str) -> list[ClaimRow]:
    rows = select(store, f"""
        SELECT ?sl ?sc ?rel ?ol ?oc ?polarity ?hedged ?stext ?p ?title ?file WHERE {{
          ?claim a ckg:Claim ; ckg:hasSubject ?sm ; ckg:hasObject ?om ; ckg:relation ?r ; ckg:polarity ?polarity ;
                 ckg:hedged ?hedged ; ckg:hasEvidence ?s ; ckg:inPublication ?p .
          ?sm ckg:text ?sl ; ckg:concept ?sc . ?om ckg:text ?ol ; ckg:concept ?oc . ?s ckg:text ?stext .
          ?p ckg:sourceFile ?file . OPTIONAL {{ ?p dcterms:title ?title }}
          OPTIONAL {{ ?r rdfs:label ?rl }} BIND(COALESCE(?rl, STR(?r)) AS ?rel)
          {where}
        }} ORDER BY ?file ?stext""")
    return [ClaimRow(r["sl"], r["sc"], r["rel"], r["ol"], r["oc"], r["polarity"], r["hedged"] == "true", r["stext"],
                     r["p"], r["title"] or r["file"]) for r in rows]


def concept_page(store, concept_iri: str, tree: ConceptTree | None = None, limit: int = 100) -> ConceptPage:
    """A concept and what the corpus says about it: its papers, evidence sentences, claims and the
    concepts mentioned in the same sentences."""
    c = iri(concept_iri)
    tree = tree or concept_tree(store)
    concept = tree.concepts.get(c) or Concept(c, c)
    papers = [(r["p"], r["title"] or r["file"], int(r["n"])) for r in select(store, f"""
        SELECT ?p ?title ?file (COUNT(?m) AS ?n) WHERE {{
          ?m ckg:concept <{c}> ; ckg:inPublication ?p . ?p ckg:sourceFile ?file . OPTIONAL {{ ?p dcterms:title ?title }}
        }} GROUP BY ?p ?title ?file ORDER BY DESC(?n)""")]
    related = [(r["other"], r["label"] or r["other"], int(r["n"])) for r in select(store, f"""
        SELECT ?other ?label (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          ?m ckg:concept <{c}> ; ckg:mentionedIn ?s . ?o ckg:mentionedIn ?s ; ckg:concept ?other .
          FILTER(?other != <{c}>) OPTIONAL {{ ?other rdfs:label ?label }}
        }} GROUP BY ?other ?label ORDER BY DESC(?n) ?label LIMIT 30""")]
    return ConceptPage(
        concept=concept,
        category=tree.category_of(c),
        papers=papers,
        evidence=evidence(store, f"?m ckg:concept <{c}> ; ckg:mentionedIn ?s .", limit),
        claims=_claims(store, f"FILTER(?sc = <{c}> || ?oc = <{c}>)"),
        related=related,
    )


# --- papers ------------------------------------------------------------------------------------------

@dataclass
class PaperSummary:
    iri: str
    title: str
    file: str
    year: int | None
    mentions: int


@dataclass
class Reference:
    work: str
    text: str  # "Author (year) Title"
    paper: str | None  # the corpus paper that is this work, if any


@dataclass
class PaperPage:
    summary: PaperSummary
    authors: list[str]
    venue: str
    doi: str
    keywords: list[str]
    source_format: str
    abstract: str
    evidence: list[Evidence]
    claims: list[ClaimRow]
    references: list[Reference]
    cited_by: list[tuple[str, str]]  # (paper IRI, title)


def papers(store) -> list[PaperSummary]:
    """The papers of the corpus, newest first."""
    rows = select(store, """
        SELECT ?p ?title ?file ?year (COUNT(?m) AS ?n) WHERE {
          ?p ckg:sourceFile ?file . OPTIONAL { ?p dcterms:title ?title } OPTIONAL { ?p ckg:year ?year }
          OPTIONAL { ?m a ckg:Mention ; ckg:inPublication ?p }
        } GROUP BY ?p ?title ?file ?year""")
    found = [PaperSummary(r["p"], r["title"] or r["file"], r["file"], int(r["year"]) if r["year"] else None, int(r["n"]))
             for r in rows]
    return sorted(found, key=lambda p: (-(p.year or 0), p.title.lower()))


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _corpus_works(store) -> dict[str, str]:
    """Cited work IRI -> the corpus paper that is that work (same DOI or same title)."""
    rows = select(store, """
        SELECT ?w ?p ?wt ?pt ?wd ?pd WHERE {
          ?w a ckg:CitedWork . ?p ckg:sourceFile ?file .
          OPTIONAL { ?w dcterms:title ?wt } OPTIONAL { ?p dcterms:title ?pt }
          OPTIONAL { ?w ckg:doi ?wd } OPTIONAL { ?p ckg:doi ?pd }
          FILTER((BOUND(?wd) && BOUND(?pd) && LCASE(?wd) = LCASE(?pd)) || (BOUND(?wt) && BOUND(?pt)))
        }""")
    return {r["w"]: r["p"] for r in rows
            if (r["wd"] and r["pd"] and r["wd"].lower() == r["pd"].lower()) or _norm(r["wt"] or "-") == _norm(r["pt"] or "+")}


def paper_page(store, paper_iri: str, limit: int | None = None) -> PaperPage:
    """A paper: metadata, abstract, its sentences with concepts marked, claims, references and cited-by."""
    p = iri(paper_iri)
    meta = select(store, f"""
        SELECT ?title ?file ?year ?venue ?doi ?format (COUNT(DISTINCT ?m) AS ?n) WHERE {{
          <{p}> ckg:sourceFile ?file . OPTIONAL {{ <{p}> dcterms:title ?title }} OPTIONAL {{ <{p}> ckg:year ?year }}
          OPTIONAL {{ <{p}> ckg:venue ?venue }} OPTIONAL {{ <{p}> ckg:doi ?doi }} OPTIONAL {{ <{p}> ckg:sourceFormat ?format }}
          OPTIONAL {{ ?m a ckg:Mention ; ckg:inPublication <{p}> }}
        }} GROUP BY ?title ?file ?year ?venue ?doi ?format""")
    if not meta:
        raise ClusterKGError(f"no paper {p} in the store")
    m = meta[0]
    summary = PaperSummary(p, m["title"] or m["file"], m["file"], int(m["year"]) if m["year"] else None, int(m["n"]))
    authors = [r["name"] for r in select(store, f"""
        SELECT ?name (MIN(?pos) AS ?first) WHERE {{ <{p}> ckg:hasMetadataValue ?v . ?v ckg:field dcterms:creator ; ckg:text ?name .
          BIND(xsd:integer(REPLACE(STR(?v), "^.*/", "")) AS ?pos) }} GROUP BY ?name ORDER BY ?first""")]
    if not authors:
        authors = [r["name"] for r in select(store, f"SELECT ?name WHERE {{ <{p}> dcterms:creator/foaf:name ?name }}")]
    keywords = [r["k"] for r in select(store, f"SELECT ?k WHERE {{ <{p}> ckg:keyword ?k }}")]
    abstract = " ".join(r["t"] for r in select(store, f"""
        SELECT ?t WHERE {{ ?s a ckg:Sentence ; ckg:inPublication <{p}> ; ckg:inSection/ckg:sectionKind "abstract" ;
          ckg:text ?t ; ckg:position ?pos }} ORDER BY ?pos"""))
    corpus = _corpus_works(store)
    references = [Reference(r["w"], _reference_text(r), corpus.get(r["w"])) for r in select(store, f"""
        SELECT ?w ?author ?year ?title WHERE {{ <{p}> cito:cites ?w .
          OPTIONAL {{ ?w ckg:firstAuthor ?author }} OPTIONAL {{ ?w ckg:year ?year }} OPTIONAL {{ ?w dcterms:title ?title }}
        }} ORDER BY ?author ?year""")]
    own = {w for w, paper in corpus.items() if paper == p}
    cited_by = sorted({(r["q"], r["title"] or r["file"]) for r in select(store, """
        SELECT ?q ?w ?title ?file WHERE { ?q cito:cites ?w ; ckg:sourceFile ?file . OPTIONAL { ?q dcterms:title ?title } }""")
        if r["w"] in own and r["q"] != p}, key=lambda x: x[1])
    return PaperPage(
        summary=summary, authors=authors, venue=m["venue"] or "", doi=m["doi"] or "", keywords=keywords,
        source_format=m["format"] or "", abstract=abstract,
        evidence=evidence(store, f"?m ckg:inPublication <{p}> ; ckg:mentionedIn ?s .", limit),
        claims=_claims(store, f"FILTER(?p = <{p}>)"), references=references, cited_by=cited_by)


def _reference_text(row: dict[str, str | None]) -> str:
    head = f"{row['author'] or 'Anon.'} ({row['year'] or 'n.d.'})"
    return f"{head} {row['title']}" if row["title"] else head


# --- synthesis ---------------------------------------------------------------------------------------

@dataclass
class Matrix:
    """Sentences in which a concept of one top-level class and a concept of another are both mentioned."""

    rows: list[tuple[str, str]]  # (concept IRI, label)
    columns: list[tuple[str, str]]
    counts: dict[tuple[str, str], int]  # (row IRI, column IRI) -> sentences

    def as_table(self) -> list[list[object]]:
        """Header row, then one row per row concept (label and counts), as for a CSV file."""
        table: list[list[object]] = [[""] + [label for _, label in self.columns]]
        for r, label in self.rows:
            table.append([label] + [self.counts.get((r, c), 0) for c, _ in self.columns])
        return table


def categories(store) -> list[str]:
    """The labels of the top-level classes whose concepts are mentioned in papers."""
    return sorted(r["l"] for r in select(store, "SELECT ?l WHERE { ?top ckg:mentionCategory true ; rdfs:label ?l }"))


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def evidence_matrix(store, rows: str = "Mechanism", columns: str = "Cluster", top: int = 15) -> Matrix:
    """Co-mentions in one sentence of concepts of two top-level classes (by label), the `top` most
    frequent concepts of each."""
    found = select(store, f"""
        SELECT ?a ?al ?b ?bl (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          ?x ckg:category {_literal(rows)} ; ckg:concept ?a ; ckg:mentionedIn ?s .
          ?y ckg:category {_literal(columns)} ; ckg:concept ?b ; ckg:mentionedIn ?s .
          FILTER(?a != ?b)
          OPTIONAL {{ ?a rdfs:label ?al }} OPTIONAL {{ ?b rdfs:label ?bl }}
        }} GROUP BY ?a ?al ?b ?bl""")
    counts = {(r["a"], r["b"]): int(r["n"]) for r in found}
    labels = {r["a"]: r["al"] or r["a"] for r in found} | {r["b"]: r["bl"] or r["b"] for r in found}
    row_totals, column_totals = Counter(), Counter()
    for (a, b), n in counts.items():
        row_totals[a] += n
        column_totals[b] += n
    keep_rows = [a for a, _ in sorted(row_totals.items(), key=lambda x: (-x[1], labels[x[0]]))[:top]]
    keep_columns = [b for b, _ in sorted(column_totals.items(), key=lambda x: (-x[1], labels[x[0]]))[:top]]
    return Matrix([(a, labels[a]) for a in keep_rows], [(b, labels[b]) for b in keep_columns],
                  {k: n for k, n in counts.items() if k[0] in keep_rows and k[1] in keep_columns})


def cell_evidence(store, row_concept: str, column_concept: str, limit: int = 100) -> list[Evidence]:
    """The sentences behind a cell of the evidence matrix."""
    a, b = iri(row_concept), iri(column_concept)
    return evidence(store, f"?x ckg:concept <{a}> ; ckg:mentionedIn ?s . ?y ckg:concept <{b}> ; ckg:mentionedIn ?s .", limit)


@dataclass
class Network:
    nodes: dict[str, tuple[str, str, int]]  # IRI -> (label, category, mentions)
    edges: list[tuple[str, str, int]]  # (IRI, IRI, sentences shared)


def cooccurrence(store, categories_shown: list[str] | None = None, min_count: int = 2, top: int = 60) -> Network:
    """Concepts mentioned in the same sentence, the `top` most mentioned concepts of the chosen classes."""
    where = f"FILTER(?cat IN ({', '.join(map(_literal, categories_shown))}))" if categories_shown else ""
    nodes = {r["c"]: (r["label"] or r["c"], r["cat"], int(r["n"])) for r in select(store, f"""
        SELECT ?c ?label ?cat (COUNT(?m) AS ?n) WHERE {{ ?m ckg:concept ?c ; ckg:category ?cat . {where}
          OPTIONAL {{ ?c rdfs:label ?label }} }} GROUP BY ?c ?label ?cat ORDER BY DESC(?n) LIMIT {int(top)}""")}
    pairs = select(store, """
        SELECT ?a ?b (COUNT(DISTINCT ?s) AS ?n) WHERE {
          ?x ckg:concept ?a ; ckg:mentionedIn ?s . ?y ckg:concept ?b ; ckg:mentionedIn ?s . FILTER(STR(?a) < STR(?b))
        } GROUP BY ?a ?b""")
    edges = [(r["a"], r["b"], int(r["n"])) for r in pairs
             if r["a"] in nodes and r["b"] in nodes and int(r["n"]) >= min_count]
    return Network(nodes, sorted(edges, key=lambda e: -e[2]))


@dataclass
class TimelinePoint:
    year: int
    concept: str
    label: str
    category: str
    papers: int
    mentions: int


def timeline(store, categories_shown: list[str] | None = None, top: int = 12) -> list[TimelinePoint]:
    """Mentions of the `top` most mentioned concepts by the publication year of the papers."""
    where = f"FILTER(?cat IN ({', '.join(map(_literal, categories_shown))}))" if categories_shown else ""
    rows = select(store, f"""
        SELECT ?year ?c ?label ?cat (COUNT(DISTINCT ?p) AS ?papers) (COUNT(?m) AS ?n) WHERE {{
          ?m ckg:concept ?c ; ckg:category ?cat ; ckg:inPublication ?p . ?p ckg:year ?year . {where}
          OPTIONAL {{ ?c rdfs:label ?label }}
        }} GROUP BY ?year ?c ?label ?cat""")
    totals: dict[str, int] = defaultdict(int)
    for r in rows:
        totals[r["c"]] += int(r["n"])
    keep = set(sorted(totals, key=lambda c: -totals[c])[:top])
    return sorted((TimelinePoint(int(r["year"]), r["c"], r["label"] or r["c"], r["cat"], int(r["papers"]), int(r["n"]))
                   for r in rows if r["c"] in keep), key=lambda t: (t.year, t.label))


# --- read-only SPARQL with a timeout and a row limit --------------------------------------------------

@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[str]]
    truncated: bool  # more rows than the limit
    json: str  # SPARQL results JSON of the rows shown
    boolean: bool | None = None  # an ASK query's answer


def _run_select(location: str, url: str | None, sparql: str, limit: int) -> QueryResult:
    """The first `limit` rows of a SELECT or ASK query on a read-only store (in the worker process)."""
    store = connect(Path(location), url)
    try:
        results = store.query(sparql)
    except SyntaxError as e:
        raise ClusterKGError(f"the query is not valid SPARQL: {e}") from e
    if isinstance(results, ox.QueryBoolean):
        return QueryResult([], [], False, json.dumps({"head": {}, "boolean": bool(results)}), bool(results))
    if isinstance(results, ox.QueryTriples):
        raise ClusterKGError("only SELECT and ASK queries are run here (not CONSTRUCT or DESCRIBE)")
    names = [v.value for v in results.variables]
    solutions, truncated = [], False
    for n, solution in enumerate(results):
        if n == limit:
            truncated = True
            break
        solutions.append(solution)
    rows = [[_value(s[name]) or "" for name in names] for s in solutions]
    return QueryResult(names, rows, truncated, to_json(names, solutions))


def run_readonly(sparql: str, data: Path | None = None, url: str | None = None, limit: int = 1000,
                 timeout: float = 10.0) -> QueryResult:
    """A SELECT or ASK query on a read-only handle, in a worker process killed after `timeout` seconds,
    keeping the first `limit` rows. Updates are refused before anything runs."""
    if is_update(sparql):
        raise ClusterKGError("the store is read-only here: updates (INSERT, DELETE, LOAD, CLEAR, DROP...) are refused")
    job = json.dumps({"data": str(data or data_dir()), "url": url or store_url(), "sparql": sparql, "limit": limit})
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")]))
    try:
        done = subprocess.run([sys.executable, "-m", "kg.browse"], input=job, capture_output=True, text=True,
                              timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        raise ClusterKGError(f"the query took longer than {timeout:g} s and was stopped") from None
    if done.returncode != 0 or not done.stdout:
        raise ClusterKGError(f"the query failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}")
    answer = json.loads(done.stdout)
    if "error" in answer:
        raise ClusterKGError(answer["error"])
    return QueryResult(**answer)


def _worker() -> None:
    """`python -m kg.browse`: run the query described on stdin, answer as JSON on stdout."""
    job = json.loads(sys.stdin.read())
    try:
        result = asdict(_run_select(job["data"], job["url"], job["sparql"], job["limit"]))
    except (ClusterKGError, OSError) as e:
        result = {"error": str(e)}
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    _worker()
