"""Reading finished run folders back, with one-line errors that name the file.

Every analysis command (``analyse``, ``catalogue``, ``compare``, ``experiment``'s summaries)
reads run folders through these functions, so a damaged or edited folder is refused with a
message saying which file and what to do, before any work, never with a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from sim.errors import UnreadableResults
from sim.output.integrity import failed_files

ADVICE = "rerun it, or move the folder out of the way"


def first_line(err: BaseException) -> str:
    """The first line of an error's message (parsers' and DuckDB's run to several)."""
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


def provenance_of(folder: Path | str) -> dict[str, Any]:
    """A run folder's ``provenance.json``.

    Raises:
        UnreadableResults: if it is missing or not valid JSON.
    """
    path = Path(folder) / "provenance.json"
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        raise UnreadableResults(
            f"{folder} is not a finished run folder (no provenance.json)"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise UnreadableResults(f"{path} cannot be read ({first_line(err)}): {ADVICE}") from None


def verified_provenance(folder: Path | str) -> dict[str, Any]:
    """``provenance_of`` after checking every file against the digests recorded with it.

    A folder written before digests were kept has none to check and is read as it is.

    Raises:
        UnreadableResults: naming the files that are missing, extra or changed.
    """
    prov = provenance_of(folder)
    if "digests" not in prov:
        return prov
    bad = failed_files(Path(folder), prov["digests"])
    if bad:
        raise UnreadableResults(
            f"{folder} does not match the digests recorded when the run finished "
            f"({', '.join(bad)}): {ADVICE}"
        )
    return prov


def read_table(folder: Path | str, table: str) -> pd.DataFrame:
    """One result table of a run folder (``<table>.parquet``).

    Raises:
        UnreadableResults: if the file is missing or not a readable Parquet file.
    """
    path = Path(folder) / f"{table}.parquet"
    try:
        return pd.read_parquet(path)
    except FileNotFoundError:
        raise UnreadableResults(f"{path} is missing: {ADVICE}") from None
    except (OSError, ValueError) as err:
        raise UnreadableResults(f"{path} cannot be read ({first_line(err)}): {ADVICE}") from None
