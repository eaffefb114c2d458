"""The docs name only files and modules that exist, so a move cannot leave them behind."""

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PATH = re.compile(r"(?<![\w/.])((?:sim|docs|configs|experiments|tests)/[\w./-]*\w)")
MODULE = re.compile(r"`(sim(?:\.\w+)+)")
# Files a run writes when it happens, named in the docs as what to look for.
WRITTEN_LATER = {"sim/data/fitted_defaults.json", "sim/data/ensemble.csv", "sim/data/ensemble.json"}


def resolves(dotted: str) -> bool:
    """Whether ``sim.a.b.c`` names a module, or an attribute of one."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for name in parts[i:]:
            if not hasattr(obj, name):
                return False
            obj = getattr(obj, name)
        return True
    return False


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_path_a_page_names_exists(page):
    text = page.read_text()
    missing = sorted(
        p for p in set(PATH.findall(text)) if p not in WRITTEN_LATER and not (ROOT / p).exists()
    )
    assert not missing, f"{page.name} names paths that do not exist: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_module_a_page_names_resolves(page):
    broken = sorted(m for m in set(MODULE.findall(page.read_text())) if not resolves(m))
    assert not broken, f"{page.name} names modules that do not resolve: {broken}"
