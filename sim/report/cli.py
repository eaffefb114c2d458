"""``carework report <results> --ics "<name>" | --all``: per-ICS workforce-plan reports.

``<results>`` is a folder of finished runs with a baseline: an experiment's folder
(``results/<name>``, whose ``runs/`` is read), its ``runs/``, or a sweep folder. Each ICS
gets a folder ``<out>/<ics-slug>/`` holding ``report.html`` (one file, figures inside),
``report.pdf`` with ``--pdf`` (WeasyPrint, the ``dashboard`` extra) and its figures as
stamped PNG and PDF. Each folder is written under a hidden name and renamed into place
when complete. Bad input (an unknown ICS, a year the runs do not cover, a folder without
runs) is refused in one line before anything is written, with exit code 2.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from pathlib import Path

from sim.analysis.source import Source, SourceError, open_source
from sim.report.areas import ics_context
from sim.report.render import report_html


def slug(name: str) -> str:
    """A folder name for an area (``"Cheshire and Merseyside"`` -> ``cheshire-and-merseyside``)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def pdf_writer():
    """WeasyPrint's ``HTML`` class, or None when it is not installed or cannot load."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):  # OSError: the Pango library it needs is missing
        return None
    return HTML


def write_report(source: Source, ics: str, fy: str, out: Path, pdf: bool) -> Path:
    """Write one ICS's report folder (atomically) and return it."""
    prov = source.provenance()
    ctx = ics_context(ics, int(prov["config"]["population"]["nhs_trusts"]))
    target = out / slug(ics)
    tmp = out / f".tmp-{slug(ics)}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(parents=True)
        page = report_html(source, ctx, fy, tmp / "figures")
        (tmp / "report.html").write_text(page)
        if pdf:
            pdf_writer()(string=page, base_url=str(tmp)).write_pdf(tmp / "report.pdf")
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def refuse(message: str) -> None:
    """Print a one-line refusal and exit with code 2."""
    print(f"config error: {message}", file=sys.stderr)
    sys.exit(2)


def main(argv: list[str] | None = None) -> int:
    """Command line: check every input, then write the reports asked for."""
    parser = argparse.ArgumentParser(
        prog="carework report",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("results", type=Path, help="experiment, runs or sweep folder")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--ics", help='an ICS, e.g. "Cheshire and Merseyside"')
    which.add_argument("--all", action="store_true", help="one report for every ICS")
    parser.add_argument("--year", help="financial year reported (default: the last)")
    parser.add_argument("--out", type=Path, help="output folder (default: <results>/reports)")
    parser.add_argument("--pdf", action="store_true", help="also write report.pdf")
    args = parser.parse_args(argv)
    try:
        source = open_source(args.results)
        if source.baseline is None:
            raise SourceError(f"results={str(args.results)!r} has no baseline run to compare with")
        areas = source.areas["ics"]
        if args.ics is not None and args.ics not in areas:
            raise SourceError(f"ics={args.ics!r} is not allowed: expected one of {areas}")
        fy = args.year or source.years[-1]
        if fy not in source.years:
            raise SourceError(f"year={fy!r} is not allowed: expected one of {source.years}")
    except SourceError as err:
        refuse(str(err))
    if args.pdf and pdf_writer() is None:
        refuse("pdf=True is not allowed: WeasyPrint is missing (pip install -e '.[dashboard]')")
    out = args.out or source.report_root()
    started = time.perf_counter()
    for ics in areas if args.all else [args.ics]:
        folder = write_report(source, ics, fy, out, args.pdf)
        print(f"{ics}: {folder / 'report.html'}" + (" and report.pdf" if args.pdf else ""))
    count = len(areas) if args.all else 1
    print(f"{count} report(s) for {fy} written under {out} ({time.perf_counter() - started:.0f} s)")
    return 0
