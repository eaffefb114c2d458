"""Real Hydra multiruns: joblib (default), submitit's local executor, a local Ray instance,
and a Ray cluster started with ``ray start`` on this machine."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sim.analysis.catalogue import query, runs_table
from sim.cli.main import main
from tests.net import free_port

# Every case here starts a run, a sweep or a benchmark in another process: the slow tier.
pytestmark = pytest.mark.slow

TINY = ["scale=0.002", "years=1", "progress=false", "figure=false"]


def multirun(*args, cwd, timeout=600, env=None):
    return subprocess.run(
        [sys.executable, "-m", "sim", "-m", *TINY, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_joblib_sweep_is_catalogued_and_resumed(tmp_path):
    out = tmp_path / "results"
    args = [
        f"results_dir={out}",
        "name=grid",
        "replicate=0,1",
        "behaviour.switch_cost_sector=3.0,2.5",
        "hydra.launcher.n_jobs=2",
    ]
    proc = multirun(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    sweep = out / "sweeps" / "grid"
    runs = runs_table(sweep)
    assert len(runs) == 4 and proc.stdout.count("results written to") == 4
    for k in range(1, 5):  # each job names itself and the values it sweeps, nothing else
        assert f"job {k} of 4 (replicate=" in proc.stdout
    assert "job 4 of 4 (replicate=1 behaviour.switch_cost_sector=2.5): results" in proc.stdout
    assert sorted(runs["replicate"]) == [0, 0, 1, 1]
    assert set(runs["behaviour.switch_cost_sector"]) == {3.0, 2.5}
    assert runs.groupby("replicate")["seed"].nunique().eq(1).all(), "replicates pair by seed"
    per_run = query(
        sweep,
        "SELECT run, count(*) AS n, count(DISTINCT month) AS m FROM status_monthly GROUP BY run",
    )
    assert len(per_run) == 4 and (per_run["n"] == 12).all() and (per_run["m"] == 12).all()
    cols = query(sweep, "SELECT * FROM national_monthly LIMIT 1").columns
    assert {"replicate", "seed", "behaviour.switch_cost_sector", "vacancy_rate"} <= set(cols)
    with pytest.raises(SystemExit) as refused:  # a query DuckDB cannot run: one line, exit 2
        main(["catalogue", str(sweep), "--sql", "SELEC 1"])
    assert refused.value.code == 2

    finished = sorted(runs["folder"])[0]
    mtimes = {f: (sweep / f).stat().st_mtime_ns for f in runs["run"]}
    redo = sorted(runs["run"])[1]
    subprocess.run(["rm", "-r", str(sweep / redo)], check=True)
    (sweep / f".tmp-{redo}-424242").mkdir()
    proc = multirun(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("already complete") == 3
    assert proc.stdout.count("results written to") == 1 and redo in proc.stdout
    assert not list(sweep.glob(".tmp-*")), "an interrupted run is redone, not left behind"
    for run, mtime in mtimes.items():
        if run != redo:
            assert (sweep / run).stat().st_mtime_ns == mtime, f"{run} was recomputed"
    assert finished in set(runs_table(sweep)["folder"])


@pytest.mark.parametrize(
    ("plugin", "launcher", "settings"),
    [
        ("hydra_submitit_launcher", "submitit_local", ["hydra.launcher.timeout_min=10"]),
        pytest.param("hydra_ray_launcher", "ray_local", [], marks=pytest.mark.slow),
    ],
    ids=["submitit-local-executor", "ray-local-instance"],
)
def test_a_cluster_launcher_runs_a_sweep(tmp_path, plugin, launcher, settings):
    if importlib.util.find_spec(f"hydra_plugins.{plugin}") is None:
        pytest.skip(f"{plugin} is not installed (pip install -e '.[cluster]')")
    out = tmp_path / "results"
    proc = multirun(
        f"results_dir={out}",
        f"name={launcher}",
        "replicate=0,1",
        f"hydra/launcher={launcher}",
        *settings,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(runs_table(out / "sweeps" / launcher)) == 2


# A test cluster on 127.0.0.1 without Ray's token authentication: with it, a head can
# require a token (written to ~/.ray/auth_token) that a joining node then does not send.
RAY_ENV = {**os.environ, "RAY_AUTH_MODE": "disabled"}


def _ray(*args: str) -> subprocess.CompletedProcess:
    ray = Path(sys.executable).with_name("ray")
    return subprocess.run(
        [str(ray) if ray.exists() else "ray", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=RAY_ENV,
    )


def test_a_sweep_on_a_running_ray_cluster_matches_the_same_sweep_run_locally(tmp_path):
    """A head started with ``ray start --head`` on 127.0.0.1 and a second node joining it:
    the ``ray_cluster`` launcher's runs write the same tables, byte for byte, as the local
    launcher's runs of the same settings."""
    if importlib.util.find_spec("hydra_plugins.hydra_ray_launcher") is None:
        pytest.skip("hydra_ray_launcher is not installed (pip install -e '.[cluster]')")
    port = free_port()
    address = f"127.0.0.1:{port}"
    head = _ray("start", "--head", "--node-ip-address=127.0.0.1", f"--port={port}",
                "--num-cpus=1", "--include-dashboard=false")  # fmt: skip
    try:
        assert head.returncode == 0, head.stderr
        node = _ray("start", f"--address={address}", "--num-cpus=1")
        assert node.returncode == 0, node.stderr
        out = tmp_path / "results"
        common = [f"results_dir={out}", "replicate=0,1", "behaviour.switch_cost_sector=3.0,2.5"]
        on_cluster = ["name=cluster", "hydra/launcher=ray_cluster",
                      f"hydra.launcher.ray.init.address={address}",
                      "hydra.launcher.ray.remote.num_cpus=1",
                      "~hydra.launcher.ray.remote.memory"]  # fmt: skip
        cluster = multirun(*common, *on_cluster, cwd=tmp_path, env=RAY_ENV)
        assert cluster.returncode == 0, cluster.stderr
    finally:
        _ray("stop", "--force")
    local = multirun(*common, "name=local", "hydra.launcher.n_jobs=1", cwd=tmp_path)
    assert local.returncode == 0, local.stderr
    runs = {
        name: runs_table(out / "sweeps" / name).sort_values(
            ["behaviour.switch_cost_sector", "replicate"]
        )
        for name in ("cluster", "local")
    }
    assert len(runs["cluster"]) == len(runs["local"]) == 4
    for a, b in zip(runs["cluster"]["folder"], runs["local"]["folder"], strict=True):
        tables = sorted(p.name for p in Path(a).glob("*.parquet"))
        assert tables == sorted(p.name for p in Path(b).glob("*.parquet")) and tables
        for name in tables:
            left, right = pd.read_parquet(Path(a) / name), pd.read_parquet(Path(b) / name)
            pd.testing.assert_frame_equal(left, right, check_exact=True, obj=name)
