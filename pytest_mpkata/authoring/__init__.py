"""The authoring stage, above grading: the catalogue proves itself, and a new kata is one command.

``statement`` and ``sync`` generate each README's rules and hints and ``solutions/`` from the
katas' ``kata.toml``; ``selfcheck`` checks the catalogue without running anything; ``selfrun``
grades the starters and the reference solutions in one pytest session and reads its grade book
with the grade stage's own reader; ``scaffold`` writes a new kata.  ``python -m pytest_mpkata``
(``check``, ``sync``, ``new``) is their command line.
"""
