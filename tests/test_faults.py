"""Faults produced for real: killed runs, read-only and full results folders, a failing job."""

import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from filelock import Timeout

from sim.config import load_config
from sim.output.fingerprint import table_digests
from sim.output.results import run_lock

RUN = ["scale=0.002", "years=2", "progress=false"]
EXPECTED_FILES = {"config.yaml", "provenance.json", "summary.png", "national_monthly.parquet"}
# Root ignores file permissions; drop the capabilities that let it, so chmod really binds.
AS_UNPRIVILEGED = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    if os.geteuid() == 0 and shutil.which("setpriv")
    else []
)

# Every case here starts a run, a sweep or a benchmark in another process: the slow tier.
pytestmark = pytest.mark.slow


def start(*args, cwd, prefix=(), **kwargs):
    return subprocess.Popen(
        [*prefix, sys.executable, "-m", "sim", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def finish(proc):
    out, err = proc.communicate(timeout=600)
    return proc.returncode, out, err


def visible_runs(results):
    return [p for p in results.iterdir() if not p.name.startswith(".")] if results.exists() else []


def assert_complete(folder, reference):
    files, digests, _ = reference
    assert {p.name for p in folder.iterdir()} == files, folder
    assert table_digests(folder) == digests, "a visible run must equal the complete run"


def one_error_line(err, prefix):
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(prefix), err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A complete run: its files, its table digests and how long the command takes (s)."""
    root = tmp_path_factory.mktemp("reference")
    began = time.perf_counter()
    code, _, err = finish(start(*RUN, f"results_dir={root / 'r'}", cwd=root))
    assert code == 0, err
    (folder,) = visible_runs(root / "r")
    seconds = time.perf_counter() - began
    return {p.name for p in folder.iterdir()}, table_digests(folder), seconds


def test_a_run_killed_at_random_moments_leaves_all_or_nothing(reference, tmp_path):
    files, _, seconds = reference
    assert EXPECTED_FILES <= files
    rng = random.Random(20240401)
    moments = sorted(rng.uniform(0.2, 1.0) * seconds for _ in range(4))
    outcomes = []
    for k, delay in enumerate(moments):
        results = tmp_path / f"r{k}"
        proc = start(*RUN, f"results_dir={results}", cwd=tmp_path)
        time.sleep(delay)
        proc.kill()  # SIGKILL: no chance to clean up
        proc.communicate(timeout=60)
        runs = visible_runs(results)
        for folder in runs:
            assert_complete(folder, reference)
        outcomes.append(len(runs))
    assert set(outcomes) <= {0, 1}


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill", "term"])
def test_a_run_killed_while_writing_leaves_nothing_visible(reference, tmp_path, sig):
    results = tmp_path / "r"
    proc = start(*RUN, f"results_dir={results}", cwd=tmp_path)
    while proc.poll() is None and not any(results.glob(".tmp-*/*")):
        time.sleep(0.002)
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    runs = visible_runs(results)
    for folder in runs:
        assert_complete(folder, reference)
    if sig == signal.SIGTERM:
        assert proc.returncode in (128 + signal.SIGTERM, 0), proc.returncode
        assert not list(results.glob(".tmp-*")), "SIGTERM must remove the unfinished folder"


@pytest.mark.skipif(os.geteuid() == 0 and not AS_UNPRIVILEGED, reason="needs setpriv as root")
def test_a_read_only_results_folder_is_refused_before_any_work(tmp_path):
    results = tmp_path / "r"
    results.mkdir()
    results.chmod(0o555)
    try:
        proc = start(*RUN, f"results_dir={results}", cwd=tmp_path, prefix=AS_UNPRIVILEGED)
        code, out, err = finish(proc)
    finally:
        results.chmod(0o755)
    assert code == 2
    line = one_error_line(err, "config error: results_dir=")
    assert "not writable" in line and "workers" not in out
    assert not list(results.iterdir())


@pytest.mark.skipif(os.geteuid() == 0 and not AS_UNPRIVILEGED, reason="needs setpriv as root")
def test_a_results_folder_made_read_only_during_the_run(tmp_path):
    results = tmp_path / "r"
    results.mkdir()
    args = ["scale=0.002", "years=4", "progress=false", f"results_dir={results}"]
    unbuffered = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = start(*args, cwd=tmp_path, prefix=AS_UNPRIVILEGED, env=unbuffered)
    first = proc.stdout.readline()  # printed once the model is built, before the months run
    assert "workers" in first, first
    results.chmod(0o555)
    try:
        code, _, err = finish(proc)
    finally:
        results.chmod(0o755)
    assert code == 3
    line = one_error_line(err, "results error: could not write a run folder under")
    assert "Permission denied" in line
    assert not list(results.iterdir())


def limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_a_file_size_limit_gives_one_line_and_no_folder(tmp_path):
    results = tmp_path / "r"
    proc = start(*RUN, f"results_dir={results}", cwd=tmp_path, preexec_fn=limit_file_size)
    code, _, err = finish(proc)
    assert code == 3
    line = one_error_line(err, "results error:")
    assert "File too large" in line
    assert not visible_runs(results) and not list(results.glob(".tmp-*"))


@pytest.fixture
def tiny_disk(tmp_path):
    """A 256 KiB tmpfs (needs root); skipped where mounting is not allowed."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)],
        capture_output=True,
        text=True,
    )
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mount.stderr.strip()}")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def test_a_full_disk_gives_one_line_and_no_folder(tiny_disk, tmp_path):
    results = tiny_disk / "r"
    code, _, err = finish(start(*RUN, f"results_dir={results}", cwd=tmp_path))
    assert code == 3
    line = one_error_line(err, "results error:")
    assert "No space left on device" in line
    assert not visible_runs(results) and not list(results.glob(".tmp-*"))


SWEEP_WITH_A_BAD_JOB = ["--multirun", "hydra/launcher=joblib", "hydra.launcher.n_jobs=2",
                        "scale=0.002", "progress=false", "figure=false", "years=1,0,2"]  # fmt: skip


def test_a_sweep_with_a_bad_job_is_refused_before_any_job_runs(tmp_path):
    results = tmp_path / "r"
    code, _, err = finish(start(*SWEEP_WITH_A_BAD_JOB, f"results_dir={results}", cwd=tmp_path))
    assert code == 2
    line = one_error_line(err, "config error:")
    assert "job 2 of 3 (years=0): years=0 is not allowed" in line
    assert not results.exists(), "nothing run, nothing written"


def test_one_failing_job_is_reported_and_the_others_complete(tmp_path):
    """A job that fails once running (here its config, with the up-front check bypassed by
    calling Hydra's entry point directly) is reported and the others still complete."""
    results = tmp_path / "r"
    code = "import sys; from sim.cli.run import main; sys.argv[0] = 'sim'; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *SWEEP_WITH_A_BAD_JOB, f"results_dir={results}"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    code, out, err = finish(proc)
    assert code != 0
    assert re.search(r"job 2 of 3 \(years=0\) failed: config error: years=0 is not allowed", err)
    sweep = results / "sweeps" / "baseline"  # a multirun writes its runs in its sweep folder
    runs = [p for p in visible_runs(sweep) if p.name.startswith("baseline_")]
    assert len(runs) == 2, (out, err)
    years = sorted(len(pd.read_parquet(p / "national_monthly.parquet")) // 36 for p in runs)
    assert years == [1, 2]


def test_a_sweep_killed_midway_and_relaunched_redoes_only_unfinished_runs(tmp_path):
    results = tmp_path / "r"
    sweep = results / "sweeps" / "baseline"
    args = ["--multirun", "hydra/launcher=joblib", "hydra.launcher.n_jobs=1",
            "scale=0.002", "years=1", "progress=false", "figure=false", "seed=1,2,3,4",
            f"results_dir={results}"]  # fmt: skip
    proc = start(*args, cwd=tmp_path, start_new_session=True)
    while proc.poll() is None and len([p for p in visible_runs(sweep) if p.is_dir()]) < 2:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the launcher and its workers, mid-sweep
    proc.communicate(timeout=60)
    finished = {p.name: p.stat().st_ino for p in visible_runs(sweep) if p.is_dir()}
    assert 2 <= len(finished) < 4, "killed after two runs and before the last"
    code, out, err = finish(start(*args, cwd=tmp_path))
    assert code == 0, err
    assert out.count("already complete") == len(finished)
    runs = {p.name: p.stat().st_ino for p in visible_runs(sweep) if p.is_dir()}
    assert len(runs) == 4 and {k: runs[k] for k in finished} == finished  # not rewritten
    assert not list(sweep.glob(".tmp-*"))


def test_twin_launches_of_one_run_give_one_result_and_an_honest_message(tmp_path):
    """The second launch waits on the run's lock, then finds the first one's folder."""
    results = tmp_path / "r"
    args = ["scale=0.002", "years=3", "progress=false", "figure=false", f"results_dir={results}"]
    lock = run_lock(load_config(args))
    first = start(*args, cwd=tmp_path)
    while True:  # until the first holds the run's lock
        try:
            lock.acquire(timeout=0)
        except Timeout:
            break
        lock.release()
        time.sleep(0.01)
    second = start(*args, cwd=tmp_path)
    (c1, out1, err1), (c2, out2, err2) = finish(first), finish(second)
    assert c1 == 0 and c2 == 0, (err1, err2)
    assert "results written to" in out1
    assert "waiting for it" in out2 and "already complete" in out2
    assert len(visible_runs(results)) == 1


def test_a_sweep_whose_launcher_is_killed_leaves_no_worker_behind(tmp_path):
    """SIGKILL to the launcher alone: its joblib workers notice, stop, and clean up."""
    import psutil

    results = tmp_path / "r"
    sweep = results / "sweeps" / "baseline"
    args = ["--multirun", "hydra/launcher=joblib", "hydra.launcher.n_jobs=2",
            "scale=0.01", "years=15", "progress=false", "figure=false", "seed=1,2",
            f"results_dir={results}"]  # fmt: skip
    proc = start(*args, cwd=tmp_path)
    launcher = psutil.Process(proc.pid)
    while proc.poll() is None and len(list(sweep.glob(".tmp-*"))) < 1:
        time.sleep(0.05)  # until a job is computing
    workers = launcher.children(recursive=True)
    assert workers, "the joblib launcher runs jobs in worker processes"
    os.kill(proc.pid, signal.SIGKILL)  # the launcher only, as an OOM killer would
    proc.wait(timeout=60)
    gone, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive, f"orphaned workers: {[p.pid for p in alive]}"
    assert not list(sweep.glob(".tmp-*")), "the killed jobs removed their unfinished folders"


def test_only_jobs_in_the_launchers_workers_watch_their_parent(monkeypatch):
    """A job run in the command's own process (basic launcher, one joblib job) is left
    alone, so a sweep under nohup survives its terminal; a worker of the launcher watches."""
    from sim.cli.run import LAUNCHER_PID, launched_elsewhere

    monkeypatch.delenv(LAUNCHER_PID, raising=False)
    assert not launched_elsewhere()
    monkeypatch.setenv(LAUNCHER_PID, str(os.getpid()))
    assert not launched_elsewhere()
    monkeypatch.setenv(LAUNCHER_PID, str(os.getpid() + 1))
    assert launched_elsewhere()
