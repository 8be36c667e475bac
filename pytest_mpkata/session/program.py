"""The learner's program for one kata: built once from what was handed in, script or notebook.

Everything downstream (the runs, the messages, the advice) asks the ``LearnerProgram``; this
module is the only place that knows a notebook from a script.  A script runs as it is; a
notebook's answer is extracted into a program whose lines remember their cells, with notes
for the learner and a Jupyter-style variant for the spawn advice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Optional

from pytest_mpkata.kata.catalogue import NOTEBOOK_SUFFIX, Kata, load_catalogue
from pytest_mpkata.run.runner import RunLimits, RunRequest
from pytest_mpkata.session.handed_in import DID_YOU_MEAN, NOT_PYTHON_TEXT, likely_meant, not_python_text
from pytest_mpkata.session.untrusted import UntrustedFile, read_submission, refusal
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "KERNEL_ADVICE_TIME_LIMIT",
    "NOTEBOOK_NEEDS_NBFORMAT",
    "NOT_SUBMITTED",
    "NOT_SUBMITTED_KIND",
    "NO_NOTEBOOK_SUPPORT",
    "LearnerProgram",
    "build_program",
]

NOT_SUBMITTED = (
    "{kata_id}: not submitted. Expected a file named {file_name} in {folder}; name your file "
    "exactly {file_name}."
)
NOT_SUBMITTED_KIND = "not_submitted"
NO_NOTEBOOK_SUPPORT = "notebook_support_missing"
"""The kind of problem of a notebook handed in where the notebook extra is not installed."""
NOTEBOOK_NEEDS_NBFORMAT = (
    'Grading a notebook needs nbformat, which is not installed: pip install "pytest-mpkata[notebook]"'
)
KERNEL_ADVICE_TIME_LIMIT = 5.0
UNTRUSTED_FILE_KIND = "untrusted_file"


@dataclass(frozen=True)
class LearnerProgram:
    """What one kata runs for one submission, and what the learner is told about how it was built."""

    kata: Kata
    origin: Path
    """The file handed in: ``<kata_id>.py`` or a notebook."""
    source: Optional[str] = None
    """The program's text when it is not the handed-in file itself (a notebook's answer)."""
    notes: tuple[str, ...] = ()
    """What was learned while building it, added to every message ("Notebook: ...")."""
    problem: str = ""
    """Why there is no program to run (no file, no answer, a notebook that cannot be read)."""
    problem_kind: str = ""
    missing: bool = False
    """Nothing was handed in for this kata: graded ``missing``."""
    extracted: Any = None
    """The notebook's ``ExtractedProgram``: cells and the origin of every line."""
    words: str = ""
    """The answer in words, for a question the instructor grades (``Kata.answer``)."""
    code_absent: bool = False
    """A question whose code is optional was answered without code: its code checks do not apply."""
    repaired: Optional[LearnerProgram] = None
    """For an answer that does not run as handed in: the program with its text lines commented out."""
    attempts: tuple[LearnerProgram, ...] = ()
    """Several complete attempts at the question in a notebook: each runs, the best one counts."""

    @property
    def runnable(self) -> bool:
        return not self.problem

    @property
    def from_notebook(self) -> bool:
        return self.extracted is not None

    def request(self, start_method: str, time_limit: Optional[float]) -> RunRequest:
        """The run a check item needs, before the ``pytest_mpkata_run_request`` hook."""
        return RunRequest(
            script=self.origin,
            start_method=start_method,
            limits=RunLimits(time_limit=time_limit or self.kata.time_limit),
            script_name=self.kata.file_name,
            source=self.source,
        )

    def text(self) -> str:
        """The program's source as it runs (for ``--mpkata-explain``)."""
        if self.source is not None:
            return self.source
        return self.origin.read_text(encoding="utf-8", errors="replace")

    def with_chosen_inputs(self) -> LearnerProgram:
        """The program with the kata's input constants given the checker's values (``kata.inputs``).

        Raises ``InputNotNamed`` when the text assigns a constant nowhere, or more than once.
        """
        from pytest_mpkata.kata.inputs import with_chosen_inputs

        source = with_chosen_inputs(self.text(), self.kata.inputs, self.kata.file_name)
        return replace(self, source=source, repaired=None, attempts=())

    def message(self, finding: str) -> str:
        """A check's finding with what the learner should know about how the program was built."""
        return finding + "".join(f"\nNotebook: {note}" for note in self.notes)

    def located(self, result: RunResult) -> RunResult:
        """The result with tracebacks and error lines pointing at notebook cells, not program lines."""
        if self.extracted is None:
            return result
        from pytest_mpkata.notebook import rewrite_traceback

        origins = self.extracted.line_origins
        file_name = self.kata.file_name

        def cell_of(line: Optional[str]) -> Optional[str]:
            path, _, number = (line or "").rpartition(":")
            if not path.endswith(file_name) or not number.isdigit():
                return line
            cell, cell_line = origins[int(number) - 1] if 0 < int(number) <= len(origins) else (0, 0)
            return f"notebook cell {cell}:{cell_line}" if cell else line

        exceptions = tuple(replace(e, line=cell_of(e.line)) for e in result.exceptions)
        stderr = rewrite_traceback(result.stderr, self.extracted, file_name)
        return replace(result, stderr=stderr, exceptions=exceptions)

    def kernel_style_request(self) -> Optional[RunRequest]:
        """The answer run as a Jupyter kernel runs it, under spawn; None for a script."""
        if self.extracted is None or not self.runnable:
            return None
        from pytest_mpkata.notebook import kernel_style_program

        return RunRequest(
            script=self.origin,
            start_method="spawn",
            script_name=self.kata.file_name,
            limits=RunLimits(time_limit=min(self.kata.time_limit, KERNEL_ADVICE_TIME_LIMIT)),
            source=kernel_style_program(self.extracted),
        )

    def kernel_advice(self) -> str:
        """What to tell a learner whose answer would break in Jupyter under spawn."""
        from pytest_mpkata.notebook import KERNEL_SPAWN_ADVICE, notebook_defined_targets

        names = notebook_defined_targets(self.extracted) or ("your function",)
        return f"{self.kata.kata_id}: " + KERNEL_SPAWN_ADVICE.format(name=names[0])


def build_program(kata: Kata, origin: Path) -> LearnerProgram:
    """Build the program for ``kata`` from the file handed in (a regular file, never through a link)."""
    refused = refusal(origin)
    if refused is not None:
        return _refused(kata, origin, refused)
    if not origin.is_file():
        folder = f"{origin.parent.name}/"
        message = NOT_SUBMITTED.format(kata_id=kata.kata_id, file_name=kata.file_name, folder=folder)
        found = likely_meant(origin.parent, kata.file_name)
        message += DID_YOU_MEAN.format(found=found, file_name=kata.file_name) if found else ""
        return LearnerProgram(kata, origin, problem=message, problem_kind=NOT_SUBMITTED_KIND, missing=True)
    why = not_python_text(origin) if origin.suffix == ".py" else ""
    if why:
        problem = NOT_PYTHON_TEXT.format(file_name=kata.file_name, why=why)
        return LearnerProgram(kata, origin, problem=problem, problem_kind="not_python_text")
    if origin.suffix == NOTEBOOK_SUFFIX:
        program = _from_notebook(kata, origin)
        return replace(program, words=_notebook_words(kata, origin)) if kata.answer != "code" else program
    try:
        text = read_submission(origin).decode("utf-8", "replace")
    except UntrustedFile as error:
        return _refused(kata, origin, error.reason)
    if kata.answer == "words":
        return LearnerProgram(kata, origin, words=text.strip())
    return LearnerProgram(kata, origin, source=text)


def _refused(kata: Kata, origin: Path, reason: str) -> LearnerProgram:
    problem = f"{kata.kata_id}: {reason}."
    return LearnerProgram(kata, origin, problem=problem, problem_kind=UNTRUSTED_FILE_KIND)


def _questions(kata: Kata) -> dict[str, Any]:
    from pytest_mpkata.notebook import KataQuestions

    katas = load_catalogue(kata.directory.parent) or (kata,)
    return {k.kata_id: KataQuestions(k.kata_id, k.questions, k.question_text) for k in katas}


def _notebook_words(kata: Kata, origin: Path) -> str:
    from pytest_mpkata.notebook import NotebookError, theory_answer

    try:
        answer = theory_answer(origin, kata.kata_id, _questions(kata))
    except NotebookError:
        return ""
    return answer.text if answer is not None else ""


def _from_notebook(kata: Kata, origin: Path) -> LearnerProgram:
    try:
        import nbformat  # noqa: F401
    except ImportError:
        return LearnerProgram(kata, origin, problem=NOTEBOOK_NEEDS_NBFORMAT, problem_kind=NO_NOTEBOOK_SUPPORT)
    if kata.answer == "words":
        return LearnerProgram(kata, origin)
    from pytest_mpkata.notebook import (
        AnswerDoesNotCompile,
        NotebookError,
        NotebookNotAnswered,
        extract_program,
    )

    try:
        extracted = extract_program(origin, kata.kata_id, _questions(kata))
    except AnswerDoesNotCompile as error:
        repaired = _extracted(kata, origin, error.repaired)
        kind = "notebook_does_not_compile"
        return LearnerProgram(kata, origin, problem=error.message, problem_kind=kind, repaired=repaired)
    except NotebookError as error:
        kind = "notebook_" + type(error).__name__
        missing = isinstance(error, NotebookNotAnswered)
        if missing and kata.answer == "words_and_code":
            return LearnerProgram(kata, origin, code_absent=True)
        return LearnerProgram(kata, origin, problem=error.message, problem_kind=kind, missing=missing)
    return _extracted(kata, origin, extracted)


def _extracted(kata: Kata, origin: Path, extracted: Any) -> LearnerProgram:
    attempts = tuple(_extracted(kata, origin, attempt) for attempt in extracted.attempts)
    return LearnerProgram(
        kata, origin, source=extracted.source, notes=extracted.notes, extracted=extracted, attempts=attempts
    )
