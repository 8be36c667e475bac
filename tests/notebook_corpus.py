"""Learners' notebooks answering the course's six questions, in the styles they hand them in.

Every notebook is built here with ``nbformat.v4`` (no files are committed) and says what a correct
finder returns for each question Q1..Q6: the code cells of the answer, the cells of an answer in
words, nothing (the answer is absent), or that the answer does not run as handed in. Code answers
are correct, fragile (no ``__main__`` guard, a pool never closed, ``Pool(4).map(print, ...)``) or
wrong, and print, as real answers do, so the course grading can run them too.

``CORPUS`` lists the notebooks; ``write(folder)`` saves them as ``<name>.ipynb``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

QUESTIONS = {
    1: "What is multiprocessing in python? Why is it useful?",
    2: "What are the differences between multiprocessing and multithreading?",
    3: "Write a python code to create a process using the multiprocessing module.",
    4: "What is a multiprocessing pool in python? Why is it used?",
    5: "How can we create a pool of worker processes in python using the multiprocessing module?",
    6: (
        "Write a python program to create 4 processes, each process should print a different number "
        "using the multiprocessing module and print the same number."
    ),
}
"""The course material's wording, as learners paste it (Q6 differs from the katas' wording)."""
THEORY = (1, 2, 4)
LABELS = tuple(f"Q{number}" for number in QUESTIONS)

THEORY_ANSWERS = {
    1: (
        "Multiprocessing runs code in several processes, each with its own Python interpreter and "
        "memory. It is useful for CPU-bound work, because the processes run on different cores "
        "and the GIL does not stop them."
    ),
    2: (
        "1. Processes have separate memory; threads share the memory of one process.\n"
        "2. Threads are limited by the GIL, processes are not.\n"
        "3. Starting a process costs more than starting a thread."
    ),
    4: (
        "A pool is a group of worker processes that take tasks from a queue. It is used to spread "
        "many small tasks over a fixed number of processes with map or apply_async."
    ),
}

IMPORTS = "import multiprocessing\nfrom multiprocessing import Pool, Process"

CODE_ANSWERS: dict[tuple[int, str], str] = {
    (3, "correct"): (
        "import multiprocessing\n\n"
        "def greet(name):\n"
        '    print("Hello from", name)\n\n'
        'if __name__ == "__main__":\n'
        '    child = multiprocessing.Process(target=greet, args=("the child",))\n'
        "    child.start()\n"
        "    child.join()\n"
        '    print("child exit code", child.exitcode)'
    ),
    (3, "fragile"): (
        "from multiprocessing import Process\n\n"
        "def task():\n"
        '    print("child process running")\n\n'
        "p = Process(target=task)\n"
        "p.start()\n"
        "p.join()"
    ),
    (3, "wrong"): (
        "import multiprocessing\n\n"
        "def task():\n"
        '    print("running in", multiprocessing.current_process().name)\n\n'
        "task()"
    ),
    (4, "correct"): (
        "from multiprocessing import Pool\n\n"
        "def double(x):\n"
        "    return 2 * x\n\n"
        'if __name__ == "__main__":\n'
        "    with Pool(2) as pool:\n"
        "        print(pool.map(double, [1, 2, 3]))"
    ),
    (5, "correct"): (
        "from multiprocessing import Pool\n\n"
        "def square(n):\n"
        "    return n * n\n\n"
        'if __name__ == "__main__":\n'
        "    with Pool(processes=4) as pool:\n"
        "        print(pool.map(square, [1, 2, 3, 4, 5]))"
    ),
    (5, "fragile"): (
        "import multiprocessing\n\n"
        "def cube(x):\n"
        "    return x ** 3\n\n"
        'if __name__ == "__main__":\n'
        "    pool = multiprocessing.Pool(4)\n"
        "    print(pool.map(cube, range(5)))"
    ),
    (5, "wrong"): (
        "from multiprocessing.pool import ThreadPool\n\n"
        "def square(n):\n"
        "    return n * n\n\n"
        "with ThreadPool(4) as pool:\n"
        "    print(pool.map(square, range(5)))"
    ),
    (6, "correct"): (
        "import multiprocessing\n\n"
        "def show(number):\n"
        "    print(number)\n\n"
        'if __name__ == "__main__":\n'
        "    workers = [multiprocessing.Process(target=show, args=(n,)) for n in range(1, 5)]\n"
        "    for worker in workers:\n"
        "        worker.start()\n"
        "    for worker in workers:\n"
        "        worker.join()"
    ),
    (6, "fragile"): "from multiprocessing import Pool\n\nPool(4).map(print, [1, 2, 3, 4])",
    (6, "wrong"): (
        "import multiprocessing\n\n"
        "def show_all():\n"
        "    for number in range(1, 5):\n"
        "        print(number)\n\n"
        'if __name__ == "__main__":\n'
        "    worker = multiprocessing.Process(target=show_all)\n"
        "    worker.start()\n"
        "    worker.join()"
    ),
}
SPLIT_Q6 = (
    "import multiprocessing",
    "def show(number):\n    print(number)",
    (
        'if __name__ == "__main__":\n'
        "    workers = [multiprocessing.Process(target=show, args=(n,)) for n in range(1, 5)]\n"
        "    for worker in workers:\n"
        "        worker.start()\n"
        "    for worker in workers:\n"
        "        worker.join()"
    ),
)
PROSE_PREFIX = "Ans5. we can create pool by using the Pool class of multiprocessing module"


@dataclass(frozen=True)
class Expected:
    """What a correct finder returns for one question of one notebook."""

    code: tuple[int, ...] = ()
    theory: tuple[int, ...] = ()
    does_not_compile: bool = False
    quality: str = ""

    @property
    def present(self) -> bool:
        """Whether the notebook answers the question in code."""
        return bool(self.code)


@dataclass(frozen=True)
class CorpusNotebook:
    """A notebook, how it is written, and what a correct finder returns for each question."""

    name: str
    style: str
    features: tuple[str, ...]
    cells: tuple[nbformat.NotebookNode, ...]
    expected: dict[int, Expected]

    def notebook(self) -> nbformat.NotebookNode:
        """The notebook as nbformat writes it."""
        return new_notebook(cells=list(self.cells))


@dataclass
class Builder:
    """Cells appended in order, with the cells each question's answer is made of."""

    cells: list[nbformat.NotebookNode] = field(default_factory=list)
    code: dict[int, list[int]] = field(default_factory=dict)
    theory: dict[int, list[int]] = field(default_factory=dict)
    broken: set[int] = field(default_factory=set)
    quality: dict[int, str] = field(default_factory=dict)

    def add(self, cell: nbformat.NotebookNode, code_for: int = 0, theory_for: int = 0) -> None:
        self.cells.append(cell)
        if code_for:
            self.code.setdefault(code_for, []).append(len(self.cells))
        if theory_for:
            self.theory.setdefault(theory_for, []).append(len(self.cells))

    def expected(self) -> dict[int, Expected]:
        return {
            number: Expected(
                code=tuple(self.code.get(number, ())),
                theory=tuple(self.theory.get(number, ())),
                does_not_compile=number in self.broken,
                quality=self.quality.get(number, ""),
            )
            for number in QUESTIONS
        }


# --- How a question is set out --------------------------------------------------------------------

Heading = Callable[[int], str]

MARKDOWN_HEADINGS: dict[str, Heading] = {
    "md_q_dot": lambda n: f"Q{n}. {QUESTIONS[n]}",
    "md_q_paren": lambda n: f"Q{n}) {QUESTIONS[n]}",
    "md_number_dot_paren": lambda n: f"{n}.) {QUESTIONS[n]}",
    "md_number_paren": lambda n: f"{n}) {QUESTIONS[n]}",
    "md_number_dot": lambda n: f"{n}. {QUESTIONS[n]}",
    "md_ans_dash": lambda n: f"Ans{n}-",
    "md_ans_space": lambda n: f"**Ans {n}**",
    "md_answer_colon": lambda n: f"Answer {n}:",
    "md_question_heading": lambda n: f"## Question {n}",
    "md_wording_only": lambda n: f"### {QUESTIONS[n]}",
}
COMMENT_HEADINGS: dict[str, Heading] = {
    "code_comment_q": lambda n: f"# Q{n}",
    "code_comment_q_dot": lambda n: f"#Q{n}. {QUESTIONS[n]}",
}
PASTED_HEADINGS: dict[str, Heading] = {
    "code_pasted_labelled": lambda n: f"Q{n}. {QUESTIONS[n]}",
    "code_pasted_wording": lambda n: QUESTIONS[n],
}
STYLES = (*MARKDOWN_HEADINGS, *COMMENT_HEADINGS, *PASTED_HEADINGS, "no_headings")
QUALITIES = ("correct", "fragile", "wrong")


@dataclass(frozen=True)
class Variant:
    """What a notebook does besides its heading style."""

    qualities: dict[int, str]
    features: tuple[str, ...] = ()


def code_answer(number: int, variant: Variant) -> str:
    """The code a learner wrote for a code question, without imports when they sit earlier."""
    source = CODE_ANSWERS[(number, variant.qualities.get(number, "correct"))]
    if "imports_first" in variant.features:
        lines = source.splitlines()
        source = "\n".join(line for line in lines if not line.startswith(("import ", "from "))).lstrip()
    return source


def build(style: str, variant: Variant) -> Builder:
    """A notebook answering Q1..Q6 in ``style``, with the variant's features."""
    builder = Builder()
    builder.add(new_markdown_cell("# Assignment: multiprocessing in Python\nName: A. Learner"))
    if "imports_first" in variant.features:
        builder.add(new_code_cell(IMPORTS))
    for number in QUESTIONS:
        if f"missing_q{number}" in variant.features:
            continue
        if number in THEORY:
            add_theory(builder, style, number, variant)
        else:
            add_code(builder, style, number, variant)
    return builder


def add_theory(builder: Builder, style: str, number: int, variant: Variant) -> None:
    """The heading (in the style) and the answer in words; Q4 may add an example in code."""
    answer = THEORY_ANSWERS[number]
    if style in MARKDOWN_HEADINGS:
        heading = MARKDOWN_HEADINGS[style](number)
        if "heading_with_answer" in variant.features and number != 2:
            builder.add(new_markdown_cell(f"{heading}\n\n{answer}"), theory_for=number)
        else:
            builder.add(new_markdown_cell(heading))
            builder.add(new_markdown_cell(answer), theory_for=number)
    elif style in COMMENT_HEADINGS:
        comments = "\n".join(f"# {line}" for line in answer.splitlines())
        builder.add(new_code_cell(f"{COMMENT_HEADINGS[style](number)}\n{comments}"), theory_for=number)
    elif style in PASTED_HEADINGS:
        builder.add(new_code_cell(PASTED_HEADINGS[style](number)))
        builder.add(new_markdown_cell(answer), theory_for=number)
    else:
        builder.add(new_markdown_cell(answer), theory_for=number)
    if number == 4 and "q4_code" in variant.features:
        builder.add(new_code_cell(code_answer(4, variant)), code_for=4)
        builder.quality[4] = "correct"


def add_code(builder: Builder, style: str, number: int, variant: Variant) -> None:
    """The heading (in the style) and the code answer, in one cell or split over several."""
    builder.quality[number] = variant.qualities.get(number, "correct")
    parts = [code_answer(number, variant)]
    if number == 6 and "split_q6" in variant.features:
        parts = list(SPLIT_Q6[1:] if "imports_first" in variant.features else SPLIT_Q6)
        builder.quality[number] = "correct"
    if number == 5 and "prose_prefix" in variant.features:
        parts[0] = f"{PROSE_PREFIX}\n{parts[0]}"
        builder.broken.add(number)
    if style in MARKDOWN_HEADINGS:
        builder.add(new_markdown_cell(MARKDOWN_HEADINGS[style](number)))
    elif style in COMMENT_HEADINGS:
        parts[0] = f"{COMMENT_HEADINGS[style](number)}\n{parts[0]}"
    elif style in PASTED_HEADINGS and "pasted_own_cell" in variant.features:
        builder.add(new_code_cell(PASTED_HEADINGS[style](number)))
    elif style in PASTED_HEADINGS:
        parts[0] = f"{PASTED_HEADINGS[style](number)}\n{parts[0]}"
    for index, part in enumerate(parts):
        if index and "explained_between" in variant.features:
            builder.add(new_markdown_cell("Next, the processes are started and joined."))
        builder.add(new_code_cell(part), code_for=number)


# --- The corpus -------------------------------------------------------------------------------------

FEATURE_SETS: tuple[tuple[str, ...], ...] = (
    (),
    ("split_q6", "explained_between"),
    ("imports_first", "missing_q6"),
    ("prose_prefix", "q4_code"),
    ("heading_with_answer", "missing_q3", "split_q6"),
)
"""Features that every heading style can carry; notebooks without headings use their own list."""
NO_HEADING_FEATURE_SETS: tuple[tuple[str, ...], ...] = (
    (),
    ("imports_first",),
    ("missing_q4",),
    ("prose_prefix",),
    ("missing_q1", "missing_q2"),
)
PASTED_FEATURE_SETS: tuple[tuple[str, ...], ...] = (("pasted_own_cell",), ("pasted_own_cell", "split_q6"))


def variants_for(style: str) -> tuple[tuple[str, ...], ...]:
    """The feature sets a style is built with."""
    if style == "no_headings":
        return NO_HEADING_FEATURE_SETS
    if style in PASTED_HEADINGS:
        return FEATURE_SETS[:4] + PASTED_FEATURE_SETS
    return FEATURE_SETS[:3] if style in COMMENT_HEADINGS else FEATURE_SETS


def corpus() -> list[CorpusNotebook]:
    """Every style with its feature sets, the code answers' qualities rotating across them."""
    notebooks: list[CorpusNotebook] = []
    rotation = itertools.cycle(itertools.product(QUALITIES, repeat=3))
    for style in STYLES:
        for features in variants_for(style):
            q3, q5, q6 = next(rotation)
            variant = Variant({3: q3, 5: q5, 6: q6}, features)
            built = build(style, variant)
            name = f"{len(notebooks) + 1:02d}_{style}" + "".join(f"-{f}" for f in features)
            notebooks.append(CorpusNotebook(name, style, features, tuple(built.cells), built.expected()))
    return notebooks


CORPUS: list[CorpusNotebook] = corpus()


def write(folder: Path) -> list[Path]:
    """Save every corpus notebook as ``<folder>/<name>.ipynb``; the paths, in corpus order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for entry in CORPUS:
        path = folder / f"{entry.name}.ipynb"
        nbformat.write(entry.notebook(), str(path))
        paths.append(path)
    return paths
