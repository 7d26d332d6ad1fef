"""``trusted`` builds the same models as their validating constructors, only without the checks."""

from __future__ import annotations

import pickle

import pytest

from helpers import FIXTURES
from newspost import load
from newspost.model import Cell, Link, Paragraph, Post, RawText, Table
from newspost.model._base import trusted
from newspost.validate import Config, Issue, Severity, check_file
from newspost.validate._rule import Edit, Fix


def test_trusted_equals_the_validated_model() -> None:
    link = Link(url="https://example.org", text="Example", rel=["nofollow"], line=3)
    assert (
        trusted(Link, url="https://example.org", text="Example", rel=["nofollow"], line=3) == link
    )
    paragraph = trusted(Paragraph, text="Hi", html="<b>Hi</b>", links=[link], line=2)
    assert paragraph == Paragraph(text="Hi", html="<b>Hi</b>", links=[link], line=2)
    assert paragraph.kind == "paragraph" and paragraph.images == []
    assert paragraph.model_fields_set == {"text", "html", "links", "line"}
    assert Paragraph.model_validate_json(paragraph.model_dump_json()) == paragraph


def test_trusted_fills_defaults_and_fresh_factories() -> None:
    first, second = trusted(Table), trusted(Table)
    assert first == Table() and first.header_source == "none"
    assert first.rows is not second.rows  # a default factory runs for each model
    assert list(Table.model_fields) == list(vars(first))  # fields in declared order


def test_trusted_models_stay_frozen() -> None:
    cell = trusted(Cell, text="a")
    with pytest.raises(ValueError, match="frozen"):
        cell.text = "b"  # type: ignore[misc]


def test_trusted_names_a_missing_or_unknown_field() -> None:
    with pytest.raises(TypeError, match="required field 'text'"):
        trusted(Cell)
    with pytest.raises(TypeError, match="not a field: colour"):
        trusted(Cell, text="a", colour="red")


def test_trusted_post_round_trips() -> None:
    raw = trusted(RawText, text="Body\n", format="none")
    post = trusted(Post, raw=raw, lead=[trusted(Paragraph, text="Body", html="Body", line=1)])
    assert Post.model_validate_json(post.model_dump_json()) == post


def test_models_pickle_as_their_field_values() -> None:
    post = load(FIXTURES / "seed.md")
    assert pickle.loads(pickle.dumps(post)) == post
    report = check_file(FIXTURES / "seed.md", Config())
    assert any(issue.fix is not None for issue in report.issues)
    again = pickle.loads(pickle.dumps(report))
    assert again == report
    assert [i.fix for i in again.issues] == [i.fix for i in report.issues]
    assert again.model_fields_set == report.model_fields_set
    # The values alone: pydantic's own pickles name every field of every model.
    assert b"__pydantic_fields_set__" not in pickle.dumps(report)
    assert b"severity" not in pickle.dumps(report)


def test_a_model_with_defaults_left_unset_pickles_as_pydantic_does() -> None:
    issue = Issue(code="NP100", name="x", severity=Severity.ERROR, message="m")
    again = pickle.loads(pickle.dumps(issue))
    assert again == issue
    assert again.model_fields_set == {"code", "name", "severity", "message"}
    assert again.model_dump(exclude_unset=True) == issue.model_dump(exclude_unset=True)
    fix = Fix(description="d", edits=[Edit(start=0, end=1, replacement="")])
    assert pickle.loads(pickle.dumps(fix)) == fix
