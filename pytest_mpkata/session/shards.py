"""Shards: the K-th of N disjoint parts of a submissions folder, for grading on many machines.

A submission belongs to a shard by a hash of its folder name, never by its position in the
listing: a late submission added to the folder moves no other submission to another shard, and
every machine computes the same split without talking to the others.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional

from pytest_mpkata.session.handed_in import is_submission_folder

__all__ = ["Shard", "in_shard", "shard_of", "shard_text", "submission_folders"]

Shard = tuple[int, int]
"""``(K, N)``: the K-th (from 1) of N shards."""


def shard_of(submission: str, count: int) -> int:
    """The shard (1 to ``count``) that holds ``submission``, the same on every machine."""
    digest = hashlib.sha256(submission.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def in_shard(submission: str, shard: Optional[Shard]) -> bool:
    return shard is None or shard_of(submission, shard[1]) == shard[0]


def submission_folders(root: Path, shard: Optional[Shard] = None) -> list[Path]:
    """The submission folders under ``root`` this session grades, sorted by name (tools' folders left out)."""
    return sorted(p for p in root.iterdir() if is_submission_folder(p) and in_shard(p.name, shard))


def shard_text(shard: Shard) -> str:
    return f"{shard[0]}/{shard[1]}"
