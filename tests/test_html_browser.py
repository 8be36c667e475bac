"""The instructor's pages in a real browser: Chromium headless loads them from disk.

From the DOM Chromium built: every submission, kata and status is there, nothing a program or
a folder name carried became markup, the script ran under the page's policy (sorting in place
and the name filter), and without JavaScript the sorted copies and the filters still work.
A screenshot of the class page is kept under the report folder, and copied to
``$MPKATA_ARTIFACTS`` when set (CI keeps ``bench/out/``).  Skipped when no Chromium is
installed (``apt-get install chromium`` on Debian; ``.ci/run`` installs it where it can).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from class_of_twenty import KATAS, MARKUP_OUTPUT, NAMES, write_pages

from pytest_mpkata.grade.reports import report_dir_name

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)
NO_BROWSER = "no Chromium on PATH: install it (Debian: apt-get install -y chromium) to test the pages"
SCREENSHOT = "screenshot.png"
ARTIFACTS = "MPKATA_ARTIFACTS"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

pytestmark = pytest.mark.skipif(BROWSER is None, reason=NO_BROWSER)


class Dom(HTMLParser):
    """What a dumped DOM holds: its elements by tag, its rows, and its text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {key: value or "" for key, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def count(self, tag: str) -> int:
        return sum(name == tag for name, _ in self.tags)

    def rows(self) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == "tr" and "data-name" in attrs]

    def totals(self) -> list[float]:
        return [float(a["data-sort"]) for name, a in self.tags if name == "td" and a.get("class") == "total"]


def browser(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    profile = tmp_path / "profile"
    command = [
        BROWSER,
        "--headless",
        "--no-sandbox",  # root in CI containers; the pages are ours and load nothing
        "--disable-gpu",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *arguments,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def dom(tmp_path: Path, url: str, *arguments: str) -> Dom:
    return Dom(browser(tmp_path, "--virtual-time-budget=3000", *arguments, "--dump-dom", url).stdout)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pages(tmp_path_factory.mktemp("report"))


def test_the_browser_shows_every_submission_kata_and_status_and_no_injected_markup(
    out: Path, tmp_path: Path
) -> None:
    page = dom(tmp_path, (out / "index.html").as_uri())
    text = "".join(page.text)
    assert len(page.rows()) == len(NAMES) == 20
    assert all(name in text for name in NAMES)
    assert all(kata.title in text for kata in KATAS)
    for word in ("passed", "failed", "crashed", "timed out", "missing", "for your instructor"):
        assert word in text, word
    assert page.count("script") == 1
    assert page.count("img") == 0


def test_the_script_runs_under_the_policy_and_sorts_and_filters_in_place(out: Path, tmp_path: Path) -> None:
    sorted_page = dom(tmp_path, (out / "index.html").as_uri() + "#sort=total")
    assert sorted_page.count("input") == 5  # four filters, and the name filter the script adds
    assert sorted_page.totals() == sorted(sorted_page.totals(), reverse=True)
    assert any(attrs.get("data-sorted-by") == "total" for _, attrs in sorted_page.tags)
    filtered = dom(tmp_path, (out / "index.html").as_uri() + "#filter=student")
    shown = [row["data-name"] for row in filtered.rows() if "hidden" not in row]
    assert shown == [name for name in NAMES if name.startswith("student")]


def without_script(page: Path, checked: str) -> Path:
    """A copy of ``page`` as a browser without JavaScript shows it, ``checked`` radio chosen.

    The page's script and policy are taken out; a probe script (the test's, not the page's)
    marks each row with whether CSS shows it.
    """
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"<script>.*?</script>", "", text, flags=re.S)
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    text = text.replace('id="show-all" checked', 'id="show-all"').replace(
        f'id="{checked}"', f'id="{checked}" checked'
    )
    probe = "document.querySelectorAll('tbody tr').forEach(function (row) {"
    probe += " row.setAttribute('data-shown', getComputedStyle(row).display !== 'none'); });"
    copy = page.with_name(f"no-script-{checked}.html")
    copy.write_text(text.replace("</body>", f"<script>{probe}</script></body>"), encoding="utf-8")
    return copy


def test_without_javascript_the_sorted_copies_sort_and_the_radio_buttons_filter(
    out: Path, tmp_path: Path
) -> None:
    page = dom(tmp_path, without_script(out / "by" / "total.html", "show-all").as_uri())
    assert page.count("input") == 4
    assert page.totals() == sorted(page.totals(), reverse=True)
    assert [row["data-shown"] for row in page.rows()] == ["true"] * len(NAMES)
    for radio, state in (("show-passed", "passed"), ("show-missing", "missing")):
        page = dom(tmp_path, without_script(out / "index.html", radio).as_uri())
        shown = {row["data-shown"] == "true" for row in page.rows() if f"state-{state}" in row["class"]}
        hidden = {row["data-shown"] == "false" for row in page.rows() if f"state-{state}" not in row["class"]}
        assert shown == {True} and hidden == {True}, radio


def test_a_submissions_page_shows_the_programs_output_as_text(out: Path, tmp_path: Path) -> None:
    page = dom(tmp_path, (out / report_dir_name("student01") / "index.html").as_uri())
    text = "".join(page.text)
    assert MARKUP_OUTPUT in text
    assert page.count("script") == 1
    assert page.count("svg") >= 1 and page.count("rect") >= 3


def test_a_screenshot_of_the_class_page_is_kept(out: Path, tmp_path: Path) -> None:
    shot = out / SCREENSHOT
    browser(
        tmp_path,
        "--hide-scrollbars",
        "--window-size=1280,1500",
        f"--screenshot={shot}",
        (out / "index.html").as_uri(),
    )
    data = shot.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 20_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 1500)
    kept = os.environ.get(ARTIFACTS)
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, Path(kept) / "class-report.png")
    print(f"screenshot: {shot}")


def test_no_page_asks_for_anything_outside_its_folder(out: Path) -> None:
    for path in out.rglob("*.html"):
        assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", path.read_text(encoding="utf-8")), path
