"""The benchmark runs end to end (a smoke run; its figures are not asserted as timings)."""

import json

import pytest

from sim.cli import bench

# Every case here starts a run, a sweep or a benchmark in another process: the slow tier.
pytestmark = pytest.mark.slow


def test_quick_benchmark_writes_a_report(tmp_path, monkeypatch):
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "numba"))  # no re-exec in the test
    report = bench.main(["--quick", "--out", str(tmp_path)])
    (path,) = tmp_path.glob("bench_*.json")
    saved = json.loads(path.read_text())
    assert saved["threads"]["tables_identical"] is True
    assert report["engines"][0]["speedup"] > 1.0
    assert {r["size"] for r in saved["scaling"]["rows"]} == {"10k", "40k"}
    start_up = saved["start_up"]
    assert start_up["candidates_per_hour_per_process"] == pytest.approx(
        3600 / start_up["seconds_per_candidate_1_thread"]
    )
    assert 0 < start_up["build_s"] and start_up["candidates_timed"] == 1
    table = path.with_suffix(".md").read_text()
    assert "| 1 vs 2 numba threads | identical tables" in table
    assert f"{report['engines'][0]['speedup']:.0f}x" in table
