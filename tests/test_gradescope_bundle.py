"""The Gradescope bundle grades a submission in a fake /autograder: full marks for the reference
solutions, few for the starters, a notebook graded like scripts, a hanging program stopped at its
time limit.  setup.sh is not run (it installs with apt); run_autograder uses this venv's Python."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from pytest_mpkata.grade.autograder import ROOT_VARIABLE, copy_submission

ROOT = Path(__file__).resolve().parent.parent
KATAS = ("01_create_process", "04_pool_map")
HANG_LIMIT = 3.0
HANG = "import time\nwhile True:\n    time.sleep(0.05)\n"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip built from two katas; the first kata's time limit cut to a few seconds."""
    work = tmp_path_factory.mktemp("bundle")
    for name in KATAS:
        shutil.copytree(ROOT / "katas" / name, work / "katas" / name)
    toml = work / "katas" / KATAS[0] / "kata.toml"
    toml.write_text(toml.read_text().replace("time_limit = 10.0", f"time_limit = {HANG_LIMIT}"))
    command = [
        sys.executable,
        "-m",
        "pytest_mpkata",
        "gradescope",
        "--out",
        "autograder.zip",
        "--katas",
        "katas",
    ]
    completed = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=600, check=False)
    assert completed.returncode == 0, completed.stderr
    assert "Wrote autograder.zip" in completed.stdout
    return work / "autograder.zip"


def autograde(bundle: Path, root: Path, files: dict[str, str | Path]) -> tuple[dict[str, object], float]:
    """Unpack the bundle as Gradescope does, submit ``files``, run run_autograder; results and time."""
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
        for info in archive.infolist():  # extractall drops the permission bits
            os.chmod(root / "source" / info.filename, (info.external_attr >> 16) & 0o777)
    (root / "submission" / "nested").mkdir(parents=True)
    for name, content in files.items():
        target = root / "submission" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8")
    env = {
        **os.environ,
        ROOT_VARIABLE: str(root),
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    started = time.monotonic()
    completed = subprocess.run(
        [str(root / "source" / "run_autograder")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    return json.loads((root / "results" / "results.json").read_text(encoding="utf-8")), elapsed


def test_the_bundle_holds_the_scripts_the_katas_and_the_wheel_of_this_version(bundle: Path) -> None:
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        modes = {info.filename: (info.external_attr >> 16) & 0o777 for info in archive.infolist()}
        setup = archive.read("setup.sh").decode()
    assert {"setup.sh", "run_autograder", "katas/01_create_process/test_create_process.py"} <= names
    assert modes["setup.sh"] & stat.S_IXUSR and modes["run_autograder"] & stat.S_IXUSR
    wheels = [
        name for name in names if name.startswith("dist/pytest_mpkata-0.1.0-") and name.endswith(".whl")
    ]
    assert len(wheels) == 1
    assert f'{wheels[0]}[notebook]"' in setup
    assert "sys.version_info < (3, 9)" in setup and 'wanted="python3.9"' in setup
    assert not any("solution.py" in name or "/mutants/" in name for name in names)


def test_the_reference_solutions_get_full_marks(bundle: Path, tmp_path: Path) -> None:
    files = {f"nested/{name.split('_', 1)[1]}.py": ROOT / "katas" / name / "solution.py" for name in KATAS}
    results, _ = autograde(bundle, tmp_path, files)
    tests = results["tests"]
    assert isinstance(tests, list) and tests
    assert results["score"] == 20
    assert sum(test["max_score"] for test in tests) == pytest.approx(20)
    assert {test["status"] for test in tests} == {"passed"}
    assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(tests[0])
    environment = results["extra_data"]["environment"]  # type: ignore[index]
    assert environment["python_version"] == ".".join(map(str, sys.version_info[:3]))
    assert "Graded by pytest-mpkata 0.1.0" in str(results["output"])
    assert isinstance(results["execution_time"], int)


def test_the_starters_get_low_marks_with_messages_and_pictures(bundle: Path, tmp_path: Path) -> None:
    files = {
        f"{name.split('_', 1)[1]}.py": ROOT / "katas" / name / f"{name.split('_', 1)[1]}.py" for name in KATAS
    }
    results, _ = autograde(bundle, tmp_path, files)
    assert results["score"] < 10  # type: ignore[operator]
    failed = [test for test in results["tests"] if test["status"] == "failed"]  # type: ignore[union-attr]
    assert failed
    assert any("What your program did:" in test["output"] for test in failed)
    assert any("test.log" in test["output"] for test in failed)


def test_a_notebook_submission_is_graded(bundle: Path, tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    answer = (ROOT / "solutions" / "create_process.py").read_text(encoding="utf-8")
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("# kata: create_process\n" + answer)]
    )
    results, _ = autograde(bundle, tmp_path, {"homework.ipynb": nbformat.writes(notebook)})
    by_kata: dict[str, float] = {}
    for test in results["tests"]:  # type: ignore[union-attr]
        by_kata[test["tags"][0]] = by_kata.get(test["tags"][0], 0) + test["score"]
    assert by_kata["create_process"] == pytest.approx(10)
    assert results["score"] == pytest.approx(10)


def test_a_hanging_submission_is_stopped_at_its_time_limit(bundle: Path, tmp_path: Path) -> None:
    results, elapsed = autograde(bundle, tmp_path, {"create_process.py": HANG})
    hung = [test for test in results["tests"] if test["tags"] == ["create_process"]]  # type: ignore[union-attr]
    assert hung and all(test["status"] == "failed" for test in hung)
    assert any("time limit" in test["output"] for test in hung)
    assert elapsed < 3 * HANG_LIMIT + 60


def test_the_shallowest_file_of_each_name_is_submitted(tmp_path: Path) -> None:
    (tmp_path / "in" / "deep" / "er").mkdir(parents=True)
    (tmp_path / "in" / "deep" / "pool_map.py").write_text("deep")
    (tmp_path / "in" / "deep" / "er" / "pool_map.py").write_text("deeper")
    (tmp_path / "in" / "__pycache__").mkdir()
    (tmp_path / "in" / "__pycache__" / "x.py").write_text("cache")
    (tmp_path / "in" / "notes.txt").write_text("not code")
    copied = copy_submission(tmp_path / "in", tmp_path / "out")
    assert [path.name for path in copied] == ["pool_map.py"]
    assert (tmp_path / "out" / "pool_map.py").read_text() == "deep"
