"""Errors that end a run, kept free of heavy imports so the command line can load them fast."""


class InvariantError(RuntimeError):
    """The simulated state broke an invariant (``sim.engines.invariants``); the run stops."""


class ResultsError(OSError):
    """The run's results could not be written; nothing was left in the results folder."""


class ConfigError(ValueError):
    """A config value outside what the model allows; raised before any work starts."""


class UnreadableResults(ConfigError):
    """A finished result cannot be read back: missing, damaged or changed since it was written.

    Raised before an analysis starts; the message names the file and what to do.
    """
