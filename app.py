"""ClusterKG app. Until the search, paper and synthesis views land, it browses the ontology.

Run: .venv/bin/streamlit run app.py --server.address 127.0.0.1
"""

import streamlit as st

from kg import ontology
from kg.settings import ontology_path


@st.cache_resource
def vocabulary() -> ontology.Vocabulary:
    return ontology.load_vocabulary(ontology_path())


def concepts_page() -> None:
    vocab = vocabulary()
    st.title("Concepts")
    category = st.selectbox("Top-level class", sorted(set(vocab.categories.values())))
    query = st.text_input("Filter by label or synonym").strip().lower()
    shown = [
        c for c in vocab.concepts.values()
        if c.category == category and (not query or any(query in t.lower() for t in (c.label, *c.alt_labels)))
    ]
    st.caption(f"{len(shown)} concepts")
    for concept in sorted(shown, key=lambda c: c.label.lower()):
        with st.expander(concept.label):
            st.text(concept.definition or "(no definition)")
            if concept.alt_labels:
                st.text("Synonyms: " + "; ".join(concept.alt_labels))
            st.caption(concept.iri)


st.set_page_config(page_title="ClusterKG", layout="wide")
st.navigation([st.Page(concepts_page, title="Concepts", url_path="concepts")], position="top").run()
