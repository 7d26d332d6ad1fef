"""The seed post parses to exactly what a reader sees."""

from __future__ import annotations

from pathlib import Path

from newspost import Image, Paragraph, Table, dumps, load


def test_front_matter(seed_path: Path) -> None:
    post = load(seed_path)
    assert (
        post.front_matter.title == "디지털정부협력에 관한 양해각서 체결 서명 즉시 발효  행정안전부"
    )
    assert post.title == post.front_matter.title  # the two spaces are kept
    assert post.front_matter.categories == ["News"]
    assert post.front_matter.image == "/assets/img/newsdao_breakingnews.jpg"
    assert post.front_matter.excerpt is not None and post.front_matter.excerpt.endswith("밝…\n")
    assert post.raw.format == "yaml"
    assert post.raw.key_lines["title"] == 2
    assert post.raw.key_lines["image"] == 11


def test_lead_holds_the_image(seed_path: Path) -> None:
    post = load(seed_path)
    assert len(post.lead) == 1
    image = post.lead[0]
    assert isinstance(image, Image)
    assert image.alt == "뉴스다오 속보"
    assert image.src == "/assets/img/newsdao_breakingnews.jpg"
    assert image.line == 14


def test_source(seed_path: Path) -> None:
    post = load(seed_path)
    assert len(post.sources) == 1
    source = post.sources[0]
    assert source.label == "출처"
    assert source.url == "httpss://newsdao.kr/2624"
    assert source.title == "한-영 ‘디지털정부협력에 관한 양해각서’ 체결…서명 즉시 발효 - 행정안전부"
    assert source.publisher == "뉴스다오"
    assert source.rel == ["dofollow"]
    assert source.line == 16


def test_sections(seed_path: Path) -> None:
    post = load(seed_path)
    assert [(s.level, s.title) for s in post.sections] == [
        (2, "한-영 ‘디지털정부 협력에 관한 양해각서’ 체결... 서명 즉시 발효"),
        (2, "양해각서 내용"),
        (2, "양해각서의 중요성"),
        (2, "양해각서의 영국 내각부 장관 발언"),
    ]
    assert [s.line for s in post.sections] == [18, 21, 24, 27]
    assert all(not s.sections for s in post.sections)
    assert [b.kind for b in post.sections[0].blocks] == ["paragraph"]


def test_last_section_table(seed_path: Path) -> None:
    post = load(seed_path)
    last = post.sections[-1]
    assert [b.kind for b in last.blocks] == ["paragraph", "table", "paragraph"]
    table = last.blocks[1]
    assert isinstance(table, Table)
    assert [c.text for c in table.header] == ["디지털정부 협력 계획", "영국 내각부의 노력"]
    assert all(c.is_header for c in table.header)
    assert table.header_source == "bold"
    assert len(table.rows) == 1
    assert table.rows[0][0].text == "전문가 교류, 포럼, 세미나, 비즈니스미팅 추진"
    assert table.line == 30
    assert post.tables == [table]


def test_footer(seed_path: Path) -> None:
    post = load(seed_path)
    assert len(post.footer) == 1
    footer = post.footer[0]
    assert isinstance(footer, Paragraph)
    assert footer.text.startswith("빠르고 정확한 뉴스를 원한다면? 바로,")
    assert [link.url for link in footer.links] == ["httpss://newsdao.kr"]
    assert footer.line == 44


def test_views(seed_path: Path) -> None:
    post = load(seed_path)
    assert [link.url for link in post.links] == ["httpss://newsdao.kr/2624", "httpss://newsdao.kr"]
    assert [link.line for link in post.links] == [16, 44]
    assert [image.alt for image in post.images] == ["뉴스다오 속보"]
    kinds = [block.kind for block in post.blocks()]
    assert kinds == [
        "image",
        "paragraph",
        "paragraph",
        "paragraph",
        "paragraph",
        "table",
        "paragraph",
        "paragraph",
    ]
    text = post.text
    assert text.startswith(
        "출처: 한-영"
    )  # the image has no visible text; the source line comes first
    assert "양해각서 내용" in text and "디지털정부 협력 계획 | 영국 내각부의 노력" in text
    assert text.rstrip().endswith("httpss://newsdao.kr")


def test_round_trip(seed_path: Path) -> None:
    assert dumps(load(seed_path)).encode("utf-8") == seed_path.read_bytes()
