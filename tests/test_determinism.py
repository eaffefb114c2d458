"""Same config and seed, byte-identical result tables: rerun, 1 or 2 threads, joblib launcher."""

import os
import subprocess
import sys

import pytest

from sim.output.fingerprint import table_digests

# Every case here starts a run, a sweep or a benchmark in another process: the slow tier.
pytestmark = pytest.mark.slow

RUN = ["scale=0.002", "years=1", "progress=false", "figure=false", "seed=7"]


def cli(*args, cwd, threads=2):
    env = {**os.environ, "NUMBA_NUM_THREADS": str(threads)}
    proc = subprocess.run(
        [sys.executable, "-m", "sim", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def only_run(folder):
    (run,) = [p for p in folder.iterdir() if p.is_dir() and p.name.startswith("baseline_")]
    return run


@pytest.fixture(scope="module")
def digests(tmp_path_factory):
    """Table digests of the same run made four ways."""
    root = tmp_path_factory.mktemp("determinism")
    out = {}
    for label, threads in (("one_thread", 1), ("two_threads", 2), ("rerun", 2)):
        folder = root / label
        cli(*RUN, f"results_dir={folder}", cwd=root, threads=threads)
        out[label] = table_digests(only_run(folder))
    folder = root / "joblib"
    cli(
        "--multirun",
        "hydra/launcher=joblib",
        "hydra.launcher.n_jobs=2",
        *[a for a in RUN if not a.startswith("seed=")],
        "seed=7,8",
        f"results_dir={folder}",
        cwd=root,
    )
    sweep = folder / "sweeps" / "baseline"  # a multirun writes its runs in its sweep folder
    runs = {p.name.rsplit("_s", 1)[1]: p for p in sweep.iterdir() if p.name.startswith("base")}
    assert set(runs) == {"7", "8"}, runs
    out["joblib"] = table_digests(runs["7"])
    out["joblib_other_seed"] = table_digests(runs["8"])
    return out


def test_a_rerun_gives_byte_identical_tables(digests):
    assert len(digests["two_threads"]) >= 15
    assert digests["rerun"] == digests["two_threads"]


def test_one_and_two_numba_threads_give_byte_identical_tables(digests):
    assert digests["one_thread"] == digests["two_threads"]


def test_a_joblib_launched_run_matches_the_sequential_run(digests):
    assert digests["joblib"] == digests["two_threads"]
    assert digests["joblib_other_seed"] != digests["joblib"], "the seed must matter"


def test_digest_sees_a_changed_value_but_not_the_provenance(tmp_path):
    import pandas as pd

    from sim.output.results import write_parquet

    df = pd.DataFrame({"month": [0, 1], "count": [1.0, 2.0]})
    write_parquet(df, tmp_path / "a.parquet", {"created_utc": "then"})
    write_parquet(df, tmp_path / "b.parquet", {"created_utc": "now"})
    df.loc[1, "count"] = 2.0000000001
    write_parquet(df, tmp_path / "c.parquet", {"created_utc": "then"})
    digest = table_digests(tmp_path)
    assert digest["a"] == digest["b"] != digest["c"]
