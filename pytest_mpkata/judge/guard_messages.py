"""The messages of the main-guard check (``judge/guard_checks.py``).

The classic missing-guard explanation itself is ``diagnose.MISSING_MAIN_GUARD``, shared with
``ran_cleanly``: a learner meets the same words whichever check saw it first.
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = ["STARTED_BY_A_CHILD", "TOP_LEVEL_RAN_AGAIN"]

STARTED_BY_A_CHILD = Template(
    "started_by_a_child",
    "{label} was started by {parent}, not by the parent {main}: code that starts processes ran "
    'in a child. Start every process from the `if __name__ == "__main__":` block of your file.',
)
TOP_LEVEL_RAN_AGAIN = Template(
    "top_level_ran_again",
    "Under {method}, {label} re-imported your file and ran its top-level code again: it logged "
    "{message!r} as the parent {main} did. Everything but imports, the logging set-up and "
    'definitions belongs under `if __name__ == "__main__":`.',
)
