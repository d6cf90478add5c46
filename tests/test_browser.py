"""The app in a real browser: Debian's headless Chromium driven by Playwright, against a real
`streamlit run app.py` on a free port of 127.0.0.1, over a private build of the corpus. Screenshots of
every page go to docs/screenshots/ (the README shows them)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
INJECTION = "https://w3id.org/clusterkg/resource/paper/injection-paper"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(data: Path, corpus: Path, port: int, script: Path = ROOT / "app.py") -> subprocess.Popen:
    """`streamlit run app.py` on 127.0.0.1:port, ready when /_stcore/health answers ok."""
    env = dict(os.environ, KG_DATA=str(data), KG_CORPUS=str(corpus), PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                               "--server.address", "127.0.0.1", "--server.headless", "true",
                               "--browser.gatherUsageStats", "false"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok":
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"streamlit did not start: {server.stderr.read().decode()[-2000:]}")


@pytest.fixture(scope="module")
def app_url(app_data: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser")
    corpus, data = root / "corpus", root / "data"
    shutil.copytree(app_data[0], corpus)
    shutil.copytree(app_data[1], data)
    port = free_port()
    server = start_app(data, corpus, port)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/setup.sh installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url: str) -> Iterator:
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    page.dialogs = []  # any alert() from paper text would land here
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.set_default_timeout(60_000)
    yield page
    assert page.dialogs == []
    context.close()


from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402


def settle(page) -> None:
    """Wait until Streamlit has finished running the page's script."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    page.wait_for_timeout(500)


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def go(page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}")
    settle(page)


def test_search_and_open_a_results_paper(page, app_url: str) -> None:
    go(page, app_url, "")
    page.get_by_label("Search the corpus").fill("knowledge spillover in industrial clusters")
    page.get_by_role("button", name="Search").click()
    page.locator(".ckg-sentence mark").first.wait_for()
    shoot(page, "search")
    page.locator('[data-testid="stPageLink"] a[href*="papers?paper="]').first.click()
    page.get_by_role("heading", name="Papers").wait_for()
    settle(page)
    assert page.locator(".ckg-sentence").count() > 0


def test_open_a_paper_with_its_concepts_in_context(page, app_url: str) -> None:
    go(page, app_url, "papers")
    page.get_by_role("tab", name="Concepts in context").wait_for()
    assert page.locator(".ckg-sentence mark").count() > 0
    shoot(page, "papers")


def test_a_concept_page_from_the_tree(page, app_url: str) -> None:
    go(page, app_url, "concepts?concept=https%3A%2F%2Fw3id.org%2Fclusterkg%2Fontology%23KnowledgeSpillover")
    page.get_by_role("heading", name="knowledge spillover").wait_for()
    page.get_by_role("tab", name="Evidence").click()
    page.locator(".ckg-sentence mark").first.wait_for()
    page.get_by_role("tab", name="Papers").click()
    shoot(page, "concepts")


def test_open_a_synthesis_cell_by_clicking_the_heat_map(page, app_url: str) -> None:
    go(page, app_url, "synthesis")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    cells = chart.locator("g.mark-rect path")
    cells.first.wait_for()
    assert page.locator(".ckg-sentence").count() == 0
    cells.first.click()
    settle(page)
    page.locator(".ckg-sentence mark").first.wait_for()
    opened = page.locator('[data-testid="stSelectbox"]', has_text="Open a cell").locator("input").get_attribute("aria-label") or ""
    count = page.locator(".ckg-sentence").count()
    assert count >= 1
    heading = page.locator('[data-testid="stHeading"]', has_text=" × ").first.inner_text()
    assert heading, opened
    page.locator('[data-testid="stSelectbox"]', has_text="Open a cell").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    shoot(page, "synthesis")
    page.get_by_role("tab", name="Co-occurrence network").click()
    page.wait_for_timeout(1000)
    shoot(page, "synthesis-network")


def test_open_a_synthesis_cell_from_the_list(page, app_url: str) -> None:
    go(page, app_url, "synthesis")
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
    settle(page)
    choose = page.locator('[data-testid="stSelectbox"]', has_text="Open a cell").locator("input")
    for _ in range(3):  # the list opens on click once the widget is ready
        choose.click()
        try:
            page.get_by_role("option").first.click(timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    settle(page)
    page.locator(".ckg-sentence mark").first.wait_for()


def test_run_a_sparql_query(page, app_url: str) -> None:
    go(page, app_url, "sparql")
    choice = page.get_by_role("combobox").first
    choice.click()
    choice.fill("concepts per category")
    page.keyboard.press("Enter")
    settle(page)
    page.get_by_role("button", name="Run query").click()
    page.get_by_text("9 rows").wait_for()
    page.get_by_text("Download CSV").wait_for()
    page.get_by_text("Download JSON").wait_for()
    page.wait_for_timeout(1000)
    shoot(page, "sparql")


def test_upload_a_paper_and_see_its_concepts(page, app_url: str, tmp_path: Path) -> None:
    go(page, app_url, "add")
    paper = tmp_path / "taobao-village-study.md"
    paper.write_text((ROOT / "tests" / "data" / "injection-paper.md").read_text().replace("Wei Zhang", "Min Chen"))
    page.locator('input[type="file"]').set_input_files(str(paper))
    page.get_by_role("button", name="Add to the graph").click()
    page.get_by_text("taobao-village-study.md: added").wait_for(timeout=120_000)
    page.get_by_role("link", name="knowledge spillover").first.wait_for()
    shoot(page, "add")


def test_a_paper_with_script_and_img_tags_shows_them_as_text(page, app_url: str) -> None:
    go(page, app_url, f"papers?paper={INJECTION}")
    page.get_by_text("<script>alert(1)</script>", exact=False).first.wait_for()
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("script").count() == 0
    assert main.locator("img").count() == 0
    assert main.locator('a[href^="javascript:"]').count() == 0
    assert page.locator(".ckg-sentence", has_text="<img src=x onerror=alert(1)>").count() >= 1
    assert page.dialogs == []
