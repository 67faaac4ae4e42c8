"""Conventions the codebase keeps, checked rather than remembered (ruff rules in pyproject.toml)."""
from __future__ import annotations

import re
import subprocess
import sys

from directory.config import PROJECT_ROOT

PYTHON = sorted(p for p in (PROJECT_ROOT / "directory").rglob("*.py"))
TEMPLATES = sorted((PROJECT_ROOT / "templates").rglob("*.html"))


def test_directory_imports_content_only_inside_create_app():
    offenders = []
    for path in PYTHON:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.match(r"\s*(from content\b|import content\b)", line):
                offenders.append(f"{path.relative_to(PROJECT_ROOT)}:{number}")
    assert offenders == ["directory/__init__.py:" + str(_line_of_content_import())]


def _line_of_content_import() -> int:
    lines = (PROJECT_ROOT / "directory" / "__init__.py").read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip() == "import content")


def test_templates_never_mark_user_data_safe():
    for template in TEMPLATES:
        text = template.read_text()
        assert "|safe" not in text and "| safe" not in text, template
        assert "autoescape false" not in text, template


def test_no_template_strings_rendered_from_python():
    for path in PYTHON + sorted((PROJECT_ROOT / "content").rglob("*.py")):
        assert "render_template_string" not in path.read_text(), path


def test_ruff_finds_no_errors():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "directory", "content", "tests", "wsgi.py"],
        cwd=PROJECT_ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


CODE = PYTHON + sorted((PROJECT_ROOT / "content").rglob("*.py"))
# Place names that are also ordinary English words (Matching is a village near Harlow).
PLACE_NAMES_THAT_ARE_WORDS = {"Matching"}


def test_no_python_file_names_a_county_district_or_town():
    """The county is data: its name, councils and towns live in its pack only."""
    from directory.counties.pack import load_pack

    pack = load_pack("essex")
    names = {pack.name} | {a.name for a in pack.areas()} | {
        p["name"] for p in pack.places() if p["county"] in pack.preferred_counties}
    names -= PLACE_NAMES_THAT_ARE_WORDS
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b")
    found = {f"{path.relative_to(PROJECT_ROOT)}: {match.group(0)}"
             for path in CODE for match in pattern.finditer(path.read_text())}
    assert found == set()


def test_no_python_file_in_the_application_is_very_long():
    long = {str(path.relative_to(PROJECT_ROOT)): n for path in CODE
            if (n := len(path.read_text().splitlines())) > 600}
    assert long == {}


def _package_of(module: str) -> str | None:
    """directory.listings.models -> directory.listings; content.x -> content."""
    parts = module.split(".")
    if parts[0] == "content":
        return "content"
    if parts[0] != "directory" or len(parts) < 2:
        return None
    return ".".join(parts[:2])


def _imports(path) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            if node.module == "directory":  # from directory import audit, mail
                found |= {f"directory.{alias.name}" for alias in node.names}
    return found


def test_no_two_packages_import_each_other():
    """Layers point one way. directory/__init__.py (create_app) is the composition
    root that wires everything together, so it is not a package here."""
    edges: dict[str, set[str]] = {}
    for path in CODE:
        if path == PROJECT_ROOT / "directory" / "__init__.py":
            continue
        module = ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts).removesuffix(".__init__")
        source = _package_of(module)
        targets = {_package_of(name) for name in _imports(path)} - {None, source}
        edges.setdefault(source, set()).update(targets)
    both_ways = sorted({tuple(sorted((a, b))) for a, targets in edges.items() for b in targets
                        if a in edges.get(b, set())})
    assert both_ways == []
