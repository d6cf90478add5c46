"""ClusterKG app: search, concepts, papers, synthesis, SPARQL and adding papers, each page a module
of views/, all data through kg.browse and kg.search (the same API as the `kg` command).

Run: .venv/bin/streamlit run app.py --server.address 127.0.0.1   (./run.sh builds the graph first)
It reads the data directory KG_DATA (default data/) or the SPARQL endpoint KG_STORE.
"""

import streamlit as st

st.set_page_config(page_title="ClusterKG", layout="wide")  # no page_icon: a material icon is fetched from Google
pages = [
    st.Page("views/search.py", title="Search", icon=":material/search:", url_path="search", default=True),
    st.Page("views/concepts.py", title="Concepts", icon=":material/account_tree:", url_path="concepts"),
    st.Page("views/papers.py", title="Papers", icon=":material/description:", url_path="papers"),
    st.Page("views/synthesis.py", title="Synthesis", icon=":material/grid_on:", url_path="synthesis"),
    st.Page("views/sparql.py", title="SPARQL", icon=":material/code:", url_path="sparql"),
    st.Page("views/add.py", title="Add papers", icon=":material/upload_file:", url_path="add"),
]
st.navigation(pages, position="top").run()
