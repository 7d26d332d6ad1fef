"""The seed post (tests/fixtures/seed.md): every fault it was chosen for, at its true line."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES
from newspost import load, loads
from newspost.validate import Issue
from rule_support import apply_edits, run, untouched_outside

SEED = FIXTURES / "seed.md"


@pytest.fixture(scope="module")
def issues() -> list[Issue]:
    return run(load(SEED))


def _at(issues: list[Issue], code: str) -> list[int | None]:
    return sorted(issue.line or 0 for issue in issues if issue.code == code)


def test_invalid_scheme_on_both_links(issues: list[Issue]) -> None:
    assert _at(issues, "NP301") == [16, 44]


def test_rel_dofollow_on_both_links(issues: list[Issue]) -> None:
    assert _at(issues, "NP303") == [16, 44]


def test_title_differs_from_headline_and_source(issues: list[Issue]) -> None:
    (issue,) = [i for i in issues if i.code == "NP105"]
    assert issue.line == 2
    assert "headline" in issue.message and "source title" in issue.message


def test_repeated_spaces_in_the_title(issues: list[Issue]) -> None:
    (issue,) = [i for i in issues if i.code == "NP106"]
    assert (issue.line, issue.column) == (2, 36)
    assert issue.fixable


def test_cut_off_excerpt(issues: list[Issue]) -> None:
    assert _at(issues, "NP107") == [5]


def test_bold_table_header_at_the_table(issues: list[Issue]) -> None:
    (issue,) = [i for i in issues if i.code == "NP206"]
    assert (issue.line, issue.column) == (30, 1)


def test_every_position_is_in_the_file(issues: list[Issue]) -> None:
    lines = SEED.read_text("utf-8").split("\n")
    for issue in issues:
        assert issue.line is not None and 1 <= issue.line <= len(lines), issue
        assert issue.column is not None and 1 <= issue.column <= len(lines[issue.line - 1]) + 1, (
            issue
        )


def test_all_fixes_together_repair_the_seed(issues: list[Issue]) -> None:
    text = SEED.read_text("utf-8")
    edits = [edit for issue in issues if issue.fix for edit in issue.fix.edits]
    fixed = apply_edits(text, edits)
    assert untouched_outside(text, fixed, edits)
    after = run(loads(fixed, path=Path(SEED.name)))
    assert [i.code for i in after if i.fixable] == []
    assert 'href="https://newsdao.kr/2624">' in fixed
    assert "title: 디지털정부협력에 관한 양해각서 체결 서명 즉시 발효 행정안전부\n" in fixed
    assert "<th style=" in fixed
