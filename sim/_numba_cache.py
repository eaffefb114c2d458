"""Point numba's on-disk kernel cache at a folder keyed by a hash of the kernels' source.

numba invalidates a cached kernel when its own file changes, but not when a function it
calls (in another file) changes, so a stale cache can silently run old code. Keying the
cache folder on the source of every file a kernel can reach makes any such edit start from
a fresh cache, while edits elsewhere (config, output, analysis) keep the compiled kernels.
Kernels may import only ``sim.kernels`` and the leaves named in ``KERNEL_SOURCES``; the
layering test (``tests/test_layering.py``) enforces that, so the hash covers all they run.
Must run before any kernel module is imported (``sim/__init__.py`` imports it first).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numba

# Files and folders of the package that compiled code can reach (relative to ``sim/``).
KERNEL_SOURCES = ("kernels", "state.py", "rng.py", "world/geography.py", "world/population.py")


def source_hash() -> str:
    """Short SHA-256 of every Python file compiled code can reach."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    files = [p for name in KERNEL_SOURCES for p in sorted((root / name).glob("**/*.py"))]
    files += [root / name for name in KERNEL_SOURCES if name.endswith(".py")]
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def configure() -> Path:
    """Set ``numba.config.CACHE_DIR`` to ``<base>/<source hash>`` and return it.

    The base is ``$NUMBA_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/carework-sim/numba``
    (``~/.cache`` by default).
    """
    base = os.environ.get("NUMBA_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "carework-sim", "numba"
    )
    folder = Path(base) / source_hash()
    numba.config.CACHE_DIR = str(folder)
    return folder


def is_warm(folder: Path | str | None = None) -> bool:
    """Whether the kernel cache folder already holds compiled kernels (numba index files)."""
    path = Path(folder or numba.config.CACHE_DIR)
    return path.is_dir() and any(path.glob("**/*.nbi"))
