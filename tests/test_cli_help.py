"""`--help` that teaches: every command's text reads as paragraphs at any terminal width, and
what it tells a user to run is there to run."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ([], ["extract"], ["classify"], ["train"], ["evaluate"], ["report"], ["review"], ["import-labels"], ["label"])
WIDTH = 60
runner = CliRunner()


def help_text(command: list[str], width: int) -> str:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": str(width), "TERMINAL_WIDTH": str(width)})
    assert result.exit_code == 0, result.output
    return result.output


def description(text: str) -> list[str]:
    """The lines between the usage line and the first box (arguments, options, commands)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "Usage:" in line) + 1
    end = next(i for i, line in enumerate(lines) if line.lstrip().startswith("╭"))
    return [line.rstrip() for line in lines[start:end]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "foi-nlp")
def test_help_paragraphs_fill_a_narrow_terminal(command: list[str]) -> None:
    """A line broken by the docstring, not by the terminal, ends a paragraph's line half-way: only a
    paragraph's last line (or a list item's) may stop short."""
    lines = description(help_text(command, WIDTH))
    assert any(lines), command
    short = [line for line, after in zip(lines, lines[1:] + [""])
             if line.strip() and after.strip() and not re.match(r"\s*[•*-] ", after) and len(line) < WIDTH // 2]
    assert not short, short


def test_what_help_tells_you_to_run_is_in_the_repository() -> None:
    """A script or benchmark named in a command's help exists (a help once named a script that did not)."""
    named = {path for command in COMMANDS for path in re.findall(r"\b((?:scripts|bench)/[\w.-]+\.\w+)", help_text(command, 200))}
    assert named, "no help names a script: the check below would check nothing"
    assert [path for path in named if not (ROOT / path).is_file()] == []
