"""The options and ini keys (``options``), resolved once into a frozen ``Settings``.

Precedence: the command line, then the ini file, then the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from pytest_mpkata.run.startmethods import START_METHODS, available_start_methods

__all__ = [
    "Settings",
    "on_xdist_worker",
    "parse_shard",
    "parse_start_methods",
    "resolve",
    "unavailable_reason",
]

SHARD_USAGE = "invalid shard {value!r} from {where}: expected K/N with 1 <= K <= N, e.g. 2/3"
EXPLAIN_NEEDS_COVERAGE = (
    '--mpkata-explain needs coverage.py, which is not installed: pip install "pytest-mpkata[explain]"'
)
RUN_AHEAD_USAGE = "invalid run-ahead {value!r} from {where}: expected a whole number >= 0, e.g. 2"
SANDBOX_REQUIRED = (
    "--mpkata-sandbox on: this machine lacks {missing}. To get it: {how}. "
    "Or use --mpkata-sandbox auto to grade unconfined, with a notice"
)


@dataclass(frozen=True)
class Settings:
    """Everything the plugin reads from the command line and ini, resolved once."""

    start_methods: tuple[str, ...]
    submission: Path | None
    submissions: Path | None
    report: Path | None
    regrade: bool
    shard: tuple[int, int] | None
    time_limit: float | None
    next_only: bool
    hint: bool
    explain: bool
    keep_runs: Path | None
    sandbox_mode: str = "auto"
    sandbox: str = "off: not requested"
    """``landlock`` (namespaces added where allowed) or ``off: <why>``: see ``run.sandboxing``."""
    run_ahead: int = 0
    """How many runs may go on at once in this process (``session.runahead``); 0 or 1: off."""
    html: Path | None = None
    """Where a run that is not a class's grading writes itself as one HTML page."""

    @property
    def batch(self) -> bool:
        return self.submissions is not None


def parse_start_methods(text: str, where: str) -> tuple[str, ...]:
    """Split and validate a start-method list; a typo is a usage error, not a silent skip."""
    methods = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [m for m in methods if m not in START_METHODS]
    if unknown or not methods:
        raise pytest.UsageError(
            f"invalid start method {', '.join(unknown) or repr(text)} from {where}: "
            f"expected a comma-separated list of {', '.join(START_METHODS)}, e.g. spawn,fork"
        )
    return methods


def parse_shard(text: str, where: str) -> tuple[int, int]:
    """``"2/3"`` gives ``(2, 3)``; anything else is a usage error naming where it came from."""
    head, slash, tail = text.strip().partition("/")
    try:
        shard = (int(head), int(tail))
    except ValueError:
        shard = (0, 0)
    if not slash or not 1 <= shard[0] <= shard[1]:
        raise pytest.UsageError(SHARD_USAGE.format(value=text, where=where))
    return shard


def _shard(config: pytest.Config, submissions: Path | None) -> tuple[int, int] | None:
    cli, ini = config.getoption("mpkata_shard"), config.getini("mpkata_shard")
    if not cli and not ini:
        return None
    shard = parse_shard(cli, "--mpkata-shard") if cli else parse_shard(ini, "ini mpkata_shard")
    if submissions is None:
        raise pytest.UsageError(
            "--mpkata-shard K/N splits a folder of submissions: it needs --mpkata-submissions ROOT, "
            "e.g. pytest katas --mpkata-submissions class/ --mpkata-report grades-1/ --mpkata-shard 1/3"
        )
    return shard


def _time_limit(config: pytest.Config) -> float | None:
    value = config.getoption("mpkata_time_limit")
    if value is None and config.getini("mpkata_time_limit"):
        try:
            value = float(config.getini("mpkata_time_limit"))
        except ValueError:
            raise pytest.UsageError(
                f"invalid mpkata_time_limit from ini: {config.getini('mpkata_time_limit')!r}, "
                "expected a number of seconds, e.g. 10"
            ) from None
    if value is not None and value <= 0:
        raise pytest.UsageError(f"invalid --mpkata-time-limit {value}: expected seconds > 0")
    return None if value is None else float(value)


def _run_ahead(config: pytest.Config) -> int:
    """CLI, then ini, then the cores (under xdist, the cores shared among the workers)."""
    cli, ini = config.getoption("mpkata_run_ahead"), config.getini("mpkata_run_ahead")
    text, where = (cli, "--mpkata-run-ahead") if cli is not None else (ini, "ini mpkata_run_ahead")
    if not str(text).strip():
        workers = int(getattr(config, "workerinput", {}).get("workercount", 1) or 1)
        return max(1, (os.cpu_count() or 1) // workers)
    try:
        value = int(str(text))
    except ValueError:
        value = -1
    if value < 0:
        raise pytest.UsageError(RUN_AHEAD_USAGE.format(value=text, where=where))
    return value


def resolve(config: pytest.Config) -> Settings:
    cli_methods = config.getoption("mpkata_start_methods")
    if cli_methods:
        methods = parse_start_methods(cli_methods, "--mpkata-start-methods")
    else:
        methods = parse_start_methods(config.getini("mpkata_start_methods"), "ini mpkata_start_methods")
    submission = config.getoption("mpkata_submission")
    submissions = config.getoption("mpkata_submissions")
    if submission and submissions:
        raise pytest.UsageError("use --mpkata-submission DIR or --mpkata-submissions ROOT, not both")
    if submissions is not None and not submissions.is_dir():
        raise pytest.UsageError(
            f"--mpkata-submissions {submissions}: expected a folder of submission folders"
        )
    report = config.getoption("mpkata_report")
    if report is not None and submissions is None:
        raise pytest.UsageError(
            "--mpkata-report OUT needs --mpkata-submissions ROOT (a folder of submission folders), "
            "e.g. pytest katas --mpkata-submissions class/ --mpkata-report grades/"
        )
    html = config.getoption("mpkata_html")
    if html is not None and submissions is not None:
        raise pytest.UsageError(
            "--mpkata-html PATH writes one run's page; grading a class, --mpkata-report OUT writes "
            "OUT/index.html and a page per submission"
        )
    return Settings(
        start_methods=methods,
        submission=submission.resolve() if submission else None,
        submissions=submissions.resolve() if submissions else None,
        report=report.resolve() if report is not None else None,
        regrade=bool(config.getoption("mpkata_regrade")),
        shard=_shard(config, submissions),
        time_limit=_time_limit(config),
        next_only=bool(config.getoption("mpkata_next")),
        hint=bool(config.getoption("mpkata_hint")),
        explain=_explain(config),
        keep_runs=config.getoption("mpkata_keep_runs"),
        **_sandbox(config, graded=bool(submission or submissions)),
        run_ahead=_run_ahead(config),
        html=html.resolve() if html is not None else None,
    )


def _sandbox(config: pytest.Config, graded: bool) -> dict[str, str]:
    """The sandbox mode and what it gives on this machine; ``on`` where it cannot be had is an error."""
    from pytest_mpkata.run import sandboxing

    where, mode = "--mpkata-sandbox", config.getoption("mpkata_sandbox")
    if mode is None:
        where, mode = "ini mpkata_sandbox", config.getini("mpkata_sandbox")
    if mode not in sandboxing.MODES:
        raise pytest.UsageError(
            f"invalid sandbox mode {mode!r} from {where}: expected one of "
            f"{', '.join(sandboxing.MODES)}, e.g. --mpkata-sandbox on"
        )
    plan = sandboxing.plan(mode, graded)
    if mode == "on" and plan != sandboxing.LANDLOCK:
        missing = sandboxing.missing_mechanism()
        raise pytest.UsageError(SANDBOX_REQUIRED.format(missing=missing, how=sandboxing.HOW_TO_GET))
    return {"sandbox_mode": mode, "sandbox": plan}


def _explain(config: pytest.Config) -> bool:
    if not config.getoption("mpkata_explain"):
        return False
    try:
        import coverage  # noqa: F401
    except ImportError:
        raise pytest.UsageError(EXPLAIN_NEEDS_COVERAGE) from None
    return True


def on_xdist_worker(config: pytest.Config) -> bool:
    """Whether this process is a pytest-xdist worker: it runs items, another process hears the reports."""
    return hasattr(config, "workerinput")


def unavailable_reason(method: str) -> str | None:
    """Why a start method is skipped on this platform, or None if it is available."""
    if method in available_start_methods():
        return None
    return f"the {method} start method is not available on this platform; checked elsewhere"
