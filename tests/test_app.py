"""The Streamlit app, through Streamlit's AppTest."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def test_concepts_page_lists_mechanisms_with_definitions_and_synonyms() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    at.selectbox[0].select("Mechanism").run()
    at.text_input[0].input("spillover").run()
    labels = [e.label for e in at.expander]
    assert "knowledge spillover" in labels
    assert any("Synonyms:" in t.value for t in at.text)
