"""Pelican's (MultiMarkdown's) header of ``Key: value`` lines: found, read, written back."""

from __future__ import annotations

import datetime as dt
import string
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newspost import FormatError, LimitError, NewsPostError, dumps, load, loads, validate
from newspost.validate import check_file

PELICAN = """\
Title: My super title
Date: 2010-12-03 10:20
Modified: 2010-12-05 19:30
Category: Python Tips
Tags: pelican, publishing
Slug: my-super-post
Authors: Alexis Metaireau, Conrad Kleinespel
Summary: Short version for index
    and feeds

This is the content of my super blog post.
"""


def test_pelicans_example_is_read_as_pelican_reads_it() -> None:
    post = loads(PELICAN, path="content/my-super-post.md")
    fm = post.front_matter
    assert post.raw.format == "pelican"
    assert (post.raw.generator, post.flavor) == ("pelican", "commonmark")  # not Hugo's content/
    assert fm.title == "My super title"
    assert fm.date == dt.datetime(2010, 12, 3, 10, 20)
    assert fm.categories == ["Python Tips"]  # one category, spaces and all
    assert fm.tags == ["pelican", "publishing"]
    assert fm.slug == "my-super-post"
    assert fm.author == ["Alexis Metaireau", "Conrad Kleinespel"]
    assert fm.excerpt == "Short version for index\nand feeds"
    assert fm.extra == {"modified": "2010-12-05 19:30"}
    assert post.raw.key_lines == {
        "title": 1,
        "date": 2,
        "modified": 3,
        "categories": 4,
        "tags": 5,
        "slug": 6,
        "author": 7,
        "excerpt": 8,
    }
    assert post.raw.key_aliases["excerpt"] == "Summary"
    assert post.raw.key_aliases["categories"] == "Category"
    assert post.raw.body_line == 11
    assert post.lead[0].text == "This is the content of my super blog post."
    assert post.lead[0].line == 11
    assert dumps(post) == PELICAN


@pytest.mark.parametrize(
    "text",
    [
        PELICAN.replace("\n", "\r\n"),
        PELICAN.replace("\n", "\r"),
        "\ufeff" + PELICAN,
        "Title: Only a header",
        "Title: Only a header\n",
        "Title: A blank line of spaces\n   \t\nBody\n",
        "title: lower case\nDATE: 2024-01-02\n\nBody\n",
        "   Title: up to three spaces before a key\n\nBody\n",
        "Title:no space after the colon\n\nBody\n",
        "Title:\nTags:\n\nEmpty values\n",
    ],
)
def test_headers_round_trip_byte_for_byte(text: str) -> None:
    post = loads(text, path="post.md")
    assert post.raw.format == "pelican"
    assert post.front_matter.title is not None
    assert dumps(post) == text


def test_a_header_keeps_its_line_endings_and_lines() -> None:
    post = loads(PELICAN.replace("\n", "\r"), path="post.md")
    assert post.raw.key_lines["excerpt"] == 8
    assert post.lead[0].line == 11
    post = loads("\ufeff" + PELICAN.replace("\n", "\r\n"))
    assert post.front_matter.excerpt == "Short version for index\nand feeds"
    assert post.raw.body_line == 11


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("Note: this is prose that opens with a colon.\n\nMore prose.\n", "post.md"),
        ("Update: the ministry said on Monday\n\nMore.\n", "post.md"),
        ("Title: a first line of prose\nthat goes on.\n\nMore.\n", "post.md"),
        ("Title: x\n\tTab-indented continuation\n\nBody\n", "post.md"),
        ("Title: x\n  Two spaces are no continuation\n\nBody\n", "post.md"),
        ("Title: x\nBase Header Level: 2\n\nBody\n", "post.md"),  # a key with spaces
        ("Title: x\n---\n\nBody\n", "post.md"),
        ("Title : a space before the colon\n\nBody\n", "post.md"),
        ("Date: early June, says the report\n\nBody\n", "post.md"),  # no date: prose
        ("Date: 2024-13-45\n\nBody\n", "post.md"),
        ("http://example.com/a\n\nBody\n", "post.md"),
        ("Title: x\n\nBody\n", "post.html"),
        ("Title: x\n\nBody\n", "notes.txt"),
        ("\nTitle: after a blank first line\n\nBody\n", "post.md"),
        ("제목: 한국어 키\n\n본문\n", "post.md"),
        ("<p>Title: in HTML</p>\n", "post.md"),
        ("    Title: an indented code block\n\nBody\n", "post.md"),
        ("", "post.md"),
        # YAML front matter that lost its --- lines (NP118 reports it), not a header:
        ("Title: x\nDate: 2024-06-12\n\nBody\n", "_posts/2024-06-12-x.md"),  # Jekyll's
        ("Title: x\nDate: 2024-06-12\n\nBody\n", "site\\_drafts\\x.md"),
        ('title: "Quoted as YAML quotes"\ndate: 2024-06-12\n\nBody\n', "post.md"),
        ("title: x\ntags: [a, b]\n\nBody\n", "post.md"),
        ("title: x\nsummary: |\n    a block scalar\n\nBody\n", "post.md"),
    ],
)
def test_what_is_no_header(text: str, path: str) -> None:
    post = loads(text, path=path)
    assert post.raw.format == "none"
    assert post.front_matter.title is None
    assert post.raw.body_start == 0
    assert dumps(post) == text


def test_no_corpus_post_is_taken_for_a_pelican_post(corpus: Path) -> None:
    headerless = list((corpus / "tistory-dump").rglob("*.md"))
    assert len(headerless) > 10
    for path in headerless:
        assert load(path).raw.format == "none", path
    for path in corpus.rglob("*.md"):
        try:
            post = load(path)
        except NewsPostError:
            continue  # front matter that does not parse: it has its delimiters
        assert post.raw.format != "pelican", path


def test_keys_are_read_in_any_case_and_the_first_of_a_repeated_key_wins() -> None:
    post = loads("TITLE: First\ntitle: Second\nLang: en\n\nBody\n")
    assert post.front_matter.title == "First"
    assert post.raw.key_lines["title"] == 1
    assert post.raw.key_aliases == {"title": "TITLE", "lang": "Lang"}
    assert post.front_matter.extra == {"lang": "en"}


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("Tags: a b, c", "tags", ["a b", "c"]),
        ("Tags: a, b; c", "tags", ["a, b", "c"]),  # Pelican splits on ";" when there is one
        ("Tags: a, a, , b", "tags", ["a", "b"]),
        ("Category: News, Politics", "categories", ["News, Politics"]),
        ("Categories: News, Politics", "categories", ["News", "Politics"]),
        ("Author: Kim, Lee", "author", "Kim, Lee"),
        ("Authors: Kim; Lee", "author", ["Kim", "Lee"]),
        ("Summary: short", "excerpt", "short"),
        ("Image: /a.png", "image", "/a.png"),
        ("Date: 2024-06-12", "date", dt.date(2024, 6, 12)),
        ("Date: 2024-06-12T10:00:00+09:00", "date", "2024-06-12T10:00:00+09:00"),
    ],
)
def test_values_are_read_as_pelican_reads_them(line: str, field: str, value: object) -> None:
    fm = loads(f"Title: T\n{line}\n\nBody\n").front_matter
    got = getattr(fm, field)
    assert (got.isoformat() if isinstance(value, str) and field == "date" else got) == value


def test_a_fields_own_key_wins_over_pelicans_name_for_it() -> None:
    fm = loads("Title: T\nSummary: s\nExcerpt: e\nAuthors: a, b\nAuthor: c\n\nx\n").front_matter
    assert (fm.excerpt, fm.author) == ("e", "c")
    assert fm.extra == {"summary": "s", "authors": ["a", "b"]}


def test_a_post_without_a_date_key_is_dated_by_its_file_name() -> None:
    assert loads("Title: T\n\nx\n", path="2024-06-12-t.md").date == dt.date(2024, 6, 12)


# -- writing changes back --------------------------------------------------------------


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in after.splitlines() if line not in before.splitlines()]


def test_a_changed_key_rewrites_only_its_lines() -> None:
    post = loads(PELICAN, path="content/a.md")
    edited = post.with_front_matter(title="New title", tags=["a", "b"])
    out = dumps(edited)
    assert _changed_lines(PELICAN, out) == ["Title: New title", "Tags: a, b"]
    assert len(out.splitlines()) == len(PELICAN.splitlines())
    assert loads(out, path="content/a.md").front_matter == edited.front_matter


def test_a_removed_key_takes_its_continuation_lines_along() -> None:
    out = dumps(loads(PELICAN).with_front_matter(excerpt=None))
    assert "Summary" not in out and "and feeds" not in out
    assert out.endswith("Conrad Kleinespel\n\nThis is the content of my super blog post.\n")


def test_new_keys_follow_the_last_key_spelt_as_the_file_spells_keys() -> None:
    out = dumps(loads(PELICAN).with_front_matter(image="/a.png", layout="post"))
    assert "    and feeds\nImage: /a.png\nLayout: post\n\nThis is" in out
    lower = dumps(loads("title: x\n\nBody\n").with_front_matter(excerpt="E", author=["a"]))
    assert lower == "title: x\nsummary: E\nauthors: a\n\nBody\n"


def test_changes_keep_the_files_line_endings() -> None:
    text = "Title: x\r\n\r\nBody\r\n"
    out = dumps(loads(text).with_front_matter(title="y\nz", slug="s"))
    assert out == "Title: y\r\n    z\r\nSlug: s\r\n\r\nBody\r\n"
    assert loads(out).front_matter.title == "y\nz"


def test_a_key_added_to_a_header_that_is_the_whole_file() -> None:
    out = dumps(loads("Title: x").with_front_matter(slug="s"))
    assert out == "Title: x\nSlug: s\n"


def test_values_are_written_as_text() -> None:
    post = loads("Title: x\n\nBody\n").with_front_matter(
        date=dt.datetime(2024, 6, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9))),
        tags=["a, b", "c"],
        categories=["One category"],
        published=False,
    )
    out = dumps(post)
    assert out == (
        "Title: x\nDate: 2024-06-12 10:00:00+09:00\nCategory: One category\n"
        "Tags: a, b; c\nPublished: false\n\nBody\n"
    )
    assert loads(out).front_matter == post.front_matter


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"categories": ["A", "B"]}, "Pelican reads it as one"),
        ({"title": "one\n\ntwo"}, "blank line"),
        ({"params": {"a": 1}}, "cannot write a dict"),
        ({"tags": ["a, b", "c; d"]}, "cannot write the list"),
        ({"my key": "x"}, "cannot write the key"),
    ],
)
def test_what_a_header_cannot_hold_is_a_format_error(
    changes: dict[str, object], message: str
) -> None:
    post = loads(PELICAN, path="content/a.md").with_front_matter(**changes)
    with pytest.raises(FormatError) as caught:
        dumps(post)
    assert message in caught.value.message
    assert caught.value.path == "content/a.md" and caught.value.hint


# -- properties ----------------------------------------------------------------------------

_KEYS = st.sampled_from(["Title", "title", "Date", "Tags", "Category", "Summary", "Lang", "x-y_1"])
_VALUE = st.text(
    st.characters(blacklist_categories=["Cs", "Zl", "Zp"], blacklist_characters="\r\n\x85"),
    max_size=30,
)
_LINE = st.one_of(
    st.tuples(_KEYS, st.sampled_from([":", ": ", ":  "]), _VALUE).map("".join),
    _VALUE.filter(str.strip).map(lambda value: "    " + value),
)
_BODY = st.text(max_size=60)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(_LINE, min_size=1, max_size=6),
    st.sampled_from(["\n", "\r\n", "\r"]),
    _BODY,
)
def test_any_header_round_trips(lines: list[str], newline: str, body: str) -> None:
    text = newline.join(["Title: T", *lines, "", body])
    post = loads(text, path="a.md")
    assert dumps(post) == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_opening_with_a_known_key_round_trips(rest: str) -> None:
    text = "Title: " + rest
    assert dumps(loads(text, path="a.md")) == text


_WORD = st.text(string.ascii_letters + string.digits + " -_.'", min_size=1, max_size=12).filter(
    lambda word: word.strip() == word
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "title": st.one_of(st.none(), _WORD),
            "excerpt": st.one_of(st.none(), st.lists(_WORD, min_size=1, max_size=3).map("\n".join)),
            "tags": st.lists(_WORD, max_size=4, unique=True),
            "categories": st.lists(_WORD, max_size=1),
            "author": st.one_of(_WORD, st.lists(_WORD, min_size=1, max_size=3, unique=True)),
            "lang": _WORD,
        },
    )
)
@example({"tags": ["'0", "'"]})  # written "'0, '": YAML's quoting, refused
def test_edits_read_back_as_they_were_made(changes: dict[str, object]) -> None:
    post = loads(PELICAN, path="content/a.md")
    edited = post.with_front_matter(**changes)
    try:
        written = dumps(edited)
    except FormatError as exc:
        # A value that opens and closes as YAML's quoting would make the header YAML's.
        assert "reads as YAML" in str(exc)
        return
    again = loads(written, path="content/a.md")
    expected = edited.front_matter
    if isinstance(expected.author, str) and "author" in changes:
        # Authors is Pelican's list: one name written there reads back as a list of one.
        expected = expected.replace(author=[expected.author])
    assert again.front_matter == expected
    assert again.body == post.body


# -- rules read the header's lines ---------------------------------------------------------


def test_rules_report_at_the_keys_line(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text("Title:  Two  spaces\nTags: a\nModified: next week\n\nBody {{< x >}}\n")
    issues = {issue.code: issue for issue in check_file(path).issues}
    assert (issues["NP106"].line, issues["NP106"].column) == (1, 12)
    assert issues["NP109"].line == 3 and issues["NP109"].message.startswith("Modified ")
    assert "Pelican post" in issues["NP213"].message and issues["NP213"].line == 5


def test_a_header_over_the_size_limit_is_refused_without_reading_it_all() -> None:
    text = "Title: x\n" + "    more\n" * 900_000 + "\nBody\n"
    started = time.perf_counter()
    with pytest.raises(LimitError) as caught:
        loads(text)
    assert caught.value.limit == "max_front_matter_bytes"
    assert time.perf_counter() - started < 2.0


def test_a_fix_stays_on_its_line_when_lines_end_in_a_lone_cr() -> None:
    post = loads("Title: a  b\rSummary: x  y\r\rBody\r")
    fixes = [issue.fix for issue in validate(post).issues if issue.code == "NP106"]
    assert len(fixes) == 1 and fixes[0] is not None
    assert [(edit.start, edit.end) for edit in fixes[0].edits] == [(8, 10)]


@pytest.mark.parametrize(("key", "value"), [("title", "'Quoted'"), ("tags", ["[a", "b]"])])
def test_a_value_that_would_read_as_yaml_is_refused(key: str, value: object) -> None:
    # Written as is, it would make the whole header YAML's, which no generator reads.
    post = loads(PELICAN, path="content/a.md")
    with pytest.raises(FormatError, match="reads as YAML"):
        dumps(post.with_front_matter(**{key: value}))
    # Inside the text, quotes are the value's own.
    assert loads(dumps(post.with_front_matter(title="It's 'fine'")), path="content/a.md").title == (
        "It's 'fine'"
    )
