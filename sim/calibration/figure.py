"""The calibration figure: every target's simulated value in units of its tolerance."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

COLOURS = {"hand-set": "#999999", "fitted": "#005eb8"}


def fit_figure(table: pd.DataFrame, labels: list[str], footer: str) -> plt.Figure:
    """One row per target: (simulated - target) / tolerance with its 95% interval.

    Args:
        table: ``summary.against_targets`` output.
        labels: Candidate labels to draw (columns of ``table``).
        footer: Provenance line written at the foot.

    Returns:
        The figure; the band is +-1 tolerance, fitted targets are in bold.
    """
    n = len(table)
    fig, ax = plt.subplots(figsize=(12, 0.42 * n + 1.8), constrained_layout=True)
    y = np.arange(n)[::-1]
    ax.axvspan(-1, 1, color="#e6f2e6", zorder=0, label="within tolerance")
    ax.axvline(0, color="#333333", lw=0.8)
    tol = table["tolerance"].to_numpy(float)
    target = table["target"].to_numpy(float)
    for k, label in enumerate(labels):
        z = (table[label].to_numpy(float) - target) / tol
        lo = (table[f"{label}_ci_low"].to_numpy(float) - target) / tol
        hi = (table[f"{label}_ci_high"].to_numpy(float) - target) / tol
        shown = np.clip(z, -6, 6)
        ax.errorbar(
            shown,
            y + 0.15 * (k - (len(labels) - 1) / 2),
            xerr=[np.clip(shown - lo, 0, None), np.clip(hi - shown, 0, None)],
            fmt="o",
            color=COLOURS.get(label, f"C{k}"),
            label=label,
            ms=5,
            capsize=2,
        )
    ax.set_yticks(y)
    names = [
        f"{name} ({t:g} {unit})"
        for name, t, unit in zip(table.index, table["target"], table["unit"], strict=True)
    ]
    ax.set_yticklabels(names, fontsize=8)
    for tick, fitted in zip(ax.get_yticklabels(), table["is_fitted"], strict=True):
        tick.set_fontweight("bold" if fitted else "normal")
    ax.set_xlim(-6.5, 6.5)
    ax.set_xlabel("(simulated - published) / tolerance; clipped at +-6; bold: fitted")
    ax.set_title("Simulated first year vs published (95% intervals over seeds)")
    ax.legend(loc="lower right", fontsize=8)
    fig.text(0.01, 0.002, footer, fontsize=7, color="#555555", ha="left", va="bottom")
    return fig
