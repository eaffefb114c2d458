"""Per-ICS reports and the dashboard's views from finished runs; refusals of bad input."""

import subprocess
import sys

import pytest

from sim.analysis.source import Source, SourceError
from sim.dashboard.live import LiveError, LiveScenario


def carework(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "sim.cli", *args], capture_output=True, text=True, cwd=cwd
    )


def one_line(proc) -> str:
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_a_missing_results_folder_is_refused_naming_it(tmp_path):
    line = one_line(carework("report", str(tmp_path / "none"), "--ics", "X"))
    assert "results=" in line and "expected" in line
    line = one_line(carework("dashboard", str(tmp_path / "none")))
    assert "results=" in line and "expected an existing folder" in line
    assert not (tmp_path / "none").exists()


def test_a_folder_without_runs_is_refused(tmp_path):
    with pytest.raises(SourceError, match="expected a folder of finished run folders"):
        Source(tmp_path)


def test_a_live_scenario_out_of_range_is_refused_naming_the_field():
    with pytest.raises(LiveError, match=r"lever='nope' is not allowed: expected one of"):
        LiveScenario({"nope": 1.0}).check()
    with pytest.raises(LiveError, match=r"pay_parity.share=2.0 is not allowed: expected 0.0-1.0"):
        LiveScenario({"pay_parity": 2.0}).check()
    with pytest.raises(LiveError, match=r"policies.fair_pay.start='2028-04' is not allowed"):
        LiveScenario({"fair_pay": 1.1}, years=3).check()
    with pytest.raises(LiveError, match=r"scale=0.5 is not allowed"):
        LiveScenario({"pay_parity": 0.5}, scale=0.5).check()
    assert LiveScenario({"pay_parity": 0.5}).overrides() == [
        "policy=[pay_parity]",
        "policies.pay_parity.share=0.5",
    ]


@pytest.fixture(scope="module")
def live_runs(tmp_path_factory):
    from sim.dashboard.live import run_live

    root = tmp_path_factory.mktemp("live")
    steps = []
    folder = run_live(
        root,
        LiveScenario({"pay_parity": 1.0}, scale=0.003, years=3, replicates=2),
        lambda share, line: steps.append(share),
    )
    return root, folder, steps


@pytest.mark.slow
def test_live_runs_are_paired_and_read_through_the_catalogue(live_runs):
    _, folder, steps = live_runs
    assert steps[-1] == 1.0 and steps == sorted(steps)
    source = Source(folder)
    assert source.baseline == "baseline" and len(source.runs) == 4
    assert (folder / "catalogue.duckdb").exists()
    e = source.effects(level="england", metric="vacancy_rate")
    first = e[e["fy"] == "2024/25"]  # before the lever starts (April 2026): no effect at all
    assert (first["diff_mean"] == 0).all() and (first["n"] == 2).all()
    with pytest.raises(SourceError, match="metric='nope' is not allowed"):
        source.series("nope", "england", "England", ["baseline"])
    with pytest.raises(SourceError, match="ics='Atlantis' is not allowed"):
        source.series("filled", "ics", "Atlantis", ["baseline"])


@pytest.mark.slow
def test_every_view_draws_and_exports_a_stamped_figure(live_runs, tmp_path):
    from sim.dashboard import views

    _, folder, _ = live_runs
    source = Source(folder)
    c = views.Choice(tuple(source.scenarios), "vacancy_rate", "2025/26", "ics",
                     "Cheshire and Merseyside")  # fmt: skip
    for view in views.VIEWS:
        fig, numbers = views.DRAW[view](source, c)
        assert len(numbers) > 0, view
    paths = views.export(source, "effects", c, tmp_path)
    assert {p.suffix for p in paths} == {".png", ".pdf"}


@pytest.mark.slow
def test_one_command_writes_every_ics_report_and_refuses_an_unknown_ics(live_runs, tmp_path):
    _, folder, _ = live_runs
    line = one_line(carework("report", str(folder), "--ics", "Atlantis", "--out", str(tmp_path)))
    assert "ics='Atlantis' is not allowed: expected one of [" in line
    assert not any(tmp_path.iterdir())
    proc = carework("report", str(folder), "--all", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    pages = sorted(tmp_path.glob("*/report.html"))
    assert len(pages) == 42
    text = (tmp_path / "cheshire-and-merseyside" / "report.html").read_text()
    for section in ("Care demand and posts", "Supply and the gap", "come from and go to",
                    "against the NHS", "Rural and coastal", "Cost of the chosen levers",
                    "Uncertainty", "cannot say"):  # fmt: skip
        assert section in text, section
