"""The plugin's options and ini keys, and the settings they resolve to, resolved on first need.

Registering the options costs nothing; resolving them (``settings.resolve``) loads the start
methods and may probe the sandbox.  So a test suite that has no kata and names no option pays
nothing: the settings are resolved at configure when an option or ini key was given (a bad value
is a usage error at once), else when the first kata is collected.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pytest_mpkata.run.startmethods import START_METHODS

if TYPE_CHECKING:
    from pytest_mpkata.settings import Settings

__all__ = ["GROUP", "SETTINGS_KEY", "add_options", "given", "settings_of"]

GROUP = "mpkata"
SETTINGS_KEY: pytest.StashKey[Settings] = pytest.StashKey()
HELP_START_METHODS = (
    f"start methods to check each kata under, comma-separated (default: {','.join(START_METHODS)})"
)
HELP_SUBMISSION = "check DIR/<kata_id>.py (or a notebook) instead of the learner files in katas/"
HELP_SUBMISSIONS = "grade every subfolder of ROOT as one submission (batch mode)"
HELP_REPORT = "write grades.json, grades.csv and per-submission reports into OUT"
HELP_REGRADE = "grade every submission again, even those unchanged since the last report"
HELP_SHARD = (
    "grade only the K-th of N parts of the submissions folder (split by a hash of each submission's "
    "name, the same on every machine), e.g. 2/3; merge the reports with python -m pytest_mpkata merge"
)
HELP_TIME_LIMIT = "wall-clock limit in seconds for one run of a learner's program (default: the kata's)"
HELP_NEXT = "run only the first kata that is not solved yet"
HELP_HINT = "show the next hint for each failing kata"
HELP_EXPLAIN = "show which processes ran each line of the learner's file (needs coverage)"
HELP_RUN_AHEAD = (
    "start up to N runs of learner programs at once, ahead of the checks that need them "
    "(default: the number of cores, shared among xdist workers; 0 or 1: one run at a time)"
)
HELP_HTML = (
    "write this run as one HTML page at PATH: each kata's checks, messages and a timeline of "
    "what ran where (grading a class, --mpkata-report OUT writes OUT/index.html instead)"
)
HELP_KEEP_RUNS = "keep each run's working directory, output and trace under DIR for inspection"
HELP_SANDBOX = (
    "confine each run (files, network, other processes): auto = on when grading submissions "
    "if this machine allows it, else off with a notice; on = refuse to run unconfined; off"
)
INI_DEFAULTS = {
    "mpkata_start_methods": ",".join(START_METHODS),
    "mpkata_shard": "",
    "mpkata_time_limit": "",
    "mpkata_sandbox": "auto",
    "mpkata_run_ahead": "",
}
"""Each ini key with its default; a key set to anything else counts as given."""


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup(GROUP, "multiprocessing katas")
    group.addoption("--mpkata-start-methods", metavar="LIST", help=HELP_START_METHODS)
    group.addoption("--mpkata-submission", metavar="DIR", type=Path, help=HELP_SUBMISSION)
    group.addoption("--mpkata-submissions", metavar="ROOT", type=Path, help=HELP_SUBMISSIONS)
    group.addoption("--mpkata-report", metavar="OUT", type=Path, help=HELP_REPORT)
    group.addoption("--mpkata-regrade", action="store_true", help=HELP_REGRADE)
    group.addoption("--mpkata-shard", metavar="K/N", help=HELP_SHARD)
    group.addoption("--mpkata-time-limit", metavar="SECONDS", type=float, help=HELP_TIME_LIMIT)
    group.addoption("--mpkata-next", action="store_true", help=HELP_NEXT)
    group.addoption("--mpkata-hint", action="store_true", help=HELP_HINT)
    group.addoption("--mpkata-explain", action="store_true", help=HELP_EXPLAIN)
    group.addoption("--mpkata-keep-runs", metavar="DIR", type=Path, help=HELP_KEEP_RUNS)
    group.addoption("--mpkata-html", metavar="PATH", type=Path, help=HELP_HTML)
    group.addoption("--mpkata-sandbox", metavar="MODE", help=HELP_SANDBOX)
    group.addoption("--mpkata-run-ahead", metavar="N", help=HELP_RUN_AHEAD)
    helps = {
        "mpkata_start_methods": HELP_START_METHODS,
        "mpkata_shard": HELP_SHARD,
        "mpkata_time_limit": HELP_TIME_LIMIT,
        "mpkata_sandbox": HELP_SANDBOX,
        "mpkata_run_ahead": HELP_RUN_AHEAD,
    }
    for name, default in INI_DEFAULTS.items():
        parser.addini(name, helps[name], default=default)


def given(config: pytest.Config) -> bool:
    """Whether the invocation names any ``--mpkata-…`` option or sets any ``mpkata_…`` ini key."""
    cli = any(
        value not in (None, False)
        for name, value in vars(config.option).items()
        if name.startswith("mpkata_")
    )
    return cli or any(config.getini(name) != default for name, default in INI_DEFAULTS.items())


def settings_of(config: pytest.Config) -> Settings:
    """The invocation's settings, resolved on the first call (CLI, then ini, then default)."""
    settings = config.stash.get(SETTINGS_KEY, None)
    if settings is None:
        from pytest_mpkata.settings import resolve

        settings = config.stash[SETTINGS_KEY] = resolve(config)
    return settings
