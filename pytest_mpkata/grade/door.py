"""Bad input stopped at the door: what is wrong with the folders named on the command line, in one line.

Checked once, before anything is collected or graded, so a mistyped path costs a second, not a
class: a missing or empty submissions folder, a report folder that cannot be written, a single
submission that does not exist.  Folders that tools leave beside the submissions (``.git``,
``__MACOSX``, ``.ipynb_checkpoints``, ``__pycache__``, any hidden folder) are not students.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import pytest

from pytest_mpkata.session.handed_in import IGNORED_FOLDERS, is_submission_folder
from pytest_mpkata.settings import Settings

__all__ = [
    "EMPTY_SUBMISSIONS",
    "IGNORED_FOLDERS",
    "NO_SUBMISSION",
    "UNWRITABLE_REPORT",
    "check_folders",
    "check_report_folder",
    "check_single_submission",
    "check_submissions_root",
    "is_submission_folder",
]

"""Folders archive tools, version control and Jupyter leave among submissions: never a student."""
EMPTY_SUBMISSIONS = (
    "--mpkata-submissions {root}: no submission folder in it; expected one folder per learner, "
    "e.g. {root}/ada/create_process.py"
)
UNWRITABLE_REPORT = (
    "--mpkata-report {out}: cannot write there ({error}); expected a folder you can write, "
    "e.g. --mpkata-report grades/"
)
NO_SUBMISSION = (
    "--mpkata-submission {path}: no such folder or notebook; expected a learner's folder of "
    "<kata_id>.py files or an .ipynb file, e.g. --mpkata-submission ada/"
)
PROBE_NAME = ".mpkata-write-test"


def check_folders(settings: Settings) -> None:
    """Check every folder the command line names; the first problem is a usage error."""
    check_single_submission(settings.submission)
    if settings.submissions is not None:
        check_submissions_root(settings.submissions)
    if settings.report is not None:
        check_report_folder(settings.report)


def check_submissions_root(root: Path) -> None:
    """Refuse a submissions folder with no submission in it."""
    if not any(is_submission_folder(path) for path in root.iterdir()):
        raise pytest.UsageError(EMPTY_SUBMISSIONS.format(root=root))


def check_report_folder(out: Path) -> None:
    """Make the report folder and prove a file can be written in it, before grading anyone."""
    probe = out / PROBE_NAME
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise pytest.UsageError(UNWRITABLE_REPORT.format(out=out, error=reason)) from None


def check_single_submission(path: Optional[Path]) -> None:
    """Refuse a single submission that is neither a folder nor a notebook."""
    if path is not None and not (path.is_dir() or (path.is_file() and path.suffix == ".ipynb")):
        raise pytest.UsageError(NO_SUBMISSION.format(path=os.fspath(path)))
