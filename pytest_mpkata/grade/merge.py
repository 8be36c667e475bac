"""Merge report folders graded apart (shards on a CI matrix or a cluster) into one.

The merged folder is what grading the whole class at once would have written: one grades.json
and grades.csv over every submission, sorted the same way, and each submission's own folder.
Reports of different katas, or of katas whose checks changed between shards, are refused:
their grades are not comparable.  So is a submission graded in two shards.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from pytest_mpkata.grade import html, reports
from pytest_mpkata.grade.book import submission_sort_key
from pytest_mpkata.grade.grades import KataInfo, SubmissionGrade
from pytest_mpkata.grade.stamp import EnvironmentStamp, differences

__all__ = [
    "INTO_TAKEN",
    "MISSING_SHARDS",
    "NOT_A_REPORT",
    "NO_INPUT",
    "OTHER_CHECKS",
    "OTHER_ENVIRONMENT",
    "OTHER_KATAS",
    "OVERLAP",
    "MergeError",
    "ReportFolder",
    "check_compatible",
    "copy_submission_folders",
    "merge_reports",
    "merged_grades",
    "missing_shards",
]

NOT_A_REPORT = "{out}: no readable grades.json of pytest-mpkata; expected a folder written by --mpkata-report"
OTHER_KATAS = "{out} grades the katas {theirs}, {first} grades {ours}: merge reports of the same katas"
OTHER_CHECKS = (
    "{out} was graded with katas {theirs}, {first} with katas {ours}: the katas' kata.toml or checks "
    "differ; grade every shard from the same katas folder"
)
OVERLAP = "{names} graded in both {first} and {out}: each submission must come from one shard only"
INTO_TAKEN = "{into} already holds a grades.json; merge into a new folder or remove it first"
NO_INPUT = "nothing to merge: name at least one report folder"
OTHER_ENVIRONMENT = "note: {out} was graded in another environment than {first}: {changes}"
MISSING_SHARDS = "note: shard(s) {missing} of {count} are not among the merged reports"


class MergeError(ValueError):
    """Report folders that cannot be merged; the message says which and why."""


@dataclass
class ReportFolder:
    """One report folder as read back: its catalogue, stamp, shard and grades."""

    path: Path
    katas: list[KataInfo]
    stamp: Optional[EnvironmentStamp]
    shard: str
    grades: dict[str, SubmissionGrade] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> ReportFolder:
        katas = reports.load_katas(path)
        if katas is None:
            raise MergeError(NOT_A_REPORT.format(out=path))
        shard = str(reports.load_document(path).get(reports.SHARD_KEY, ""))
        return cls(path, katas, reports.load_environment(path), shard, reports.load_grades(path))


def merge_reports(outs: Sequence[Path], into: Path) -> list[str]:
    """Merge ``outs`` into ``into``; return notes for the terminal. Raises ``MergeError``."""
    if not outs:
        raise MergeError(NO_INPUT)
    if (into / reports.GRADES_JSON).exists():
        raise MergeError(INTO_TAKEN.format(into=into))
    folders = [ReportFolder.read(Path(out)) for out in outs]
    notes = [check_compatible(folders[0], other) for other in folders[1:]]
    grades = merged_grades(folders)
    into.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        copy_submission_folders(folder, into)
    reports.write_class_files(into, grades, folders[0].katas, stamp=folders[0].stamp)
    html.write_class_pages(into, grades, folders[0].katas, folders[0].stamp)
    return [note for note in [*notes, missing_shards(folders)] if note]


def check_compatible(first: ReportFolder, other: ReportFolder) -> str:
    """Refuse other katas or other checks; return a note when only the environment differs."""
    if other.katas != first.katas:
        ours, theirs = _kata_ids(first), _kata_ids(other)
        raise MergeError(OTHER_KATAS.format(out=other.path, theirs=theirs, first=first.path, ours=ours))
    if first.stamp is None or other.stamp is None:
        return ""
    if first.stamp.katas_hash != other.stamp.katas_hash:
        ours, theirs = first.stamp.short_hash, other.stamp.short_hash
        raise MergeError(OTHER_CHECKS.format(out=other.path, theirs=theirs, first=first.path, ours=ours))
    changes = "; ".join(differences(first.stamp, other.stamp))
    return OTHER_ENVIRONMENT.format(out=other.path, first=first.path, changes=changes) if changes else ""


def merged_grades(folders: Sequence[ReportFolder]) -> dict[str, SubmissionGrade]:
    """Every folder's grades in one mapping, sorted as a whole-class run sorts them."""
    merged: dict[str, SubmissionGrade] = {}
    origin: dict[str, Path] = {}
    for folder in folders:
        overlap = sorted(set(folder.grades) & set(merged), key=submission_sort_key)
        if overlap:
            first = origin[overlap[0]]
            raise MergeError(OVERLAP.format(names=", ".join(overlap), first=first, out=folder.path))
        merged.update(folder.grades)
        origin.update((name, folder.path) for name in folder.grades)
    return {name: merged[name] for name in sorted(merged, key=submission_sort_key)}


def copy_submission_folders(folder: ReportFolder, into: Path) -> None:
    for name in folder.grades:
        source = folder.path / reports.report_dir_name(name)
        if source.is_dir():
            shutil.copytree(source, into / reports.report_dir_name(name), dirs_exist_ok=True)


def missing_shards(folders: Sequence[ReportFolder]) -> str:
    """A note when the folders are shards of one split and some shard is absent."""
    shards = [folder.shard.partition("/") for folder in folders if folder.shard]
    counts = {count for _, _, count in shards}
    if len(shards) != len(folders) or len(counts) != 1:
        return ""
    count = counts.pop()
    missing = sorted(set(range(1, int(count) + 1)) - {int(index) for index, _, _ in shards})
    return MISSING_SHARDS.format(missing=", ".join(map(str, missing)), count=count) if missing else ""


def _kata_ids(folder: ReportFolder) -> str:
    return ", ".join(kata.kata_id for kata in folder.katas)
