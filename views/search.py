"""Search: a query box and filters; each passage with its concepts marked, its provenance, and links
to its paper and concepts. The search index and the embedding model load once per server process."""

import streamlit as st

from kg import browse
from kg.models import load_embedder
from kg.search import MODES, Searcher
from views.common import concept_link, md, paper_link, show_marked, store, tree, version

@st.cache_resource(show_spinner="Loading the embedding model (once per server)…")
def embedder():
    return load_embedder()


@st.cache_resource(max_entries=2, show_spinner="Opening the search index…")
def searcher(key: str):
    """One Searcher per build of the graph (the key changes when a build ends), sharing one model."""
    return Searcher(browse.data_dir(), embedder=embedder())


handle = store()
st.title("Search")

concepts = tree(handle)
key = version(handle)
with st.form("search"):
    query = st.text_input("Search the corpus", placeholder="e.g. how does FDI drive cluster upgrading?", key="query")
    a, b, c, d = st.columns(4)
    categories = ["(any)"] + [concepts.concepts[r].label for r in concepts.roots]
    category = a.selectbox("Class", categories)
    mentioned = sorted((c for c in concepts.concepts.values() if c.mentions), key=lambda c: c.label.lower())
    concept = b.selectbox("Concept", [None] + [c.iri for c in mentioned if concepts.category_of(c.iri) != "Place"],
                          format_func=lambda i: "(any)" if i is None else concepts.concepts[i].label)
    place = c.selectbox("Place", [None] + [c.iri for c in mentioned if concepts.category_of(c.iri) == "Place"],
                        format_func=lambda i: "(any)" if i is None else concepts.concepts[i].label)
    papers = {p.iri: p for p in browse.papers(handle)}
    years = sorted({p.year for p in papers.values() if p.year}, reverse=True)
    year = d.selectbox("Year", [None] + years, format_func=lambda y: "(any)" if y is None else str(y))
    paper = st.selectbox("Paper", [None] + list(papers), format_func=lambda i: "(any)" if i is None else papers[i].title)
    e, f = st.columns([1, 3])
    modes = list(MODES)
    mode = e.selectbox("Ranking", modes, help="hybrid: meaning and words fused; dense: meaning only; lexical: BM25 words only")
    k = f.slider("Results", 5, 50, 10)
    submitted = st.form_submit_button("Search", type="primary", icon=":material/search:")

if query.strip():
    hits = searcher(key).search(query.strip(), k=k, mode=mode, concept=concept, category=None if category == "(any)" else category,
                                place=place, year=year, paper=paper)
    st.caption(f"{len(hits)} passages")
    for n, hit in enumerate(hits):
        marks = []  # the passage text may be cleaned, so each mention is found near its offset
        for m in hit.mentions:
            span = browse.locate(hit.text, hit.start, m["text"], m["start"])
            if span:
                marks.append(browse.Mark(*span, m["concept"], m.get("label") or m["text"], m.get("category") or ""))
        with st.container(border=True):
            show_marked(hit.text, marks)
            st.caption(md(f"{hit.citation} · {hit.section or 'text'} · {hit.file}, characters {hit.start}–{hit.end} · score {hit.score:.3f}"))
            paper_link(hit.paper, papers[hit.paper].title if hit.paper in papers else hit.citation)
            seen = {}
            for m in hit.mentions:
                seen.setdefault(m["concept"], m.get("label") or m["text"])
            if seen:
                with st.expander(f"Concepts ({len(seen)})" + (f" and claims ({len(hit.claims)})" if hit.claims else "")):
                    for iri, label in seen.items():
                        concept_link(iri, label)
                    for claim in hit.claims:
                        st.text(f"{claim['subject']} —{claim['relation']}→ {claim['object']} ({claim['polarity']}"
                                + (", hedged" if claim.get("hedged") else "") + ")")
