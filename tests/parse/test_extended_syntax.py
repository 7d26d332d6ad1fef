"""Markdown extensions real posts use: what the site shows of them is what the model holds.

GitHub's alerts (``> [!NOTE]``), ``:::`` containers, definition lists, tables with
several header rows and footnotes, each in realistic posts (tests/parse/extended),
read without false findings and given back byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newspost import Quote, dumps, load, loads, validate

EXTENDED = Path(__file__).parent / "extended"


def test_alerts_are_quotes_of_their_kind_without_the_marker() -> None:
    post = load(EXTENDED / "hugo-alerts.md")
    quotes = [block for block in post.blocks() if isinstance(block, Quote)]
    assert [(quote.alert, quote.text, quote.line) for quote in quotes] == [
        (
            "note",
            "Users of the 2.3 series can upgrade in place; no configuration changes are needed.",
            9,
        ),
        (
            "warning",
            "The legacy --fast flag is removed. Scripts that pass it will now fail. "
            "Run toolkit doctor to find them.",
            12,
        ),
        # Obsidian's fold sign and title (which Hugo's hooks read as AlertSign and
        # AlertTitle): the title stays, as the box shows it.
        (
            "tip",
            "Upgrade early The installer checks your configuration before it changes anything.",
            19,
        ),
        ("note", "The release notes list every change.", 22),
        (None, "A plain quote from the maintainers: “This is our fastest release yet.”", 26),
    ]
    assert "[!" not in quotes[0].html
    assert [link.url for link in quotes[3].links] == ["https://example.org/releases/2.4"]


@pytest.mark.parametrize("flavor", ["kramdown", "goldmark"])
def test_alerts_in_both_flavors(flavor: str) -> None:
    post = loads("> [!IMPORTANT]\n> Back up first.\n", flavor=flavor)
    quote = post.lead[0]
    assert isinstance(quote, Quote)
    assert (quote.alert, quote.text) == ("important", "Back up first.")


def test_what_is_no_alert_stays_text() -> None:
    # An escaped marker, a marker later in the quote, and the plain reading (commonmark).
    for body, flavor in [
        ("> \\[!NOTE]\n> Text.\n", "goldmark"),
        ("> Text.\n> [!NOTE]\n", "goldmark"),
        ("> [!NOTE]\n> Text.\n", "commonmark"),
        ("> [! NOTE]\n> Text.\n", "kramdown"),
    ]:
        quote = loads(body, flavor=flavor).lead[0]
        assert isinstance(quote, Quote)
        assert quote.alert is None and "[!" in quote.text, body


@pytest.mark.parametrize("name", sorted(path.name for path in EXTENDED.glob("*.md")))
def test_extended_posts_round_trip_without_structure_or_text_findings(name: str) -> None:
    path = EXTENDED / name
    post = load(path)
    assert dumps(post) == path.read_text(encoding="utf-8")
    codes = [issue.code for issue in validate(post).issues]
    # Only the NewsArticle and attribution notes a blog post gets (no image, no source).
    assert [code for code in codes if code[:3] not in ("NP3", "NP7")] == []


def test_an_alert_is_written_to_html_with_github_s_classes() -> None:
    post = loads("> [!WARNING]\n> Back up first.\n", flavor="goldmark")
    html = dumps(post, format="html")
    assert '<blockquote class="markdown-alert markdown-alert-warning">' in html
    assert "[!WARNING]" not in html
