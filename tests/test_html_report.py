"""The instructor's HTML pages: the class at a glance, every name escaped, nothing fetched.

Built from a class of twenty graded by hand (``class_of_twenty``); the browser test
(``test_html_browser.py``) loads the same pages in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from class_of_twenty import KATAS, MARKUP_OUTPUT, NAMES, run_picture, write_pages

from pytest_mpkata.grade import html
from pytest_mpkata.grade.reports import report_dir_name
from pytest_mpkata.grade.timeline import read_timeline

VOID = {"meta", "input", "br", "img", "link", "hr"}


class TagBalance(HTMLParser):
    """Every element opened is closed, in order; collects scripts and outside addresses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.scripts = 0
        self.addresses: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        self.addresses += [v for k, v in attrs if k in ("href", "src") and v and "://" in v]
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(path: Path) -> TagBalance:
    page = TagBalance()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.open == [], f"{path}: left open {page.open}"
    return page


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pages(tmp_path_factory.mktemp("report"))


def test_the_class_page_lists_every_submission_and_kata_with_names_as_text(out: Path) -> None:
    page = parsed(out / "index.html")
    text = "".join(page.text)
    assert all(name in text for name in NAMES)
    assert all(kata.title in text for kata in KATAS)
    assert page.scripts == 1
    assert "<script>alert" not in (out / "index.html").read_text(encoding="utf-8")


def test_every_page_is_well_formed_and_names_no_address_outside_the_folder(out: Path) -> None:
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == 1 + len(KATAS) + 1 + len(NAMES)
    for path in pages:
        page = parsed(path)
        assert page.addresses == [], path
        assert page.scripts == 1, path


def test_the_policy_allows_the_inline_script_alone(out: Path) -> None:
    text = (out / "index.html").read_text(encoding="utf-8")
    script = text.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in text
    assert "default-src 'none'" in text


def test_each_sorted_copy_orders_the_rows_by_its_column(out: Path) -> None:
    by_total = (out / "by" / "total.html").read_text(encoding="utf-8")
    totals = [float(value) for value in re.findall(r'<td class="total" data-sort="([\d.]+)"', by_total)]
    assert len(totals) == len(NAMES)
    assert totals == sorted(totals, reverse=True)
    for kata in KATAS:
        assert f'href="../by/kata-{kata.kata_id}.html"' in by_total


def test_a_submission_named_like_a_class_file_gets_its_own_folder(out: Path) -> None:
    for name in ("by", "index.html"):
        folder = report_dir_name(name)
        assert folder != name
        assert name in parsed(out / folder / "index.html").text


def test_a_submissions_page_draws_its_run_as_a_timeline_with_the_output_as_text(out: Path) -> None:
    path = out / report_dir_name("student01") / "index.html"
    text = path.read_text(encoding="utf-8")
    assert '<svg class="timeline"' in text
    assert "Process-1 101" in text and "MainProcess 100" in text
    assert MARKUP_OUTPUT not in text
    assert "&lt;/pre&gt;&lt;script&gt;" in text
    assert 'href="feedback.md"' in text and 'href="results.json"' in text
    assert 'href="../index.html"' in text


def test_the_kata_charts_count_statuses_and_failure_kinds(out: Path) -> None:
    text = (out / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>\d+ passed</title>", text)
    assert re.search(r"<title>\d+ \u00d7 no_children</title>", text)


def test_a_timeline_is_read_back_from_a_drawn_picture() -> None:
    timeline = read_timeline(run_picture(exit_code=1))
    assert timeline is not None
    lanes = {lane.pid: lane for lane in timeline.lanes}
    assert lanes[100].exit == "1" and lanes[100].failed and lanes[100].start == 0.0
    assert lanes[101].exit == "0" and lanes[101].log_lines == 1
    assert lanes[102].running and lanes[102].end == 1.0
    assert 0 < lanes[101].start < lanes[101].end < 1  # type: ignore[operator]


def test_a_picture_without_a_process_table_gives_no_timeline() -> None:
    assert read_timeline("learner.py: could not be run\nno trace: the program stopped") is None


def test_a_message_shows_its_code_spans_as_code_and_the_rest_as_text(out: Path) -> None:
    text = (out / report_dir_name("student01") / "index.html").read_text(encoding="utf-8")
    assert "printed <code>&lt;/pre&gt;&lt;script&gt;alert(&#39;log&#39;)&lt;/script&gt;</code> and" in text
    assert str(html.code_spans("a `b` c `d")) == "a `b` c `d"
