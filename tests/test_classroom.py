"""The GitHub Classroom workflow parses as YAML, has one graded step per kata worth its points,
and each step's command collects exactly that kata's checks."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_mpkata.grade.classroom import COMMAND_GRADER, REPORTER
from pytest_mpkata.kata.catalogue import load_catalogue

yaml = pytest.importorskip("yaml")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def workflow(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("classroom") / "classroom.yml"
    command = [sys.executable, "-m", "pytest_mpkata", "classroom", "--katas", "katas", "--out", str(out)]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert completed.returncode == 0, completed.stderr
    document: dict[str, object] = yaml.safe_load(out.read_text(encoding="utf-8"))
    return document


def steps(workflow: dict[str, object]) -> list[dict[str, object]]:
    return workflow["jobs"]["run-autograding-tests"]["steps"]  # type: ignore[index, no-any-return]


def test_the_workflow_runs_on_push_and_on_classroom_s_dispatch(workflow: dict[str, object]) -> None:
    assert {"push", "repository_dispatch"} <= set(workflow["on"])  # type: ignore[arg-type]
    assert workflow["permissions"] == {"checks": "write", "actions": "read", "contents": "read"}


def test_there_is_one_graded_step_per_kata_worth_its_points(workflow: dict[str, object]) -> None:
    graded = [step for step in steps(workflow) if step.get("uses") == COMMAND_GRADER]
    katas = load_catalogue(ROOT / "katas")
    assert [step["id"] for step in graded] == [kata.kata_id for kata in katas]
    for step, kata in zip(graded, katas):
        settings = step["with"]
        assert settings["max-score"] == kata.points  # type: ignore[index]
        assert settings["command"] == f"pytest katas/{kata.folder_name}"  # type: ignore[index]
        assert settings["timeout"] >= 1  # type: ignore[index, operator]


def test_the_reporter_reads_every_step_s_result(workflow: dict[str, object]) -> None:
    reporter = next(step for step in steps(workflow) if step.get("uses") == REPORTER)
    ids = [kata.kata_id for kata in load_catalogue(ROOT / "katas")]
    assert reporter["with"]["runners"].split(",") == ids  # type: ignore[index]
    env = reporter["env"]
    assert env == {f"{i.upper()}_RESULTS": f"${{{{ steps.{i}.outputs.result }}}}" for i in ids}


def test_every_step_s_command_collects_its_own_kata(workflow: dict[str, object]) -> None:
    graded = [step for step in steps(workflow) if step.get("uses") == COMMAND_GRADER]
    bin_folder = Path(sys.executable).parent
    for step in graded:
        program, path = shlex.split(step["with"]["command"])  # type: ignore[index]
        assert shutil.which(program, path=str(bin_folder)), program
        assert (ROOT / path / "kata.toml").is_file()
        listed = subprocess.run(
            [str(bin_folder / program), path, "--collect-only", "-q", "-p", "no:cacheprovider"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert listed.returncode == 0, listed.stdout[-2000:]
        ids = [line for line in listed.stdout.splitlines() if "::" in line]
        assert ids and all(line.startswith(f"{path}/") for line in ids), listed.stdout[-2000:]
