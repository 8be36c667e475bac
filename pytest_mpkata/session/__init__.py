"""Stage 4, session: kata checks as pytest items, the run cache, ordering, xdist scheduling."""
