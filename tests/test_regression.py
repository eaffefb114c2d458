"""Seeded regression: a small fixed run's headline outputs match ``tests/baseline.yaml``."""

import math

import pytest
import yaml

from tests.regression import BASELINE, RELATIVE_TOLERANCE, RUN, run_folder, summarise


@pytest.fixture(scope="module")
def values(tmp_path_factory):
    return summarise(run_folder(tmp_path_factory.mktemp("regression")))


def test_the_baseline_file_describes_this_run():
    stored = yaml.safe_load(BASELINE.read_text())
    assert stored["run"] == RUN, "tests/baseline.yaml was made by another run: regenerate it"


def test_headline_outputs_match_the_committed_baseline(values):
    stored = yaml.safe_load(BASELINE.read_text())["values"]
    assert set(values) == set(stored), "metrics differ from the baseline's"
    changed = {
        key: (stored[key], values[key])
        for key in stored
        if not math.isclose(values[key], stored[key], rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-12)
    }
    assert not changed, (
        f"{len(changed)} headline values moved (baseline, now): "
        f"{dict(list(changed.items())[:5])}; if intended, run `python -m tests.regression --update`"
    )


def test_the_comparison_would_see_a_small_change(values):
    key = next(k for k in values if k.endswith("vacancy_rate"))
    moved = values[key] * (1 + 1e-6)
    assert not math.isclose(moved, values[key], rel_tol=RELATIVE_TOLERANCE)
