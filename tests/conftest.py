import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def find_shared() -> Path | None:
    """The shared material: beside the project root, or beside the repository this one was cloned from."""
    candidates = [ROOT.parent / "shared"]
    origin = subprocess.run(["git", "-C", str(ROOT), "config", "remote.origin.url"], capture_output=True, text=True).stdout.strip()
    if origin and Path(origin).is_dir():
        candidates.append(Path(origin).resolve().parent / "shared")
    return next((c for c in candidates if c.is_dir()), None)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="include slow tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow (./test.sh does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def ontology_file() -> Path:
    return ROOT / "ontology" / "clusterkg.owl"


@pytest.fixture
def ontology_copy(tmp_path: Path, ontology_file: Path) -> Path:
    """A writable copy of the ontology file, for tests that edit it."""
    copy = tmp_path / "clusterkg.owl"
    shutil.copy(ontology_file, copy)
    return copy


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    shared = find_shared()
    if shared is None:
        pytest.fail(f"{ROOT.parent / 'shared'} is missing: the shared material must sit beside the project root")
    return shared


@pytest.fixture(scope="session")
def app_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(corpus, data): the corpus plus a paper whose text holds HTML and script, built once; for the
    app's tests. The paper cites the corpus paper 000 (Fu 2018) in its reference list."""
    from kg.build import build

    root = tmp_path_factory.mktemp("app")
    corpus, data = root / "corpus", root / "data"
    shutil.copytree(ROOT / "corpus", corpus)
    shutil.copy(ROOT / "tests" / "data" / "injection-paper.md", corpus / "injection-paper.md")
    report = build(corpus, data)
    assert report.failed == []
    return corpus, data
