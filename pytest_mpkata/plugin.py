"""The pytest11 entry point: options, fixtures and hooks; it wires modules, it does not compute."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pytest_mpkata import hookspecs
from pytest_mpkata.settings import Settings, add_options, resolve, unavailable_reason

if TYPE_CHECKING:
    from pytest_mpkata.kata.catalogue import Kata
    from pytest_mpkata.session.outcome import CheckOutcome
    from pytest_mpkata.session.program import LearnerProgram
    from pytest_mpkata.session.runs import KataRun, KataTarget, RunCache
    from pytest_mpkata.trace.model import RunResult

# Only pytest, the hook specs and the settings load with the plugin: everything that runs
# and judges programs is imported when a kata is collected, so other test suites pay nothing.

SETTINGS_KEY = pytest.StashKey[Settings]()
TARGET_KEY = pytest.StashKey["KataTarget"]()
KATA_RUN_KEY = pytest.StashKey["KataRun"]()
EXPLANATIONS_KEY = pytest.StashKey["list[str]"]()
TIMEOUT_MARGIN = 60.0
GRADING_PLUGIN = "mpkata-grading"
MARKER = "mpkata(kata_id): a check of one kata, run against a learner's program"


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER)
    settings = resolve(config)
    config.stash[SETTINGS_KEY] = settings
    if not hasattr(config, "workerinput"):  # the controller checks once, before workers start
        from pytest_mpkata.grade.door import check_folders

        check_folders(settings)
    from pytest_mpkata.learner import failures
    from pytest_mpkata.learner import reporter as reporting

    reporting.register(config, settings)
    failures.register(config)
    if settings.batch and settings.report is not None:
        config.pluginmanager.register(_grading_role(config, settings), GRADING_PLUGIN)


def _grading_role(config: pytest.Config, settings: Settings) -> object:
    """The controller grades (it hears every report); an xdist worker only deselects."""
    if hasattr(config, "workerinput"):
        from pytest_mpkata.grade.worker import GradingWorker

        return GradingWorker(config)
    from pytest_mpkata.grade.controller import GradingController

    return GradingController(config, settings)


def pytest_unconfigure(config: pytest.Config) -> None:
    from pytest_mpkata.learner import failures
    from pytest_mpkata.learner import reporter as reporting

    reporting.unregister(config)
    failures.unregister(config)
    grading = config.pluginmanager.get_plugin(GRADING_PLUGIN)
    if grading is not None:
        config.pluginmanager.unregister(grading)


def _user_chose_dist(config: pytest.Config) -> bool:
    return any(arg.startswith(("--dist", "-d")) for arg in config.invocation_params.args)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under ``-n``, keep every check of one run on one worker (unless ``--dist`` was chosen)."""
    if config.getvalue("dist") != "load" or _user_chose_dist(config):
        return None
    from pytest_mpkata.session.scheduling import KataRunScheduling

    return KataRunScheduling(config, log, batch=config.stash[SETTINGS_KEY].batch)


# --- collection ---------------------------------------------------------------------


def _submission_targets(settings: Settings, kata: Kata) -> list[tuple[str, Path]]:
    if settings.submissions is not None:
        from pytest_mpkata.grade.shards import submission_folders

        folders = submission_folders(settings.submissions, settings.shard)
        return [(folder.name, _file_in_submission(folder, kata)) for folder in folders]
    if settings.submission is not None:
        if settings.submission.suffix == ".ipynb":
            return [("", settings.submission)]
        return [("", _file_in_submission(settings.submission, kata))]
    return [("", kata.starter)]


def _file_in_submission(folder: Path, kata: Kata) -> Path:
    """The kata's script in a submission folder, else the folder's notebook, if it has one."""
    script = folder / kata.file_name
    if script.is_file():
        return script
    notebooks = sorted(folder.glob("*.ipynb")) if folder.is_dir() else []
    return notebooks[0] if notebooks else script


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "kata_run" not in metafunc.fixturenames:
        return
    from pytest_mpkata.kata.catalogue import kata_for_test_file
    from pytest_mpkata.session.outcome import param_id
    from pytest_mpkata.session.runs import KataTarget

    kata = kata_for_test_file(Path(metafunc.definition.path))
    if kata is None:
        raise pytest.UsageError(
            f"{metafunc.definition.nodeid} uses kata_run, but no kata.toml stands beside it: "
            "put kata tests in a kata folder (katas/NN_<kata_id>/kata.toml)"
        )
    settings = metafunc.config.stash[SETTINGS_KEY]
    with_xdist = metafunc.config.pluginmanager.hasplugin("xdist")  # it registers xdist_group
    # an answer in words runs nothing: one item, not one per start method
    methods = settings.start_methods[:1] if kata.answer == "words" else settings.start_methods
    params = []
    for submission, script in _submission_targets(settings, kata):
        for method in methods:
            target = KataTarget(kata, submission, script, method)
            skip = unavailable_reason(method)
            marks = [pytest.mark.mpkata(kata.kata_id)]
            if with_xdist:
                marks.append(pytest.mark.xdist_group(target.group))
            if skip:
                marks.append(pytest.mark.skip(reason=skip))
            params.append(pytest.param(target, id=param_id(submission, method), marks=marks))
    metafunc.parametrize("kata_run", params, indirect=True)


def _target_of(item: pytest.Item) -> KataTarget | None:
    callspec = getattr(item, "callspec", None)
    target = callspec.params.get("kata_run") if callspec is not None else None
    if target is None:
        return None
    from pytest_mpkata.session.runs import KataTarget

    return target if isinstance(target, KataTarget) else None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    settings = config.stash[SETTINGS_KEY]
    if not any("kata_run" in getattr(item, "fixturenames", ()) for item in items):
        return
    for item in items:
        target = _target_of(item)
        if target is None:
            continue
        item.stash[TARGET_KEY] = target
        limit = settings.time_limit or target.kata.time_limit
        item.add_marker(pytest.mark.timeout(limit + TIMEOUT_MARGIN))
    from pytest_mpkata.session import ordering

    targets = {id(i): i.stash.get(TARGET_KEY, None) for i in items}
    grading = config.pluginmanager.get_plugin(GRADING_PLUGIN)
    if grading is not None:
        grading.deselect_kept(items, targets)
    ordering.arrange(config, settings, items, targets)


# --- fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def mpkata_runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunCache]:
    """Runs learner programs: each (submission, kata, start method) once, shared by its checks.

    Runs start ahead of the items that need them (``--mpkata-run-ahead``); under xdist, each
    worker runs ahead within its own items (the xdist group of the item it is running).
    """
    from pytest_mpkata.session.runs import RunCache

    config = request.config
    settings = config.stash[SETTINGS_KEY]

    def make_request(target: KataTarget, program: LearnerProgram) -> Any:
        run_request = program.request(target.start_method, settings.time_limit)
        run_request = replace(run_request, sandbox=settings.sandbox)
        changed = config.hook.pytest_mpkata_run_request(kata=target.kata, request=run_request)
        return changed or run_request

    def finished(target: KataTarget, result: RunResult) -> None:
        config.hook.pytest_mpkata_run_finished(kata=target.kata, submission=target.submission, result=result)

    keep = settings.keep_runs
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    base = keep or tmp_path_factory.mktemp("mpkata-runs")
    on_worker = hasattr(config, "workerinput")
    cache = RunCache(
        make_request,
        finished,
        base_dir=base,
        keep=keep is not None,
        sandbox=settings.sandbox,
        run_ahead=settings.run_ahead,
        within_group=on_worker,
    )
    for item in request.session.items:
        target = item.stash.get(TARGET_KEY, None)
        if target is not None:
            cache.expect_uses(target, will_run=item.get_closest_marker("skip") is None)
    try:
        yield cache
    finally:
        cache.close()


@pytest.fixture
def kata_run(request: pytest.FixtureRequest, mpkata_runs: RunCache) -> Iterator[KataRun]:
    """The learner's program for this kata, run under one start method (once for all checks).

    Use ``kata_run.expect(check, ...)`` with a check from ``pytest_mpkata.judge.checks``;
    ``kata_run.result`` is the ``RunResult`` (processes, pools, log lines...).
    """
    from pytest_mpkata.session.runs import KataRun

    target: KataTarget = request.param
    run = KataRun(target, mpkata_runs)
    request.node.stash[KATA_RUN_KEY] = run
    yield run
    mpkata_runs.release(target)
    mpkata_runs.advise_on_notebook(target)


# --- reports -------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    target = item.stash.get(TARGET_KEY, None)
    if target is None or (call.when != "call" and report.passed):
        return report
    run = item.stash.get(KATA_RUN_KEY, None)
    if run is not None and call.when == "call" and report.passed and run.handed_in_broken:
        _fail_as_handed_in(run, report)
    from pytest_mpkata.session.outcome import PICTURE_SECTION

    _outcome(item, target, run, report).attach_to(report)
    if run is not None and report.failed and run._result is not None:
        from pytest_mpkata.judge import picture

        report.sections.append((PICTURE_SECTION, picture.render(run._result)))
    if run is not None and call.when == "call" and item.config.stash[SETTINGS_KEY].explain:
        _add_explanation(item, run, report)
    return report


def _fail_as_handed_in(run: KataRun, report: pytest.TestReport) -> None:
    """The check passed on the repaired answer; as handed in, the answer does not run."""
    try:
        run.fail_as_handed_in()
    except pytest.fail.Exception:
        report.outcome = "failed"
        report.longrepr = run.failure


def _add_explanation(item: pytest.Item, run: KataRun, report: pytest.TestReport) -> None:
    """Once per run: the learner's source with the processes that ran each line."""
    text = run.explanation()
    if text is not None:
        report.sections.append(("which process ran which line", text))
        item.config.stash.setdefault(EXPLANATIONS_KEY, []).append(text)


def pytest_report_header(config: pytest.Config) -> str | None:
    """One line when runs are confined, or when grading runs unconfined because they cannot be."""
    from pytest_mpkata.run.sandboxing import sandbox_notice

    return sandbox_notice(config.stash[SETTINGS_KEY].sandbox)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    explanations = config.stash.get(EXPLANATIONS_KEY, [])
    if explanations:
        terminalreporter.write_sep("=", "which process ran which line")
        for text in explanations:
            terminalreporter.write_line(text)
            terminalreporter.write_line("")


def _outcome(
    item: pytest.Item, target: KataTarget, run: KataRun | None, report: pytest.TestReport
) -> CheckOutcome:
    from pytest_mpkata.session.outcome import CheckOutcome

    name = getattr(item, "originalname", item.name)
    status = "passed" if report.passed else "skipped" if report.skipped else (run.status if run else "error")
    failure = (run.failure if run and run.failure else _short_longrepr(report)) if report.failed else ""
    if run is not None and run.manual_answer:
        status, failure = "manual", run.manual_answer
    return CheckOutcome(
        submission=target.submission,
        kata_id=target.kata.kata_id,
        check=name,
        start_method=target.start_method,
        outcome=report.outcome,
        status=status,
        message=failure,
        duration=report.duration,
        check_index=item.location[1] or 0,
        kind=(run.failure_kind if run and run.failure else "exception") if report.failed else "",
        idle=_idle(run),
    )


def _idle(run: KataRun | None) -> bool | None:
    """Whether the program ran and did nothing (the untouched starter); None if it never ran."""
    if run is None or run._result is None:
        return None
    from pytest_mpkata.learner.progress import run_was_idle

    return run_was_idle(run._result)


def _short_longrepr(report: pytest.TestReport) -> str:
    text = str(report.longrepr or "")
    return text.strip().splitlines()[-1][:500] if text.strip() else ""
