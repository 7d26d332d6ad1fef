"""A rule's findings are the models ``Issue(...)`` builds, whichever way `LintRule` builds them.

``_new_issue`` builds the model directly when every value already has its field's
exact type, and leaves anything else to pydantic's validator: both must give what
the validating constructor gives, down to the fields set and the hash.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from newspost import loads
from newspost.validate import Context, Edit, Fix, Issue, LintRule, Options, Severity


class _Rule(LintRule):
    code = "NP990"
    name = "test-issue-build"
    severity = Severity.WARNING
    summary = "a finding"


def _context(path: str | None) -> Context:
    return Context(loads("---\ntitle: T\n---\nText.\n", path=path), Options())


def _hash(issue: Issue) -> int | str:
    try:
        return hash(issue)
    except TypeError as exc:  # a fix holds a list of edits
        return str(exc)


def _same(built: Issue, expected: Issue) -> None:
    assert type(built) is Issue
    assert built == expected
    assert built.model_dump() == expected.model_dump()
    assert built.model_dump_json() == expected.model_dump_json()
    assert built.__pydantic_fields_set__ == expected.__pydantic_fields_set__
    assert built.__pydantic_extra__ == expected.__pydantic_extra__
    assert built.__pydantic_private__ == expected.__pydantic_private__
    assert _hash(built) == _hash(expected)
    assert repr(built) == repr(expected)
    with pytest.raises(ValidationError):
        built.message = "changed"  # type: ignore[misc]


def _expected(
    rule: LintRule, ctx: Context, message: Any, line: Any, column: Any, fix: Any
) -> Issue:
    return Issue(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=message,
        path=ctx.post.path,
        line=line,
        column=column,
        fixable=fix is not None,
        fix=fix,
    )


_FIX = Fix(description="delete it", edits=[Edit(start=1, end=2, replacement="")])


@given(
    message=st.text(max_size=20),
    line=st.none() | st.integers(),
    column=st.none() | st.integers(),
    path=st.none() | st.text(min_size=1, max_size=10).filter(lambda p: "\x00" not in p),
    fix=st.sampled_from([None, _FIX]),
)
def test_exact_types_build_the_validated_model(
    message: str, line: int | None, column: int | None, path: str | None, fix: Fix | None
) -> None:
    rule, ctx = _Rule(), _context(path)
    built = rule._new_issue(ctx, message, line, column, fix)
    _same(built, _expected(rule, ctx, message, line, column, fix))


class _Text(str):
    pass


class _Number(int):
    pass


@pytest.mark.parametrize(
    ("message", "line", "column"),
    [
        (_Text("a str subclass"), 1, 1),
        ("a bool line", True, 1),
        ("an int subclass", _Number(3), _Number(4)),
        ("a digit string", "7", None),
    ],
)
def test_other_types_go_through_the_validator(message: Any, line: Any, column: Any) -> None:
    rule, ctx = _Rule(), _context("a.md")
    built = rule._new_issue(ctx, message, line, column, None)
    _same(built, _expected(rule, ctx, message, line, column, None))
    assert type(built.message) is str


def test_a_rule_with_a_string_severity_gets_the_enum() -> None:
    class Loose(_Rule):
        severity = "error"  # type: ignore[assignment]

    built = Loose()._new_issue(_context("a.md"), "m", 1, 1, None)
    assert built.severity is Severity.ERROR


@pytest.mark.parametrize(("line", "fix"), [("one", None), (1, "not a fix"), (1.5, None)])
def test_wrong_values_raise_as_the_constructor_does(line: Any, fix: Any) -> None:
    rule, ctx = _Rule(), _context("a.md")
    with pytest.raises(ValidationError):
        rule._new_issue(ctx, "m", line, 1, fix)
