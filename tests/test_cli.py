"""The command line: show and schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT
from newspost.cli import main


def test_show_outlines_the_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(ROOT / "examples")]) == 0
    out = capsys.readouterr().out
    assert "## 양해각서 내용  line 21" in out
    assert "header (bold): 디지털정부 협력 계획, 영국 내각부의 노력" in out
    assert "출처: 한-영" in out and "<httpss://newsdao.kr/2624>" in out
    assert "footer" in out and "Typecasting" in out


def test_show_reports_broken_files_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(FIXTURES / "2024-07-30-4336.md"), str(FIXTURES / "seed.md")]) == 1
    captured = capsys.readouterr()
    assert "2024-07-30-4336.md:2:13:" in captured.err and "hint:" in captured.err
    assert "Traceback" not in captured.err
    assert "seed.md" in captured.out


def test_show_missing_file_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["show", str(tmp_path / "nope.md")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_schema_is_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Post" and "front_matter" in schema["properties"]


def test_module_entry_point_and_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newspost", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("newspost ")
