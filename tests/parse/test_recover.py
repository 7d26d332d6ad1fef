"""Front matter recovery: unambiguous repairs only, every word kept, everything else untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import BROKEN_FRONT_MATTER, CORPUS, FIXTURES
from newspost import NewsPostError, loads
from newspost.parse import iter_paths
from newspost.parse.recover import recover_front_matter, repair_front_matter


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("name", ["2024-06-27-433.md", "2024-07-08-1543.md", "2024-07-30-4336.md"])
def test_fixtures_are_repaired_with_their_words(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    with pytest.raises(NewsPostError):
        loads(text)
    repaired = repair_front_matter(text)
    assert repaired is not None
    post = loads(repaired)
    title_line = text.split("\n")[1].removeprefix("title: ")
    assert post.front_matter.title is not None
    assert _words(title_line)[0] in post.front_matter.title
    # Only the title entry changed: the body and the other keys are byte for byte the same.
    assert repaired.split("\ncategories:", 1)[1] == text.split("\ncategories:", 1)[1]


def test_multi_line_title_keeps_every_word() -> None:
    text = "---\ntitle: 1. one\n2. two: yes\n\n3. three\ncategories:\n  - News\n---\nbody\n"
    repairs = recover_front_matter(text)
    assert repairs is not None and [r.key for r in repairs] == ["title"]
    assert repairs[0].line == 2 and "join" in repairs[0].description
    post = loads(repair_front_matter(text) or "")
    assert post.front_matter.title == "1. one 2. two: yes 3. three"
    assert post.front_matter.categories == ["News"]


def test_a_key_without_a_space_after_its_colon_gets_one() -> None:
    # A CSDN export on a Jekyll blog: the repair took the line for the rest of
    # "comments: true" and quoted both, losing comments and categories.
    text = (
        "---\nlayout: post\ncomments: true\n"
        "categories:❷ Java大学之行,----- ⑥、框架/第三方工具,----- ----- Spring\n"
        "tags: [spring,xml,java,bean]\n"
        "description: 转载请注明出处\n本文源自【大学之旅】\n---\nbody\n"
    )
    repairs = recover_front_matter(text)
    assert repairs is not None
    assert [(r.key, r.line, r.description) for r in repairs] == [
        ("categories", 4, "add a space after categories:"),
        ("description", 6, "join the 2 lines of description into one quoted value"),
    ]
    front_matter = loads(repair_front_matter(text) or "").front_matter
    assert front_matter.extra["comments"] is True
    assert front_matter.categories == [
        "❷ Java大学之行",
        "----- ⑥、框架/第三方工具",
        "----- ----- Spring",
    ]
    dated = repair_front_matter("---\ntitle: T\ndate:2020-01-01\n---\n")
    assert dated is not None and loads(dated).front_matter.date


_QUOTED = "quote the value of title"
_REQUOTED = "escape the quotes inside the value of title"


@pytest.mark.parametrize(
    ("line", "value", "description"),
    [
        ("title: Breaking: news", "Breaking: news", _QUOTED),
        ("title: [속보] 지진", "[속보] 지진", _QUOTED),
        ('title: {x} "quoted" \\ back', '{x} "quoted" \\ back', _QUOTED),
        ("title: *star", "*star", _QUOTED),
        ("title: @handle", "@handle", _QUOTED),
        # A value quoted at both ends with the same quotes inside it.
        ('title: "대통령 "중대" 결정"', '대통령 "중대" 결정', _REQUOTED),
        ("title: 'It's here'", "It's here", _REQUOTED),
        ('title: "a "b" c"  ', 'a "b" c', _REQUOTED),
    ],
)
def test_values_yaml_misreads_are_quoted(line: str, value: str, description: str) -> None:
    text = f"---\n{line}\nlayout: post\n---\n"
    (repair,) = recover_front_matter(text) or []
    assert repair.description == description
    repaired = repair_front_matter(text)
    assert repaired is not None
    assert loads(repaired).front_matter.title == value
    assert repaired.endswith("layout: post\n---\n")


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_line_endings_are_kept(newline: str) -> None:
    # A classic Mac OS file (lone CR) counts its lines by CR too: sub is on line 6.
    text = "---\ntitle: [a] b\nlayout: post\ntags:\n  - x\nsub: c: d\n---\n".replace("\n", newline)
    repairs = recover_front_matter(text) or []
    assert [(r.key, r.line) for r in repairs] == [("title", 2), ("sub", 6)]
    expected = '---\ntitle: "[a] b"\nlayout: post\ntags:\n  - x\nsub: "c: d"\n---\n'
    assert repair_front_matter(text) == expected.replace("\n", newline)


def test_valid_front_matter_needs_no_repair() -> None:
    assert recover_front_matter("---\ntitle: fine\n---\n") == []
    assert recover_front_matter("+++\ntitle = 'x'\n+++\n") == []
    assert recover_front_matter("no front matter") == []


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: x\n  bad: [indent\n---\n",  # nested garbage: no single obvious repair
        "---\ntitle: 'unterminated\n---\n",  # a quoted value: the quote may be meant
        '---\ntitle: "a \\"b" c"\n---\n',  # a backslash: an escape, or text?
        '---\ntitle: "a "b" c" d\n---\n',  # text after the closing quote
        "---\nkey: |\n  text\n bad\n---\n",
        "---\ntitle: ok\n---\n",
    ],
)
def test_ambiguous_front_matter_is_left_alone(text: str) -> None:
    repairs = recover_front_matter(text)
    assert repairs is None or repairs == []


def test_corpus_recovery_rate() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the real corpus is not at {CORPUS}")
    broken = [p for p in iter_paths(CORPUS) if p.name in BROKEN_FRONT_MATTER]
    assert len(broken) == len(BROKEN_FRONT_MATTER)
    recovered = 0
    for path in broken:
        text = Path(path).read_text(encoding="utf-8")
        repaired = repair_front_matter(text)
        if repaired is None:
            continue
        post = loads(repaired, path=path)
        head = text.split("\n", 2)[1].removeprefix("title: ")
        assert all(word in (post.front_matter.title or "") for word in head.split())
        recovered += 1
    assert recovered / len(broken) >= 0.9


def test_an_impossible_date_is_not_a_crash() -> None:
    """PyYAML's constructor raises ValueError for 2021-02-30: no repair, and no traceback."""
    from newspost import FrontMatterError, fix_text

    text = "---\ntitle: T\ndate: 2021-02-30\n---\nBody\n"
    assert repair_front_matter(text) is not None
    result = fix_text(text, path="post.md")
    assert isinstance(result.error, FrontMatterError)
