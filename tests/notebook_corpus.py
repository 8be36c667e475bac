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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

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
    attempts: tuple[tuple[int, ...], ...] = ()
    """Several complete attempts at the question, each graded on its own; ``code`` is the last."""

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
    metadata: dict[str, object] = field(default_factory=dict)

    def notebook(self) -> nbformat.NotebookNode:
        """The notebook as nbformat writes it."""
        return new_notebook(cells=list(self.cells), metadata=self.metadata)


@dataclass
class Builder:
    """Cells appended in order, with the cells each question's answer is made of."""

    cells: list[nbformat.NotebookNode] = field(default_factory=list)
    code: dict[int, list[int]] = field(default_factory=dict)
    theory: dict[int, list[int]] = field(default_factory=dict)
    broken: set[int] = field(default_factory=set)
    quality: dict[int, str] = field(default_factory=dict)
    attempts: dict[int, list[tuple[int, ...]]] = field(default_factory=dict)

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
                attempts=tuple(self.attempts.get(number, ())),
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


# --- Forms found in real notebooks, written anew ---------------------------------------------------
#
# How real learners hand in this assignment, in our own words: code cells of words, scratch cells
# below an answer, several attempts at one question, headings the finder missed, a pool whose tasks
# take seconds, Q6 joined one at a time, a Q6 answer that once made a check raise, and Q5 answered
# with ProcessPoolExecutor (futures or map) or imap, whose results the parent reads or not. They are
# saved as Jupyter saves a notebook that was run: a kernel, execution counts, printed output.

KERNEL_METADATA: dict[str, object] = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python", "version": "3.11.4", "file_extension": ".py"},
}
WORDS_IN_CODE_CELL = (
    "Q3. Write a python code to create a process using the multiprocessing module.\n"
    "Ans-\n"
    "We make a Process object with a target function, then start it and wait for it with join."
)
EXPLANATION_IN_CODE_CELL = (
    "Let us try to understand the above code:\n"
    "# multiprocessing.Process(target=greet) makes the child process\n"
    "# start() runs greet in the child and join() waits until it is done"
)
Q4_WORDS_IN_CODE_CELL = (
    "Q4. What is a multiprocessing pool in python? Why is it used?\n"
    "Ans- A pool is a group of worker processes that take tasks from a queue.\n"
    "It is used to spread many small tasks over a few processes"
)
Q5_WORDS_IN_CODE_CELL = (
    "Q5. How can we create a pool of worker processes in python using the multiprocessing module?\n"
    "Ans-\n"
    "we use the Pool class and give it work with map"
)
Q6_DEFINING_NUMBERS = (
    "import multiprocessing\n\n"
    "numbers = [10, 20, 30, 40]\n\n"
    "def show(number):\n"
    '    print("process got", number)\n\n'
    'if __name__ == "__main__":\n'
    "    workers = [multiprocessing.Process(target=show, args=(n,)) for n in numbers]\n"
    "    for worker in workers:\n"
    "        worker.start()\n"
    "    for worker in workers:\n"
    "        worker.join()"
)
Q6_ONE_AT_A_TIME = (
    "import multiprocessing\n\n"
    "def show(number):\n"
    "    print(number)\n\n"
    'if __name__ == "__main__":\n'
    "    for n in range(1, 5):\n"
    "        p = multiprocessing.Process(target=show, args=(n,))\n"
    "        p.start()\n"
    "        p.join()"
)
Q6_SAME_NUMBER = CODE_ANSWERS[(6, "correct")].replace("args=(n,)", "args=(1,)")
Q6_STRING_HEADING = f'"""Q6. {QUESTIONS[6]}"""\n\n' + CODE_ANSWERS[(6, "correct")]
Q6_POOL_UNDER_GUARD = (
    "from multiprocessing import Pool\n\n"
    'if __name__ == "__main__":\n'
    "    with Pool(4) as pool:\n"
    "        pool.map(print, [1, 2, 3, 4])"
)
Q5_SLOW_POOL = (
    "import time\n"
    "from multiprocessing import Pool\n\n"
    "def slow_square(n):\n"
    "    time.sleep(5)\n"
    "    return n * n\n\n"
    'if __name__ == "__main__":\n'
    "    with Pool(3) as pool:\n"
    "        print(pool.map(slow_square, range(6)))"
)
Q5_EXECUTOR_FUTURES = (
    "from concurrent.futures import ProcessPoolExecutor, as_completed\n\n"
    "def area(side):\n"
    "    return side * side\n\n"
    'if __name__ == "__main__":\n'
    "    with ProcessPoolExecutor(max_workers=3) as executor:\n"
    "        jobs = [executor.submit(area, side) for side in range(1, 6)]\n"
    "        for job in as_completed(jobs):\n"
    '            print("area", job.result())'
)
Q5_EXECUTOR_MAP = (
    "import concurrent.futures\n\n"
    "def double(n):\n"
    "    return n + n\n\n"
    'if __name__ == "__main__":\n'
    "    with concurrent.futures.ProcessPoolExecutor(4) as executor:\n"
    "        print(list(executor.map(double, range(8))))"
)
Q5_EXECUTOR_RECOMPUTES = Q5_EXECUTOR_MAP.replace(
    "print(list(executor.map(double, range(8))))",
    "executor.map(double, range(8))\n    print([double(n) for n in range(8)])",
)
SHOUT = 'import multiprocessing\n\ndef shout(word):\n    return word.upper()\n\nif __name__ == "__main__":\n'
Q5_IMAP = SHOUT + (
    "    with multiprocessing.Pool(3) as pool:\n"
    '        for loud in pool.imap_unordered(shout, ["pool", "of", "workers"]):\n'
    "            print(loud)"
)
Q5_IMAP_NEVER_READ = SHOUT + (
    "    pool = multiprocessing.Pool(3)\n"
    '    results = pool.imap(shout, ["pool", "of", "workers"])\n'
    "    pool.close()\n"
    "    pool.join()\n"
    '    print("results:", results)'
)
Q4_WORDS_AS_STRING = "'''" + f"Q4. {QUESTIONS[4]}\nAns: {THEORY_ANSWERS[4]}" + "'''"


@dataclass
class Kernel:
    """Execution counts, as a kernel hands them out while the learner runs cells."""

    count: int = 0

    def ran(self, source: str, output: str = "") -> nbformat.NotebookNode:
        """A code cell as Jupyter saves it after running: an execution count, and what it printed."""
        self.count += 1
        outputs = [new_output("stream", name="stdout", text=output)] if output else []
        return new_code_cell(source, execution_count=self.count, outputs=outputs)


@dataclass
class FormBuilder(Builder):
    """A ``Builder`` whose code cells were run."""

    kernel: Kernel = field(default_factory=Kernel)

    def run(self, source: str, code_for: int = 0, theory_for: int = 0, output: str = "") -> None:
        self.add(self.kernel.ran(source, output), code_for=code_for, theory_for=theory_for)

    def answer(self, number: int, source: str, quality: str = "correct") -> None:
        self.run(source, code_for=number)
        self.quality[number] = quality

    def headed(self, numbers: Iterable[int], heading: Heading = MARKDOWN_HEADINGS["md_q_dot"]) -> None:
        """Markdown headings and answers for ``numbers``: words, or correct code."""
        for number in numbers:
            self.add(new_markdown_cell(heading(number)))
            if number in THEORY:
                self.add(new_markdown_cell(THEORY_ANSWERS[number]), theory_for=number)
            else:
                self.answer(number, CODE_ANSWERS[(number, "correct")])


def form_words_in_code_cells() -> FormBuilder:
    """Questions pasted into code cells with "Ans-" and a paragraph; an explanation in a code cell."""
    builder = FormBuilder()
    builder.add(new_markdown_cell("# Multiprocessing assignment"))
    builder.headed((1, 2))
    builder.run(WORDS_IN_CODE_CELL)
    builder.answer(3, CODE_ANSWERS[(3, "correct")])
    builder.run(EXPLANATION_IN_CODE_CELL)
    builder.run(Q4_WORDS_IN_CODE_CELL, theory_for=4)
    builder.run(Q5_WORDS_IN_CODE_CELL)
    builder.answer(5, CODE_ANSWERS[(5, "correct")])
    builder.headed((6,))
    return builder


def form_scratch_cells_below_answers() -> FormBuilder:
    """Scratch cells under answers: a stray indented import, names defined only further down."""
    builder = FormBuilder()
    builder.headed((1, 2, 3))
    builder.run("    import os")
    builder.run("print(total)")
    builder.run("total = sum(range(10))\nprint(total)", output="45\n")
    builder.headed((4,))
    builder.add(new_markdown_cell(MARKDOWN_HEADINGS["md_q_dot"](5)))
    builder.answer(5, CODE_ANSWERS[(5, "correct")])
    builder.run("print(len(numbers))", output="4\n")
    builder.add(new_markdown_cell(MARKDOWN_HEADINGS["md_q_dot"](6)))
    builder.answer(6, Q6_DEFINING_NUMBERS)
    return builder


def form_attempts(sources: Sequence[str]) -> FormBuilder:
    """Several complete programs for Q6 in successive cells, each with its own main guard; one is right."""
    builder = FormBuilder()
    builder.headed((1, 2, 3, 4, 5), MARKDOWN_HEADINGS["md_number_dot_paren"])
    builder.add(new_markdown_cell(MARKDOWN_HEADINGS["md_number_dot_paren"](6)))
    for source in sources:
        builder.run(source)
    numbers = range(len(builder.cells) - len(sources) + 1, len(builder.cells) + 1)
    builder.attempts[6] = [(number,) for number in numbers]
    builder.code[6] = [numbers[-1]]
    builder.quality[6] = "correct"
    return builder


def form_string_heading() -> FormBuilder:
    """Q6's question pasted into its code cell inside a string literal, no markdown heading."""
    builder = FormBuilder()
    builder.headed((1, 2, 3, 4, 5), MARKDOWN_HEADINGS["md_answer_colon"])
    builder.answer(6, Q6_STRING_HEADING)
    return builder


def form_numbered_twice() -> FormBuilder:
    """Bare numbers as headings, and Q6 numbered "5.)" a second time."""
    builder = FormBuilder()
    builder.headed((1, 2, 3, 4, 5), lambda n: f"{n}.)")
    builder.add(new_markdown_cell("5.)"))
    builder.answer(6, CODE_ANSWERS[(6, "correct")])
    return builder


def form_q4_code_after_string_words() -> FormBuilder:
    """Q4 answered in a string in a code cell (no markdown heading), then its optional code."""
    builder = FormBuilder()
    builder.headed((1, 2, 3))
    builder.run(Q4_WORDS_AS_STRING, theory_for=4)
    builder.answer(4, CODE_ANSWERS[(4, "correct")])
    builder.headed((5, 6))
    return builder


def form_one_code_answer(number: int, source: str, quality: str) -> FormBuilder:
    """Markdown headings throughout; one code answer in the given form."""
    builder = FormBuilder()
    builder.headed(n for n in QUESTIONS if n < number)
    builder.add(new_markdown_cell(MARKDOWN_HEADINGS["md_q_dot"](number)))
    builder.answer(number, source, quality)
    builder.headed(n for n in QUESTIONS if n > number)
    return builder


FORMS: dict[str, Callable[[], Builder]] = {
    "words_in_code_cells": form_words_in_code_cells,
    "scratch_cells_below_answers": form_scratch_cells_below_answers,
    "attempts_best_last": lambda: form_attempts(
        (CODE_ANSWERS[(6, "wrong")], Q6_SAME_NUMBER, CODE_ANSWERS[(6, "correct")])
    ),
    "attempts_best_first": lambda: form_attempts((Q6_ONE_AT_A_TIME, Q6_SAME_NUMBER)),
    "string_heading": form_string_heading,
    "numbered_twice": form_numbered_twice,
    "q4_code_after_string_words": form_q4_code_after_string_words,
    "slow_pool": lambda: form_one_code_answer(5, Q5_SLOW_POOL, "correct"),
    "q6_one_at_a_time": lambda: form_one_code_answer(6, Q6_ONE_AT_A_TIME, "correct"),
    "q6_pool_under_guard": lambda: form_one_code_answer(6, Q6_POOL_UNDER_GUARD, "wrong"),
    "q5_executor_futures": lambda: form_one_code_answer(5, Q5_EXECUTOR_FUTURES, "correct"),
    "q5_executor_map": lambda: form_one_code_answer(5, Q5_EXECUTOR_MAP, "correct"),
    "q5_executor_recomputes": lambda: form_one_code_answer(5, Q5_EXECUTOR_RECOMPUTES, "wrong"),
    "q5_imap": lambda: form_one_code_answer(5, Q5_IMAP, "correct"),
    "q5_imap_never_read": lambda: form_one_code_answer(5, Q5_IMAP_NEVER_READ, "wrong"),
}
"""The forms of real notebooks, by name; each is one notebook of the corpus."""


def forms(first_number: int) -> list[CorpusNotebook]:
    """The forms as corpus notebooks, numbered on from the generated ones."""
    notebooks = []
    for offset, (form, make) in enumerate(FORMS.items()):
        built = make()
        name = f"{first_number + offset:02d}_form-{form}"
        cells = tuple(built.cells)
        notebooks.append(CorpusNotebook(name, "form", (form,), cells, built.expected(), KERNEL_METADATA))
    return notebooks


GENERATED: list[CorpusNotebook] = corpus()
"""The notebooks generated from heading styles and features."""
CORPUS: list[CorpusNotebook] = GENERATED + forms(len(GENERATED) + 1)


def write(folder: Path) -> list[Path]:
    """Save every corpus notebook as ``<folder>/<name>.ipynb``; the paths, in corpus order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for entry in CORPUS:
        path = folder / f"{entry.name}.ipynb"
        nbformat.write(entry.notebook(), str(path))
        paths.append(path)
    return paths
