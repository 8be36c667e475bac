"""The katas are checked by the pytest-mpkata plugin: say in one line what to do when this Python lacks it.

Without the plugin every check would end in "fixture 'kata_run' not found", which says nothing
to a learner whose virtual environment is simply not active.
"""

import sys

import pytest

MISSING = (
    "pytest-mpkata is not installed in this Python ({python}): activate the project's virtual "
    "environment (`source .venv/bin/activate`, or run `.venv/bin/pytest katas`), or install it "
    '(`pip install -e .` in the repository, `pip install -e ".[notebook]"` for notebooks).'
)


def pytest_configure(config):
    if not config.pluginmanager.has_plugin("mpkata"):
        raise pytest.UsageError(MISSING.format(python=sys.executable))
