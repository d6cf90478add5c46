"""The app's speed in a real browser (Debian's headless Chromium via Playwright), against a real
`streamlit run app.py` over a build of corpus/.

Run: .venv/bin/python benchmarks/bench_app.py
Prints, with a baseline measured in the same run (a one-line Streamlit app on the same machine):
- time to first render: a fresh browser tab until the page's title is drawn and the script has ended,
  for the first visit to a new server (cold: caches empty) and then warm (median of 5);
- each page's warm render, as a ratio to the baseline;
- a search round trip: the first search (loads the embedding model and the index) against the
  following ones (median of 5), showing the model is loaded once per server process, not per
  interaction. Without kg.search (issue #6) it is skipped and said so.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from kg.build import build  # noqa: E402
from timing import median_seconds  # noqa: E402
from tests.test_browser import CHROMIUM, CHROMIUM_FLAGS, free_port, start_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"": "Search", "concepts": "Concepts", "papers": "Papers", "synthesis": "Synthesis", "sparql": "SPARQL",
         "add": "Add papers"}


def render(browser, url: str, title: str) -> float:
    """Seconds from opening a new tab on `url` until `title` is drawn and the script has finished."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    start = time.perf_counter()
    page.goto(url)
    page.get_by_role("heading", name=title).first.wait_for(timeout=120_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000)
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def median(values: list[float]) -> float:
    return statistics.median(values)


def search_once(page, url: str, query: str) -> float:
    page.goto(f"{url}/")  # Search is the default page
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000)
    page.get_by_label("Search the corpus").fill(query)
    start = time.perf_counter()
    page.get_by_role("button", name="Search").click()
    page.locator(".ckg-sentence").first.wait_for(timeout=300_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        build(ROOT / "corpus", data)
        baseline_app = Path(tmp) / "baseline.py"
        baseline_app.write_text("import streamlit as st\nst.title('Baseline')\n")
        servers = []
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                port = free_port()
                servers.append(start_app(data, ROOT / "corpus", port, script=baseline_app))
                base_url = f"http://127.0.0.1:{port}"
                base_cold = render(browser, base_url, "Baseline")
                base_warm = median([render(browser, base_url, "Baseline") for _ in range(5)])

                port = free_port()
                servers.append(start_app(data, ROOT / "corpus", port))
                url = f"http://127.0.0.1:{port}"
                cold = render(browser, f"{url}/concepts", "Concepts")
                warm = {name: median([render(browser, f"{url}/{name}", title) for _ in range(5)])
                        for name, title in PAGES.items()}
                print("| figure | app | baseline (one-line Streamlit app) | ratio |")
                print("| --- | ---: | ---: | ---: |")
                print(f"| time to first render, cold server (Concepts page) | {cold * 1000:.0f} ms | {base_cold * 1000:.0f} ms | {cold / base_cold:.2f} |")
                for name, seconds in warm.items():
                    print(f"| warm render, {PAGES[name]} page | {seconds * 1000:.0f} ms | {base_warm * 1000:.0f} ms | {seconds / base_warm:.2f} |")

                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                first = search_once(page, url, "knowledge spillover in industrial clusters")
                later = median([search_once(page, url, q) for q in (
                    "FDI and SME clusters", "local government support", "global value chain upgrading",
                    "Taobao village entrepreneurs", "collective learning")])
                from kg.search import Searcher

                searcher = Searcher(data)
                bare = median_seconds(lambda: searcher.search("FDI and SME clusters"), repeat=5)
                print(f"| search round trip, first (loads model and index) | {first * 1000:.0f} ms | | |")
                print(f"| search round trip, later (median of 5) | {later * 1000:.0f} ms | first search {first * 1000:.0f} ms | {later / first:.2f} |")
                print(f"| search round trip, later (median of 5) | {later * 1000:.0f} ms | bare `Searcher.search` in Python {bare * 1000:.0f} ms | {later / bare:.2f} |")
                browser.close()
        finally:
            for server in servers:
                server.terminate()
                server.wait(10)


if __name__ == "__main__":
    main()
