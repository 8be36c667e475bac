"""The pytest11 entry point: options, fixtures and hooks; it wires the stages, it does not compute.

Only pytest, the hook specs, the options and the stash keys load with the plugin.  The settings,
the reporters and everything that runs and judges programs load when the plugin takes part: at
configure when an ``--mpkata-…`` option or ``mpkata_…`` ini key is given, else when a kata is
collected (or, under xdist, when the controller makes its scheduler).  A test suite without katas
pays nothing else.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from pytest_mpkata import hookspecs
from pytest_mpkata.options import add_options, given, settings_of
from pytest_mpkata.session.keys import EXPLANATIONS_KEY, KATA_RUN_KEY, TARGET_KEY

if TYPE_CHECKING:
    from pytest_mpkata.session.runs import KataRun, KataTarget, RunCache

__all__ = ["GRADING_PLUGIN", "MARKER", "OWN_PAGE_PLUGIN", "TIMEOUT_MARGIN", "kata_run", "mpkata_runs"]

TIMEOUT_MARGIN = 60.0
GRADING_PLUGIN = "mpkata-grading"
OWN_PAGE_PLUGIN = "mpkata-own-page"
MARKER = "mpkata(kata_id): a check of one kata, run against a learner's program"
TAKING_PART_KEY = pytest.StashKey[bool]()


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER)
    if given(config):
        _take_part(config)


def _take_part(config: pytest.Config) -> None:
    """Resolve the settings and register the reporters this invocation needs, once."""
    if config.stash.get(TAKING_PART_KEY, False):
        return
    config.stash[TAKING_PART_KEY] = True
    settings = settings_of(config)
    from pytest_mpkata.settings import on_xdist_worker

    if not on_xdist_worker(config):  # the controller checks once, before workers start
        from pytest_mpkata.grade.door import check_folders

        check_folders(settings)
    from pytest_mpkata.learner import failures, reporter

    reporter.register(config, settings)
    failures.register(config)
    if settings.batch and settings.report is not None:
        config.pluginmanager.register(_grading_role(config), GRADING_PLUGIN)
    elif settings.html is not None and not on_xdist_worker(config):
        from pytest_mpkata.grade.own_page import OwnRunPage

        config.pluginmanager.register(OwnRunPage(config, settings.html), OWN_PAGE_PLUGIN)


def _grading_role(config: pytest.Config) -> object:
    """The controller grades (it hears every report); an xdist worker only deselects."""
    from pytest_mpkata.settings import on_xdist_worker

    if on_xdist_worker(config):
        from pytest_mpkata.grade.worker import GradingWorker

        return GradingWorker(config)
    from pytest_mpkata.grade.controller import GradingController

    return GradingController(config, settings_of(config))


def pytest_unconfigure(config: pytest.Config) -> None:
    if not config.stash.get(TAKING_PART_KEY, False):
        return
    from pytest_mpkata.learner import failures, reporter

    reporter.unregister(config)
    failures.unregister(config)
    for name in (GRADING_PLUGIN, OWN_PAGE_PLUGIN):
        plugin = config.pluginmanager.get_plugin(name)
        if plugin is not None:
            config.pluginmanager.unregister(plugin)


def _user_chose_dist(config: pytest.Config) -> bool:
    return any(arg.startswith(("--dist", "-d")) for arg in config.invocation_params.args)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under ``-n``, keep every check of one run on one worker (unless ``--dist`` was chosen).

    The controller collects nothing, so it takes part here, before the first report arrives.
    """
    _take_part(config)
    if config.getvalue("dist") != "load" or _user_chose_dist(config):
        return None
    from pytest_mpkata.session.scheduling import KataRunScheduling

    return KataRunScheduling(config, log, batch=settings_of(config).batch)


# --- collection ---------------------------------------------------------------------


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "kata_run" not in metafunc.fixturenames:
        return
    _take_part(metafunc.config)
    from pytest_mpkata.session.items import kata_params

    metafunc.parametrize("kata_run", kata_params(metafunc), indirect=True)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    if not any("kata_run" in getattr(item, "fixturenames", ()) for item in items):
        return
    from pytest_mpkata.session import items as kata_items

    kata_items.prepare(config, items, TIMEOUT_MARGIN, config.pluginmanager.get_plugin(GRADING_PLUGIN))


# --- fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def mpkata_runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunCache]:
    """Runs learner programs: each (submission, kata, start method) once, shared by its checks.

    Runs start ahead of the items that need them (``--mpkata-run-ahead``); under xdist, each
    worker runs ahead within its own items (the xdist group of the item it is running).
    """
    from pytest_mpkata.session.items import expect_runs
    from pytest_mpkata.session.runs import RunCache

    with RunCache.from_config(request.config, tmp_path_factory) as cache:
        expect_runs(cache, request.session.items)
        yield cache


@pytest.fixture
def kata_run(request: pytest.FixtureRequest, mpkata_runs: RunCache) -> Iterator[KataRun]:
    """The learner's program for this kata, run under one start method (once for all checks).

    Use ``kata_run.expect(check, ...)`` with a check from ``pytest_mpkata.checks``;
    ``kata_run.result`` is the ``RunResult`` (processes, pools, log lines...).
    """
    from pytest_mpkata.session.runs import KataRun

    target: KataTarget = request.param
    request.node.stash[KATA_RUN_KEY] = run = KataRun(target, mpkata_runs)
    yield run
    mpkata_runs.release(target)
    mpkata_runs.advise_on_notebook(target)


# --- reports -------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    if TARGET_KEY in item.stash and (call.when == "call" or not report.passed):
        from pytest_mpkata.session.reporting import complete_report

        complete_report(item, call.when, report)
    return report


def pytest_report_header(config: pytest.Config) -> str | None:
    """One line when runs are confined, or when grading runs unconfined because they cannot be."""
    if not config.stash.get(TAKING_PART_KEY, False):
        return None
    from pytest_mpkata.run.sandboxing import sandbox_notice

    return sandbox_notice(settings_of(config).sandbox)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    explanations = config.stash.get(EXPLANATIONS_KEY, [])
    if explanations:
        from pytest_mpkata.session.reporting import write_explanations

        write_explanations(terminalreporter, explanations)
