"""Calibration and validation: published targets, simulated moments, the fit and its report.

``targets`` reads the target table, ``moments`` turns a run's tables into the same
quantities, ``space`` declares the coefficients the fit may move, ``objective`` runs the
model over seeds and scores it, ``study`` drives Optuna, ``report`` and ``validation`` write
``results/calibration/``, and ``shipping`` writes the fitted values as the defaults.
"""
