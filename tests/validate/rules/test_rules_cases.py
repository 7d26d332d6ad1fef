"""Every rule against its examples in ``cases/NPxxx.yml``: it fires where it must, at the
right line and column, and stays quiet on the passing examples; fixes repair the post."""

from __future__ import annotations

import pytest

from newspost import loads
from rule_support import Case, apply_edits, load_cases, run_rule, untouched_outside

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case: Case) -> None:
    post = loads(case.post, path=case.path)
    found = run_rule(case.code, post, **case.options)
    if case.passes:
        assert found == [], [f"{i.line}:{i.column} {i.message}" for i in found]
        return
    got = [f"{i.line}:{i.column} {i.message}" for i in found]
    assert len(found) == len(case.fail), got
    for issue, want in zip(found, case.fail, strict=True):
        assert issue.code == case.code
        assert issue.line == want["line"], got
        if "column" in want:
            assert issue.column == want["column"], got
        if "message" in want:
            assert want["message"] in issue.message, got
        assert issue.fixable == (issue.fix is not None)
        if case.fix:
            assert issue.fix is not None, f"{issue.message} has no fix"


FIXABLE = [case for case in CASES if case.fix]


@pytest.mark.parametrize("case", FIXABLE, ids=[case.id for case in FIXABLE])
def test_fix(case: Case) -> None:
    """The fixes, applied to the original text, give a post that parses and passes the rule,
    with every byte outside the edited spans unchanged."""
    post = loads(case.post, path=case.path)
    edits = [
        edit
        for issue in run_rule(case.code, post, **case.options)
        if issue.fix
        for edit in issue.fix.edits
    ]
    assert edits
    fixed = apply_edits(post.raw.text, edits)
    assert fixed != post.raw.text
    assert untouched_outside(post.raw.text, fixed, edits)
    again = loads(fixed, path=case.path)
    assert [i.message for i in run_rule(case.code, again, **case.options)] == []


def test_every_fixable_finding_in_the_cases_is_tested() -> None:
    """A case whose findings carry fixes must say ``fix: true``, so its fix is checked."""
    for case in CASES:
        if case.passes or case.fix:
            continue
        post = loads(case.post, path=case.path)
        fixable = [i.message for i in run_rule(case.code, post, **case.options) if i.fix]
        assert not fixable, f"{case.id}: mark it 'fix: true' ({fixable})"
