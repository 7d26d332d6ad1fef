"""Each repair on its own, and switched off through the policy."""

from __future__ import annotations

import pytest

from newspost.sanitize import Policy, collapse_spaces, sanitize_html
from newspost.sanitize._urls import is_external, repair_url_scheme, url_scheme


def _without(repair: str) -> Policy:
    return Policy.from_mapping({"extends": "standard", "repairs": {repair: False}})


@pytest.mark.parametrize(
    ("url", "fixed"),
    [
        ("httpss://newsdao.kr/2624", "https://newsdao.kr/2624"),
        ("htps://a.kr", "https://a.kr"),
        ("htttp://a.kr", "http://a.kr"),
        ("http:/a.kr/x", "http://a.kr/x"),
        ("http:///a.kr", "http://a.kr"),
        ("https//a.kr", "https://a.kr"),
        ("HTTPS://a.kr", "https://a.kr"),
        ("  https://a.kr  ", "https://a.kr"),
        ("https://a.kr", "https://a.kr"),
        ("/relative/http:/x", "/relative/http:/x"),
        ("mailto:a@b.kr", "mailto:a@b.kr"),
        ("httpdocs/page", "httpdocs/page"),
    ],
)
def test_url_scheme_repair(url: str, fixed: str) -> None:
    assert repair_url_scheme(url) == fixed


def test_url_scheme_reading() -> None:
    assert url_scheme("&#106;ava\nscript:x") == "javascript"
    assert url_scheme("&amp;#106;avascript:x") == "javascript"
    assert url_scheme("?a=b:c") is None
    assert is_external("//cdn.other.org/x", frozenset({"a.kr"}))


def test_url_repair_in_html(engine: str) -> None:
    html = '<a href="httpss://newsdao.kr">httpss://newsdao.kr</a><img src="htps://a.kr/i.png">'
    assert sanitize_html(html, engine=engine) == (
        '<a href="https://newsdao.kr">httpss://newsdao.kr</a><img src="https://a.kr/i.png">'
    )
    # Off: the mistyped scheme is not an allowed protocol, so the engine drops the href.
    assert sanitize_html(html, _without("url_schemes"), engine=engine) == (
        "<a>httpss://newsdao.kr</a><img>"
    )


def test_rel(engine: str) -> None:
    html = '<a href="https://x.org" rel="dofollow Author" target="_blank">x</a>'
    assert sanitize_html(html, engine=engine) == (
        '<a href="https://x.org" rel="author noopener noreferrer" target="_blank">x</a>'
    )
    assert sanitize_html('<a href="/a" rel="dofollow">x</a>', engine=engine) == '<a href="/a">x</a>'


_GIF = "data:image/gif;base64,R0lGODlhAQABAAAAACw="


@pytest.mark.parametrize(
    ("img", "src"),
    [
        (f'<img src="{_GIF}" data-src="/photo.jpg" alt="A">', "/photo.jpg"),
        (f'<img src="{_GIF}" data-lazy-src=" https://a.kr/b.jpg " alt="A">', "https://a.kr/b.jpg"),
        ('<img data-original="/c.jpg" alt="A">', "/c.jpg"),
        (f'<img src="{_GIF}" data-srcset="/s.jpg 300w, /l.jpg 800w" alt="A">', "/l.jpg"),
        (f'<img src="{_GIF}" srcset="/s.jpg 300w, /l.jpg 800w" alt="A">', "/l.jpg"),
    ],
)
def test_lazy_images_get_their_real_image(engine: str, img: str, src: str) -> None:
    # In a paragraph, as the HTML writer sanitizes a post's inline images.
    shown = sanitize_html(f"<p>Text {img} text</p>", engine=engine)
    assert f'src="{src}"' in shown and "data:" not in shown and "data-" not in shown
    # Off: the placeholder is not an allowed image, so the image has no address left.
    assert "src=" not in sanitize_html(f"<p>{img}</p>", _without("lazy_images"), engine=engine)


def test_an_eager_image_is_left_alone(engine: str) -> None:
    html = '<img src="/a.jpg" srcset="/a.jpg 1x, /a@2x.jpg 2x" alt="A">'
    assert sanitize_html(html, engine=engine) == sanitize_html(html, _without("lazy_images"))


def test_editor_attributes(engine: str) -> None:
    loose = Policy.from_mapping(
        {"extends": "standard", "add_attributes": {"p": ["data-ke-size", "data-id"]}}
    )
    html = '<p data-ke-size="size16" data-id="7">x</p>'
    assert sanitize_html(html, loose, engine=engine) == '<p data-id="7">x</p>'
    kept = Policy.from_mapping(
        {
            "extends": "standard",
            "add_attributes": {"p": ["data-ke-size"]},
            "repairs": {"editor_attributes": False},
        }
    )
    assert sanitize_html(html, kept, engine=engine) == '<p data-ke-size="size16">x</p>'


def test_empty_paragraphs(engine: str) -> None:
    html = '<p>a</p>\n<p data-ke-size="size16">&nbsp;</p>\n<p><span> </span><br></p>\n<p>b</p>'
    assert sanitize_html(html, engine=engine) == "<p>a</p>\n<p>b</p>"
    assert "&nbsp;" in sanitize_html(html, _without("empty_paragraphs"), engine=engine)
    assert sanitize_html("<p><img src=a.png></p>", engine=engine) == '<p><img src="a.png"></p>'


def test_table_header(engine: str) -> None:
    html = (
        "<table>\n<tr>\n<td><b>출발</b></td>\n<td> <strong>도착</strong> </td>\n<td></td>\n</tr>\n"
        "<tr><td>10:45</td><td>13:22</td><td>x</td></tr>\n</table>"
    )
    out = sanitize_html(html, engine=engine)
    assert '<thead><tr>\n<th scope="col">출발</th>' in out
    assert '<th scope="col"> 도착 </th>' in out and "<tbody>" in out and "<b>" not in out
    assert "<thead>" not in sanitize_html(html, _without("table_headers"), engine=engine)
    # A first row that is not wholly bold stays a body row.
    mixed = "<table><tr><td><b>a</b> b</td></tr><tr><td>1</td></tr></table>"
    assert "<thead>" not in sanitize_html(mixed, engine=engine)


def test_heading_bold(engine: str) -> None:
    html = '<h3 data-ke-size="size23">1. <b>구조 분리</b> <strong>!</strong></h3>'
    assert sanitize_html(html, engine=engine) == "<h3>1. 구조 분리 !</h3>"
    assert "<b>" in sanitize_html(html, _without("heading_bold"), engine=engine)


def test_placeholder_scripts(engine: str) -> None:
    html = '<p>a</p><div><script src="your-script.js"></script></div><p>b</p>'
    permissive = "permissive"
    assert sanitize_html(html, permissive, engine=engine) == "<p>a</p><p>b</p>"
    keep = Policy.from_mapping({"extends": "permissive", "repairs": {"placeholder_scripts": False}})
    assert sanitize_html(html, keep, engine=engine) == "<p>a</p><div></div><p>b</p>"


def test_nfc_and_zero_width(engine: str) -> None:
    decomposed = "Cafe\u0301 \u200bnews\ufeff 👩\u200d💻"
    assert sanitize_html(decomposed, engine=engine) == "Café news 👩\u200d💻"
    assert sanitize_html(decomposed, _without("nfc"), engine=engine) == "Cafe\u0301 news 👩\u200d💻"
    assert "\u200b" in sanitize_html(decomposed, _without("zero_width"), engine=engine)


def test_collapse_spaces() -> None:
    title = "디지털정부협력에 관한 양해각서 체결 서명 즉시 발효  행정안전부"
    assert collapse_spaces(title) == "디지털정부협력에 관한 양해각서 체결 서명 즉시 발효 행정안전부"
    assert collapse_spaces("\u3000a\t\nb\xa0 ") == "a b"


def test_pre_leading_newline_is_kept(engine: str) -> None:
    # HTML parsers drop one newline after <pre>; the engine output must keep the rest.
    for html in ("<pre>\n\nx</pre>", "<pre>\nx</pre>", "<pre>x\n</pre>"):
        once = sanitize_html(html, engine=engine)
        assert sanitize_html(once, engine=engine) == once


def test_strict_keeps_words_apart(engine: str) -> None:
    assert sanitize_html("<h2>Title</h2><p>Body</p>", "strict", engine=engine) == "Title\nBody"


def test_empty_input() -> None:
    assert sanitize_html("") == ""
    assert sanitize_html("  \n") == "  \n"
