"""A submission's files, its folder's name and its program's output are a stranger's input: links,
FIFOs and devices are refused with a reason that student reads, any folder name is graded and keeps
its row in every report, and nothing a program prints acts on a terminal, a spreadsheet or Markdown."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pytest_mpkata.grade.escaping import csv_cell, fenced_text, markdown_text, markdown_with_code
from pytest_mpkata.session.outcome import CheckOutcome, params_of
from pytest_mpkata.session.untrusted import UntrustedFile, read_submission, refusal, visible

ROOT = Path(__file__).resolve().parent.parent
KATA = ROOT / "katas" / "01_create_process"
SOLUTION = ROOT / "solutions" / "create_process.py"
FILE = "create_process.py"
ESCAPES = "\x1b[2J\x1b[32m141 passed\x1b[0m \x1b]0;title\x07 \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\"
FORGED = "# Your grade: 140 / 140 points"
PRINTER = (
    "import sys\n"
    f"sys.stderr.write({ESCAPES!r} + '\\n{FORGED}\\n- [prize](http://evil.example)\\n')\n"
    "raise SystemExit(3)\n"
)
HOSTILE_NAMES = ("mallory[alice", "bob [late]", "esc\x1b[2Jape", "=1+41", "a::b", "@sum", "-2+3")
needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and symlinks need POSIX")


def make_hostile_class(root: Path, secret_file: Path) -> list[str]:
    def submit(name: str) -> Path:
        folder = root / name
        folder.mkdir(parents=True)
        return folder / FILE

    shutil.copyfile(SOLUTION, submit("alice"))
    for name in HOSTILE_NAMES:
        shutil.copyfile(SOLUTION, submit(name))
    submit("linker").symlink_to(root / "alice" / FILE)
    submit("peeker").symlink_to(secret_file)
    submit("zero").symlink_to("/dev/zero")
    os.mkfifo(submit("fifo"))
    submit("printer").write_text(PRINTER)
    return sorted(p.name for p in root.iterdir())


def grade(klass: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-m", "pytest", str(KATA), "-q", "-p", "no:cacheprovider",
        "--mpkata-submissions", str(klass), "--mpkata-report", str(out),
        "--mpkata-start-methods", "fork", "--mpkata-time-limit", "5", *extra,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, cwd=klass.parent)


@pytest.fixture(scope="module")
def graded(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[str], Path, subprocess.CompletedProcess[str]]:
    work = tmp_path_factory.mktemp("untrusted")
    secret = work / "shadow"
    secret.write_text("root:SECRET-HASH-LINE:19000\n")
    secret.chmod(0o600)
    names = make_hostile_class(work / "class", secret)
    result = grade(work / "class", work / "out")
    return names, work / "out", result


@needs_posix
def test_every_folder_name_is_graded_and_keeps_its_row(graded: tuple[list[str], Path, Any]) -> None:
    names, out, result = graded
    assert result.returncode in (0, 1), result.stdout[-3000:] + result.stderr[-3000:]
    submissions = json.loads((out / "grades.json").read_text(encoding="utf-8"))["submissions"]
    assert sorted(submissions) == names
    for name in ("alice", *HOSTILE_NAMES):
        assert submissions[name]["katas"]["create_process"]["status"] == "passed", name
        assert (out / submissions[name]["report_dir"] / "feedback.md").is_file()
    with (out / "grades.csv").open(encoding="utf-8", newline="") as handle:
        first_cells = sorted(row[0] for row in list(csv.reader(handle))[1:])
    assert first_cells == sorted(csv_cell(name) for name in names)
    assert "'=1+41" in first_cells and "'@sum" in first_cells and "'-2+3" in first_cells
    assert f"{len(names)} submissions graded" in result.stdout


@needs_posix
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("linker", "`create_process.py` is a symbolic link: hand in the file itself"),
        ("peeker", "`create_process.py` is a symbolic link: hand in the file itself"),
        ("zero", "`create_process.py` is a symbolic link: hand in the file itself"),
        ("fifo", "`create_process.py` is a FIFO (named pipe): hand in the file itself"),
    ],
)
def test_a_file_that_is_not_a_regular_file_is_refused_with_its_reason(
    graded: tuple[list[str], Path, Any], name: str, reason: str
) -> None:
    _, out, _ = graded
    entry = json.loads((out / "grades.json").read_text(encoding="utf-8"))["submissions"][name]
    assert entry["total"] == 0
    assert entry["katas"]["create_process"]["status"] not in ("passed", "missing")
    feedback = (out / entry["report_dir"] / "feedback.md").read_text(encoding="utf-8")
    assert markdown_with_code(reason) in feedback
    for report in (out / entry["report_dir"]).iterdir():
        assert "SECRET-HASH-LINE" not in report.read_text(encoding="utf-8")


@needs_posix
def test_program_output_acts_on_no_terminal_and_becomes_no_markdown(
    graded: tuple[list[str], Path, Any],
) -> None:
    _, out, result = graded
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    for report in out.rglob("*"):
        if report.is_file():
            text = report.read_text(encoding="utf-8")
            assert "\x1b" not in text, report
            assert "\\u001b" not in text.replace('"esc\\u001b[2Jape"', ""), report  # only the name, as a key
    entry = json.loads((out / "grades.json").read_text(encoding="utf-8"))["submissions"]["printer"]
    feedback = (out / entry["report_dir"] / "feedback.md").read_text(encoding="utf-8").splitlines()
    assert [line for line in feedback if line.startswith("# ")] == [feedback[0]]
    assert feedback[0].startswith("# Your grade: 0 /")
    assert not [line for line in feedback if line.startswith(("- ", "* ", "+ "))]
    links = [line for line in feedback if "http://evil" in line]
    assert links and all(line.startswith("  err: ") for line in links), links  # inside the fenced picture


def test_a_link_a_fifo_and_a_huge_file_are_refused_without_being_opened(tmp_path: Path) -> None:
    regular = tmp_path / "regular.py"
    regular.write_text("print('hi')\n")
    assert read_submission(regular) == b"print('hi')\n" and refusal(regular) is None
    link = tmp_path / "link.py"
    link.symlink_to(regular)
    assert refusal(link) == "`link.py` is a symbolic link: hand in the file itself"
    with pytest.raises(UntrustedFile, match="symbolic link"):
        read_submission(link)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.py")
        with pytest.raises(UntrustedFile, match="FIFO"):
            read_submission(tmp_path / "pipe.py")
    with pytest.raises(UntrustedFile, match="larger than 1 MiB"):
        read_submission(regular, limit=2**20 if regular.write_bytes(b"x" * (2**20 + 1)) else 0)


def test_control_characters_are_shown_never_sent() -> None:
    assert visible("a\x1b[2Jb\nc\td\u202e") == "a\\x1b[2Jb\nc\td\\u202e"
    assert visible("line\nbreak", keep_newlines=False) == "line\\nbreak"
    assert visible("Zoë Müller") == "Zoë Müller"


def test_learner_text_never_becomes_a_heading_a_list_or_a_link() -> None:
    shown = markdown_text(f"ok\n{FORGED}\n- [x](http://e.example) www.e.example a@b.example\n1. one\n===")
    assert shown.splitlines() == [
        "ok",
        "\\# Your grade: 140 / 140 points",
        "\\- \\[x\\](http\\://e.example) www\\.e.example a\\@b.example",
        "1\\. one",
        "\\===",
    ]
    assert fenced_text("a ```` b\x1b") == ["`````text", "a ```` b\\x1b", "`````"]


@pytest.mark.parametrize("cell", ["=1+41", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_would_start_a_formula_is_neutralised(cell: str) -> None:
    assert csv_cell(cell) == "'" + visible(cell, keep_newlines=False) and csv_cell("bob") == "bob"


def test_an_outcome_of_the_wrong_shape_is_refused_and_a_long_one_cut() -> None:
    fields = dict(
        submission="a", kata_id="k", check="c", start_method="fork", outcome="failed", status="failed"
    )
    assert CheckOutcome.decode(json.dumps({**fields, "duration": "slow"})) is None
    assert CheckOutcome.decode(json.dumps({**fields, "submission": 7})) is None
    long = CheckOutcome.decode(json.dumps({**fields, "message": "x" * 100_000}))
    assert long is not None and len(long.message) < 70_000 and long.message.endswith("[... cut ...]")


@pytest.mark.parametrize(
    ("nodeid", "params"),
    [
        ("k/test_k.py::test_a[mallory[alice-fork]", "mallory[alice-fork"),
        ("k/test_k.py::test_a[a::b-spawn]", "a::b-spawn"),
        ("k/test_k.py::test_a[x@y-fork]", "x@y-fork"),
        ("k/test_k.py::test_a[bob-fork]@mpkata-0123456789ab", "bob-fork"),
        ("k/test_k.py::test_a", ""),
    ],
)
def test_the_scheduler_reads_any_submission_name_out_of_a_test_id(nodeid: str, params: str) -> None:
    assert params_of(nodeid) == params


@needs_posix
def test_hostile_names_are_graded_alike_under_xdist(
    graded: tuple[list[str], Path, Any], tmp_path: Path
) -> None:
    names, out, _ = graded
    parallel = grade(out.parent / "class", tmp_path / "out", "-n", "2")
    assert parallel.returncode in (0, 1), parallel.stdout[-3000:] + parallel.stderr[-3000:]

    def statuses(folder: Path) -> dict[str, str]:
        submissions = json.loads((folder / "grades.json").read_text(encoding="utf-8"))["submissions"]
        return {name: entry["katas"]["create_process"]["status"] for name, entry in submissions.items()}

    assert sorted(statuses(tmp_path / "out")) == names
    assert statuses(tmp_path / "out") == statuses(out)


JUNK_WRITER = """\
import json, os
me = os.getpid()
junk = [
    {"ev": "interp", "pid": me, "ppid": {"a": 1}, "argv": 1e308, "t": 1},
    {"ev": "begin", "pid": me, "ppid": [], "name": 5, "shared": "x", "t": None},
    {"ev": "exception", "pid": me, "t": 1, "type": 5, "line": 1e308},
    {"ev": "interp", "pid": -1, "ppid": 2, "argv": "[]", "t": 1},
]
if __name__ == "__main__":
    data = "".join(json.dumps(record) + "\\n" for record in junk).encode()
    if os.environ.get("MPKATA_TRACE_FD"):  # the tracer's own channel
        os.write(int(os.environ["MPKATA_TRACE_FD"]), data)
    else:
        with open(os.environ["MPKATA_TRACE_FILE"], "ab") as trace:
            trace.write(data)
"""


def test_records_that_make_no_sense_fail_that_student_plainly(tmp_path: Path) -> None:
    klass = tmp_path / "class"
    for name, program in (("junk", JUNK_WRITER), ("alice", SOLUTION.read_text())):
        (klass / name).mkdir(parents=True)
        (klass / name / FILE).write_text(program)
    result = grade(klass, tmp_path / "out")
    assert "INTERNALERROR" not in result.stdout + result.stderr
    submissions = json.loads((tmp_path / "out" / "grades.json").read_text(encoding="utf-8"))["submissions"]
    assert submissions["alice"]["katas"]["create_process"]["status"] == "passed"
    assert submissions["junk"]["katas"]["create_process"]["status"] in ("failed", "error")
    feedback = (tmp_path / "out" / "junk" / "feedback.md").read_text(encoding="utf-8")
    assert "could not be read" in feedback or "does not match what the system saw" in feedback
    assert "Traceback" not in feedback and "pytest_mpkata" not in feedback


GHOST_CONFTEST = """
import json
import pytest

@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    report.user_properties = [
        (name, json.dumps({**json.loads(value), "submission": "ghost"}) if name == "mpkata" else value)
        for name, value in report.user_properties
    ]
    return report
"""


def test_a_result_that_names_no_student_stops_the_session_with_an_error(pytester: pytest.Pytester) -> None:
    kata = pytester.path / "katas" / KATA.name
    shutil.copytree(KATA, kata, ignore=shutil.ignore_patterns("mutants", "variants", "__pycache__"))
    (kata / "conftest.py").write_text(GHOST_CONFTEST)
    (pytester.path / "class" / "alice").mkdir(parents=True)
    shutil.copyfile(SOLUTION, pytester.path / "class" / "alice" / FILE)
    result = pytester.runpytest_subprocess(
        str(kata), "-p", "no:cacheprovider", "--mpkata-submissions", "class", "--mpkata-report", "out",
        "--mpkata-start-methods", "fork", timeout=120,
    )  # fmt: skip
    assert result.ret == pytest.ExitCode.INTERNAL_ERROR
    result.stdout.fnmatch_lines(["mpkata grading error: a check result names submission 'ghost'*"])
