"""The outcome of one check item: the one record that travels from an item to every reader.

A kata check's report carries its outcome as the user property ``PROPERTY`` (JSON), so the
outcome reaches whoever hears reports: the only process under plain pytest, the controller
under xdist.  The learner's progress, the grade book and the xdist scheduler all read it
through this module, and the test id of a check item is built and taken apart only here.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any, Optional

import pytest

from pytest_mpkata.judge.findings import EXCEPTION
from pytest_mpkata.judge.statuses import ERROR, MANUAL, MISSING, PASSED, SKIPPED
from pytest_mpkata.session.keys import KATA_RUN_KEY, SUBMISSION_CHECKS_KEY, TARGET_KEY
from pytest_mpkata.session.untrusted import visible

if TYPE_CHECKING:
    from pytest_mpkata.session.runs import KataRun

__all__ = [
    "PICTURE_SECTION",
    "PROPERTY",
    "CheckOutcome",
    "carries_outcome",
    "escaped",
    "param_id",
    "params_of",
    "submission_in_nodeid",
]

PROPERTY = "mpkata"
"""The name of the user property that carries an outcome on a check item's report."""
PICTURE_SECTION = "what your program did"
"""The report section holding the picture of the run; it travels in the report, not the record."""
TEXT_LIMIT = 64_000
"""A message or picture longer than this is cut: it quotes a program, which may print without end."""
CUT_MARK = "\n[... cut ...]"
FIELD_TYPES: dict[str, Any] = {
    "duration": (int, float),
    "check_index": int,
    "submission_checks": int,
    "idle": (bool, type(None)),
}
"""The type of every outcome field that is not text: a record of any other shape is refused."""


@dataclass(frozen=True)
class CheckOutcome:
    """The result of one check item: one check of one kata, run under one start method."""

    submission: str
    kata_id: str
    check: str
    start_method: str
    outcome: str
    status: str
    message: str = ""
    picture: str = ""
    duration: float = 0.0
    check_index: int = 0
    """Position of the check in its kata's checks, so feedback follows the instructor's order."""
    kind: str = ""
    """What kind of finding failed the check (e.g. ``no_log_file``); groups failures across runs."""
    idle: Optional[bool] = None
    """Whether the program ran and did nothing (the untouched starter); None if it never ran."""
    submission_checks: int = 0
    """How many check items the submission has in this session: its grade is complete at that count."""

    @property
    def missing(self) -> bool:
        return self.status == MISSING

    def encode(self) -> str:
        """The outcome as the JSON text a report carries (the picture travels as a section)."""
        data = asdict(self)
        del data["picture"]
        return json.dumps(data, sort_keys=True)

    @classmethod
    def decode(cls, text: str, picture: str = "") -> Optional[CheckOutcome]:
        try:
            data: Any = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        known = {f.name for f in fields(cls)} - {"picture"}
        chosen = {k: _bounded(v) for k, v in data.items() if k in known}
        if not all(isinstance(v, FIELD_TYPES.get(k, str)) for k, v in chosen.items()):
            return None
        try:
            return cls(**chosen, picture=_bounded(picture))
        except TypeError:
            return None

    @classmethod
    def from_report(cls, report: pytest.TestReport) -> Optional[CheckOutcome]:
        """The outcome a check item's report carries, or None for any other report."""
        for name, value in report.user_properties:
            if name == PROPERTY:
                picture = next((text for title, text in report.sections if title == PICTURE_SECTION), "")
                return cls.decode(str(value), picture)
        return None

    @classmethod
    def from_item(cls, item: pytest.Item, report: pytest.TestReport) -> Optional[CheckOutcome]:
        """The outcome of a kata check item, from its report and its run; None for any other item."""
        target = item.stash.get(TARGET_KEY, None)
        if target is None:
            return None
        run = item.stash.get(KATA_RUN_KEY, None)
        failure = run.failure if run is not None and run.failure else ""
        status, message = _status(report, run), (failure or _last_line(report)) if report.failed else ""
        if run is not None and run.manual_answer:
            status, message = MANUAL, run.manual_answer
        return cls(
            submission=target.submission,
            kata_id=target.kata.kata_id,
            check=getattr(item, "originalname", item.name),
            start_method=target.start_method,
            outcome=report.outcome,
            status=status,
            message=visible(message),
            duration=report.duration,
            check_index=item.location[1] or 0,
            kind=((run.failure_kind if failure and run else EXCEPTION) if report.failed else ""),
            idle=run.idle if run is not None else None,
            submission_checks=item.config.stash.get(SUBMISSION_CHECKS_KEY, Counter[str]())[target.submission],
        )

    def attach_to(self, report: pytest.TestReport) -> None:
        report.user_properties.append((PROPERTY, self.encode()))


def _bounded(value: Any) -> Any:
    return value[:TEXT_LIMIT] + CUT_MARK if isinstance(value, str) and len(value) > TEXT_LIMIT else value


def _status(report: pytest.TestReport, run: Optional[KataRun]) -> str:
    """Passed or skipped as pytest says; a failure is graded by how its run ended (``KataRun.status``)."""
    if report.passed:
        return PASSED
    if report.skipped:
        return SKIPPED
    return run.status if run is not None else ERROR


def _last_line(report: pytest.TestReport) -> str:
    """The last line of a failure that came without a finding (an exception in a check)."""
    text = str(report.longrepr or "").strip()
    return text.splitlines()[-1][:500] if text else ""


def carries_outcome(report: pytest.TestReport) -> bool:
    return any(name == PROPERTY for name, _ in report.user_properties)


# --- the test id of a check item: ``[<submission>-<start method>]`` or ``[<start method>]`` ----


def param_id(submission: str, start_method: str) -> str:
    """The parameter id of a check item; the submission comes first so ids sort by student."""
    return f"{submission}-{start_method}" if submission else start_method


def escaped(name: str) -> str:
    """A submission name as pytest writes it inside a test id (non-ASCII escaped)."""
    return name.encode("unicode_escape").decode("ascii")


def params_of(nodeid: str) -> str:
    """The parameter part of a node id: ``a/test_x.py::test_y[bob-spawn]`` gives ``bob-spawn``.

    A submission name may hold ``[``, ``::`` or ``@``: the parameters open at the first ``[``
    after the file's ``::`` (a test function's name has none), and run to the last ``]``.
    Only the scheduler reads ids this way; grades follow the outcome's own ``submission``.
    """
    head = nodeid if nodeid.endswith("]") else nodeid.rpartition("@")[0]
    _, separator, names = head.partition("::")
    start = names.find("[")
    if not separator or start < 0 or not head.endswith("]"):
        return ""
    return names[start + 1 : -1]


def submission_in_nodeid(nodeid: str) -> str:
    """The (escaped) submission part of a check item's node id, "" for a learner's own run."""
    return params_of(nodeid).rpartition("-")[0]
