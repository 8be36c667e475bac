"""Stage 3, judge: pure functions from a ``RunResult`` to findings, diagnoses and pictures.

Nothing here starts a process.
"""
