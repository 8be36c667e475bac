"""Turn a learner's Jupyter notebook into the program that answers one kata.

Learners hand in notebooks: the questions sit in markdown cells, the answers in code cells. The
katas run ``python <kata_id>.py``, so this module finds the code cells that answer a kata, joins
them into one plain Python program, and remembers where every line came from. Feedback and
tracebacks can then quote "cell 5, line 3", which the learner can find, instead of a line of a file
the learner never saw.

How cells are mapped to a kata:

* a marker comment line ``# kata: pool_map`` in a code cell claims that cell, and the code cells
  after it, up to the next marker or the next question heading;
* otherwise a code cell answers the question named by the nearest markdown cell above it that names
  a question ("Q4.", "## Question 4", "**Q5**", or the question's wording without a number);
* one question may cover two katas (Q3: create_process and shared_array_squares); ``SPLIT_CLUES``
  then says which cells belong to which kata.

Cell numbers are 1-based and count every cell from the top, markdown and raw cells included, so a
learner finds "cell 5" by counting cells in the notebook.

Notebooks work differently from scripts, and the program keeps the learner's code as it is, except
for what a plain Python program cannot run: IPython syntax (``%magic``, ``!shell``, ``name?``) and
question text pasted into a code cell are commented out, ``%%writefile`` cells become code that
writes the file, and imports made by earlier, unrelated cells are carried over. Each such change is
explained in a note. ``kernel_style_program`` runs an answer the way a Jupyter kernel does, to show
the learner why worker functions defined in a notebook fail under ``spawn``.

``nbformat`` is imported only when a notebook is read, so loading the plugin does not need it.
"""

from __future__ import annotations

import ast
import builtins
import difflib
import keyword
import re
import shlex
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = [
    "KERNEL_SPAWN_ADVICE",
    "ExtractedProgram",
    "KataQuestions",
    "NotebookError",
    "NotebookNotAnswered",
    "cell_location",
    "extract_program",
    "kernel_style_program",
    "notebook_defined_targets",
    "read_notebook",
    "rewrite_traceback",
]

# --- Messages for the learner -------------------------------------------------------------------

NOT_TEXT_MESSAGE = "{name} is not a Jupyter notebook: it is not a text file."
NOT_JSON_MESSAGE = (
    "{name} is not a Jupyter notebook: its content is not JSON. Hand in the .ipynb file that Jupyter saves."
)
NOT_A_NOTEBOOK_MESSAGE = (
    "{name} is not a Jupyter notebook ({detail}). Hand in the .ipynb file that Jupyter saves."
)
UNSUPPORTED_VERSION_MESSAGE = (
    "{name} cannot be read ({detail}). Open it in Jupyter and save it again: Jupyter stores "
    "notebooks in format version 4."
)
UNREADABLE_MESSAGE = "{name} cannot be read: {detail}."
NO_CODE_CELLS_MESSAGE = "{name} has no code cells: write your answers in code cells."
NOT_ANSWERED_MESSAGE = (
    "no answer found for {kata_id} (question {questions}): mark the answer cell with `# kata: {kata_id}`"
)
CELL_DOES_NOT_COMPILE_MESSAGE = "Cell {cell} does not compile (line {line}: {reason}): {text}"
CARRIED_IMPORT_NOTE = (
    "Your answer uses {names} (imported in cell {cell} as `{statement}`): it only works because "
    "of an earlier cell's import. Put the imports your answer needs in its own cell."
)
EARLIER_DEFINITION_NOTE = (
    "Your answer uses {names}, defined in cell {cell}, which is not part of this answer: the "
    "program built from your answer does not have it. Put everything your answer needs in its "
    "own cells."
)
EARLIER_LOGGING_SETUP_NOTE = (
    "Cell {cell} sets up logging (`{call}`), but that cell is not part of this answer, so the "
    "program built from your answer runs without that setup. Put the `logging.basicConfig(...)` "
    "call in your answer's cells."
)
IPYTHON_SYNTAX_NOTE = (
    "Cell {cell}, line {line} is IPython syntax, not Python (`{text}`): it was commented out, "
    "because your answer runs as a plain Python program."
)
PASTED_TEXT_NOTE = (
    "Cell {cell}, line {line} is text, not Python (`{text}`), probably the question pasted into "
    "a code cell: it was commented out. Keep questions and explanations in markdown cells."
)
NON_PYTHON_CELL_NOTE = (
    "Cell {cell} is a `%%{magic}` cell, not Python: it was commented out, "
    "because your answer runs as a plain Python program."
)
WRITEFILE_NOTE = (
    "Cell {cell} writes `{filename}` with `%%writefile`: the program writes that file "
    "before the code that follows it runs."
)
SPLIT_QUESTION_NOTE = (
    "Question {question} covers {katas}, and your cells for it ({cells}) cannot be split "
    "between them ({rule}): each of them is checked against the same code."
)
SPLIT_RULE = "cells that use `{clue}` answer {kata_id}"
KERNEL_SPAWN_ADVICE = (
    "Under spawn (Jupyter on macOS and Windows), your answer would fail: `{name}` is defined in "
    "the notebook, and a child process cannot import it. Move `{name}` into a `.py` file next "
    "to the notebook and import it."
)
"""Format with ``name=``, once per name from ``notebook_defined_targets``."""
CELL_LOCATION = "cell {cell}, line {line}"
GENERATED_LINE_LOCATION = "line {lineno} of the program built from your notebook"

# --- Tuning -------------------------------------------------------------------------------------

SPLIT_CLUES: Mapping[str, str] = {"shared_array_squares": "Array"}
"""When one question covers several katas: the name whose use marks a cell as that kata's."""
WORDING_SIMILARITY = 0.6
"""difflib ratio from which a line counts as the question's wording (normalised text)."""
VERBATIM_SIMILARITY = 0.85
"""Similarity from which an unlabelled line that is not set out as a heading names a question."""
SHORTEST_WORDING = 10
"""Shorter normalised lines are never taken for a question's wording: too little to compare."""
PYTHON_BODY_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun"})
"""Cell magics whose body is Python: the magic line goes, the body stays."""
KERNEL_CELL_FILENAME = "<cell>"
GENERATED: tuple[int, int] = (0, 0)
"""Origin of a line that is not the learner's: a separator comment or generated code."""

MARKER_PATTERN = re.compile(r"^[ \t]*#\s*kata\s*:\s*([\w\-]+)\s*$", re.IGNORECASE | re.MULTILINE)
QUESTION_LABEL = r"^(?:q|que|ques|question|ans|answer|sol|soln|solution)\s*[.\-:#]?\s*(\d+)(?!\d)"
QUESTION_LABEL_PATTERN = re.compile(QUESTION_LABEL, re.IGNORECASE)
"""A markdown line that starts by naming a question: "Q3", "Question 3", "Ans 3"."""
COMMENT_LABEL_PATTERN = re.compile(QUESTION_LABEL + r"\s*(?:[.:)>\-]|$)", re.IGNORECASE)
"""In code comments the label must stand alone or end in punctuation: "# q1 holds" is code talk."""
LABEL_ONLY_PATTERN = re.compile(r"^\s*(?:q|que|ques|question)\s*[.\-:#]?\s*\d+\s*[.:)]?\s*$", re.IGNORECASE)
PROSE_LABEL_PATTERN = re.compile(
    r"^(?:q|que|ques|question|ans|answer|solution)\s*[.\-:#]?\s*\d*\s*[.:)\-]", re.IGNORECASE
)
SENTENCE_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.;:'?!\-]*")
IPYTHON_LINE_PATTERN = re.compile(r"^\s*(?:[%!?]|[\w.]+\s*=\s*[%!])|^\s*[\w.]+\?{1,2}\s*$")
MARKDOWN_DECORATION_PATTERN = re.compile(r"<[^>]*>|[*_`]")
TRACEBACK_FILE_PATTERN = re.compile(r'File "(?P<path>[^"]+)", line (?P<lineno>\d+)')
FUTURE_IMPORT_PATTERN = re.compile(r"from\s+__future__\s+import\b")
PYTHON_KEYWORDS = frozenset(keyword.kwlist)

LineOrigin = tuple[int, int]
PathArgument = Union[str, "PathLike[str]"]


class NotebookError(Exception):
    """A notebook that cannot be turned into a program; the message is meant for the learner."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotebookNotAnswered(NotebookError):
    """The notebook has no code cell for the kata: the kata is missing, not broken."""


# --- Public data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KataQuestions:
    """The questions of the course material that a kata answers, as the catalogue states them."""

    kata_id: str
    questions: tuple[str, ...]
    question_text: tuple[str, ...]


@dataclass(frozen=True)
class ExtractedProgram:
    """One kata's answer as a complete program, with the notebook origin of every line.

    ``cells`` lists the answer's cells; cells that only lent an import or a file appear in
    ``line_origins`` and ``notes``, not here.
    """

    kata_id: str
    source: str
    cells: tuple[int, ...]
    line_origins: tuple[LineOrigin, ...]
    carried_imports: tuple[str, ...]
    notes: tuple[str, ...]


# --- Internal data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NotebookCell:
    """One cell, numbered as the learner counts cells (1-based, all cell kinds)."""

    number: int
    kind: str
    source: str


@dataclass(frozen=True)
class Question:
    """A question of the material: its number, its normalised wording and the katas it covers."""

    number: int
    label: str
    wording: str
    kata_ids: tuple[str, ...]


@dataclass(frozen=True)
class CellOwner:
    """What a code cell answers: the kata of a marker comment, or the question of a heading."""

    marker_kata: str = ""
    question_number: int = 0


@dataclass(frozen=True)
class ProgramLine:
    """A line of the program being built, with the notebook line it comes from."""

    text: str
    origin: LineOrigin = GENERATED


@dataclass(frozen=True)
class CellProgram:
    """What one code cell contributes to a program, and what had to change for a script."""

    number: int
    lines: tuple[ProgramLine, ...]
    notes: tuple[str, ...]
    written_file: str = ""


@dataclass(frozen=True)
class EarlierName:
    """A name that an earlier, unrelated cell provides: by a top-level import or a definition."""

    name: str
    cell: int
    line: int
    statement: Optional[Union[ast.Import, ast.ImportFrom]] = None
    alias: Optional[ast.alias] = None


# --- Reading ------------------------------------------------------------------------------------


def read_notebook(path: PathArgument) -> NotebookNode:
    """Read a notebook as format version 4, turning every way it can be broken into plain words."""
    import nbformat

    name = Path(path).name
    read: Callable[..., NotebookNode] = nbformat.read
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = read(path, as_version=4)
    except Exception as error:  # nbformat raises many types: each becomes one message
        raise NotebookError(reading_failure(name, error)) from error
    check_notebook_shape(name, notebook)
    return notebook


def reading_failure(name: str, error: Exception) -> str:
    """The learner's message for an exception raised while reading a notebook."""
    from nbformat import NBFormatError
    from nbformat.reader import NotJSONError

    if isinstance(error, UnicodeDecodeError):
        return NOT_TEXT_MESSAGE.format(name=name)
    if isinstance(error, NotJSONError):
        return NOT_JSON_MESSAGE.format(name=name)
    if isinstance(error, NBFormatError):
        return UNSUPPORTED_VERSION_MESSAGE.format(name=name, detail=first_line(error))
    if isinstance(error, OSError):
        return UNREADABLE_MESSAGE.format(name=name, detail=error.strerror or first_line(error))
    return NOT_A_NOTEBOOK_MESSAGE.format(name=name, detail=first_line(error))


def first_line(error: BaseException) -> str:
    """The first line of an error's text, since nbformat appends whole JSON documents."""
    text = str(getattr(error, "message", "") or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def check_notebook_shape(name: str, notebook: NotebookNode) -> None:
    """Reject what nbformat only logs: cells that are not cells, and notebooks without code."""
    cells = notebook.get("cells")
    if not isinstance(cells, list) or not all(isinstance(cell, dict) for cell in cells):
        detail = "its cells are not a list of cells"
        raise NotebookError(NOT_A_NOTEBOOK_MESSAGE.format(name=name, detail=detail))
    if not any(cell.get("cell_type") == "code" for cell in cells):
        raise NotebookError(NO_CODE_CELLS_MESSAGE.format(name=name))


def notebook_cells(notebook: NotebookNode) -> tuple[NotebookCell, ...]:
    """The cells in order, numbered from 1 as the learner counts them."""
    return tuple(
        NotebookCell(number, str(cell.get("cell_type", "")), cell_source(cell))
        for number, cell in enumerate(notebook["cells"], start=1)
    )


def cell_source(cell: Mapping[str, object]) -> str:
    """A cell's text; a list of lines (as stored on disk) is joined, a missing source is empty."""
    source = cell.get("source") or ""
    return "".join(map(str, source)) if isinstance(source, list) else str(source)


# --- Questions and headings ---------------------------------------------------------------------


def question_index(catalogue: Mapping[str, KataQuestions]) -> dict[int, Question]:
    """Questions by number, each with every kata that answers it (Q3 has two).

    A label without a number gets a negative one: no heading can name it, its wording still can.
    """
    found: dict[str, Question] = {}
    for kata in catalogue.values():
        for label, text in zip(kata.questions, kata.question_text):
            known = found.get(label.upper())
            number = known.number if known else label_number(label) or -(len(found) + 1)
            katas = (known.kata_ids if known else ()) + (kata.kata_id,)
            wording = known.wording if known else normalised_wording(text)
            found[label.upper()] = Question(number, label, wording, katas)
    return {question.number: question for question in found.values()}


def label_number(label: str) -> int:
    """The number in a question label such as "Q3"; 0 when it has none."""
    digits = re.search(r"\d+", label)
    return int(digits.group()) if digits else 0


def normalised_wording(text: str) -> str:
    """Lower-case words only, without a leading "Q3." or "3.", so wordings compare fairly."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    if len(words) > 1 and words[0] in {"q", "que", "ques", "question"} and words[1].isdigit():
        words = words[2:]
    elif words and (words[0].isdigit() or re.fullmatch(r"q\d+", words[0])):
        words = words[1:]
    return " ".join(words)


def wording_similarity(line: str, wording: str) -> float:
    """How much a normalised line reads like a question's wording; containing it counts fully."""
    if len(line) < SHORTEST_WORDING or not wording:
        return 0.0
    if wording in line:
        return 1.0
    return difflib.SequenceMatcher(None, line, wording).ratio()


def question_by_wording(
    text: str, questions: Mapping[int, Question], threshold: float = WORDING_SIMILARITY
) -> int:
    """The number of the question whose wording the text matches best; 0 when none matches."""
    line = normalised_wording(text)
    scored = [(wording_similarity(line, q.wording), q.number) for q in questions.values()]
    best_score, best_number = max(scored, default=(0.0, 0))
    return best_number if best_score >= threshold else 0


def heading_like(line: str) -> bool:
    """Whether a markdown line is set out as a question: heading, bold, numbered, or asking."""
    text = line.strip()
    numbered = re.match(r"\d+\s*[.)]", undecorated(text)) is not None
    return numbered or text.startswith(("#", "**", "__")) or text.endswith("?")


@dataclass(frozen=True)
class HeadingRules:
    """How readily a text names a question.

    A markdown line set out as a heading may paraphrase the question; plain markdown prose must
    quote it almost word for word, because answers paraphrase their questions too. Code comments
    describe code, so there only a label or the complete wording counts.
    """

    label: re.Pattern[str]
    heading_similarity: float
    prose_similarity: float


MARKDOWN_RULES = HeadingRules(QUESTION_LABEL_PATTERN, WORDING_SIMILARITY, VERBATIM_SIMILARITY)
COMMENT_RULES = HeadingRules(COMMENT_LABEL_PATTERN, 1.0, 1.0)


def unlabelled_question(line: str, questions: Mapping[int, Question], rules: HeadingRules) -> int:
    """The question an unlabelled line asks, or 0."""
    heading = heading_like(line)
    threshold = rules.heading_similarity if heading else rules.prose_similarity
    return question_by_wording(undecorated(line), questions, threshold)


def undecorated(line: str) -> str:
    """A markdown line without emphasis, HTML tags, heading hashes, quotes or bullets."""
    return MARKDOWN_DECORATION_PATTERN.sub("", line).strip().lstrip("#>-+ \t").strip()


def question_named(
    text: str, questions: Mapping[int, Question], rules: HeadingRules = MARKDOWN_RULES
) -> Optional[int]:
    """The question a markdown cell introduces; None if it names none, 0 if it lists several.

    An explicit label ("Q3", "Question 3") decides, unless the same line carries the wording of
    another question; without labels, the first line with a question's wording decides. A cell
    that labels several questions is an overview, and code after it answers no question.
    """
    labelled: list[int] = []
    worded: list[int] = []
    for line in source_lines(text):
        label = rules.label.match(undecorated(line))
        if label:
            by_wording = question_by_wording(undecorated(line), questions)
            labelled.append(by_wording or int(label.group(1)))
        else:
            worded.append(unlabelled_question(line, questions, rules))
    if labelled:
        return labelled[0] if len(set(labelled)) == 1 else 0
    return next((number for number in worded if number), None)


def marker_kata(code: str) -> str:
    """The kata named by a ``# kata: <id>`` comment line in a code cell, or ""."""
    marker = MARKER_PATTERN.search(code)
    return marker.group(1).lower() if marker else ""


def assign_owners(cells: Sequence[NotebookCell], questions: Mapping[int, Question]) -> dict[int, CellOwner]:
    """What every code cell answers, walking the notebook top to bottom as the learner wrote it."""
    owner = CellOwner()
    owners: dict[int, CellOwner] = {}
    for cell in cells:
        if cell.kind == "markdown":
            named = question_named(cell.source, questions)
            owner = owner if named is None else CellOwner(question_number=named)
        elif cell.kind == "code":
            owner = code_cell_owner(cell.source, owner, questions)
            owners[cell.number] = owner
    return owners


def code_cell_owner(code: str, owner: CellOwner, questions: Mapping[int, Question]) -> CellOwner:
    """The owner of a code cell: its marker, a question its opening comments name, or the last.

    Some learners write the question as a comment at the top of the answer cell.
    """
    marked = marker_kata(code)
    if marked:
        return CellOwner(marker_kata=marked)
    named = question_named(leading_comments(code), questions, COMMENT_RULES)
    return owner if named is None else CellOwner(question_number=named)


def leading_comments(code: str) -> str:
    """The text of the comment lines that open a code cell, without their ``#``."""
    comments: list[str] = []
    for line in source_lines(code):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        comments.append(line.strip().lstrip("#").strip())
    return "\n".join(comments)


# --- Choosing the answer's cells ----------------------------------------------------------------


def has_code(source: str) -> bool:
    """Whether a cell does anything: comments, magics and bare strings (prose answers) do not."""
    try:
        tree = parse_quietly(source)
    except (SyntaxError, ValueError):
        return any(line.strip() and line.strip()[0] not in "#%!" for line in source_lines(source))
    return not all(is_bare_string(statement) for statement in tree.body)


def is_bare_string(statement: ast.stmt) -> bool:
    """A statement that is only a string, as in a cell that answers in a triple-quoted text."""
    value = statement.value if isinstance(statement, ast.Expr) else None
    return isinstance(value, ast.Constant) and isinstance(value.value, str)


def mentions_name(source: str, name: str) -> bool:
    """Whether a cell's code, comments aside, uses a name such as ``Array``."""
    code = "\n".join(line for line in source_lines(source) if not line.strip().startswith("#"))
    return re.search(rf"\b{re.escape(name)}\b", code) is not None


@dataclass(frozen=True)
class AnswerChoice:
    """The cells chosen for a kata, and why the choice may surprise the learner."""

    cells: tuple[NotebookCell, ...]
    notes: tuple[str, ...] = ()


def choose_answer_cells(
    kata_id: str,
    cells: Sequence[NotebookCell],
    owners: Mapping[int, CellOwner],
    questions: Mapping[int, Question],
) -> AnswerChoice:
    """The code cells answering a kata: its marked cells if any, else its questions' cells."""
    code_cells = [cell for cell in cells if cell.kind == "code" and has_code(cell.source)]
    marked = tuple(cell for cell in code_cells if owners[cell.number].marker_kata == kata_id)
    if marked:
        return AnswerChoice(marked)
    marked_katas = {owner.marker_kata for owner in owners.values()}
    chosen: list[NotebookCell] = []
    notes: list[str] = []
    for question in questions.values():
        if kata_id in question.kata_ids:
            asked = [cell for cell in code_cells if owners[cell.number] == owner_of(question)]
            choice = split_question(kata_id, question, asked, marked_katas)
            chosen.extend(choice.cells)
            notes.extend(choice.notes)
    return AnswerChoice(tuple(sorted(set(chosen), key=lambda cell: cell.number)), tuple(notes))


def owner_of(question: Question) -> CellOwner:
    """The owner a heading of this question gives to the code cells below it."""
    return CellOwner(question_number=question.number)


def split_question(
    kata_id: str, question: Question, asked: Sequence[NotebookCell], marked_katas: set[str]
) -> AnswerChoice:
    """The kata's share of a question's cells; everything, with a note, if they do not split."""
    sharing = [kata for kata in question.kata_ids if kata not in marked_katas]
    if len(sharing) < 2 or not asked:
        return AnswerChoice(tuple(asked))
    shares = {kata: cells_for_kata(kata, sharing, asked) for kata in sharing}
    if all(shares.values()) and any(kata in SPLIT_CLUES for kata in sharing):
        return AnswerChoice(shares[kata_id])
    return AnswerChoice(tuple(asked), (split_note(question, sharing, asked),))


def cells_for_kata(
    kata_id: str, sharing: Sequence[str], asked: Sequence[NotebookCell]
) -> tuple[NotebookCell, ...]:
    """The cells using the kata's clue, or, for a kata without one, those using no clue."""
    clue = SPLIT_CLUES.get(kata_id)
    if clue:
        return tuple(cell for cell in asked if mentions_name(cell.source, clue))
    clues = [SPLIT_CLUES[kata] for kata in sharing if kata in SPLIT_CLUES]
    return tuple(cell for cell in asked if not any(mentions_name(cell.source, c) for c in clues))


def split_note(question: Question, sharing: Sequence[str], asked: Sequence[NotebookCell]) -> str:
    """Tell the learner that two katas are checked against the same cells, and the rule."""
    rules = [SPLIT_RULE.format(clue=SPLIT_CLUES[k], kata_id=k) for k in sharing if k in SPLIT_CLUES]
    return SPLIT_QUESTION_NOTE.format(
        question=question.label,
        katas=" and ".join(sharing),
        cells=cells_named([cell.number for cell in asked]),
        rule="; ".join(rules) or "no rule tells them apart",
    )


def cells_named(numbers: Sequence[int]) -> str:
    """Cell numbers as a learner reads them: "cell 3" or "cells 3, 4"."""
    listed = ", ".join(map(str, numbers))
    return f"cell {listed}" if len(numbers) == 1 else f"cells {listed}"


# --- Making a cell plain Python -----------------------------------------------------------------


def parse_quietly(source: str) -> ast.Module:
    """``ast.parse`` without the SyntaxWarnings that learners' escape sequences cause."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(source)


def syntax_error(lines: Sequence[str]) -> Optional[SyntaxError]:
    """The first syntax error of a cell, or None when it compiles."""
    try:
        parse_quietly("\n".join(lines))
    except SyntaxError as error:
        return error
    except ValueError as error:  # null bytes in the source
        return SyntaxError(str(error))
    return None


def commented_out(line: str) -> str:
    """The line as a comment, indentation kept so the code around it stays valid."""
    indent = line[: len(line) - len(line.lstrip())]
    return f"{indent}# {line.lstrip()}"


def is_ipython_syntax(line: str) -> bool:
    """``%magic``, ``!shell``, ``x = !ls`` and ``name?`` help: valid in Jupyter only."""
    return IPYTHON_LINE_PATTERN.match(line) is not None


def looks_like_prose(line: str, questions: Mapping[int, Question]) -> bool:
    """Whether a line that does not compile is text: a question label, wording or a sentence."""
    text = undecorated(line)
    if PROSE_LABEL_PATTERN.match(text) or question_by_wording(text, questions):
        return True
    words = text.split()
    sentence = SENTENCE_PATTERN.fullmatch(text) is not None and len(words) >= 4
    ends_like_prose = text.endswith((".", "?", "!", ":")) or len(words) >= 6
    return sentence and ends_like_prose and words[0] not in PYTHON_KEYWORDS


def shown(line: str) -> str:
    """A line quoted inside a message: stripped, and shortened when long."""
    text = line.strip()
    return text if len(text) <= 80 else text[:77] + "..."


def source_lines(source: str) -> list[str]:
    """A cell's lines as Python and Jupyter count them.

    ``str.splitlines`` would also split at form feeds and other separators that can sit inside
    string literals, and shift every line number after them.
    """
    lines = re.split(r"\r\n|\r|\n", source)
    return lines[:-1] if lines and not lines[-1] else lines


def cell_program(cell: NotebookCell, questions: Mapping[int, Question]) -> CellProgram:
    """The plain-Python version of a code cell, or NotebookError naming the line that fails."""
    lines = source_lines(cell.source)
    magic = cell_magic(lines)
    if magic == "writefile":
        return writefile_program(cell, lines[0], lines[1:])
    if magic and magic not in PYTHON_BODY_CELL_MAGICS:
        note = NON_PYTHON_CELL_NOTE.format(cell=cell.number, magic=magic)
        return numbered_program(cell.number, [commented_out(line) for line in lines], [note])
    return python_cell_program(cell, lines, questions)


def cell_magic(lines: Sequence[str]) -> str:
    """The name of the cell magic on a cell's first line (``%%time`` gives "time"), or ""."""
    first = lines[0].strip() if lines else ""
    found = re.match(r"%%(\w+)", first)
    return found.group(1) if found else ""


def numbered_program(number: int, lines: Sequence[str], notes: Sequence[str]) -> CellProgram:
    """A cell program whose lines map one to one onto the cell's lines."""
    program_lines = tuple(ProgramLine(text, (number, index)) for index, text in enumerate(lines, start=1))
    return CellProgram(number, program_lines, tuple(notes))


def python_cell_program(
    cell: NotebookCell, lines: list[str], questions: Mapping[int, Question]
) -> CellProgram:
    """Comment out, one compiler complaint at a time, the lines that are IPython or prose.

    Each pass comments out a line that was code, so the loop ends: with a program, or with
    NotebookError from ``line_fix_note`` once the failing line is not IPython or prose.
    """
    notes = [
        PASTED_TEXT_NOTE.format(cell=cell.number, line=index, text=shown(text))
        for index, text in enumerate(lines, start=1)
        if is_label_only(text)
    ]
    lines = [commented_out(text) if is_label_only(text) else text for text in lines]
    error = syntax_error(lines)
    while error is not None:
        index = error_index(error, len(lines))
        notes.append(line_fix_note(cell.number, index, lines, error, questions))
        lines[index] = commented_out(lines[index])
        error = syntax_error(lines)
    return numbered_program(cell.number, lines, notes)


def is_label_only(line: str) -> bool:
    """A line that is only a question label ("Q4"): valid Python, yet pasted text."""
    return LABEL_ONLY_PATTERN.match(line) is not None


def error_index(error: SyntaxError, line_count: int) -> int:
    """The 0-based line a syntax error points at, kept inside the cell."""
    lineno = error.lineno or line_count
    return min(max(lineno, 1), max(line_count, 1)) - 1


def line_fix_note(
    cell: int,
    index: int,
    lines: Sequence[str],
    error: SyntaxError,
    questions: Mapping[int, Question],
) -> str:
    """Why a failing line may be commented out; NotebookError if it is a real mistake."""
    text = lines[index] if lines else ""
    is_code = bool(text.strip()) and not text.lstrip().startswith("#")
    if is_code and is_ipython_syntax(text):
        return IPYTHON_SYNTAX_NOTE.format(cell=cell, line=index + 1, text=shown(text))
    if is_code and looks_like_prose(text, questions):
        return PASTED_TEXT_NOTE.format(cell=cell, line=index + 1, text=shown(text))
    reason = error.msg or "invalid syntax"
    message = CELL_DOES_NOT_COMPILE_MESSAGE.format(cell=cell, line=index + 1, reason=reason, text=shown(text))
    raise NotebookError(message)


def writefile_program(cell: NotebookCell, magic_line: str, body: Sequence[str]) -> CellProgram:
    """Code that writes the file a ``%%writefile`` cell writes, in the parent process only.

    The guard keeps ``spawn`` children, which re-run the main module, from rewriting the file
    while other children import it.
    """
    arguments = shlex.split(magic_line.strip()[len("%%writefile") :])
    mode = "a" if {"-a", "--append"} & set(arguments) else "w"
    filename = " ".join(argument for argument in arguments if not argument.startswith("-"))
    content = "\n".join(body) + "\n"
    origin = (cell.number, 1)
    code = [
        'if __name__ == "__main__":',
        f"    with open({filename!r}, {mode!r}, encoding='utf-8') as written_file:",
        f"        written_file.write({content!r})",
    ]
    note = WRITEFILE_NOTE.format(cell=cell.number, filename=filename)
    lines = tuple(ProgramLine(text, origin) for text in code)
    return CellProgram(cell.number, lines, (note,), written_file=filename)


def quiet_cell_program(cell: NotebookCell, questions: Mapping[int, Question]) -> Optional[CellProgram]:
    """An unrelated cell's program, for its imports; a cell that does not compile lends nothing."""
    try:
        return cell_program(cell, questions)
    except NotebookError:
        return None


# --- Names the answer borrows from earlier cells ------------------------------------------------


def program_text(programs: Sequence[CellProgram]) -> str:
    """The Python text of cell programs, joined."""
    return "\n".join(line.text for program in programs for line in program.lines)


def used_names(tree: ast.AST) -> set[str]:
    """Every name the code reads."""
    return {
        node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def bound_names(tree: ast.AST) -> set[str]:
    """Every name the code binds anywhere (scopes ignored: a borrowed name is carried rarely)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(alias_binding(alias, node) for alias in node.names)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def alias_binding(alias: ast.alias, statement: Union[ast.Import, ast.ImportFrom]) -> str:
    """The name an import binds: ``import os.path`` binds ``os``, ``as`` names win."""
    if alias.asname:
        return alias.asname
    return alias.name.split(".")[0] if isinstance(statement, ast.Import) else alias.name


def borrowed_names(programs: Sequence[CellProgram]) -> list[str]:
    """Names the answer reads but neither binds nor gets from builtins, in a stable order."""
    tree = parse_quietly(program_text(programs))
    borrowed = used_names(tree) - bound_names(tree) - set(dir(builtins))
    return sorted(borrowed)


def earlier_names(programs: Sequence[CellProgram]) -> dict[str, EarlierName]:
    """What earlier cells provide at top level; a later cell wins, as when run top to bottom."""
    provided: dict[str, EarlierName] = {}
    for program in programs:
        try:
            tree = parse_quietly(program_text([program]))
        except SyntaxError:
            continue
        for statement in tree.body:
            provided.update((found.name, found) for found in provided_by(statement, program))
    return provided


def provided_by(statement: ast.stmt, program: CellProgram) -> Iterator[EarlierName]:
    """The names one top-level statement of an earlier cell provides."""
    cell, line = program.number, program.lines[statement.lineno - 1].origin[1]
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        for alias in statement.names:
            if alias.name != "*":
                yield EarlierName(alias_binding(alias, statement), cell, line, statement, alias)
    elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield EarlierName(statement.name, cell, line)
    elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        for target in ast.walk(statement):
            if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store):
                yield EarlierName(target.id, cell, line)


@dataclass(frozen=True)
class CarriedImport:
    """An import statement copied from an earlier cell, reduced to the names the answer uses."""

    cell: int
    line: int
    statement: str
    names: tuple[str, ...]


def carried_imports(borrowed: Sequence[EarlierName]) -> tuple[CarriedImport, ...]:
    """Group borrowed imported names by their statement, and rebuild each statement with them."""
    groups: dict[tuple[int, int], list[EarlierName]] = {}
    for found in borrowed:
        if found.statement is not None:
            groups.setdefault((found.cell, found.line), []).append(found)
    return tuple(
        CarriedImport(cell, line, import_text(names), tuple(found.name for found in names))
        for (cell, line), names in sorted(groups.items())
    )


def import_text(names: Sequence[EarlierName]) -> str:
    """One import statement binding just these names, as the learner would write it."""
    statement = names[0].statement
    aliases = [found.alias for found in names if found.alias is not None]
    if isinstance(statement, ast.ImportFrom):
        rebuilt: ast.stmt = ast.ImportFrom(statement.module, aliases, statement.level)
    else:
        rebuilt = ast.Import(aliases)
    return ast.unparse(rebuilt)


def quoted_names(names: Sequence[str]) -> str:
    """Names as the learner reads them in a note: `a`, `b` and `c`."""
    quoted = [f"`{name}`" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def carried_import_note(carried: CarriedImport) -> str:
    """The note telling the learner the answer leans on another cell's import."""
    return CARRIED_IMPORT_NOTE.format(
        names=quoted_names(carried.names), cell=carried.cell, statement=carried.statement
    )


def earlier_definition_notes(borrowed: Sequence[EarlierName]) -> list[str]:
    """Notes for names defined (not imported) by earlier cells: the program lacks them."""
    by_cell: dict[int, list[str]] = {}
    for found in borrowed:
        if found.statement is None:
            by_cell.setdefault(found.cell, []).append(found.name)
    return [
        EARLIER_DEFINITION_NOTE.format(names=quoted_names(names), cell=cell)
        for cell, names in sorted(by_cell.items())
    ]


def basic_config_calls(tree: ast.AST) -> list[ast.Call]:
    """Calls of ``logging.basicConfig`` (or a bare ``basicConfig``) in the code."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and called_name(node.func) == "basicConfig"
    ]


def called_name(function: ast.expr) -> str:
    """The last name of what a call calls: ``logging.basicConfig`` gives "basicConfig"."""
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def logging_setup_notes(earlier: Sequence[CellProgram], answer: Sequence[CellProgram]) -> list[str]:
    """A note when the answer logs but only an earlier, unrelated cell configured logging.

    Only imports are carried over, so the program would log nowhere: the learner must know why.
    """
    answer_tree = parse_quietly(program_text(answer))
    uses_logging = "logging" in used_names(answer_tree) | imported_modules(answer_tree)
    if not uses_logging or basic_config_calls(answer_tree):
        return []
    setups = [
        EARLIER_LOGGING_SETUP_NOTE.format(cell=program.number, call=shown(ast.unparse(call)))
        for program in earlier
        for call in basic_config_calls(parse_quietly(program_text([program])))
    ]
    return setups[:1]  # the first basicConfig call is the one that takes effect


def imported_modules(tree: ast.AST) -> set[str]:
    """Top-level module names the code imports, to find the ``%%writefile`` modules it needs."""
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module.split(".")[0])
    return modules


def needed_files(
    earlier: Sequence[CellProgram], answer: Sequence[CellProgram], carried: Sequence[CarriedImport]
) -> list[CellProgram]:
    """Earlier ``%%writefile`` cells that write a module the answer imports."""
    code = program_text(answer) + "\n" + "\n".join(item.statement for item in carried)
    modules = imported_modules(parse_quietly(code))
    return [
        program
        for program in earlier
        if program.written_file.endswith(".py") and Path(program.written_file).stem in modules
    ]


# --- Building the program -----------------------------------------------------------------------


@dataclass(frozen=True)
class Borrowing:
    """What the answer takes from earlier, unrelated cells, and the notes that explain it."""

    imports: tuple[CarriedImport, ...]
    files: tuple[CellProgram, ...]
    notes: tuple[str, ...]


def borrowing(
    cells: Sequence[NotebookCell],
    answer: Sequence[CellProgram],
    questions: Mapping[int, Question],
) -> Borrowing:
    """Imports and files the answer needs from code cells above its last cell."""
    earlier = earlier_programs(cells, answer, questions)
    provided = earlier_names(earlier)
    borrowed = [provided[name] for name in borrowed_names(answer) if name in provided]
    imports = carried_imports(borrowed)
    files = needed_files(earlier, answer, imports)
    notes = [carried_import_note(item) for item in imports] + earlier_definition_notes(borrowed)
    notes += [note for program in files for note in program.notes]
    return Borrowing(imports, tuple(files), (*notes, *logging_setup_notes(earlier, answer)))


def earlier_programs(
    cells: Sequence[NotebookCell],
    answer: Sequence[CellProgram],
    questions: Mapping[int, Question],
) -> list[CellProgram]:
    """Programs of the code cells above the answer's last cell that are not part of the answer."""
    answer_numbers = {program.number for program in answer}
    unrelated = [
        cell
        for cell in cells
        if cell.kind == "code" and cell.number < max(answer_numbers) and cell.number not in answer_numbers
    ]
    programs = [quiet_cell_program(cell, questions) for cell in unrelated]
    return [program for program in programs if program is not None]


def program_lines(answer: Sequence[CellProgram], borrowed: Borrowing) -> list[ProgramLine]:
    """The whole program: borrowed imports and files first, then each answer cell in order."""
    lines: list[ProgramLine] = []
    if borrowed.imports or borrowed.files:
        lines.append(ProgramLine("# From earlier cells of your notebook"))
        lines.extend(ProgramLine(item.statement, (item.cell, item.line)) for item in borrowed.imports)
        lines.extend(line for program in borrowed.files for line in program.lines)
    for program in answer:
        lines.extend([ProgramLine("")] if lines else [])
        lines.append(ProgramLine(f"# cell {program.number}"))
        lines.extend(program.lines)
    return future_imports_first(lines)


def future_imports_first(lines: Sequence[ProgramLine]) -> list[ProgramLine]:
    """Move ``from __future__`` imports to the top of the program.

    A kernel accepts them at the start of any cell; a file only at its own start.
    """
    future = [line for line in lines if FUTURE_IMPORT_PATTERN.match(line.text)]
    return future + [line for line in lines if not FUTURE_IMPORT_PATTERN.match(line.text)]


def check_compiles(lines: Sequence[ProgramLine]) -> None:
    """The joined cells must compile too (``from __future__`` only works at the very top)."""
    error = syntax_error([line.text for line in lines])
    if error is None:
        return
    index = error_index(error, len(lines))
    cell, line = lines[index].origin
    raise NotebookError(
        CELL_DOES_NOT_COMPILE_MESSAGE.format(
            cell=cell, line=line, reason=error.msg, text=shown(lines[index].text)
        )
    )


def extract_program(
    path: PathArgument, kata_id: str, catalogue: Mapping[str, KataQuestions]
) -> ExtractedProgram:
    """The program answering ``kata_id`` in the notebook at ``path``, ready to run as a script."""
    cells = notebook_cells(read_notebook(path))
    questions = question_index(catalogue)
    choice = choose_answer_cells(kata_id, cells, assign_owners(cells, questions), questions)
    if not choice.cells:
        kata = catalogue.get(kata_id, KataQuestions(kata_id, (), ()))
        raise NotebookNotAnswered(not_answered_message(kata))
    answer = [cell_program(cell, questions) for cell in choice.cells]
    borrowed = borrowing(cells, answer, questions)
    lines = program_lines(answer, borrowed)
    check_compiles(lines)
    cell_notes = tuple(note for program in answer for note in program.notes)
    return ExtractedProgram(
        kata_id=kata_id,
        source="".join(line.text + "\n" for line in lines),
        cells=tuple(program.number for program in answer),
        line_origins=tuple(line.origin for line in lines),
        carried_imports=tuple(item.statement for item in borrowed.imports),
        notes=choice.notes + cell_notes + borrowed.notes,
    )


def not_answered_message(kata: KataQuestions) -> str:
    """The NotebookNotAnswered message, naming the question(s) the kata belongs to."""
    return NOT_ANSWERED_MESSAGE.format(kata_id=kata.kata_id, questions=" or ".join(kata.questions) or "none")


# --- Locations ----------------------------------------------------------------------------------


def cell_location(program: ExtractedProgram, lineno: int) -> str:
    """Where a line of the generated program comes from: "cell 5, line 3"."""
    inside = 1 <= lineno <= len(program.line_origins)
    cell, line = program.line_origins[lineno - 1] if inside else GENERATED
    if (cell, line) == GENERATED:
        return GENERATED_LINE_LOCATION.format(lineno=lineno)
    return CELL_LOCATION.format(cell=cell, line=line)


def rewrite_traceback(text: str, program: ExtractedProgram, filename: str) -> str:
    """Replace ``File ".../<filename>", line N`` with the notebook cell and line it points at.

    Only frames of the generated program change; frames of the standard library stay as they are.
    """
    wanted = base_name(filename)

    def replace(match: re.Match[str]) -> str:
        if base_name(match.group("path")) != wanted:
            return match.group(0)
        return cell_location(program, int(match.group("lineno")))

    return TRACEBACK_FILE_PATTERN.sub(replace, text)


def base_name(path: str) -> str:
    """The last part of a path written by any operating system."""
    return re.split(r"[\\/]", path)[-1]


# --- Running like a Jupyter kernel --------------------------------------------------------------

KERNEL_STYLE_TEMPLATE = '''\
"""Run a notebook answer the way a Jupyter kernel does: in __main__, with no file behind it.

Without __file__ and __spec__, a spawn or forkserver child cannot re-import __main__, so the
functions the answer defines do not exist in the child, as in Jupyter.
"""


def run_like_a_kernel(source):
    main = __import__("sys").modules["__main__"]
    for name in ("__file__", "__cached__", "run_like_a_kernel"):
        main.__dict__.pop(name, None)
    main.__spec__ = None
    lines = source.splitlines(True)
    __import__("linecache").cache[{filename!r}] = (len(source), None, lines, {filename!r})
    exec(compile(source, {filename!r}, "exec"), main.__dict__)


run_like_a_kernel({source!r})
'''


def kernel_style_program(program: ExtractedProgram) -> str:
    """A script that runs the answer as a Jupyter kernel would, for ``python x.py``.

    Its tracebacks name ``KERNEL_CELL_FILENAME``; ``rewrite_traceback`` maps them to cells.
    """
    return KERNEL_STYLE_TEMPLATE.format(filename=KERNEL_CELL_FILENAME, source=program.source)


def notebook_defined_targets(program: ExtractedProgram) -> tuple[str, ...]:
    """Functions the answer defines at module level: a spawn child cannot find them in Jupyter."""
    tree = parse_quietly(program.source)
    return tuple(node.name for node in module_level_functions(tree.body))


def module_level_functions(
    statements: Sequence[ast.stmt],
) -> Iterator[Union[ast.FunctionDef, ast.AsyncFunctionDef]]:
    """Function definitions at module level, also inside ``if``/``try``/``with`` blocks."""
    for statement in statements:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield statement
        elif not isinstance(statement, ast.ClassDef):
            yield from module_level_functions(list(nested_statements(statement)))


def nested_statements(statement: ast.stmt) -> Iterator[ast.stmt]:
    """The statements in a compound statement's blocks, ``except`` handlers included."""
    for child in ast.iter_child_nodes(statement):
        if isinstance(child, ast.stmt):
            yield child
        elif isinstance(child, ast.ExceptHandler):
            yield from child.body
