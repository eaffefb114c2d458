"""The browser dashboard (``carework dashboard``): finished runs and live scenarios."""
