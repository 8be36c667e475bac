"""A new kata in one command: ``katas/NN_<kata_id>/`` with every file a kata needs.

The new kata passes the structural self-check at once, and its checks fail until it is
written: the starter does nothing, and ``test_log_file`` expects a placeholder line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pytest_mpkata.authoring.sync import Repository, sync
from pytest_mpkata.kata.catalogue import (
    METADATA_FILE,
    MUTANTS_FOLDER,
    SOLUTION_FILE,
    STATEMENT_FILE,
    VARIANTS_FOLDER,
)

__all__ = [
    "BAD_ID",
    "CHECKS",
    "KATA_ID",
    "METADATA",
    "PLACEHOLDER_LINE",
    "SOLUTION",
    "STARTER",
    "STATEMENT",
    "TAKEN_ID",
    "new_kata",
]

KATA_ID = re.compile(r"^[a-z][a-z0-9_]*$")
PLACEHOLDER_LINE = "work done"
BAD_ID = "kata id {kata_id!r} is not a lowercase Python name; expected e.g. pipe_ping_pong"
TAKEN_ID = "kata id {kata_id!r} is taken by {folder}; choose another id"

METADATA = """\
id = {kata_id}
title = {title}
order = {order}
points = 10
time_limit = 10.0          # seconds, per run
summary = "TODO: what the learner's program does, in one sentence."
teaches = "TODO: what the kata teaches, for the tables of katas"
hints = [
  "TODO: a gentle hint: which part of `multiprocessing` to look at.",
  "TODO: a near-solution hint: the lines to write.",
]
"""

STATEMENT = """\
# {order}. {title}

## The idea

TODO: the idea this kata teaches, in a few short paragraphs.

## Your task

In `{file_name}`:

1. TODO: the steps, numbered.

## Expected test.log

```
2026-11-25 10:15:02,113 {line}
```
"""

STARTER = '''\
"""Kata {order}: {title_lower}. Read README.md for the task."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


if __name__ == "__main__":
    # TODO: the learner's task, step by step, as in README.md.
    pass
'''

SOLUTION = '''\
"""Kata {order}: {title_lower}. The reference solution."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


if __name__ == "__main__":
    # TODO: the reference solution; `python -m pytest_mpkata check --run` proves it passes.
    pass
'''

CHECKS = '''\
"""Checks for kata {order:02d}: {title_lower}."""

from pytest_mpkata import checks

# TODO: the lines the kata's program must log to test.log (a placeholder until the kata is written).
LINES = [{line_literal}]


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, LINES)
'''


def new_kata(katas_dir: Path, kata_id: str, title: str | None = None) -> Path:
    """Create ``katas_dir/NN_<kata_id>/`` after the last kata, then sync; return the folder.

    ``sync`` appends the README's generated sections and adds the kata to the tables.
    """
    repo = Repository(katas_dir)
    katas = repo.catalogue()
    if not KATA_ID.match(kata_id):
        raise ValueError(BAD_ID.format(kata_id=kata_id))
    for kata in katas:
        if kata.kata_id == kata_id:
            raise ValueError(TAKEN_ID.format(kata_id=kata_id, folder=repo.relative(kata.directory)))
    order = max((kata.order for kata in katas), default=0) + 1
    title = title or kata_id.replace("_", " ").capitalize()
    folder = katas_dir / f"{order:02d}_{kata_id}"
    if folder.exists():
        raise ValueError(TAKEN_ID.format(kata_id=kata_id, folder=repo.relative(folder)))
    _write_files(folder, kata_id, title, order)
    sync(repo)
    return folder


def _write_files(folder: Path, kata_id: str, title: str, order: int) -> None:
    facts = {
        "kata_id": kata_id,
        "order": order,
        "line": PLACEHOLDER_LINE,
        "line_literal": json.dumps(PLACEHOLDER_LINE),
        "title_lower": title.lower(),
    }
    files = {
        METADATA_FILE: METADATA.format(kata_id=json.dumps(kata_id), title=json.dumps(title), order=order),
        STATEMENT_FILE: STATEMENT.format(title=title, file_name=f"{kata_id}.py", **facts),
        f"{kata_id}.py": STARTER.format(**facts),
        f"test_{kata_id}.py": CHECKS.format(**facts),
        SOLUTION_FILE: SOLUTION.format(**facts),
        f"{MUTANTS_FOLDER}/.gitkeep": "",
        f"{VARIANTS_FOLDER}/.gitkeep": "",
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
