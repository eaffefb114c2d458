"""Entry points: the ``carework`` command and its subcommands.

``main`` dispatches ``carework <command>``; ``run`` is a projection (also ``python -m sim``),
with ``preflight`` (checks before any work) and ``exits`` (one-line errors, exit codes);
``bench`` measures speed and memory; ``docs`` writes the generated parameter pages.
"""
