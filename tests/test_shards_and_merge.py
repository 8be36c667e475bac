"""A class graded in three shards and merged gives the grades of one whole run; merge refuses
reports that do not belong together; every report carries its environment, and a regrade in
another environment says so."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mpkata_testing import PYTEST, batch_args

from pytest_mpkata.grade.stamp import EnvironmentStamp, changes_since
from pytest_mpkata.run.sandboxing import missing_mechanism
from pytest_mpkata.session.shards import in_shard, shard_of
from pytest_mpkata.settings import parse_shard

ROOT = Path(__file__).resolve().parent.parent
KATA = ROOT / "katas" / "01_create_process"
NAMES = ("ada", "bob", "Zoë Müller", "with space", "dee", "eve", "fay")


def make_class(root: Path) -> None:
    """Solutions, starters, a thread in place of a process, and an empty folder."""
    programs = [
        KATA / "solution.py",
        KATA / "create_process.py",
        KATA / "mutants" / "thread_instead_of_process.py",
    ]
    for index, name in enumerate(NAMES):
        (root / name).mkdir(parents=True)
        if name != "eve":
            shutil.copyfile(programs[index % len(programs)], root / name / "create_process.py")


def grade(klass: Path, out: Path, *extra: str, kata: Path = KATA) -> subprocess.CompletedProcess[str]:
    command = [*PYTEST, *batch_args(kata, submissions=klass, report=out, methods="fork,spawn"), "-q", *extra]
    return subprocess.run(command, cwd=klass.parent, capture_output=True, text=True, timeout=600, check=False)


def merge(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest_mpkata", "merge", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def comparable(out: Path) -> dict[str, object]:
    """grades.json without what differs between runs: times, durations, pids, pictures."""
    document = json.loads((out / "grades.json").read_text(encoding="utf-8"))
    document.pop("generated_at")
    document.pop("shard", None)
    for entry in document["submissions"].values():
        entry.pop("duration")
        for kata in entry["katas"].values():
            for failed in kata["failed_checks"]:
                failed.pop("picture")
                failed["message"] = re.sub(r"\d+", "#", failed["message"])
    return document


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The class graded whole (``whole``) and in three shards (``shard-K``)."""
    work = tmp_path_factory.mktemp("shards")
    make_class(work / "class")
    runs = [grade(work / "class", work / "whole")]
    runs += [grade(work / "class", work / f"shard-{k}", "--mpkata-shard", f"{k}/3") for k in (1, 2, 3)]
    for run in runs:
        assert run.returncode in (0, 1), run.stdout[-3000:] + run.stderr[-3000:]
    return work


def test_three_merged_shards_equal_one_whole_run(graded: Path) -> None:
    merged = merge("shard-1", "shard-2", "shard-3", "--into", "merged", cwd=graded)
    assert merged.returncode == 0, merged.stderr
    assert f"Merged 3 report folder(s) into merged: {len(NAMES)} submission(s)." in merged.stdout
    assert comparable(graded / "merged") == comparable(graded / "whole")
    whole_rows = (graded / "whole" / "grades.csv").read_text(encoding="utf-8").splitlines()
    assert (graded / "merged" / "grades.csv").read_text(encoding="utf-8").splitlines() == whole_rows
    for name in NAMES:
        assert (graded / "merged" / name / "feedback.md").is_file()


def test_shards_are_disjoint_and_cover_the_class(graded: Path) -> None:
    shards = [
        set(json.loads((graded / f"shard-{k}" / "grades.json").read_text())["submissions"]) for k in (1, 2, 3)
    ]
    assert sum(len(shard) for shard in shards) == len(NAMES)
    assert set().union(*shards) == set(NAMES)
    assert all(
        json.loads((graded / f"shard-{k}" / "grades.json").read_text())["shard"] == f"{k}/3"
        for k in (1, 2, 3)
    )


def test_a_submission_in_two_reports_is_refused(graded: Path) -> None:
    refused = merge("shard-1", "whole", "--into", "twice", cwd=graded)
    assert refused.returncode == 2
    assert "each submission must come from one shard only" in refused.stderr
    assert not (graded / "twice" / "grades.json").exists()


def test_reports_of_other_katas_or_other_checks_are_refused(graded: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(graded / "shard-2", other)
    document = json.loads((other / "grades.json").read_text(encoding="utf-8"))
    document["environment"]["katas_hash"] = "0" * 64
    (other / "grades.json").write_text(json.dumps(document), encoding="utf-8")
    refused = merge(str(graded / "shard-1"), str(other), "--into", str(tmp_path / "a"), cwd=tmp_path)
    assert refused.returncode == 2 and "the katas' kata.toml or checks differ" in refused.stderr
    document["katas"][0]["id"] = "pool_map"
    (other / "grades.json").write_text(json.dumps(document), encoding="utf-8")
    refused = merge(str(graded / "shard-1"), str(other), "--into", str(tmp_path / "b"), cwd=tmp_path)
    assert refused.returncode == 2 and "merge reports of the same katas" in refused.stderr


def test_a_missing_shard_is_noted(graded: Path) -> None:
    merged = merge("shard-1", "shard-3", "--into", "partial", cwd=graded)
    assert merged.returncode == 0
    assert "note: shard(s) 2 of 3 are not among the merged reports" in merged.stdout


def test_every_report_records_its_environment(graded: Path) -> None:
    environment = json.loads((graded / "whole" / "grades.json").read_text(encoding="utf-8"))["environment"]
    stamp = EnvironmentStamp.from_dict(environment)
    sandboxed_here = missing_mechanism() is None  # grading runs are sandboxed where the machine allows
    assert stamp is not None and stamp.start_methods == ("fork", "spawn")
    assert stamp.sandbox.startswith("landlock" if sandboxed_here else "off")
    results = json.loads((graded / "whole" / "ada" / "results.json").read_text(encoding="utf-8"))
    assert results["extra_data"]["environment"] == environment
    feedback = (graded / "whole" / "ada" / "feedback.md").read_text(encoding="utf-8")
    assert f"with CPython {stamp.python_version}" in feedback and f"katas {stamp.short_hash}" in feedback


def test_a_regrade_in_another_environment_says_so(graded: Path, tmp_path: Path) -> None:
    out = tmp_path / "again"
    shutil.copytree(graded / "whole", out)
    document = json.loads((out / "grades.json").read_text(encoding="utf-8"))
    now = document["environment"]["python_version"]
    document["environment"]["python_version"] = "3.11.0"
    (out / "grades.json").write_text(json.dumps(document), encoding="utf-8")
    again = grade(graded / "class", out)
    assert (
        f"graded earlier with Python 3.11.0, now {now}: {len(NAMES)} unchanged submission(s)" in again.stdout
    )


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "a/b", "1/0", "-1/2"])
def test_a_malformed_shard_is_a_usage_error(text: str) -> None:
    with pytest.raises(pytest.UsageError, match=re.escape(f"invalid shard {text!r} from --mpkata-shard")):
        parse_shard(text, "--mpkata-shard")


def test_a_shard_without_a_submissions_folder_is_a_usage_error(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--mpkata-shard", "1/2")
    result.stderr.fnmatch_lines(
        ["*--mpkata-shard K/N splits a folder of submissions: it needs --mpkata-submissions*"]
    )


def test_a_submission_s_shard_depends_on_its_name_only() -> None:
    assert [shard_of(name, 3) for name in ("ada", "bob", "Zoë Müller")] == [
        shard_of(n, 3) for n in ("ada", "bob", "Zoë Müller")
    ]
    assert (
        shard_of("ada", 3)
        == (int.from_bytes(__import__("hashlib").sha256(b"ada").digest()[:8], "big") % 3) + 1
    )
    assert all(sum(in_shard(name, (k, 4)) for k in range(1, 5)) == 1 for name in NAMES)


def test_environment_changes_are_listed_each_with_before_and_after() -> None:
    before = EnvironmentStamp("0.1.0", "3.11.7", "CPython", "Linux", 2, ("fork", "spawn"), "off", "a" * 64)
    after = EnvironmentStamp("0.1.0", "3.12.1", "CPython", "Linux", 4, ("fork", "spawn"), "off", "a" * 64)
    assert changes_since(before, after) == "graded earlier with Python 3.11.7, now 3.12.1; CPUs: 2, now 4"
    assert changes_since(before, before) == ""
    assert EnvironmentStamp.from_dict(before.as_dict()) == before
