"""A class of twenty graded submissions, built by hand, for the HTML report's tests.

Mixed results (passed, failed, crashed, timed out, missing, an answer in words), names an
attacker or a careless platform would give (markup, quotes, ampersands, non-Latin letters, the
names of the class files), and messages and pictures carrying markup from a program's output.
The pictures are drawn by ``judge.picture`` from hand-made runs, as a real grading draws them.
"""

from __future__ import annotations

import time
from pathlib import Path

from mpkata_testing import hand_made_result

from pytest_mpkata.grade import html
from pytest_mpkata.grade.book import FailedCheck, KataGrade, KataInfo, PassedCheck, SubmissionGrade
from pytest_mpkata.judge import picture
from pytest_mpkata.trace.facts import LogEvent, LogLine, ProcessInfo

KATAS = (
    KataInfo("create_process", "Create a process", 1, 10.0),
    KataInfo("pool_map", "Map over a pool", 4, 10.0),
    KataInfo("queue_workers", "Workers fed by a queue", 8, 20.0),
)
HOSTILE_NAMES = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    'Zoë "quotes"',
    "O'Brien & Sons",
    "日本語の名前",
    "by",
    "index.html",
)
PLAIN_NAMES = tuple(f"student{n:02d}" for n in range(1, 14))
NAMES = HOSTILE_NAMES + PLAIN_NAMES
MARKUP_OUTPUT = "</pre><script>alert('log')</script>"
METHODS = ("fork", "spawn")


def run_picture(exit_code: int) -> str:
    """A run of a main process and two children, one of which logged markup to test.log."""
    now = time.time()
    processes = (
        ProcessInfo(pid=100, role="main", name="MainProcess", began=0.0, ended=1.0, exitcode=exit_code),
        ProcessInfo(pid=101, role="child", name="Process-1", ppid=100, began=0.2, ended=0.6, exitcode=0),
        ProcessInfo(pid=102, role="child", name="Process-2", ppid=100, began=0.3, ended=None),
    )
    event = LogEvent(101, "Process-1", 20, MARKUP_OUTPUT, now, ("/work/test.log",))
    line = LogLine(1, f"{event.asctime} {MARKUP_OUTPUT}", event.asctime, MARKUP_OUTPUT)
    result = hand_made_result(
        processes=processes,
        exit_code=exit_code,
        log_exists=True,
        log_lines=(line,),
        logs=(event,),
        duration=1.0,
    )
    return picture.render(result)


def kata_grade(info: KataInfo, index: int, picture_text: str) -> KataGrade:
    """The grade of one kata, its status chosen by ``index`` so the class mixes them all."""
    status = ("passed", "failed", "error", "timeout", "missing", "passed", "manual")[index % 7]
    points = info.points
    if status == "passed":
        passed = (PassedCheck("test_log_file", METHODS), PassedCheck("test_runs_cleanly", METHODS))
        return KataGrade(info.kata_id, points, points, status, passed_checks=passed)
    if status == "missing":
        reason = f"{info.kata_id}: not submitted. Did you name it `{info.kata_id.title()}.py`?"
        return KataGrade(info.kata_id, 0.0, points, status, missing_reason=reason)
    if status == "manual":
        return KataGrade(info.kata_id, 0.0, 0.0, status, answer=f"I think <b>{MARKUP_OUTPUT}</b> & co.")
    failed = FailedCheck(
        check="test_runs_cleanly",
        start_methods=METHODS,
        message=f"Your program printed `{MARKUP_OUTPUT}` and stopped with code 1.",
        picture=picture_text,
        status=status,
        kind="crashed" if status == "error" else "no_children",
    )
    passed = (PassedCheck("test_log_file", METHODS),)
    return KataGrade(info.kata_id, points / 2, points, status, (failed,), passed)


def class_grades() -> dict[str, SubmissionGrade]:
    """Twenty submissions in class order, each with a grade for every kata."""
    drawn = run_picture(exit_code=1)
    grades = {}
    for number, name in enumerate(NAMES):
        katas = tuple(kata_grade(info, number + offset, drawn) for offset, info in enumerate(KATAS))
        total = sum(kata.score for kata in katas)
        maximum = sum(kata.max_score for kata in katas)
        grades[name] = SubmissionGrade(name, total, maximum, katas, fingerprint=f"f{number}")
    return grades


def write_pages(folder: Path) -> Path:
    """Write the class page and every submission's page of the class into ``folder``."""
    grades = class_grades()
    html.write_class_pages(folder, grades, KATAS)
    for grade in grades.values():
        html.write_student_page(folder, grade, KATAS)
    return folder
