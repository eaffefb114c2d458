"""Digests of a run's tables that ignore provenance: equal digests, byte-identical data.

A result file's Parquet metadata carries the run's provenance (creation time, command), so
two runs of the same config and seed never give byte-identical files. The digest hashes the
table itself, columns, types and values, as Arrow's IPC stream writes it, without that
metadata. ``carework fingerprint <run folder>...`` prints the digests of each folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def table_digest(path: Path | str) -> str:
    """SHA-256 of a Parquet table's columns, types and values (no schema metadata)."""
    table = pq.read_table(path).replace_schema_metadata(None).combine_chunks()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return hashlib.sha256(sink.getvalue().to_pybytes()).hexdigest()


def table_digests(folder: Path | str) -> dict[str, str]:
    """Digest of every ``*.parquet`` table of a run folder, by table name."""
    return {path.stem: table_digest(path) for path in sorted(Path(folder).glob("*.parquet"))}


def main(folders: list[str]) -> None:
    """Print each folder's table digests, and whether all folders agree."""
    digests = [table_digests(folder) for folder in folders]
    for folder, found in zip(folders, digests, strict=True):
        print(folder)
        for name, digest in found.items():
            print(f"  {name:24s} {digest}")
    if len(digests) > 1:
        same = all(d == digests[0] for d in digests[1:])
        print("identical tables" if same else "tables differ")
