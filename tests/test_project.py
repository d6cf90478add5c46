"""The project's shape: documented commands, one-way dependencies, set-up scripts."""

import ast
import re
from pathlib import Path

from typer.main import get_command
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
# Stages in dependency order: a module may import only from modules listed before it.
STAGES = ["settings", "errors", "namespaces", "ontology", "models", "ingest", "extract", "graph", "store", "validate", "reason", "search", "build", "query", "export", "browse"]


def commands() -> list[str]:
    """Every leaf command as typed, e.g. 'kg ontology check'."""
    found = []

    def walk(command, prefix):
        subcommands = getattr(command, "commands", None)
        if not subcommands:
            found.append(prefix)
        for name, sub in (subcommands or {}).items():
            walk(sub, f"{prefix} {name}")

    walk(get_command(app), "kg")
    return found


def test_every_kg_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [c for c in commands() if c not in readme] == []


def test_every_kg_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    for command in commands():
        result = runner.invoke(app, command.split()[1:] + ["--help"])
        assert result.exit_code == 0 and "Example:" in result.stdout, command


def imported_kg_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.ImportFrom) and node.module == "kg":
            names.update(a.name for a in node.names if not a.name.startswith("__"))
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[1] for a in node.names if a.name.startswith("kg."))
    return names


def stage_of(path: Path) -> str:
    """kg/ontology.py -> ontology; kg/extract/mentions.py -> extract."""
    parts = path.relative_to(ROOT / "kg").parts
    return parts[0] if len(parts) > 1 else path.stem


def test_stages_import_only_from_stages_above_them() -> None:
    for module in (ROOT / "kg").glob("**/*.py"):
        name = stage_of(module)
        if name in ("__init__", "cli"):
            continue
        assert name in STAGES, f"{module} is not placed in STAGES"
        allowed = set(STAGES[: STAGES.index(name) + 1]) - {"__init__"}
        imported = imported_kg_modules(module) - {name}
        assert imported <= allowed, f"{module} imports a later stage or the CLI: {imported - allowed}"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert ci == ["./test.sh"] and "./test.sh" in readme


def test_torch_is_pinned_to_the_cpu_build() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"torch==\d', pyproject)


def test_no_code_downloads_models_at_run_time() -> None:
    pattern = re.compile(r"spacy\.cli\.download|spacy download|playwright install|SentenceTransformer\(\s*[\"']")
    offenders = [p for p in ROOT.glob("**/*.py") if ".venv" not in p.parts and pattern.search(p.read_text(encoding="utf-8"))
                 and p.name != "test_project.py"]
    assert offenders == []
