"""The instructor's HTML pages: ``OUT/index.html`` for the class, one page per submission.

Fed from the grades the other reports write (``SubmissionGrade`` as recorded, or as read back
from grades.json), never grading anything again.  The pages are static and self-contained:
Jinja2 templates with autoescaping (``grade/templates``), CSS and JavaScript inline, a
Content-Security-Policy that allows no request at all and no script but ours.  Without
JavaScript the table still sorts (each column header links to a copy of the page sorted by
that column, under ``OUT/by/``) and filters (radio buttons and CSS); the script only sorts in
place and adds a name filter.

Output::

    OUT/index.html               the class: table, per kata pass rate and failure kinds
    OUT/by/total.html, OUT/by/kata-<kata_id>.html   the same page sorted by total or by a kata
    OUT/<safe name>/index.html   one submission: each kata's checks, messages, run timeline
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from pytest_mpkata.grade.book import submission_sort_key
from pytest_mpkata.grade.feedback import KATA_VERDICTS, start_methods_phrase, with_info
from pytest_mpkata.grade.files import atomic_write_text
from pytest_mpkata.grade.grades import FailedCheck, KataGrade, KataInfo, SubmissionGrade
from pytest_mpkata.grade.points import format_number
from pytest_mpkata.grade.reports import (
    FEEDBACK_MD,
    INDEX_HTML,
    RESULTS_JSON,
    SORTED_FOLDER,
    report_dir_name,
)
from pytest_mpkata.grade.safe_names import safe_name
from pytest_mpkata.grade.stamp import EnvironmentStamp
from pytest_mpkata.grade.timeline import Timeline, read_timeline
from pytest_mpkata.judge.statuses import FAILING_STATUSES, MANUAL, MISSING, PASSED, SKIPPED
from pytest_mpkata.judge.stops import NOT_REACHED_KIND
from pytest_mpkata.run.startmethods import START_METHODS
from pytest_mpkata.session.untrusted import visible

__all__ = ["student_page", "write_class_pages", "write_student_page"]

NAME_COLUMN = "name"
TOTAL_COLUMN = "total"
KNOWN_STATUSES = frozenset({PASSED, MISSING, SKIPPED, MANUAL, *FAILING_STATUSES})
STATUS_ORDER = (PASSED, *reversed(FAILING_STATUSES), MISSING, SKIPPED, MANUAL)
"""The order of the parts of a kata's status bar: passed first, then failures, least bad first."""
CHART_WIDTH = 320
LANE_HEIGHT = 22
LABEL_COLUMN = 280
AXIS_WIDTH = 340
MAX_KINDS = 5


@dataclass(frozen=True)
class Cell:
    """One kata of one submission in the class table."""

    score: str
    status: str
    word: str
    sort_value: float


@dataclass(frozen=True)
class Row:
    """One submission in the class table."""

    name: str
    href: str
    total: str
    max_total: str
    total_value: float
    cells: tuple[Cell, ...]
    state: str
    """``passed`` (every kata), ``missing`` (some kata not submitted) or ``failing``."""


@dataclass(frozen=True)
class Segment:
    """A part of a bar in a chart: what it counts, how many, where it is drawn."""

    label: str
    count: int
    x: float
    width: float
    status: str = ""


@dataclass(frozen=True)
class KataStats:
    """How the class did on one kata: pass rate, statuses, most common failure kinds."""

    info: KataInfo
    passed: int
    total: int
    statuses: tuple[Segment, ...]
    kinds: tuple[Segment, ...]

    @property
    def rate(self) -> str:
        return f"{100 * self.passed / self.total:.0f}%" if self.total else "-"


# --- the class page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column the table sorts by: its heading, and the page sorted by it (a path from OUT)."""

    key: str
    heading: str
    title: str
    page: str

    @property
    def href(self) -> str:
        return quote(self.page)


def sort_columns(katas: Sequence[KataInfo]) -> list[Column]:
    """Every column the table sorts by: name, each kata, total (a kata id read back is input)."""
    return [
        Column(NAME_COLUMN, "submission", "", INDEX_HTML),
        *(Column(k.kata_id, f"{k.order:02d}", k.title, _sorted_page(f"kata-{k.kata_id}")) for k in katas),
        Column(TOTAL_COLUMN, "total", "", _sorted_page(TOTAL_COLUMN)),
    ]


def _sorted_page(column: str) -> str:
    return f"{SORTED_FOLDER}/{safe_name(column)}.html"


def write_class_pages(
    out_dir: Path,
    grades: Mapping[str, SubmissionGrade],
    katas: Sequence[KataInfo],
    stamp: Optional[EnvironmentStamp] = None,
    now: Optional[datetime] = None,
) -> Path:
    """Write ``index.html`` and its sorted copies under ``by/``; return the index's path."""
    folder = Path(out_dir)
    rows = [class_row(grade, katas) for grade in grades.values()]
    page = {
        "katas": list(katas),
        "stats": [kata_stats(info, grades) for info in katas],
        "stamp": stamp.line() if stamp else "",
        "generated": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
    }
    columns = sort_columns(katas)
    (folder / SORTED_FOLDER).mkdir(parents=True, exist_ok=True)
    for column in columns:
        root = "" if column.key == NAME_COLUMN else "../"
        ordered = sorted_rows(rows, column.key, [info.kata_id for info in katas])
        html = render("class.html.j2", rows=ordered, sorted_by=column.key, root=root, columns=columns, **page)
        atomic_write_text(folder / column.page, html)
    return folder / INDEX_HTML


def sorted_rows(rows: Sequence[Row], column: str, kata_ids: Sequence[str]) -> list[Row]:
    """Rows by name, or best first by total or by one kata's score (then by name)."""
    by_name = sorted(rows, key=lambda row: submission_sort_key(row.name))
    if column == TOTAL_COLUMN:
        return sorted(by_name, key=lambda row: -row.total_value)
    if column in kata_ids:
        index = list(kata_ids).index(column)
        return sorted(by_name, key=lambda row: -row.cells[index].sort_value)
    return by_name


def class_row(grade: SubmissionGrade, katas: Sequence[KataInfo]) -> Row:
    cells = tuple(kata_cell(grade.kata(info.kata_id)) for info in katas)
    statuses = {cell.status for cell in cells}
    state = PASSED if statuses <= {PASSED, MANUAL} else MISSING if MISSING in statuses else "failing"
    return Row(
        name=grade.submission,
        href=f"{quote(report_dir_name(grade.submission))}/{INDEX_HTML}",
        total=format_number(grade.total),
        max_total=format_number(grade.max_total),
        total_value=grade.total,
        cells=cells,
        state=state,
    )


def kata_cell(kata: Optional[KataGrade]) -> Cell:
    if kata is None:
        return Cell("", MISSING, status_word(MISSING), -1.0)
    status = shown_status(kata.status)
    score = "" if status == MANUAL else format_number(kata.score)
    return Cell(score, status, status_word(status), kata.score)


def status_word(status: str) -> str:
    """``passed``, ``crashed``, ``for your instructor``...: a status as the pages say it."""
    return KATA_VERDICTS.get(status, status).lower()


def shown_status(status: str) -> str:
    """A status as a CSS class may name it: one of the known ones, else ``failed``."""
    return status if status in KNOWN_STATUSES else "failed"


def kata_stats(info: KataInfo, grades: Mapping[str, SubmissionGrade]) -> KataStats:
    """Count statuses and failure kinds (once per submission) of one kata over the class."""
    kata_grades = [grade.kata(info.kata_id) for grade in grades.values()]
    statuses = Counter(shown_status(k.status) if k else MISSING for k in kata_grades)
    kinds: Counter[str] = Counter()
    for kata in kata_grades:
        kinds.update(failure_kinds(kata) if kata else set())
    total = len(kata_grades)
    parts = [(status, statuses[status]) for status in STATUS_ORDER if statuses[status]]
    return KataStats(
        info=info,
        passed=statuses[PASSED],
        total=total,
        statuses=tuple(status_segments(parts, total)),
        kinds=tuple(kind_segments(kinds.most_common(MAX_KINDS), max(kinds.values(), default=1))),
    )


def failure_kinds(kata: KataGrade) -> set[str]:
    """The kinds of a kata's failures; a failure without a kind counts by its status."""
    return {failed.kind or failed.status for failed in kata.failed_checks if failed.kind != NOT_REACHED_KIND}


def status_segments(parts: Sequence[tuple[str, int]], total: int) -> list[Segment]:
    """One stacked bar: each status's share of the class, left to right."""
    segments, x = [], 0.0
    for status, count in parts:
        width = CHART_WIDTH * count / total
        segments.append(Segment(status_word(status), count, round(x, 1), round(width, 1), status))
        x += width
    return segments


def kind_segments(kinds: Sequence[tuple[str, int]], most: int) -> list[Segment]:
    """One bar per failure kind, the most common as wide as the chart."""
    return [Segment(kind, count, 0.0, round(CHART_WIDTH * count / most, 1)) for kind, count in kinds]


# --- a submission's page ------------------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    """The picture of one kata's run: its text, and its timeline when the text has one."""

    text: str
    timeline: Optional[Timeline]
    height: int


def write_student_page(
    out_dir: Path,
    grade: SubmissionGrade,
    katas: Sequence[KataInfo],
    stamp: Optional[EnvironmentStamp] = None,
) -> Path:
    """Write ``OUT/<safe name>/index.html``: each kata's checks, messages and run; return its path."""
    folder = Path(out_dir) / report_dir_name(grade.submission)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(folder / INDEX_HTML, student_page(grade, katas, stamp, in_class_report=True))
    return folder / INDEX_HTML


def student_page(
    grade: SubmissionGrade,
    katas: Sequence[KataInfo],
    stamp: Optional[EnvironmentStamp] = None,
    in_class_report: bool = True,
) -> str:
    """One submission's page, linking the class page and reports when it is in a class report."""
    sections = [kata_section(kata, info) for kata, info in with_info(grade, katas)]
    return render(
        "student.html.j2",
        grade=grade,
        total=format_number(grade.total),
        max_total=format_number(grade.max_total),
        sections=sections,
        stamp=stamp.line() if stamp else "",
        feedback=FEEDBACK_MD if in_class_report else "",
        results=RESULTS_JSON if in_class_report else "",
        index=f"../{INDEX_HTML}" if in_class_report else "",
    )


@dataclass(frozen=True)
class KataSection:
    """One kata on a submission's page: its grade, the checks judged, those a stopped run left."""

    kata: KataGrade
    info: KataInfo
    picture: Optional[Picture]
    judged: tuple[FailedCheck, ...]
    not_reached: tuple[FailedCheck, ...]

    @property
    def not_reached_methods(self) -> list[str]:
        methods = {method for failed in self.not_reached for method in failed.start_methods}
        return [method for method in START_METHODS if method in methods] + sorted(
            methods - set(START_METHODS)
        )


def kata_section(kata: KataGrade, info: KataInfo) -> KataSection:
    """Split a kata's failures: the checks judged, and the ones a stopped run left (shown once)."""
    judged = tuple(failed for failed in kata.failed_checks if failed.kind != NOT_REACHED_KIND)
    not_reached = tuple(failed for failed in kata.failed_checks if failed.kind == NOT_REACHED_KIND)
    return KataSection(kata, info, kata_picture(kata), judged, not_reached)


def kata_picture(kata: KataGrade) -> Optional[Picture]:
    """The first picture among a kata's failures (every check of one run shares it), or None."""
    text = next((failed.picture for failed in kata.failed_checks if failed.picture), "")
    if not text:
        return None
    timeline = read_timeline(text)
    lanes = len(timeline.lanes) if timeline else 0
    return Picture(text, timeline, LANE_HEIGHT * (lanes + 1) + 8)


def code_spans(text: str) -> Markup:
    """A message with its `code spans` as ``<code>``, everything else escaped; unpaired backticks stay."""
    text = visible(text)
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return escape(text)
    return Markup("").join(
        Markup("<code>%s</code>") % part if index % 2 else escape(part) for index, part in enumerate(parts)
    )


# --- rendering ----------------------------------------------------------------------------------


def _shown(value: object) -> object:
    """Every text a page shows has its control characters made visible (``\\x1b``), like the terminal's."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pytest_mpkata.grade", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_shown,
    )
    env.filters["code_spans"] = code_spans
    env.globals.update(
        status_word=status_word,
        shown_status=shown_status,
        methods=start_methods_phrase,
        number=format_number,
        lane_height=LANE_HEIGHT,
        label_column=LABEL_COLUMN,
        axis_width=AXIS_WIDTH,
        chart_width=CHART_WIDTH,
    )
    return env


_ENVIRONMENT: list[jinja2.Environment] = []


def render(template: str, **context: object) -> str:
    """Render a page with the inline stylesheet and script, and a policy that allows only them."""
    if not _ENVIRONMENT:
        _ENVIRONMENT.append(environment())
    env = _ENVIRONMENT[0]
    script = _source(env, "report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return env.get_template(template).render(
        style=Markup(_source(env, "report.css")),
        script=Markup(script),
        script_hash=f"sha256-{digest}",
        **context,
    )


def _source(env: jinja2.Environment, name: str) -> str:
    assert env.loader is not None
    return str(env.loader.get_source(env, name)[0])
