"""Unit tests for notebook support: from a learner's .ipynb to the program that answers a kata.

Every notebook is built here with ``nbformat.v4``, shaped like the notebooks learners hand in:
questions in markdown, answers in code cells, with the habits that break a plain script.
"""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook  # noqa: E402

from pytest_mpkata.notebook import (  # noqa: E402
    KERNEL_SPAWN_ADVICE,
    NOTEBOOK_ORDER_NOTE,
    AnswerDoesNotCompile,
    ExtractedProgram,
    KataQuestions,
    NotebookError,
    NotebookNotAnswered,
    cell_location,
    extract_program,
    kernel_style_program,
    notebook_defined_targets,
    read_notebook,
    rewrite_traceback,
    theory_answer,
)

WORDING = {
    "Q1": "What is multiprocessing in python? Why is it useful?",
    "Q2": "What are the differences between multiprocessing and multithreading?",
    "Q3": "Write a python code to create a process using the multiprocessing module.",
    "Q4": "What is a multiprocessing pool in python? Why is it used?",
    "Q5": ("How can we create a pool of worker processes in python using the multiprocessing module?"),
    "Q6": (
        "Write a python program to create 4 processes, each process should print a different "
        "number using the multiprocessing module in python."
    ),
}
KATA_QUESTION = {
    "cpu_bound_speedup": "Q1",
    "processes_vs_threads": "Q2",
    "create_process": "Q3",
    "shared_array_squares": "Q3",
    "pool_map": "Q4",
    "worker_pool": "Q5",
    "four_numbered_processes": "Q6",
}
CATALOGUE = {
    kata: KataQuestions(kata, (question,), (WORDING[question],)) for kata, question in KATA_QUESTION.items()
}
LOGGING_SETUP = (
    "import logging\n"
    'logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")'
)
POOL_MAP_ANSWER = (
    "import multiprocessing\n"
    f"{LOGGING_SETUP}\n\n"
    "def square(x):\n"
    "    return x * x\n\n"
    'if __name__ == "__main__":\n'
    "    with multiprocessing.Pool(processes=4) as pool:\n"
    '        logging.info("%s", pool.map(square, range(1, 11)))'
)
CREATE_PROCESS_ANSWER = (
    "import multiprocessing\n"
    f"{LOGGING_SETUP}\n\n"
    "def say_hello():\n"
    '    logging.info("hello from the child")\n\n'
    'if __name__ == "__main__":\n'
    "    child = multiprocessing.Process(target=say_hello)\n"
    "    child.start()\n"
    "    child.join()\n"
    '    logging.info("child exited with code %d", child.exitcode)'
)
SHARED_ARRAY_ANSWER = (
    "from multiprocessing import Array, Process\n\n"
    "def square_element(numbers, i):\n"
    "    numbers[i] = numbers[i] ** 2\n\n"
    'if __name__ == "__main__":\n'
    '    numbers = Array("i", range(1, 11))\n'
    "    workers = [Process(target=square_element, args=(numbers, i)) for i in range(10)]"
)
START_METHOD_SITECUSTOMIZE = (
    "import os, multiprocessing.context as c\n"
    'c._default_context._default_context = c._concrete_contexts[os.environ["M"]]\n'
)
RUN_TIMEOUT = 60


def md(text: str) -> nbformat.NotebookNode:
    return new_markdown_cell(text)


def code(text: str) -> nbformat.NotebookNode:
    return new_code_cell(text)


def write_notebook(tmp_path: Path, *cells: nbformat.NotebookNode) -> Path:
    path = tmp_path / "answers.ipynb"
    nbformat.write(new_notebook(cells=list(cells)), str(path))
    return path


def extract(tmp_path: Path, kata_id: str, *cells: nbformat.NotebookNode) -> ExtractedProgram:
    return extract_program(write_notebook(tmp_path, *cells), kata_id, CATALOGUE)


def compiles(source: str) -> bool:
    try:
        ast.parse(source)
    except SyntaxError:
        return False
    return True


def run_python(script: Path, start_method: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python <script>`` in its directory; a hung pool is killed with its whole group."""
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "M"}}
    if start_method:
        site = script.parent / "site"
        site.mkdir(exist_ok=True)
        (site / "sitecustomize.py").write_text(START_METHOD_SITECUSTOMIZE)
        env.update(PYTHONPATH=str(site), M=start_method)
    process = subprocess.Popen(
        [sys.executable, script.name],
        cwd=script.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def save_program(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(exist_ok=True)
    script = directory / name
    script.write_text(text)
    return script


# --- Marker comments ----------------------------------------------------------------------------


def test_a_marker_claims_its_cell_and_the_following_code_cells(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        code("# kata: pool_map\nimport multiprocessing"),
        code("def square(x):\n    return x * x"),
        md("Some explanation of my approach."),
        code("print(square(3))"),
        code("# kata: worker_pool\nprint('pool of five')"),
    )
    assert program.cells == (1, 2, 4)
    assert "pool of five" not in program.source
    assert compiles(program.source)


def test_markers_are_case_and_space_tolerant(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "worker_pool",
        code("#KATA :  Worker_Pool\nx = 5"),
        code("#   kata:pool_map\ny = 6"),
    )
    assert program.cells == (1,)


def test_a_marker_wins_over_the_question_heading_above_it(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        md("Q4. " + WORDING["Q4"]),
        code("scratch = 1"),
        code("# kata: pool_map\nanswer = 2"),
    )
    assert program.cells == (3,)


def test_a_question_heading_ends_a_marked_run(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        code("# kata: pool_map\nanswer = 2"),
        md("Q5. " + WORDING["Q5"]),
        code("other = 3"),
    )
    assert program.cells == (1,)


# --- Question headings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "kata_id"),
    [
        ("Q4. What is a multiprocessing pool in python? Why is it used?", "pool_map"),
        ("## Question 4", "pool_map"),
        ("**Q5**", "worker_pool"),
        ("### Q.5) How do we create a pool of workers?", "worker_pool"),
        ("4. What is a multiprocessing pool in python? Why is it used?", "pool_map"),
        ("## What is a multiprocessing pool in Python, and why is it used?", "pool_map"),
        ("How can we create a pool of worker processes using multiprocessing?", "worker_pool"),
        ("<h3>Q6</h3>", "four_numbered_processes"),
        ("### Ans 4.", "pool_map"),
    ],
)
def test_a_heading_names_the_question_of_the_code_below(tmp_path: Path, heading: str, kata_id: str) -> None:
    program = extract(tmp_path, kata_id, md("# Assignment"), md(heading), code("answer = 1"))
    assert program.cells == (3,)


@pytest.mark.parametrize(
    "heading", ["Q5)", "5.)", "5)", "5. " + WORDING["Q5"], "Ans5-", "Answer 5:", "Ans 5"]
)
def test_a_learners_own_heading_forms_name_the_question(tmp_path: Path, heading: str) -> None:
    program = extract(tmp_path, "worker_pool", md("Q4"), code("x = 4"), md(heading), code("answer = 5"))
    assert program.cells == (4,)


def test_a_numbered_list_opening_an_answer_is_not_a_heading(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        md("Q4"),
        md("1. A pool keeps worker processes.\n2. It maps tasks over them."),
        code("answer = 4"),
    )
    assert program.cells == (3,)


def test_a_question_pasted_into_its_own_code_cell_is_a_heading_not_an_answer(tmp_path: Path) -> None:
    notebook = write_notebook(
        tmp_path,
        md("Q4"),
        code("x = 4"),
        code("Q5. " + WORDING["Q5"]),
        code("answer = 5"),
    )
    assert extract_program(notebook, "worker_pool", CATALOGUE).cells == (4,)
    assert extract_program(notebook, "pool_map", CATALOGUE).cells == (2,)


def test_a_notebook_without_headings_is_read_in_question_order(tmp_path: Path) -> None:
    notebook = write_notebook(
        tmp_path,
        md("# Homework"),
        md("Multiprocessing runs work in several processes at once."),
        code("# Threads share memory, processes do not.\n# The GIL limits threads."),
        code("print('Q3 answer')"),
        md("A pool is a set of worker processes."),
        code("print('Q5 answer')"),
        code("print('Q6 answer')"),
    )
    program = extract_program(notebook, "four_numbered_processes", CATALOGUE)
    assert program.cells == (7,)
    assert NOTEBOOK_ORDER_NOTE.format(label="Q6", cells="Cell 7") in program.notes
    assert extract_program(notebook, "worker_pool", CATALOGUE).cells == (6,)
    theory = theory_answer(notebook, "processes_vs_threads", CATALOGUE)
    assert theory is not None and theory.cells == (3,) and theory.by_position
    assert theory.text == "Threads share memory, processes do not.\nThe GIL limits threads."


def test_a_theory_answer_is_the_text_under_its_heading(tmp_path: Path) -> None:
    notebook = write_notebook(
        tmp_path,
        md("Q1. " + WORDING["Q1"] + "\n\nIt runs Python code in several processes."),
        md("It is useful for CPU-bound work."),
        code("print('example')"),
        md("## Question 2"),
        code("# " + WORDING["Q2"]),
    )
    answer = theory_answer(notebook, "cpu_bound_speedup", CATALOGUE)
    assert answer is not None and answer.cells == (1, 2) and not answer.by_position
    assert answer.text == "It runs Python code in several processes.\n\nIt is useful for CPU-bound work."
    assert theory_answer(notebook, "processes_vs_threads", CATALOGUE) is None


def test_markdown_answer_text_does_not_move_code_to_another_question(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        md("Q4. " + WORDING["Q4"]),
        md("We can create a pool of worker processes using multiprocessing.Pool in python."),
        code("answer = 1"),
    )
    assert program.cells == (3,)


def test_a_question_written_as_a_comment_opens_a_code_cell(tmp_path: Path) -> None:
    notebook = write_notebook(
        tmp_path,
        code(f"# Q3. {WORDING['Q3']}\nimport multiprocessing"),
        code("#Q4\nanswer = 4"),
        code(f"#{WORDING['Q5']}\nanswer = 5"),
        code("# q1 holds the results\nq1 = []"),
    )
    assert extract_program(notebook, "create_process", CATALOGUE).cells == (1,)
    assert extract_program(notebook, "worker_pool", CATALOGUE).cells == (3, 4)
    assert extract_program(notebook, "pool_map", CATALOGUE).cells == (2,)


def test_a_comment_paraphrasing_another_question_does_not_move_the_cell(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        md("Q4. " + WORDING["Q4"]),
        code("# create a pool of worker processes using the multiprocessing module\nx = 1"),
    )
    assert program.cells == (2,)


def test_an_overview_listing_every_question_answers_none_of_them(tmp_path: Path) -> None:
    overview = "\n".join(f"{label}. {text}" for label, text in WORDING.items())
    notebook = write_notebook(tmp_path, md(overview), code("import os"), md("Q4"), code("x = 1"))
    assert extract_program(notebook, "pool_map", CATALOGUE).cells == (4,)
    with pytest.raises(NotebookNotAnswered):
        extract_program(notebook, "four_numbered_processes", CATALOGUE)


def test_an_answer_split_across_cells_is_joined_in_order(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "four_numbered_processes",
        md("Q6. " + WORDING["Q6"]),
        code("import multiprocessing"),
        code("def show(n):\n    print(n)"),
        md("Now start them."),
        code("if __name__ == '__main__':\n    multiprocessing.Process(target=show, args=(1,))"),
    )
    assert program.cells == (2, 3, 5)
    lines = program.source.splitlines()
    assert len(lines) == len(program.line_origins)
    assert program.line_origins[lines.index("def show(n):")] == (3, 1)
    assert program.line_origins[lines.index("    print(n)")] == (3, 2)
    assert lines.index("import multiprocessing") < lines.index("def show(n):")
    assert program.line_origins[lines.index("# cell 5")] == (0, 0)


# --- Imports from earlier cells -----------------------------------------------------------------


def test_an_import_from_an_earlier_cell_is_carried_with_a_note(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        md("# Setup"),
        code("import multiprocessing as mp\nimport numpy as np\nfrom os import getpid, sep"),
        md("Q4. " + WORDING["Q4"]),
        code("with mp.Pool(2) as pool:\n    print(pool.map(abs, [-1]), getpid())"),
    )
    assert program.carried_imports == ("import multiprocessing as mp", "from os import getpid")
    assert program.cells == (4,)
    assert "numpy" not in program.source
    assert (
        "Your answer uses `mp` (imported in cell 2 as `import multiprocessing as mp`): it only "
        "works because of an earlier cell's import. Put the imports your answer needs in its own "
        "cell." in program.notes
    )
    lines = program.source.splitlines()
    assert lines.index("import multiprocessing as mp") < lines.index("# cell 4")
    assert program.line_origins[lines.index("from os import getpid")] == (2, 3)


def test_no_import_is_carried_when_the_answer_imports_it_itself(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        code("import multiprocessing as mp"),
        md("Q4. " + WORDING["Q4"]),
        code("import multiprocessing as mp\nwith mp.Pool(2) as pool:\n    pass"),
    )
    assert program.carried_imports == ()
    assert not any("imported in cell" in note for note in program.notes)


def test_a_function_defined_in_an_earlier_cell_gets_a_note(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        code("def square(x):\n    return x * x"),
        md("Q4. " + WORDING["Q4"]),
        code("print(square(2))"),
    )
    assert "def square" not in program.source
    assert any("`square`, defined in cell 1" in note for note in program.notes)


def test_logging_set_up_only_in_an_earlier_cell_gets_a_note(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        code(LOGGING_SETUP),
        md("Q4. " + WORDING["Q4"]),
        code("logging.info('squares')"),
    )
    assert program.carried_imports == ("import logging",)
    assert "basicConfig" not in program.source
    assert any(note.startswith("Cell 1 sets up logging (`logging.basicConfig(") for note in program.notes)


# --- What a script cannot run -------------------------------------------------------------------


def test_pasted_question_text_is_a_heading_left_out_with_a_note(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "create_process",
        md("Q3. " + WORDING["Q3"]),
        code(f"Q3\n{WORDING['Q3']}\n{CREATE_PROCESS_ANSWER}"),
    )
    lines = program.source.splitlines()
    assert f"# {WORDING['Q3']}" in lines
    assert "# Q3" in lines
    assert compiles(program.source)
    notes = [note for note in program.notes if "is the question, not Python" in note]
    assert [note.split(" is the")[0] for note in notes] == ["Cell 2, line 1", "Cell 2, line 2"]


def test_a_text_line_in_an_answer_does_not_run_as_handed_in(tmp_path: Path) -> None:
    with pytest.raises(AnswerDoesNotCompile) as raised:
        extract(
            tmp_path,
            "worker_pool",
            md("Q5. " + WORDING["Q5"]),
            code(f"Ans5. we can create pool by using the Pool class\n{POOL_MAP_ANSWER}"),
        )
    assert raised.value.message == (
        "Cell 2 does not run as handed in: line 1 (`Ans5. we can create pool by using the Pool class`) "
        "is text, not Python. Start it with `#` or move it to a markdown cell."
    )
    repaired = raised.value.repaired
    assert repaired.cells == (2,)
    assert repaired.source.splitlines()[1] == "# Ans5. we can create pool by using the Pool class"
    assert compiles(repaired.source)
    assert any(note.startswith("Cell 2, line 1 is text, not Python") for note in repaired.notes)


def test_the_repaired_program_is_returned_when_asked_for(tmp_path: Path) -> None:
    notebook = write_notebook(
        tmp_path,
        md("Q5"),
        code("import multiprocessing"),
        code(
            "Here is my answer to the question below:\nprint(1)\nThe pool maps square over the list.\nx = 2"
        ),
    )
    with pytest.raises(AnswerDoesNotCompile, match=r"\(and 1 more line of text: cell 3 line 3\)"):
        extract_program(notebook, "worker_pool", CATALOGUE)
    program = extract_program(notebook, "worker_pool", CATALOGUE, as_handed_in=False)
    assert program.cells == (2, 3)
    assert compiles(program.source)


def test_ipython_syntax_is_commented_out_with_a_note(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        md("Q4"),
        code("%matplotlib inline\n!pip install numpy\nimport multiprocessing as mp\nmp.Pool?"),
        code("%%time\nfiles = !ls\nprint(files)"),
    )
    lines = program.source.splitlines()
    for magic in ("%matplotlib inline", "!pip install numpy", "mp.Pool?", "%%time", "files = !ls"):
        assert f"# {magic}" in lines
    assert compiles(program.source)
    assert sum("IPython syntax" in note for note in program.notes) == 5


def test_a_cell_magic_that_is_not_python_is_commented_out(tmp_path: Path) -> None:
    program = extract(tmp_path, "pool_map", md("Q4"), code("%%bash\necho hi"), code("x = 1"))
    assert "# echo hi" in program.source.splitlines()
    assert any("`%%bash` cell" in note for note in program.notes)


def test_a_cell_that_does_not_compile_is_named_in_the_error(tmp_path: Path) -> None:
    with pytest.raises(NotebookError) as raised:
        extract(
            tmp_path,
            "pool_map",
            md("Q4"),
            code("import multiprocessing"),
            code("x = 1\ndef square(x)\n    return x * x"),
        )
    assert raised.value.message.startswith("Cell 3 does not compile (line 2: ")
    assert raised.value.message.endswith("): def square(x)")


def test_a_failing_line_after_commented_text_is_still_reported(tmp_path: Path) -> None:
    with pytest.raises(NotebookError, match=r"^Cell 2 does not compile \(line 2: "):
        extract(tmp_path, "pool_map", md("Q4"), code("def square(x):\n# This is my whole answer."))


def test_a_future_import_in_a_later_cell_moves_to_the_top(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        md("Q4"),
        code("import os"),
        code("from __future__ import annotations\ndef f(x: Later) -> None: ..."),
    )
    assert program.source.startswith("from __future__ import annotations\n")
    assert program.line_origins[0] == (3, 1)
    assert compiles(program.source)


def test_an_unrelated_cell_that_does_not_compile_lends_nothing(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        code("import os\nfor x in"),
        md("Q4"),
        code("print(os.sep)"),
    )
    assert program.carried_imports == ()


def test_no_answer_for_a_kata_raises_not_answered(tmp_path: Path) -> None:
    with pytest.raises(NotebookNotAnswered) as raised:
        extract(
            tmp_path,
            "pool_map",
            md("Q4. " + WORDING["Q4"]),
            code("# TODO"),
            code(""),
            code("%matplotlib inline\n!pip install numpy"),
            code("'''\nA pool is a group of worker processes.\n'''"),
        )
    assert str(raised.value) == (
        "No answer to Q4 found in `answers.ipynb` (looked for a heading Q4 / 4. / the question's "
        'words). Put your answer in a code cell below a markdown cell "Q4.", or mark it with '
        "`# kata: pool_map`."
    )


def test_a_missing_answer_names_the_cells_under_the_question_before(tmp_path: Path) -> None:
    with pytest.raises(NotebookNotAnswered) as raised:
        extract(
            tmp_path,
            "four_numbered_processes",
            *[md(f"Q{n}") for n in range(1, 5)],
            md("Q5"),
            code("import multiprocessing"),
            code("pool = multiprocessing.Pool(4)"),
            code("print(pool.map(abs, [-1, -2]))"),
        )
    assert raised.value.message.startswith(
        "No answer to Q6 found in `answers.ipynb` (looked for a heading Q6 / 6. / the question's "
        "words; cells 6\u20138 follow Q5)."
    )


# --- Q3 covers two katas ------------------------------------------------------------------------


def test_question_3_is_split_between_create_process_and_shared_array(tmp_path: Path) -> None:
    notebook = write_notebook(
        tmp_path,
        md("Q3. " + WORDING["Q3"]),
        code(CREATE_PROCESS_ANSWER),
        code(SHARED_ARRAY_ANSWER),
    )
    create = extract_program(notebook, "create_process", CATALOGUE)
    shared = extract_program(notebook, "shared_array_squares", CATALOGUE)
    assert (create.cells, shared.cells) == ((2,), (3,))
    assert create.notes == shared.notes == ()


def test_question_3_that_cannot_be_split_gives_both_katas_the_same_code(tmp_path: Path) -> None:
    notebook = write_notebook(tmp_path, md("Q3. " + WORDING["Q3"]), code(CREATE_PROCESS_ANSWER))
    create = extract_program(notebook, "create_process", CATALOGUE)
    shared = extract_program(notebook, "shared_array_squares", CATALOGUE)
    assert create.source == shared.source
    assert any("cannot be split" in note for note in shared.notes)
    assert any("`Array` answer shared_array_squares" in note for note in create.notes)


# --- Broken notebooks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("print('this is a script, not a notebook')\n", "its content is not JSON"),
        (json.dumps([1, 2, 3]), "is not a Jupyter notebook ("),
        (json.dumps({"answers": "none"}), "is not a Jupyter notebook ("),
        (b"\xff\xfe\x00binary", "it is not a text file"),
    ],
)
def test_a_file_that_is_not_a_notebook_is_refused_plainly(
    tmp_path: Path, content: str | bytes, expected: str
) -> None:
    path = tmp_path / "answers.ipynb"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(NotebookError) as raised:
        read_notebook(path)
    assert raised.value.message.startswith("answers.ipynb ")
    assert expected in raised.value.message
    assert "\n" not in raised.value.message


def test_a_wrong_notebook_format_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "answers.ipynb"
    path.write_text(json.dumps({"nbformat": 99, "nbformat_minor": 0, "cells": [], "metadata": {}}))
    with pytest.raises(NotebookError, match="nbformat version 99"):
        read_notebook(path)


def test_a_notebook_without_code_cells_is_refused(tmp_path: Path) -> None:
    path = write_notebook(tmp_path, md("Q1. " + WORDING["Q1"]), md("My answer in words."))
    with pytest.raises(NotebookError, match="has no code cells"):
        extract_program(path, "cpu_bound_speedup", CATALOGUE)


def test_a_missing_notebook_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotebookError, match="cannot be read"):
        read_notebook(tmp_path / "absent.ipynb")


# --- Locations ----------------------------------------------------------------------------------


def test_cell_location_and_rewrite_traceback_quote_notebook_cells(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        code("import os"),
        md("Q4"),
        code("x = 1"),
        code("def square(value):\n    return value * undefined_name"),
    )
    lines = program.source.splitlines()
    failing = lines.index("    return value * undefined_name") + 1
    assert cell_location(program, failing) == "cell 4, line 2"
    assert cell_location(program, 1) == "line 1 of the program built from your notebook"
    traceback = (
        "Traceback (most recent call last):\n"
        f'  File "/tmp/run-1/pool_map.py", line {failing}, in square\n'
        '  File "/usr/lib/python3.11/multiprocessing/pool.py", line 48, in mapstar\n'
    )
    rewritten = rewrite_traceback(traceback, program, "pool_map.py")
    assert "  cell 4, line 2, in square\n" in rewritten
    assert 'File "/usr/lib/python3.11/multiprocessing/pool.py", line 48' in rewritten


# --- Running the program ------------------------------------------------------------------------


def test_an_extracted_program_runs_as_a_script_and_logs(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        code("import logging\nimport multiprocessing"),
        md("Q4. " + WORDING["Q4"]),
        code(f"%matplotlib inline\n{LOGGING_SETUP}\n\ndef square(x):\n    return x * x"),
        code(
            'if __name__ == "__main__":\n'
            "    with multiprocessing.Pool(processes=4) as pool:\n"
            '        logging.info("%s", pool.map(square, range(1, 11)))'
        ),
    )
    assert program.carried_imports == ("import multiprocessing",)
    script = save_program(tmp_path / "run", "pool_map.py", program.source)
    result = run_python(script)
    assert result.returncode == 0, result.stderr
    log = (script.parent / "test.log").read_text()
    assert "[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]" in log


def test_kernel_style_program_compiles_and_lists_notebook_functions(tmp_path: Path) -> None:
    program = extract(tmp_path, "pool_map", md("Q4"), code(POOL_MAP_ANSWER))
    assert compiles(kernel_style_program(program))
    assert notebook_defined_targets(program) == ("square",)
    advice = KERNEL_SPAWN_ADVICE.format(name="square")
    assert advice.startswith("Under spawn (Jupyter on macOS and Windows), your answer would fail")


def test_kernel_style_program_fails_under_spawn_like_jupyter(tmp_path: Path) -> None:
    program = extract(tmp_path, "create_process", md("Q3"), code(CREATE_PROCESS_ANSWER))
    as_script = run_python(save_program(tmp_path / "script", "x.py", program.source), "spawn")
    assert as_script.returncode == 0, as_script.stderr
    assert "child exited with code 0" in (tmp_path / "script" / "test.log").read_text()

    kernel = run_python(save_program(tmp_path / "kernel", "x.py", kernel_style_program(program)), "spawn")
    assert "Can't get attribute 'say_hello' on <module '__main__' (built-in)>" in kernel.stderr
    assert "child exited with code 1" in (tmp_path / "kernel" / "test.log").read_text()


def test_a_writefile_module_makes_the_kernel_style_program_work_under_spawn(
    tmp_path: Path,
) -> None:
    program = extract(
        tmp_path,
        "pool_map",
        code("%%writefile worker.py\ndef square(x):\n    return x * x"),
        md("Q4. " + WORDING["Q4"]),
        code(POOL_MAP_ANSWER.replace("def square(x):\n    return x * x", "from worker import square")),
    )
    assert any("writes `worker.py`" in note for note in program.notes)
    assert notebook_defined_targets(program) == ()
    script = save_program(tmp_path / "kernel", "x.py", kernel_style_program(program))
    result = run_python(script, "spawn")
    assert result.returncode == 0, result.stderr
    assert "[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]" in (script.parent / "test.log").read_text()


def test_importing_the_module_does_not_import_nbformat() -> None:
    check = "import sys, pytest_mpkata.notebook; print('nbformat' in sys.modules)"
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", check], cwd=root, capture_output=True, text=True, timeout=RUN_TIMEOUT
    )
    assert result.stdout.strip() == "False", result.stderr
