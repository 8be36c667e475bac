"""Notebooks are graded like scripts, alone and in a batch mixed with scripts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mpkata_testing import batch_args, copy_katas

nbformat = pytest.importorskip("nbformat")
ROOT = Path(__file__).resolve().parent.parent

POOL_ANSWER = """import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(processes=2) as pool:
        logging.info("%s", pool.map(square, range(1, 11)))
"""


def write_notebook(path: Path, *cells: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=list(cells)), str(path))


@pytest.fixture
def pool_map_kata(pytester: pytest.Pytester) -> None:
    copy_katas(pytester.path, ("04_pool_map",))


def test_a_notebook_answer_is_graded_and_advised_about_jupyter(
    pytester: pytest.Pytester, pool_map_kata: None
) -> None:
    notebook = pytester.path / "answers.ipynb"
    write_notebook(
        notebook,
        nbformat.v4.new_markdown_cell("## Q4. What is a multiprocessing pool in python? Why is it used?"),
        nbformat.v4.new_code_cell(POOL_ANSWER),
    )
    result = pytester.runpytest_subprocess(
        "katas",
        "--mpkata-submission",
        str(notebook),
        "--mpkata-start-methods",
        "fork,spawn",
        "-p",
        "no:cacheprovider",
        timeout=120,
    )
    result.assert_outcomes(passed=8, skipped=2, warnings=1)  # Q4 names no NUMBERS
    result.stdout.fnmatch_lines(
        ["*NotebookAdvice: pool_map: Under spawn*`square` is defined in the notebook*"]
    )


def test_a_batch_mixes_notebooks_scripts_and_broken_notebooks(
    pytester: pytest.Pytester, pool_map_kata: None
) -> None:
    klass = pytester.path / "class"
    write_notebook(
        klass / "ada" / "homework.ipynb", nbformat.v4.new_code_cell("# kata: pool_map\n" + POOL_ANSWER)
    )
    write_notebook(
        klass / "bob" / "homework.ipynb",
        nbformat.v4.new_markdown_cell("# nothing here"),
        nbformat.v4.new_code_cell("print('hello')"),
    )
    (klass / "cy").mkdir()
    (klass / "cy" / "homework.ipynb").write_text("this is not a notebook", encoding="utf-8")
    (klass / "dee").mkdir()
    shutil.copyfile(ROOT / "solutions" / "pool_map.py", klass / "dee" / "pool_map.py")
    pytester.runpytest_subprocess(
        *batch_args("katas", submissions=klass, methods="fork"),
        timeout=180,
    )
    grades = json.loads((pytester.path / "out" / "grades.json").read_text(encoding="utf-8"))["submissions"]
    statuses = {name: entry["katas"]["pool_map"]["status"] for name, entry in grades.items()}
    assert statuses == {"ada": "passed", "bob": "missing", "cy": "error", "dee": "passed"}
    cy_messages = " ".join(f["message"] for f in grades["cy"]["katas"]["pool_map"]["failed_checks"])
    assert "notebook" in cy_messages.lower()
    ada_feedback = (pytester.path / "out" / "ada" / "feedback.md").read_text(encoding="utf-8")
    assert "Advice (not graded)" in ada_feedback and "Under spawn (Jupyter" in ada_feedback
