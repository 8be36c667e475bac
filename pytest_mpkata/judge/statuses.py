"""How one check item ended, in the words grades.json, feedback and progress store and show.

The judge decides them (a stopped run is ``timeout`` or ``error``, ``judge.stops``), the session
records them on each item's outcome, and the grade book ranks them: each is named here once.
"""

from __future__ import annotations

__all__ = [
    "ERROR",
    "FAILED",
    "FAILING_STATUSES",
    "GRADER_ERROR",
    "MANUAL",
    "MISSING",
    "NOT_STARTED",
    "PASSED",
    "REPORTED_STATUSES",
    "SKIPPED",
    "TIMEOUT",
]

PASSED = "passed"
FAILED = "failed"
"""A check found a problem in a program that ended by itself."""
ERROR = "error"
"""The program could not be built, crashed, exited non-zero or was stopped for anything but time."""
TIMEOUT = "timeout"
"""The program was stopped at its time limit, with no classic error behind it."""
MISSING = "missing"
"""Nothing was handed in for the kata."""
SKIPPED = "skipped"
MANUAL = "manual"
"""An answer in words: the instructor grades it; it earns no automatic points and adds none to the maximum."""
NOT_STARTED = "not started"
"""The program ran and did nothing at all (the untouched starter): no process, no log, no output."""
FAILING_STATUSES = (TIMEOUT, ERROR, FAILED, NOT_STARTED)
"""Worst first: a kata that timed out once is reported as timed out, even if other checks failed."""
GRADER_ERROR = "grader error"
"""A check itself raised (a bug in the grader): told to the instructor, never counted against the learner."""
REPORTED_STATUSES = (GRADER_ERROR, *FAILING_STATUSES)
"""What a kata's failed checks list: a grader error (not counted, shown to the instructor) and failures."""
