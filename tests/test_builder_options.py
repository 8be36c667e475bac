"""The builders refuse a bad option in one line, exit code 2, before building anything.

And the package says its version, carries its licence, and an instructor sees how far a batch is.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from mpkata_testing import ROOT, copy_katas, solve

from pytest_mpkata.__main__ import main
from pytest_mpkata.grade import builder_options
from pytest_mpkata.grade.progress import PROGRESS_LINE, BatchProgress, time_left
from pytest_mpkata.grade.stamp import plugin_version

KATAS = str(ROOT / "katas")


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run the command; assert exit code 2, nothing on stdout, one line on stderr; return it."""
    assert main(list(argv)) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1, err
    return err.strip()


def test_a_bundle_with_an_unknown_start_method_is_not_built(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "autograder.zip"
    line = refused(capsys, "gradescope", "--katas", KATAS, "--out", str(out), "--start-methods", "bogus")
    assert line.startswith("invalid start method bogus from --start-methods")
    assert not out.exists()


@pytest.mark.parametrize("version", ["banana", "3.8", "2.7", "3"])
def test_a_workflow_for_a_python_the_package_does_not_support_is_not_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, version: str
) -> None:
    out = tmp_path / "classroom.yml"
    line = refused(capsys, "classroom", "--katas", KATAS, "--out", str(out), "--python", version)
    assert line == builder_options.BAD_PYTHON.format(value=version, oldest="3.9")
    assert not out.exists()


def test_an_output_path_under_a_file_or_on_a_folder_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    line = refused(capsys, "gradescope", "--katas", KATAS, "--out", str(blocker / "sub" / "x.zip"))
    assert line == builder_options.OUT_UNDER_FILE.format(out=blocker / "sub" / "x.zip", blocker=blocker)
    line = refused(capsys, "classroom", "--katas", KATAS, "--out", str(tmp_path))
    assert line == builder_options.OUT_IS_FOLDER.format(out=tmp_path, example="classroom.yml")


def test_a_supported_python_writes_the_workflow_in_a_new_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "new" / "classroom.yml"
    assert main(["classroom", "--katas", KATAS, "--out", str(out), "--python", "3.13"]) == 0
    assert "3.13" in out.read_text(encoding="utf-8")


def test_the_package_says_its_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"pytest-mpkata {plugin_version()}"


def test_the_licence_file_is_the_one_the_metadata_declares() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert '"License :: OSI Approved :: MIT License"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_batch_progress_says_done_out_of_total_and_the_time_left_now_and_then() -> None:
    now = [0.0]
    progress = BatchProgress(clock=lambda: now[0])
    now[0] = 10.0
    assert progress.finished(total=4) == PROGRESS_LINE.format(done=1, total=4, left="about 30 s left")
    now[0] = 11.0
    assert progress.finished(total=4) is None
    now[0] = 20.0
    assert progress.finished(total=4) == PROGRESS_LINE.format(done=3, total=4, left="about 7 s left")
    assert progress.finished(total=4) == PROGRESS_LINE.format(done=4, total=4, left="done")
    assert time_left(600) == "about 10 min left"


def test_a_bundle_is_not_built_from_katas_with_uncommitted_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    katas = copy_katas(tmp_path, ("01_create_process",))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "katas"], cwd=tmp_path, check=True)
    solve(katas, "01_create_process")
    out = tmp_path / "autograder.zip"

    line = refused(capsys, "gradescope", "--katas", str(katas), "--out", str(out))

    assert line == builder_options.UNCOMMITTED.format(
        katas=katas, count=1, first="katas/01_create_process/create_process.py"
    )
    assert not out.exists()
