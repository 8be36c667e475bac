"""A hostile submission graded in batch cannot reach the grader, the other submissions or the
network: every attempt fails inside the program, leaves nothing behind, and the batch completes.
Where the machine cannot confine runs, ``auto`` grades with a notice and ``on`` refuses."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from mpkata_testing import batch_args

from pytest_mpkata.judge.statuses import FAILING_STATUSES
from pytest_mpkata.run import sandboxing
from pytest_mpkata.run._sandbox import UNAVAILABLE_ENV
from pytest_mpkata.settings import SANDBOX_REQUIRED

ROOT = Path(__file__).resolve().parent.parent
KATA = ROOT / "katas" / "01_create_process"
KATA_CHECKS = KATA / "test_create_process.py"
SOLUTIONS = ROOT / "solutions"
TIMEOUT = 240

needs_sandbox = pytest.mark.skipif(
    sandboxing.missing_mechanism() is not None,
    reason=f"this machine lacks {sandboxing.missing_mechanism()}",
)

ANCESTOR_ARGUMENT = """
def ancestor_argument(flag):
    for entry in os.listdir("/proc"):
        try:
            words = open(f"/proc/{entry}/cmdline", "rb").read().split(b"\\0")
        except OSError:
            continue
        if flag.encode() in words:
            return words[words.index(flag.encode()) + 1].decode()
    return None
"""

HOSTILE = {
    "writes home": "open(os.path.expanduser('~/escaped-home'), 'w').write('x')",
    "writes tmp": "open('/tmp/{token}-tmp', 'w').write('x')",
    "writes kata checks": (
        "for pid in (os.getppid(), 1):\n"
        "    try:\n"
        "        cwd = os.readlink(f'/proc/{{pid}}/cwd')\n"
        "    except OSError:\n"
        "        continue\n"
        "    for found in Path(cwd).glob('**/test_create_process.py'):\n"
        "        open(found, 'a').write('\\nassert False\\n')\n"
        "open({checks!r}, 'a').write('\\nassert False\\n')"
    ),
    "plants a report": (
        "report = ancestor_argument('--mpkata-report') or {report!r}\n"
        "open(os.path.join(report, 'planted.txt'), 'w').write('x')"
    ),
    "copies a sibling": (
        "submissions = ancestor_argument('--mpkata-submissions') or {submissions!r}\n"
        "text = open(os.path.join(submissions, 'reference', 'create_process.py')).read()\n"
        "open('copied.py', 'w').write(text)"
    ),
    "connects to loopback": "socket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(b'escaped')",
    "kills the grader": (
        "os.kill({sentinel}, signal.SIGKILL)\n"
        "pid = os.getppid()\n"
        "while pid > 1:\n"
        "    words = open(f'/proc/{{pid}}/cmdline', 'rb').read()\n"
        "    os.kill(pid, signal.SIGKILL)\n"
        "    if b'--mpkata-submissions' in words:\n"
        "        break\n"
        "    pid = int(open(f'/proc/{{pid}}/stat').read().rsplit(')', 1)[1].split()[1])"
    ),
    "leaves a daemon": (
        "subprocess.Popen([sys.executable, '-c', "
        '\'import time, sys; time.sleep(5); open(sys.argv[1], "w").write("x")\', '
        "'{daemon_marker}'], start_new_session=True, stdin=subprocess.DEVNULL, "
        "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)"
    ),
}


def hostile_program(attempt: str, **facts: object) -> str:
    body = HOSTILE[attempt].format(**facts)
    return (
        "import os, signal, socket, subprocess, sys\nfrom pathlib import Path\n"
        f"{ANCESTOR_ARGUMENT}\n"
        "if __name__ == '__main__':\n" + "".join(f"    {line}\n" for line in body.splitlines())
    )


def grade(pytester: pytest.Pytester, klass: Path, out: Path, *extra: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess(
        *batch_args(KATA, submissions=klass, report=out, methods="fork"),
        *extra,
        timeout=TIMEOUT,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def processes_naming(token: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and token.encode() in Path(f"/proc/{entry}/cmdline").read_bytes():
                found.append(int(entry))
        except OSError:
            continue
    return found


@needs_sandbox
def test_every_escape_fails_inside_the_program_and_the_batch_completes(pytester: pytest.Pytester) -> None:
    token = f"mpkata-escape-{uuid.uuid4().hex[:12]}"
    klass, out = pytester.path / "class", pytester.path / "grades"
    out.mkdir()
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    sentinel = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    checks_before = digest(KATA_CHECKS)
    facts = dict(
        token=token,
        checks=str(KATA_CHECKS),
        report=str(out / "reference"),
        submissions=str(klass),
        port=listener.getsockname()[1],
        sentinel=sentinel.pid,
        daemon_marker=str(pytester.path / f"{token}-daemon"),
    )
    (klass / "reference").mkdir(parents=True)
    shutil.copyfile(SOLUTIONS / "create_process.py", klass / "reference" / "create_process.py")
    for attempt in HOSTILE:
        (klass / attempt).mkdir()
        (klass / attempt / "create_process.py").write_text(hostile_program(attempt, **facts))
    try:
        result = grade(pytester, klass, out, "--mpkata-sandbox", "on")
        time.sleep(5.5)  # the daemon's moment, had it survived
        assert sentinel.poll() is None, "the program killed a process outside its tree"
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        sentinel.kill()
        sentinel.wait()
        listener.close()
    grades = json.loads((out / "grades.json").read_text())
    assert grades["submissions"]["reference"]["katas"]["create_process"]["status"] == "passed"
    for attempt in HOSTILE:
        kata = grades["submissions"][attempt]["katas"]["create_process"]
        assert kata["status"] in FAILING_STATUSES and kata["score"] == 0, attempt
        assert not (klass / attempt / "copied.py").exists()
    assert digest(KATA_CHECKS) == checks_before
    assert not (pytester.path / "escaped-home").exists()
    assert not list(Path("/tmp").glob(f"{token}*"))
    assert not list(out.rglob("planted.txt"))
    assert not (pytester.path / f"{token}-daemon").exists()
    assert processes_naming(token) == []
    feedback = (out / "connects to loopback" / "feedback.md").read_text()
    assert "sandboxed (landlock" in feedback
    assert "the sandbox refused MainProcess" in feedback
    result.stdout.fnmatch_lines(["mpkata sandbox: on*", f"*{len(HOSTILE) + 1} submissions graded*"])


@needs_sandbox
@pytest.mark.parametrize("unavailable", ["", "namespaces"], ids=["namespaces", "landlock_alone"])
def test_reference_solutions_pass_in_the_sandbox_under_every_start_method(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, unavailable: str
) -> None:
    monkeypatch.setenv(UNAVAILABLE_ENV, unavailable)
    katas = sorted(str(path.parent) for path in (ROOT / "katas").glob("*/kata.toml"))
    result = pytester.runpytest_subprocess(
        *katas,
        "-p",
        "no:cacheprovider",
        "--mpkata-submission",
        str(SOLUTIONS),
        "--mpkata-sandbox",
        "on",
        timeout=TIMEOUT,
    )
    outcomes = result.parseoutcomes()
    assert result.ret == 0 and outcomes["passed"] >= 3 * len(katas), outcomes
    result.stdout.fnmatch_lines(["mpkata sandbox: on*", "Every kata is solved*"])


@needs_sandbox
def test_a_refusal_is_named_in_the_picture_of_a_sandboxed_run(pytester: pytest.Pytester) -> None:
    klass, out = pytester.path / "class", pytester.path / "grades"
    (klass / "nosy").mkdir(parents=True)
    (klass / "nosy" / "create_process.py").write_text(hostile_program("connects to loopback", port=9))
    result = grade(pytester, klass, out, "--mpkata-sandbox", "on")
    result.assert_outcomes(failed=result.parseoutcomes()["failed"])
    result.stdout.fnmatch_lines(
        [
            "create_process.py under fork, sandboxed (landlock*",
            "! the sandbox refused MainProcess 2: PermissionError*",
        ]
    )


def test_auto_grades_unconfined_with_a_notice_where_the_sandbox_is_missing(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(UNAVAILABLE_ENV, "landlock")
    klass, out = pytester.path / "class", pytester.path / "grades"
    (klass / "reference").mkdir(parents=True)
    shutil.copyfile(SOLUTIONS / "create_process.py", klass / "reference" / "create_process.py")
    result = grade(pytester, klass, out)
    result.assert_outcomes(passed=result.parseoutcomes()["passed"])
    result.stdout.fnmatch_lines(
        ["mpkata sandbox: off: this machine lacks Landlock*: submissions run with your rights"]
    )
    assert (out / "grades.json").is_file()


def test_on_refuses_to_run_unconfined_where_the_sandbox_is_missing(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(UNAVAILABLE_ENV, "landlock")
    klass, out = pytester.path / "class", pytester.path / "grades"
    (klass / "reference").mkdir(parents=True)
    result = grade(pytester, klass, out, "--mpkata-sandbox", "on")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    expected = SANDBOX_REQUIRED.split("{missing}")[0]
    result.stderr.fnmatch_lines([f"*{expected}Landlock*To get it: run on Linux*"])


def test_an_unknown_sandbox_mode_is_a_usage_error(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess(str(KATA), "--mpkata-sandbox", "yes", timeout=TIMEOUT)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*invalid sandbox mode 'yes' from --mpkata-sandbox*auto, on, off*"])
