"""What every page of the app shares: the store connection, cached data, safe rendering of paper text,
and links between pages.

Text from papers is never trusted: it is shown with st.text, st.dataframe or st.code, or, where
mentions are marked, HTML-escaped first and then wrapped in our own <mark> tags, through st.html
(which does not interpret Markdown either). Labels that Streamlit renders as Markdown go through md().
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import streamlit as st

from kg import browse
from kg.errors import ClusterKGError

SEARCH, CONCEPTS, PAPERS, SYNTHESIS, SPARQL, ADD = (
    "views/search.py", "views/concepts.py", "views/papers.py", "views/synthesis.py", "views/sparql.py", "views/add.py")

# One colour per top-level class, for marked mentions and charts.
COLOURS = {
    "Cluster": "#f6c26b", "Mechanism": "#8fd19e", "Actor": "#9ec5fe", "Policy": "#f1aeb5", "Place": "#c5b3e6",
    "Theory": "#a3e4e0", "Outcome": "#ffda6a", "Industry": "#d3d3d3", "Development stage": "#f8c8a0",
    "Factor": "#e2e3e5",
}


def location() -> str:
    """What the app reads: the SPARQL endpoint or the data directory."""
    return browse.store_url() or str(browse.data_dir().resolve())


def store():
    """A read-only handle on the store, opened for this run of the page, so that it sees the latest
    build (opening takes about 10 ms). Stops the page with a readable message when there is none."""
    try:
        return browse.connect()
    except ClusterKGError as e:
        st.error(f"The knowledge graph cannot be opened: {e}. Build it first: `kg build corpus --data {browse.data_dir()}`.")
        st.stop()


def version(handle) -> str:
    """Changes whenever a build ends: the key of the cached data below."""
    rows = browse.select(handle, "SELECT (MAX(STR(?t)) AS ?v) (COUNT(?b) AS ?n) WHERE { ?b prov:endedAtTime ?t }")
    return f"{location()}|{rows[0]['v']}|{rows[0]['n']}" if rows else location()


@st.cache_resource(max_entries=4, show_spinner="Reading the ontology…")
def _tree(key: str, _handle) -> browse.ConceptTree:
    return browse.concept_tree(_handle)


def tree(handle) -> browse.ConceptTree:
    return _tree(version(handle), handle)


def md(text: str) -> str:
    """Text from a paper made inert for places where Streamlit renders Markdown (labels, captions)."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$])", r"\\\1", " ".join(str(text).split()))


def marked(text: str, marks: list[browse.Mark], highlight: set[str] = frozenset()) -> str:
    """A sentence as HTML: escaped, with each mention in a <mark> coloured by its class; mentions of
    the concepts in `highlight` are bold."""
    out, at = [], 0
    for m in sorted(marks, key=lambda m: m.start):
        if m.start < at or m.end > len(text):
            continue
        style = f"background:{COLOURS.get(m.category, '#eee')};padding:0 2px;border-radius:3px"
        if m.concept in highlight:
            style += ";font-weight:700"
        title = html.escape(f"{m.label} ({m.category})", quote=True)
        out.append(html.escape(text[at:m.start]))
        out.append(f'<mark style="{style}" title="{title}">{html.escape(text[m.start:m.end])}</mark>')
        at = m.end
    out.append(html.escape(text[at:]))
    return "".join(out)


def show_marked(text: str, marks: list[browse.Mark], highlight: set[str] = frozenset()) -> None:
    st.html(f'<div class="ckg-sentence" style="line-height:1.6">{marked(text, marks, highlight)}</div>')


def paper_link(paper: str, title: str, key: str | None = None) -> None:
    st.page_link(PAPERS, label=md(title), icon=":material/description:", query_params={"paper": paper})


def concept_link(concept: str, label: str, suffix: str = "") -> None:
    st.page_link(CONCEPTS, label=md(label) + suffix, icon=":material/label:", query_params={"concept": concept})


def show_evidence(items: list[browse.Evidence], highlight: set[str] = frozenset(), link_papers: bool = True) -> None:
    """Evidence sentences with their provenance (paper, section, offsets) and marked mentions."""
    for n, e in enumerate(items):
        with st.container(border=True):
            show_marked(e.text, e.marks, highlight)
            where = f"{e.file}, characters {e.start}–{e.end}" + (f", section “{e.section}”" if e.section else "")
            st.caption(md(where))
            if link_papers:
                paper_link(e.paper, e.title)


def data_path() -> Path:
    return browse.data_dir()
