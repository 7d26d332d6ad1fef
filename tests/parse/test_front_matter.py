"""Front matter: splitting, the three syntaxes, types, dates, errors with locations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newspost import EncodingError, FrontMatterError, NewsPostError, dumps, loads, to_jsonld

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_yaml_known_fields_and_extra_in_file_order() -> None:
    post = loads("---\nzeta: 1\ntitle: T\nalpha: [1, 2]\ntags: a b\nmid: x\n---\nbody\n")
    fm = post.front_matter
    assert fm.title == "T"
    assert fm.tags == ["a", "b"]
    assert list(fm.extra) == ["zeta", "alpha", "mid"]  # never sorted


@pytest.mark.parametrize(
    ("value", "expected"),
    [("News", ["News"]), ("[A, B]", ["A", "B"]), ("'A, B'", ["A", "B"]), ("", [])],
)
def test_categories_string_or_list(value: str, expected: list[str]) -> None:
    assert loads(f"---\ncategories: {value}\n---\n").front_matter.categories == expected


def test_date_keeps_offset() -> None:
    post = loads("---\ndate: 2010-05-13 16:39:43+02:00\n---\n")
    assert post.date == dt.datetime(
        2010, 5, 13, 16, 39, 43, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )


def test_jekyll_date_string_with_offset() -> None:
    post = loads("---\ndate: 2024-06-12 10:00:00 +0900\n---\n")
    assert isinstance(post.date, dt.datetime)
    assert post.date.utcoffset() == dt.timedelta(hours=9)


def test_bare_date_stays_a_date() -> None:
    post = loads("---\ndate: 2024-06-12\n---\n")
    assert post.date == dt.date(2024, 6, 12)
    assert not isinstance(post.date, dt.datetime)


def test_date_from_jekyll_file_name() -> None:
    post = loads("---\ntitle: x\n---\n", path="_posts/2024-06-27-hello.md")
    assert post.date == dt.date(2024, 6, 27)
    assert dumps(post) == "---\ntitle: x\n---\n"  # nothing is written for it


def test_date_from_the_folder_of_an_index() -> None:
    # Docusaurus dates "blog/2023-08-01-v3-beta/index.md" by its folder, and WordPress
    # exporters write posts as such folders.
    post = loads("---\ntitle: x\n---\n", path="blog/2023-08-01-v3-beta/index.md")
    assert post.date == dt.date(2023, 8, 1)
    assert dumps(post) == "---\ntitle: x\n---\n"
    assert loads("---\ntitle: x\n---\n", path="posts/2023-08-01-a/other.md").date is None
    assert loads("---\ntitle: x\n---\n", path="posts/launch/index.md").date is None


def test_toml_front_matter() -> None:
    text = '+++\ntitle = "Hugo"\ndate = 2012-11-10T14:44:27Z\ntags = ["a", "b"]\n+++\n<h2>Hi</h2>\n'
    post = loads(text)
    assert post.raw.format == "toml"
    assert post.front_matter.tags == ["a", "b"]
    assert post.date == dt.datetime(2012, 11, 10, 14, 44, 27, tzinfo=dt.timezone.utc)
    assert post.flavor == "goldmark"
    assert post.sections[0].title == "Hi"
    assert dumps(post) == text


def test_json_front_matter() -> None:
    text = '{\n  "title": "J",\n  "categories": ["x"]\n}\n\n## Body\n'
    post = loads(text)
    assert post.raw.format == "json"
    assert post.front_matter.title == "J"
    assert post.raw.key_lines == {"title": 2, "categories": 3}
    assert dumps(post) == text


def test_no_front_matter() -> None:
    post = loads("<h2>  Only a heading</h2>\n<p>text</p>\n", path="posts/[250505-til]-polling.md")
    assert post.raw.format == "none"
    assert post.front_matter.title is None
    assert post.title == "Only a heading"
    assert dumps(post) == "<h2>  Only a heading</h2>\n<p>text</p>\n"


def test_title_from_file_name_when_nothing_else() -> None:
    assert loads("just text\n", path="_posts/2024-01-02-my-first_post.md").title == "my first post"


def test_liquid_or_shortcode_at_start_is_not_json() -> None:
    assert loads("{% include x.html %}\n").raw.format == "none"
    assert loads("{{< figure src=x >}}\n").raw.format == "none"


def test_bom_and_crlf_round_trip() -> None:
    text = "\ufeff---\r\ntitle: BOM\r\n---\r\n\r\n## Head\r\n\r\nText\r\n"
    post = loads(text.encode("utf-8"))
    assert post.front_matter.title == "BOM"
    assert post.sections[0].title == "Head"
    assert post.sections[0].line == 5
    assert dumps(post).encode("utf-8") == text.encode("utf-8")


def test_crlf_fixture_closes_front_matter() -> None:
    post = loads((FIXTURES / "2023-05-21-crlf.md").read_bytes())
    assert post.front_matter.title == "openSUSE.Asia Summit 2023 Announcement"
    assert post.sections[0].line == 16


def test_empty_body_and_empty_front_matter() -> None:
    assert loads("---\n---\n").front_matter.title is None
    post = loads("---\ntitle: x\n---\n")
    assert post.lead == [] and post.sections == [] and post.body == ""


def test_dashes_inside_body_are_not_front_matter() -> None:
    post = loads("---\ntitle: x\n---\nText\n\n---\n\nMore\n")
    assert [b.kind for b in post.lead] == ["paragraph", "rule", "paragraph"]


# gohugoio/hugoDocs, content/en/news/0.62.2-relnotes/index.md (cut): the file opens with
# a blank line, which Hugo's page parser (and Zola) skip before the front matter.
HUGO_LEADING_BLANK = """
---
date: 2020-01-05
title: "Hugo 0.62.2: A couple of Bug Fixes"
images:
- images/blog/hugo-bug-poster.png

---

The main driving force behind these patch releases in the new year has been getting a good story.
"""


def test_blank_lines_before_the_front_matter_of_a_hugo_post() -> None:
    post = loads(HUGO_LEADING_BLANK, path="content/en/news/0.62.2-relnotes/index.md")
    assert post.raw.format == "yaml"
    assert post.front_matter.title == "Hugo 0.62.2: A couple of Bug Fixes"
    assert post.front_matter.date == dt.date(2020, 1, 5)
    assert [b.kind for b in post.lead] == ["paragraph"] and post.lead[0].line == 10
    assert dumps(post) == HUGO_LEADING_BLANK
    assert dumps(post.with_front_matter(title="New")).startswith("\n---\ndate: 2020-01-05\n")
    # Jekyll reads no front matter there: a post outside content/ is read as written.
    assert loads(HUGO_LEADING_BLANK, path="_posts/2020-01-05-relnotes.md").raw.format == "none"
    with pytest.raises(FrontMatterError) as info:
        loads("\n\n+++\ntitle = 'x'\n", path="content/a.md")
    assert info.value.line == 3 and "on line 3" in info.value.message


def test_unclosed_front_matter_is_an_error() -> None:
    with pytest.raises(FrontMatterError) as info:
        loads("---\ntitle: x\n\nbody\n", path="a.md")
    assert (info.value.path, info.value.line) == ("a.md", 1)
    assert "never closed" in info.value.message and info.value.hint


def test_a_closing_delimiter_at_the_end_of_a_line_is_named() -> None:
    # A Blogger export on a Jekyll blog (marcusoft.net, 2009-02-11-sprint-planner-helper).
    text = (
        "---\nlayout: post\ntitle: Sprint Planner Helper – Session 7\n"
        "blogger_orig_url: http://www.marcusoft.net/2009/02/sprint-planner-helper-part-8.html ---\n"
        "\nI’ve been doing some major reworking of the repository --- a big one.\n"
    )
    with pytest.raises(FrontMatterError) as info:
        loads(text)
    assert info.value.hint == "line 4 ends with ---: put it on a line of its own"


@pytest.mark.parametrize(
    ("name", "line", "column", "hint_part"),
    [
        ("2024-06-27-433.md", 3, 1, "one line, quoted"),  # a title over several lines
        ("2024-07-08-1543.md", 4, 1, "one line, quoted"),
        ("2024-07-30-4336.md", 2, 13, "quote the whole title"),  # a title starting with [
    ],
)
def test_broken_front_matter_is_located(name: str, line: int, column: int, hint_part: str) -> None:
    from newspost import load

    with pytest.raises(FrontMatterError) as info:
        load(FIXTURES / name)
    error = info.value
    assert error.path is not None and error.path.endswith(name)
    assert (error.line, error.column) == (line, column)
    assert error.hint is not None and hint_part in error.hint
    assert "title" in error.message
    assert isinstance(error.__cause__, Exception)  # the yaml error is chained, not shown


def test_value_with_colon_gets_a_quoting_hint() -> None:
    with pytest.raises(FrontMatterError) as info:
        loads("---\ntitle: Breaking: news\n---\n")
    assert info.value.line == 2 and "quote" in (info.value.hint or "")


# A CSDN export on a Jekyll blog (2016-11-09, "【Spring】Spring基础配置-Java配置").
_UNSPACED = (
    "---\nlayout: post\ncomments: true\n"
    "categories:❷ Java大学之行,----- ⑥、框架/第三方工具,----- ----- Spring\n"
    "tags: [spring,xml,java,bean]\n---\nbody\n"
)


def test_a_key_without_a_space_after_its_colon_is_named() -> None:
    # YAML fails on the next line, and the hint blamed the "[" of tags.
    with pytest.raises(FrontMatterError) as info:
        loads(_UNSPACED)
    assert (info.value.line, info.value.column) == (4, 12)
    assert "'categories' has no space after its colon" in info.value.message
    assert info.value.hint == "write a space after the colon: categories: value"


def test_a_list_item_without_a_space_after_its_dash_is_named() -> None:
    # A Hexo post's tags (小程序引入百度地图提示...): the hint asked to quote categories.
    text = (
        "---\ntitle: 小程序引入百度地图提示\ndate: 2020-03-22 13:34:34\ntags:\n- 小程序\n-uniapp\n"
        "categories:\n- 前端\n---\n正文\n"
    )
    with pytest.raises(FrontMatterError) as info:
        loads(text, path="source/_posts/a.md")
    assert (info.value.line, info.value.column) == (6, 1)
    assert "'-uniapp' has no space after its dash" in info.value.message
    assert info.value.hint == "write a space after the dash: - uniapp"


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"---\nx: !!python/object/apply:os.system ['touch {marker}']\n---\n"
    with pytest.raises(FrontMatterError) as info:
        loads(text)
    assert "tag" in info.value.message
    assert not marker.exists()


@pytest.mark.parametrize(
    "text",
    [
        "---\n- a list\n---\n",
        "---\njust a string\n---\n",
        "---\ncategories: {a: 1}\n---\n",
        "---\ntitle: {a: 1}\n---\n",
        "---\ndate: not a date\n---\n",
        "---\ndate: 2024-13-45\n---\n",
        "+++\ntitle = \n+++\n",
        '{\n  "title": \n}\n',
        "---\nkey: *undefined\n---\n",
        "---\n\tkey: tab\n---\n",
    ],
)
def test_bad_front_matter_raises_our_error(text: str) -> None:
    with pytest.raises(FrontMatterError) as info:
        loads(text, path="x.md")
    assert info.value.path == "x.md"
    assert info.value.line is not None and info.value.line >= 1


@pytest.mark.parametrize(
    ("text", "where", "value"),
    [
        ("---\ntitle: T\ndate: 2021-02-30\n---\nBody\n", (3, 7), "2021-02-30"),
        ("---\ntitle: T\nevents:\n  - at: 2021-13-01\n---\n", (4, 9), "2021-13-01"),
        ("---\na: &when 2021-02-30\nb: *when\n---\n", (2, 4), "2021-02-30"),
    ],
)
def test_an_impossible_value_is_reported_where_it_is(
    text: str, where: tuple[int, int], value: str
) -> None:
    with pytest.raises(FrontMatterError) as info:
        loads(text, path="x.md")
    assert (info.value.line, info.value.column) == where
    assert repr(value) in info.value.message and info.value.hint


def test_invalid_utf8_names_the_byte_offset() -> None:
    data = "---\ntitle: 한\n---\n".encode() + b"ok \xff\xfe bad\n"
    with pytest.raises(EncodingError) as info:
        loads(data, path="bad.md")
    error = info.value
    assert error.offset == data.index(b"\xff")
    assert (error.line, error.column) == (4, 4)
    assert isinstance(error, NewsPostError) and "UTF-8" in (error.hint or "")


# -- the shortcut past PyYAML's constructor ---------------------------------------------

_YAML_LINES = [
    "title: Plain text",
    "title: 'quoted: with a colon'",
    'title: "double \\u00e9"',
    "title: >\n  folded\n  text",
    "excerpt: |\n  kept\n  lines",
    "categories:\n  - News\n  - 속보",
    "tags: [a, b, 'c d']",
    "tags: []",
    "count: 10",
    "ratio: 1.5",
    "time: 10:00",
    "draft: yes",
    "published: false",
    "date: 2024-07-01 09:00:00 +0900",
    "day: 2024-07-01",
    "empty:",
    "none: ~",
    "nested:\n  a: 1\n  b: text",
    "mixed: [a, 1]",
    "anchor: &x shared",
    "alias: *x",
    "base: &b {k: v}",
    "<<: *b",
    "title: duplicate wins",
    "'quoted key': v",
    "? complex\n: value",
    "!!str 12: tagged key",
    "binary: !!binary aGk=",
    "set: !!set {a, b}",
]


def _same(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        assert isinstance(b, list)
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _both_ways(text: str) -> tuple[object, object] | None:
    import yaml

    from newspost.parse.front_matter import _plain_mapping, _SafeLoader

    results = []
    for shortcut in (True, False):
        loader = _SafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            built = _plain_mapping(node) if shortcut else None
            results.append(built if built is not None else loader.construct_document(node))
        except yaml.YAMLError:
            return None
        finally:
            loader.dispose()
    return results[0], results[1]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_YAML_LINES), min_size=1, max_size=8))
def test_front_matter_shortcut_builds_what_pyyaml_builds(lines: list[str]) -> None:
    both = _both_ways("\n".join(lines) + "\n")
    if both is not None:
        assert _same(*both), both


def test_front_matter_shortcut_agrees_on_the_corpus() -> None:
    from helpers import corpus_yaml_front_matter

    checked = 0
    for path, content in corpus_yaml_front_matter():
        both = _both_ways(content)
        if both is not None:
            assert _same(*both), path
            checked += 1
    assert checked > 300


def test_chirpy_image_mapping_is_read_and_kept() -> None:
    text = (
        "---\ntitle: T\nimage:\n  path: /assets/img/a.png\n  lqip: data:image/webp;base64,UklG\n"
        "  alt: The header\n---\nBody\n"
    )
    post = loads(text, path="_posts/2024-01-02-a.md")
    assert post.front_matter.image == "/assets/img/a.png"
    assert post.raw.key_lines["image"] == 3
    assert dumps(post) == text
    assert dumps(post.with_front_matter(title="New")) == text.replace("title: T", "title: New")


def test_image_mapping_without_an_address_is_a_front_matter_error() -> None:
    with pytest.raises(FrontMatterError) as caught:
        loads("---\ntitle: T\nimage:\n  alt: A\n---\nBody\n")
    assert caught.value.line == 3
    assert caught.value.hint is not None and "path:" in caught.value.hint


@pytest.mark.parametrize(
    ("text", "fmt", "title", "body"),
    [
        ("---\rtitle: T\rdate: 2020-01-01\r---\r\r## H\r\rText\r", "yaml", "T", "\r## H\r\rText\r"),
        ("---\rtitle: T\r...\rBody", "yaml", "T", "Body"),
        ("---\rtitle: T\r---", "yaml", "T", ""),
        ('+++\rtitle = "T"\rtags = ["a"]\r+++\rBody\r', "toml", "T", "Body\r"),
        ('{\r"title": "T"\r}\rBody\r', "json", "T", "Body\r"),
    ],
)
def test_lines_ending_in_a_lone_cr(text: str, fmt: str, title: str, body: str) -> None:
    post = loads(text)
    assert (post.raw.format, post.front_matter.title, post.raw.body) == (fmt, title, body)
    assert post.raw.key_lines["title"] == 2
    assert dumps(post) == text
    changed = dumps(post.with_front_matter(title="New"))
    assert loads(changed).front_matter.title == "New"
    assert "\n" not in changed


def test_lone_cr_lines_keep_their_numbers_in_the_body() -> None:
    post = loads("---\rtitle: T\r---\r\rText\r\r## Head\r\rMore\r")
    assert [(s.title, s.line) for s in post.sections] == [("Head", 7)]
    assert post.raw.body_line == 4


def test_an_unclosed_front_matter_with_lone_cr_is_an_error() -> None:
    with pytest.raises(FrontMatterError, match="never closed"):
        loads("---\rtitle: T\rBody\r")


def test_changed_json_front_matter_keeps_crlf() -> None:
    post = loads('{\r\n  "title": "T",\r\n  "tags": ["a"]\r\n}\r\nBody\r\n')
    changed = dumps(post.with_front_matter(title="New"))
    assert changed == '{\r\n  "title": "New",\r\n  "tags": [\r\n    "a"\r\n  ]\r\n}\r\nBody\r\n'


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ('---json\n{\n  "title": "T",\n  "tags": ["a"]\n}\n---\nBody\n', "json"),
        ("---yaml\ntitle: T\ntags: [a]\n---\nBody\n", "yaml"),
        ('---toml\r\ntitle = "T"\r\ntags = ["a"]\r\n---\r\nBody\r\n', "toml"),
    ],
)
def test_eleventy_front_matter_naming_its_language(text: str, fmt: str) -> None:
    post = loads(text, path="src/posts/a.md")
    assert (post.raw.format, post.front_matter.title, post.front_matter.tags) == (fmt, "T", ["a"])
    assert post.raw.key_lines["title"] == (3 if fmt == "json" else 2)
    assert post.raw.body.strip() == "Body"
    assert dumps(post) == text
    changed = loads(dumps(post.with_front_matter(title="New")), path="src/posts/a.md")
    assert (changed.raw.format, changed.front_matter.title, changed.raw.body) == (
        fmt,
        "New",
        post.raw.body,
    )


@pytest.mark.parametrize("language", ["js", "javascript", "coffee"])
def test_front_matter_in_a_programming_language_is_an_error(language: str) -> None:
    with pytest.raises(FrontMatterError, match=f"---{language}") as caught:
        loads(f'---{language}\n{{ title: "T", date: new Date() }}\n---\nBody\n')
    assert (caught.value.line, caught.value.column) == (1, 4)
    assert caught.value.hint is not None


def test_broken_json_after_json_opening_names_its_line() -> None:
    with pytest.raises(FrontMatterError, match="JSON") as caught:
        loads('---json\n{\n  "title": "T"\n  "tags": []\n}\n---\nBody\n')
    assert caught.value.line == 4


@pytest.mark.parametrize(
    ("text", "line", "column", "code"),
    [
        ("---\ntitle: NUL\x00 byte\n---\nBody\n", 2, 11, "U+0000"),
        ("---\na: 1\ntitle: 한국\x07\n---\nBody\n", 3, 10, "U+0007"),
        ("---\rx: 1\rtitle: \x1b[0m\r---\rBody\r", 3, 8, "U+001B"),
        ('---\ntitle: "a\ufffeb"\n---\n', 2, 10, "U+FFFE"),
    ],
)
def test_a_character_yaml_refuses_is_located(text: str, line: int, column: int, code: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        loads(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert code in caught.value.message and "<unicode string>" not in caught.value.message
    assert caught.value.hint is not None and f"\\u{code[2:].lower()}" in caught.value.hint


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('+++\nTitle = "T"\nDate = 2024-06-12\nTags = ["a"]\nWeight = 3\n+++\nBody\n', None),
        ("---\nTitle: T\nDate: 2024-06-12\nTags: [a]\nWeight: 3\n---\nBody\n", "content/a.md"),
        ('{\n  "Title": "T",\n  "Date": "2024-06-12",\n  "Tags": ["a"],\n  "Weight": 3\n}\n', None),
        (
            '+++\nTitle = "T"\nDate = 2024-06-12\nTags = ["a"]\nWeight = 3\n+++\n<p>B</p>\n',
            "a.html",
        ),
    ],
    ids=["toml", "yaml-in-content", "json", "toml-html"],
)
def test_hugo_reads_keys_in_any_case(text: str, path: str | None) -> None:
    post = loads(text, path=path)
    fm = post.front_matter
    assert (fm.title, fm.date, fm.tags, fm.extra) == (
        "T",
        dt.date(2024, 6, 12),
        ["a"],
        {"Weight": 3},
    )
    assert post.raw.key_aliases == {"title": "Title", "date": "Date", "tags": "Tags"}
    assert post.raw.key_lines["title"] == 2
    assert dumps(post) == text
    # A change is written under the key the file has, not beside it.
    changed = dumps(post.with_front_matter(title="New", tags=["b"]))
    assert "Title" in changed and "title" not in changed
    again = loads(changed, path=path)
    assert (again.front_matter.title, again.front_matter.tags) == ("New", ["b"])


def test_jekyll_reads_keys_in_their_case() -> None:
    post = loads("---\nTitle: T\n---\nBody\n", path="_posts/2024-06-12-a.md")
    assert post.front_matter.title is None
    assert post.front_matter.extra == {"Title": "T"}
    assert post.raw.key_aliases == {}


def test_a_key_in_lower_case_wins_over_another_spelling() -> None:
    post = loads('+++\nTitle = "Upper"\ntitle = "lower"\n+++\nBody\n')
    assert (post.front_matter.title, post.front_matter.extra) == ("lower", {"Title": "Upper"})
    assert post.raw.key_aliases == {}


@pytest.mark.parametrize(
    ("keys", "dated_by"),
    [
        ("publishDate = 2024-06-12\nlastmod = 2024-07-01\n", "publishDate"),
        ("lastmod = 2024-06-12\n", "lastmod"),
        ("PubDate = 2024-06-12\n", "PubDate"),
        ("Published = 2024-06-12\n", "Published"),  # Hugo's alias, not Jekyll's true/false
        ('publishDate = "soon"\nlastmod = 2024-06-12\n', "lastmod"),
        ("date = 2024-06-12\npublishDate = 2024-01-01\n", None),
    ],
)
def test_hugo_dates_a_post_by_its_publish_date_or_last_change(
    keys: str, dated_by: str | None
) -> None:
    text = f'+++\ntitle = "T"\n{keys}+++\nBody\n'
    post = loads(text)
    assert post.front_matter.date == dt.date(2024, 6, 12)
    assert post.raw.key_aliases.get("date") == dated_by
    written = [line.split(" =")[0] for line in text.splitlines()]
    assert post.raw.key_lines["date"] == written.index(dated_by or "date") + 1
    changed = dumps(post.with_front_matter(date=dt.date(2025, 1, 2)))
    assert f"{dated_by or 'date'} = 2025-01-02\n" in changed
    assert loads(changed).front_matter.date == dt.date(2025, 1, 2)


def test_a_hugo_publish_date_that_is_no_date_stays_an_extra_key() -> None:
    # Left for NP109 to report, rather than the whole post failing to load.
    post = loads('+++\ntitle = "T"\npublishDate = "soon"\n+++\nBody\n')
    assert (post.front_matter.date, post.front_matter.extra) == (None, {"publishDate": "soon"})
    assert post.raw.key_aliases == {}


def test_a_key_read_in_another_case_is_named_as_written_in_errors() -> None:
    with pytest.raises(FrontMatterError, match="key 'Tags'") as caught:
        loads('+++\ntitle = "T"\nTags = {a = 1}\n+++\nBody\n')
    assert caught.value.line == 3


def test_jekyll_reads_a_single_category_and_tag() -> None:
    # Jekyll's category is one category, spaces and all; categories is split on spaces.
    text = "---\ntitle: T\ncategory: Tech News\ntag: AI\n---\nBody\n"
    post = loads(text, path="_posts/2024-06-12-a.md")
    fm = post.front_matter
    assert (fm.categories, fm.tags, fm.extra) == (["Tech News"], ["AI"], {})
    assert post.raw.key_aliases == {"categories": "category", "tags": "tag"}
    assert post.raw.key_lines["categories"] == 3
    assert post.raw.generator == "jekyll"
    assert dumps(post) == text
    changed = dumps(post.with_front_matter(categories=["Sports"]))
    assert "category:" in changed and "categories:" not in changed
    assert loads(changed, path="_posts/2024-06-12-a.md").front_matter.categories == ["Sports"]


def test_a_plural_key_wins_over_the_singular_one() -> None:
    post = loads("---\ncategories: [A, B]\ncategory: C\n---\nBody\n", path="_posts/2024-06-12-a.md")
    assert (post.front_matter.categories, post.front_matter.extra) == (
        ["A", "B"],
        {"category": "C"},
    )
    assert post.raw.key_aliases == {}


def test_hugo_reads_no_single_category() -> None:
    # Hugo's taxonomies are front matter keys of their own: "category" is just a parameter.
    post = loads('+++\ntitle = "T"\ncategory = "News"\n+++\nBody\n')
    assert post.raw.generator == "hugo"
    assert (post.front_matter.categories, post.front_matter.extra) == ([], {"category": "News"})


_HUGO_TABLES = (
    '+++\ntitle = "T"\ndate = 2024-06-12\n\n[params]\nauthor = "x"\n\n'
    '[params.social]\ntw = "y"\n\n[[resources]]\nsrc = "a.jpg"\n+++\nBody\n'
)


@pytest.mark.parametrize(
    ("text", "changes", "written"),
    [
        # A new key goes among the top-level keys, not into the last table.
        (_HUGO_TABLES, {"categories": ["News"]}, 'date = 2024-06-12\ncategories = ["News"]\n\n'),
        ('+++\n[params]\nauthor = "x"\n+++\nBody\n', {"title": "T"}, '+++\ntitle = "T"\n[params]'),
        # A table that changes is written inline, its sections (subtables too) gone.
        (_HUGO_TABLES, {"params": {"author": "z"}}, 'params = { author = "z" }\n\n[[resources]]'),
        (_HUGO_TABLES, {"resources": None}, 'tw = "y"\n\n+++'),
    ],
    ids=["new-key", "new-key-before-the-first-table", "changed-table", "removed-table"],
)
def test_toml_tables_stay_tables_when_keys_change(
    text: str, changes: dict[str, object], written: str
) -> None:
    edited = loads(text).with_front_matter(**changes)
    out = dumps(edited)
    assert written in out
    assert loads(out).front_matter == edited.front_matter


_ZOLA = (
    '+++\ntitle = "T"\ndate = 2024-06-12\n\n[taxonomies]\ncategories = ["News"]\n'
    'tags = ["rust", "web"]\nauthors = ["kim"]\n\n[extra]\nimage = "a.jpg"\n+++\nBody\n'
)


def test_zola_reads_categories_and_tags_from_its_taxonomies() -> None:
    post = loads(_ZOLA, path="content/blog/a.md")
    fm = post.front_matter
    assert post.raw.generator == "zola" and post.flavor == "pulldown-cmark"
    assert (fm.categories, fm.tags) == (["News"], ["rust", "web"])
    # Other taxonomies stay in the table, an extra key.
    assert fm.extra == {"taxonomies": {"authors": ["kim"]}, "extra": {"image": "a.jpg"}}
    assert post.raw.key_aliases == {
        "categories": "taxonomies.categories",
        "tags": "taxonomies.tags",
    }
    assert (post.raw.key_lines["categories"], post.raw.key_lines["tags"]) == (6, 7)
    assert dumps(post) == _ZOLA


def test_zola_taxonomies_are_written_back_in_their_table() -> None:
    post = loads(_ZOLA, path="content/blog/a.md")
    edited = post.with_front_matter(tags=["rust"])
    out = dumps(edited)
    assert 'taxonomies = { authors = ["kim"], categories = ["News"], tags = ["rust"] }' in out
    assert "[taxonomies]" not in out and out.count("tags") == 1
    assert loads(out, path="content/blog/a.md").front_matter == edited.front_matter


def test_zola_yaml_taxonomies_are_written_back_in_their_mapping() -> None:
    text = "---\ntitle: T\ntaxonomies:\n  tags: [a, b]\n---\nBody\n"
    post = loads(text, path="content/blog/a.md")
    assert (post.raw.generator, post.front_matter.tags) == ("zola", ["a", "b"])
    out = dumps(post.with_front_matter(tags=["c"]))
    assert out == "---\ntitle: T\ntaxonomies:\n  tags:\n  - c\n---\nBody\n"


# The front matter of a real MkDocs Material blog post (docs/blog/posts/, the blog of
# the Digitized Medieval Manuscripts app): its date under created: and updated:.
_MKDOCS_DATES = (
    "---\ndate:\n  created: 2018-07-17\n  updated: 2023-04-03\ncategories:\n"
    "- Digital Humanities\nauthors:\n- giulio\nslug: tackling-broken-links\n---\n"
    "# Tackling Broken Links!\n"
)


def test_mkdocs_date_mapping_dates_the_post_by_created() -> None:
    post = loads(_MKDOCS_DATES, path="docs/blog/posts/tackling-broken-links.md")
    fm = post.front_matter
    assert fm.date == dt.date(2018, 7, 17)
    assert fm.extra["date.updated"] == "2023-04-03"
    assert post.raw.key_aliases == {"date": "date.created", "date.updated": "date.updated"}
    assert (post.raw.key_lines["date"], post.raw.key_lines["date.updated"]) == (3, 4)
    assert dumps(post) == _MKDOCS_DATES
    article = to_jsonld(post)
    assert (article["datePublished"], article["dateModified"]) == ("2018-07-17", "2023-04-03")


def test_mkdocs_date_mapping_is_written_back_as_a_mapping() -> None:
    post = loads(_MKDOCS_DATES, path="docs/blog/posts/a.md")
    out = dumps(post.with_front_matter(date=dt.date(2019, 1, 2)))
    assert out.startswith("---\ndate:\n  created: 2019-01-02\n  updated: ")
    again = loads(out, path="docs/blog/posts/a.md").front_matter
    assert (again.date, again.extra["date.updated"]) == (dt.date(2019, 1, 2), "2023-04-03")


def test_a_date_mapping_without_created_is_still_refused() -> None:
    with pytest.raises(FrontMatterError, match="expected a date"):
        loads("---\ndate:\n  updated: 2023-04-03\n---\nBody\n")


def test_quote_marks_inside_a_quoted_value_are_named_in_the_hint() -> None:
    # gkstn15234/korean-news-site: an AI pipeline quoted a title that holds quote marks.
    with pytest.raises(FrontMatterError) as info:
        loads('---\ntitle: "## "기아 EV9, 드디어 베일을 벗다…" 기대감 고조"\n---\n본문.\n')
    assert (info.value.line, info.value.column) == (2, 13)
    assert info.value.hint is not None and 'holds " inside its own' in info.value.hint


def test_hexo_front_matter_without_an_opening_line() -> None:
    # tqcenglish.github.io's source/_posts/Soft/Tmux.md, as Hexo's early scaffolds wrote
    # posts: the keys, then a --- line. Hexo reads them as front matter; Jekyll does not.
    text = (
        "title: Tmux\ndate: 2016-11-7 \ntags: soft\n---\n\n"
        "> Tmux 是一个工具，用于在一个终端窗口中运行多个终端会话。\n\n---\n\nEnd.\n"
    )
    post = loads(text, path="source/_posts/Soft/Tmux.md")
    assert (post.front_matter.title, post.front_matter.tags) == ("Tmux", ["soft"])
    assert str(post.front_matter.date) == "2016-11-07"
    assert post.raw.generator == "hexo"
    assert dumps(post) == text
    # Not in a Hexo folder; prose above a thematic break; a list that is no mapping.
    assert loads(text, path="_posts/2016-11-07-tmux.md").front_matter.title is None
    prose = "Intro: 这是一段话，不是 front matter\n还有一行。\n---\nBody.\n"
    assert loads(prose, path="source/_posts/a.md").front_matter.title is None
    assert loads("- a\n- b\n---\nBody.\n", path="source/_posts/b.md").raw.format == "none"
