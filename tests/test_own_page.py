"""``pytest katas --mpkata-html PATH``: a learner's own run as the page an instructor sees."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from mpkata_testing import copy_katas, solve

from pytest_mpkata.grade.own_page import OWN_RUN_NAME, PAGE_WRITTEN

KATAS = ("01_create_process", "02_four_numbered_processes")
FORK = ("--mpkata-start-methods", "fork", "-p", "no:cacheprovider")


class Text(HTMLParser):
    """The page's visible text and the addresses its links point to."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value or "" for name, value in attrs if tag == "a" and name == "href"]


def read_page(path: Path) -> Text:
    page = Text()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture
def katas(pytester: pytest.Pytester) -> Path:
    pytester.makeini("[pytest]\n")
    return copy_katas(pytester.path, KATAS)


@pytest.mark.parametrize("xdist", [(), ("-n", "2")], ids=["plain", "xdist"])
def test_a_learner_s_run_becomes_one_page_with_each_kata_s_checks_and_messages(
    pytester: pytest.Pytester, katas: Path, xdist: tuple[str, ...]
) -> None:
    solve(katas, "01_create_process")
    page_path = pytester.path / "pages" / "me.html"

    run = pytester.runpytest_subprocess("katas", *FORK, *xdist, "--mpkata-html", str(page_path), timeout=180)

    run.assert_outcomes(passed=4, failed=4)
    run.stdout.fnmatch_lines([PAGE_WRITTEN.format(path=page_path)])
    page = read_page(page_path)
    text = "".join(page.text)
    assert f"{OWN_RUN_NAME}: 10 / 20 points" in text
    assert "01 Create a process" in text and "02 Four numbered processes" in text
    assert "test_started_and_joined" in text and "nothing to check" in text
    assert all(link.startswith("#") for link in page.links), "a page alone links only within itself"


def test_a_class_s_grading_refuses_the_one_page_option(pytester: pytest.Pytester, katas: Path) -> None:
    (pytester.path / "class" / "ada").mkdir(parents=True)

    run = pytester.runpytest_subprocess(
        "katas", "--mpkata-submissions", "class", "--mpkata-html", "page.html", timeout=60
    )

    assert run.ret == pytest.ExitCode.USAGE_ERROR
    run.stderr.fnmatch_lines(["*--mpkata-html PATH writes one run's page*--mpkata-report OUT*"])
