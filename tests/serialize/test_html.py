"""The html format: clean, sanitized HTML that browsers and newspost read the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import html5lib
import pytest
from lxml import etree

from newspost import Paragraph, PolicyError, Post, dumps, load, loads
from newspost.sanitize import sanitize_html

Shape = tuple[
    list[tuple[str, int]],
    list[tuple[str | None, list[str], list[list[str]]]],
    list[tuple[str | None, str | None]],
]


def shape(post: Post) -> Shape:
    """What the HTML round trip keeps: section titles and levels, tables' texts, sources."""
    sections = [(section.title, section.level) for section in post.walk_sections()]
    tables = [
        (table.caption, [c.text for c in table.header], [[c.text for c in r] for r in table.rows])
        for table in post.tables
    ]
    sources = [(source.url, source.title) for source in post.sources]
    return sections, tables, sources


def sanitized_shape(post: Post) -> Shape:
    """``shape``, with source URLs as the sanitizer writes them (``httpss://`` repaired)."""
    sections, tables, sources = shape(post)
    fixed = []
    for url, title in sources:
        if url is not None:
            anchor = etree.HTML(sanitize_html(f'<a href="{url}">x</a>') or "<p></p>").find(".//a")
            url = anchor.get("href") if anchor is not None else None
        fixed.append((url, title))
    return sections, tables, fixed


# -- what is written ----------------------------------------------------------------------


def test_fragment_of_the_seed(seed_path: Path) -> None:
    html = dumps(load(seed_path), format="html")
    assert html.startswith(
        '<figure><img src="/assets/img/newsdao_breakingnews.jpg" alt="뉴스다오 속보">'
    )
    assert html.count("<section>") == html.count("</section>") == 4
    assert "<h2>양해각서 내용</h2>" in html
    assert (
        '<thead>\n<tr><th scope="col"><b>디지털정부 협력 계획</b></th>'
        '<th scope="col"><b>영국 내각부의 노력</b></th></tr>\n</thead>\n'
        "<tbody>\n<tr><td>전문가 교류"
    ) in html
    # The source, sanitized (scheme repaired, rel=dofollow dropped), at the end.
    assert html.endswith(
        '<p>출처: <a href="https://newsdao.kr/2624">한-영 ‘디지털정부협력에 관한 양해각서’ 체결…'
        "서명 즉시 발효 - 행정안전부</a> | 뉴스다오</p>\n"
    )
    assert "빠르고 정확한 뉴스" not in html  # the promo footer is the site's, not the article's
    assert "data-ke-size" not in html and "style=" not in html and "dofollow" not in html
    assert "<!DOCTYPE" not in html and "<article>" not in html and "<footer>" not in html


def test_standalone_document() -> None:
    post = loads(
        "---\ntitle: 'Ferries <b>&</b> fares'\ndate: 2024-06-12 10:00:00 +0900\n"
        "image: /img/ferry.jpg\nexcerpt: Times  and\n  fares.\npermalink: /news/ferries/\n---\n"
        "Lead text.\n\n## Times\n\n| From | To |\n|---|---|\n| 10:45 | 13:22 |\n\n"
        "### Winter\n\nFewer boats.\n\n## Fares\n\n8,000원.\n\n"
        '출처: <a href="https://ferry.kr/1">Timetable</a> | 한림해운\n',
        path="_posts/2024-06-12-ferries.md",
    )
    html = dumps(post, format="html", standalone=True, site_url="https://news.example.org")
    assert html.startswith(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Ferries &lt;b&gt;&amp;&lt;/b&gt; fares</title>\n"
        '<meta name="description" content="Times and fares.">\n'
        '<base href="https://news.example.org/">\n'
        '<link rel="canonical" href="https://news.example.org/news/ferries/">\n'
        "</head>\n<body>\n<article>\n<header>\n<h1>Ferries &lt;b&gt;&amp;&lt;/b&gt; fares</h1>\n"
        '<p><time datetime="2024-06-12T10:00:00+09:00">2024-06-12 10:00 +09:00</time></p>\n'
        '<figure><img src="/img/ferry.jpg" alt=""></figure>\n</header>\n<p>Lead text.</p>\n'
    )
    body = html[html.index("</header>") :]
    assert (
        body.index("<h2>Times</h2>") < body.index("<h3>Winter</h3>") < body.index("<h2>Fares</h2>")
    )
    # Sections nest: Winter's section closes before Fares' opens, inside Times'.
    assert "<p>Fewer boats.</p>\n</section>\n</section>\n<section>\n<h2>Fares</h2>" in body
    assert '<thead>\n<tr><th scope="col">From</th><th scope="col">To</th></tr>\n</thead>' in body
    assert html.endswith(
        '<footer>\n<p>출처: <cite><a href="https://ferry.kr/1">Timetable</a></cite> '
        "| 한림해운</p>\n"
        "</footer>\n</article>\n</body>\n</html>\n"
    )


def test_standalone_language_and_header_image(seed_path: Path) -> None:
    seed = load(seed_path)
    html = dumps(seed, format="html", standalone=True)
    assert '<html lang="ko">' in html and "<base " not in html
    # The body opens with the front matter image: it is not repeated in the header.
    assert html.count("newsdao_breakingnews.jpg") == 1
    assert '<html lang="ja">' in dumps(seed, format="html", standalone=True, language="ja")
    japanese = loads("---\ntitle: x\nlang: ja-JP\n---\nText\n")
    assert '<html lang="ja-JP">' in dumps(japanese, format="html", standalone=True)


def test_headings_are_kept_even_when_empty_and_code_is_escaped() -> None:
    post = loads("## \n\ntext\n\n```python\nif a < b:\n\n    print('<b>')\n```\n")
    html = dumps(post, format="html")
    assert "<h2></h2>" in html
    assert (
        '<pre><code class="language-python">'
        "if a &lt; b:\n&#10;    print('&lt;b&gt;')\n</code></pre>" in html
    )
    first = next(loads(html).blocks())
    assert isinstance(first, Paragraph) and first.text == "text"
    (code,) = [block for block in loads(html).blocks() if block.kind == "code"]
    assert code.text == "if a < b:\n\n    print('<b>')\n"


def test_no_blank_lines_so_markdown_readers_keep_one_html_block() -> None:
    post = loads(
        "<table><tr><td>\n\n#### not a heading\n\n* not a list\n\n</td></tr></table>\n",
        flavor="kramdown",
    )
    html = dumps(post, format="html")
    assert "\n\n" not in html
    assert [table.rows[0][0].text for table in loads(html).tables] == [
        "#### not a heading * not a list"
    ]
    assert not list(loads(html).walk_sections())


def test_paragraph_holding_blocks_becomes_a_div() -> None:
    post = loads("<div><span>\n<p>Inside.</p>\n</span></div>\n")
    assert post.lead[0].kind == "paragraph" and "<p>" in post.lead[0].html
    html = dumps(post, format="html")
    assert html.startswith("<div>") and not html.startswith("<p>")
    assert dumps(post, format="html", safe=False).startswith("<div><span>")


def test_template_tags_are_left_out_and_raw_text_is_wrapped() -> None:
    post = loads(
        "---\ntitle: t\n---\n{% include ad.html %}\n\n<div><dt>Term</dt><dd>Def</dd></div>\n"
    )
    html = dumps(post, format="html")
    assert "{%" not in html
    # The standard policy keeps definitions (a <div> does not stay), in a <div>: a <p>
    # cannot hold them.
    assert html == "<div><dt>Term</dt><dd>Def</dd></div>\n"
    assert dumps(post, format="html", safe=False) == html
    # A policy without them keeps their text.
    assert dumps(post, format="html", policy="strict") == "<p>Term\nDef</p>\n"
    # In a <dl>, each term and definition is a paragraph of its own.
    listed = loads("---\ntitle: t\n---\n<dl><dt>Term</dt><dd>Def</dd></dl>\n")
    assert dumps(listed, format="html") == "<p>Term</p>\n<p>Def</p>\n"


# -- safety ------------------------------------------------------------------------------


def test_output_is_sanitized() -> None:
    post = loads(
        "---\ntitle: t\n---\n"
        '<p>Hi <a href="javascript:alert(1)" onclick="steal()">x</a>'
        "<script>alert(2)</script></p>\n\n"
        '<iframe src="https://evil.example"></iframe>\n\n'
        '<img src="javascript:alert(3)">\n\n'
        "| a |\n|---|\n| <img src=x onerror=alert(4)> |\n"
    )
    html = dumps(post, format="html")
    for bad in ("onclick", "javascript:", "<script", "alert(", "<iframe", "onerror"):
        assert bad not in html, bad
    assert "<p>Hi <a>x</a></p>" in html
    unsafe = dumps(post, format="html", safe=False)
    assert "onclick" in unsafe and "<iframe" in unsafe


def test_text_from_the_model_is_escaped_even_unsanitized() -> None:
    post = loads(
        '---\ntitle: "</title><script>x()</script>"\ndate: 2024-06-12\n---\n'
        '## 1 < 2 & "3"\n\ntext\n\n출처: <a href="https://a.kr/">A</a> | B & <i>C</i>\n'
    )
    html = dumps(post, format="html", standalone=True, safe=False)
    assert "<title>&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;</title>" in html
    assert "<h1>&lt;/title&gt;&lt;script&gt;" in html
    assert "B &amp; C" in html


def test_policy_choice_and_errors() -> None:
    post = loads(
        "---\ntitle: t\n---\n## Head\n\nA <b>bold</b> ![i](/i.png) word.\n\n| a |\n|---|\n| 1 |\n"
    )
    standard = dumps(post, format="html")
    strict = dumps(post, format="html", policy="strict")
    assert "<img" in standard and "<img" not in strict  # strict allows no images...
    assert "<b>bold</b>" in strict and "<h2>Head</h2>" in strict  # ...but keeps the structure
    assert "<table>" in strict and "<section>" in strict
    with pytest.raises(PolicyError):
        dumps(post, format="html", policy="nope")
    with pytest.raises(PolicyError):
        dumps(post, format="html", engine="nope")


# -- read back: browsers (html5lib) and newspost agree with the original --------------------


def _tree(html: str, *, standalone: bool, parser: str) -> list[tuple[object, ...]]:
    root: Any
    if parser == "html5lib":
        if standalone:
            root = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False).find(
                "body"
            )
        else:
            root = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    else:  # lxml's HTML parser, the one newspost reads bodies with
        if standalone:
            root = etree.fromstring(html, etree.HTMLParser()).find("body")
        else:
            root = etree.fromstring(f"<html><body>{html}</body></html>", etree.HTMLParser()).find(
                "body"
            )
    out: list[tuple[object, ...]] = []

    def walk(element: Any, depth: int) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            attributes = tuple(sorted(child.attrib.items()))
            out.append((depth, child.tag, attributes, " ".join((child.text or "").split())))
            walk(child, depth + 1)
            if child.tail and child.tail.split():
                out.append((depth, "#text", (), " ".join(child.tail.split())))

    walk(root, 0)
    return out


def _check(post: Post, *, standalone: bool = False) -> None:
    html = dumps(post, format="html", standalone=standalone)
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    if standalone:
        parser.parse(html)
    else:
        parser.parseFragment(html)
    assert parser.errors == [], (post.path, parser.errors[:3])
    assert _tree(html, standalone=standalone, parser="html5lib") == _tree(
        html, standalone=standalone, parser="lxml"
    ), post.path
    back = loads(html)  # an HTML body, no front matter
    sections, tables, sources = shape(back)
    if standalone:
        assert sections[0] == (" ".join(post.title.split()), 1)  # the <h1> title
        sections = sections[1:]
    assert (sections, tables, sources) == sanitized_shape(post), post.path
    unsafe = loads(dumps(post, format="html", safe=False, standalone=standalone))
    exact_sections, exact_tables, exact_sources = shape(unsafe)
    if standalone:
        exact_sections = exact_sections[1:]
    assert (exact_sections, exact_tables, exact_sources) == shape(post), post.path


def test_examples_read_back_the_same(example_posts: list[Post]) -> None:
    for post in example_posts:
        _check(post)
        _check(post, standalone=True)


@pytest.mark.corpus
def test_corpus_sample_reads_back_the_same(corpus_sample: list[Path]) -> None:
    assert len(corpus_sample) >= 70
    for path in corpus_sample:
        _check(load(path))
    for path in corpus_sample[::4]:
        _check(load(path), standalone=True)


def test_a_lazily_loaded_image_is_written_with_its_real_address() -> None:
    # The page written has no lazy-loading script to swap the placeholder for the image.
    gif = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    post = loads(f'---\ntitle: t\n---\n<img src="{gif}" data-src="https://x.kr/a.jpg" alt="A">\n')
    assert '<img src="https://x.kr/a.jpg" alt="A">' in dumps(post, format="html")


def test_an_inline_lazily_loaded_image_keeps_its_real_image() -> None:
    # A lazy-loading script shows data-src in place of the placeholder; the written
    # page runs no script, so the sanitizer's lazy_images repair moves it to src.
    post = loads(
        "---\ntitle: t\n---\n"
        '<p>Before <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
        'data-src="https://a.kr/photo.jpg" alt="사진" class="lazyload"> after.</p>\n'
    )
    assert dumps(post, format="html") == (
        '<p>Before <img src="https://a.kr/photo.jpg" alt="사진"> after.</p>\n'
    )
