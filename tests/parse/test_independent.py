"""Cross-check the structure against an independent reading of the same page.

The body is rendered by the post's own flavor, then read by html5lib (the
WHATWG parsing algorithm browsers use) through BeautifulSoup, and walked with
plain ``find_all``: headings, tables, images and links must come out the same,
in the same order, as newspost's model says.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import BROKEN_FRONT_MATTER, corpus_files
from newspost import Post, load
from newspost.parse.flavors import get_markdown, get_preprocessor

FILES = [p for p in corpus_files() if p.name not in BROKEN_FRONT_MATTER]
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").iterdir())


def _browser_view(post: Post) -> BeautifulSoup:
    md = get_markdown(post.flavor)
    body = post.body.replace("\r\n", "\n")
    preprocess = get_preprocessor(post.flavor)
    html = md.render(preprocess(body) if preprocess else body)
    return BeautifulSoup(html, "html5lib")


def _text(tag: object) -> str:
    return " ".join(tag.get_text(" ").split())  # type: ignore[attr-defined]


def _compare(post: Post) -> None:
    soup = _browser_view(post)
    headings = [
        (int(h.name[1]), _text(h))
        for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
        if not h.find_parent(["table", "script", "template", "noscript"])
    ]
    ours = [(s.level, s.title) for s in post.walk_sections()]
    assert ours == headings

    tables = [
        t
        for t in soup.find_all("table")
        if not t.find_parent("table")
        and t.find(["td", "th"]) is not None
        and _text(t.find(["td", "th"])).rstrip(":： ").lower() not in ("출처", "source", "sources")
    ]
    assert len(tables) == len(post.tables)
    for mine, theirs in zip(post.tables, tables, strict=True):
        cells = [
            _text(c) for c in theirs.find_all(["td", "th"]) if c.find_parent("table") is theirs
        ]
        my_cells = [
            c.text for row in ([mine.header] if mine.header else []) + mine.rows for c in row
        ]
        # A header glued to a sentence is split off as a paragraph: the cells end the same.
        assert "".join(cells).replace(" ", "").endswith("".join(my_cells).replace(" ", ""))

    images = [img.get("src") or img.get("data-src") or "" for img in soup.find_all("img")]
    mine_images = [i.src for i in post.images]
    assert (
        mine_images == [src for src in images if src in mine_images]
        and len(mine_images) >= len(images) - 2
    )

    links = [
        a["href"]
        for a in soup.find_all("a", href=True)
        if not a.find_parent(["script", "template"])
    ]
    assert sorted(link.url for link in post.links) == sorted(links)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_match_an_independent_reading(path: Path) -> None:
    _compare(load(path))


@pytest.mark.corpus
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_matches_an_independent_reading(path: Path) -> None:
    _compare(load(path))
