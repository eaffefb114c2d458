"""README's bench table: made from a report, and put between its markers only."""

import pytest

from sim.cli.bench_table import END, START, markdown_table, update_readme

REPORT = {
    "created_utc": "2026-12-07T23:00:00+00:00",
    "git_commit": "abcdef0123",
    "machine": {"cpus": 2},
    "compile": {"compile_s": 61.2},
    "engines": [
        {
            "size": "100k",
            "numba_agent_steps_per_s": 9.8e6,
            "mesa_agent_steps_per_s": 5.9e4,
            "speedup": 166.1,
        },
    ],  # fmt: skip
    "scaling": {
        "rows": [
            {"size": "10k", "seconds_per_month": 0.002},
            {"size": "1M", "seconds_per_month": 0.1},
        ],
        "loglog_slope": 0.91,
    },
    "full_england": {
        "years": 15,
        "agents_mean": 4.06e6,
        "run_s_estimated_all_months": 90.0,
        "build_s": 8.0,
        "tables_s": 3.0,
        "peak_rss_gb": 1.55,
    },  # fmt: skip
    "start_up": {
        "scale": 0.02,
        "build_s": 0.31,
        "build_first_s": 1.2,
        "candidates_per_hour_per_process": 1060.4,
    },  # fmt: skip
    "threads": {"tables_identical": True, "speedup": 1.56},
}


def test_the_table_holds_every_figure_of_the_report():
    table = markdown_table(REPORT)
    assert (
        "| numba vs Mesa engine, agent-steps/s at 100k workers | 9.80 M vs 59 k (166x) |" in table
    )
    assert "101.0 s: 90.0 s run + 8.0 s build + 3.0 s tables | <= 45 s |" in table
    assert "| kernel compile (first run after install, cached after) | 61 s | <= 20 s |" in table
    assert "0.0020 / 0.1000" in table and "1,060" in table and "identical tables, 1.56x" in table
    assert "commit abcdef0" in table


def test_readme_changes_only_between_the_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nbefore\n{START}\nold table\n{END}\nafter\n")
    update_readme(readme, "new table")
    assert readme.read_text() == f"# Title\n\nbefore\n{START}\nnew table\n{END}\nafter\n"


def test_a_readme_without_markers_is_refused_and_left_alone(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n")
    with pytest.raises(ValueError, match="no bench table markers"):
        update_readme(readme, "new table")
    assert readme.read_text() == "# Title\n"
