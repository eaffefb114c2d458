"""Shared fixtures: small seeded runs reused across tests (built once per session)."""

import os
import subprocess
import sys

import pytest

from sim import CareWorkforceModel, load_config

TINY = ["scale=0.003", "years=2", "progress=false", "check_invariants=true"]


def run_cli(
    *args: str, cwd, timeout: float = 300, env: dict | None = None
) -> subprocess.CompletedProcess:
    """``python -m sim`` with ``args`` in ``cwd`` (``env`` added to the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "sim", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def refusal_line(proc: subprocess.CompletedProcess) -> str:
    """The one stderr line of a command refused on bad input (exit 2), checked as such."""
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    return lines[0]


def run_model(*overrides: str) -> CareWorkforceModel:
    model = CareWorkforceModel(load_config([*TINY, *overrides]))
    return model.run()


@pytest.fixture(scope="session")
def tiny_run():
    """A two-year run at 0.3% scale and its tables."""
    model = run_model()
    return model, model.tables()


def pytest_collection_modifyitems(config, items):
    """Browser tests run only when asked for (``-m browser``): they need Chromium."""
    if "browser" in (config.option.markexpr or ""):
        return
    kept = [item for item in items if "browser" not in item.keywords]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if "browser" in i.keywords])
        items[:] = kept
