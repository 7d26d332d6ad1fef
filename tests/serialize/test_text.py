"""The text format: readable plain text, tables aligned in display columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from newspost import Cell, Post, Table, dumps, load, loads
from newspost.serialize.text import display_width, render_table


def test_seed_outline_and_sources(seed_path: Path) -> None:
    text = dumps(load(seed_path), format="text")
    lines = text.splitlines()
    assert lines[0] == "# 디지털정부협력에 관한 양해각서 체결 서명 즉시 발효  행정안전부"
    assert lines[1] == "" and lines[2].startswith("## 한-영 ‘디지털정부 협력에 관한 양해각서’")
    assert [line for line in lines if line.startswith("#")][1:] == [
        "## 한-영 ‘디지털정부 협력에 관한 양해각서’ 체결... 서명 즉시 발효",
        "## 양해각서 내용",
        "## 양해각서의 중요성",
        "## 양해각서의 영국 내각부 장관 발언",
    ]
    assert lines[-1] == (
        "출처: 한-영 ‘디지털정부협력에 관한 양해각서’ 체결…서명 즉시 발효 - 행정안전부 — 뉴스다오 "
        "<httpss://newsdao.kr/2624>"
    )
    assert "빠르고 정확한" not in text  # the promo footer is left out
    assert "\n\n\n" not in text and text.endswith("\n") and not text.endswith("\n\n")


def test_paragraphs_are_one_line_each_never_wrapped() -> None:
    long = " ".join(["word"] * 80)
    post = loads(f"{long}\nstill the same paragraph.\n\nSecond.\n")
    assert dumps(post, format="text") == f"{long} still the same paragraph.\n\nSecond.\n"


def test_levels_lists_quotes_and_code() -> None:
    post = loads(
        "---\ntitle: T\n---\n# One\n\n- a\n- b\n\n1. first\n2. second\n\n"
        "### Three\n\n> quoted\n\n```\ncode  kept\n```\n\n---\n\n![alt](x.png)\n"
    )
    assert dumps(post, format="text") == (
        "# T\n\n# One\n\n- a\n- b\n\n1. first\n2. second\n\n### Three\n\n> quoted\n\ncode  kept\n"
    )


def _table(*rows: list[str], header: list[str] | None = None) -> Table:
    return Table(
        header=[Cell(text=text, is_header=True) for text in header or []],
        rows=[[Cell(text=text) for text in row] for row in rows],
    )


def test_wide_characters_align() -> None:
    table = _table(
        ["10:45", "한림페리11호", "8,000원"],
        ["9:00", "ｶﾅ", "무료"],
        header=["출발", "선박명", "요금"],
    )
    lines = render_table(table).splitlines()
    assert lines == [
        "출발   선박명        요금",
        "-----  ------------  -------",
        "10:45  한림페리11호  8,000원",
        "9:00   ｶﾅ            무료",
    ]
    # The second column starts at the same display column on every line.
    starts = [
        display_width(lines[n][: lines[n].index(cell)])
        for n, cell in ((0, "선박명"), (2, "한림"), (3, "ｶﾅ"))
    ]
    assert starts == [7, 7, 7] and lines[1].index("  -") + 2 == 7


def test_ragged_rows_captions_and_empty_tables() -> None:
    table = Table(caption="Fares", rows=[[Cell(text="a")], [Cell(text="b"), Cell(text="c")]])
    assert render_table(table) == "Fares\na\nb  c"
    assert render_table(Table()) == ""


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("abc", 3),
        ("한국", 4),
        ("日本語", 6),
        ("ｱｲ", 2),
        ("é", 1),
        ("e\u0301", 1),
        ("👍", 2),
        ("", 0),
    ],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_sources_without_url_or_title() -> None:
    post = loads(
        "Body text here.\n\n출처: 연합뉴스\n\nSource: <a href='https://a.org/x'>A story</a>\n"
    )
    assert dumps(post, format="text").splitlines()[-2:] == [
        "출처: 연합뉴스",
        "Source: A story <https://a.org/x>",
    ]


def test_empty_post() -> None:
    assert dumps(loads(""), format="text") == ""
    assert (
        dumps(Post.model_validate(loads("---\ntitle: Only\n---\n").model_dump()), format="text")
        == "# Only\n"
    )


def test_examples_and_corpus_sample_give_text(example_posts: list[Post]) -> None:
    for post in example_posts:
        text = dumps(post, format="text")
        assert text.startswith("# ") and "\n\n\n" not in text, post.path
        for section in post.walk_sections():
            assert f"{'#' * section.level} {section.title}".rstrip() in text
