"""Per-ICS workforce-plan reports from finished runs (``carework report``)."""
