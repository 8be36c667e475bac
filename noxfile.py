"""nox sessions for the declared Python range; the same targets as ``.ci/python-matrix``.

``nox -s matrix`` runs every CPython 3.9 to 3.13 found on PATH and skips the others.
"""

from __future__ import annotations

import nox

PYTHONS = ["3.9", "3.10", "3.11", "3.12", "3.13"]
nox.options.error_on_missing_interpreters = False


@nox.session(python=PYTHONS)
def matrix(session: nox.Session) -> None:
    """The katas against the reference solutions, then the bad-input tests, two workers each."""
    session.install(".[test]")
    quiet = ["-q", "-p", "no:cacheprovider", "-n", "2"]
    session.run("pytest", "katas", "--mpkata-submission", "solutions", *quiet)
    session.run("pytest", "tests/test_runner_bad_input.py", *quiet)
