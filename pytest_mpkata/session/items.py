"""Kata check items: one per (submission, kata, start method), marked, timed out and ordered.

``kata_params`` turns a kata test's ``kata_run`` argument into its targets at collection;
``prepare`` stashes each item's target, gives it a timeout above its run's time limit, lets the
grading role deselect what it keeps from an earlier report, and orders the items.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pytest_mpkata.kata.catalogue import kata_for_test_file
from pytest_mpkata.options import settings_of
from pytest_mpkata.session import ordering
from pytest_mpkata.session.keys import SUBMISSION_CHECKS_KEY, TARGET_KEY
from pytest_mpkata.session.outcome import param_id
from pytest_mpkata.session.runs import KataTarget, RunCache
from pytest_mpkata.session.targets import submission_files
from pytest_mpkata.settings import unavailable_reason

__all__ = ["NOT_IN_A_KATA", "expect_runs", "kata_params", "prepare"]

NOT_IN_A_KATA = (
    "{nodeid} uses kata_run, but no kata.toml stands beside it: "
    "put kata tests in a kata folder (katas/NN_<kata_id>/kata.toml)"
)


def kata_params(metafunc: pytest.Metafunc) -> list[Any]:
    """The ``kata_run`` parameters of a kata test: each submission's file under each start method."""
    kata = kata_for_test_file(Path(metafunc.definition.path))
    if kata is None:
        raise pytest.UsageError(NOT_IN_A_KATA.format(nodeid=metafunc.definition.nodeid))
    settings = settings_of(metafunc.config)
    with_xdist = metafunc.config.pluginmanager.hasplugin("xdist")  # it registers xdist_group
    # an answer in words runs nothing: one item, not one per start method
    methods = settings.start_methods[:1] if kata.answer == "words" else settings.start_methods
    params = []
    for submission, script in submission_files(kata, settings):
        for method in methods:
            target = KataTarget(kata, submission, script, method)
            skip = unavailable_reason(method)
            marks = [pytest.mark.mpkata(kata.kata_id)]
            if with_xdist:
                marks.append(pytest.mark.xdist_group(target.group))
            if skip:
                marks.append(pytest.mark.skip(reason=skip))
            params.append(pytest.param(target, id=param_id(submission, method), marks=marks))
    return params


def _target_of(item: pytest.Item) -> KataTarget | None:
    callspec = getattr(item, "callspec", None)
    target = callspec.params.get("kata_run") if callspec is not None else None
    return target if isinstance(target, KataTarget) else None


def prepare(config: pytest.Config, items: list[pytest.Item], margin: float, grading: Any) -> None:
    """Stash each check item's target and timeout; deselect what ``grading`` keeps; order the items."""
    settings = settings_of(config)
    for item in items:
        target = _target_of(item)
        if target is None:
            continue
        item.stash[TARGET_KEY] = target
        limit = settings.time_limit or target.kata.time_limit
        item.add_marker(pytest.mark.timeout(limit + margin))
    targets = {id(i): i.stash.get(TARGET_KEY, None) for i in items}
    if grading is not None:
        grading.deselect_kept(items, targets)
    ordering.arrange(config, settings, items, targets)
    kept = (targets.get(id(item)) for item in items)
    config.stash[SUBMISSION_CHECKS_KEY] = Counter(target.submission for target in kept if target is not None)


def expect_runs(cache: RunCache, items: list[pytest.Item]) -> None:
    """Count the uses of every run by the session's check items, in the order they will run."""
    for item in items:
        target = item.stash.get(TARGET_KEY, None)
        if target is not None:
            cache.expect_uses(target, will_run=item.get_closest_marker("skip") is None)
