"""The README's commands use options the plugin really has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_quickstart_is_two_commands_and_runs_the_katas() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in quickstart.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    assert commands[0].endswith("pytest katas") and "pip install" in commands[0]


def test_every_option_the_readme_names_exists(pytester: pytest.Pytester) -> None:
    named = sorted(set(re.findall(r"--mpkata-[a-z-]+", README)))
    result = pytester.runpytest_subprocess("--help", timeout=60)
    for option in named:
        result.stdout.fnmatch_lines([f"*{option}*"])
    assert len(named) >= 8
