"""The benchmark's report as README's performance table, and that table put in place.

README.md holds the table between two marker lines (``START`` and ``END``); ``carework bench
--readme README.md`` rewrites what lies between them from the run just made, so the figures
README quotes are always one benchmark run's.
"""

from __future__ import annotations

from pathlib import Path

START = "<!-- bench table: written by `carework bench --readme README.md` -->"
END = "<!-- end of bench table -->"


def markdown_table(report: dict) -> str:
    """README's table of one benchmark report: measure, figure, target.

    Args:
        report: ``carework bench``'s report (the JSON it writes), full or quick.
    """
    eng = {r["size"]: r for r in report["engines"]}
    rows = [
        (
            f"numba vs Mesa engine, agent-steps/s at {size} workers",
            f"{r['numba_agent_steps_per_s'] / 1e6:.2f} M vs "
            f"{r['mesa_agent_steps_per_s'] / 1e3:.0f} k ({r['speedup']:.0f}x)",
            ">= 150x" if size == "100k" else "",
        )
        for size, r in eng.items()
    ]
    scaling = report["scaling"]
    sizes = " / ".join(r["size"] for r in scaling["rows"])
    months = " / ".join(f"{r['seconds_per_month']:.4f}" for r in scaling["rows"])
    rows += [
        (f"numba seconds per month at {sizes} agents", months, ""),
        ("log-log slope of time per month on agents", f"{scaling['loglog_slope']:.2f}", "<= 1.1"),
    ]
    if "full_england" in report:
        f = report["full_england"]
        total = f["run_s_estimated_all_months"] + f["build_s"] + f["tables_s"]
        rows += [
            (
                f"full England ({f['agents_mean'] / 1e6:.2f} M agents), {f['years']} years",
                f"{total:.1f} s: {f['run_s_estimated_all_months']:.1f} s run + "
                f"{f['build_s']:.1f} s build + {f['tables_s']:.1f} s tables",
                "<= 45 s",
            ),
            ("peak memory of that run (RSS)", f"{f['peak_rss_gb']:.2f} GB", "< 3 GB"),
        ]
    c, u, t = report["compile"], report["start_up"], report["threads"]
    rows += [
        ("kernel compile (first run after install, cached after)", f"{c['compile_s']:.0f} s",
         "<= 20 s"),
        (f"building a scale-{u['scale']} model (first in a process)",
         f"{u['build_s']:.2f} s ({u['build_first_s']:.2f} s)", "< 1 s"),
        (f"calibration candidates per hour per process (scale {u['scale']}, 1 thread)",
         f"{u['candidates_per_hour_per_process']:,.0f}", "reported"),
        ("1 vs 2 numba threads",
         f"{'identical' if t['tables_identical'] else 'DIFFERENT'} tables, "
         f"{t['speedup']:.2f}x faster", "identical"),
    ]  # fmt: skip
    lines = [
        f"Benchmark of {report['created_utc'][:10]} at commit {report['git_commit'][:7]} "
        f"({report['machine']['cpus']} CPUs):",
        "",
        "| measure | figure | target |",
        "| --- | --- | --- |",
        *(f"| {m} | {v} | {target} |" for m, v, target in rows),
    ]
    return "\n".join(lines)


def update_readme(path: Path | str, table: str) -> None:
    """Replace the text between README's bench markers with ``table``.

    Raises:
        ValueError: if the file lacks either marker line, in order (nothing is written).
    """
    path = Path(path)
    text = path.read_text()
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"{path} has no bench table markers: add the lines {START!r} and {END!r}")
    head = text[: start + len(START)]
    path.write_text(f"{head}\n{table}\n{text[end:]}")
