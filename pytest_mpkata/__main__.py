"""``python -m pytest_mpkata``: the kata authors' commands (check, sync, new); a switchboard."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pytest_mpkata.kata.scaffold import new_kata
from pytest_mpkata.kata.selfcheck import check_catalogue
from pytest_mpkata.kata.selfrun import run_catalogue
from pytest_mpkata.kata.sync import Repository, sync

DEFAULT_KATAS = "katas"
DESCRIPTION = "Kata authors' commands: check the catalogue, sync its generated files, start a new kata."
CLEAN = "{count} katas in {katas}: no problem found."
PROBLEMS = "{count} problem(s) found in {katas}."
SYNCED = "{count} file(s) rewritten."
CREATED = "Created {folder}. Next: write its README, checks, solution.py, mutants and variants, then run:"
NO_FOLDER = "{katas}: no such folder; expected the katas folder, e.g. python -m pytest_mpkata check katas"
NEXT_STEPS = ("  python -m pytest_mpkata sync {katas}", "  python -m pytest_mpkata check {katas} --run")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m pytest_mpkata", description=DESCRIPTION)
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
    return main


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a usage problem (bad id, unreadable kata.toml) is one line and exit code 2."""
    args = parser().parse_args(argv)
    if not Path(args.katas).is_dir():
        print(NO_FOLDER.format(katas=args.katas), file=sys.stderr)
        return 2
    try:
        code: int = args.handler(args)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
