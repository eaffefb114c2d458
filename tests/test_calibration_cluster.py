"""The ABC calibration on a Dask cluster started on this machine: pyabc's own distributed
sampler runs the real model's simulations on the cluster's workers, and every accepted
particle's moments are what the same values give when run here."""

import subprocess
import sys
import time

import pytest

from tests.net import free_port

pytestmark = pytest.mark.slow


def _start(module: str, *args: str, cwd) -> subprocess.Popen:
    cmd = [sys.executable, "-m", f"distributed.cli.{module}", *args, "--no-dashboard"]
    return subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_calibration_on_a_dask_cluster_gives_moments_reproduced_locally(tmp_path):
    import pyabc
    from distributed import Client

    from sim.calibration import abc
    from sim.calibration.abc_run import Simulator
    from sim.calibration.cli import main
    from sim.calibration.objective import Setup
    from sim.calibration.targets import fitted_targets, load_targets

    address = f"tcp://127.0.0.1:{free_port()}"
    host, port = address.removeprefix("tcp://").split(":")
    scheduler = _start("dask_scheduler", "--host", host, "--port", port, cwd=tmp_path)
    workers = _start("dask_worker", address, "--nworkers", "2", "--nthreads", "1", cwd=tmp_path)
    try:
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        db = tmp_path / "abc.db"
        argv = ["--method", "abc", "--population", "10", "--generations", "1",
                "--scale", "0.002", "--scheduler", address, "--storage", str(db),
                "--out", str(tmp_path / "out"), "--skip-report"]  # fmt: skip
        started = time.monotonic()
        assert main(argv) == 0
        assert time.monotonic() - started < 600
    finally:
        workers.terminate()
        scheduler.terminate()
        workers.wait(30)
        scheduler.wait(30)
    history = pyabc.History(f"sqlite:///{db}")
    assert history.max_t == 0
    particles = history.get_population(t=0).particles
    assert len(particles) == 10
    names = list(fitted_targets(load_targets()).index)
    local = abc.model(Simulator(Setup(0.002, 1, ()).configs(), one_thread=False), names)
    for particle in particles[:2]:  # two re-runs here: each is a few seconds
        assert local(particle.parameter) == dict(particle.sum_stat)
