"""SPARQL: an editor preloaded with the competency queries, read-only, with a timeout and a row limit."""

import csv
import io
from pathlib import Path

import pandas as pd
import streamlit as st

from kg import browse
from kg.errors import ClusterKGError
from views.common import store

QUERIES = Path(__file__).resolve().parent.parent / "queries"
LIMIT, TIMEOUT = 1000, 10.0


def competency_queries() -> dict[str, tuple[str, str]]:
    """name -> (question, text) of each queries/*.rq, the question read from its `# Question:` header."""
    found = {}
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            header.append(line.lstrip("# ").rstrip())
        question = " ".join(header).split("Columns:")[0].removeprefix("Question:").strip()
        found[path.stem] = (question, text)
    return found


store()  # stops with a readable message when there is no graph
st.title("SPARQL")
st.caption(f"Read-only: SELECT and ASK only; at most {LIMIT} rows; stopped after {TIMEOUT:g} s. "
           "The default graph is the union of all graphs; the ckg:, res:, rdfs:, skos:, dcterms:, prov:, cito: … prefixes are predeclared.")
queries = competency_queries()


def load_query() -> None:
    st.session_state.sparql_text = queries[st.session_state.sparql_choice][1]


names = list(queries)
choice = st.selectbox("Competency query", names, key="sparql_choice", on_change=load_query,
                      format_func=lambda n: f"{n.replace('_', ' ')}: {queries[n][0]}")
if "sparql_text" not in st.session_state and names:
    st.session_state.sparql_text = queries[names[0]][1]
text = st.text_area("Query", key="sparql_text", height=300)
if st.button("Run query", type="primary", icon=":material/play_arrow:"):
    try:
        with st.spinner("Running…"):
            st.session_state.sparql_result = browse.run_readonly(text, limit=LIMIT, timeout=TIMEOUT)
        st.session_state.sparql_error = None
    except ClusterKGError as e:
        st.session_state.sparql_result, st.session_state.sparql_error = None, str(e)

if st.session_state.get("sparql_error"):
    st.error(st.session_state.sparql_error)
result = st.session_state.get("sparql_result")
if result is not None:
    if result.boolean is not None:
        st.success(f"ASK: {str(result.boolean).lower()}")
    else:
        st.caption(f"{len(result.rows)} rows" + (f" (only the first {LIMIT} are shown)" if result.truncated else ""))
        st.dataframe(pd.DataFrame(result.rows, columns=result.columns), hide_index=True)
        buffer = io.StringIO()
        csv.writer(buffer).writerows([result.columns, *result.rows])
        a, b = st.columns(2)
        a.download_button("Download CSV", buffer.getvalue(), file_name="results.csv", mime="text/csv", icon=":material/download:")
        b.download_button("Download JSON", result.json, file_name="results.json", mime="application/sparql-results+json",
                          icon=":material/download:")
