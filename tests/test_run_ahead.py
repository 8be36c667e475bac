"""Running ahead: upcoming runs start while earlier checks are evaluated, and nothing else changes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

INTERVALS_CONFTEST = """
import dataclasses, json, os, threading

def pytest_mpkata_run_request(kata, request):
    name = kata.kata_id + "-" + request.start_method
    os.makedirs("running", exist_ok=True)
    env = {"INTERVALS": os.path.abspath("intervals.jsonl"), "RUN_NAME": name}
    env["RUNNING"] = os.path.abspath("running")
    if kata.kata_id in os.environ.get("MEETING_KATAS", "").split(","):
        env["MEET_WITHIN"] = "60"
    with open("hooks.jsonl", "a") as handle:
        handle.write(json.dumps(["request", threading.current_thread() is threading.main_thread()]) + "\\n")
    return dataclasses.replace(request, extra_env=env)

def pytest_mpkata_run_finished(kata, submission, result):
    with open("hooks.jsonl", "a") as handle:
        record = ["finished", threading.current_thread() is threading.main_thread()]
        handle.write(json.dumps(record + [kata.kata_id, result.start_method]) + "\\n")
"""
NAPPING_PROGRAM = """\
import json, os, time


def overlapping(folder, name, started):
    \"\"\"The kata's other runs that started, and had not ended when this one started.\"\"\"
    names = os.listdir(folder)
    ended = {n[:-4]: float(open(os.path.join(folder, n)).read()) for n in names if n.endswith(".end")}
    kata = name.rpartition("-")[0]
    runs = [n for n in names if "." not in n and n.rpartition("-")[0] == kata and n != name]
    return [n for n in runs if ended.get(n, started + 1) > started]


if __name__ == "__main__":
    started = time.time()
    name, folder = os.environ["RUN_NAME"], os.environ["RUNNING"]
    open(os.path.join(folder, name), "w").close()
    meeting = "MEET_WITHIN" in os.environ
    deadline = started + float(os.environ.get("MEET_WITHIN", "0.5"))
    while time.time() < deadline and not (meeting and overlapping(folder, name, started)):
        time.sleep(0.01)
    with open(os.path.join(folder, name + ".ending"), "w") as handle:
        handle.write(repr(time.time()))
    os.replace(os.path.join(folder, name + ".ending"), os.path.join(folder, name + ".end"))
    with open(os.environ["INTERVALS"], "a") as handle:
        handle.write(json.dumps([name, started, time.time()]) + "\\n")
    print("napped", name)
"""
"""Each run marks when it started and when it ended, and records when it lived.  A run of a kata
named in ``MEETING_KATAS`` stays until another run of that kata is going on (started, not ended
before this one started; at most a minute): if the plugin runs ahead, the two overlap by construction, however
slow the machine; if it does not, the run waits alone and the test sees no overlap.  Other runs
nap half a second; that two runs did not overlap is read from when they lived, a fact whatever
the nap.  Each prints one line at the end: a run that shows nothing is judged "not started"."""
CHECKS = """
from pytest_mpkata import checks

def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)

def test_exit_code(kata_run):
    assert kata_run.result.exit_code == 0
"""


def make_kata(root: Path, order: int, kata_id: str, extra: str = "") -> None:
    folder = root / "katas" / f"{order:02d}_{kata_id}"
    folder.mkdir(parents=True)
    toml = f'id = "{kata_id}"\ntitle = "{kata_id}"\norder = {order}\ntime_limit = 20.0\n{extra}'
    (folder / "kata.toml").write_text(toml)
    (folder / f"{kata_id}.py").write_text(NAPPING_PROGRAM)
    (folder / f"test_{kata_id}.py").write_text(textwrap.dedent(CHECKS))


@pytest.fixture
def napping_katas(pytester: pytest.Pytester) -> Path:
    """Three katas whose programs nap half a second and record when they ran."""
    make_kata(pytester.path, 1, "first")
    make_kata(pytester.path, 2, "second", "runs_alone = true\n")
    make_kata(pytester.path, 3, "third")
    pytester.makeconftest(INTERVALS_CONFTEST)
    return pytester.path


def intervals(root: Path) -> dict[str, tuple[float, float]]:
    lines = (root / "intervals.jsonl").read_text().splitlines()
    return {name: (start, end) for name, start, end in map(json.loads, lines)}


def overlap(one: tuple[float, float], other: tuple[float, float]) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def overlapping_pairs(root: Path) -> set[frozenset[str]]:
    runs = intervals(root)
    return {frozenset((a, b)) for a in runs for b in runs if a < b and overlap(runs[a], runs[b])}


def run_katas(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess(
        "katas", "--mpkata-start-methods", "fork,spawn", "-p", "no:cacheprovider", *args, timeout=180
    )


def test_upcoming_runs_overlap_the_current_one(
    pytester: pytest.Pytester, napping_katas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEETING_KATAS", "first,third")

    result = run_katas(pytester, "--mpkata-run-ahead", "2")

    result.assert_outcomes(passed=12)
    pairs = overlapping_pairs(napping_katas)
    assert frozenset(("first-fork", "first-spawn")) in pairs
    assert frozenset(("third-fork", "third-spawn")) in pairs


def test_a_kata_that_runs_alone_never_overlaps_another_run(
    pytester: pytest.Pytester, napping_katas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEETING_KATAS", "first,third")

    result = run_katas(pytester, "--mpkata-run-ahead", "3")

    result.assert_outcomes(passed=12)
    pairs = overlapping_pairs(napping_katas)
    assert pairs, "running ahead overlapped no runs"
    assert not [pair for pair in pairs if any(name.startswith("second") for name in pair)]


@pytest.mark.parametrize("width", ["0", "1"])
def test_run_ahead_0_or_1_runs_one_program_at_a_time(
    pytester: pytest.Pytester, napping_katas: Path, width: str
) -> None:
    result = run_katas(pytester, "--mpkata-run-ahead", width)
    result.assert_outcomes(passed=12)
    assert overlapping_pairs(napping_katas) == set()


def test_hooks_run_in_pytests_thread_and_results_arrive_in_item_order(
    pytester: pytest.Pytester, napping_katas: Path
) -> None:
    result = run_katas(pytester, "--mpkata-run-ahead", "3")
    result.assert_outcomes(passed=12)
    hooks = [json.loads(line) for line in (napping_katas / "hooks.jsonl").read_text().splitlines()]
    assert all(in_main_thread for _, in_main_thread, *_ in hooks)
    assert [tuple(record[2:]) for record in hooks if record[0] == "finished"] == [
        (kata, method) for kata in ("first", "second", "third") for method in ("fork", "spawn")
    ]
    assert sum(record[0] == "request" for record in hooks) == 6


def test_run_ahead_from_the_ini_file(pytester: pytest.Pytester, napping_katas: Path) -> None:
    pytester.makeini("[pytest]\nmpkata_run_ahead = 0\n")
    result = run_katas(pytester)
    result.assert_outcomes(passed=12)
    assert overlapping_pairs(napping_katas) == set()


def test_under_xdist_each_worker_runs_ahead_within_its_own_items(
    pytester: pytest.Pytester, napping_katas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEETING_KATAS", "first")

    result = run_katas(pytester, "--mpkata-run-ahead", "2", "-n", "2")

    result.assert_outcomes(passed=12)
    hooks = [json.loads(line) for line in (napping_katas / "hooks.jsonl").read_text().splitlines()]
    assert sum(record[0] == "request" for record in hooks) == 6, (
        "a run was started for another worker's items"
    )
    assert frozenset(("first-fork", "first-spawn")) in overlapping_pairs(napping_katas)


def test_a_bad_run_ahead_is_a_usage_error(pytester: pytest.Pytester, napping_katas: Path) -> None:
    result = pytester.runpytest_subprocess("katas", "--mpkata-run-ahead", "two", timeout=60)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*invalid run-ahead 'two' from --mpkata-run-ahead: expected a whole number >= 0*"]
    )
