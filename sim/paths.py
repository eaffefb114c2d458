"""Where the Hydra configs and the named experiments are: in the package, or the repository.

An installed copy holds them inside the package (``sim/configs``, ``sim/experiments``: the
build maps the repository's top-level ``configs/`` and ``experiments/`` there), so it runs
from any folder; a source checkout or an editable install reads the top-level folders.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _inside_or_beside(name: str) -> Path:
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


CONFIG_DIR = _inside_or_beside("configs")
EXPERIMENTS_DIR = _inside_or_beside("experiments")
