"""Content digests of a run folder, and flushing it to disk before it is renamed into place.

A complete run folder records the SHA-256 digest of every file in it (``provenance.json``'s
``digests``, written last). Resume trusts a folder only if every file is there and matches
its digest, so a table truncated or edited after the run is found and the run redone.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

PROVENANCE = "provenance.json"
CHUNK = 1 << 20  # bytes read at a time


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, hex."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def folder_digests(folder: Path) -> dict[str, str]:
    """Digest of every file in a run folder but its provenance, by file name."""
    files = [p for p in sorted(folder.iterdir()) if p.is_file() and p.name != PROVENANCE]
    return {p.name: file_digest(p) for p in files}


def failed_files(folder: Path, digests: dict[str, str] | None) -> list[str]:
    """Files of a run folder that are missing, extra or differ from their recorded digest.

    Args:
        folder: A run folder.
        digests: Its recorded digests; None (a folder from before digests) fails as a whole.

    Returns:
        Names of the files that fail (``["digests"]`` when none were recorded); empty when
        the folder is intact.
    """
    if digests is None:
        return ["digests"]
    now = folder_digests(folder)
    return sorted(name for name in set(now) | set(digests) if now.get(name) != digests.get(name))


def flush_folder(folder: Path) -> None:
    """Flush every file in a folder and the folder itself to disk (``os.fsync``).

    Done before a folder is renamed into place, so the rename publishes bytes on disk.
    """
    for p in folder.iterdir():
        if p.is_file():
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
