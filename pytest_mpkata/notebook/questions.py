"""The course's questions, and how a line of a notebook names one.

A catalogue maps ids (katas, or course questions ``q1``..``q6``) to question labels ("Q3") and
their wording. A markdown cell names a question by a label ("Q3.", "Question 3", "Ans 3",
"Answer 3:"), by a bare number at its start ("3.)", "3)", "3."), or by the question's own
words; a code cell names one in its opening comments ("# Q3", "#Q3.") or by the question pasted
into it as text.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Optional

from pytest_mpkata.notebook.reading import parse_quietly, source_lines

__all__ = [
    "CODE_RULES",
    "MARKDOWN_RULES",
    "TITLE_RULES",
    "VERBATIM_SIMILARITY",
    "HeadingRules",
    "KataQuestions",
    "Question",
    "code_heading_question",
    "is_heading_line",
    "is_label_only",
    "label_number",
    "markdown_question",
    "question_by_wording",
    "question_index",
    "question_named",
    "undecorated",
]

WORDING_SIMILARITY = 0.6
"""difflib ratio from which a line counts as the question's wording (normalised text)."""
VERBATIM_SIMILARITY = 0.85
"""Similarity from which an unlabelled line that is not set out as a heading names a question."""
CODE_HEADING_SIMILARITY = 0.9
"""In code cells a line must be nearly the whole question: comments paraphrase questions too."""
SHORTEST_WORDING = 10
"""Shorter normalised lines are never taken for a question's wording: too little to compare."""

LABEL_WORDS = r"(?:q|que|ques|question|ans|answer|sol|soln|solution)"
QUESTION_LABEL = rf"^{LABEL_WORDS}\s*[.\-:#]?\s*(\d+)(?!\d)"
QUESTION_LABEL_PATTERN = re.compile(QUESTION_LABEL, re.IGNORECASE)
"""A markdown line that starts by naming a question: "Q3", "Question 3", "Ans 3"."""
COMMENT_LABEL_PATTERN = re.compile(QUESTION_LABEL + r"\s*(?:[.:)>\-]|$)", re.IGNORECASE)
"""In code comments the label must stand alone or end in punctuation: "# q1 holds" is code talk."""
BARE_NUMBER_PATTERN = re.compile(r"^(\d+)\s*(?:\.\s*\)|[.)])(?!\d)")
"""A markdown cell opening with "3.)", "3)" or "3." names question 3, unless it is a list."""
LABEL_ONLY_PATTERN = re.compile(
    rf"^\s*(?:{LABEL_WORDS}\s*[.\-:#]?\s*\d+\s*[.:)\-]*|\d+\s*(?:\.\s*\)|[.)]))\s*$", re.IGNORECASE
)
"""A line that is only a question label ("Q4", "Ans3-", "3.)"): a heading even where it compiles."""
MARKDOWN_DECORATION_PATTERN = re.compile(r"<[^>]*>|[*_`]")
CODE_REQUEST_PATTERN = re.compile(r"\b(?:write|program|code|create|implement)\b")
"""Wording that asks for code; other questions are theory, answered in words."""


@dataclass(frozen=True)
class KataQuestions:
    """The questions of the course material that a kata answers, as the catalogue states them."""

    kata_id: str
    questions: tuple[str, ...]
    question_text: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """A question of the material: its number, its normalised wording and the ids it covers."""

    number: int
    label: str
    wording: str
    kata_ids: tuple[str, ...]

    @property
    def asks_for_code(self) -> bool:
        """Whether the question asks for a program, rather than an answer in words."""
        return CODE_REQUEST_PATTERN.search(self.wording) is not None


def question_index(catalogue: Mapping[str, KataQuestions]) -> dict[int, Question]:
    """Questions by number, each with every id that answers it (Q3 has two katas).

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


@functools.lru_cache(maxsize=4096)
def wording_similarity(line: str, wording: str) -> float:
    """How much a normalised line reads like a question's wording; containing it counts fully.

    Below ``WORDING_SIMILARITY``, the lowest threshold used, difflib's cheap upper bounds are
    answer enough; cached, since every cell is read several times per kata.
    """
    if len(line) < SHORTEST_WORDING or not wording:
        return 0.0
    if wording in line:
        return 1.0
    matcher = difflib.SequenceMatcher(None, line, wording)
    for bound in (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio):
        similarity = bound()
        if similarity < WORDING_SIMILARITY:
            return similarity
    return similarity


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
    describe code, so there only a label or nearly the complete wording counts.
    """

    label: re.Pattern[str]
    heading_similarity: float
    prose_similarity: float


MARKDOWN_RULES = HeadingRules(QUESTION_LABEL_PATTERN, WORDING_SIMILARITY, VERBATIM_SIMILARITY)
CODE_RULES = HeadingRules(COMMENT_LABEL_PATTERN, CODE_HEADING_SIMILARITY, CODE_HEADING_SIMILARITY)
TITLE_RULES = HeadingRules(QUESTION_LABEL_PATTERN, 1.0, 1.0)
"""A notebook's title ("# Multiprocessing in Python") reads like Q1: it names a question only in full."""


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
    """The question a cell's text introduces; None if it names none, 0 if it lists several.

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


def markdown_question(
    text: str, questions: Mapping[int, Question], rules: HeadingRules = MARKDOWN_RULES
) -> Optional[int]:
    """The question a markdown cell introduces: a bare number opening it, or ``question_named``."""
    numbered = bare_number_question(text, questions)
    return numbered if numbered is not None else question_named(text, questions, rules)


def bare_number_question(text: str, questions: Mapping[int, Question]) -> Optional[int]:
    """The question of a cell opening with "3.)", "3)" or "3."; None for a numbered list."""
    lines = [undecorated(line) for line in source_lines(text) if line.strip()]
    opening = BARE_NUMBER_PATTERN.match(lines[0]) if lines else None
    if opening is None or int(opening.group(1)) not in questions:
        return None
    if any(BARE_NUMBER_PATTERN.match(line) for line in lines[1:]):
        return None
    return question_by_wording(lines[0], questions) or int(opening.group(1))


def is_label_only(line: str) -> bool:
    """A line that is only a question label ("Q4", "Ans 5.", "3.)"): pasted, even if it compiles."""
    return LABEL_ONLY_PATTERN.match(line) is not None


def code_heading_question(line: str, questions: Mapping[int, Question]) -> int:
    """The question a code cell's line names by itself (label, or the question's words); 0 if none."""
    text = undecorated(line)
    if is_label_only(text):
        return label_number(text) or -1
    if not text or line.lstrip().startswith("#") or is_python(line.strip()):
        return 0
    return question_by_wording(text, questions, CODE_HEADING_SIMILARITY)


def is_python(line: str) -> bool:
    """Whether a line compiles on its own: then it is code, whatever its words."""
    try:
        parse_quietly(line)
    except (SyntaxError, ValueError):
        return False
    return True


def is_heading_line(line: str, questions: Mapping[int, Question]) -> bool:
    """A line of a code cell that is a question's label or wording alone, not Python."""
    return code_heading_question(line, questions) != 0
