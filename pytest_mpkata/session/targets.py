"""Which file holds a learner's answer to a kata, and which programs a session's check items run.

One rule for the whole plugin: the collected items run these files, and the learner's progress
names the same file when it says what to edit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pytest_mpkata.kata.catalogue import NOTEBOOK_SUFFIX, Kata
from pytest_mpkata.settings import Settings

__all__ = ["KataTarget", "file_in_submission", "learner_file", "submission_files"]


def learner_file(kata: Kata, settings: Settings) -> Path:
    """The file a learner's own run checks: the starter, or the file in ``--mpkata-submission``."""
    submission = settings.submission
    if submission is None:
        return kata.starter
    if submission.suffix == NOTEBOOK_SUFFIX:
        return submission
    return file_in_submission(submission, kata)


def file_in_submission(folder: Path, kata: Kata) -> Path:
    """The kata's script in a submission folder, else the folder's notebook, if it has one."""
    script = folder / kata.file_name
    if script.is_file():
        return script
    notebooks = sorted(folder.glob(f"*{NOTEBOOK_SUFFIX}")) if folder.is_dir() else []
    return notebooks[0] if notebooks else script


def submission_files(kata: Kata, settings: Settings) -> list[tuple[str, Path]]:
    """(submission name, file) for each program the kata's checks run: one per submission in batch."""
    if settings.submissions is None:
        return [("", learner_file(kata, settings))]
    from pytest_mpkata.session.shards import submission_folders

    folders = submission_folders(settings.submissions, settings.shard)
    return [(folder.name, file_in_submission(folder, kata)) for folder in folders]


@dataclass(frozen=True)
class KataTarget:
    """Which program one check item runs: a submission's file for a kata, under a start method."""

    kata: Kata
    submission: str
    script: Path
    start_method: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.submission, self.kata.kata_id, self.start_method)

    @property
    def program_key(self) -> tuple[str, str]:
        return (self.submission, self.kata.kata_id)

    @property
    def group(self) -> str:
        """The xdist group: a whole submission (batch) or a whole kata lands on one worker.

        All checks of one run must share a worker, so the run happens once; groups as large
        as a submission also keep xdist's scheduler from stalling between many tiny groups,
        and let each submission's reports be written as soon as its worker is done.
        """
        scope = self.submission or self.kata.kata_id
        return f"mpkata-{hashlib.sha1(scope.encode()).hexdigest()[:12]}"
