"""The memory guard: an estimate that covers a real run, and a refusal with the scale that fits."""

import subprocess
import sys
from dataclasses import replace

import pytest

from sim.config import ConfigError, load_config
from sim.config.memory import (
    available_bytes,
    estimate_bytes,
    largest_scale,
    refuse_if_sweep_too_large,
    refuse_if_too_large,
)
from tests.conftest import refusal_line, run_cli, run_model

# The peak is this process's VmHWM: ru_maxrss would carry over the parent's peak (the test
# runner's) through fork and exec.
PEAK_RSS = """
from pathlib import Path
from sim import CareWorkforceModel, load_config
from sim.config.memory import estimate_bytes
cfg = load_config(["scale=0.005", "years=2", "progress=false"])
estimate = estimate_bytes(cfg)
CareWorkforceModel(cfg).run().tables()
status = Path("/proc/self/status").read_text().splitlines()
peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(estimate, peak_kb * 1024)
"""


@pytest.mark.slow
def test_the_estimate_covers_the_peak_memory_of_a_real_run():
    proc = subprocess.run(
        [sys.executable, "-c", PEAK_RSS], capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr
    estimate, peak = (float(x) for x in proc.stdout.split()[-2:])
    assert peak <= estimate <= 4 * peak, (peak, estimate)


def test_the_estimate_grows_with_scale_horizon_and_handles():
    cfg = load_config(["scale=0.1", "years=5"])
    assert estimate_bytes(replace(cfg, scale=0.2)) > estimate_bytes(cfg)
    assert estimate_bytes(replace(cfg, years=10)) > estimate_bytes(cfg)
    assert estimate_bytes(replace(cfg, handles="employers")) < estimate_bytes(cfg)


def test_available_memory_is_read_from_the_machine():
    total = next(
        float(line.split()[1]) * 1024
        for line in open("/proc/meminfo")
        if line.startswith("MemTotal:")
    )
    assert 0 < available_bytes() <= total


def test_too_little_memory_is_refused_with_the_largest_scale_that_fits():
    cfg = load_config(["scale=1.0"])
    budget = estimate_bytes(cfg) / 3
    with pytest.raises(ConfigError) as caught:
        refuse_if_too_large(cfg, available=budget)
    message = str(caught.value)
    fits = largest_scale(cfg, budget)
    assert message.startswith("scale=1.0 is not allowed") and f"fits is {fits}," in message
    assert 0 < fits < 1.0
    assert estimate_bytes(replace(cfg, scale=fits)) <= budget
    assert estimate_bytes(replace(cfg, scale=fits * 1.01)) > budget
    refuse_if_too_large(replace(cfg, scale=fits), available=budget)


def test_the_guard_can_be_switched_off():
    cfg = load_config(["scale=1.0", "check_memory=false"])
    refuse_if_too_large(cfg, available=1.0)


def test_parallel_jobs_of_a_sweep_are_counted_together():
    small, big = load_config(["scale=0.01"]), load_config(["scale=0.3"])
    one = estimate_bytes(big)
    refuse_if_sweep_too_large([small, big, big], parallel=2, available=2.5 * one)
    with pytest.raises(ConfigError) as caught:
        refuse_if_sweep_too_large([small, big, big, big], parallel=3, available=2.5 * one)
    message = str(caught.value)
    assert message.startswith("hydra.launcher.n_jobs=3 is not allowed: expected at most 2 ")
    refuse_if_sweep_too_large([big, big], parallel=1, available=1.5 * one)  # in turn: fits


def test_a_local_sweep_too_large_for_memory_together_is_refused_up_front(monkeypatch, tmp_path):
    from sim.cli import preflight as pf
    from sim.config import memory

    one = estimate_bytes(load_config(["scale=0.2"]))
    monkeypatch.setattr(memory, "available_bytes", lambda: 1.5 * one)
    argv = ["-m", "seed=1,2", "scale=0.2", "hydra.launcher.n_jobs=2", f"results_dir={tmp_path}"]
    with pytest.raises(ConfigError, match="n_jobs=2 is not allowed"):
        pf.preflight(argv)
    pf.preflight([*argv[:-2], "hydra.launcher.n_jobs=1", f"results_dir={tmp_path}"])
    assert pf.local_parallel_jobs(pf._hydra_config(pf.get_args_parser().parse_args([]), [])) >= 1


@pytest.mark.slow
def test_the_command_refuses_a_run_larger_than_this_machine(tmp_path):
    out = tmp_path / "results"
    proc = run_cli(
        "scale=1.0", "population.outside_workers=1e9", f"results_dir={out}", cwd=tmp_path
    )
    line = refusal_line(proc)
    assert "largest scale that fits is 0." in line, proc.stderr
    assert line.startswith("config error: scale=1.0 is not allowed")
    assert "workers" not in proc.stdout and not out.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        ("engine=numba", "handles=employers"),
        pytest.param(("engine=mesa", "handles=all"), marks=pytest.mark.slow),  # 8 s
    ],
)
def test_a_finished_model_is_freed_when_dropped(overrides):
    """Mesa 3.3 keeps every model that made an agent alive (its class-level id counter);
    a sweep or calibration worker builds thousands, so ours must be collectable."""
    import gc
    import weakref

    ref = weakref.ref(run_model("years=1", *overrides))
    gc.collect()
    assert ref() is None
