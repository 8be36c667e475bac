"""An instructor grades a class folder in one command: every submission gets its row,
misbehaving ones included, reports are complete with and without xdist, an interrupted
batch resumes without regrading, and nothing is left running."""

from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mpkata_testing import PYTEST, batch_args

ROOT = Path(__file__).resolve().parent.parent
KATAS = ("01_create_process", "04_pool_map")
SOLUTIONS = ROOT / "solutions"
MUTANTS = ROOT / "katas" / "01_create_process" / "mutants"

BROKEN_PROGRAMS = {
    "syntax error": "def main(:\n    pass\n",
    "crash at import": "import logging\nraise RuntimeError('boom at import')\n",
    "hang": "import time\nwhile True:\n    time.sleep(0.05)\n",
    "fork bomb": (
        "import os, time\nwhile True:\n    try:\n        os.fork()\n"
        "    except OSError:\n        time.sleep(0.01)\n"
    ),
    "prints megabytes": "import sys\nfor _ in range(100000):\n    sys.stdout.write('x' * 100 + '\\n')\n",
    "leaves a process behind": ("import os, time\nif os.fork() == 0:\n    time.sleep(60)\n    os._exit(0)\n"),
}


def make_class(root: Path) -> list[str]:
    """Twelve submissions: good, wrong, missing, hanging, forking, crashing, odd names."""

    def submit(name: str, files: dict[str, str | Path]) -> None:
        folder = root / name
        folder.mkdir(parents=True)
        for file_name, content in files.items():
            target = folder / file_name
            if isinstance(content, Path):
                shutil.copyfile(content, target)
            else:
                target.write_text(content, encoding="utf-8")

    both = {
        "create_process.py": SOLUTIONS / "create_process.py",
        "pool_map.py": SOLUTIONS / "pool_map.py",
    }
    submit("reference", dict(both))
    submit("Zoë Müller", dict(both))
    submit("with space", {"pool_map.py": SOLUTIONS / "pool_map.py"})
    submit(
        "thread user",
        {**both, "create_process.py": MUTANTS / "thread_instead_of_process.py"},
    )
    submit("empty", {})
    submit(
        "wrong names",
        {"solution1.py": SOLUTIONS / "create_process.py", "q4.py": SOLUTIONS / "pool_map.py"},
    )
    for name, program in BROKEN_PROGRAMS.items():
        submit(name, {"create_process.py": program, "pool_map.py": SOLUTIONS / "pool_map.py"})
    return sorted(p.name for p in root.iterdir())


def grading_command(klass: Path, out: Path, *extra: str) -> list[str]:
    katas = [ROOT / "katas" / kata for kata in KATAS]
    args = batch_args(*katas, submissions=klass, report=out, methods="fork,spawn", time_limit="3")
    return [*PYTEST, *args, "-q", *extra]


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def grades_without_timing(out: Path) -> dict[str, object]:
    document = json.loads((out / "grades.json").read_text(encoding="utf-8"))
    document.pop("generated_at", None)
    return document


def learner_processes(marker: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                cwd = os.readlink(entry / "cwd")
            except OSError:
                continue
            if marker in cmdline or marker in cwd:
                found.append(f"{entry.name} {cmdline} (in {cwd})")
    return found


def left_running(marker: str, patience: float = 60.0) -> list[str]:
    """The learner processes still there once none is left, or once ``patience`` seconds are up.

    A killed grading's processes go when their supervisor sees pytest die, not at an instant a
    test could name: wait for that event, with a bound far above its usual few milliseconds.
    """
    deadline = time.monotonic() + patience
    while (found := learner_processes(marker)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path, Path, str]:
    work = tmp_path_factory.mktemp("grading")
    klass = work / "class"
    names = make_class(klass)
    serial = run(grading_command(klass, work / "serial"), work)
    run(grading_command(klass, work / "parallel", "-n", "2"), work)
    assert "grades" in serial.stdout, serial.stdout[-3000:] + serial.stderr[-3000:]
    return names, work / "serial", work / "parallel", serial.stdout


def test_every_submission_gets_a_row(graded_class: tuple[list[str], Path, Path, str]) -> None:
    names, serial, _, _ = graded_class
    with (serial / "grades.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["submission", "create_process", "pool_map", "total", "max"]
    assert sorted(row[0] for row in rows[1:]) == sorted(names)
    assert len(names) == 12


def comparable(out: Path) -> dict[str, object]:
    """Grades with run-specific facts (pids, timings, pictures) blanked."""
    document = grades_without_timing(out)
    for entry in document["submissions"].values():  # type: ignore[union-attr]
        entry.pop("duration", None)
        for kata in entry["katas"].values():
            for failed in kata["failed_checks"]:
                failed.pop("picture", None)
                failed["message"] = re.sub(r"\d+", "#", failed["message"])
    return document


def test_grades_are_identical_with_and_without_xdist(
    graded_class: tuple[list[str], Path, Path, str],
) -> None:
    _, serial, parallel, _ = graded_class
    totals = {n: e["total"] for n, e in grades_without_timing(serial)["submissions"].items()}  # type: ignore[union-attr]
    assert totals == {n: e["total"] for n, e in grades_without_timing(parallel)["submissions"].items()}  # type: ignore[union-attr]
    assert comparable(serial) == comparable(parallel)


def test_statuses_say_what_happened(graded_class: tuple[list[str], Path, Path, str]) -> None:
    _, serial, _, _ = graded_class
    submissions = grades_without_timing(serial)["submissions"]
    assert isinstance(submissions, dict)

    def kata(name: str, kata_id: str = "create_process") -> dict[str, object]:
        return submissions[name]["katas"][kata_id]

    assert kata("reference")["status"] == "passed" and submissions["reference"]["total"] == 20
    assert kata("Zoë Müller")["status"] == "passed"
    assert kata("with space")["status"] == "missing" and kata("with space", "pool_map")["status"] == "passed"
    assert kata("empty")["status"] == "missing" and kata("wrong names")["status"] == "missing"
    assert kata("thread user")["status"] == "failed"
    assert kata("hang")["status"] == "timeout"
    for name in ("syntax error", "crash at import", "fork bomb", "prints megabytes"):
        assert kata(name)["status"] == "error", name
    assert kata("leaves a process behind")["status"] in ("error", "failed")


def test_failure_messages_name_the_cause(graded_class: tuple[list[str], Path, Path, str]) -> None:
    _, serial, _, _ = graded_class
    submissions = grades_without_timing(serial)["submissions"]
    assert isinstance(submissions, dict)

    def messages(name: str) -> str:
        return " ".join(f["message"] for f in submissions[name]["katas"]["create_process"]["failed_checks"])

    assert "thread" in messages("thread user")
    assert "time limit" in messages("hang")
    assert "forks without end" in messages("fork bomb")
    assert "syntax" in messages("syntax error").lower()
    assert "boom at import" in messages("crash at import")
    assert "printed more than" in messages("prints megabytes")
    assert "still running" in messages("leaves a process behind")


def test_per_submission_reports(graded_class: tuple[list[str], Path, Path, str]) -> None:
    names, serial, _, _ = graded_class
    document = grades_without_timing(serial)
    submissions = document["submissions"]
    assert isinstance(submissions, dict)
    for name in names:
        entry = submissions[name]
        folder = serial / entry["report_dir"]
        results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        assert results["score"] == entry["total"]
        assert sum(test["max_score"] for test in results["tests"]) == pytest.approx(entry["max"])
        assert {test["status"] for test in results["tests"]} <= {"passed", "failed"}
        feedback = (folder / "feedback.md").read_text(encoding="utf-8")
        assert f"{entry['total']:g} / {entry['max']:g}" in feedback


def test_the_class_page_and_the_summary_are_kept_with_the_reports(
    graded_class: tuple[list[str], Path, Path, str],
) -> None:
    names, serial, _, stdout = graded_class
    index = (serial / "index.html").read_text(encoding="utf-8")
    for name in names:
        assert f">{html.escape(name, quote=False)}</a>" in index
        entry = grades_without_timing(serial)["submissions"][name]  # type: ignore[index]
        assert (serial / entry["report_dir"] / "index.html").is_file()
    summary = (serial / "summary.md").read_text(encoding="utf-8")
    assert "01 create_process" in summary
    assert summary.splitlines()[-2] in stdout


def test_terminal_summary_per_kata(graded_class: tuple[list[str], Path, Path, str]) -> None:
    _, _, _, stdout = graded_class
    assert "mpkata grades" in stdout
    assert "01 create_process" in stdout and "most common failure" in stdout


def test_resume_skips_unchanged_submissions(
    graded_class: tuple[list[str], Path, Path, str], tmp_path: Path
) -> None:
    names, serial, _, _ = graded_class
    klass = serial.parent / "class"
    again = run(grading_command(klass, serial), tmp_path)
    assert again.returncode == 0, again.stdout[-2000:]
    assert f"{len(names)} unchanged since the last report" in again.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find leftovers")
def test_an_interrupted_batch_resumes_and_loses_nothing(tmp_path: Path) -> None:
    klass = tmp_path / "class"
    for number in range(6):
        folder = klass / f"student-{number}"
        folder.mkdir(parents=True)
        shutil.copyfile(SOLUTIONS / "create_process.py", folder / "create_process.py")
        shutil.copyfile(SOLUTIONS / "pool_map.py", folder / "pool_map.py")
    out = tmp_path / "out"
    runs = tmp_path / "runs"
    batch = subprocess.Popen(
        grading_command(klass, out, "--basetemp", str(runs)),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        graded = (
            json.loads((out / "grades.json").read_text("utf-8"))["submissions"]
            if (out / "grades.json").exists()
            else {}
        )
        if len(graded) >= 2:
            break
        time.sleep(0.05)
    os.killpg(batch.pid, signal.SIGKILL)
    batch.wait()
    done_before = json.loads((out / "grades.json").read_text("utf-8"))["submissions"]
    assert 2 <= len(done_before) < 6
    resumed = run(grading_command(klass, out), tmp_path)
    assert f"{len(done_before)} unchanged since the last report" in resumed.stdout
    final = json.loads((out / "grades.json").read_text("utf-8"))["submissions"]
    assert len(final) == 6 and all(entry["total"] == 20 for entry in final.values())
    assert left_running(str(runs)) == []
