"""Markdown extensions real posts use: what the site shows of them is what the model holds.

GitHub's alerts (``> [!NOTE]``), ``:::`` containers, definition lists, tables with
several header rows and footnotes, each in realistic posts (tests/parse/extended),
read without false findings and given back byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newspost import Cell, Quote, dumps, load, loads, validate

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
    assert [link.url for link in quotes[3].links] == ["https://toolkit.dev/releases/2.4"]


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


def _texts(post: object) -> list[tuple[str, str, int | None]]:
    return [(block.kind, block.text, block.line) for block in post.blocks()]  # type: ignore[attr-defined]


def test_container_fences_are_not_text_and_a_title_is_the_box_s_first_line() -> None:
    post = load(EXTENDED / "docusaurus-admonitions.md")
    assert post.flavor == "kramdown"  # YAML front matter: read as Jekyll's
    assert _texts(post) == [
        (
            "paragraph",
            "Version 3.2 brings a faster bundler, a new search page and better error "
            "messages for broken links.",
            11,
        ),
        ("paragraph", "Upgrade in one step", 15),
        ("paragraph", "Run npm install @acme/cli@latest and restart the development server.", 17),
        (
            "paragraph",
            "The legacyRoutes option is gone. Sites that set it must move their routes "
            "to the new routes list.",
            25,
        ),
        ("paragraph", "Nested boxes", 29),
        (
            "paragraph",
            "The outer box uses four colons, so the inner one can close with three.",
            31,
        ),
        ("paragraph", "Never commit the .env file.", 34),
        ("paragraph", "Write a box in Markdown like this:", 41),
        # A fence inside a code block closes nothing: the example stays code.
        ("code", ":::tip\nText of the tip.\n:::\n", 43),
        (
            "paragraph",
            "Thanks to everyone who tested the beta and reported problems on the forum.",
            51,
        ),
    ]


@pytest.mark.parametrize("flavor", ["kramdown", "goldmark"])
def test_vitepress_and_pandoc_containers(flavor: str) -> None:
    vitepress = loads((EXTENDED / "vitepress-containers.md").read_text(), flavor=flavor)
    assert [text for _, text, _ in _texts(vitepress)][1:5] == [
        "This release needs Node.js 20 or later.",
        "Breaking change",
        "The useData helper no longer returns site as a ref.",
        "Show the full list of fixes",
    ]
    assert list(vitepress.blocks())[5].kind == "list"
    pandoc = loads((EXTENDED / "pandoc-divs.md").read_text(), flavor=flavor)
    assert ":::" not in pandoc.text
    # Nested boxes closed with fences of the same length, as pandoc nests them.
    assert _texts(pandoc)[-2:] == [
        ("paragraph", "A nested note inside the sidebar, closed by its own fence.", 17),
        (
            "paragraph",
            "More details, with every fixed issue, are in the changelog on the project site.",
            21,
        ),
    ]


def test_what_is_no_container_stays_text() -> None:
    # A fence without a name opens nothing, the plain reading has no boxes, and a
    # fence indented four spaces is code.
    assert loads("Before\n\n:::\n\nAfter\n", flavor="kramdown").text == "Before\n:::\nAfter"
    assert ":::tip" in loads(":::tip\nText\n:::\n", flavor="commonmark").text
    assert loads("    :::tip\n    Text\n", flavor="goldmark").lead[0].kind == "code"


def test_a_container_interrupts_a_paragraph_and_ends_with_its_list_item() -> None:
    body = "Text\n:::note\nInside\n:::\n\n- item\n\n  ::: tip\n  In the item\n\nAfter\n"
    post = loads(body, flavor="goldmark")
    assert _texts(post) == [
        ("paragraph", "Text", 1),
        ("paragraph", "Inside", 3),
        ("list", "item In the item", 6),
        ("paragraph", "After", 11),
    ]
    assert dumps(post) == body


@pytest.mark.parametrize("flavor", ["kramdown", "goldmark"])
def test_definition_lists_are_terms_and_definitions_not_colon_paragraphs(flavor: str) -> None:
    # kramdown's definition lists, and Goldmark's (Hugo turns its extension on by default).
    text = (EXTENDED / "kramdown-glossary.md").read_text()
    post = loads(text, flavor=flavor)
    assert _texts(post)[1:-1] == [
        ("paragraph", "Base rate", 10),
        ("paragraph", "The rate every household pays on its first 10,000 euros of income.", 11),
        ("paragraph", "Top rate", 13),
        ("paragraph", "The rate on income above 80,000 euros.", 14),
        ("paragraph", "It applies from January 2025.", 15),
        ("paragraph", "Exemption", 17),
        ("paragraph", "Income that is not taxed at all, such as child benefit.", 18),
        ("paragraph", "Pensions below 12,000 euros are exempt as well.", 20),
    ]
    assert dumps(post) == text


def test_what_is_no_definition_list_stays_text() -> None:
    # "~" opens no definition in kramdown or Goldmark (only pandoc's), the plain
    # reading has none, and a colon needs a space after it.
    assert loads("10 a.m.\n~ 6 p.m.\n", flavor="goldmark").text == "10 a.m. ~ 6 p.m."
    assert loads("Term\n: text\n", flavor="commonmark").text == "Term : text"
    assert loads("Term\n:text\n", flavor="kramdown").text == "Term :text"


def _cells(row: list[Cell]) -> list[tuple[str, int, int]]:
    return [(cell.text, cell.colspan, cell.rowspan) for cell in row]


def test_a_header_of_several_rows_is_the_header_not_body_rows() -> None:
    post = load(EXTENDED / "election-tables.md")
    html_table, kramdown_table, parts_table = post.tables
    # A <thead> of two rows: "Votes" spans the two columns under it.
    assert _cells(html_table.header) == [("District", 1, 2), ("Votes", 2, 1)]
    assert [_cells(row) for row in html_table.subheader_rows] == [[("Yes", 1, 1), ("No", 1, 1)]]
    assert [row[0].text for row in html_table.rows] == [
        "North",
        "South",
        "Turnout figures are provisional.",
    ]
    assert html_table.size == (5, 3)
    assert len(html_table.row_lines) == len(html_table.all_rows) == 5
    # kramdown: every row above the separator line is a header row.
    assert [cell.text for cell in kramdown_table.header] == ["District", "Turnout"]
    assert [[c.text for c in row] for row in kramdown_table.subheader_rows] == [
        ["Registered", "Voted"]
    ]
    assert [row[0].text for row in kramdown_table.rows] == ["North", "South"]
    # A separator line later in a kramdown table divides its body; it is no row.
    assert parts_table.subheader_rows == []
    assert [row[0].text for row in parts_table.rows] == ["Green", "Red", "Blue"]


def test_header_rows_without_thead_join_the_header_where_a_cell_spans_into_them() -> None:
    body = (
        '<table><tr><th rowspan="2">Team</th><th colspan="2">Goals</th></tr>'
        "<tr><th>For</th><th>Against</th></tr>"
        "<tr><td>Lyon</td><td>3</td><td>1</td></tr></table>\n\n"
        "<table><tr><th>Name</th><th>Role</th></tr><tr><th>Ann</th><th>Chair</th></tr></table>\n"
    )
    spanned, plain = loads(body, flavor="kramdown").tables
    assert [[c.text for c in row] for row in spanned.subheader_rows] == [["For", "Against"]]
    assert [[c.text for c in row] for row in plain.subheader_rows] == []
    assert [[c.text for c in row] for row in plain.rows] == [["Ann", "Chair"]]


def test_a_header_of_several_rows_is_written_in_thead() -> None:
    post = load(EXTENDED / "election-tables.md")
    html = dumps(post, format="html")
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert '<th scope="col" rowspan="2">District</th>' in head
    assert '<th scope="col">Yes</th><th scope="col">No</th>' in head
    text = dumps(post, format="text")
    assert "District    Turnout\nRegistered  Voted\n----------  -------\nNorth" in text


@pytest.mark.parametrize("flavor", ["kramdown", "goldmark"])
def test_a_note_referred_to_twice_shows_its_number_twice(flavor: str) -> None:
    body = "One claim.[^src]\n\nThe same source.[^src]\n\n[^src]: Minutes of the meeting.\n"
    post = loads(body, flavor=flavor)
    assert [block.text for block in post.lead[:2]] == [  # type: ignore[union-attr]
        "One claim.[1]",
        "The same source.[1]",
    ]
    # Each reference keeps its own anchor, which the note's two links back point at.
    assert [link.url for link in post.links if "fnref" in link.url] == ["#fnref1", "#fnref1:1"]
    assert dumps(post) == body
