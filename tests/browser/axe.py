"""axe-core, run inside the page by axe-playwright-python."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
