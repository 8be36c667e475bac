"""``python -m pytest_mpkata``: the kata authors' commands (check, sync, new) and the
instructors' (gradescope, classroom, merge); a switchboard."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pytest_mpkata.authoring.scaffold import new_kata
from pytest_mpkata.authoring.selfcheck import check_catalogue
from pytest_mpkata.authoring.selfrun import run_catalogue
from pytest_mpkata.authoring.sync import Repository, sync
from pytest_mpkata.grade.builder_options import check_katas_committed, first_problem
from pytest_mpkata.grade.bundle import build_bundle
from pytest_mpkata.grade.classroom import WORKFLOW_PATH, write_workflow
from pytest_mpkata.grade.merge import merge_reports
from pytest_mpkata.grade.reports import load_grades
from pytest_mpkata.grade.stamp import DISTRIBUTION, plugin_version

DEFAULT_KATAS = "katas"
DESCRIPTION = (
    "Kata authors' commands (check the catalogue, sync its generated files, start a new kata) and "
    "instructors' (a Gradescope autograder, a GitHub Classroom workflow, merging sharded reports)."
)
CLEAN = "{count} katas in {katas}: no problem found."
PROBLEMS = "{count} problem(s) found in {katas}."
SYNCED = "{count} file(s) rewritten."
CREATED = "Created {folder}. Next: write its README, checks, solution.py, mutants and variants, then run:"
NO_FOLDER = "{katas}: no such folder; expected the katas folder, e.g. python -m pytest_mpkata check katas"
BUNDLED = "Wrote {out}: upload it as the autograder of a Gradescope programming assignment."
WORKFLOW_WRITTEN = "Wrote {out}: commit it to the template repository of the GitHub Classroom assignment."
MERGED = "Merged {count} report folder(s) into {into}: {submissions} submission(s)."
BUILDERS = {"gradescope": "autograder.zip", "classroom": WORKFLOW_PATH.name}
"""The commands that write one file (``--out``), with the name it has by default."""
NEXT_STEPS = ("  python -m pytest_mpkata sync {katas}", "  python -m pytest_mpkata check {katas} --run")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m pytest_mpkata", description=DESCRIPTION)
    main.add_argument("--version", action="version", version=f"{DISTRIBUTION} {plugin_version()}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check", help="prove the katas folder is well formed", description=check_command.__doc__
    )
    check.add_argument("katas", nargs="?", default=DEFAULT_KATAS, help="the katas folder (default: katas)")
    check.add_argument("--run", action="store_true", help="also run pytest: starters fail, solutions pass")
    check.set_defaults(handler=check_command)
    update = commands.add_parser(
        "sync", help="rewrite the generated README parts and solutions/", description=sync_command.__doc__
    )
    update.add_argument("katas", nargs="?", default=DEFAULT_KATAS, help="the katas folder (default: katas)")
    update.set_defaults(handler=sync_command)
    new = commands.add_parser(
        "new", help="start a new kata after the last one", description=new_command.__doc__
    )
    new.add_argument("kata_id", help="the new kata's id, a lowercase Python name, e.g. pipe_ping_pong")
    new.add_argument("--title", help="its title (default: made from the id)")
    new.add_argument("--katas", default=DEFAULT_KATAS, help="the katas folder (default: katas)")
    new.set_defaults(handler=new_command)
    add_instructor_commands(commands)
    return main


def add_instructor_commands(commands: Any) -> None:
    gradescope = commands.add_parser(
        "gradescope", help="build a Gradescope autograder zip", description=gradescope_command.__doc__
    )
    gradescope.add_argument("--out", default=BUILDERS["gradescope"], help="default: autograder.zip")
    gradescope.add_argument("--katas", default=DEFAULT_KATAS, help="the katas folder (default: katas)")
    gradescope.add_argument("--source", help="the pytest-mpkata source to build the wheel from")
    gradescope.add_argument("--start-methods", default="", help="e.g. spawn (default: every start method)")
    gradescope.add_argument(
        "--allow-uncommitted", action="store_true", help="ship the katas with changes not yet committed"
    )
    gradescope.set_defaults(handler=gradescope_command)
    classroom = commands.add_parser(
        "classroom", help="write the GitHub Classroom workflow", description=classroom_command.__doc__
    )
    classroom.add_argument("--katas", default=DEFAULT_KATAS, help="the katas folder (default: katas)")
    classroom.add_argument("--out", default=str(WORKFLOW_PATH), help=f"default: {WORKFLOW_PATH}")
    classroom.add_argument("--python", default="3.12", help="the Python version the workflow sets up")
    classroom.set_defaults(handler=classroom_command)
    merge = commands.add_parser(
        "merge", help="merge sharded report folders into one", description=merge_command.__doc__
    )
    merge.add_argument("outs", nargs="+", metavar="OUT", help="report folders written by --mpkata-report")
    merge.add_argument("--into", required=True, help="the merged report folder (new)")
    merge.set_defaults(handler=merge_command)


def check_command(args: argparse.Namespace) -> int:
    """Check every kata's folder, files, numbering, mutant headers, generated READMEs and solutions/."""
    katas = Path(args.katas)
    problems = check_catalogue(katas)
    if args.run and not problems:
        problems = run_catalogue(katas)
    for problem in problems:
        print(problem)
    if problems:
        print(PROBLEMS.format(count=len(problems), katas=katas))
        return 1
    print(CLEAN.format(count=len(Repository(katas).catalogue()), katas=katas))
    return 0


def sync_command(args: argparse.Namespace) -> int:
    """Rewrite the README sections and tables generated from kata.toml, and solutions/."""
    changed = sync(Repository(Path(args.katas)))
    for path in changed:
        print(f"rewrote {path}")
    print(SYNCED.format(count=len(changed)))
    return 0


def new_command(args: argparse.Namespace) -> int:
    """Make katas/NN_<kata_id>/: kata.toml, README, starter, checks, solution stub, mutants/, variants/."""
    folder = new_kata(Path(args.katas), args.kata_id, args.title)
    print(CREATED.format(folder=folder))
    print("\n".join(NEXT_STEPS).format(katas=args.katas))
    return 0


def gradescope_command(args: argparse.Namespace) -> int:
    """Build a Gradescope autograder zip: setup.sh, run_autograder, the katas and this plugin's wheel."""
    problem = "" if args.allow_uncommitted else check_katas_committed(Path(args.katas))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    source = Path(args.source) if args.source else None
    out = build_bundle(Path(args.out), Path(args.katas), source, args.start_methods)
    print(BUNDLED.format(out=out))
    return 0


def classroom_command(args: argparse.Namespace) -> int:
    """Write .github/workflows/classroom.yml: one GitHub Classroom autograding step per kata."""
    out = write_workflow(Path(args.katas), Path(args.out), args.katas.rstrip("/"), args.python)
    print(WORKFLOW_WRITTEN.format(out=out))
    return 0


def merge_command(args: argparse.Namespace) -> int:
    """Merge report folders graded in shards (--mpkata-shard K/N) into one, as one run would write it."""
    into = Path(args.into)
    for note in merge_reports([Path(out) for out in args.outs], into):
        print(note)
    submissions = len(load_grades(into))
    print(MERGED.format(count=len(args.outs), into=into, submissions=submissions))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a usage problem (bad id, unreadable kata.toml) is one line and exit code 2."""
    args = parser().parse_args(argv)
    if hasattr(args, "katas") and not Path(args.katas).is_dir():
        print(NO_FOLDER.format(katas=args.katas), file=sys.stderr)
        return 2
    out = Path(args.out) if args.command in BUILDERS else None
    methods, python = getattr(args, "start_methods", None), getattr(args, "python", None)
    problem = first_problem(methods, python, out, BUILDERS.get(args.command, ""))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        code: int = args.handler(args)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
